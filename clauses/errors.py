"""The errors `clauses` raises: each reads as one line a user can act on."""

from __future__ import annotations

from pathlib import Path


class LibraryError(Exception):
    """A clause library cannot be loaded or a clause cannot be rendered.

    The message names the file, the line and the clause where they are known, on one line.
    """

    def __init__(
        self,
        problem: str,
        *,
        file: Path | str | None = None,
        line: int | None = None,
        clause: str | None = None,
    ) -> None:
        self.problem = " ".join(problem.split())
        self.file = str(file) if file is not None else None
        self.line = line
        self.clause = clause
        super().__init__(self._message())

    def _message(self) -> str:
        where = ""
        if self.file:
            where = self.file if self.line is None else f"{self.file}, line {self.line}"
        who = f"clause {self.clause!r}" if self.clause else ""
        prefix = ": ".join(part for part in (where, who) if part)
        return f"{prefix}: {self.problem}" if prefix else self.problem


class ExportError(Exception):
    """A document cannot be written where or how the user asked."""


class TargetExists(ExportError):
    """The file to write exists and replacing it was not asked for.

    `path` lets a caller say it in its own words: the app asks before replacing, so a file that
    is there anyway appeared after the user confirmed.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists; use --force to replace it")
        self.path = path


class TargetNotWritable(ExportError):
    """The system refused to write the file; `reason` is its own words (such as "Permission denied")."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot write {path}: {reason}")
        self.path = path
        self.reason = reason
