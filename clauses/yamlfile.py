"""A clause folder's YAML and templates, read by the one reader (datafiles.reading) as LibraryErrors.

A clause folder may come from someone else, so its files are read with every guard: at most 1 MB a file
(ours are under 100 KB), no Python objects, no aliases that expand without end, no number or date no
one can mean, keys that are text, no link out of the folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from clauses.errors import LibraryError
from datafiles import marks
from datafiles.errors import DataFileError, FileTooLarge, NotText, OutsideFolder, Unreadable
from datafiles.marks import Located, short
from datafiles.reading import ensure_inside, parse_yaml
from datafiles.reading import read_text as _read_text

__all__ = ["MAX_FILE_BYTES", "Located", "inside", "line_of", "load", "read_text", "short"]

MAX_FILE_BYTES = 1024 * 1024


def inside(path: Path, folder: Path) -> None:
    """Refuse a link that leads out of the clause folder: a folder received from someone else could
    otherwise make a clause of any file on this computer (a private key, a password file)."""
    try:
        ensure_inside(path, folder)
    except OutsideFolder:
        raise LibraryError(
            "is a link to something outside the clause folder; copy the file itself into the folder",
            file=path,
        ) from None


def read_text(path: Path, what: str = "file") -> str:
    """A library file's text; too large, unreadable or not UTF-8 is a LibraryError naming it."""
    try:
        return _read_text(path, max_bytes=MAX_FILE_BYTES)
    except FileTooLarge as error:
        raise LibraryError(
            f"the {what} is {error.size / (1024 * 1024):.1f} MB; a clause library file may be at most "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB",
            file=path,
        ) from None
    except NotText:
        raise LibraryError(f"cannot read the {what}: it is not UTF-8 text", file=path) from None
    except Unreadable as error:
        raise LibraryError(f"cannot read the {what} ({error.reason})", file=path) from None


def load(path: Path) -> Any:
    """Read a YAML file; any problem becomes a one-line LibraryError naming the file and line."""
    text = read_text(path)
    try:
        return parse_yaml(text, path, text_keys=True)
    except DataFileError as error:
        problem = f"not valid YAML: {error.problem}" if error.syntax else error.problem
        raise LibraryError(problem, file=path, line=error.line) from None


def line_of(value: Any) -> int | None:
    """The line where a mapping or list starts (not that of one of its keys)."""
    return value.line if isinstance(value, marks.Located | marks.LocatedList) else None
