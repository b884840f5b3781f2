"""Every kind of policy, the short list included, holds the eight elements an HR reader looks for.

The elements are checked by the clauses that carry them, not by words, so the check is the same in
every language: an element is present when, for each of its parts, one of the clauses that carry that
part is in the document. Data protection has two parts (others' data is never posted; the employee's
own data, its legal basis, their rights and whom to ask), as has conduct (speaking for oneself;
respect).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from policy_helpers import EXAMPLES, LIBRARY, answers, block_texts, example

from clauses.model import Document

ELEMENTS: dict[str, tuple[frozenset[str], ...]] = {
    "scope": (frozenset({"scope_purpose", "scope_limited"}),),
    "data protection": (
        frozenset({"data_protection_staff", "limited_personal_data"}),
        frozenset({"data_protection_basis", "data_protection_measures", "limited_personal_data"}),
    ),
    "conduct": (
        frozenset({"conduct_professional", "limited_dos"}),
        frozenset({"conduct_respect", "limited_donts"}),
    ),
    "personal use": (frozenset({"personal_use_working_time", "limited_personal_use"}),),
    "incident": (frozenset({"crisis_alert", "limited_incident"}),),
    "enforcement": (frozenset({"enforcement_sanctions"}),),
    "acknowledgement": (frozenset({"acknowledgement_receipt"}),),
    "review": (frozenset({"review_ownership"}),),
}
# The clauses that give the legal basis for the employee's own data, and whom to ask.
OWN_DATA = frozenset({"data_protection_basis", "data_protection_measures", "limited_personal_data"})
INCIDENT = frozenset({"crisis_alert", "limited_incident"})

KINDS: tuple[dict[str, Any], ...] = (
    {"policy_type": "comprehensive"},
    {"policy_type": "employee_rules"},
    {"policy_type": "department", "department": "marketing"},
    {"policy_type": "department", "department": "customer_service"},
    {"policy_type": "department", "department": "hr"},
    {"policy_type": "department", "department": "other"},
    {"policy_type": "limited"},
)


def missing_elements(document: Document) -> list[str]:
    ids = set(document.clause_ids())
    return [name for name, parts in ELEMENTS.items() if not all(part & ids for part in parts)]


def check(document: Document, given: dict[str, Any]) -> None:
    assert not missing_elements(document), (document.language, missing_elements(document))
    own_data = [clause for clause in document.clauses() if clause.id in OWN_DATA]
    # The GDPR is named where the employee's own data are, and the contact the answers give is there.
    assert any("gdpr" in clause.statutes or "wp29_opinion" in clause.statutes for clause in own_data)
    everything: dict[str, str] = {}
    for clause_id, text in block_texts(document):
        everything[clause_id] = f"{everything.get(clause_id, '')} {text}"
    assert any(given["contact_email"] in everything[clause.id] for clause in own_data), document.language
    # The incident route names whom to tell, as the answers give it.
    contact = given.get("crisis_contact", given["contact_email"])
    assert any(contact in text for clause_id, text in everything.items() if clause_id in INCIDENT)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: "-".join(kind.values()))
@pytest.mark.parametrize("headcount", [12, 120])
def test_every_kind_of_policy_has_the_eight_elements_in_every_language(
    kind: dict[str, Any], headcount: int
) -> None:
    given = answers(**kind, headcount=headcount)
    for language in LIBRARY.languages:
        check(LIBRARY.assemble(given, language), given)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_every_example_has_the_eight_elements_in_every_language(path: Path) -> None:
    given = example(path)
    for language in LIBRARY.languages:
        check(LIBRARY.assemble(given, language), given)


def test_a_document_without_an_element_is_caught() -> None:
    document = LIBRARY.assemble(answers(policy_type="limited"))
    assert not missing_elements(document)
    sections = tuple(section for section in document.sections if section.id != "data_protection")
    stripped = dataclasses.replace(document, sections=sections)
    assert missing_elements(stripped) == ["data protection"]
