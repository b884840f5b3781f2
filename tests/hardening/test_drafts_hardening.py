"""Drafts under attack (issue 14, items 6 and 16): far-future and naive dates, a FIFO among the drafts,
a drafts folder that cannot be read or written.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from uihelp import answers_file, async_test, chat_of, make_app, session_at, wait_for, write_draft

from assistant.cli import main
from assistant.keeper import DraftKeeper, NotSaved
from assistant.screens.start import StartScreen
from dialogue.drafts import DraftStore

ROOT = Path(__file__).resolve().parents[2]
COMPREHENSIVE = answers_file("comprehensive-brussels.yaml")
ODD_TIMES = {
    "far_future": "'9999-12-31T23:59:59+00:00'",
    "far_future_naive": "'9999-12-31T23:59:59'",
    "naive": "'2026-11-25T14:02:00'",
    "yaml_timestamp": "9999-12-31 23:59:59",
    "year_one": "'0001-01-01T00:00:00+00:00'",
    "not_a_time": "'soon'",
}


@pytest.fixture
def brussels(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Brussels")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def draft_saved_at(home: Path, draft_id: str, saved: str, field: str = "saved") -> Path:
    write_draft(home, session_at("headcount", COMPREHENSIVE), draft_id)
    path = home / "drafts" / f"{draft_id}.yaml"
    text = re.sub(rf"^{field}: .*$", lambda _: f"{field}: {saved}", path.read_text(), flags=re.M)
    path.write_text(text)
    return path


@pytest.mark.parametrize("field", ["saved", "created"])
@pytest.mark.parametrize("kind", ODD_TIMES)
def test_a_draft_with_an_odd_time_is_damaged_in_the_drafts_command(
    home: Path,
    brussels: None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    field: str,
) -> None:
    monkeypatch.setenv("POLICY_ASSISTANT_HOME", str(home))
    monkeypatch.setenv("COLUMNS", "300")
    draft_saved_at(home, "odd", ODD_TIMES[kind], field)
    write_draft(home, session_at("headcount", COMPREHENSIVE), "fine")
    assert main(["drafts"]) == 0
    out = capsys.readouterr().out
    assert "Kanaalzone" in out  # the good draft is listed as ever
    assert "damaged" in out or (kind == "not_a_time" and field == "saved")


@pytest.mark.parametrize("kind", ["far_future", "far_future_naive", "yaml_timestamp"])
@async_test
async def test_the_app_starts_with_a_far_future_draft_and_marks_it_damaged(home: Path, kind: str) -> None:
    with _brussels():
        draft_saved_at(home, "future", ODD_TIMES[kind])
        app = make_app(home)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
            screen = app.screen
            assert isinstance(screen, StartScreen)
            assert [draft.is_damaged for draft in screen.drafts] == [True]


@contextlib.contextmanager
def _brussels() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Brussels"
    time.tzset()
    try:
        yield
    finally:
        os.environ["TZ"] = before or "UTC"
        time.tzset()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_among_the_drafts_does_not_hang_the_drafts_command(home: Path) -> None:
    write_draft(home, session_at("headcount", COMPREHENSIVE), "fine")
    os.mkfifo(home / "drafts" / "pipe.yaml")
    env = dict(os.environ, POLICY_ASSISTANT_HOME=str(home), PYTHONPATH=str(ROOT), COLUMNS="200")
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "drafts"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "pipe" in done.stdout and "not a regular file" in done.stdout
    assert "Kanaalzone" in done.stdout


def test_a_drafts_folder_that_cannot_be_read_is_not_saved_with_the_reason(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """EACCES on the folder itself (a folder of another user, chmod 000): the save says so, no crash."""
    store = DraftStore(home / "drafts")
    folder = str(store.folder)
    real_stat, real_lstat = os.stat, os.lstat

    def refused(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).startswith(folder):
            raise PermissionError(13, "Permission denied", str(path))
        return (real_lstat if kwargs.get("follow_symlinks") is False else real_stat)(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", refused)
    monkeypatch.setattr(os, "lstat", lambda path, *args, **kwargs: refused(path, follow_symlinks=False))
    assert store.list() == []
    session = session_at("headcount", COMPREHENSIVE)
    outcomes: list[object] = []
    DraftKeeper(store).save(session, outcomes.append)
    assert len(outcomes) == 1 and isinstance(outcomes[0], NotSaved)
    assert "Permission denied" in outcomes[0].problem


def _immutable(folder: Path) -> bool:
    """Make `folder` unwritable even for root (chattr +i); False where that is not possible."""
    if os.geteuid() != 0:
        folder.chmod(0o500)
        return True
    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
    return done.returncode == 0


@async_test
async def test_a_drafts_folder_that_cannot_be_written_shows_not_saved_with_the_reason(home: Path) -> None:
    folder = home / "drafts"
    folder.mkdir(mode=0o700)
    if not _immutable(folder):
        pytest.skip("no way to make a folder unwritable here")
    try:
        app = make_app(home, new=True)
        async with app.run_test(size=(100, 30)) as pilot:
            chat = chat_of(app)
            await wait_for(pilot, lambda: chat.dock.choices.has_focus)
            await pilot.press("1")
            await wait_for(pilot, lambda: chat.conversation.save_state.failed)
            status = str(chat.query_one("#save-status").render())
            assert "⚠ not saved" in status
            said = chat.transcript.text()
            assert "could not be saved" in said and ("not permitted" in said or "denied" in said)
            assert chat.session.answers  # kept in memory
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], check=False)
        folder.chmod(0o700)
