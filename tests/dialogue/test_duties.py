"""The law says so (issue 13 item 8): an answer that shows a legal duty unmet is told at once, in one
line with the rule, in the user's language; the duties are data in questions.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dialogue.duties import said, unmet
from dialogue.errors import DefinitionError
from dialogue.loader import INTERVIEW_DIR, load_interview

interview = load_interview()
CHANNEL = interview["whistleblowing_channel"]
SANCTIONS = interview["sanctions_in_work_rules"]
DISCONNECT = interview["disconnect_rules"]


def answers(**given: object) -> dict[str, object]:
    return {"policy_type": "comprehensive", "sector": "other", "headcount": 85, **given}


def test_no_whistleblowing_channel_at_85_employees_is_against_the_law() -> None:
    assert unmet(CHANNEL, answers(whistleblowing_channel=False)) == ["duty_whistleblowing_channel"]
    assert unmet(CHANNEL, answers(whistleblowing_channel=True)) == []
    assert unmet(CHANNEL, answers(whistleblowing_channel=False, headcount=49)) == []
    # A public body has rules of its own (the notes name them): nothing is said that may be untrue.
    assert unmet(CHANNEL, answers(whistleblowing_channel=False, sector="public")) == []
    # In the financial sector the duty does not wait for 50 employees (shared/legal/sectors.md 2.8).
    finance = answers(whistleblowing_channel=False, headcount=12, sector="finance")
    assert unmet(CHANNEL, finance) == ["duty_whistleblowing_channel_finance"]


def test_each_duty_is_one_line_with_the_rule_in_each_language() -> None:
    given = answers(whistleblowing_channel=False)
    expected = {
        "en": ("with 85 employees", "Act of 28 November 2022", "from 50 employees"),
        "nl": ("met 85 werknemers", "wet van 28 november 2022", "vanaf 50 werknemers"),
        "fr": ("avec 85 travailleurs", "loi du 28 novembre 2022", "dès 50 travailleurs"),
        "de": ("Mit 85 Arbeitnehmern", "Gesetz vom 28. November 2022", "ab 50 Arbeitnehmern"),
    }
    for code, parts in expected.items():
        [line] = said(CHANNEL, given, interview.language(code))
        assert "\n" not in line and all(part in line for part in parts), (code, line)


def test_sanctions_missing_from_the_work_rules_are_said_with_the_act_of_1965() -> None:
    [line] = said(SANCTIONS, answers(sanctions_in_work_rules=False), interview.language("en"))
    assert "a sanction that is not in the work rules cannot be applied" in line
    assert "Act of 8 April 1965" in line
    assert unmet(SANCTIONS, answers(sanctions_in_work_rules=True)) == []


def test_the_right_to_disconnect_is_asked_from_20_employees_and_its_absence_said() -> None:
    from dialogue.route import is_asked

    assert is_asked(DISCONNECT, answers(headcount=20))
    assert not is_asked(DISCONNECT, answers(headcount=19))
    assert not is_asked(DISCONNECT, answers(sector="public"))
    assert not is_asked(DISCONNECT, answers(policy_type="limited"))
    assert DISCONNECT.skippable, "an HR person may not know; the notes ask them to check"
    [line] = said(DISCONNECT, answers(headcount=20, disconnect_rules=False), interview.language("fr"))
    assert "avec 20 travailleurs" in line and "loi du 3 octobre 2022" in line
    assert unmet(DISCONNECT, answers(headcount=20)) == [], "skipped: nothing is claimed"


def test_a_duty_naming_a_message_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "interview"
    shutil.copytree(INTERVIEW_DIR, folder)
    questions = folder / "questions.yaml"
    text = questions.read_text(encoding="utf-8")
    questions.write_text(text.replace("say: duty_sanctions_in_work_rules", "say: duty_nonsense"), "utf-8")
    with pytest.raises(DefinitionError, match="'duty_nonsense', which is not a message"):
        load_interview(folder)
