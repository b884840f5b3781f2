"""Answers files: validated like an interview; every error names the line, question and allowed values."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from strategies import answer_sets

from dialogue.answers_file import AnswersFileError, check_answers_text, read_answers
from dialogue.loader import load_interview

interview = load_interview()
LIMITED = """\
policy_type: limited
org_name: Acme NV
regions: [flanders]
headcount: 12
sector: bakery
retail_kind: shop
employee_bodies: none
personal_use: only during breaks
sanctions_in_work_rules: yes
contact_email: hr@acme.be
effective_date: 1/3/2027
"""


def problems(text: str) -> list[str]:
    with pytest.raises(AnswersFileError) as caught:
        check_answers_text(text, interview, "answers.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_a_complete_file_in_typed_values_and_words_is_read(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(LIMITED, encoding="utf-8")
    assert read_answers(path, interview) == {
        "policy_type": "limited",
        "org_name": "Acme NV",
        "regions": ["flanders"],
        "headcount": 12,
        "sector": "retail",
        "retail_kind": "shop",
        "employee_bodies": [],
        "personal_use": "breaks",
        "sanctions_in_work_rules": True,
        "contact_email": "hr@acme.be",
        "effective_date": date(2027, 3, 1),
    }


def test_a_wrong_choice_names_the_line_question_and_allowed_values() -> None:
    found = problems(LIMITED.replace("policy_type: limited", "policy_type: brief"))
    assert found == [
        "answers.yaml, line 1, question 'policy_type': 'brief' is not one of the choices. "
        "Allowed: employee_rules, comprehensive, department, limited."
    ]


def test_a_number_out_of_range_names_the_range() -> None:
    assert problems(LIMITED.replace("headcount: 12", "headcount: 0")) == [
        "answers.yaml, line 4, question 'headcount': Please give a number of at least 1. "
        "Allowed: a whole number from 1 to 500000."
    ]


def test_a_missing_answer_and_an_unknown_question_are_both_reported() -> None:
    found = problems(LIMITED.replace("org_name: Acme NV\n", "") + "orgname: Acme\n")
    assert (
        found[0] == "answers.yaml, line 11, question 'orgname': is not a question of the interview; did you "
        "mean 'org_name'?"
    )
    assert (
        found[1]
        == "answers.yaml, question 'org_name': the answer is missing. Allowed: text of 2 to 120 characters."
    )


def test_a_question_name_with_a_line_break_is_shown_escaped_on_one_line() -> None:
    found = problems(LIMITED + '"org\\nname": Acme\n')
    assert found[0].startswith("answers.yaml, line 12, question 'org\\nname': is not a question")


def test_the_one_line_message_counts_the_other_problems() -> None:
    with pytest.raises(AnswersFileError) as caught:
        check_answers_text("policy_type: x\nheadcount: -1\n", interview, "a.yaml")
    assert str(caught.value).endswith("more problems)") and "\n" not in str(caught.value)


def test_answers_off_the_path_are_ignored_with_a_note_and_defaults_fill_gaps() -> None:
    report = check_answers_text(LIMITED + "monitoring: true\n", interview)
    assert "monitoring" not in report.answers
    assert report.notes == ["line 12: 'monitoring' is not asked with these answers, so it is ignored"]
    text = LIMITED.replace("policy_type: limited", "policy_type: comprehensive")
    found = problems(text)
    assert not any("review_cadence" in p for p in found), "a question with a default may be left out"


def test_a_syntax_error_names_the_line() -> None:
    assert problems("policy_type: [limited\norg_name: x\n")[0].startswith("answers.yaml, line 2:")


@pytest.mark.parametrize("text", ["- a list\n", "just words\n", "42\n"])
def test_a_file_that_is_not_a_mapping_says_so(text: str) -> None:
    assert problems(text)[0].endswith("must be a mapping of question id to answer")


@given(answers=answer_sets())
def test_every_valid_answer_set_written_to_yaml_reads_back_identically(answers: dict[str, object]) -> None:
    text = yaml.safe_dump(answers, allow_unicode=True)
    assert check_answers_text(text, interview).answers == answers


@given(text=st.text(max_size=300))
def test_any_text_is_read_or_refused_with_one_line_problems(text: str) -> None:
    try:
        check_answers_text(text, interview)
    except AnswersFileError as error:
        assert all("\n" not in str(problem) for problem in error.problems)


COMPREHENSIVE = """\
policy_type: comprehensive
org_name: Atelier Noord BV
regions: [brussels]
staff_languages: [nl, fr]
headcount: 35
sector: other
employee_bodies: []
platforms: [linkedin, instagram]
spokespersons: de zaakvoerder en de marketingassistent
advocacy: yes
advocacy_incentives: yes
advocacy_reward: elk jaar een cadeaubon voor wie het meest deelt
personal_use: reasonable
company_devices: yes
monitoring: no
customer_service: no
crisis_contact: Els Maes, 0470 12 34 56
confidential_info: [customer_data]
staff_images: yes
ai_content: allowed_reviewed
sanctions_in_work_rules: yes
whistleblowing_channel: no
it_policy: no
contact_email: hr@noord.example
effective_date: 2027-01-01
"""


def test_defaults_follow_the_earlier_answers() -> None:
    report = check_answers_text(COMPREHENSIVE, interview)
    # 35 employees: management, HR and a prevention advisor; no communication function, so the
    # roles fall to management and HR.
    assert report.answers["functions"] == ["management", "hr", "prevention_advisor"]
    assert report.answers["spokesperson_functions"] == ["management"]
    assert report.answers["crisis_function"] == "management"
    assert report.answers["dp_contact"] == "hr"
    assert report.answers["policy_owner"] == "hr"
    big = check_answers_text(COMPREHENSIVE.replace("headcount: 35", "headcount: 400"), interview)
    assert big.answers["spokesperson_functions"] == ["communication"]
    assert big.answers["dp_contact"] == "dpo"


def test_each_version_can_have_its_own_wording_of_typed_answers() -> None:
    text = COMPREHENSIVE + (
        "wording:\n"
        "  fr:\n"
        "    spokespersons: le gérant et l'assistante marketing\n"
        "    advocacy_reward: chaque année un bon cadeau pour ceux qui partagent le plus\n"
        "  en: {spokespersons: the managing director and the marketing assistant}\n"
    )
    report = check_answers_text(text, interview)
    assert report.answers["spokespersons"] == "de zaakvoerder en de marketingassistent"
    assert report.wording == {
        "fr": {
            "spokespersons": "le gérant et l'assistante marketing",
            "advocacy_reward": "chaque année un bon cadeau pour ceux qui partagent le plus",
        },
        "en": {"spokespersons": "the managing director and the marketing assistant"},
    }


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("wording: [fr]\n", "must map a language code to typed answers"),
        ("wording:\n  french: {spokespersons: x y}\n", "'french' is not a language code"),
        ("wording:\n  fr: {headcount: douze}\n", "'headcount' is not a question answered in words"),
        ("wording:\n  fr: {spokespersons: x}\n", "question 'spokespersons': Please give at least 2"),
        ("wording:\n  fr: le gérant\n", "'fr' must map question ids to the words for that version"),
    ],
)
def test_a_wrong_wording_is_one_clear_line(wording: str, expected: str) -> None:
    found = problems(COMPREHENSIVE + wording)
    assert len(found) == 1 and expected in found[0], found


def test_a_wording_for_an_answer_off_the_path_is_ignored_with_a_note() -> None:
    report = check_answers_text(COMPREHENSIVE + "wording:\n  fr: {ai_tools: Copilot}\n", interview)
    assert report.wording == {}
    assert any("'ai_tools' is not answered" in note for note in report.notes)


@given(
    wording=st.dictionaries(st.text(max_size=4), st.dictionaries(st.text(max_size=15), st.text(max_size=30)))
)
def test_any_wording_mapping_is_read_or_refused_with_one_line_problems(wording: dict[str, object]) -> None:
    text = COMPREHENSIVE + yaml.safe_dump({"wording": wording}, allow_unicode=True)
    try:
        report = check_answers_text(text, interview)
    except AnswersFileError as error:
        assert all("\n" not in str(problem) for problem in error.problems)
    else:
        assert set(report.wording) <= set(wording)
