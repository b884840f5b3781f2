"""Save the draft after every change, before the app shows what comes next, so nothing is ever lost.

Each change is written at once by `DraftStore.write` (a temporary file, flushed and fsynced, renamed
over the draft). An answer is therefore on disk before the next question is on screen: killing the app
(SIGKILL, a closed laptop, a power cut) never loses an answer it showed as accepted.

A keeper made `alongside` (the app's) writes on a thread of its own while the event loop lays out
what comes next, and the app shows no frame before that write is done (`wait`, called before each
frame): the two fsyncs no longer come before the layout, yet nothing reaches the screen before the
draft reaches the disk. Outcomes are reported on the event loop, in order. Why the frame waits rather
than the write running freely: docs/decisions.md, "Nothing is lost".
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dialogue.drafts import DraftError, DraftStore
from dialogue.session import Session
from dialogue.snapshot import to_dict

# While a draft is written alongside, the event loop lets the writer have the interpreter back within
# half a millisecond instead of Python's 5 ms: the write gives it up at each of its dozen system calls
# (the lock check, the temporary file, two fsyncs) and, the event loop being busy laying out the next
# question, waited up to 5 ms each time to get it back. The frame waits for the write, so those waits
# were the answer's: the write took 31 ms (median) beside the layout, 11 ms alone (docs/decisions.md).
WRITING_SWITCH_INTERVAL = 0.0005


@dataclass(frozen=True)
class Saved:
    draft_id: str
    path: Path
    at: datetime
    # Set when the draft was taken over in another window, so this one was saved as a new draft.
    copy_of: str | None = None
    taken_by: tuple[str, str] = ("", "")  # that window's process id and host


@dataclass(frozen=True)
class NotSaved:
    draft_id: str
    problem: str  # in English
    fault: DraftError | None = None  # for the app to say it in the user's language


Outcome = Saved | NotSaved
SaveListener = Callable[[Outcome], None]


class DraftKeeper:
    """Writes a snapshot of a session with a `DraftStore` after every change, and reports the outcome."""

    def __init__(
        self, store: DraftStore, clock: Callable[[], datetime] | None = None, *, alongside: bool = False
    ) -> None:
        self.store = store
        self._clock = clock or (lambda: datetime.now(UTC))
        # One thread, so drafts reach the disk in the order they were taken.
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="draft-writer") if alongside else None
        self._pending: _Pending | None = None
        self._switch_interval = sys.getswitchinterval()

    def attach(self, session: Session, report: SaveListener | None = None) -> None:
        """Save `session` after every change from now on; `report` hears each outcome."""
        session.subscribe(lambda changed: self.changed(changed, report))

    def changed(self, session: Session, report: SaveListener | None = None) -> None:
        if not (session.answers or session.skipped):
            return  # nothing worth keeping yet: no empty drafts in the list
        self.save(session, report)

    def save(self, session: Session, report: SaveListener | None = None) -> str:
        """Write `session` now (alongside: start writing it); gives the session its draft id the first
        time."""
        self.settle()  # the previous write first, and its outcome told
        if session.draft_id is None:
            session.draft_id = self.store.new_id()
        snapshot = to_dict(session)  # taken here: the session goes on changing on the event loop
        if self._writer is None:
            self._told(_Pending(session, report, _done(self._write_kept(session.draft_id, snapshot))))
            return session.draft_id
        sys.setswitchinterval(WRITING_SWITCH_INTERVAL)  # until the write is done (_write_alongside)
        pending = _Pending(
            session, report, self._writer.submit(self._write_alongside, session.draft_id, snapshot)
        )
        self._pending = pending
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop to tell it on: tell it now
            self.settle()
        else:
            pending.future.add_done_callback(lambda _: loop.call_soon_threadsafe(self._settle, pending))
        return session.draft_id

    def wait(self) -> None:
        """Block until the write under way (if any) is on disk: called before the app shows a frame."""
        pending = self._pending
        if pending is not None:
            wait_for([pending.future])

    def settle(self) -> None:
        """Finish the write under way (if any) and tell its outcome (on the event loop)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            self._told(pending)

    def close(self) -> None:
        """Finish the write under way and let the writer's thread go; later saves are written at once."""
        self.settle()
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.shutdown()

    def _settle(self, pending: _Pending) -> None:
        if self._pending is pending:
            self.settle()

    @staticmethod
    def _told(pending: _Pending) -> None:
        outcome, draft_id = pending.future.result()
        pending.session.draft_id = draft_id
        if pending.report is not None:
            pending.report(outcome)

    def _write_alongside(self, draft_id: str, snapshot: dict[str, Any]) -> tuple[Outcome, str]:
        try:
            return self._write_kept(draft_id, snapshot)
        finally:
            sys.setswitchinterval(self._switch_interval)

    def _write_kept(self, draft_id: str, snapshot: dict[str, Any]) -> tuple[Outcome, str]:
        """Write the snapshot, or a copy of it when another window took the draft over; the outcome
        and the draft now written to."""
        outcome = self.write(draft_id, snapshot)
        fault = outcome.fault if isinstance(outcome, NotSaved) else None
        if fault is not None and fault.kind == "open_elsewhere":
            # Another window took this draft over: neither overwrites the other, these answers go on
            # in a new draft (issue 14, item 6).
            taken, draft_id = draft_id, self.store.new_id()
            outcome = self.write(draft_id, {**snapshot, "id": draft_id})
            if isinstance(outcome, Saved):
                holder = (fault.details.get("pid", ""), fault.details.get("host", ""))
                outcome = replace(outcome, copy_of=taken, taken_by=holder)
        return outcome, draft_id

    def write(self, draft_id: str, snapshot: dict[str, Any]) -> Outcome:
        try:
            path = self.store.write(draft_id, snapshot)
        except DraftError as error:  # the answers stay in memory; the user can try again
            return NotSaved(draft_id, str(error), error)
        return Saved(draft_id, path, self._clock())


@dataclass(frozen=True)
class _Pending:
    """A write under way: whose, who hears its outcome, and the outcome to come."""

    session: Session
    report: SaveListener | None
    future: Future[tuple[Outcome, str]]


def _done(result: tuple[Outcome, str]) -> Future[tuple[Outcome, str]]:
    future: Future[tuple[Outcome, str]] = Future()
    future.set_result(result)
    return future
