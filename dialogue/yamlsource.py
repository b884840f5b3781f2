"""The interview's YAML, read by the one reader (datafiles.reading) with its problems as DefinitionErrors.

An interview folder is ours or the user's own, so the reader's guards apply as to any file: aliases
that would expand without end, numbers and dates no one can mean, text that is not YAML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datafiles.errors import DataFileError
from datafiles.marks import Located, LocatedList, line_of
from datafiles.reading import parse_yaml as _parse_yaml
from datafiles.reading import read_text
from dialogue.errors import DefinitionError

__all__ = ["Located", "LocatedList", "line_of", "parse_yaml", "read_yaml"]


def parse_yaml(text: str, file: Path | str) -> Any:
    """The data `text` holds; DefinitionError naming `file` and the line otherwise."""
    try:
        return _parse_yaml(text, file)
    except DataFileError as error:
        raise DefinitionError(error.problem, file=file, line=error.line) from None


def read_yaml(path: Path) -> Any:
    try:
        return parse_yaml(read_text(path), path)
    except DataFileError as error:  # not text, or not readable
        raise DefinitionError(error.problem, file=path, line=error.line) from None
