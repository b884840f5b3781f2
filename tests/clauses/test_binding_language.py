"""A binding version is wholly in its own language, beyond the names and addresses the user gave.

The method: every word of the version (its policy and its implementation notes, the user's own typed
words, names and addresses taken out) is looked up in simplemma's dictionaries of English, Dutch, French
and German. A word the version's language does not know but another one does is a word of the wrong
language. The dictionaries miss some words of every language (simplemma's French one lacks "pas" and
"dont") and know some loanwords of others (Dutch "online", "compliance"), so a short allowlist per
language holds what a reader of that language expects: platform names, loanwords, abbreviations. On top,
a curated lexicon names the words that must never appear in a version because they are another
language's legal terms or English function words ("(cao / CCT)" in German, "the HR department" in Dutch),
which the dictionaries alone would let through.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import simplemma
from policy_helpers import EXAMPLES, INTERVIEW, LIBRARY, ROOT, representative_paths, text

from clauses.language_law import required_languages
from clauses.wording import TYPED_ANSWERS, answers_for
from dialogue.answers_file import check_answers

LANGUAGES = ("en", "nl", "fr", "de")
ORGANISATIONS = sorted((ROOT / "tests" / "clauses" / "organisations").glob("*.yaml"))
CASES = [*EXAMPLES, *ORGANISATIONS]

PLATFORMS = {"LinkedIn", "Facebook", "Instagram", "TikTok", "Twitter", "WhatsApp", "YouTube", "Business"}
# What each language's reader expects although the dictionaries disagree.
ALLOWED = {
    "nl": PLATFORMS
    | {"Marketing", "marketing", "Racisme", "racisme", "Respect", "respect", "Software", "compliance"}
    | {"cyber", "deepfakes", "knowhow", "online", "onlinedienst", "private", "scan", "targeting"}
    | {"anders", "art", "dringende", "ernst", "hierin", "schade", "wissing"}
    # Sector words a Dutch reader knows: an agency's pitch and stories, a bank's emoji, a hospital's privacy.
    | {"MAR", "emoji", "pitch", "privacy", "stories", "Onlinediensten", "onlinediensten"},
    "fr": PLATFORMS
    | {
        "Bruxelles",
        "Comment",
        "comment",
        "Economie",
        "Minimisation",
        "blogs",
        "compliance",
        "deepfakes",
        "internet",
    }
    | {"aux", "avis", "dehors", "dont", "mars", "non", "pas", "relais", "temps"}
    # Sector words a French reader knows: a bank's MAR and phishing, an agency's brief, pitch and stories.
    | {"Avis", "MAR", "Ombudsman", "Pas", "abus", "phishing", "poliment"}
    | {"brief", "pitch", "portfolio", "prospects", "stories"},
    "de": PLATFORMS | {"AGS", "Abs", "Cyber", "Generative", "generative", "Know", "how", "Social"},
    "en": PLATFORMS,
}
# Names the law gives in one form only: an agency (Audit Vlaanderen) and a case (Mustafa Erdoğan).
for _language in ("nl", "fr", "de"):
    ALLOWED[_language] = ALLOWED[_language] | {"Mustafa", "Vlaanderen"}
# Words that must never appear in a version: another language's legal terms, English function words.
NEVER = {
    "nl": {"the", "and", "department", "CCT", "CPPT", "conseil", "règlement", "Arbeitsordnung", "FR", "DE"},
    "fr": {"the", "and", "department", "cao", "CPBW", "arbeidsreglement", "paritair", "NL", "DE", "AI Act"},
    "de": {"the", "and", "department", "cao", "CCT", "CPBW", "CPPT", "vakbondsafvaardiging", "NL"}
    | {"arbeidsreglement", "exploitatiezetel", "paritair", "Toezicht", "recht op deconnectie"},
}
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# The French term a German text gives in brackets the first time it uses a term known only from practice,
# and a statute's French title in the references annex (shared/legal/terms-and-dates.md, section 1.2).
_FRENCH_IN_GERMAN = re.compile(r"[(;,] ?FR [^)]*\)")


@functools.cache
def _known(word: str, language: str) -> bool:
    return any(simplemma.is_known(form, lang=language) for form in {word, word.lower(), word.capitalize()})


def foreign_words(document_text: str, language: str, typed: list[str]) -> set[str]:
    """The words of `document_text` that are not `language`, the user's own words left out."""
    for words in sorted(typed, key=len, reverse=True):
        document_text = document_text.replace(words, " ")
    document_text = re.sub(r"\S+@\S+|#\w+|https?://\S+", " ", document_text)
    if language == "de":
        document_text = _FRENCH_IN_GERMAN.sub(")", document_text)
    found = {
        phrase
        for phrase in NEVER.get(language, ())
        if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", document_text)
    }
    for word in _WORD.findall(document_text):
        for part in re.split(r"[-'’]", word):
            if len(part) < 3 or part in ALLOWED[language] or _known(part, language):
                continue
            if any(_known(part, other) for other in LANGUAGES if other != language):
                found.add(part)
    return found


