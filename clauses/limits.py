"""What one assembly may spend: steps, seconds, and the size and shape of every value a template makes.

clauses.sandbox calls these on every costly step of a template (loop steps, calls, filters, tests,
operators, literals); each refusal is a RenderLimit with a message a user can act on. The rules:

- at most MAX_STEPS steps and MAX_SECONDS seconds of processor time for a whole document (the
  thread's own: a busy machine that gives this program a third of a core must not make our own
  policy fail, and a template cannot wait, only compute); the clock is read on every step, so no
  loop of slow steps outlives the deadline by more than one step, and a step's cost grows with the
  text it works on;
- no text, list or number grows past MAX_TEXT characters (or MAX_DIGITS digits) through ``*``,
  ``**``, ``+``, ``%``, ``~``, join or replace, and a ``%`` format is at most MAX_WIDTH wide;
- no list, tuple or mapping a template makes is nested more than MAX_DEPTH deep or holds more than
  MAX_VALUES values, counting a nested one each time it appears: hashing a tuple nested 198,000 deep
  crashes Python itself (there is no recursion check there), and printing a list that holds itself
  twice, forty times over, would make a text of a trillion characters;
- a helper function (format_list, choices) takes at most MAX_ITEMS items: Babel's list formatting
  takes time that grows with the square of the count.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

MAX_STEPS = 200_000  # ours need under a thousand per document
MAX_SECONDS = 2.0  # ours need a few milliseconds
MAX_TEXT = 200_000  # characters in any one value: a whole policy is about 40,000
MAX_DIGITS = 1_000
MAX_WIDTH = 1_000  # of a % format field
MAX_DEPTH = 100  # lists in lists: ours need 3
MAX_VALUES = 200_000  # in one list or mapping, nested ones counted each time; 100 characters count as one
MAX_ITEMS = 1_000  # in a list a helper formats; ours format a dozen
MAX_STRIP_CHARS = 1_000  # characters str.strip and |trim may remove: the time grows with text x chars
TEXT_PER_STEP = 1_000  # characters a filter or method works through for one step

CONTAINERS = (list, tuple, dict, set, frozenset)


class RenderLimit(Exception):
    """A template went over one of the limits above."""


class _Budget:
    def __init__(self) -> None:
        self.steps = 0
        self.deadline = time.thread_time() + MAX_SECONDS
        # The thread's clock is a system call (about 1 µs, 5% of an assembly if read on every step);
        # the wall clock is read without one. A thread cannot spend more processor time than time
        # passes, so the thread's clock needs reading only once the wall clock reaches this.
        self.wall_deadline = time.monotonic() + MAX_SECONDS
        # id -> (container, depth, values) for containers the template made; the container is kept so
        # its id is not reused while this budget lives (one assembly).
        self.shapes: dict[int, tuple[Any, int, int]] = {}


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
    if time.monotonic() > current.wall_deadline:
        remaining = current.deadline - time.thread_time()
        if remaining <= 0:
            raise RenderLimit(f"rendering took more than {MAX_SECONDS:g} seconds of processor time")
        current.wall_deadline = time.monotonic() + remaining  # the machine was busy: time is left


def spend_on_text(text: str) -> None:
    """One step, and one more per TEXT_PER_STEP characters the step works through."""
    spend(1 + len(text) // TEXT_PER_STEP)


def limited_text(chunks: Iterator[str]) -> str:
    """The rendered text, stopped as soon as it grows past what any clause needs (a loop printing a
    long text many times would otherwise fill the memory before anything could look at it)."""
    size = 0
    kept: list[str] = []
    keep = kept.append
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_TEXT:
            raise RenderLimit(f"the clause's text grew past {MAX_TEXT:,} characters")
        keep(chunk)
    return "".join(kept)


def too_long(what: str, size: int) -> RenderLimit:
    return RenderLimit(f"{what} would be {size:,} long, more than the {MAX_TEXT:,} a clause may make")


# --- text ---------------------------------------------------------------------------------------------


def text_size(value: Any) -> int:
    """How long str(value) would be, at most (counted without making it), up to just past MAX_TEXT."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, bool) or value is None:
        return 5
    if isinstance(value, int):
        return digits(value) + 1
    if isinstance(value, float):
        return 330  # the longest float written out in full ("%f" % 1e308)
    size = 0
    pending = [value]
    while pending and size <= MAX_TEXT:
        item = pending.pop()
        size += len(item) + 2 if isinstance(item, str) else 4
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, CONTAINERS):
            pending.extend(item)
    return size


def text_of(value: Any) -> str:
    """str(value), refused before it is made when it would be too long (nested lists repeat quickly)."""
    if isinstance(value, str):
        return value
    size = text_size(value)
    if size > MAX_TEXT:
        raise too_long("a text", size)
    return str(value)


def digits(number: int) -> int:
    return abs(number).bit_length() * 3 // 10 + 1  # about log10(2) digits per bit


