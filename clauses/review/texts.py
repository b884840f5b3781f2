"""What a review report says, in the report's language: clauses/review/texts/<lang>.yaml.

Every language file has exactly the keys of en.yaml and the same {placeholders}; a missing or extra key
is a load error naming the file, never an English text in a Dutch report.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clauses.review.errors import RulesError
from clauses.review.rules_yaml import line, load

TEXTS_FOLDER = Path(__file__).resolve().parent / "texts"
LANGUAGES = ("en", "nl", "fr", "de")


@dataclass(frozen=True, slots=True)
class Texts:
    code: str
    values: Mapping[str, str]

    def get(self, key: str) -> str:
        return self.values[key]

    def message(self, key: str, **values: Any) -> str:
        return self.values[f"messages.{key}"].format(**values)

    def element(self, element_id: str) -> tuple[str, str]:
        return self.values[f"elements.{element_id}.title"], self.values[f"elements.{element_id}.why"]

    def requirement(self, element_id: str, requirement_id: str) -> str:
        return self.values[f"elements.{element_id}.requires.{requirement_id}"]

    def risk(self, risk_id: str) -> tuple[str, str]:
        return self.values[f"risks.{risk_id}.title"], self.values[f"risks.{risk_id}.why"]

    def language_name(self, code: str | None) -> str:
        return self.values.get(f"languages.{code}", code or self.values["languages.unknown"])

    def where(self, location: Any) -> str:
        """Where a passage is, in words: under its heading, its paragraph, its line."""
        parts = [
            self.values["location.under"].format(heading=location.heading)
            if location.heading
            else self.values["location.before_first"]
        ]
        if location.paragraph:
            parts.append(self.values["location.paragraph"].format(number=location.paragraph))
        if location.line is not None:
            parts.append(self.values["location.line"].format(number=location.line))
        return ", ".join(parts)

    def region_rule(self, region: str) -> str:
        return self.values[f"regions.{region}"]

    def both(self, items: Sequence[str]) -> str:
        return self._joined(items, "messages.and")

    def either(self, items: Sequence[str]) -> str:
        return self._joined(items, "messages.or")

    def _joined(self, items: Sequence[str], word: str) -> str:
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + f" {self.values[word]} " + items[-1]


def report_language(requested: str | None, policy_language: str | None) -> str:
    """The language of the report: the one asked for, else the policy's own where we have its texts."""
    if requested in LANGUAGES:
        return str(requested)
    return policy_language if policy_language in LANGUAGES else "en"


@functools.cache
def texts(code: str, folder: Path = TEXTS_FOLDER) -> Texts:
    """The report's texts in a language (en, nl, fr, de), checked against English; cached."""
    reference = _read("en", folder)
    if code == "en":
        return Texts("en", reference)
    values = _read(code, folder)
    path = folder / f"{code}.yaml"
    for key in reference:
        if key not in values:
            raise RulesError(f"no text for {key!r}", file=path, line=1)
        if _fields(values[key]) != _fields(reference[key]):
            raise RulesError(
                f"{key!r} must use the placeholders of en.yaml", file=path, line=line(values[key])
            )
    extra = sorted(set(values) - set(reference))
    if extra:
        raise RulesError(f"{extra[0]!r} is not a text of en.yaml", file=path, line=1)
    return Texts(code, values)


def _read(code: str, folder: Path) -> dict[str, str]:
    path = folder / f"{code}.yaml"
    data = load(path)
    if not isinstance(data, dict):
        raise RulesError("the file must be a mapping of texts", file=path, line=1)
    found: dict[str, str] = {}
    for key, value in _leaves(data):
        if not isinstance(value, str):
            raise RulesError(f"{key!r} must be a text", file=path, line=line(data))
        found[key] = value if key.startswith("messages.") else " ".join(value.split())
    return found


def _leaves(data: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _leaves(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
