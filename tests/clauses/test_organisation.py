"""The policy speaks of this organisation: its own functions and people, its own bodies, its own dates."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from policy_helpers import (
    EXAMPLES,
    INTERVIEW,
    LIBRARY,
    ROOT,
    answers,
    block_texts,
    clause_text,
    representative_paths,
    text,
)

from clauses.dates import DatedRule, dated, statute_dates
from clauses.facts import EMPLOYER, FUNCTIONS, FUNCTIONS_BY_SIZE, MONITORING_BODIES, ROLE_RULES
from clauses.library import facts_for
from clauses.model import Document
from clauses.wording import TYPED_ANSWERS, answers_for, foreign_words, language_of, typed_words
from dialogue.answers_file import check_answers, check_answers_text
from dialogue.model import Kind

LANGUAGES = ("en", "nl", "fr", "de")
ORGANISATIONS = sorted((ROOT / "tests" / "clauses" / "organisations").glob("*.yaml"))
CASES = [*EXAMPLES, *ORGANISATIONS]
FORMS = ("the", "acc", "dat", "gen")
BODY_CLAUSES_NAMING_ABSENT_BODIES = {
    # The thresholds say which body the law provides for; the procedures and the cascade say which one
    # is missing. Every other clause names only bodies the organisation has.
    "notes_employee_bodies",
    "notes_work_rules_with_council",
    "notes_work_rules_without_council",
    "notes_monitoring_bodies",
}


def _forms(party: str, language: str) -> set[str]:
    """How running text names a function or body, without the French term a German first use adds."""
    return {re.sub(r"\s*\[[^\]]*\]", "", LIBRARY.text(language, f"parties.{party}.{form}")) for form in FORMS}


def running_text(document: Document) -> str:
    """The document's own running text: its sections, without the annexes (a statute's subject in the
    references annex names "the prevention advisor" as part of what the Act is about)."""
    annexed = {clause.id for annex in document.annexes for clause in annex.clauses}
    return " ".join(words for clause, words in block_texts(document) if clause not in annexed)


def _names(document_text: str, phrase: str) -> bool:
    # A German practice term carries its French term the first time: "(AGS; FR ...)", "Betriebsrat (FR ...)".
    document_text = re.sub(r" \(FR [^)]*\)", "", re.sub(r"; FR [^)]*\)", ")", document_text))
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", document_text) is not None


def cases() -> Iterator[tuple[str, dict[str, Any]]]:
    for path in CASES:
        report = check_answers(path, INTERVIEW)
        yield path.stem, report.answers
    for index, path_answers in enumerate(representative_paths()[::15]):
        yield f"path{index}", path_answers


def documents(case_answers: dict[str, Any]) -> Iterator[tuple[str, Document]]:
    for language in LANGUAGES:
        yield language, LIBRARY.assemble(case_answers, language)
        yield language, LIBRARY.implementation_notes(case_answers, language)


# --- functions and people ---------------------------------------------------------------------------


@pytest.mark.parametrize(("case", "case_answers"), list(cases()), ids=lambda value: str(value)[:30])
def test_no_function_the_answers_did_not_declare_is_named(case: str, case_answers: dict[str, Any]) -> None:
    for language, document in documents(case_answers):
        facts = facts_for(case_answers, LIBRARY, language)
        body = running_text(document)
        for function in set(FUNCTIONS) - set(facts.functions):
            for phrase in _forms(function, language):
                assert not _names(body, phrase), (case, language, document.kind, function, phrase)


OLD_ASSUMPTIONS = {
    "en": (
        "department heads",
        "**Legal**",
        "Marketing and communications keep",
        "the Communications department",
    ),
    "nl": ("afdelingshoofden", "De dienst Marketing en Communicatie", "de juridische dienst, of uw externe"),
    "fr": ("responsables de service", "Le service Marketing et communication", "service juridique, ou votre"),
    "de": ("Abteilungsleiter", "Bereich Marketing und Kommunikation", "Die Rechtsabteilung berät"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_small_firm_without_functions_gets_none_of_the_old_assumptions(language: str) -> None:
    small = answers(headcount=14, functions=["management"], employee_bodies=[], legal=None)
    small = {key: value for key, value in small.items() if not key.endswith("_functions")}
    for document in (LIBRARY.assemble(small, language), LIBRARY.implementation_notes(small, language)):
        for phrase in OLD_ASSUMPTIONS[language]:
            assert phrase not in text(document), (language, phrase)


def test_the_users_own_names_are_never_overridden_by_a_function() -> None:
    """ "the managing director and the marketing assistant" run the accounts: not "the communication team"."""
    policy = LIBRARY.assemble(
        answers(
            spokespersons="the managing director and the marketing assistant",
            functions=["management"],
            customer_service=False,
        )
    )
    roles = clause_text(policy, "roles_organisation")
    assert "is reserved for the managing director and the marketing assistant" in roles
    assert "communication team" not in clause_text(policy, "accounts_spokespersons") + roles
    assert "Only the managing director and the marketing assistant may publish" in text(policy)


def test_where_nobody_is_named_the_text_points_to_a_function_that_exists() -> None:
    tiny = answers(headcount=8, functions=["management"], whistleblowing_channel=False)
    tiny.pop("whistleblowing_contact", None)
    tiny.pop("dp_contact", None)
    policy = text(LIBRARY.assemble(tiny))
    assert "report it at once to management (hr@acme.be)" in policy
    assert "To report a breach, turn to management (hr@acme.be)" in policy


@pytest.mark.parametrize(
    ("headcount", "expected"),
    [(14, FUNCTIONS_BY_SIZE[3][1]), (35, FUNCTIONS_BY_SIZE[2][1]), (400, FUNCTIONS_BY_SIZE[0][1])],
)
def test_the_interview_prefills_the_functions_usual_at_the_size(
    headcount: int, expected: tuple[str, ...]
) -> None:
    question = INTERVIEW["functions"]
    assert INTERVIEW.default(
        question, "en", {"headcount": headcount, "policy_type": "comprehensive"}
    ) == list(expected)


@pytest.mark.parametrize("functions", [[], ["management"], ["hr"], ["communication", "hr"], list(FUNCTIONS)])
def test_the_interview_defaults_and_the_policy_agree_on_who_holds_each_role(functions: list[str]) -> None:
    """When a role question is left to its default, the policy names the same holder as when it is not
    asked at all (the short list): one preference, kept in questions.yaml and clauses/facts.py."""
    given = {
        "policy_type": "comprehensive",
        "functions": functions,
        "headcount": 60,
        "customer_service": True,
    }
    facts = facts_for({**given, "policy_type": "limited"}, LIBRARY)
    for role, rule in ROLE_RULES.items():
        if rule.answer is None or rule.answer not in INTERVIEW.by_id:
            continue
        question = INTERVIEW[rule.answer]
        default = INTERVIEW.default(question, "en", given)
        chosen = default if isinstance(default, list) else [default]
        preferred = [f for f in chosen if f in functions or f == question.default or f in rule.preferred]
        holder = facts.roles[role].functions
        if holder == (EMPLOYER,):
            assert chosen == (question.default if isinstance(question.default, list) else [question.default])
        else:
            assert list(holder) == preferred, (role, functions, holder, chosen)


# --- the employee bodies ----------------------------------------------------------------------------


@pytest.mark.parametrize(("case", "case_answers"), list(cases()), ids=lambda value: str(value)[:30])
def test_the_notes_involve_the_bodies_declared_and_only_those(
    case: str, case_answers: dict[str, Any]
) -> None:
    for language in LANGUAGES:
        facts = facts_for(case_answers, LIBRARY, language)
        notes = LIBRARY.implementation_notes(case_answers, language)
        absent = set(MONITORING_BODIES) - set(facts.bodies)
        for clause in notes.clauses():
            if clause.id in BODY_CLAUSES_NAMING_ABSENT_BODIES:
                continue
            words = clause_text(notes, clause.id)
            for body in absent:
                for phrase in _forms(body, language):
                    assert not _names(words, phrase), (case, language, clause.id, phrase)
        review = clause_text(notes, "notes_stakeholder_review")
        for body in facts.bodies:
            assert any(_names(review, phrase) for phrase in _forms(body, language)), (case, language, body)


@pytest.mark.parametrize(
    ("bodies", "informed"),
    [
        (["works_council", "cppw", "union_delegation"], "works_council"),
        (["cppw", "union_delegation"], "cppw"),
        (["union_delegation"], "union_delegation"),
    ],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_monitoring_is_explained_to_the_first_body_of_the_cascade(
    language: str, bodies: list[str], informed: str
) -> None:
    notes = LIBRARY.implementation_notes(answers(employee_bodies=bodies, monitoring=True), language)
    cascade = clause_text(notes, "notes_monitoring_bodies")
    assert any(_names(cascade, phrase) for phrase in _forms(informed, language))
    later = MONITORING_BODIES[MONITORING_BODIES.index(informed) + 1 :]
    for body in later:
        for phrase in _forms(body, language):
            assert not _names(cascade, phrase), (language, body)


@pytest.mark.parametrize("language", LANGUAGES)
def test_protected_representatives_appear_only_where_there_are_representatives(language: str) -> None:
    act = LIBRARY.source.languages[language].statutes["protected_employees_act"]["cite"]
    with_bodies = text(LIBRARY.implementation_notes(answers(employee_bodies=["union_delegation"]), language))
    without = text(LIBRARY.implementation_notes(answers(employee_bodies=[], headcount=14), language))
    assert act in with_bodies
    assert act not in without


REPRESENTATIVES = {
    "en": "your representatives",
    "nl": "uw vertegenwoordigers",
    "fr": "vos représentants",
    "de": "Ihren Vertretern",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_short_list_announces_monitoring_to_representatives_only_where_there_are_some(
    language: str,
) -> None:
    """A twelve-person bakery without any employee body has no representatives to announce it to."""
    short = {"policy_type": "limited", "headcount": 12}
    with_bodies = clause_text(
        LIBRARY.assemble(answers(**short, employee_bodies=["union_delegation"]), language), "limited_rights"
    )
    without = clause_text(LIBRARY.assemble(answers(**short, employee_bodies=[]), language), "limited_rights")
    assert REPRESENTATIVES[language] in with_bodies
    assert REPRESENTATIVES[language] not in without


def test_a_fourteen_person_firm_without_bodies_gets_no_five_department_review() -> None:
    firm = check_answers(ROOT / "tests" / "clauses" / "organisations" / "lawfirm-brussels.yaml", INTERVIEW)
    for language in ("nl", "fr"):
        notes = LIBRARY.implementation_notes(firm.answers, language)
        review = [
            block for block in notes.clause("notes_stakeholder_review").blocks if hasattr(block, "items")
        ]
        assert len(review[0].items) == 2, language  # management, and an outside legal adviser


# --- dates against the effective date ---------------------------------------------------------------

DEEPFAKES = datetime.date(2026, 8, 2)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("effective", [datetime.date(2026, 3, 1), DEEPFAKES, datetime.date(2027, 1, 1)])
def test_the_ai_act_rule_is_worded_against_the_effective_date(
    language: str, effective: datetime.date
) -> None:
    policy = LIBRARY.assemble(answers(effective_date=effective), language)
    clause = clause_text(policy, "ai_content")
    day = LIBRARY._language(language).helpers["format_date"](DEEPFAKES)
    if effective >= DEEPFAKES:
        assert day not in clause, "a rule already applying is not announced for a date"
    else:
        assert day in clause
    for looking_ahead in ("anticipate", "will apply", "vooruit", "anticipent", "tragen bereits"):
        assert looking_ahead not in clause


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_right_to_disconnect_is_an_obligation_since_2023_not_a_task_to_come(language: str) -> None:
    policy = text(LIBRARY.assemble(answers(headcount=60), language))
    notes = text(LIBRARY.implementation_notes(answers(headcount=60), language))
    since = {"en": "since 2023", "nl": "sinds 2023", "fr": "depuis 2023", "de": "seit 2023"}[language]
    assert since in policy and since in notes
    for new_task in ("lays down how this right works", "legt vast hoe dit recht", "détermine les modalités"):
        assert new_task not in policy


def test_the_dates_of_statutes_are_data_and_worded_by_the_effective_date() -> None:
    dates = statute_dates()
    assert dates["ai_act_art_50"]["applies"] == DEEPFAKES
    rule = dated("ai_act_art_50", "applies", datetime.date(2026, 8, 1), lambda day: day.isoformat())
    assert rule == DatedRule(DEEPFAKES, "2026-08-02", False)
    assert dated("ai_act_art_50", "applies", DEEPFAKES, str).applies
    with pytest.raises(LookupError, match="no date 'repealed'"):
        dated("ai_act_art_50", "repealed", DEEPFAKES, str)


def test_no_template_compares_dates_itself() -> None:
    """A date in a condition would escape the data: templates ask `dated` instead."""
    for path in Path(LIBRARY.source.folders[0]).glob("*/clauses/*.j2"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"effective_date\s*[<>]=?", source), path
        assert not re.search(r"\{%[^%]*20[0-9]{2}-[0-9]{2}", source), path


# --- each version's wording of typed answers ---------------------------------------------------------


def test_the_typed_answers_are_the_interviews_text_questions() -> None:
    typed = {question.id for question in INTERVIEW.questions if question.kind in (Kind.TEXT, Kind.LONG_TEXT)}
    assert set(TYPED_ANSWERS) == typed - {"org_name"}


AGENCY = (ROOT / "tests" / "clauses" / "organisations" / "agency-ghent.yaml").read_text(encoding="utf-8")


def test_typed_words_list_exactly_what_appears_in_each_version() -> None:
    report = check_answers_text(AGENCY, INTERVIEW)
    found = typed_words(LIBRARY, report.answers, report.wording, ("nl", "en"))
    assert [word.question for word in found["nl"]] == ["spokespersons", "advocacy_reward", "crisis_contact"]
    assert all(not word.foreign for word in found["nl"])
    english = {word.question: word for word in found["en"]}
    assert english["spokespersons"].foreign and english["spokespersons"].language == "nl"
    assert english["crisis_contact"].language is None, "a name and a number are in no language"
    assert [word.question for word in foreign_words(LIBRARY, report.answers, report.wording, ("en",))] == [
        "spokespersons",
        "advocacy_reward",
    ]


def test_a_versions_own_wording_replaces_the_typed_words_in_that_version_only() -> None:
    report = check_answers_text(
        AGENCY + "wording:\n  en: {spokespersons: the managing director and the marketing assistant}\n",
        INTERVIEW,
    )
    english = answers_for(report.answers, report.wording, "en")
    assert english["spokespersons"] == "the managing director and the marketing assistant"
    assert (
        answers_for(report.answers, report.wording, "nl")["spokespersons"] == report.answers["spokespersons"]
    )
    policy = text(LIBRARY.assemble(english, "en"))
    assert "the managing director and the marketing assistant" in policy and "zaakvoerder" not in policy
    words = typed_words(LIBRARY, report.answers, report.wording, ("en",))["en"]
    assert next(word for word in words if word.question == "spokespersons").own_wording
    assert answers_for({"headcount": 3}, {"en": {"spokespersons": "x"}}, "en") == {"headcount": 3}


TYPED_PHRASINGS = {
    "nl": [
        "de zaakvoerder en de marketingassistent",
        "elk jaar een cadeaubon voor wie het meest deelt",
        "het integriteitsmeldpunt op het intranet",
        "Beleid inzake IT- en communicatiesystemen",
        "de directeur klantenrelaties, daarna de compliance officer",
    ],
    "fr": [
        "le gérant et l'assistante marketing",
        "un bon cadeau chaque année pour ceux qui partagent le plus",
        "la ligne éthique à l'adresse ethique@mosane.example",
        "la directrice générale, puis le directeur médical",
    ],
    "de": [
        "die Geschäftsführerin und die Marketingassistentin",
        "jedes Jahr ein Gutschein für die besten Teiler",
        "die Meldestelle bei der Personalabteilung",
    ],
    "en": [
        "the managing director and the marketing assistant",
        "a gift voucher each year for the most active sharers",
        "the SpeakUp platform at speakup.example.be",
        "IT and Communication Systems Policy",
    ],
    None: ["Jan Peeters, +32 2 123 45 67", "Microsoft Copilot", "SpeakUp", "0478 12 34 56"],
}


@pytest.mark.parametrize(
    ("language", "phrase"),
    [(language, phrase) for language, phrases in TYPED_PHRASINGS.items() for phrase in phrases],
)
def test_the_language_of_typed_words_is_told_from_real_phrasings(language: str | None, phrase: str) -> None:
    assert language_of(phrase) == language
