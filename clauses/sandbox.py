"""The sandbox clause templates and conditions run in, hardened for libraries written by someone else.

Jinja2's SandboxedEnvironment already refuses what would read files or run code: attributes that start
with "_" (``''.__class__``, ``lipsum.__globals__``), internal attributes of functions and frames, and
ranges over 100,000 items. A law firm's clause folder (``--clauses DIR``) is code from outside, so this
adds, for every template and condition, ours included:

- at load time, with the file and line: no ``include``, ``import``, ``extends`` (a clause cannot read
  another file; there is no loader either), no name or attribute starting with "_", no ``self``, no
  recursive loops, only the filters listed in guards.FILTERS, and no brackets nested beyond what Jinja's
  parser can take (a RecursionError becomes a refusal);
- while rendering, within one assembly, the budgets of clauses.limits on every costly step: each loop
  step, call, filter, test, operator and list, tuple or mapping written in a template is counted
  against the steps and the clock; text, numbers and ``%`` formats are measured before they are made;
  every list, tuple or mapping a template makes is checked for depth and size; helpers take at most
  MAX_ITEMS items (clauses.guards); only the methods of text, lists and mappings listed in
  guards.METHODS can be called (no ``center``, ``format``, ``append``: an attribute outside them is
  refused).

Every refusal is a RenderLimit or a SecurityError, which the library reports as one line naming the file,
the line and the clause.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import SandboxedEnvironment

from clauses import guards
from clauses.limits import (
    CONTAINERS,
    MAX_DIGITS,
    MAX_TEXT,
    RenderLimit,
    admit,
    budget,
    check_percent,
    digits,
    spend,
    spend_on_text,
    text_of,
    too_long,
)

__all__ = ["MAX_TEXT", "ClauseEnvironment", "ForbiddenConstruct", "RenderLimit", "budget", "spend", "text_of"]

_FORBIDDEN_TAGS = {
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "from ... import",
    nodes.Extends: "extends",
    nodes.Block: "block",
}


class ForbiddenConstruct(TemplateSyntaxError):
    """A template uses something clause templates may not; found before it is ever rendered."""


def _too_deep(name: str | None, filename: str | None) -> ForbiddenConstruct:
    return ForbiddenConstruct("brackets or expressions nested too deeply for a clause", 1, name, filename)


# --- guarded filters and methods ---------------------------------------------------------------------


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
        self.filters = guards.filters()
        self.tests = guards.tests()

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
        allowed = next((names for kind, names in guards.METHODS.items() if isinstance(obj, kind)), None)
        return allowed is None or attr in allowed  # e.g. no str.center, str.format, list.append

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        spend()
        kind = type(__obj)
        if kind is types.BuiltinMethodType:
            args = guards.checked_method_args(__obj, args)
        # Most calls pass text or numbers only (statute('gdpr'), choice(...)): nothing more to check.
        # Jinja adds _loop_vars to a call inside a loop, for its own use.
        checked = len(kwargs) > ("_loop_vars" in kwargs)
        if not checked:
            for value in args:
                if type(value) not in guards.PLAIN:
                    checked = True
                    break
        if checked:
            args, kwargs = guards.checked_call_args(kind, args, kwargs)
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