# --- % formats ------------------------------------------------------------------------------------------


def check_percent(template: str, arguments: Any) -> None:
    """Refuse ``template % arguments`` when its result could be longer than MAX_TEXT.

    The format is read as CPython reads it: ``%(key)`` with nested parentheses, flags, a width and a
    precision (``*`` takes them from the arguments: refused), a length modifier and the conversion.
    """
    conversions, widest, representations = 0, 0, False
    i, end = 0, len(template)
    while True:
        i = template.find("%", i)
        if i < 0 or i + 1 >= end:
            break
        i += 1
        if template[i] == "(":
            depth, i = 1, i + 1
            while i < end and depth:
                depth += {"(": 1, ")": -1}.get(template[i], 0)
                i += 1
        while i < end and template[i] in "-+ #0":
            i += 1
        for _ in range(2):  # the width, then the precision after a "."
            if i < end and template[i] == "*":
                raise RenderLimit("a % format that takes its width from the values (*)")
            start = i
            while i < end and template[i].isdigit():
                i += 1
            if i > start and int(template[start:i]) > MAX_WIDTH:
                raise RenderLimit(f"a % format wider than {MAX_WIDTH:,} characters")
            widest = max(widest, int(template[start:i] or 0))
            if i < end and template[i] == ".":
                i += 1
            else:
                break
        if i < end and template[i] in "hlL":
            i += 1
        if i < end:
            representations = representations or template[i] in "ra"
            conversions += template[i] != "%"
            i += 1
    if not conversions:
        return
    if "%(" in template and not isinstance(arguments, dict):
        raise RenderLimit("a % format with %(name) fields takes a mapping")
    if isinstance(arguments, tuple):
        values: Any = arguments
    elif isinstance(arguments, dict):
        values = (arguments, *arguments.values())  # "%s" % {...} writes the whole mapping
    else:
        values = (arguments,)
    largest = max((text_size(value) for value in values), default=0)
    if representations:
        largest *= 10  # repr() writes a character as up to ten ("\U0001f600")
    size = len(template) + conversions * (widest + largest)
    if size > MAX_TEXT:
        raise too_long("the text after %", size)


# --- lists, tuples and mappings --------------------------------------------------------------------------


def admit(value: Any) -> Any:
    """`value`, once a list, tuple or mapping a template made is known to be within MAX_DEPTH and
    MAX_VALUES (anything else passes as it is)."""
    if not value or not isinstance(value, CONTAINERS):
        return value
    current = getattr(_local, "budget", None)
    if current is None:
        return value
    depth, values = _shape(value, current)
    if depth > MAX_DEPTH:
        raise RenderLimit(f"lists or mappings nested more than {MAX_DEPTH} deep")
    if values > MAX_VALUES:
        raise RenderLimit(
            f"a list or mapping holding more than {MAX_VALUES:,} values (a list inside it counts each time "
            "it appears)"
        )
    return value


_IN_PROGRESS = object()


def _children(container: Any) -> Any:
    if isinstance(container, dict):
        return (*container.keys(), *container.values())
    return container


def _shape(root: Any, current: _Budget) -> tuple[int, int]:
    """(depth, values) of `root`, walking each container once: the ones seen before in this budget
    are looked up, so building a list from lists already checked costs only its own items."""
    shapes = current.shapes
    known = shapes.get(id(root))
    if known is not None and known[0] is root:
        return known[1], known[2]
    values = 1
    for child in _children(root):
        if isinstance(child, CONTAINERS):
            break
        values += 1 + len(child) // 100 if isinstance(child, str) else 1
    else:  # the common case, a list of plain values: nothing to remember
        spend(1 + len(root) // TEXT_PER_STEP)
        return 1, values
    stack: list[tuple[Any, bool]] = [(root, False)]
    on_path: set[int] = set()
    while stack:
        node, children_done = stack.pop()
        if children_done:
            on_path.discard(id(node))
            depth, values = 1, 1
            for child in _children(node):
                if isinstance(child, CONTAINERS):
                    _, child_depth, child_values = shapes[id(child)]
                    depth = max(depth, child_depth + 1)
                    values += child_values
                else:
                    values += 1 + len(child) // 100 if isinstance(child, str) else 1
            spend(1 + len(node) // TEXT_PER_STEP)
            if depth > MAX_DEPTH or values > MAX_VALUES:
                return depth, values  # no need to measure the rest: it is refused
            shapes[id(node)] = (node, depth, values)
            continue
        known = shapes.get(id(node))
        if known is not None and known[0] is node:
            continue
        if id(node) in on_path or len(on_path) > MAX_DEPTH:
            return MAX_DEPTH + 1, 0  # a container inside itself, or deeper than allowed
        on_path.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if isinstance(child, CONTAINERS))
    _, depth, values = shapes[id(root)]
    return depth, values
