"""A clause folder's YAML and templates, read by the one reader (datafiles.reading) as LibraryErrors.

A clause folder may come from someone else, so its files are read with every guard: only regular files
of the folder, at most 1 MB a file, no hard link (clauses.safefiles); no Python objects, no aliases that
expand without end, no number or date no one can mean, no base-60 number and no value over 100,000
characters (datafiles.scalars), keys that are text, no link out of the folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from clauses import safefiles
from clauses.errors import LibraryError
from datafiles import marks
from datafiles.errors import DataFileError
from datafiles.marks import Located, short
from datafiles.reading import parse_yaml

__all__ = ["MAX_FILE_BYTES", "Located", "inside", "line_of", "load", "read_text", "short"]

MAX_FILE_BYTES = safefiles.MAX_FILE_BYTES


def inside(path: Path, folder: Path) -> None:
    """Refuse a link that leads out of the clause folder, nowhere, or back to itself: a folder received
    from someone else could otherwise make a clause of any file on this computer (a private key, a
    password file). A name is a child of the folder, never `..`: only a link can lead out."""
    if path.is_symlink():
        safefiles.resolve_inside(path, folder)


def read_text(path: Path, what: str = "file") -> str:
    """A library file's text; a file that is not a regular file of the folder, too large, unreadable or
    not UTF-8 is a LibraryError naming it (see clauses.safefiles)."""
    return safefiles.read_text(path, what)


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
