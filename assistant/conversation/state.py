"""What the screens see of a conversation (assistant.conversation.controller): where the session stands,
whether the draft reached the disk, and what the answer box does with the text the user sent. Plain,
immutable values: the conversation replaces them, and the screens bind to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from assistant.conversation.prompts import Prompt
from assistant.typed import Command
from dialogue.model import Question


@dataclass(frozen=True)
class Position:
    """Where the session stands, as the screens show it."""

    state: str
    question: Question | None
    prompt: Prompt | None  # how the answer box asks the question; None at the summary or done
    progress: str  # the top line: the section and how much is answered
    can_back: bool
    can_skip: bool
    open_count: int  # questions on the path still waiting for an answer


@dataclass(frozen=True)
class SaveState:
    at: datetime | None = None  # when the draft last reached the disk
    failed: bool = False  # the last save failed: the answers are in memory only


@dataclass(frozen=True)
class Reply:
    """What the answer box does after the user sent text: run a command, empty the field, or show a
    problem under it (the text stays, to correct)."""

    command: Command | None = None
    clear: bool = False
    problem: str = ""
