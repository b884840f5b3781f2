"""The sandbox clause templates and conditions run in, hardened for libraries written by someone else.

Jinja2's SandboxedEnvironment already refuses what would read files or run code: attributes that start
with "_" (``''.__class__``, ``lipsum.__globals__``), internal attributes of functions and frames, and
ranges over 100,000 items. A law firm's clause folder (``--clauses DIR``) is code from outside, so this
adds, for every template and condition, ours included:

- at load time, with the file and line: no ``include``, ``import``, ``extends`` (a clause cannot read
  another file; there is no loader either), no name or attribute starting with "_", no ``self``, no
  recursive loops, only the filters listed in FILTERS, and no brackets nested beyond what Jinja's
  parser can take (a RecursionError becomes a refusal);
- while rendering, within one assembly, the budgets of clauses.limits on every costly step: each loop
  step, call, filter, test, operator and list, tuple or mapping written in a template is counted
  against the steps and the clock; text, numbers and ``%`` formats are measured before they are made;
  every list, tuple or mapping a template makes is checked for depth and size; helpers take at most
  MAX_ITEMS items; only the methods of text, lists and mappings listed in METHODS can be called (no
  ``center``, ``format``, ``append``: an attribute outside them is refused).

Every refusal is a RenderLimit or a SecurityError, which the library reports as one line naming the file,
the line and the clause.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import types
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.filters import FILTERS as JINJA_FILTERS
from jinja2.sandbox import SandboxedEnvironment
from jinja2.tests import TESTS as JINJA_TESTS

from clauses.limits import (
    CONTAINERS,
    MAX_DIGITS,
    MAX_ITEMS,
    MAX_STRIP_CHARS,
    MAX_TEXT,
    TEXT_PER_STEP,
    RenderLimit,
    admit,
    budget,
    check_percent,
    digits,
    spend,
    spend_on_text,
    text_of,
    text_size,
    too_long,
)

__all__ = ["MAX_TEXT", "ClauseEnvironment", "ForbiddenConstruct", "RenderLimit", "budget", "spend", "text_of"]

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
_STRIPS = frozenset({"strip", "lstrip", "rstrip"})


class ForbiddenConstruct(TemplateSyntaxError):
    """A template uses something clause templates may not; found before it is ever rendered."""


def _too_deep(name: str | None, filename: str | None) -> ForbiddenConstruct:
    return ForbiddenConstruct("brackets or expressions nested too deeply for a clause", 1, name, filename)


# --- guarded filters and methods ---------------------------------------------------------------------


def _checked_replace(text: str, old: str, new: str, count: int | None = None) -> int:
    times = len(text) + 1 if old == "" else text.count(old)
    if count is not None and count >= 0:
        times = min(times, count)
    return len(text) + times * (len(str(new)) - len(str(old)))


def _checked_strip(chars: Any) -> None:
    # Each character stripped is looked for among `chars`: 200,000 of each take a second.
    if isinstance(chars, str) and len(chars) > MAX_STRIP_CHARS:
        raise RenderLimit(f"more than {MAX_STRIP_CHARS:,} characters to strip")


def _counted(original: Callable[..., Any]) -> Callable[..., Any]:
    """A filter or test that spends a step (more for long text) and whose list or mapping is checked."""

    @functools.wraps(original)
    def counted(*args: Any, **kwargs: Any) -> Any:
        size = 0
        for arg in args:
            if type(arg) is str:
                size += len(arg)
        spend(1 + size // TEXT_PER_STEP)
        return admit(original(*args, **kwargs))

    counted.jinja_pass_arg = getattr(original, "jinja_pass_arg", None)  # type: ignore[attr-defined]
    return counted


def _replace_filter(original: Callable[..., Any]) -> Callable[..., Any]:
    def replace(eval_ctx: Any, value: Any, old: Any, new: Any, count: Any = None) -> Any:
        size = _checked_replace(text_of(value), str(old), str(new), count if isinstance(count, int) else None)
        if size > MAX_TEXT:
            raise too_long("the text after replace", size)
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
                raise too_long("the joined text", size)
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


def _trim_filter(original: Callable[..., Any]) -> Callable[..., Any]:
    def trim(value: Any, chars: Any = None) -> Any:
        _checked_strip(chars)
        return original(value, chars)

    return trim


def _checked_args(method: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """The arguments of a method of text, refused before a result that would be too long is made, or
    a step that would take too long is begun (join's items become a list: a generator measured would
    be empty when joined)."""
    owner, name = method.__self__, method.__name__
    if not isinstance(owner, str):
        return args
    spend_on_text(owner)
    if name == "replace" and len(args) >= 2:
        count = args[2] if len(args) > 2 and isinstance(args[2], int) else None
        size = _checked_replace(owner, text_of(args[0]), text_of(args[1]), count)
        if size > MAX_TEXT:
            raise too_long("the text after replace()", size)
    elif name == "join" and args:
        items = list(args[0])
        spend(len(items))
        size = sum(len(text_of(item)) for item in items) + len(owner) * max(len(items) - 1, 0)
        if size > MAX_TEXT:
            raise too_long("the joined text", size)
        return (items, *args[1:])
    elif name in _STRIPS and args:
        _checked_strip(args[0])
    return args


_PLAIN = frozenset({str, int, float, bool, type(None), datetime.date})
_HELPERS = frozenset({types.FunctionType, functools._lru_cache_wrapper})


def _helper_arg(value: Any) -> Any:
    """An argument of a helper function (format_list, choices), with at most MAX_ITEMS items; an
    iterator is read into a list (at most that far) so that it can be counted."""
    if type(value) is str or value is None or isinstance(value, int | float | datetime.date):
        return value
    if isinstance(value, Iterator):
        value = list(itertools.islice(value, MAX_ITEMS + 1))
    if hasattr(value, "__len__") and len(value) > MAX_ITEMS:
        raise RenderLimit(f"a list of more than {MAX_ITEMS:,} items for a helper (format_list, choices)")
    if isinstance(value, list | tuple):
        spend(len(value))
        size = sum(text_size(item) for item in value)
        if size > MAX_TEXT:
            raise too_long("the list's text", size)
    return value


def _checked_call(kind: type, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """The arguments of a call, checked: a helper of the library (format_list, choices, format_date,
    statute) is Python code that runs outside the budget, so what it is given is bounded first; a list
    given to a macro is checked too, since its varargs would otherwise nest one level deeper on each
    call."""
    if kind in _HELPERS:
        args = tuple([_helper_arg(arg) for arg in args])
        kwargs = {key: value if key == "_loop_vars" else _helper_arg(value) for key, value in kwargs.items()}
    for value in (*args, *kwargs.values()):
        admit(value)
    return args, kwargs


# --- the environment ---------------------------------------------------------------------------------


class _Generator(CodeGenerator):
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        # "~" joins any values as text: checked like join, so it cannot double a text without end.
        self.write("environment.concat((")
        for part in node.nodes:
            self.visit(part, frame)
            self.write(", ")
        self.write("))")

    # Lists, tuples and mappings written in a template: environment.admit(...) checks each as it is made,
    # unless it holds constants only (['a', 'b'] in a condition), whose size the template's text bounds.

    def visit_List(self, node: nodes.List, frame: Frame) -> None:
        self._admitted(super().visit_List, node, frame)

    def visit_Tuple(self, node: nodes.Tuple, frame: Frame) -> None:
        if node.ctx != "load":  # the names of {% set a, b = ... %} and {% for a, b in ... %}
            super().visit_Tuple(node, frame)
        else:
            self._admitted(super().visit_Tuple, node, frame)

    def visit_Dict(self, node: nodes.Dict, frame: Frame) -> None:
        self._admitted(super().visit_Dict, node, frame)

    def _admitted(self, visit: Callable[[Any, Frame], None], node: nodes.Node, frame: Frame) -> None:
        if all(isinstance(part, _LITERAL_PARTS) for part in node.find_all(nodes.Node)):
            visit(node, frame)
            return
        self.write("environment.admit(")
        visit(node, frame)
        self.write(")")


_LITERAL_PARTS = (nodes.Const, nodes.List, nodes.Tuple, nodes.Dict, nodes.Pair)


class ClauseEnvironment(SandboxedEnvironment):
    """The sandbox with the checks and limits this module describes."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"*", "**", "+", "%", "//", "/"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        for name in ("lipsum", "cycler", "joiner"):
            self.globals.pop(name, None)
        filters = {name: JINJA_FILTERS[name] for name in FILTERS}
        filters["replace"] = _replace_filter(JINJA_FILTERS["replace"])
        filters["join"] = _join_filter(JINJA_FILTERS["join"])
        filters["sum"] = _sum_filter(JINJA_FILTERS["sum"])
        filters["string"] = _string_filter
        filters["trim"] = _trim_filter(JINJA_FILTERS["trim"])
        self.filters = {name: _counted(function) for name, function in filters.items()}
        self.tests = {name: _counted(function) for name, function in JINJA_TESTS.items()}

    # --- at load time ---

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        try:
            return super()._parse(source, name, filename)
        except RecursionError:
            raise _too_deep(name, filename) from None

    def compile_expression(self, source: str, undefined_to_none: bool = True) -> Any:
        try:
            return super().compile_expression(source, undefined_to_none)
        except RecursionError:
            raise _too_deep(None, None) from None

    def _generate(
        self, source: nodes.Template, name: str | None, filename: str | None, defer_init: bool = False
    ) -> str:
        check(source, self, name, filename)
        for loop in source.find_all(nodes.For):
            # environment.budgeted(iter): counts every step of the loop (not a name a template can reach).
            counter = nodes.EnvironmentAttribute("budgeted", lineno=loop.lineno)
            loop.iter = nodes.Call(counter, [loop.iter], [], None, None, lineno=loop.lineno)
        try:
            return super()._generate(source, name, filename, defer_init)
        except RecursionError:
            raise _too_deep(name, filename) from None

    def _compile(self, source: str, filename: str) -> types.CodeType:
        try:
            return super()._compile(source, filename)
        except (RecursionError, MemoryError, SyntaxError):  # Python's own parser gave up
            raise _too_deep(None, filename) from None

    # --- while rendering ---

    def budgeted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        for item in iterable:
            spend()
            yield item

    def admit(self, value: Any) -> Any:
        spend()
        return admit(value)

    def concat(self, parts: tuple[Any, ...]) -> str:
        spend()
        texts = [text_of(part) for part in parts]
        size = sum(map(len, texts))
        if size > MAX_TEXT:
            raise too_long("a text joined with ~", size)
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
        kind = type(__obj)
        if kind is types.BuiltinMethodType:
            args = _checked_args(__obj, args)
        # Most calls pass text or numbers only (statute('gdpr'), choice(...)): nothing more to check.
        # Jinja adds _loop_vars to a call inside a loop, for its own use.
        checked = len(kwargs) > ("_loop_vars" in kwargs)
        if not checked:
            for value in args:
                if type(value) not in _PLAIN:
                    checked = True
                    break
        if checked:
            args, kwargs = _checked_call(kind, args, kwargs)
        result = SandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs)
        return admit(result) if isinstance(result, CONTAINERS) else result

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        spend()
        _check_binop(operator, left, right)
        return admit(super().call_binop(context, operator, left, right))


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, str | list | tuple) else None


def _check_binop(operator: str, left: Any, right: Any) -> None:
    integers = all(isinstance(x, int) and not isinstance(x, bool) for x in (left, right))
    if operator == "**" and integers and abs(left) > 1 and right > 0:
        if right * digits(left) > MAX_DIGITS:
            raise RenderLimit(f"a number of more than {MAX_DIGITS:,} digits")
    elif operator == "*" and integers:
        if digits(left) + digits(right) > MAX_DIGITS:
            raise RenderLimit(f"a number of more than {MAX_DIGITS:,} digits")
    elif operator == "*":
        for sequence, times in ((left, right), (right, left)):
            size = _size(sequence)
            if size is not None and isinstance(times, int) and size * times > MAX_TEXT:
                raise too_long("the repeated value", size * times)
    elif operator == "+":
        sizes = (_size(left), _size(right))
        if None not in sizes and sum(sizes) > MAX_TEXT:  # type: ignore[arg-type]
            raise too_long("the sum", sum(sizes))  # type: ignore[arg-type]
    elif operator == "%" and isinstance(left, str):
        spend_on_text(left)
        check_percent(left, right)


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
