"""Python's cycle collector paused while a policy is read and reviewed."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """A review makes many small objects and no reference cycles; reference counting frees them all.
    The cyclic collector would only rescan the growing heap again and again, so the time grew faster
    than the text (docs/decisions.md, "Reviewing 1 MB"). Nested or concurrent uses leave collection as
    the outermost found it."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
