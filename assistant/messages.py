"""What happens in the app, as Textual messages named after the event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.message import Message


@dataclass
class AnswerGiven(Message):
    """The session accepted an answer (or a skip); the policy may read differently now."""

    question_id: str
    label: str


@dataclass
class DraftSaved(Message):
    """The draft reached the disk (posted from the saving thread)."""

    draft_id: str
    path: Path
    at: datetime
    announce: bool = False  # the user asked for this save: say so in the conversation


@dataclass
class DraftNotSaved(Message):
    """Saving failed: the answers are still in memory; the message says why."""

    draft_id: str
    problem: str
    announce: bool = False


@dataclass
class PolicyAssembled(Message):
    """A new assembly of the policy from the answers (posted from a worker thread).

    `document` is None when the answers cannot make a policy yet; `problem` then says why.
    """

    generation: int
    document: Any | None
    problem: str | None = None


@dataclass
class ExportFinished(Message):
    files: list[Any]  # the assistant.exporting.Target written: path, format, document, language

    @property
    def paths(self) -> list[Path]:
        return [file.path for file in self.files]


@dataclass
class ExportFailed(Message):
    problem: str  # a whole sentence for the user


@dataclass
class LanguageChanged(Message):
    """The user chose another language to talk in; every screen shows its texts in it."""

    language: str
