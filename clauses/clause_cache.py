"""Clauses as they read for the answers they read: rendered once, reused while those answers stay.

A live preview assembles the whole policy again after every answer, yet an answer changes only the
clauses that read it. Each template's own names (the answers and derived values it reads, never the
helpers) are found once, when it compiles; a rendered clause is kept under its language, its id and
the values of those names, and any assembly that gives the same values reuses it, its parsed blocks
(the same objects, so the preview recognises it at once) and the statutes it cites.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from typing import Any

from jinja2 import meta, nodes

from clauses.assemble import Rendered
from clauses.helpers import TERMS

LIMIT = 16_384  # clauses kept; emptied when full (a policy has a few hundred at most)
_ABSENT = object()


@dataclass(frozen=True, slots=True)
class Kept:
    """A clause as rendered, with its title, blocks and the statutes it cited (None for a clause that
    printed nothing), and the terms it introduced (clauses.parties)."""

    rendered: Rendered | None
    introduced: frozenset[str] = frozenset()


def names_read(
    tree: nodes.Template,
    helpers: Iterable[str],
    made_per_document: Mapping[str, tuple[str, ...]] | None = None,
    records: Iterable[str] = (),
) -> tuple[str | Compared, ...]:
    """The names a template reads from its context, less the helpers every clause is given.

    A helper `made_per_document` counts as the names it reads itself: `role` reads the document's
    roles, and a name ending in ".*" is narrowed by the helper's first argument where that is a
    constant (`role('crisis')` reads "facts.roles.crisis"). A name of `records` (the facts) counts
    as the parts the template reads of it, "facts.review_date" or "facts.roles.crisis.names", so a
    clause that names the crisis contact is not rendered again when the review date changes; a
    record used any other way (passed on whole, looped over, assigned) counts whole. An answer the
    template only compares with numbers counts as how it compares (`Compared`).
    """
    names: set[str | Compared] = set()
    made = made_per_document or {}
    parents = _parents(tree)
    for name in meta.find_undeclared_variables(tree) - set(helpers):
        if name in records:
            names.update(_parts_read(tree, name, parents))
        elif name in made:
            for read in made[name]:
                names.update(_narrowed(tree, name, read, parents) if read.endswith(".*") else (read,))
        else:
            names.add(_compared(tree, name, parents) or name)
    return tuple(sorted(names, key=str))


@dataclass(frozen=True, slots=True)
class Compared:
    """An answer a template only compares with numbers (`headcount >= 50`): two whole numbers that
    fall on the same side of each of those numbers read the same, so they share a rendering."""

    name: str
    constants: tuple[int | float, ...]

    def __str__(self) -> str:
        return self.name

    def signature(self, value: Any) -> Any:
        """What the comparisons can tell of `value`; any value but a whole number is itself."""
        if type(value) is int:
            return (Compared, tuple([(value > c) - (value < c) for c in self.constants]))
        return _frozen(value)


_ORDERINGS = frozenset({"eq", "ne", "gt", "gteq", "lt", "lteq"})


def _compared(tree: nodes.Template, name: str, parents: dict[int, nodes.Node]) -> Compared | None:
    """`name` as a Compared, if the template uses it only in comparisons with number constants."""
    constants: set[int | float] = set()
    for use in _uses(tree, name):
        parent = parents.get(id(use))
        compare = parents.get(id(parent)) if isinstance(parent, nodes.Operand) else parent
        if use.ctx != "load" or not isinstance(compare, nodes.Compare):
            return None
        operands = [compare.expr, *(operand.expr for operand in compare.ops)]
        place = next(index for index, operand in enumerate(operands) if operand is use)
        neighbours = []
        if place > 0:
            neighbours.append((compare.ops[place - 1].op, operands[place - 1]))
        if place + 1 < len(operands):
            neighbours.append((compare.ops[place].op, operands[place + 1]))
        for op, other in neighbours:
            if not (
                op in _ORDERINGS and isinstance(other, nodes.Const) and type(other.value) in (int, float)
            ):
                return None
            constants.add(other.value)
    return Compared(name, tuple(sorted(constants))) if constants else None


def _parents(tree: nodes.Template) -> dict[int, nodes.Node]:
    parents: dict[int, nodes.Node] = {}
    for node in (tree, *tree.find_all(nodes.Node)):
        for child in node.iter_child_nodes():
            parents[id(child)] = node
    return parents


def _uses(tree: nodes.Template, name: str) -> list[nodes.Name]:
    return [node for node in tree.find_all(nodes.Name) if node.name == name]


def _attribute(node: nodes.Node, below: nodes.Node) -> str | None:
    """The attribute `node` reads of `below` (`facts.roles`), if it does; `facts['roles']` does not
    count, as Jinja looks up an item before an attribute there, and `_value` looks up as `.` does."""
    if isinstance(node, nodes.Getattr) and node.node is below:
        return node.attr
    return None


def _parts_read(tree: nodes.Template, record: str, parents: dict[int, nodes.Node]) -> set[str]:
    found: set[str] = set()
    for use in _uses(tree, record):
        if use.ctx != "load":
            return {record}
        path, node = [record], use
        while (parent := parents.get(id(node))) is not None and (
            part := _attribute(parent, node)
        ) is not None:
            path.append(part)
            node = parent
        parent = parents.get(id(node))
        if isinstance(parent, nodes.Call) and parent.node is node and len(path) > 1:
            path.pop()  # a method called: what is read is the object it belongs to
        if len(path) == 1:
            return {record}
        found.add(".".join(path))
    return found


def _narrowed(tree: nodes.Template, helper: str, read: str, parents: dict[int, nodes.Node]) -> set[str]:
    whole = read[: -len(".*")]
    found: set[str] = set()
    for use in _uses(tree, helper):
        call = parents.get(id(use))
        if not (isinstance(call, nodes.Call) and call.node is use and call.args):
            return {whole}
        first = call.args[0]
        if not (isinstance(first, nodes.Const) and isinstance(first.value, str)):
            return {whole}
        found.add(f"{whole}.{first.value}")
    return found


_PLAIN = frozenset({str, int, bool, float, type(None), date})


def _frozen(value: Any) -> Any:
    """`value` as part of a key: lists, mappings and dataclasses (the facts) as tuples (raises
    TypeError if it cannot be)."""
    kind = type(value)
    if kind in _PLAIN:
        return (kind, value)  # True and 1 are equal, but a template prints them differently
    if kind is list or kind is tuple:
        return tuple([_frozen(item) for item in value])
    names = _FIELDS.get(kind)
    if names is None and is_dataclass(kind):
        names = _FIELDS[kind] = tuple(field.name for field in fields(kind))
    if names is not None:
        return (kind, tuple([_frozen(getattr(value, name)) for name in names]))
    if isinstance(value, Mapping):
        return tuple((key, _frozen(item)) for key, item in sorted(value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, set | frozenset):
        return frozenset(value)
    hash(value)
    return (kind, value)


_FIELDS: dict[type, tuple[str, ...]] = {}  # the fields of each dataclass met, by type


def _value(name: str, context: Mapping[str, Any]) -> Any:
    """The value of `name` in `context`; "facts.roles.crisis" is a part of a record (`names_read`),
    looked up as Jinja looks up `facts.roles.crisis`: an attribute, else an item."""
    first, *parts = name.split(".")
    value = context.get(first, _ABSENT)
    for part in parts:
        try:
            value = getattr(value, part)
        except AttributeError:
            try:
                value = value[part]
            except (LookupError, TypeError):
                return _ABSENT
    return value


def _key_part(name: str | Compared, context: Mapping[str, Any]) -> Any:
    """What a key holds of the value `name` reads in `context`."""
    if isinstance(name, Compared):
        return name.signature(context.get(name.name, _ABSENT))
    return _frozen(_value(name, context))


class RenderedClauses:
    """The clauses a library has rendered, by what they read."""

    def __init__(self) -> None:
        self._kept: dict[tuple[Any, ...], Kept] = {}
        # Each value read, as part of a key, numbered: a key is then a short tuple of small numbers,
        # quick to hash, however large the values it stands for (the roles, the sectors' nouns).
        # Numbers are never given twice, not even after emptying: a document assembled in another
        # thread meanwhile may still hold the old ones, and its keys then only miss.
        self._numbers: dict[Any, int] = {}
        self._next = itertools.count()

    @staticmethod
    def key(
        language: str,
        clause: str,
        partial: bool,
        names: tuple[str | Compared, ...],
        context: Mapping[str, Any],
    ) -> Any:
        """The key of a clause rendered with `context`, or None when a value it reads has no key."""
        try:
            values = tuple(_key_part(name, context) for name in names)
        except TypeError:
            return None
        return (language, clause, partial, values)

    def document(self, language: str, partial: bool, context: Mapping[str, Any]) -> DocumentKeys:
        """The keys of the clauses of one document assembled with `context`."""
        if len(self._kept) >= LIMIT or len(self._numbers) >= LIMIT:
            self._kept.clear()
            self._numbers.clear()
        return DocumentKeys(self._numbers, self._next, (language, partial), context)

    def get(self, key: Any) -> Kept | None:
        return self._kept.get(key) if key is not None else None

    def keep(self, key: Any, kept: Kept) -> None:
        if key is not None:
            self._kept[key] = kept


class DocumentKeys:
    """The keys of one document's clauses: each value a clause reads becomes part of a key once per
    document, as the number RenderedClauses gave it. The context stays the same while the document is
    assembled, but for the terms introduced so far, which only grow."""

    __slots__ = ("_context", "_next", "_numbers", "_parts", "_prefix", "_terms_seen")

    def __init__(
        self,
        numbers: dict[Any, int],
        following: Iterator[int],
        prefix: tuple[Any, ...],
        context: Mapping[str, Any],
    ) -> None:
        self._numbers = numbers
        self._next = following
        self._prefix = prefix
        self._context = context
        self._parts: dict[str | Compared, int] = {}
        self._terms_seen = -1

    def key(self, clause: str, names: tuple[str | Compared, ...]) -> Any:
        """The key of `clause`, which reads `names`; None when a value it reads has no key."""
        parts = self._parts
        terms = self._context.get(TERMS, ())
        if len(terms) != self._terms_seen:  # the terms only grow: a new size is a new set
            parts[TERMS], self._terms_seen = self._number(frozenset(terms)), len(terms)
        try:
            return (self._prefix, clause, tuple([parts[n] if n in parts else self._part(n) for n in names]))
        except TypeError:
            return None

    def _part(self, name: str | Compared) -> int:
        part = self._parts[name] = self._number(_key_part(name, self._context))
        return part

    def _number(self, frozen: Any) -> int:
        number = self._numbers.get(frozen)
        if number is None:
            # Safe when two threads number values at once (previews and exports run in workers):
            # `next` never gives a number twice, and setdefault keeps the first number a value got.
            number = self._numbers.setdefault(frozen, next(self._next))
        return number
