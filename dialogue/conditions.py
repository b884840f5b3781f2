"""`when` conditions: Jinja2 expressions compiled in Jinja's sandbox, never Python `eval`.

A condition sees the answers given so far. Two kinds of absent answer matter:

- `Missing`: the question is not on the path (or was skipped). It is falsy, equals nothing, contains
  nothing and compares false, so `headcount >= 50 and monitoring` is simply false.
- `Unknown`: the question is on the path but not answered yet. Any use of it raises `UnknownAnswer`,
  which tells the engine that the outcome is still open; progress counts such questions as possible.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace
from typing import Any, NoReturn

from datafiles.marks import short


class UnknownAnswer(Exception):
    """The condition depends on an answer that has not been given yet."""


class ConditionError(ValueError):
    """A condition that does not parse, or uses what conditions may not use."""


_CACHE_LIMIT = 4096


@functools.cache
def _jinja() -> SimpleNamespace:
    """Jinja's sandbox and the two kinds of absent answer, made on first use.

    An interview restored from the cache needs Jinja2 only when a condition is first evaluated, after
    the first question is on screen (docs/decisions.md, "Start-up").
    """
    from jinja2 import TemplateError, Undefined, nodes
    from jinja2.exceptions import SecurityError, UndefinedError
    from jinja2.parser import Parser
    from jinja2.sandbox import SandboxedEnvironment

    class Missing(Undefined):
        """An answer that is not part of the path: false in every test."""

        __slots__ = ()

        def __lt__(self, other: object) -> bool:
            return False

        __le__ = __gt__ = __ge__ = __lt__

        def __eq__(self, other: object) -> bool:
            return False

        def __ne__(self, other: object) -> bool:
            return True

        def __hash__(self) -> int:
            return 0

    class Unknown(Missing):
        """An answer still to come: any use of it means the outcome is open."""

        __slots__ = ()

        def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> NoReturn:
            raise UnknownAnswer(self._undefined_name)

        __lt__ = __le__ = __gt__ = __ge__ = __eq__ = __ne__ = _fail_with_undefined_error  # type: ignore[assignment]
        __bool__ = __iter__ = __len__ = __str__ = __contains__ = _fail_with_undefined_error  # type: ignore[assignment]
        __add__ = __radd__ = __sub__ = __rsub__ = __getitem__ = _fail_with_undefined_error  # type: ignore[assignment]

        def __hash__(self) -> int:
            return 1

    return SimpleNamespace(
        environment=SandboxedEnvironment(undefined=Missing, autoescape=False),
        Unknown=Unknown,
        nodes=nodes,
        Parser=Parser,
        TemplateError=TemplateError,
        evaluation_errors=(UndefinedError, SecurityError, TypeError, ValueError, ArithmeticError),
    )


@dataclass(frozen=True)
class Comparison:
    """`name <op> constant(s)` found in a condition, so choice ids can be checked at load time."""

    name: str
    constants: tuple[Any, ...]


@dataclass
class Condition:
    """A `when` expression, the answers it reads, and (once compiled) the function that evaluates it."""

    source: str
    names: tuple[str, ...]
    comparisons: tuple[Comparison, ...]
    _evaluate: Callable[..., Any] | None = field(default=None, repr=False, compare=False)
    _cache: dict[tuple[Any, ...], bool] = field(default_factory=dict, repr=False, compare=False)

    @property
    def __name__(self) -> str:  # shown on transitions' diagrams
        return self.source

    def compile(self) -> Callable[..., Any]:
        """The compiled expression; done on first use, or ahead of it (e.g. while the user reads)."""
        if self._evaluate is None:
            self._evaluate = _jinja().environment.compile_expression(self.source, undefined_to_none=False)
        return self._evaluate

    def holds(self, answers: Mapping[str, Any]) -> bool:
        """True or False; raises UnknownAnswer while the outcome depends on answers still to come.

        `answers` maps a name to its value, to `UNKNOWN` while open; absent names are Missing.
        """
        key = tuple([cache_key(answers.get(name, _ABSENT)) for name in self.names])
        try:
            return self._cache[key]
        except KeyError:
            pass
        jinja = _jinja()
        evaluate = self._evaluate or self.compile()
        context = {name: value for name, value in answers.items() if name in self.names}
        for name, value in context.items():
            if value is UNKNOWN:
                context[name] = jinja.Unknown(name=name)
        try:
            outcome = bool(evaluate(**context))
        except UnknownAnswer:
            raise
        except jinja.evaluation_errors as error:
            raise ConditionError(f"condition {short(self.source)} cannot be evaluated: {error}") from None
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = outcome
        return outcome


class _Absent:
    def __repr__(self) -> str:
        return "ABSENT"


class _UnknownMarker:
    def __repr__(self) -> str:
        return "UNKNOWN"


_ABSENT = _Absent()
UNKNOWN = _UnknownMarker()  # put this in an answers mapping for an on-path question not answered yet


_PLAIN = frozenset({str, int, bool, float, date, type(None)})


def cache_key(value: Any) -> Any:
    """`value` as part of a key: lists as tuples, and True apart from 1."""
    kind = type(value)
    if kind in _PLAIN:
        return (kind, value)
    if isinstance(value, list | tuple):
        return tuple(value)
    if isinstance(value, date | str | int | float | bool) or value is None:
        return (type(value), value)
    return value


def compile_condition(source: str) -> Condition:
    """Parse and compile `source`; raise ConditionError with a plain explanation if it is not usable."""
    if not isinstance(source, str) or not source.strip():
        raise ConditionError("a condition must be a non-empty expression")
    jinja = _jinja()
    nodes = jinja.nodes
    try:
        parser = jinja.Parser(jinja.environment, source, state="variable")
        tree = parser.parse_expression()
        if not parser.stream.eos:
            parser.fail("unexpected text after the expression")
        evaluate = jinja.environment.compile_expression(source, undefined_to_none=False)
    except jinja.TemplateError as error:
        raise ConditionError(
            f"condition {short(source)} is not a valid expression: {error.message}"
        ) from None
    for test in _find_all(tree, nodes.Test):
        if test.name in {"defined", "undefined", "none"}:
            raise ConditionError(
                f"condition {short(source)} uses 'is {test.name}'; an answer that is not given is simply "
                "false, so test the answer itself"
            )
    names = tuple(sorted({node.name for node in _find_all(tree, nodes.Name) if node.ctx == "load"}))
    return Condition(source, names, tuple(_comparisons(tree)), evaluate)


def _find_all(tree: Any, node_type: type) -> Iterable[Any]:
    """Like Node.find_all, but the root itself counts too."""
    if isinstance(tree, node_type):
        yield tree
    yield from tree.find_all(node_type)


def _constants(node: Any) -> tuple[Any, ...] | None:
    nodes = _jinja().nodes
    if isinstance(node, nodes.Const):
        return (node.value,)
    if isinstance(node, nodes.List | nodes.Tuple) and all(isinstance(i, nodes.Const) for i in node.items):
        return tuple(item.value for item in node.items)  # type: ignore[attr-defined]
    return None


def _comparisons(tree: Any) -> Iterable[Comparison]:
    nodes = _jinja().nodes
    for compare in _find_all(tree, nodes.Compare):
        left = compare.expr
        for operand in compare.ops:
            right = operand.expr
            for name_side, constant_side in ((left, right), (right, left)):
                if isinstance(name_side, nodes.Name):
                    constants = _constants(constant_side)
                    if constants is not None:
                        yield Comparison(name_side.name, constants)
            left = right
