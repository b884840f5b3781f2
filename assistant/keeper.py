"""Save the draft after every change, before the app shows what comes next, so nothing is ever lost.

Each change is written at once, on the event loop, by `DraftStore.write` (a temporary file, flushed and
fsynced, renamed over the draft). An answer is therefore on disk before the next question is on screen:
killing the app (SIGKILL, a closed laptop, a power cut) never loses an answer it showed as accepted.
Why not in a thread: docs/decisions.md, "Nothing is lost".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dialogue.drafts import DraftError, DraftStore
from dialogue.session import Session
from dialogue.snapshot import to_dict


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

    def __init__(self, store: DraftStore, clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self._clock = clock or (lambda: datetime.now(UTC))

    def attach(self, session: Session, report: SaveListener | None = None) -> None:
        """Save `session` after every change from now on; `report` hears each outcome."""
        session.subscribe(lambda changed: self.changed(changed, report))

    def changed(self, session: Session, report: SaveListener | None = None) -> None:
        if not (session.answers or session.skipped):
            return  # nothing worth keeping yet: no empty drafts in the list
        self.save(session, report)

    def save(self, session: Session, report: SaveListener | None = None) -> str:
        """Write `session` now; gives the session its draft id the first time."""
        if session.draft_id is None:
            session.draft_id = self.store.new_id()
        outcome = self.write(session.draft_id, to_dict(session))
        fault = outcome.fault if isinstance(outcome, NotSaved) else None
        if fault is not None and fault.kind == "open_elsewhere":
            # Another window took this draft over: neither overwrites the other, these answers go on
            # in a new draft (issue 14, item 6).
            taken, session.draft_id = session.draft_id, self.store.new_id()
            outcome = self.write(session.draft_id, to_dict(session))
            if isinstance(outcome, Saved):
                holder = (fault.details.get("pid", ""), fault.details.get("host", ""))
                outcome = replace(outcome, copy_of=taken, taken_by=holder)
        if report is not None:
            report(outcome)
        return session.draft_id

    def write(self, draft_id: str, snapshot: dict[str, Any]) -> Outcome:
        try:
            path = self.store.write(draft_id, snapshot)
        except DraftError as error:  # the answers stay in memory; the user can try again
            return NotSaved(draft_id, str(error), error)
        return Saved(draft_id, path, self._clock())
