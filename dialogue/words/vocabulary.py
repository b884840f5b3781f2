"""The interview's vocabulary.yaml, read once per interview folder and folded for comparison.

A folder without the file (an interview of one's own) simply has no extra words: choices are then read
from their labels and aliases alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any

from datafiles.cache import cached_parse
from dialogue.words.phrases import Phrases, phrases, split

FILE = "vocabulary.yaml"


class VocabularyError(ValueError):
    """vocabulary.yaml is not what this module expects; the message names the file and the key."""


@dataclass(frozen=True, eq=False)
class Vocabulary:
    places: str | None = None
    staff_languages: str | None = None
    other_languages: Phrases = field(default_factory=Phrases)
    months: frozenset[str] = frozenset()
    years: Phrases = field(default_factory=Phrases)
    month_units: Phrases = field(default_factory=Phrases)
    other_units: Phrases = field(default_factory=Phrases)
    number_phrases: dict[str, Phrases] = field(default_factory=dict)
    and_a_half: Phrases = field(default_factory=Phrases)
    unsure: Phrases = field(default_factory=Phrases)
    qualifiers: Phrases = field(default_factory=Phrases)
    fillers: Phrases = field(default_factory=Phrases)
    negations: Phrases = field(default_factory=Phrases)
    vague_amounts: Phrases = field(default_factory=Phrases)
    number_bounds: Phrases = field(default_factory=Phrases)
    approximations: Phrases = field(default_factory=Phrases)
    date_openers: Phrases = field(default_factory=Phrases)
    organisation_words: Phrases = field(default_factory=Phrases)
    department_words: Phrases = field(default_factory=Phrases)
    # question id -> choice id -> words
    synonyms: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def synonyms_of(self, question_id: str, choice: str) -> tuple[str, ...]:
        return self.synonyms.get(question_id, {}).get(choice, ())


@cache
def vocabulary(folder: Path) -> Vocabulary:
    """The vocabulary of the interview in `folder`; an empty one when it has none."""
    path = folder / FILE
    if not path.is_file():
        return Vocabulary()
    return _build(path, cached_parse(path, partial(_parse, path), "vocabulary"))


def _parse(path: Path, content: bytes) -> Any:
    # The one YAML reader, with its guards, as for every data file; only when the cache has no entry.
    from datafiles.reading import parse_yaml

    return parse_yaml(content.decode("utf-8"), path)


def _build(path: Path, data: Any) -> Vocabulary:
    if not isinstance(data, dict):
        raise VocabularyError(f"{path}: must be a mapping")

    def words(name: str) -> tuple[str, ...]:
        by_language = data.get(name, {})
        if not isinstance(by_language, dict) or not all(
            isinstance(values, list) and all(isinstance(v, str) for v in values)
            for values in by_language.values()
        ):
            raise VocabularyError(f"{path}: '{name}' must map each language to a list of words")
        return tuple(word for values in by_language.values() for word in values)

    units = data.get("units", {})
    numbers = data.get("number_phrases", {})
    synonyms: dict[str, dict[str, tuple[str, ...]]] = {}
    for question_id, choices in (data.get("synonyms") or {}).items():
        synonyms[str(question_id)] = {}
        for choice, by_language in (choices or {}).items():
            if not isinstance(by_language, dict):
                raise VocabularyError(f"{path}: synonyms of '{question_id}.{choice}' must be by language")
            synonyms[str(question_id)][str(choice)] = tuple(
                str(word) for values in by_language.values() for word in values
            )
    return Vocabulary(
        places=data.get("places"),
        staff_languages=data.get("staff_languages"),
        other_languages=phrases(words("other_languages")),
        months=frozenset(data.get("months", [])),
        years=phrases(_unit(units, "year", path)),
        month_units=phrases(_unit(units, "month", path)),
        other_units=phrases(words("other_units")),
        number_phrases={value: phrases(_unit(numbers, value, path)) for value in sorted(numbers, key=str)},
        and_a_half=phrases(words("and_a_half")),
        unsure=phrases(words("unsure")),
        qualifiers=phrases(words("qualifiers")),
        fillers=phrases(words("fillers")),
        negations=phrases(words("negations")),
        vague_amounts=phrases(words("vague_amounts")),
        number_bounds=phrases(words("number_bounds")),
        approximations=phrases(words("approximations")),
        date_openers=phrases(words("date_openers")),
        organisation_words=phrases(words("organisation_words")),
        department_words=phrases(words("department_words")),
        synonyms=synonyms,
    )


def _unit(units: Any, name: str, path: Path) -> tuple[str, ...]:
    by_language = units.get(name) if isinstance(units, dict) else None
    if not isinstance(by_language, dict):
        raise VocabularyError(f"{path}: '{name}' must map each language to a list of words")
    return tuple(str(word) for values in by_language.values() for word in values)


__all__ = ["Vocabulary", "VocabularyError", "split", "vocabulary"]
