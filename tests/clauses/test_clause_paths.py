"""Every path through the interview assembles, and together the paths use every clause."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import jinja2.meta
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policy_helpers import INTERVIEW, LIBRARY, representative_paths, text
from strategies import answer_sets

from clauses.export import render

# Names templates and conditions may use besides the answers: the helpers the library provides.
HELPERS = {
    "statute",
    "choice",
    "choices",
    "format_date",
    "format_list",
    "facts",
    "doc",
    "document_title",
    "department_name",
    "cap",
    "party",
    "parties",
    "role",
    "term",
    "dated",
    "served",
    "whistleblowing",
}


def test_every_representative_path_assembles_both_documents() -> None:
    paths = representative_paths()
    assert len(paths) > 100
    for answers in paths:
        assert LIBRARY.assemble(answers).sections
        assert LIBRARY.implementation_notes(answers).sections


def test_every_clause_is_reachable_by_some_valid_answers() -> None:
    used: set[str] = set()
    for answers in representative_paths():
        used.update(LIBRARY.assemble(answers).clause_ids())
        used.update(LIBRARY.implementation_notes(answers).clause_ids())
    # The references list is generated, one per document, not a library clause.
    generated = {"references_list", "notes_references_list"}
    assert used - generated == set(LIBRARY.clause_ids)


def test_each_clause_cites_exactly_the_statutes_it_declares_on_some_path() -> None:
    cited: dict[str, set[str]] = defaultdict(set)
    for answers in representative_paths():
        for document in (LIBRARY.assemble(answers), LIBRARY.implementation_notes(answers)):
            for clause in document.clauses():
                cited[clause.id].update(clause.statutes)
    for clause_id, spec in LIBRARY.source.clauses.items():
        assert cited[clause_id] == set(spec.statutes), clause_id


def _names(source: str) -> set[str]:
    return set(jinja2.meta.find_undeclared_variables(LIBRARY.environment.parse(source)))


def test_templates_and_conditions_name_only_questions_and_helpers() -> None:
    questions = {question.id for question in INTERVIEW.questions}
    allowed = questions | HELPERS | set(LIBRARY.environment.globals)
    for language in LIBRARY.source.languages.values():
        for clause_id, template in language.templates.items():
            assert _names(template.text) <= allowed, (clause_id, _names(template.text) - allowed)
    for spec in LIBRARY.source.clauses.values():
        if spec.when:
            assert _names("{{ " + spec.when + " }}") <= allowed, spec.id


def test_choice_labels_cover_every_choice_the_interview_offers() -> None:
    groups = {"platforms", "confidential_info", "monitoring_purposes", "review_cadence", "staff_languages"}
    for question in INTERVIEW.questions:
        if question.id not in groups:
            continue
        group = "languages" if question.id == "staff_languages" else question.id
        for choice in question.choices:
            assert LIBRARY.text("en", f"choices.{group}.{choice}")
    for department in ("marketing", "customer_service", "hr", "other"):
        assert LIBRARY.text("en", f"choices.department.{department}")


@settings(max_examples=60)
@given(answer_sets())
def test_random_valid_answers_assemble_and_export_in_every_text_format(answers: dict[str, Any]) -> None:
    for document in (LIBRARY.assemble(answers), LIBRARY.implementation_notes(answers)):
        for fmt in ("md", "html", "txt"):
            output = render(document, fmt)
            assert isinstance(output, str) and output.strip()
        # Nothing a template printed can leak as a Python value or an unfilled placeholder.
        plain = text(document)
        for leak in ("None", "True", "False", "['", "{{", "{%", "\ue000", "\ue001"):
            assert leak not in plain or leak in _answer_text(answers), leak


def _answer_text(answers: dict[str, Any]) -> str:
    return " ".join(str(value) for value in answers.values())


@pytest.mark.parametrize("policy_type", ["employee_rules", "comprehensive", "department", "limited"])
@settings(max_examples=25)
@given(data=st.data())
def test_random_answers_of_each_policy_type_assemble(policy_type: str, data: st.DataObject) -> None:
    answers = data.draw(answer_sets(policy_type=policy_type))
    policy = LIBRARY.assemble(answers)
    assert policy.title == LIBRARY.assemble(answers).title
    assert any(annex.kind == "acknowledgement" for annex in policy.annexes)
    assert LIBRARY.implementation_notes(answers).sections


@settings(max_examples=60)
@given(answers=answer_sets(), data=st.data())
def test_a_live_preview_of_any_unfinished_interview_never_fails(
    answers: dict[str, Any], data: st.DataObject
) -> None:
    """The chat previews the policy after every answer: every prefix of a valid path must assemble."""
    keys = list(answers)
    given_so_far = {key: answers[key] for key in keys[: data.draw(st.integers(0, len(keys)))]}
    preview = LIBRARY.assemble(given_so_far, partial=True)
    notes = LIBRARY.implementation_notes(given_so_far, partial=True)
    for document in (preview, notes):
        for fmt in ("md", "txt"):
            assert render(document, fmt)
    if len(given_so_far) == len(answers):
        assert preview == LIBRARY.assemble(answers)
