"""Errors the engine reports to people. Each renders as one line that names what and where."""

from __future__ import annotations

from pathlib import Path


class DialogueError(Exception):
    """Base of every error the dialogue package raises on bad input."""


class DefinitionError(DialogueError):
    """The interview definition is wrong: names the file, the line and the question."""

    def __init__(
        self,
        message: str,
        *,
        file: Path | str | None = None,
        line: int | None = None,
        question: str | None = None,
    ) -> None:
        self.message = message
        self.file = Path(file) if file is not None else None
        self.line = line
        self.question = question
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file.name if self.line is None else f"{self.file.name}, line {self.line}"
        if self.question:
            where = f"{where}, question '{self.question}'" if where else f"question '{self.question}'"
        return f"{where}: {self.message}" if where else self.message


class NavigationError(DialogueError):
    """A move that the session cannot make from where it is (back at the first question, ...)."""


class AnswerError(DialogueError):
    """An answer that does not fit its question. The message is meant for the user, in their language."""
