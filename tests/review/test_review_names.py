"""The organisation's name as a policy writes it: names of partners joined by "&", "en", "et", "und"."""

from __future__ import annotations

import pytest

from clauses.review import review_text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Dit beleid geldt voor alle medewerkers van Van Damme & Lefèvre Advocaten BV.",
            "Van Damme & Lefèvre Advocaten BV",
        ),
        (
            "Van Damme & Lefèvre Advocaten (de organisatie) hecht belang aan sociale media.",
            "Van Damme & Lefèvre Advocaten",
        ),
        ("Dit beleid geldt voor Peeters en Janssens BV.", "Peeters en Janssens BV"),
        ("Ce règlement s'applique au personnel de Dupont et Fils SRL.", "Dupont et Fils SRL"),
        ("Dupont et Fils (l'entreprise) attache de l'importance aux réseaux sociaux.", "Dupont et Fils"),
        (
            "Diese Richtlinie gilt für alle Beschäftigten der Müller und Schmitz GmbH.",
            "Müller und Schmitz GmbH",
        ),
        ("Müller und Schmitz (das Unternehmen) legt Wert auf soziale Medien.", "Müller und Schmitz"),
        ("This policy applies to all staff of Smith & Jones Ltd.", "Smith & Jones Ltd"),
        ("Smith and Jones (the company) values social media.", "Smith and Jones"),
    ],
)
def test_a_name_of_partners_is_read_whole(text: str, name: str) -> None:
    assert review_text(text, language="en").inferred_answers.get("org_name") == name


def test_a_lower_case_word_before_a_name_is_not_part_of_it() -> None:
    found = review_text("Alle medewerkers en Acme BV tekenen dit beleid.", language="en")
    assert found.inferred_answers.get("org_name") == "Acme BV"
