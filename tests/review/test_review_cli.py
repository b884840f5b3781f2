"""`policy-assistant review`: the terminal report, a draft from the inferred answers, and speed."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from review_helpers import POLICIES, review

import clauses
from assistant.cli import main
from clauses.export import render
from clauses.review import review_text
from dialogue.answers_file import read_answers
from dialogue.drafts import DraftStore
from dialogue.loader import load_interview
from dialogue.validation import check


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["review", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_terminal_report_puts_the_risks_first_with_what_to_do(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "300")  # one passage per line, so the test can read them
    code, out, err = run(capsys, str(POLICIES / "risky_en.md"))
    assert (code, err) == (0, "")
    flat = " ".join(out.split())
    for text in (
        "Policy review",
        "risky_en.md · English (English 100%) · 263 words",
        "Risks to fix first",
        "⚠ High risk: Asks for passwords of, or access to, personal accounts",
        "Employees must provide the passwords of their personal social media accounts to HR on request.",
        "under “3. Your accounts”, paragraph 1, line 17",
        "What to do: Delete this passage. (What the organisation will never ask (rights_never))",
        "Why: An employer may never ask for the passwords",
        "Clause text from our library:",
        "Missing and weak elements",
        "What is fine",
        "Answers found for a new draft",
        "--start-draft",
    ):
        assert text in flat, text
    # HR acts on the risks first, the high ones before the others, then on the gaps.
    assert flat.index("⚠ High risk") < flat.index("⚠ Risk:") < flat.index("⚠ Gap:")
    assert (
        flat.index("Risks to fix first")
        < flat.index("Missing and weak elements")
        < flat.index("What is fine")
    )
    answers = flat[flat.index("Answers found for a new draft") :]
    assert "True" not in answers and "org_name" not in answers  # answers in words, not ids
    assert "What is the name of your organisation?" in answers and "Yes" in answers


def test_the_report_is_in_the_policys_language_or_the_one_asked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    code, out, _ = run(capsys, str(POLICIES / "risky_fr.html"))
    flat = " ".join(out.split())
    assert code == 0 and "Risques à corriger en priorité" in flat and "Que faire : " not in flat
    assert "Que faire: Supprimez ce passage." in flat and "Oui" in flat  # answers in French words
    code, out, _ = run(capsys, str(POLICIES / "risky_fr.html"), "--lang", "nl")
    flat = " ".join(out.split())
    assert "Risico's die eerst moeten worden aangepakt" in flat and "Schrap deze passage." in flat


def test_a_strong_policy_has_no_risk_in_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(POLICIES / "strong_nl.md"))
    assert code == 0 and "Geen risicovolle passage gevonden." in out  # in Dutch, the policy's language


@pytest.mark.parametrize(
    "name",
    ["strong_en.docx", "strong_nl.md", "generic_us_en.txt", "risky_en.md", "risky_fr.html", "risky_de.docx"],
)
def test_every_inferred_answer_is_valid_for_the_interview(name: str) -> None:
    interview = load_interview()
    for question_id, value in review(name).inferred_answers.items():
        question = interview.by_id[question_id]
        assert check(question, value, None) is None, (question_id, value)


def test_start_draft_saves_the_inferred_answers_as_suggestions_with_where_they_came_from(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, str(POLICIES / "strong_nl.md"), "--start-draft")
    assert (code, err) == (0, "")
    [draft] = DraftStore().list()
    session = DraftStore().load(draft.id, load_interview())
    assert session.language == "nl"  # the policy's language, which the interview speaks
    assert session.answers == {}  # nothing is answered until the user confirms
    assert session.suggestions == review("strong_nl.md").inferred_answers
    # Each suggestion says where in the reviewed policy it was found, for the app to show.
    assert session.suggestion_origins["org_name"].startswith("strong_nl.md, §")
    assert session.suggestion_origins["regions"] == "strong_nl.md, §1 Doel en toepassingsgebied, ¶1"
    assert set(session.suggestion_origins) <= set(session.suggestions)
    assert session.current is not None and session.current.id == "policy_type"
    lines = out.strip().splitlines()
    count = len(session.suggestions)
    assert lines[-2].startswith(f"Saved draft {draft.id} with {count} suggested answers to confirm (")
    assert lines[-1] == (
        "Resume it: start policy-assistant and choose it in the list of drafts "
        "(`policy-assistant drafts` lists it)."
    )
    session.answer("employee_rules")
    assert session.previous_answer() == "Scheldewerken NV"  # offered in the input, to confirm


def test_start_draft_keeps_json_on_standard_output_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, str(POLICIES / "risky_de.docx"), "--format", "json", "--start-draft", "--lang", "en"
    )
    assert code == 0
    assert json.loads(out)["language"] == "de"
    assert err.startswith("Saved draft ") and "5 suggested answers" in err
    [draft] = DraftStore().list()
    assert DraftStore().load(draft.id, load_interview()).language == "en"


def test_a_report_language_we_do_not_have(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        run(capsys, str(POLICIES / "risky_en.md"), "--start-draft", "--lang", "xx")
    assert exited.value.code == 2 and "invalid choice: 'xx'" in capsys.readouterr().err
    assert DraftStore().list() == []


def test_a_5000_word_policy_is_reviewed_well_under_a_second(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    answers = read_answers(root / "examples" / "comprehensive-brussels.yaml", load_interview())
    text = str(render(clauses.load_library().assemble(answers, "en"), "md"))
    while len(text.split()) < 5000:
        text += "\n\n" + text
    path = tmp_path / "policy.md"
    path.write_text(text, encoding="utf-8")
    from clauses.review import review_file

    review_file(path)  # the rules compile once, on first use
    started = time.perf_counter()
    report = review_file(path)
    elapsed = time.perf_counter() - started
    assert report.words >= 5000
    assert elapsed < 0.8, f"{report.words} words took {elapsed:.2f} s"


def test_a_report_comes_back_even_for_one_word() -> None:
    report = review_text("Hello")
    assert report.counts["missing"] == 19 - report.counts["weak"] - report.counts["present"]
