"""What the review finds in the test policies: each element's status and passage, each risk, each inference.

The policies in tests/review/policies/:
- strong_en.docx: our own "rules for employees" (examples/employee-rules-monitoring.yaml) exported to DOCX;
- strong_nl.md: a complete Dutch policy written for the tests (Flemish employer, monitoring, advocacy);
- generic_us_en.txt: a US-style template (at-will, monitor all communications, consent, no work rules);
- risky_en.md, risky_fr.html, risky_de.docx: policies with the mistakes of shared/legal/belgium.md.
"""

from __future__ import annotations

import pytest
from review_helpers import ELEMENTS, fixes, review, risks, statuses

from clauses.review import load_rules, review_text
from clauses.review.rules import default_rules

# --- the strong policies -------------------------------------------------------------------------------


def test_our_own_policy_in_docx_has_every_element_and_no_risk() -> None:
    report = review("strong_en.docx")
    assert report.language == "en" and report.format == "docx"
    assert [element.id for element in report.elements] == list(ELEMENTS)
    # English is only a courtesy translation: the Dutch version must exist beside it.
    assert statuses(report) == {element: "present" for element in ELEMENTS} | {"language": "weak"}
    assert report.risks == ()
    language = report.element("language")
    assert language.passage is not None and language.passage.text == "Courtesy translation."
    assert "Required: Dutch" in language.note and "Flemish Decree of 19 July 1973" in language.note


@pytest.mark.parametrize(
    ("element", "section"),
    [
        ("your_rights", "5."),
        ("confidentiality", "8."),
        ("monitoring", "13."),
        ("enforcement", "17."),
        ("images", "10."),
    ],
)
def test_a_passage_is_quoted_from_the_part_that_says_most_about_the_element(
    element: str, section: str
) -> None:
    """The quote is a sentence of the policy (never its heading), from the part that is about the element."""
    passage = review("strong_en.docx").element(element).passage
    assert passage is not None
    assert passage.location.heading is not None and passage.location.heading.startswith(section)
    assert passage.text != passage.location.heading
    assert passage.location.paragraph >= 1 and passage.location.line is None  # DOCX has no lines


def test_monitoring_requirements_are_each_found_with_their_passage() -> None:
    monitoring = review("strong_en.docx").element("monitoring")
    found = {r.id: r.passage.text for r in monitoring.requirements if r.passage}
    assert set(found) == {"purposes", "information", "individualisation"}
    assert "purpose" in found["purposes"].lower()
    assert found["information"].startswith(
        "Before monitoring starts, the organisation informs the works council"
    )


def test_the_strong_dutch_policy_has_every_element_and_no_risk() -> None:
    report = review("strong_nl.md")
    # The report is in the policy's own language.
    assert (report.language, report.language_name, report.languages) == ("nl", "Nederlands", {"nl": 1.0})
    assert statuses(report) == {element: "present" for element in ELEMENTS}
    assert report.risks == ()
    whistleblowing = report.element("whistleblowing").passage
    assert whistleblowing is not None
    assert whistleblowing.text.startswith(
        "Niets in dit beleid verhindert of ontmoedigt een beschermde melding"
    )
    assert (whistleblowing.location.heading, whistleblowing.location.line) == ("15. Klokkenluiders", 87)
    assert "Vereist: Nederlands" in report.element("language").note  # said in Dutch


def test_answers_are_inferred_from_our_own_policy() -> None:
    assert review("strong_en.docx").inferred_answers == {
        "org_name": "Leieland Textiles NV",
        "regions": ["flanders"],
        "employee_bodies": ["works_council"],
        "platforms": ["linkedin", "facebook", "instagram"],
        "personal_use": "breaks",
        "monitoring": True,
        "monitoring_purposes": ["it_security", "policy_compliance"],
        "monitoring_retention_months": 3,
        "staff_images": False,
        "ai_content": "not_allowed",
        "sanctions_in_work_rules": False,
        "whistleblowing_channel": True,
        "acknowledgement": "paper",
        "review_cadence": "yearly",
        "contact_email": "hr@leieland.example",
    }


def test_answers_are_inferred_from_a_dutch_policy() -> None:
    assert review("strong_nl.md").inferred_answers == {
        "org_name": "Scheldewerken NV",
        "regions": ["flanders"],
        "employee_bodies": ["works_council"],
        "platforms": ["linkedin", "instagram"],
        "advocacy": True,
        "advocacy_incentives": True,
        "personal_use": "breaks",
        "monitoring": True,
        "monitoring_purposes": ["it_security", "policy_compliance"],
        "monitoring_retention_months": 6,
        "sanctions_in_work_rules": True,
        "whistleblowing_channel": True,
        "acknowledgement": "paper",
        "review_cadence": "yearly",
        "contact_email": "hr@scheldewerken.example",
    }


