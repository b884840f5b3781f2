"""Clauses as they read for the answers they read: rendered once, reused while those answers stay.

A live preview assembles the whole policy again after every answer, yet an answer changes only the
clauses that read it. Each template's own names (the answers and derived values it reads, never the
helpers) are found once, when it compiles; a rendered clause is kept under its language, its id and
the values of those names, and any assembly that gives the same values reuses it, its parsed blocks
(the same objects, so the preview recognises it at once) and the statutes it cites.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import meta, nodes

LIMIT = 16_384  # clauses kept; emptied when full (a policy has a few hundred at most)
_ABSENT = object()


@dataclass(frozen=True, slots=True)
class Kept:
    """A clause as rendered: its title and blocks (None for a clause that printed nothing) and the
    statutes it cited."""

    title: str | None
    blocks: tuple[Any, ...] | None
    cited: tuple[str, ...]


def names_read(tree: nodes.Template, helpers: Iterable[str]) -> tuple[str, ...]:
    """The names a template reads from its context, less the helpers every clause is given."""
    return tuple(sorted(meta.find_undeclared_variables(tree) - set(helpers)))


def _frozen(value: Any) -> Any:
    """`value` as part of a key: lists and mappings as tuples (raises TypeError if it cannot be)."""
    if isinstance(value, Mapping):
        return tuple((key, _frozen(item)) for key, item in sorted(value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, set | frozenset):
        return frozenset(value)
    hash(value)
    return (type(value), value)  # True and 1 are equal, but a template prints them differently


class RenderedClauses:
    """The clauses a library has rendered, by what they read."""

    def __init__(self) -> None:
        self._kept: dict[tuple[Any, ...], Kept] = {}

    @staticmethod
    def key(
        language: str, clause: str, partial: bool, names: tuple[str, ...], context: Mapping[str, Any]
    ) -> Any:
        """The key of a clause rendered with `context`, or None when a value it reads has no key."""
        try:
            values = tuple(_frozen(context.get(name, _ABSENT)) for name in names)
        except TypeError:
            return None
        return (language, clause, partial, values)

    def get(self, key: Any) -> Kept | None:
        return self._kept.get(key) if key is not None else None

    def keep(self, key: Any, kept: Kept) -> None:
        if key is None:
            return
        if len(self._kept) >= LIMIT:
            self._kept.clear()
        self._kept[key] = kept
