"""The validated interview, kept as JSON in the user's cache folder so the assistant starts fast.

The file's name carries a hash of every interview file and of this package's code: any change to
either makes a new entry, so a stale interview is never used. The cache holds plain data, never code:
a damaged or foreign file is simply ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from dialogue.conditions import Comparison, Condition
from dialogue.model import Interview, Kind, Language, Question, QuestionText, Validation

FORMAT = 4
_PACKAGE = Path(__file__).parent


def cache_folder() -> Path:
    home = os.environ.get("POLICY_ASSISTANT_HOME")
    if home:
        return Path(home).expanduser() / "cache"
    from platformdirs import user_cache_path

    return user_cache_path("policy-assistant", appauthor=False)


def fingerprint(folder: Path) -> str:
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for path in sorted(folder.rglob("*.yaml")) + sorted(_PACKAGE.glob("*.py")):
        digest.update(str(path.relative_to(path.parent.parent)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def load_or_read(folder: Path) -> Interview:
    """The interview in `folder`: from the cache when it is there and intact, else validated and cached."""
    key = fingerprint(folder)
    entry = cache_folder() / f"interview-{key}.json"
    try:
        return from_data(json.loads(entry.read_text(encoding="utf-8"), object_hook=_decode), folder)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # no entry yet, or one that cannot be trusted: validate from the YAML
    from dialogue.definition import read_interview

    interview = read_interview(folder)
    _store(entry, to_data(interview))
    return interview


def cached_parse(path: Path, parse: Callable[[bytes], Any], kind: str) -> Any:
    """`parse(path's bytes)`, kept as JSON in the cache folder under the bytes' hash.

    For data files read at every start (the app's texts): JSON loads several times faster than YAML
    and needs no YAML parser imported. `parse` must return JSON-friendly data; its errors propagate and
    nothing is cached for a file that does not parse.
    """
    content = path.read_bytes()
    digest = hashlib.sha256(f"{kind} {FORMAT}\n".encode() + content).hexdigest()[:24]
    entry = cache_folder() / f"{kind}-{path.stem}-{digest}.json"
    try:
        return json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    data = parse(content)
    _store(entry, data, stale=f"{kind}-{path.stem}-*.json")
    return data


def _store(entry: Path, data: Any, stale: str = "interview-*.json") -> None:
    """Write the entry and drop older ones; a cache that cannot be written only costs speed."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor, temporary = tempfile.mkstemp(prefix=".interview.", dir=entry.parent)
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            json.dump(data, stream, default=_encode, ensure_ascii=False)
        os.replace(temporary, entry)
        for old in entry.parent.glob(stale):
            if old != entry:
                old.unlink(missing_ok=True)
    except OSError:
        pass


def _encode(value: Any) -> Any:
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, tuple | frozenset | set):
        return list(value)
    raise TypeError(f"cannot store {value!r}")


def _decode(mapping: dict[str, Any]) -> Any:
    if set(mapping) == {"$date"}:
        return date.fromisoformat(mapping["$date"])
    return mapping


def to_data(interview: Interview) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": interview.version,
        "sections": list(interview.sections),
        "title_question": interview.title_question,
        "words": {group: sorted(words) for group, words in interview.words.items()},
        "blank_route": list(interview.blank_route),
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
                "detail": q.detail,
            }
            for q in interview.questions
        ],
        "languages": {
            code: {
                "name": language.name,
                "sections": language.sections,
                "messages": language.messages,
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
    if data.get("format") != FORMAT:
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
    )
