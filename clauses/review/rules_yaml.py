"""Reading a rules file: YAML whose texts know their line, and the checks every reader shares."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from clauses import yamlfile
from clauses.errors import LibraryError
from clauses.review.errors import RulesError

MAX_RULES_BYTES = 1024 * 1024


class Text(str):
    """A YAML string that knows its line (1-based)."""

    line: int = 0


class _Loader(yamlfile._Loader):
    def construct_yaml_str(self, node: yaml.ScalarNode) -> Text:  # type: ignore[override]
        text = Text(self.construct_scalar(node))
        text.line = node.start_mark.line + 1
        return text


_Loader.add_constructor("tag:yaml.org,2002:str", _Loader.construct_yaml_str)


def load(path: Path) -> Any:
    try:
        if path.stat().st_size > MAX_RULES_BYTES:
            raise RulesError("the file is over 1 MB", file=path, line=1)
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RulesError(f"cannot read the file ({error.__class__.__name__})", file=path, line=1) from None
    try:
        return yaml.load(text, Loader=_Loader)  # a SafeLoader: no arbitrary objects
    except LibraryError as error:
        raise RulesError(error.problem, file=path, line=error.line) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise RulesError(f"not valid YAML: {error.problem or error.context}", file=path, line=line) from None
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML marks nearly every error
        raise RulesError(f"not valid YAML: {error}", file=path, line=1) from None
    except RecursionError:
        raise RulesError("not valid YAML: nested too deeply", file=path, line=1) from None


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
