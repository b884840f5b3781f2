"""The validated interview is cached for a fast start; the cache never changes what the user is asked."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from datafiles import cache
from dialogue import stored
from dialogue.definition import read_interview
from dialogue.errors import DefinitionError
from dialogue.length import Span
from dialogue.loader import INTERVIEW_DIR
from dialogue.session import Session


@pytest.fixture
def interview_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "interview"
    shutil.copytree(INTERVIEW_DIR, folder)
    return folder


def _entries() -> list[Path]:
    return sorted(cache.cache_folder().glob("interview-*.json"))


def test_the_cached_interview_is_the_validated_one(interview_copy: Path) -> None:
    validated = read_interview(interview_copy)
    stored.load_or_read(interview_copy)  # validates and writes the cache
    [entry] = _entries()
    cached = stored.load_or_read(interview_copy)  # read back from the cache
    assert stored.to_data(cached) == stored.to_data(validated)
    # Every field of every language, not only those the cache writes (German dates came back as 25/11).
    assert cached.languages == validated.languages
    # Conditions still work after the round trip, compiled when first evaluated.
    region = next(q for q in cached.questions if q.when is not None)
    assert region.when.names and isinstance(
        region.when.holds({name: None for name in region.when.names}), bool
    )
    assert entry.stat().st_size > 1000


def test_a_changed_interview_is_validated_again_not_read_from_the_cache(interview_copy: Path) -> None:
    stored.load_or_read(interview_copy)
    questions = interview_copy / "questions.yaml"
    questions.write_text(questions.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    stored.load_or_read(interview_copy)
    assert len(_entries()) == 1, "the stale entry is dropped"
    # A mistake introduced after caching is still reported, not hidden behind the cache.
    questions.write_text(
        questions.read_text(encoding="utf-8").replace("version:", "versio:", 1), encoding="utf-8"
    )
    with pytest.raises(DefinitionError):
        stored.load_or_read(interview_copy)


@pytest.mark.parametrize("damage", ["", "{", "[]", '{"format": 1}', "\x00\xff", '{"format": 999}'])
def test_a_damaged_cache_entry_is_ignored_and_rewritten(interview_copy: Path, damage: str) -> None:
    stored.load_or_read(interview_copy)
    [entry] = _entries()
    entry.write_text(damage, encoding="utf-8", errors="surrogateescape")
    interview = stored.load_or_read(interview_copy)
    assert Session.start(interview, "en").current is not None
    assert json.loads(entry.read_text(encoding="utf-8"))["format"] == stored.CACHE_FORMAT


def test_an_unwritable_cache_only_costs_speed(interview_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = interview_copy.parent / "not-a-folder"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setattr(cache, "cache_folder", lambda: blocked)
    interview = stored.load_or_read(interview_copy)
    assert Session.start(interview, "en").current is not None


def test_a_new_session_shows_its_first_question_and_progress_without_evaluating_a_condition(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dialogue.conditions import Condition
    from dialogue.loader import load_interview
    from dialogue.route import Route

    interview = load_interview()
    worked_out = Route(interview.questions, {}, set()).statuses()
    assert tuple(status.value for status in worked_out) == interview.blank_route

    def refuse(self: Condition, answers: object) -> bool:
        raise AssertionError(f"evaluated '{self.source}' before the first answer")

    with monkeypatch.context() as patched:
        patched.setattr(Condition, "holds", refuse)
        session = Session.start(interview, "en")
        assert session.current is interview.questions[0]
        assert not session.can_back
        progress = session.progress
        assert progress.answered == 0 and progress.total == Span(*interview.blank_span).likely
    session.answer(interview.questions[0].choices[-1])  # conditions are evaluated from here on
    assert session.can_back and session.current is not interview.questions[0]
