"""Python's garbage collector, kept out of the way of typing.

A full collection scans every object the process holds, holding the GIL, and came in the middle of
painting the next question (docs/decisions.md, "The garbage collector"). So:

- once start-up is over, everything that exists is frozen (moved where collections never look);
- automatic full collections are made rare;
- while the user reads (no key or click for `IDLE` seconds after one), a full collection runs and what
  survives is frozen as well, so the collections that do come during an answer have little to scan;
- every `THAW_EVERY` of those, the frozen objects are thawed and scanned too, so that reference cycles
  among them (closed screens, archived messages) are freed rather than kept for the whole session.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

IDLE = 0.5  # seconds without input before collecting
THAW_EVERY = 8  # idle collections between two that scan everything
RARE_FULL_COLLECTIONS = 100  # gen-1 collections between two automatic full ones (Python's default: 10)


class MemoryKeeper:
    """Decides when the collector runs; `tick` is called every fraction of a second by the app."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        collect: Callable[[], object] = gc.collect,
        freeze: Callable[[], None] = gc.freeze,
        unfreeze: Callable[[], None] = gc.unfreeze,
    ) -> None:
        self._clock = clock
        self._collect, self._freeze, self._unfreeze = collect, freeze, unfreeze
        self.settled = False
        self.collections = 0
        self._last_input: float | None = None  # None: nothing happened since the last collection

    def settle(self) -> None:
        """After start-up: freeze what exists (no collection first: it would itself stall)."""
        if self.settled:
            return
        self.settled = True
        self._freeze()
        first, second, _ = gc.get_threshold()
        gc.set_threshold(first, second, RARE_FULL_COLLECTIONS)

    def touched(self) -> None:
        """A key or a click: the user is busy; collect once they have stopped for a while."""
        self._last_input = self._clock()

    def tick(self) -> bool:
        """Collect if the user has been idle long enough since their last input; True if it did."""
        if not self.settled or self._last_input is None or self._clock() - self._last_input < IDLE:
            return False
        self._last_input = None
        self.collections += 1
        if self.collections % THAW_EVERY == 0:
            self._unfreeze()
        self._collect()
        self._freeze()
        return True


MEMORY = MemoryKeeper()  # one collector per process, so one keeper
