"""Names and texts from files never reach the terminal raw (issue 14, items 7 and 16): an escape
sequence in a draft's title or name, an answers file's key or name, a review file's name is printed
written out (ESC as \\x1b), so a file cannot set the terminal's title or write the clipboard (OSC 52).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from uihelp import answers_file, session_at, write_draft

from assistant.cli import main
from assistant.commands import shown

OSC_TITLE = "\x1b]0;PWNED\x07"
OSC_CLIPBOARD = "\x1b]52;c;SGVsbG8=\x07"
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
COMPREHENSIVE = answers_file("comprehensive-brussels.yaml")


def printed(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    return captured.out + captured.err


@pytest.fixture
def cli_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("POLICY_ASSISTANT_HOME", str(home))
    monkeypatch.setenv("COLUMNS", "400")
    return home


def test_shown_writes_out_every_control_character_and_keeps_lines() -> None:
    assert shown(f"A{OSC_TITLE}B\x9b1m\u202eC\nD") == "A\\x1b]0;PWNED\\x07B\\x9b1m\\u202eC\nD"


def test_a_draft_title_with_escape_sequences_is_written_out_by_drafts(
    cli_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = session_at("headcount", dict(COMPREHENSIVE))
    session.answers["org_name"] = f"Acme{OSC_TITLE}{OSC_CLIPBOARD}NV"
    write_draft(cli_home, session, "titled")
    (cli_home / "drafts" / f"odd{OSC_TITLE}.yaml").write_text("format: 1\n")
    assert main(["drafts"]) == 0
    out = printed(capsys)
    assert not RAW.search(out), repr(out)
    assert "Acme\\x1b]0;PWNED\\x07\\x1b]52;c;SGVsbG8=\\x07NV" in out
    assert "odd\\x1b]0;PWNED\\x07" in out


def test_check_answers_writes_out_a_key_and_a_file_name(
    cli_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / f"answers{OSC_TITLE}.yaml"
    answers.write_text(
        f'org_name: Acme\n"{OSC_CLIPBOARD}": 1\n'.replace("\x1b", "\\e").replace("\x07", "\\a")
    )
    assert main(["check-answers", str(answers)]) == 2
    out = printed(capsys)
    assert not RAW.search(out), repr(out)
    assert "\\x1b]52;c;SGVsbG8=\\x07" in out
    assert "answers\\x1b]0;PWNED\\x07.yaml" in out


def test_build_writes_out_the_name_of_what_it_wrote(
    cli_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(__file__).resolve().parents[2] / "examples" / "comprehensive-brussels.yaml"
    target = tmp_path / f"policy{OSC_TITLE}.md"
    assert main(["build", "--answers", str(source), "--output", str(target)]) == 0
    out = printed(capsys)
    assert not RAW.search(out), repr(out)
    assert "policy\\x1b]0;PWNED\\x07" in out


def test_review_writes_out_the_file_name_and_its_text(
    cli_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / f"ours{OSC_TITLE}.md"
    text = (
        f"# Social media policy{OSC_TITLE}\n\nEmployees may not criticise the boss{OSC_CLIPBOARD} online.\n"
    )
    policy.write_text(text)
    main(["review", str(policy)])
    out = printed(capsys)
    assert not RAW.search(out), repr(out)
    assert "ours" in out and "PWNED" in out  # written out, or its control characters dropped
