"""A pattern's clue: a character every match must contain, so a sentence without it is never searched."""

from __future__ import annotations

import re

# The standard library's own reader of regular expressions (what re.compile uses), to find a pattern's clue.
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Any


def clue(pattern: str) -> str:
    """A character outside letters and digits that every match of the pattern contains (the "@" of an
    e-mail address), or "": a pattern is searched only in a sentence that has its clue (one `in` test
    instead of a search at every position). Only the pattern's own sequence and its groups are looked
    into; a character in an alternative or an optional part is never a clue."""
    try:
        parsed = _parser.parse(pattern)
    except (re.error, RecursionError, OverflowError, ValueError):
        return ""
    return _clue(list(parsed))


def _clue(sequence: list[Any]) -> str:
    for op, argument in sequence:
        if op is _constants.LITERAL and not chr(argument).isalnum() and not chr(argument).isspace():
            return chr(argument)
        if op is _constants.SUBPATTERN:
            found = _clue(list(argument[-1]))
            if found:
                return found
    return ""
