"""Sentences that must stay true whatever the answers, in every language."""

from __future__ import annotations

import pytest
from policy_helpers import LIBRARY, answers, clause_text, text

LANGUAGES = LIBRARY.languages


def policy(language: str, **changes: object) -> str:
    return text(LIBRARY.assemble(answers(**changes), language))


def notes(language: str, **changes: object) -> str:
    return text(LIBRARY.implementation_notes(answers(**changes), language))


# --- serious cause ------------------------------------------------------------------------------------

SERIOUS_CAUSE = {
    "en": "immediately and definitively impossible",
    "nl": "onmiddellijk en definitief onmogelijk",
    "fr": "immédiatement et définitivement impossible",
    "de": "sofort und endgültig unmöglich",
}


@pytest.mark.parametrize("policy_type", ["limited", "employee_rules", "comprehensive", "department"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_serious_cause_is_the_standard_of_article_35_in_every_policy(language: str, policy_type: str) -> None:
    assert SERIOUS_CAUSE[language] in policy(language, policy_type=policy_type)


# --- monitoring: who is informed, and the sanctions -------------------------------------------------

# How each language says that the employees are "also" informed individually after the body.
ALSO = {"en": " also ", "nl": " ook ", "fr": " en outre ", "de": "Außerdem "}


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_employee_bodies_every_employee_is_informed_once(language: str) -> None:
    document = LIBRARY.assemble(answers(employee_bodies=[]), language)
    information = clause_text(document, "monitoring_information")
    assert ALSO[language] not in information
    with_body = clause_text(
        LIBRARY.assemble(answers(employee_bodies=["cppw"]), language), "monitoring_information"
    )
    assert ALSO[language] in with_body


@pytest.mark.parametrize("bodies", [[], ["cppw"], ["works_council", "union_delegation"]])
@pytest.mark.parametrize("language", LANGUAGES)
def test_monitoring_is_evaluated_with_the_one_body_informed_or_without_naming_bodies(
    language: str, bodies: list[str]
) -> None:
    """Never "the employee bodies" when there is one body, or none."""
    plural = {
        "en": ("the employee bodies",),
        "nl": ("de overlegorganen",),
        "fr": ("les organes de concertation",),
        "de": ("die Arbeitnehmervertretungen", "den Arbeitnehmervertretungen"),
    }[language]
    monitoring = answers(employee_bodies=bodies, monitoring=True)
    for document in (
        LIBRARY.assemble(monitoring, language),
        LIBRARY.implementation_notes(monitoring, language),
        LIBRARY.assemble(answers(employee_bodies=bodies, monitoring=False), language),
    ):
        for words in plural:
            assert words not in text(document)
    if bodies:
        body = LIBRARY.text(language, f"choices.bodies.{bodies[0]}")
        assert body in clause_text(
            LIBRARY.implementation_notes(monitoring, language), "notes_monitoring_employees"
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_notes_announce_sanctions_only_once_the_work_rules_list_them(language: str) -> None:
    listed = {
        "en": "the sanctions the work rules provide for a breach",
        "nl": "de sancties die het arbeidsreglement voor een inbreuk vermeldt",
        "fr": "des sanctions que le règlement de travail prévoit en cas de manquement",
        "de": "die Sanktionen, welche die Arbeitsordnung für einen Verstoß vorsieht",
    }[language]
    for in_work_rules in (True, False):
        notes = LIBRARY.implementation_notes(answers(sanctions_in_work_rules=in_work_rules), language)
        assert (listed in clause_text(notes, "notes_monitoring_employees")) is in_work_rules


# --- counts: spokespersons, purposes ------------------------------------------------------------------

SPOKESPERSONS_PLURAL = {
    "en": ("Spokespersons", "the spokespersons"),
    "nl": ("De woordvoerders", "de woordvoerders"),
    "fr": ("Les porte-parole", "les porte-parole", "aux porte-parole", "des porte-parole"),
    "de": ("Die Sprecher ", "die Sprecher ", "den Sprechern"),
}


@pytest.mark.parametrize("policy_type", ["comprehensive", "department"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_single_spokesperson_is_never_called_spokespersons(language: str, policy_type: str) -> None:
    for department in ("marketing", "other"):
        document = policy(
            language, policy_type=policy_type, department=department, spokespersons="Jan Peeters"
        )
        for plural in SPOKESPERSONS_PLURAL[language]:
            assert plural not in document, plural
        assert "Jan Peeters" in document


OTHER_PURPOSES = {
    "en": ("one of the other purposes", "the other purpose"),
    "nl": ("een van de andere hierboven vermelde doeleinden", "het andere hierboven vermelde doeleinde"),
    "fr": ("l'une des autres finalités", "l'autre finalité"),
    "de": ("einen der anderen oben genannten Zwecke", "den anderen oben genannten Zweck"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_other_purposes_are_counted(language: str) -> None:
    several, one = OTHER_PURPOSES[language]

    def individualisation(purposes: list[str]) -> str:
        document = LIBRARY.assemble(answers(monitoring_purposes=purposes), language)
        return clause_text(document, "monitoring_individualisation")

    assert one in individualisation(["unlawful_acts", "policy_compliance"])
    assert several not in individualisation(["unlawful_acts", "policy_compliance"])
    assert several in individualisation(["unlawful_acts", "it_security", "policy_compliance"])
    assert one not in individualisation(["unlawful_acts"])


# --- thresholds ----------------------------------------------------------------------------------------

REACHING_A_THRESHOLD = {
    "en": "you reach the threshold",
    "nl": "bereikt u de drempel",
    "fr": "vous atteignez le seuil",
    "de": "erreichen Sie den Schwellenwert",
}
PROVIDED_FOR_BY_LAW = {
    "en": "The law provides for",
    "nl": "De wet voorziet in",
    "fr": "La loi prévoit",
    "de": "Das Gesetz sieht",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_threshold_is_where_the_law_provides_for_a_body_not_proof_that_it_exists(language: str) -> None:
    notes = LIBRARY.implementation_notes(answers(headcount=150, employee_bodies=[], sector="other"), language)
    thresholds = clause_text(notes, "notes_employee_bodies")
    assert REACHING_A_THRESHOLD[language] not in thresholds
    assert thresholds.count(PROVIDED_FOR_BY_LAW[language]) == 2
    # The procedures follow the bodies the organisation actually has.
    assert "notes_work_rules_without_council" in notes.clause_ids()
