"""The dialogue's commands: questions, flow, check-answers, drafts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from assistant.cli import main
from assistant.commands.flow import flow_page
from dialogue.drafts import DraftStore
from dialogue.loader import load_interview
from dialogue.session import Session

ROOT = Path(__file__).resolve().parents[2]
LIMITED = ROOT / "tests" / "dialogue" / "limited.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_questions_lists_every_question_with_kind_and_condition(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "questions")
    assert code == 0
    for question in load_interview().questions:
        assert question.id in out
    assert "'brussels' in" in out


def test_questions_as_yaml_is_machine_readable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "questions", "--format", "yaml")
    rows = yaml.safe_load(out)["questions"]
    assert code == 0 and len(rows) == len(load_interview().questions)
    staff = next(row for row in rows if row["id"] == "staff_languages")
    assert staff["when"] == "'brussels' in regions" and staff["choices"] == {"nl": "Dutch", "fr": "French"}


def test_questions_in_an_unknown_language_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "questions", "--lang", "xx")
    assert code == 2 and err.count("\n") == 1 and "not available in 'xx'" in err


def test_flow_prints_a_mermaid_state_diagram(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "flow")
    assert code == 0 and "stateDiagram-v2" in out
    assert "regions --> staff_languages: answer ['brussels' in regions]" in out
    assert "policy_type --> department_other" not in out, "impossible moves are not drawn"


def test_docs_flow_md_is_in_step_with_the_interview() -> None:
    committed = (ROOT / "docs" / "flow.md").read_text(encoding="utf-8")
    assert committed == flow_page(), "run: policy-assistant flow --markdown > docs/flow.md"


def test_check_answers_accepts_a_good_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check-answers", str(LIMITED))
    assert (code, err) == (0, "")
    assert "11 answers, a complete interview" in out


def test_check_answers_rejects_a_bad_file_with_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(LIMITED.read_text().replace("headcount: 12", "headcount: lots"), encoding="utf-8")
    code, out, err = run(capsys, "check-answers", str(bad))
    assert code == 2 and out == ""
    assert err == (
        f"policy-assistant: {bad}, line 5, question 'headcount': Please give a whole number, for example 12. "
        'Figures or words both work: "120", "about 1.250", "twelve". '
        "Allowed: a whole number from 1 to 500000.\n"
    )


def test_check_answers_on_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "check-answers", str(tmp_path / "nope.yaml"))
    assert code == 2 and "cannot be read (No such file or directory)" in err


def test_drafts_lists_and_deletes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "drafts")
    assert code == 0 and "No drafts yet" in out
    store = DraftStore()
    with Session.start(load_interview()) as session:
        session.subscribe(store.save)
        session.answer("limited")
        session.answer("Brasserie Dupont SRL")
    code, out, _ = run(capsys, "drafts", "list")
    assert code == 0 and "Brasserie Dupont SRL" in out and "18%" in out
    code, out, _ = run(capsys, "drafts", "delete", session.draft_id or "")
    assert code == 0 and store.list() == []
    code, _, err = run(capsys, "drafts", "delete", session.draft_id or "")
    assert code == 2 and "no draft called" in err


def test_the_module_runs_as_a_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "check-answers", str(LIMITED)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