def test_each_inference_quotes_the_passage_it_comes_from() -> None:
    evidence = {item.question: item.evidence for item in review("strong_nl.md").inferred}
    assert evidence["monitoring_retention_months"] is not None
    assert "ten hoogste 6 maanden bewaard" in evidence["monitoring_retention_months"].text
    assert evidence["regions"] is not None and "Antwerpen en Gent" in evidence["regions"].text


# --- the generic US-style policy ------------------------------------------------------------------------


def test_a_us_style_template_is_weak_or_missing_everywhere() -> None:
    report = review("generic_us_en.txt")
    assert statuses(report) == {
        "scope": "weak",
        "definitions": "missing",
        "roles": "missing",
        "your_rights": "missing",
        "personal_use": "weak",
        "conduct": "weak",
        "confidentiality": "weak",
        "official_accounts": "weak",
        "advocacy": "missing",
        "images": "missing",
        "monitoring": "weak",
        "data_protection": "missing",
        "ai": "missing",
        "crisis": "missing",
        "whistleblowing": "missing",
        "disconnect": "missing",
        "enforcement": "weak",
        "review": "missing",
        "language": "missing",
    }
    monitoring = report.element("monitoring")
    assert [r.id for r in monitoring.unmet] == ["purposes", "information", "individualisation"]
    assert [fix.id for fix in monitoring.suggested] == [
        "monitoring_purposes",
        "monitoring_information",
        "monitoring_individualisation",
    ]


def test_a_us_style_template_has_its_risks_flagged_with_their_lines() -> None:
    report = review("generic_us_en.txt")
    assert risks(report) == {
        "unlimited_monitoring": [
            (
                "The Company reserves the right to monitor all communications made with Company equipment, "
                "at any time and without notice.",
                15,
            ),
            ("Employees have no expectation of privacy.", 16),
        ],
        "monitoring_without_safeguards": [
            (
                "The Company reserves the right to monitor all communications made with Company equipment, "
                "at any time and without notice.",
                15,
            )
        ],
        "consent_basis": [
            (
                "By accepting employment, employees consent to the monitoring of their e-mail, internet use "
                "and social media activity.",
                17,
            )
        ],
        "sanctions_outside_work_rules": [
            (
                "Violations of this policy will result in disciplinary action, up to and including "
                "termination of employment.",
                37,
            )
        ],
        "at_will": [
            ("Employment with the Company is at-will.", 6),
            ("The Company may terminate employment at any time, with or without cause or notice.", 38),
        ],
        "confidentiality_without_carve_outs": [
            (
                "Employees must not disclose confidential or proprietary information about the Company, its "
                "customers or its partners.",
                22,
            )
        ],
        "no_ai_rule": [],
        "no_acknowledgement_owner_review": [],
        "english_only": [
            (
                'This policy applies to all employees of Acme Benelux BV (the "Company") and sets out the '
                "rules for using social media.",
                5,
            )
        ],
    }
    assert fixes(report, "consent_basis") == ["data_protection_basis", "monitoring_data"]
    assert fixes(report, "at_will") == ["enforcement_sanctions", "enforcement_serious_cause"]
    assert fixes(report, "sanctions_outside_work_rules") == ["enforcement_sanctions"]
    assert fixes(report, "english_only") == ["courtesy_translation"]
    english = report.risk("english_only")
    assert english is not None and english.note.startswith(
        "Detected: English. The policy does not say in which region it applies"
    )
    assert report.inferred_answers == {
        "org_name": "Acme Benelux BV",
        "personal_use": "not_during_work",
        "monitoring": True,
        "sanctions_in_work_rules": False,  # sanctions announced, never tied to the work rules
        "contact_email": "hr@acme.example",
    }


# --- the risky policies ---------------------------------------------------------------------------------

