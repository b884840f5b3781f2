"""The sandbox clause templates and conditions run in, hardened for libraries written by someone else.

Jinja2's SandboxedEnvironment already refuses what would read files or run code: attributes that start
with "_" (``''.__class__``, ``lipsum.__globals__``), internal attributes of functions and frames, and
ranges over 100,000 items. A law firm's clause folder (``--clauses DIR``) is code from outside, so this
adds, for every template and condition, ours included:

- at load time, with the file and line: no ``include``, ``import``, ``extends`` (a clause cannot read
  another file; there is no loader either), no name or attribute starting with "_", no ``self``, no
  recursive loops, and only the filters listed in FILTERS;
- while rendering, within one assembly: at most MAX_STEPS loop iterations, calls and operators, and
  MAX_SECONDS; no text, list or number grows past MAX_TEXT characters (or MAX_DIGITS digits) through
  ``*``, ``**``, ``+``, ``%``, ``~``, join or replace; only the methods of text, lists and mappings listed
  in METHODS (no ``center``, ``format``, ``append``: an attribute outside them is refused).

Every refusal is a RenderLimit or a SecurityError, which the library reports as one line naming the file,
the line and the clause.
"""

from __future__ import annotations

import re
import threading
import time
import types
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.filters import FILTERS as JINJA_FILTERS
from jinja2.sandbox import SandboxedEnvironment

MAX_STEPS = 200_000  # ours need under a thousand per document
MAX_SECONDS = 2.0  # ours need a few milliseconds
MAX_TEXT = 200_000  # characters in any one value: a whole policy is about 40,000
MAX_DIGITS = 1_000

# Filters with an output no larger than their input (or checked below). Left out: the ones that make
# large text from a number (center, indent, wordwrap, format, filesizeformat, batch, slice), produce HTML
# or JSON (urlize, xmlattr, tojson, escape, safe, urlencode, pprint), vary between runs (random), or look
# attributes up by a name made at run time (attr).
FILTERS = frozenset(
    {
        *("abs", "capitalize", "count", "d", "default", "dictsort", "first", "float", "groupby", "int"),
        *("items", "join", "last", "length", "list", "lower", "map", "max", "min", "reject", "rejectattr"),
        *("replace", "reverse", "round", "select", "selectattr", "sort", "string", "striptags", "sum"),
        *("title", "trim", "truncate", "unique", "upper", "wordcount"),
    }
)
_TEXT_METHODS = frozenset(
    {
        *("capitalize", "casefold", "count", "endswith", "find", "index", "isalnum", "isalpha"),
        *("isdecimal", "isdigit", "islower", "isnumeric", "isspace", "istitle", "isupper", "join", "lower"),
        *("lstrip", "partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex"),
        *("rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase"),
        *("title", "upper"),
    }
)
METHODS: dict[type, frozenset[str]] = {
    str: _TEXT_METHODS,
    list: frozenset({"count", "index"}),
    tuple: frozenset({"count", "index"}),
    dict: frozenset({"get", "items", "keys", "values"}),
}
_FORBIDDEN_TAGS = {
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "from ... import",
    nodes.Extends: "extends",
    nodes.Block: "block",
}
_WIDTH = re.compile(r"%[#0 +\-]*(\*|\d+)?(?:\.(\*|\d+))?")


class RenderLimit(Exception):
    """A template went over one of the limits above."""


class ForbiddenConstruct(TemplateSyntaxError):
    """A template uses something clause templates may not; found before it is ever rendered."""


# --- the budget of one assembly ----------------------------------------------------------------------


class _Budget:
    def __init__(self) -> None:
        self.steps = 0
        self.deadline = time.monotonic() + MAX_SECONDS


_local = threading.local()


@contextmanager
def budget() -> Iterator[None]:
    """Everything rendered inside shares one budget (nested calls join the outer one)."""
    if getattr(_local, "budget", None) is not None:
        yield
        return
    _local.budget = _Budget()
    try:
        yield
    finally:
        _local.budget = None


def spend(steps: int = 1) -> None:
    current = getattr(_local, "budget", None)
    if current is None:  # rendered outside `budget()`: the library renders nothing that way
        return
    current.steps += steps
    if current.steps > MAX_STEPS:
        raise RenderLimit(
            f"more than {MAX_STEPS:,} loop steps, calls and operations: a loop too large or a macro "
            "that calls itself without end"
        )
    if current.steps % 256 == 0 and time.monotonic() > current.deadline:
        raise RenderLimit(f"rendering took more than {MAX_SECONDS:g} seconds")


