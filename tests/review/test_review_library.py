"""Our own policies, in every language the clause library has, pass their own review: no risky passage, and
every element present (the short do's and don'ts list leaves some out by design)."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

import clauses
from clauses.export import render
from clauses.review import Report, review_text
from dialogue.answers_file import read_answers
from dialogue.loader import load_interview

ROOT = Path(__file__).resolve().parents[2]
CBA_81_PURPOSES = ("unlawful_acts", "confidential_interests", "it_security", "policy_compliance")
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
LANGUAGES = sorted(clauses.load_library().languages)
LIMITED_GAPS = {"definitions", "roles", "official_accounts", "data_protection"}
# The short list says each rule in a line or two: an element may be weak there, never risky.
# Below 20 employees the right to disconnect is not required, and the short list leaves it out.
LIMITED_MISSING = LIMITED_GAPS | {"disconnect"}


@functools.cache
def reviewed(example: str, language: str) -> tuple[Report, dict]:
    answers = read_answers(ROOT / "examples" / f"{example}.yaml", load_interview())
    policy = clauses.load_library().assemble(answers, language)
    return review_text(str(render(policy, "md")), "md", source=f"{example}.md"), answers


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("example", [path.stem for path in EXAMPLES])
def test_our_policy_has_no_risky_passage_and_every_element(example: str, language: str) -> None:
    report, answers = reviewed(example, language)
    assert report.language == language
    flagged = {risk.id for risk in report.risks} - {"english_only"}
    assert flagged == set(), [(r.id, [p.text for p in r.passages]) for r in report.risks]
    gaps = {element.id for element in report.elements if element.status != "present"} - {"language"}
    if answers["policy_type"] == "limited":
        missing = {element.id for element in report.elements if element.status == "missing"} - {"language"}
        assert missing <= LIMITED_MISSING, missing
    else:
        assert gaps == set(), [(e.id, e.note) for e in report.elements if e.id in gaps]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("example", [path.stem for path in EXAMPLES])
def test_the_review_infers_the_answers_our_policy_was_built_from(example: str, language: str) -> None:
    report, answers = reviewed(example, language)
    inferred = report.inferred_answers
    assert inferred["org_name"] == answers["org_name"]
    assert inferred["contact_email"] == answers["contact_email"]
    for question, value in inferred.items():
        if question == "employee_bodies":  # only the bodies the policy names, such as the works council
            assert set(value) <= set(answers[question])
        elif question == "staff_languages":  # the languages this version is written in
            assert value == [language]
        elif question == "monitoring_purposes":  # the purposes it names, as our text words them
            assert set(value) <= set(CBA_81_PURPOSES)
        elif question in answers:
            assert value == answers[question], question
    if answers.get("monitoring"):
        assert set(inferred["monitoring_purposes"]) & set(answers["monitoring_purposes"])
        assert inferred["monitoring_retention_months"] == answers["monitoring_retention_months"]
    if "platforms" in answers:
        assert set(inferred.get("platforms", [])) == set(answers["platforms"])