RISKY_EN = {
    "criticism_ban": (
        [
            ("Employees may not criticise the Company, its management or its products on any platform.", 12),
            ("Any negative comment about the Company is strictly prohibited.", 13),
        ],
        ["rights_expression"],
    ),
    "personal_passwords": (
        [
            (
                "Employees must provide the passwords of their personal social media accounts to HR on "
                "request.",
                17,
            )
        ],
        ["rights_never"],
    ),
    "friending": (
        [
            (
                "All employees are required to connect with their manager on LinkedIn and to follow the "
                "Company's official pages.",
                18,
            )
        ],
        ["rights_never"],
    ),
    "public_profiles": (
        [("Your LinkedIn profile must be public and must show your job title.", 19)],
        ["rights_never"],
    ),
    "personal_devices": (
        [("The Company may install monitoring software on personal devices used for work.", 37)],
        ["monitoring_never", "personal_use_devices"],
    ),
    "private_messages": (
        [("HR may read private messages sent through Company systems.", 38)],
        ["monitoring_never", "monitoring_scope"],
    ),
    "monitoring_without_safeguards": (
        [("The Company may install monitoring software on personal devices used for work.", 37)],
        ["monitoring_purposes", "monitoring_information", "monitoring_individualisation"],
    ),
    "work_rules_basis": (
        [("The legal basis for publishing these images is the work rules.", 33)],
        ["images_company", "data_protection_basis"],
    ),
    "sanctions_outside_work_rules": (
        [("Any breach of this policy constitutes serious cause for immediate dismissal.", 47)],
        ["enforcement_sanctions"],
    ),
    "serious_cause_any_breach": (
        [("Any breach of this policy constitutes serious cause for immediate dismissal.", 47)],
        ["enforcement_serious_cause"],
    ),
    "confidentiality_without_carve_outs": (
        [("Confidential information about the Company must never be disclosed to anyone.", 43)],
        ["confidentiality_carve_outs", "whistleblowing_reports"],
    ),
    "replies_outside_hours": (
        [
            (
                "Staff must reply to messages in the team WhatsApp group within one hour, including evenings "
                "and weekends.",
                24,
            )
        ],
        ["disconnect_right"],
    ),
    "advocacy_without_disclosure": (
        [("Employees who share Company posts earn points and gift vouchers every month.", 28)],
        ["advocacy_disclosure", "advocacy_labels"],
    ),
    "no_ai_rule": ([], ["ai_content"]),
    "former_employees": (
        [
            ("Contacts made on LinkedIn during your employment are the property of the Company.", 20),
            (
                "Photos of employees taken at Company events may continue to be used on our channels after "
                "they leave the Company.",
                32,
            ),
        ],
        ["images_company", "accounts_ownership"],
    ),
    "private_posts": (
        [
            (
                "This policy applies to all posts, including private posts, even when they are unrelated to "
                "work.",
                7,
            )
        ],
        ["scope_platforms", "personal_use_own_time"],
    ),
    "covert_evidence": (
        [("To investigate breaches, HR may use anonymous profiles to join private groups.", 39)],
        ["enforcement_evidence"],
    ),
    "no_acknowledgement_owner_review": ([], ["review_ownership", "acknowledgement_receipt"]),
    "english_only": (
        [('Brouwerij Verhaeghe NV ("the Company") employs 85 employees at its brewery in Kortrijk.', 3)],
        ["courtesy_translation"],
    ),
}


def test_every_risky_passage_of_the_english_policy_is_flagged_with_its_fix() -> None:
    report = review("risky_en.md")
    assert risks(report) == {risk: passages for risk, (passages, _) in RISKY_EN.items()}
    for risk, (_, clause_ids) in RISKY_EN.items():
        assert fixes(report, risk) == clause_ids, risk


def test_the_fixing_clause_is_named_by_its_title_in_the_library() -> None:
    risk = review("risky_en.md").risk("personal_passwords")
    assert risk is not None
    assert [(fix.id, fix.title) for fix in risk.fixes] == [
        ("rights_never", "What the organisation will never ask")
    ]
    language = review("risky_en.md").risk("english_only")
    assert language is not None and language.fixes[0].title == "Courtesy translation"


def test_an_english_only_policy_for_a_flemish_employer_says_dutch_is_required() -> None:
    report = review("risky_en.md")
    language = report.element("language")
    assert language.status == "missing"
    assert language.note.startswith("Detected: English. Required: Dutch (Dutch in the Dutch-speaking region")
    assert "Kortrijk" in language.note  # the passage that shows where the employer is
    assert report.inferred_answers == {
        "org_name": "Brouwerij Verhaeghe NV",
        "regions": ["flanders"],
        "headcount": 85,
        "platforms": ["linkedin"],
        "advocacy": True,
        "advocacy_incentives": True,
        "monitoring": True,
        "staff_images": True,
        "sanctions_in_work_rules": False,
    }


