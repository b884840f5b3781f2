"""Data files read at every start, kept as JSON in the user's cache folder so the assistant starts fast.

Each entry's name carries checksums of what it was made from: any change makes a new entry, so a stale
one is never used. These entries hold plain data, never code (datafiles.compiled keeps compiled code
beside them, as Python keeps bytecode); a damaged or foreign entry is simply ignored and written
again. A cache that cannot be written only costs speed.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import zlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from platformdirs import user_cache_path

# Where the assistant keeps its drafts and its cache, instead of the user's data and cache folders.
HOME_VARIABLE = "POLICY_ASSISTANT_HOME"
FORMAT = 3  # of every entry: a new format makes new entries (3: named by CRC-32 and Adler-32)


def cache_folder() -> Path:
    home = os.environ.get(HOME_VARIABLE)
    if home:
        return Path(home).expanduser() / "cache"
    return user_cache_path("policy-assistant", appauthor=False)


def entry_name(kind: str, stem: str, *parts: bytes) -> Path:
    """The entry for data of `kind` made from `parts` (the bytes it depends on).

    Named by two checksums and the size of what it is made from: the entry is only ever compared with
    files on this machine, which nobody edits to collide, and zlib comes with Python's start where
    hashlib's OpenSSL took 2 ms to load (docs/decisions.md, "Start-up")."""
    crc, adler, size = 0, 1, 0
    for part in (f"{kind} {FORMAT}\n".encode(), *parts):
        crc, adler, size = zlib.crc32(part, crc), zlib.adler32(part, adler), size + len(part)
    return cache_folder() / f"{kind}-{stem}-{crc:08x}{adler:08x}{size:x}.json"


def load(entry: Path) -> Any:
    """The data kept in `entry`; OSError or ValueError when there is none or it cannot be trusted."""
    return json.loads(entry.read_text(encoding="utf-8"), object_hook=_decode)


def store(entry: Path, data: Any) -> None:
    """Write `entry` atomically and drop the older entries of the same kind and stem.

    Never fatal: a cache that cannot be written (a full disk, a read-only folder, data JSON cannot
    hold) only costs speed, and leaves no temporary file behind (issue 14, item 9).
    """
    kind_and_stem = entry.name.rsplit("-", 1)[0]
    temporary: str | None = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # mkstemp: a name nobody can predict, created 0600 in the cache folder itself (so the rename
        # is atomic); the rename replaces a link planted at the entry's name instead of following it.
        descriptor, temporary = tempfile.mkstemp(prefix=f".{kind_and_stem}.", suffix=".tmp", dir=entry.parent)
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            json.dump(data, stream, default=_encode, ensure_ascii=False)
        os.replace(temporary, entry)
        temporary = None
        for old in entry.parent.glob(f"{kind_and_stem}-*.json"):
            if old != entry:
                old.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError, RecursionError):
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def cached_parse(path: Path, parse: Callable[[bytes], Any], kind: str) -> Any:
    """`parse(path's bytes)`, kept under the bytes' checksums.

    JSON loads several times faster than YAML and needs no YAML parser imported. `parse` must return
    JSON-friendly data; its errors propagate and nothing is kept for a file that does not parse.
    """
    content = path.read_bytes()
    entry = entry_name(kind, path.stem, content)
    try:
        return load(entry)
    except (OSError, ValueError):
        pass
    data = parse(content)
    store(entry, data)
    return data


def _encode(value: Any) -> Any:
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, tuple | frozenset | set):
        return list(value)
    raise TypeError(f"cannot store {value!r}")


def _decode(mapping: dict[str, Any]) -> Any:
    if set(mapping) == {"$date"}:
        return date.fromisoformat(mapping["$date"])
    return mapping
