"""The validated interview, kept as JSON in the user's cache folder so the assistant starts fast.

The entry's name carries checksums of every interview file and of this package's code (datafiles.cache):
any change to either makes a new entry, so a stale interview is never used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datafiles import cache
from dialogue.conditions import Comparison, Condition
from dialogue.model import Interview, Kind, Language, Question, QuestionText, Validation

# 5: the questions' `defaults` and `detail` (words, org) on top of the cache's move to datafiles (arch).
# 6: the fewest and the most questions before any answer (blank_span); the questions' `duties` and
# `implied` answers; each language's `served` table (dialogue.served).
# 7: each language's way of writing dates (`dates`).
CACHE_FORMAT = 7  # of the interview as kept in the cache
_PACKAGE = Path(__file__).parent


def fingerprint(folder: Path) -> list[bytes]:
    """What the validated interview depends on: every interview file and this package's code."""
    parts = [f"interview {CACHE_FORMAT}".encode()]
    for path in sorted(folder.rglob("*.yaml")) + sorted(_PACKAGE.glob("*.py")):
        parts += [str(path.relative_to(path.parent.parent)).encode(), path.read_bytes()]
    return parts


def load_or_read(folder: Path) -> Interview:
    """The interview in `folder`: from the cache when it is there and intact, else validated and cached."""
    entry = cache.entry_name("interview", folder.name, *fingerprint(folder))
    try:
        return from_data(cache.load(entry), folder)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # no entry yet, or one that cannot be trusted: validate from the YAML
    # Validating imports PyYAML and Jinja2: a start from the cache needs neither before the first
    # question is on screen (docs/decisions.md, "Start-up").
    from dialogue.definition import read_interview

    interview = read_interview(folder)
    cache.store(entry, to_data(interview))
    return interview


def to_data(interview: Interview) -> dict[str, Any]:
    return {
        "format": CACHE_FORMAT,
        "version": interview.version,
        "sections": list(interview.sections),
        "title_question": interview.title_question,
        "words": {group: sorted(words) for group, words in interview.words.items()},
        "blank_route": list(interview.blank_route),
        "blank_span": list(interview.blank_span) if interview.blank_span else None,
        "questions": [
            {
                "id": q.id,
                "section": q.section,
                "kind": str(q.kind),
                "index": q.index,
                "line": q.line,
                "choices": list(q.choices),
                "default": q.default,
                "skippable": q.skippable,
                "validation": {k: v for k, v in vars(q.validation).items() if v is not None},
                "when": None if q.when is None else _condition_data(q.when),
                "landmarks": list(q.landmarks),
                "defaults": [[_condition_data(condition), value] for condition, value in q.defaults],
                "duties": [[_condition_data(condition), say] for condition, say in q.duties],
                "implied": [[_condition_data(condition), value] for condition, value in q.implied],
                "detail": q.detail,
            }
            for q in interview.questions
        ],
        "languages": {
            code: {
                "name": language.name,
                "sections": language.sections,
                "messages": language.messages,
                "served": language.served,
                "dates": language.date_format,
                "file": language.file.name,
                "questions": {
                    question_id: {
                        "text": texts.text,
                        "why": texts.why,
                        "hint": texts.hint,
                        "default": texts.default,
                        "choices": texts.choices,
                        "aliases": {choice: list(words) for choice, words in texts.aliases.items()},
                    }
                    for question_id, texts in language.questions.items()
                },
            }
            for code, language in interview.languages.items()
        },
    }


def _condition_data(condition: Condition) -> dict[str, Any]:
    return {
        "source": condition.source,
        "names": list(condition.names),
        "comparisons": [[c.name, list(c.constants)] for c in condition.comparisons],
    }


def _condition(data: dict[str, Any]) -> Condition:
    return Condition(
        data["source"],
        tuple(data["names"]),
        tuple(Comparison(name, tuple(constants)) for name, constants in data["comparisons"]),
    )


def from_data(data: dict[str, Any], folder: Path) -> Interview:
    if data.get("format") != CACHE_FORMAT:
        raise ValueError("another format")
    questions = tuple(
        Question(
            id=q["id"],
            section=q["section"],
            kind=Kind(q["kind"]),
            index=q["index"],
            line=q["line"],
            choices=tuple(q["choices"]),
            default=q["default"],
            skippable=q["skippable"],
            validation=Validation(**q["validation"]),
            when=None if q["when"] is None else _condition(q["when"]),
            landmarks=tuple(q["landmarks"]),
            defaults=tuple((_condition(condition), value) for condition, value in q["defaults"]),
            duties=tuple((_condition(condition), say) for condition, say in q["duties"]),
            implied=tuple((_condition(condition), value) for condition, value in q["implied"]),
            detail=q.get("detail"),
        )
        for q in data["questions"]
    )
    languages = {
        code: Language(
            code=code,
            name=language["name"],
            sections=language["sections"],
            questions={
                question_id: QuestionText(
                    text=texts["text"],
                    why=texts["why"],
                    hint=texts["hint"],
                    default=texts["default"],
                    choices=texts["choices"],
                    aliases={choice: tuple(words) for choice, words in texts["aliases"].items()},
                )
                for question_id, texts in language["questions"].items()
            },
            messages=language["messages"],
            file=folder / "lang" / language["file"],
            served=language["served"],
            date_format=language["dates"],
        )
        for code, language in data["languages"].items()
    }
    return Interview(
        version=data["version"],
        sections=tuple(data["sections"]),
        questions=questions,
        languages=languages,
        source=folder,
        title_question=data["title_question"],
        words={group: frozenset(words) for group, words in data["words"].items()},
        blank_route=tuple(data["blank_route"]),
        blank_span=tuple(data["blank_span"]) if data["blank_span"] else None,
    )
