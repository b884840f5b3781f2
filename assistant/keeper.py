"""Save the draft after every change, on one background thread, so nothing is ever lost.

The snapshot (`Session.to_dict()`) is taken on the event loop at the moment of the change; only the
writing happens on the thread. There is one thread and, per draft, one pending snapshot: a newer snapshot
replaces an older one still waiting, so saves never reorder and a burst of answers costs one write.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dialogue.drafts import DraftError, DraftStore
from dialogue.session import Session


@dataclass(frozen=True)
class Saved:
    draft_id: str
    path: Path
    at: datetime


@dataclass(frozen=True)
class NotSaved:
    draft_id: str
    problem: str


Outcome = Saved | NotSaved
Report = Callable[[Outcome], None]


class DraftKeeper:
    """Writes snapshots of sessions with a `DraftStore`, newest last, off the event loop."""

    def __init__(self, store: DraftStore, clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self._clock = clock or (lambda: datetime.now(UTC))
        self._condition = threading.Condition()
        self._pending: dict[str, tuple[dict[str, Any], Report | None]] = {}
        self._writing = False
        self._closed = False
        self._thread: threading.Thread | None = None

    # --- on the event loop -----------------------------------------------------------------------

    def attach(self, session: Session, report: Report | None = None) -> None:
        """Save `session` after every change from now on; `report` hears each outcome (from the thread)."""
        session.subscribe(lambda changed: self.changed(changed, report))

    def changed(self, session: Session, report: Report | None = None) -> None:
        if not (session.answers or session.skipped):
            return  # nothing worth keeping yet: no empty drafts in the list
        self.save(session, report)

    def save(self, session: Session, report: Report | None = None) -> str:
        """Queue a snapshot of `session` now; gives the session its draft id the first time."""
        if session.draft_id is None:
            session.draft_id = self.store.new_id()
        self.submit(session.draft_id, session.to_dict(), report)
        return session.draft_id

    def submit(self, draft_id: str, snapshot: dict[str, Any], report: Report | None = None) -> None:
        with self._condition:
            if self._closed:
                return
            self._pending.pop(draft_id, None)  # the newer snapshot goes to the back of the queue
            self._pending[draft_id] = (snapshot, report)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="draft-keeper", daemon=True)
                self._thread.start()
            self._condition.notify_all()

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every queued snapshot is written; False if that took longer than `timeout`."""
        with self._condition:
            return self._condition.wait_for(lambda: not self._pending and not self._writing, timeout)

    def close(self, timeout: float = 5.0) -> bool:
        """Write what is queued, then stop the thread."""
        done = self.flush(timeout)
        with self._condition:
            self._closed = True
            self._condition.notify_all()
        return done

    @property
    def busy(self) -> bool:
        with self._condition:
            return bool(self._pending) or self._writing

    # --- on the saving thread ----------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._pending or self._closed)
                if not self._pending:
                    return
                draft_id = next(iter(self._pending))
                snapshot, report = self._pending.pop(draft_id)
                self._writing = True
            outcome = self._write(draft_id, snapshot)
            with self._condition:
                self._writing = False
                self._condition.notify_all()
            if report is not None:
                # A screen that closed meanwhile must not stop the saving thread.
                with contextlib.suppress(Exception):
                    report(outcome)

    def _write(self, draft_id: str, snapshot: dict[str, Any]) -> Outcome:
        try:
            path = self.store.write(draft_id, snapshot)
        except DraftError as error:
            return NotSaved(draft_id, str(error))
        except Exception as error:
            return NotSaved(draft_id, f"{type(error).__name__}: {error}")
        return Saved(draft_id, path, self._clock())