def _too_long(what: str, size: int) -> RenderLimit:
    return RenderLimit(f"{what} would be {size:,} long, more than the {MAX_TEXT:,} a clause may make")


def text_of(value: Any) -> str:
    """str(value), refused before it is made when it would be too long (nested lists repeat quickly)."""
    if isinstance(value, str):
        return value
    size = 0
    pending = [value]
    while pending:
        item = pending.pop()
        size += len(item) + 2 if isinstance(item, str) else 4
        if size > MAX_TEXT:
            raise _too_long("a text", size)
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            pending.extend(item)
    return str(value)


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, str | list | tuple) else None


# --- guarded filters and methods ---------------------------------------------------------------------


def _checked_replace(text: str, old: str, new: str, count: int | None = None) -> int:
    times = len(text) + 1 if old == "" else text.count(old)
    if count is not None and count >= 0:
        times = min(times, count)
    return len(text) + times * (len(str(new)) - len(str(old)))


def _replace_filter(original: Callable[..., Any]) -> Callable[..., Any]:
    def replace(eval_ctx: Any, value: Any, old: Any, new: Any, count: Any = None) -> Any:
        size = _checked_replace(text_of(value), str(old), str(new), count if isinstance(count, int) else None)
        if size > MAX_TEXT:
            raise _too_long("the text after replace", size)
        return original(eval_ctx, value, old, new, count)

    replace.jinja_pass_arg = original.jinja_pass_arg  # type: ignore[attr-defined]
    return replace


def _join_filter(original: Callable[..., Any]) -> Callable[..., Any]:
    def join(eval_ctx: Any, value: Iterable[Any], d: str = "", attribute: Any = None) -> Any:
        items = list(value)
        spend(len(items))
        if attribute is None:
            size = sum(len(text_of(item)) for item in items) + len(str(d)) * max(len(items) - 1, 0)
            if size > MAX_TEXT:
                raise _too_long("the joined text", size)
        return original(eval_ctx, items, d, attribute)

    join.jinja_pass_arg = original.jinja_pass_arg  # type: ignore[attr-defined]
    return join


def _string_filter(value: Any) -> str:
    return text_of(value)


def _sum_filter(original: Callable[..., Any]) -> Callable[..., Any]:
    def total(environment: Any, iterable: Iterable[Any], attribute: Any = None, start: Any = 0) -> Any:
        if not isinstance(start, int | float) or isinstance(start, bool):
            raise RenderLimit("sum adds numbers only")
        return original(environment, iterable, attribute, start)

    total.jinja_pass_arg = original.jinja_pass_arg  # type: ignore[attr-defined]
    return total


