"""The filters, methods and helper calls a clause template may use, each counted and bounded before it runs.

clauses.sandbox hands these to Jinja2: every filter and test spends a step of the budget (more for
long text) and has the list or mapping it returns checked (clauses.limits); replace, join, sum and
trim are measured before they run; a method of text is charged for the text and refused before a
result too long, or a strip too slow, is begun; a helper of the library (format_list, choices,
format_date, statute) is Python code that runs outside the budget, so what it is given is bounded
first.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import types
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2.filters import FILTERS as JINJA_FILTERS
from jinja2.tests import TESTS as JINJA_TESTS

from clauses.limits import (
    MAX_ITEMS,
    MAX_STRIP_CHARS,
    MAX_TEXT,
    TEXT_PER_STEP,
    RenderLimit,
    admit,
    spend,
    spend_on_text,
    text_of,
    text_size,
    too_long,
)

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
_STRIPS = frozenset({"strip", "lstrip", "rstrip"})


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


def checked_method_args(method: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
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


# Arguments that need no check: most calls pass only these (statute('gdpr'), choice(...)).
PLAIN = frozenset({str, int, float, bool, type(None), datetime.date})
_HELPERS = frozenset({types.FunctionType, functools._lru_cache_wrapper, functools.partial})


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


def checked_call_args(kind: type, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
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


def filters() -> dict[str, Callable[..., Any]]:
    """The filters of FILTERS, guarded."""
    chosen = {name: JINJA_FILTERS[name] for name in FILTERS}
    chosen["replace"] = _replace_filter(JINJA_FILTERS["replace"])
    chosen["join"] = _join_filter(JINJA_FILTERS["join"])
    chosen["sum"] = _sum_filter(JINJA_FILTERS["sum"])
    chosen["string"] = _string_filter
    chosen["trim"] = _trim_filter(JINJA_FILTERS["trim"])
    return {name: _counted(function) for name, function in chosen.items()}


def tests() -> dict[str, Callable[..., Any]]:
    """Jinja2's tests (``is defined``, ``in``), counted."""
    return {name: _counted(function) for name, function in JINJA_TESTS.items()}
