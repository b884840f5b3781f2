"""Reading a rules file: YAML whose texts know their line, and the checks every reader shares."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from clauses.review.errors import RulesError
from datafiles.errors import DataFileError, FileTooLarge, NotText, Unreadable
from datafiles.reading import read_yaml

MAX_RULES_BYTES = 1024 * 1024


def load(path: Path) -> Any:
    """The file's data, every text with its line (datafiles.reading); RulesError naming the line."""
    try:
        return read_yaml(path, max_bytes=MAX_RULES_BYTES, text_keys=True, text_lines=True)
    except FileTooLarge:
        raise RulesError("the file is over 1 MB", file=path, line=1) from None
    except NotText:
        raise RulesError("cannot read the file (UnicodeDecodeError)", file=path, line=1) from None
    except Unreadable as error:
        raise RulesError(f"cannot read the file ({error.kind})", file=path, line=1) from None
    except DataFileError as error:
        problem = f"not valid YAML: {error.problem}" if error.syntax else error.problem
        raise RulesError(problem, file=path, line=error.line or 1) from None


def line(value: Any, default: int = 1) -> int:
    found = getattr(value, "line", 0)
    return found if isinstance(found, int) and found > 0 else default


class Reader:
    """Shape checks that fail with the file and the line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, problem: str, where: Any, default: int = 1) -> None:
        raise RulesError(problem, file=self.path, line=line(where, default))

    def mapping(
        self, value: Any, where: Any, what: str, allowed: Iterable[str] | None = None
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(f"{what} must be a mapping", value, line(where))
        if allowed is not None:
            unknown = sorted(set(value) - set(allowed))
            if unknown:
                self.fail(
                    f"{what}: unknown key {str(unknown[0])!r} (allowed: {', '.join(allowed)})",
                    unknown[0],
                    line(value, line(where)),
                )
        return value  # type: ignore[return-value]

    def strings(self, value: Any, where: Any, what: str) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail(f"{what} must be a list of texts", value, line(where))
        return list(value)

    def ident(self, item: dict[str, Any], key: str = "id") -> str:
        value = item.get(key)
        if not isinstance(value, str) or not value.replace("_", "").isalnum() or not value.islower():
            self.fail(f"{key!r} must be an id in lower case (a-z, 0-9, _)", item)
        return str(value)

    def unique(self, ids: list[str], where: Any, what: str) -> None:
        seen: set[str] = set()
        for value in ids:
            if value in seen:
                self.fail(f"the {what} {value!r} is defined twice", value, line(where))
            seen.add(value)