def _checked_args(method: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """The arguments of a str.replace() or str.join(), refused before a result that would be too long
    is made (join's items become a list: a generator measured would be empty when joined)."""
    owner, name = method.__self__, method.__name__
    if not isinstance(owner, str):
        return args
    if name == "replace" and len(args) >= 2:
        count = args[2] if len(args) > 2 and isinstance(args[2], int) else None
        size = _checked_replace(owner, text_of(args[0]), text_of(args[1]), count)
        if size > MAX_TEXT:
            raise _too_long("the text after replace()", size)
    elif name == "join" and args:
        items = list(args[0])
        spend(len(items))
        size = sum(len(text_of(item)) for item in items) + len(owner) * max(len(items) - 1, 0)
        if size > MAX_TEXT:
            raise _too_long("the joined text", size)
        return (items, *args[1:])
    return args


# --- the environment ---------------------------------------------------------------------------------


class _Generator(CodeGenerator):
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        # "~" joins any values as text: checked like join, so it cannot double a text without end.
        self.write("environment.concat((")
        for part in node.nodes:
            self.visit(part, frame)
            self.write(", ")
        self.write("))")


class ClauseEnvironment(SandboxedEnvironment):
    """The sandbox with the checks and limits this module describes."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"*", "**", "+", "%", "//", "/"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        for name in ("lipsum", "cycler", "joiner"):
            self.globals.pop(name, None)
        self.filters = {name: JINJA_FILTERS[name] for name in FILTERS}
        self.filters["replace"] = _replace_filter(JINJA_FILTERS["replace"])
        self.filters["join"] = _join_filter(JINJA_FILTERS["join"])
        self.filters["sum"] = _sum_filter(JINJA_FILTERS["sum"])
        self.filters["string"] = _string_filter

    # --- at load time ---

    def _generate(
        self, source: nodes.Template, name: str | None, filename: str | None, defer_init: bool = False
    ) -> str:
        check(source, self, name, filename)
        for loop in source.find_all(nodes.For):
            # environment.budgeted(iter): counts every step of the loop (not a name a template can reach).
            counter = nodes.EnvironmentAttribute("budgeted", lineno=loop.lineno)
            loop.iter = nodes.Call(counter, [loop.iter], [], None, None, lineno=loop.lineno)
        return super()._generate(source, name, filename, defer_init)

    # --- while rendering ---

    def budgeted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        for item in iterable:
            spend()
            yield item

    def concat(self, parts: tuple[Any, ...]) -> str:
        spend()
        texts = [text_of(part) for part in parts]
        size = sum(map(len, texts))
        if size > MAX_TEXT:
            raise _too_long("a text joined with ~", size)
        return "".join(texts)

    def wrap_str_format(self, value: Any) -> None:
        # Jinja hands str.format out in a sandboxed wrapper; a clause has no use for it, and a width of
        # 300,000,000 would make that many spaces. Refused like any other method not in METHODS.
        return None

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        allowed = next((names for kind, names in METHODS.items() if isinstance(obj, kind)), None)
        return allowed is None or attr in allowed  # e.g. no str.center, str.format, list.append

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        spend()
        if isinstance(__obj, types.BuiltinMethodType):
            args = _checked_args(__obj, args)
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        spend()
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)


def _digits(number: int) -> int:
    return abs(number).bit_length() * 3 // 10 + 1  # about log10(2) digits per bit


def _check_binop(operator: str, left: Any, right: Any) -> None:
    integers = all(isinstance(x, int) and not isinstance(x, bool) for x in (left, right))
    if operator == "**" and integers and abs(left) > 1 and right > 0:
        if right * _digits(left) > MAX_DIGITS:
            raise RenderLimit(f"a number of more than {MAX_DIGITS:,} digits")
    elif operator == "*" and integers:
        if _digits(left) + _digits(right) > MAX_DIGITS:
            raise RenderLimit(f"a number of more than {MAX_DIGITS:,} digits")
    elif operator == "*":
        for sequence, times in ((left, right), (right, left)):
            size = _size(sequence)
            if size is not None and isinstance(times, int) and size * times > MAX_TEXT:
                raise _too_long("the repeated value", size * times)
    elif operator == "+":
        sizes = (_size(left), _size(right))
        if None not in sizes and sum(sizes) > MAX_TEXT:  # type: ignore[arg-type]
            raise _too_long("the sum", sum(sizes))  # type: ignore[arg-type]
    elif operator == "%" and isinstance(left, str):
        for width, precision in _WIDTH.findall(left):
            for value in (width, precision):
                if value == "*" or (value and int(value) > 1000):
                    raise RenderLimit("a % format wider than 1,000 characters")


def check(source: nodes.Template, environment: Any, name: str | None, filename: str | None) -> None:
    """Refuse, with its line, what a clause template may not use (see the module's docstring)."""

    def fail(message: str, node: nodes.Node) -> ForbiddenConstruct:
        return ForbiddenConstruct(message, node.lineno, name, filename)

    for node in source.find_all(nodes.Node):
        tag = next((tag for kind, tag in _FORBIDDEN_TAGS.items() if isinstance(node, kind)), None)
        if tag is not None:
            raise fail(f"{{% {tag} %}} cannot be used in a clause: a clause cannot read other files", node)
        if isinstance(node, nodes.Name) and (node.name.startswith("_") or node.name == "self"):
            raise fail(f"the name {node.name!r} cannot be used in a clause", node)
        if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            raise fail(f"the attribute {node.attr!r} cannot be used in a clause", node)
        if (
            isinstance(node, nodes.Getitem)
            and isinstance(node.arg, nodes.Const)
            and isinstance(node.arg.value, str)
            and node.arg.value.startswith("_")
        ):
            raise fail(f"the item {node.arg.value!r} cannot be used in a clause", node)
        if isinstance(node, nodes.Filter) and node.name not in environment.filters:
            raise fail(
                f"the filter {node.name!r} cannot be used in a clause "
                f"(available: {', '.join(sorted(environment.filters))})",
                node,
            )
        if isinstance(node, nodes.For) and node.recursive:
            raise fail("a recursive loop cannot be used in a clause", node)
