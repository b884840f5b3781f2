"""The interview as shipped: its size, shape and texts."""

from __future__ import annotations

from dialogue.loader import load_interview
from dialogue.model import Kind
from dialogue.paths import explore

interview = load_interview()


def test_the_interview_has_at_least_25_questions_and_uses_every_kind() -> None:
    assert len(interview.questions) >= 25
    assert {question.kind for question in interview.questions} == set(Kind)


def test_the_path_branches_in_at_least_10_places() -> None:
    assert len(explore(interview).branch_points) >= 10


def test_no_path_is_longer_than_47_questions() -> None:
    """The roles and CBA No. 81's details added questions; each role comes prefilled from the functions
    the organisation has, so most of them take one key. The sector adds one follow-up at most; the
    right to disconnect one from 20 employees."""
    assert explore(interview).longest <= 47


def test_the_limited_scope_policy_takes_at_most_10_questions() -> None:
    # The sector and, where it changes the words, one follow-up come on top of the ten.
    assert explore(interview, {"policy_type": "limited"}).longest <= 12


def test_every_question_can_be_asked() -> None:
    assert explore(interview).reachable == set(interview.by_id)


def test_the_issue_topics_are_all_asked() -> None:
    expected = {
        "org_name",
        "regions",
        "staff_languages",
        "headcount",
        "sector",
        "employee_bodies",
        "policy_type",
        "department",
        "platforms",
        "spokespersons",
        "advocacy",
        "advocacy_incentives",
        "personal_use",
        "company_devices",
        "monitoring",
        "monitoring_purposes",
        "customer_service",
        "crisis_contact",
        "confidential_info",
        "staff_images",
        "ai_content",
        "sanctions_in_work_rules",
        "whistleblowing_channel",
        "it_policy",
        "acknowledgement",
        "policy_owner",
        "contact_email",
        "effective_date",
        "review_cadence",
        # The organisation's own functions and who holds each role.
        "functions",
        "spokesperson_functions",
        "crisis_function",
        "customer_answerers",
        "dp_contact",
        "whistleblowing_contact",
        # CBA No. 81: permanent or not, where kept and who sees them, how long, when evaluated.
        "monitoring_permanent",
        "monitoring_storage",
        "monitoring_access",
        "monitoring_retention_months",
        "monitoring_evaluation",
        # The detail behind a yes.
        "advocacy_reward",
    }
    assert expected <= set(interview.by_id)


def test_monitoring_offers_exactly_the_four_cba_81_purposes() -> None:
    assert interview["monitoring_purposes"].choices == (
        "unlawful_acts",
        "confidential_interests",
        "it_security",
        "policy_compliance",
    )


def test_every_question_explains_why_it_is_asked_in_every_language() -> None:
    for language in interview.languages.values():
        for question in interview.questions:
            texts = language.questions[question.id]
            assert texts.text.strip() and len(texts.why) > 40, (language.code, question.id)
            assert set(texts.choices) == set(question.choices)


def test_defaults_are_valid_answers_and_prefilled_only_where_safe() -> None:
    with_default = {q.id for q in interview.questions if q.default is not None}
    assert "monitoring_retention_months" not in with_default
    assert {"review_cadence", "acknowledgement"} <= with_default
