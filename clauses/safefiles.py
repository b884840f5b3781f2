"""Opening the files of a clause folder, which may come from someone else and be built to hurt.

- Only regular files are opened: a FIFO would block the reader forever, a device (``/dev/zero``)
  would be read until the memory runs out. The type is checked before the file is opened, and again
  on the open file (``O_NONBLOCK``: opening a FIFO does not wait for a writer).
- A link is followed only to a file inside the folder (loader.py checks that); the file is then opened
  with ``O_NOFOLLOW``, so a link swapped in meanwhile is refused, not followed. A link that leads
  back to itself is a clear error, not a RuntimeError.
- A file with more than one hard link is refused in a folder that is not ours: a hard link is an
  outside file's content under a name inside the folder, which no link check can see. (Our own
  library may be installed with hard links, by uv for example.)
- Sizes are checked before reading: MAX_FILE_BYTES a file, and MAX_FOLDER_BYTES and MAX_FOLDER_FILES
  for all the files of one folder.

Every refusal is a LibraryError naming the file.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from clauses.errors import LibraryError
from datafiles.reading import kind_of

MAX_FILE_BYTES = 1024 * 1024  # our largest library file is under 100 KB
MAX_FOLDER_BYTES = 20 * 1024 * 1024  # our whole library is 1.5 MB
MAX_FOLDER_FILES = 5_000  # ours has about 340

OUR_LIBRARY = Path(__file__).resolve().parent / "library"

_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class _Folder:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.ours = _resolved(path) == OUR_LIBRARY
        self.bytes = 0
        self.files = 0


_local = threading.local()


@contextmanager
def folder(path: Path) -> Iterator[None]:
    """The files read inside belong to the library folder `path` and count against its limits."""
    outer = getattr(_local, "folder", None)
    _local.folder = _Folder(path)
    try:
        yield
    finally:
        _local.folder = outer


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link loop: never ours
        return path.absolute()


def resolve_inside(path: Path, root: Path) -> Path:
    """Where `path` leads, which must be inside `root`: a folder received from someone else could
    otherwise make a clause of any file on this computer (a private key, a password file)."""
    try:
        target = path.resolve(strict=path.is_symlink())
    except RuntimeError:  # Python 3.11 reports a link loop this way
        raise LibraryError("is a link that leads back to itself (a loop)", file=path) from None
    except OSError as error:
        raise LibraryError(f"is a link that leads nowhere ({error.strerror})", file=path) from None
    if not target.is_relative_to(_resolved(root)):
        raise LibraryError(
            "is a link to something outside the clause folder; copy the file itself into the folder",
            file=path,
        )
    return target


def read_text(path: Path, what: str = "file") -> str:
    """A library file's text: a regular file, within the size limits, UTF-8; anything else is a
    LibraryError naming it."""
    current: _Folder | None = getattr(_local, "folder", None)
    try:
        target = path
        if path.is_symlink():
            target = resolve_inside(path, current.path) if current else path.resolve(strict=True)
        kind = kind_of(os.lstat(target).st_mode)
        if kind is not None:
            raise LibraryError(
                f"the {what} is {kind}, not a file; a clause folder holds files only", file=path
            )
        descriptor = os.open(target, _FLAGS)
        try:
            info = os.fstat(descriptor)
            _check(path, what, info, current)
            data = _read(descriptor, MAX_FILE_BYTES + 1)
        finally:
            os.close(descriptor)
    except RuntimeError:
        raise LibraryError("is a link that leads back to itself (a loop)", file=path) from None
    except OSError as error:
        raise LibraryError(
            f"cannot read the {what} ({error.strerror or error.__class__.__name__})", file=path
        ) from None
    if len(data) > MAX_FILE_BYTES:  # it grew while it was read
        raise _too_large(path, what, len(data))
    if current is not None:
        current.bytes += len(data)
        current.files += 1
        if current.bytes > MAX_FOLDER_BYTES or current.files > MAX_FOLDER_FILES:
            raise LibraryError(
                f"the clause folder holds more than {MAX_FOLDER_BYTES // (1024 * 1024)} MB or "
                f"{MAX_FOLDER_FILES:,} files to read; a clause library needs far less",
                file=current.path,
            )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise LibraryError(f"cannot read the {what} (it is not UTF-8 text)", file=path) from None


def _check(path: Path, what: str, info: os.stat_result, current: _Folder | None) -> None:
    kind = kind_of(info.st_mode)
    if kind is not None:  # it changed between the two looks
        raise LibraryError(f"the {what} is {kind}, not a file; a clause folder holds files only", file=path)
    if info.st_nlink > 1 and current is not None and not current.ours:
        raise LibraryError(
            f"the {what} has {info.st_nlink} hard links, so its content may belong to a file outside "
            "the clause folder; copy the file itself into the folder",
            file=path,
        )
    if info.st_size > MAX_FILE_BYTES:
        raise _too_large(path, what, info.st_size)


def _too_large(path: Path, what: str, size: int) -> LibraryError:
    return LibraryError(
        f"the {what} is {size / (1024 * 1024):.1f} MB; a clause library file may be at most "
        f"{MAX_FILE_BYTES // (1024 * 1024)} MB",
        file=path,
    )


def _read(descriptor: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = os.read(descriptor, min(1024 * 1024, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)
