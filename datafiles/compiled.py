"""The methods Python writes for every dataclass, compiled once and kept in the cache folder.

When a dataclass is created, Python writes the source of its `__init__`, `__repr__`, `__eq__` (and
`__hash__`, `__setattr__` and `__delattr__` for a frozen one) and compiles each: about 0.4 ms a class,
some 20-25 ms of a start for the sixty-odd dataclasses imported before the first question
(docs/decisions.md, "Start-up"). What compiling gives depends only on that source and the Python
version, so the compiled code is kept, as Python keeps its bytecode, under the version's magic number:
the next start runs the same code without compiling it. The classes are exactly those Python makes.

Like Python's own bytecode, the entry holds code: it is read only from a regular file that the user
owns and nobody else may write, and anything else (a damaged entry, another shape) is ignored and
written again. Nothing is written when Python is told not to write bytecode.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import importlib.util
import marshal
import os
import stat
import sys
import tempfile
from pathlib import Path
from types import CodeType
from typing import Any

from datafiles.cache import cache_folder

_compiled: dict[str, CodeType] = {}
_read_count = 0  # how many of `_compiled` came from the entry: more means there is something to keep


def entry() -> Path:
    return cache_folder() / f"dataclass-methods-{importlib.util.MAGIC_NUMBER.hex()}.marshal"


def install() -> None:
    """From now on, dataclasses' methods are compiled from the entry when it has them (once a process)."""
    global _read_count
    if getattr(dataclasses, "exec", None) is _exec:
        return
    _compiled.update(read(entry()))
    _read_count = len(_compiled)
    # `dataclasses` calls `exec(source, globals, locals)` for each method; a module global of that
    # name is found before the builtin.
    dataclasses.exec = _exec  # type: ignore[attr-defined]


def _exec(source: Any, globals: Any = None, locals: Any = None) -> None:
    if isinstance(source, str):
        code = _compiled.get(source)
        if code is None:
            code = _compiled[source] = compile(source, "<string>", "exec")
        source = code
    builtins.exec(source, globals, locals)


def read(path: Path) -> dict[str, CodeType]:
    """The compiled methods kept in `path`; nothing when it is missing, damaged or not safely the user's."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return {}
    with os.fdopen(descriptor, "rb") as stream:
        try:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode) or status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return {}
            if hasattr(os, "getuid") and status.st_uid != os.getuid():
                return {}
            kept = marshal.loads(stream.read())  # marshal.load reads a file in many small reads: 5x slower
        except (OSError, EOFError, ValueError, TypeError):
            return {}
    if not isinstance(kept, dict) or not all(
        isinstance(source, str) and isinstance(code, CodeType) for source, code in kept.items()
    ):
        return {}
    return kept


def keep() -> None:
    """Write the entry when methods were compiled since it was read. Never fatal: it only costs speed."""
    global _read_count
    if len(_compiled) == _read_count or sys.dont_write_bytecode:
        return
    path = entry()
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # As datafiles.cache.store: a name nobody can predict, replaced atomically.
        descriptor, temporary = tempfile.mkstemp(prefix=".dataclass-methods.", dir=path.parent)
        with os.fdopen(descriptor, "wb") as stream:
            marshal.dump(_compiled, stream)
        os.replace(temporary, path)
        temporary = None
        _read_count = len(_compiled)
    except (OSError, ValueError):
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
