"""Drafts: saved after every answer, atomically, privately; damage is reported, never overwritten."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from dialogue.drafts import DraftError, DraftStore, default_folder
from dialogue.loader import load_interview
from dialogue.session import Session
from dialogue.snapshot import from_dict

interview = load_interview()


@pytest.fixture
def store(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts")


def started(store: DraftStore) -> Session:
    session = Session.start(interview)
    session.subscribe(store.save)
    return session


def test_drafts_live_in_the_data_folder_given_by_the_environment(private_home: Path) -> None:
    assert default_folder() == private_home / "drafts"


def test_every_answer_is_saved_and_resume_restores_the_exact_position(store: DraftStore) -> None:
    session = started(store)
    session.answer("limited")
    session.answer("Acme NV")
    session.answer(["brussels"])
    assert session.draft_id is not None
    with store.load(session.draft_id, interview) as resumed:
        assert resumed.state == "staff_languages"
        assert resumed.answers == {"policy_type": "limited", "org_name": "Acme NV", "regions": ["brussels"]}
        assert resumed.history == session.history
    session.close()


def test_a_draft_is_readable_only_by_its_owner(store: DraftStore) -> None:
    session = started(store)
    session.answer("limited")
    path = store.path_of(session.draft_id or "")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700
    session.close()


def test_an_interrupted_write_leaves_the_previous_draft_intact(
    store: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = started(store)
    session.answer("limited")
    path = store.path_of(session.draft_id or "")
    before = path.read_bytes()

    def crash(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(DraftError, match=r"could not be saved.*No space left"):
        session.answer("Acme NV")
    assert path.read_bytes() == before
    assert [p.name for p in store.folder.iterdir()] == [path.name], "no temporary file is left behind"
    session.close()


def test_a_damaged_draft_gets_a_clear_message_and_is_kept(store: DraftStore) -> None:
    store.folder.mkdir(parents=True)
    damaged = store.folder / "20261125-101010-abcd.yaml"
    damaged.write_text("answers: {org_name: [unclosed\n", encoding="utf-8")
    with pytest.raises(DraftError, match=r"is damaged near line \d+\. It was kept as it is"):
        store.load("20261125-101010-abcd", interview)
    listed = store.list()
    assert len(listed) == 1 and listed[0].is_damaged
    session = started(store)
    session.answer("limited")
    assert session.draft_id != "20261125-101010-abcd"
    assert damaged.read_text(encoding="utf-8") == "answers: {org_name: [unclosed\n"
    session.close()


def test_a_draft_of_another_shape_is_refused_with_a_reason(store: DraftStore) -> None:
    store.folder.mkdir(parents=True)
    (store.folder / "x.yaml").write_text("format: 1\nanswers: []\n", encoding="utf-8")
    with pytest.raises(DraftError, match="cannot be resumed: its 'answers' is missing or damaged"):
        store.load("x", interview)


def test_drafts_are_listed_newest_first_and_can_be_deleted(store: DraftStore) -> None:
    first = started(store)
    first.answer("limited")
    first.answer("First NV")
    second = started(store)
    second.answer("comprehensive")
    listed = store.list()
    assert [draft.id for draft in listed] == [second.draft_id, first.draft_id]
    assert listed[1].title == "First NV" and listed[1].progress == 18
    store.delete(first.draft_id or "")
    assert [draft.id for draft in store.list()] == [second.draft_id]
    with pytest.raises(DraftError, match="no draft called"):
        store.delete(first.draft_id or "")
    for session in (first, second):
        session.close()


def test_draft_names_cannot_escape_the_folder(store: DraftStore) -> None:
    with pytest.raises(DraftError, match="not a draft name"):
        store.path_of("../../etc/passwd")


def test_a_draft_from_an_older_interview_keeps_what_still_fits(store: DraftStore) -> None:
    store.folder.mkdir(parents=True)
    snapshot = {
        "format": 1,
        "interview_version": 0,
        "language": "en",
        "state": "gone_question",
        "history": ["start"],
        "skipped": [],
        "answers": {"policy_type": "limited", "org_name": "Acme", "removed": 3, "headcount": -4},
    }
    (store.folder / "old.yaml").write_text(yaml.safe_dump(snapshot), encoding="utf-8")
    with store.load("old", interview) as session:
        assert session.answers == {"policy_type": "limited", "org_name": "Acme"}
        assert session.state == "regions"
        assert len(session.notices) == 3


@given(text=st.text(max_size=400))
def test_any_draft_content_loads_or_gets_a_draft_error(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    store = DraftStore(tmp_path_factory.mktemp("drafts"))
    (store.folder / "d.yaml").write_text(text, encoding="utf-8")
    try:
        store.load("d", interview).close()
    except DraftError as error:
        assert "\n" not in str(error)
    store.list()


@given(
    answers=st.dictionaries(
        st.sampled_from(sorted(interview.by_id)),
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(),
            st.text(max_size=20),
            st.dates(date(1990, 1, 1)),
            st.lists(st.text(max_size=8), max_size=3),
        ),
    ),
    state=st.sampled_from(["start", "summary", "done", "nowhere", *interview.by_id]),
)
def test_any_draft_data_resumes_somewhere_sensible(answers: dict[str, object], state: str) -> None:
    data = {"format": 1, "language": "en", "state": state, "history": [], "skipped": [], "answers": answers}
    with from_dict(interview, data) as session:
        assert set(session.answers) <= set(answers)
        assert session.state in {"start", "summary", "done", *interview.by_id}