RISKY_FR = {
    "criticism_ban": (
        "Les travailleurs ne peuvent pas critiquer l'entreprise, sa direction ou ses produits",
        14,
    ),
    "personal_passwords": ("Chaque travailleur doit communiquer à la direction les mots de passe", 18),
    "friending": ("Les travailleurs sont tenus d'ajouter leur supérieur comme ami sur Facebook.", 19),
    "unlimited_monitoring": ("L'entreprise peut contrôler toutes les communications électroniques", 23),
    "monitoring_without_safeguards": (
        "L'entreprise peut contrôler toutes les communications électroniques",
        23,
    ),
    "consent_basis": ("En signant la présente charte, le travailleur donne son consentement au contrôle", 24),
    "sanctions_outside_work_rules": ("Tout manquement à la présente charte constitue un motif grave", 33),
    "serious_cause_any_breach": ("Tout manquement à la présente charte constitue un motif grave", 33),
    "confidentiality_without_carve_outs": (
        "Toute information confidentielle doit rester strictement secrète",
        30,
    ),
    "replies_outside_hours": ("Les travailleurs doivent répondre aux messages du groupe WhatsApp", 27),
    "no_ai_rule": None,
    "no_acknowledgement_owner_review": None,
}


def test_every_risky_passage_of_the_french_html_policy_is_flagged() -> None:
    report = review("risky_fr.html")
    assert (report.language, report.format) == ("fr", "html")
    found = risks(report)
    assert set(found) == set(RISKY_FR)
    for risk, expected in RISKY_FR.items():
        if expected is None:
            assert found[risk] == []
            continue
        [(text, line)] = found[risk]  # one passage each: the script's copy of a rule was not read
        assert text.startswith(expected[0]) and line == expected[1], risk
    assert report.element("language").status == "present"  # French, for a Walloon employer
    assert report.inferred_answers == {
        "org_name": "Fonderies Mosanes SA",
        "regions": ["wallonia"],
        "headcount": 60,
        "monitoring": True,
        "sanctions_in_work_rules": False,
    }


RISKY_DE = {
    "criticism_ban": "Kritik am Unternehmen oder an der Geschäftsleitung ist in sozialen Medien verboten.",
    "personal_passwords": "Die Mitarbeiter müssen der Personalabteilung auf Verlangen die Passwörter",
    "friending": "Jeder Mitarbeiter ist verpflichtet, sich mit seinem Vorgesetzten auf LinkedIn",
    "unlimited_monitoring": "Das Unternehmen darf sämtliche Kommunikation der Mitarbeiter jederzeit",
    "monitoring_without_safeguards": "Das Unternehmen darf sämtliche Kommunikation der Mitarbeiter jederzeit",
    "consent_basis": "Mit ihrer Unterschrift erteilen die Mitarbeiter ihre Einwilligung in die Überwachung",
    "sanctions_outside_work_rules": "Jeder Verstoß gegen diese Richtlinie: gilt als schwerwiegender Grund",
    "serious_cause_any_breach": "Jeder Verstoß gegen diese Richtlinie: gilt als schwerwiegender Grund",
    "replies_outside_hours": "Die Mitarbeiter müssen auch abends und am Wochenende auf Nachrichten",
    "no_ai_rule": None,
    "no_acknowledgement_owner_review": None,
}


def test_every_risky_passage_of_the_german_docx_policy_is_flagged() -> None:
    report = review("risky_de.docx")
    assert (report.language, report.format) == ("de", "docx")
    found = {risk.id: risk.passages for risk in report.risks}
    assert set(found) == set(RISKY_DE)
    for risk, expected in RISKY_DE.items():
        if expected is None:
            assert found[risk] == ()
            continue
        assert found[risk][0].text.startswith(expected), risk
    table_row = found["serious_cause_any_breach"][0].location
    assert (table_row.heading, table_row.paragraph, table_row.line) == ("5. Sanktionen", 2, None)
    assert report.element("language").status == "present"  # German, for an employer in Eupen
    assert report.element("disconnect").status == "missing"  # "Erreichbarkeit" demands the opposite
    assert report.inferred_answers == {
        "org_name": "Ostbelgien Logistik GmbH",
        "regions": ["german"],
        "headcount": 45,
        "monitoring": True,
        "sanctions_in_work_rules": False,
    }


def test_every_risk_of_the_reference_is_found_in_some_test_policy() -> None:
    found = set()
    for name in ("generic_us_en.txt", "risky_en.md", "risky_fr.html", "risky_de.docx"):
        found |= {risk.id for risk in review(name).risks}
    assert found == {risk.id for risk in default_rules().risks}


# --- the words: negation, inflection, word order, language --------------------------------------------


