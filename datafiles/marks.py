"""YAML values that remember where they were written, for errors that name the line."""

from __future__ import annotations

import reprlib
from typing import Any


class Located(dict[Any, Any]):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]


class LocatedList(list[Any]):
    """A sequence that knows its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


class LocatedText(str):
    """A text that knows its line (1-based); only read with `text_lines=True`."""

    line: int = 0


def line_of(container: Any, key: Any = None) -> int | None:
    """The line of `key` in a Located mapping, of an item in a LocatedList, or of the value itself."""
    if key is not None:
        if isinstance(container, Located):
            return container.key_lines.get(key, container.line)
        if (
            isinstance(container, LocatedList)
            and isinstance(key, int)
            and 0 <= key < len(container.item_lines)
        ):
            return container.item_lines[key]
    return getattr(container, "line", None) or None


def short(value: Any) -> str:
    """A value quoted in a message: a few items and characters, however large the value."""
    return _SHORT.repr(value)


class _Short(reprlib.Repr):
    # reprlib finds its method by the type's name: the located types are quoted as what they hold.
    repr_Located = reprlib.Repr.repr_dict
    repr_LocatedList = reprlib.Repr.repr_list
    repr_LocatedText = reprlib.Repr.repr_str


_SHORT = _Short()
_SHORT.maxlevel, _SHORT.maxlist, _SHORT.maxdict, _SHORT.maxstring, _SHORT.maxother = 2, 4, 4, 60, 60
