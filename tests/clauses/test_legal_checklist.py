"""The legal reference's "Mistakes a generated policy must never make", checked on every interview path."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from policy_helpers import LIBRARY, representative_paths, text
from strategies import answer_sets

from clauses.model import Document


def sentences(body: str) -> list[str]:
    """Sentences; a list stays with the sentence that introduces it ("will never: - ask ...; - ...")."""
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"0-9])", body) if s.strip()]


def body_of(document: Document) -> str:
    """The policy without its references annex, whose subjects describe statutes rather than rules."""
    return text(document).split("Statutes and other references")[0]


def check_policy(answers: dict[str, Any]) -> None:
    document = LIBRARY.assemble(answers)
    body = body_of(document)
    ids = set(document.clause_ids())
    lowered = body.lower()
    said = sentences(body)

    # Banning all criticism of the employer.
    assert "including criticism of the organisation" in body
    assert not re.search(r"(must not|may not|do not|don't|never) (criticise|criticize)", lowered)

    # Personal passwords, friending, public profiles, monitoring on personal devices, private messages.
    for sentence in said:
        low = sentence.lower()
        if "password" in low and "password manager" not in low:
            assert "never" in low, sentence
        if "personal devices" in low and "monitor" in low:
            assert "never" in low, sentence
        # The mistake is reading them: rules about what staff say in private messages are fine.
        if "private messages" in low and re.search(r"\b(read|monitor|access)", low):
            assert "never" in low or "no " in low, sentence
        if "friend" in low or "public profile" in low or "profiles public" in low:
            assert "never" in low or "require" in low, sentence
    assert "the organisation will never" in lowered

    # Monitoring without CBA No. 81 purposes, prior information and individualisation steps.
    if answers.get("monitoring"):
        for clause in ("monitoring_purposes", "monitoring_information", "monitoring_individualisation"):
            assert clause in ids
    elif answers.get("policy_type") != "limited":
        assert "monitoring_none" in ids

    # Consent or the work rules as the GDPR basis.
    for sentence in said:
        low = sentence.lower()
        if "basis" in low and "consent" in low:
            assert "never" in low or "not" in low or "exception" in low or "needs" in low, sentence
        if "basis" in low and "work rules" in low:
            assert "neither" in low or "not" in low or "never" in low, sentence

    # Sanctions outside the work rules.
    for sentence in said:
        if "sanction" in sentence.lower():
            assert "work rules" in sentence.lower(), sentence

    # English only, or the wrong regional language: English is always a labelled courtesy translation.
    assert document.notice and document.notice[0].id == "courtesy_translation"

    # Confidentiality without whistleblowing, union and authority carve-outs.
    # A public body's staff are protected by the rules of their administration, never by the
    # private-sector Act (sectors.md, section 0).
    protection = (
        "whistleblowing rules that apply to your administration"
        if answers.get("sector") == "public"
        else "whistleblower protection law"
    )
    for carve_out in (protection, "competent authority", "trade union representatives"):
        assert carve_out in body, carve_out
    if answers.get("sector") == "public":
        assert "Act of 28 November 2022" not in body
    if "confidentiality_duty" in ids:
        assert "confidentiality_carve_outs" in ids

    # Calling every breach serious cause.
    assert "Not every breach" in body
    assert not re.search(r"(?<!not )(any|every) breach (is|will be|constitutes) (a )?serious cause", lowered)

    # Expecting replies outside working hours.
    assert "not expected to read or answer work messages" in body
    assert not re.search(r"(must|should|are expected to) (reply|respond|answer)[^.]*outside", lowered)

    # Advocacy rewards without disclosure.
    if answers.get("advocacy_incentives"):
        assert "advocacy_labels" in ids
    assert "advertising" in body

    # No rule for AI-generated content.
    assert "generated or altered with AI" in body

    # Keeping former employees' photos or claiming their contacts.
    if answers.get("staff_images"):
        assert "removes images of employees who leave" in body
    assert not re.search(r"contacts (belong|are the property)", lowered)

    # Regulating purely private posts with no link to the employer.
    assert "your own business" in body or "none of the organisation's business" in body

    # No acknowledgement, owner or review date.
    assert any(annex.kind == "acknowledgement" for annex in document.annexes)
    labels = dict(document.details)
    assert labels.get("Policy owner") and labels.get("Next review")


def test_no_path_through_the_interview_makes_a_listed_mistake() -> None:
    for answers in representative_paths():
        check_policy(answers)


@settings(max_examples=40)
@given(answer_sets())
def test_no_random_answers_make_a_listed_mistake(answers: dict[str, Any]) -> None:
    check_policy(answers)


@pytest.mark.parametrize("phrase", ["password", "friend", "serious cause"])
def test_the_checker_catches_the_mistakes_it_looks_for(phrase: str) -> None:
    bad = {
        "password": "Employees must give the password of their personal accounts to HR.",
        "friend": "Employees must friend their manager on Facebook.",
        "serious cause": "Every breach is a serious cause for dismissal.",
    }[phrase]
    said = sentences(bad)
    if phrase == "serious cause":
        assert re.search(
            r"(?<!not )(any|every) breach (is|will be|constitutes) (a )?serious cause", bad.lower()
        )
    else:
        assert any(
            phrase in s.lower() and "never" not in s.lower() and "require" not in s.lower() for s in said
        )