@pytest.mark.parametrize(
    ("text", "risk"),
    [
        ("Employees must give the passwords of their personal accounts to HR.", "personal_passwords"),
        (
            "Passwords to personal social media accounts must be handed over to HR on request.",
            "personal_passwords",
        ),
        (
            "Werknemers moeten het wachtwoord van hun persoonlijke account aan HR bezorgen.",
            "personal_passwords",
        ),
        ("Le travailleur doit remettre les mots de passe de ses comptes personnels.", "personal_passwords"),
        ("Mitarbeiter müssen ihre Passwörter für private Konten herausgeben.", "personal_passwords"),
        ("Kritiek op de onderneming is verboden op sociale media.", "criticism_ban"),
        ("Il est interdit de critiquer l'employeur sur les réseaux sociaux.", "criticism_ban"),
        ("Elke inbreuk op dit beleid is een dringende reden voor ontslag.", "serious_cause_any_breach"),
        (
            "Werknemers moeten ook 's avonds en in het weekend antwoorden op berichten.",
            "replies_outside_hours",
        ),
    ],
)
def test_a_risky_sentence_is_flagged_whatever_its_inflection_or_word_order(text: str, risk: str) -> None:
    assert risk in {found.id for found in review_text(text).risks}


@pytest.mark.parametrize(
    "text",
    [
        "The organisation will never ask for the passwords of your personal accounts.",
        "We will not, under any circumstances, ask for the password of a personal account.",
        "The organisation will never ask for access to your personal accounts, require you to connect with a "
        "manager, require public profiles or read your private messages.",
        "De werkgever zal nooit vragen naar het wachtwoord van uw persoonlijke accounts.",
        "L'entreprise ne vous demandera jamais les mots de passe de vos comptes personnels.",
        "Das Unternehmen wird niemals die Passwörter Ihrer privaten Konten verlangen.",
        "You may give your opinion, including criticism of the organisation.",
        "Not every breach of these rules is serious cause for dismissal.",
        "You are not expected to read or answer work messages outside your working hours.",
        "The legal basis is the contract or a legitimate interest, never consent.",
    ],
)
def test_a_negated_or_allowed_sentence_is_not_flagged(text: str) -> None:
    # Only the risks found by their words; those that follow from a missing element are not in question.
    by_words = {
        risk.id for risk in default_rules().risks if not risk.from_element and risk.id != "english_only"
    }
    assert {risk.id for risk in review_text(text).risks} & by_words == set()


def test_a_list_introduced_by_a_negation_is_not_flagged() -> None:
    text = (
        "The organisation will never:\n\n"
        "- ask for the password of your personal accounts;\n"
        "- read private messages.\n"
    )
    flagged = {risk.id for risk in review_text(text, "md").risks}
    assert not flagged & {"personal_passwords", "private_messages"}


def test_a_french_policy_for_a_flemish_employer_has_the_wrong_language() -> None:
    text = (
        "Cette politique s'applique à tous les travailleurs de notre siège d'exploitation à Anvers. "
        "Les travailleurs restent libres d'exprimer leur opinion sur les réseaux sociaux."
    )
    report = review_text(text)
    assert report.language == "fr"
    assert report.inferred_answers["regions"] == ["flanders"]
    risk = report.risk("english_only")
    # Said in the policy's own language, French.
    assert risk is not None and risk.note.startswith("Détecté : français. Requis : néerlandais")


def test_a_brussels_policy_in_one_language_only_is_weak() -> None:
    text = "Dit beleid geldt voor alle werknemers van onze zetel in Brussel. Wij vragen nooit uw wachtwoord."
    report = review_text(text)
    language = report.element("language")
    assert language.status == "weak"
    assert "Geen tekst in het Frans gevonden" in language.note  # said in the policy's language
    # The policy's language shows the Brussels staff's: the interview asks it only for Brussels.
    assert report.inferred_answers == {"regions": ["brussels"], "staff_languages": ["nl"]}
    assert "staff_languages" not in review_text(text.replace("Brussel", "Gent")).inferred_answers


def test_a_bilingual_policy_counts_both_languages() -> None:
    dutch = (
        "Dit beleid geldt voor alle werknemers van de onderneming en zij mogen hun mening geven over werk."
    )
    english = (
        "This policy applies to all employees of the company and they may give their opinion about work."
    )
    report = review_text(f"{dutch}\n\n{english}\n\n{dutch}\n\n{english}\n")
    assert set(report.languages) == {"nl", "en"}
    assert 0.4 < report.languages["nl"] < 0.6


def test_text_in_no_language_we_know_is_reviewed_with_the_english_rules() -> None:
    report = review_text("Lorem ipsum dolor sit amet, consectetur adipiscing elit.")
    assert report.language is None and report.language_name == "no language we know"
    assert statuses(report)["scope"] == "missing"


def test_the_rules_are_compiled_once() -> None:
    assert default_rules() is default_rules()
    assert load_rules() is not default_rules()  # an explicit load builds anew
