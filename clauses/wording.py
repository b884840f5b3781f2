"""Words the user typed, in each language version: which appear where, and each version's own wording.

An answer typed in words (a spokesperson's name, what advocacy participants receive, the name of the IT
policy) appears in every language version as it was typed. A binding version must be wholly in its own
language, so each version may have its own wording of a typed answer, kept beside the answers:

    wording = {"fr": {"spokespersons": "le gérant et l'assistante marketing"}}

(in an answers file, the `wording:` key; see dialogue/answers_file.py). The API, for `build`, for the app
(which shows, before export, which of the user's words appear in which version, and lets them change
them) and for tests:

    answers_for(answers, wording, "fr")          # the answers that make the French version
    typed_words(library, answers, wording)        # {"nl": (TypedWord, ...), "fr": (...)}: what appears where
    foreign_words(library, answers, wording)      # only the words that seem to be in another language

Knows nothing of the interview: TYPED_ANSWERS names the answers typed in words (a test keeps it in step
with the interview's text questions).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from clauses.language_law import required_languages
from clauses.markup import clean

if TYPE_CHECKING:
    from clauses.library import Library
    from clauses.model import Document

# The answers typed in words that a document may print. The organisation's name is a name: the same in
# every language, never reworded.
TYPED_ANSWERS = (
    "department_other",
    "spokespersons",
    "advocacy_reward",
    "crisis_contact",
    "crisis_escalation",
    "ai_tools",
    "whistleblowing_how",
    "it_policy_name",
)

Wording = Mapping[str, Mapping[str, str]]


# A curated lexicon of each language's commonest short words (articles, prepositions, conjunctions) and of
# the nouns typed answers use most, to tell the language of a few typed words. A word listed for several
# languages ("de", "en", "team") counts for none of them.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_LEXICON: dict[str, frozenset[str]] = {
    "en": _words(
        "the and of to for with at on in an our each every then or is are by from per year yearly "
        "department team manager director head policy platform company most who our best "
        "managing assistant voucher gift via through licence license"
    ),
    "nl": _words(
        "de het een en van die voor met op aan bij elk elke jaar jaarlijks daarna of is zijn door uit per "
        "dienst afdeling verantwoordelijke directeur beleid platform wie meest beste zaakvoerder "
        "algemeen hoofd via bon cadeaubon naar onze ons"
    ),
    "fr": _words(
        "le la les l un une des du de et pour avec au aux chaque puis ou est sont par sur année an "
        "service équipe responsable directeur directrice politique plateforme ceux qui plus meilleurs "
        "gérant gérante assistant assistante bon cadeau notre nos via adresse"
    ),
    "de": _words(
        "der die das den dem des ein eine einen und für mit an am im jedes jeden jährlich dann oder ist "
        "sind von zu pro abteilung leiter leiterin geschäftsführer geschäftsführerin richtlinie "
        "plattform wer meisten besten gutschein über unsere unser"
    ),
}
_SHARED = frozenset(
    word
    for language, words in _LEXICON.items()
    for word in words
    if any(word in other for code, other in _LEXICON.items() if code != language)
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def language_of(text: str) -> str | None:
    """The language a few typed words seem to be in ("nl", "fr", "de", "en"), or None when they tell
    nothing (a name, a number, an address) or two languages are equally likely."""
    words = [word.casefold() for word in _WORD.findall(unicodedata.normalize("NFC", text))]
    scores = {
        language: sum(1 for word in words if word in lexicon and word not in _SHARED)
        for language, lexicon in _LEXICON.items()
    }
    best = max(scores.values())
    if best == 0:
        return None
    winners = [language for language, score in scores.items() if score == best]
    return winners[0] if len(winners) == 1 else None


def answers_for(answers: Mapping[str, Any], wording: Wording | None, language: str) -> dict[str, Any]:
    """The answers that make the `language` version: each typed answer in that version's own wording
    where one was given. Only answers given are reworded: a wording never adds an answer."""
    own = (wording or {}).get(language) or {}
    return {
        question: (own[question] if question in own and question in TYPED_ANSWERS else value)
        for question, value in answers.items()
    }


@dataclass(frozen=True, slots=True)
class TypedWord:
    """Words the user typed, as they appear in one language version.

    `own_wording`: the version has its own wording of the answer (else the answer appears as typed).
    `language`: the language the words seem to be in, or None when they tell nothing (a name, a number).
    `foreign`: they seem to be in another language than the version's, with no wording of its own.
    """

    question: str
    text: str
    own_wording: bool
    language: str | None
    version: str

    @property
    def foreign(self) -> bool:
        return not self.own_wording and self.language is not None and self.language != self.version


def _squeezed(text: str) -> str:
    return " ".join(clean(text).split())


def _document_text(documents: Iterable[Document]) -> str:
    from clauses.export import render

    return " ".join(" ".join(str(render(document, "txt")).split()) for document in documents)


def typed_words(
    library: Library,
    answers: Mapping[str, Any],
    wording: Wording | None = None,
    languages: Iterable[str] | None = None,
    *,
    notes: bool = True,
) -> dict[str, tuple[TypedWord, ...]]:
    """For each language version (the binding ones unless `languages` says), exactly the typed answers
    that appear in it (the policy and, with `notes`, its implementation notes), in interview order."""
    found: dict[str, tuple[TypedWord, ...]] = {}
    for language in languages if languages is not None else required_languages(answers):
        version = answers_for(answers, wording, language)
        documents = [library.assemble(version, language)]
        if notes:
            documents.append(library.implementation_notes(version, language))
        printed = _document_text(documents)
        own = (wording or {}).get(language) or {}
        found[language] = tuple(
            TypedWord(question, text, question in own, language_of(text), language)
            for question in TYPED_ANSWERS
            if isinstance(version.get(question), str)
            and (text := _squeezed(version[question]))
            and text in printed
        )
    return found


def foreign_words(
    library: Library,
    answers: Mapping[str, Any],
    wording: Wording | None = None,
    languages: Iterable[str] | None = None,
    *,
    notes: bool = True,
) -> list[TypedWord]:
    """The typed words that appear in a version of another language, with no wording of its own."""
    return [
        word
        for words in typed_words(library, answers, wording, languages, notes=notes).values()
        for word in words
        if word.foreign
    ]
