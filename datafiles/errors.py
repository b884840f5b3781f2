"""What goes wrong reading a data file, with the file and the line for one clear message."""

from __future__ import annotations

from pathlib import Path


class DataFileError(ValueError):
    """A data file that cannot be read as data: `problem` says why, `file` and `line` where.

    `syntax` is true when the text is not YAML at all (as opposed to YAML with a value no program
    should accept, such as a number of a thousand digits), so a caller may say "not valid YAML".
    """

    def __init__(
        self, problem: str, *, file: Path | str | None = None, line: int | None = None, syntax: bool = False
    ) -> None:
        self.problem = " ".join(problem.split())
        self.file = file
        self.line = line
        self.syntax = syntax
        super().__init__(str(self))

    def __str__(self) -> str:
        where = "" if self.file is None else str(self.file)
        if self.line is not None:
            where = f"{where}, line {self.line}" if where else f"line {self.line}"
        return f"{where}: {self.problem}" if where else self.problem


class FileTooLarge(DataFileError):
    """Larger than anything of its kind needs; `size` and `limit` are in bytes."""

    def __init__(self, file: Path | str, size: int, limit: int) -> None:
        super().__init__(f"is {size:,} bytes, more than {limit:,}", file=file)
        self.size = size
        self.limit = limit


class NotText(DataFileError):
    """Not UTF-8 text."""

    def __init__(self, file: Path | str) -> None:
        super().__init__("is not UTF-8 text", file=file)


class Unreadable(DataFileError):
    """The system would not read it; `reason` is its own words ("Permission denied")."""

    def __init__(self, file: Path | str, reason: str, kind: str) -> None:
        super().__init__(f"cannot be read ({reason})", file=file)
        self.reason = reason
        self.kind = kind  # the OSError's class name, e.g. "PermissionError"


class OutsideFolder(DataFileError):
    """A link to something outside the folder being read."""

    def __init__(self, file: Path | str) -> None:
        super().__init__("is a link to something outside its folder", file=file)
