"""Clauses as they read for the answers they read: rendered once, reused while those answers stay.

A live preview assembles the whole policy again after every answer, yet an answer changes only the
clauses that read it. Each template's own names (the answers and derived values it reads, never the
helpers) are found once, when it compiles; a rendered clause is kept under its language, its id and
the values of those names, and any assembly that gives the same values reuses it, its parsed blocks
(the same objects, so the preview recognises it at once) and the statutes it cites.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from jinja2 import meta, nodes

LIMIT = 16_384  # clauses kept; emptied when full (a policy has a few hundred at most)
_ABSENT = object()


@dataclass(frozen=True, slots=True)
class Kept:
    """A clause as rendered: its title and blocks (None for a clause that printed nothing), the
    statutes it cited and the terms it introduced (clauses.parties)."""

    title: str | None
    blocks: tuple[Any, ...] | None
    cited: tuple[str, ...]
    introduced: frozenset[str] = frozenset()


def names_read(
    tree: nodes.Template,
    helpers: Iterable[str],
    made_per_document: Mapping[str, tuple[str, ...]] | None = None,
) -> tuple[str, ...]:
    """The names a template reads from its context, less the helpers every clause is given; a helper
    `made_per_document` counts as the names it reads itself (`role` reads the document's facts)."""
    names: set[str] = set()
    for name in meta.find_undeclared_variables(tree) - set(helpers):
        names.update((made_per_document or {}).get(name, (name,)))
    return tuple(sorted(names))


def _frozen(value: Any) -> Any:
    """`value` as part of a key: lists, mappings and dataclasses (the facts) as tuples (raises
    TypeError if it cannot be)."""
    if is_dataclass(value) and not isinstance(value, type):
        return (type(value), tuple(_frozen(getattr(value, field.name)) for field in fields(value)))
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
