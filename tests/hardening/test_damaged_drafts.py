"""Damaged and truncated drafts: a clear message, the file kept as it is, a fresh start offered.

A draft cut short anywhere (a copy that stopped, a full disk) either resumes with every answer it held or
is reported as damaged, in the list of drafts as well as when opened: never resumed with fewer answers.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from uihelp import answers_file, async_test, chat_of, make_app, session_at, wait_for

from assistant.cli import main
from assistant.screens.chat import ChatScreen
from assistant.screens.start import StartScreen
from assistant.widgets.pointer_list import PointerList
from dialogue.drafts import DraftError, DraftStore
from dialogue.loader import load_interview

interview = load_interview()
COMPREHENSIVE = answers_file("comprehensive-brussels.yaml")


def full_draft(folder: Path) -> tuple[Path, dict[str, object]]:
    """A draft with every kind of answer, a skipped question, a multi-line text and suggestions."""
    store = DraftStore(folder)
    answers = dict(COMPREHENSIVE, crisis_escalation="The CEO\n\nthen legal: «urgent»\n- and HR 🎉")
    session = session_at("acknowledgement", answers)
    session.suggestions = {"acknowledgement": "electronic"}
    store.save(session)
    assert session.draft_id is not None
    path = store.path_of(session.draft_id)
    result = dict(session.answers)
    session.close()
    return path, result


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.floats(0, 1, exclude_max=True))
def test_a_draft_cut_short_anywhere_resumes_whole_or_is_reported_damaged(tmp_path: Path, cut: float) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    path, answers = full_draft(folder)
    text = path.read_bytes()
    cut_short = text[: int(len(text) * cut)]
    path.write_bytes(cut_short)
    store = DraftStore(folder)
    [listed] = store.list()
    try:
        session = store.load(path.stem, interview)
    except DraftError as error:
        message = str(error)
        assert "\n" not in message and str(path) in message and message.endswith("It was kept as it is.")
        assert listed.is_damaged and listed.problem == message
    else:
        with session:
            assert session.answers == answers, "resumed with fewer answers than the draft held"
        assert not listed.is_damaged
    assert path.read_bytes() == cut_short


def truncated(home: Path) -> Path:
    """A draft cut off after its answers: still valid YAML, and it used to look fine in the list."""
    path, _ = full_draft(home / "drafts")
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("\nskipped:")] + "\n", encoding="utf-8")
    return path


def test_a_truncated_draft_is_damaged_in_the_list_and_when_opened(home: Path) -> None:
    path = truncated(home)
    store = DraftStore(home / "drafts")
    [listed] = store.list()
    assert listed.is_damaged
    assert listed.problem == (
        f"The draft {path} cannot be resumed: its 'skipped' is missing or damaged. It was kept as it is."
    )
    with pytest.raises(DraftError, match="its 'skipped' is missing or damaged"):
        store.load(path.stem, interview)


@async_test
async def test_the_start_screen_marks_a_truncated_draft_and_offers_a_fresh_start(home: Path) -> None:
    path = truncated(home)
    content = path.read_bytes()
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, StartScreen)
        drafts = app.screen.query_one("#drafts", PointerList)
        assert drafts.lines[0].startswith("⚠ Damaged draft · "), drafts.lines
        assert "its 'skipped' is missing or damaged" in drafts.lines[0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("cannot be opened" in str(n.message) for n in app._notifications))
        assert isinstance(app.screen, StartScreen)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, ChatScreen))
        assert chat_of(app).session.answers == {}
        assert chat_of(app).session.current.id == "policy_type"
    assert path.read_bytes() == content


@async_test
async def test_resume_of_a_truncated_draft_says_why_and_offers_a_fresh_start(home: Path) -> None:
    path = truncated(home)
    content = path.read_bytes()
    app = make_app(home, resume=path.stem)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, StartScreen)
        await wait_for(
            pilot,
            lambda: any("cannot be resumed" in str(n.message) for n in app._notifications),
            what="the reason on screen",
        )
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, ChatScreen))
    assert path.read_bytes() == content


def test_the_drafts_command_lists_a_damaged_draft_and_says_how_to_start_afresh(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICY_ASSISTANT_HOME", str(home))
    monkeypatch.setenv("COLUMNS", "300")
    path = truncated(home)
    (home / "drafts" / "garbage.yaml").write_bytes(b"\x00\xff binary")
    assert main(["drafts"]) == 0
    out = capsys.readouterr().out
    assert out.count("damaged") >= 2
    assert "its 'skipped' is missing or damaged" in out
    assert "garbage" in out and "(not text)" in out
    assert "`policy-assistant --new` starts a new policy" in out
    assert path.exists() and (home / "drafts" / "garbage.yaml").exists()