def _typed(answers: dict[str, Any]) -> list[str]:
    return [
        " ".join(str(answers[question]).split())
        for question in (*TYPED_ANSWERS, "org_name", "contact_email")
        if isinstance(answers.get(question), str)
    ]


def binding_versions() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path in CASES:
        report = check_answers(path, INTERVIEW)
        for language in required_languages(report.answers):
            yield path.stem, language, answers_for(report.answers, report.wording, language)


@pytest.mark.parametrize(("case", "language", "answers"), list(binding_versions()), ids=lambda v: str(v)[:40])
def test_a_binding_version_has_no_word_of_another_language(
    case: str, language: str, answers: dict[str, Any]
) -> None:
    for document in (LIBRARY.assemble(answers, language), LIBRARY.implementation_notes(answers, language)):
        assert not foreign_words(text(document), language, _typed(answers)), (case, document.kind)


@pytest.mark.parametrize("language", ["nl", "fr", "de"])
def test_every_kind_of_policy_is_wholly_in_each_language(language: str) -> None:
    """Every policy type and option, on representative paths, as if the version were binding."""
    for answers in representative_paths()[::20]:
        for document in (
            LIBRARY.assemble(answers, language),
            LIBRARY.implementation_notes(answers, language),
        ):
            found = foreign_words(text(document), language, _typed(answers))
            assert not found, (answers["policy_type"], document.kind, sorted(found))


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("nl", "De eigenaar is the HR department."),
        ("nl", "Informeer de ondernemingsraad (CCT) tijdig."),
        ("fr", "Le responsable est Marketing and communications."),
        ("fr", "Le comité (CPBW) est informé."),
        ("de", "Ein Abkommen auf Unternehmensebene (cao / CCT) regelt das."),
        ("de", "Informieren Sie den Ausschuss (CPBW/CPPT)."),
        ("de", "Die Regeln gelten für le personnel de l'entreprise."),
    ],
)
def test_the_check_finds_words_of_another_language(language: str, sentence: str) -> None:
    assert foreign_words(sentence, language, [])


def test_the_check_leaves_the_users_own_words_and_the_french_term_in_german_brackets() -> None:
    assert not foreign_words("Sprecher: the managing director.", "de", ["the managing director"])
    assert not foreign_words("Der Betriebsrat (FR conseil d'entreprise) berät.", "de", [])


# Terms known in Belgian German only from practice: the French term in brackets the first time, and only
# then (shared/legal/terms-and-dates.md, section 1.2).
FIRST_USE = {
    "Betriebsrat": "FR conseil d'entreprise",
    "Gewerkschaftsdelegation": "FR délégation syndicale",
    "(AGS": "FR comité pour la prévention et la protection au travail",
    "Nichterreichbarkeit": "FR droit à la déconnexion",
    "schwerwiegender Grund": "FR motif grave",
}


def _body(document_text: str) -> str:
    """The running text, before the references annex (whose statute titles carry their own terms)."""
    return re.split(r"Anlage [A-Z]\. Gesetze und sonstige Rechtsquellen", document_text)[0]


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.stem)
def test_german_gives_the_french_term_of_a_practice_term_once_at_its_first_use(path: Path) -> None:
    report = check_answers(path, INTERVIEW)
    answers = answers_for(report.answers, report.wording, "de")
    for document in (LIBRARY.assemble(answers, "de"), LIBRARY.implementation_notes(answers, "de")):
        body = _body(text(document))
        for term, french in FIRST_USE.items():
            uses = [match.start() for match in re.finditer(re.escape(term), body)]
            brackets = [match.start() for match in re.finditer(re.escape(french), body)]
            if not uses:
                continue
            # Section titles name terms too; the first use in running text carries the bracket.
            assert len(brackets) <= 1, (path.stem, term)
            if brackets:
                assert brackets[0] - uses[0] >= 0, (path.stem, term)
