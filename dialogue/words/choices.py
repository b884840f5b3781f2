"""Which choice typed words name: its number, id, label or alias in any language, a synonym from the
vocabulary, an abbreviation ("cs"), the start of a word ("mark"), the distinctive words of a label, a
name found inside a sentence ("we are an advertising agency"), or a close misspelling (rapidfuzz).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from dialogue.model import Interview
from dialogue.words.phrases import Phrases, Token, fold_word, split, words_of
from dialogue.words.vocabulary import vocabulary

FUZZY_THRESHOLD = 80
FUZZY_MARGIN = 6
STOP_WORDS = frozenset(
    """a an and or of the to for in on with by de het een en of van voor la le les des du et ou pour au aux
    der die das und oder fur von""".split()  # noqa: SIM905 - a word list reads best as words
)
# Inside a sentence, a name this short is too often an ordinary word ("it", "or", "ce").
_SHORTEST_INSIDE = 3
# A word that ends with a name of this length is a compound of it: "Kreiskrankenhaus", "stadsziekenhuis".
_SHORTEST_COMPOUND_END = 6
# A name this long is also found with a plural ending: "hotels", "Krankenhäuser", "bakeries". Shorter
# ones would take ordinary words ("werk" would read "werken", to work).
_SHORTEST_PLURAL = 5
_PLURAL_ENDINGS = ("s", "es", "e", "er", "en", "n")


@dataclass(frozen=True)
class Candidate:
    choice: str
    folded: str
    words: tuple[str, ...]
    initials: frozenset[str]


@dataclass(frozen=True)
class Mention:
    """A choice named inside typed words, at token positions start:end."""

    choice: str
    start: int
    end: int
    score: int  # the length of the name: a longer name says more
    negated: bool


def fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces: how typed words are compared."""
    import re

    plain = fold_word(text)
    return " ".join(re.sub(r"[^\w\s-]|_", " ", plain).replace(" - ", " ").split())


@cache
def candidates(interview: Interview, question_id: str) -> tuple[Candidate, ...]:
    question = interview[question_id]
    words = vocabulary(interview.source)
    found: list[Candidate] = []
    for choice in question.choices:
        names = {choice.replace("_", " ")}
        for language in interview.languages.values():
            texts = language.questions[question_id]
            names.add(texts.choices[choice])
            names.update(texts.aliases.get(choice, ()))
        names.update(words.synonyms_of(question_id, choice))
        for name in names:
            folded = fold(name)
            if not folded:
                continue
            parts = tuple(folded.replace("-", " ").split())
            content = [w for w in parts if w not in STOP_WORDS] or list(parts)
            initials = {"".join(w[0] for w in parts), "".join(w[0] for w in content)}
            found.append(Candidate(choice, folded, parts, frozenset(i for i in initials if len(i) > 1)))
    return tuple(found)


def exact(text: str, found: tuple[Candidate, ...]) -> set[str]:
    return {c.choice for c in found if c.folded == text}


def abbreviation(text: str, found: tuple[Candidate, ...]) -> set[str]:
    compact = text.replace(" ", "")
    return {c.choice for c in found if compact in c.initials} if len(compact) > 1 else set()


def prefix(text: str, found: tuple[Candidate, ...]) -> set[str]:
    if len(text) < 3:
        return set()
    return {c.choice for c in found if c.folded.startswith(text) or any(w.startswith(text) for w in c.words)}


def distinctive_words(text: str, found: tuple[Candidate, ...]) -> set[str]:
    # Every word counts, the short ones too: "HR department" is not "the legal department" ("hr" is
    # no word of it), though "department" is.
    typed = [w for w in text.replace("-", " ").split() if w not in STOP_WORDS]
    if not any(len(w) > 2 for w in typed):
        return set()
    return {c.choice for c in found if all(w in c.words for w in typed)}


def fuzzy(text: str, found: tuple[Candidate, ...]) -> set[str]:
    if len(text) < 3:
        return set()
    from rapidfuzz import fuzz  # only misspelt answers need it; it costs start-up time

    typed = [w for w in text.split() if w not in STOP_WORDS]
    best: dict[str, float] = {}
    for candidate in found:
        score = max(
            fuzz.ratio(text, candidate.folded),
            max((fuzz.ratio(text, word) for word in candidate.words if len(word) > 3), default=0),
        )
        if score < FUZZY_THRESHOLD - FUZZY_MARGIN:
            continue  # never among the answers: not worth the word-by-word check
        # Several words: most must be close to one of the candidate's, else "sales department" would be
        # "legal department" (83% alike as a whole); "pas du tout pendant le travail" still is "pas
        # pendant le travail".
        close = sum(any(fuzz.ratio(w, word) >= FUZZY_THRESHOLD for word in candidate.words) for w in typed)
        if len(typed) > 1 and 2 * close <= len(typed):
            continue
        best[candidate.choice] = max(best.get(candidate.choice, 0), score)
    top = max(best.values(), default=0)
    if top < FUZZY_THRESHOLD:
        return set()
    return {choice for choice, score in best.items() if score >= top - FUZZY_MARGIN}


RULES = (exact, abbreviation, prefix, distinctive_words, fuzzy)


def beside_department_word(folded: str, found: tuple[Candidate, ...], department: Phrases) -> str | None:
    """The choice named beside a word for a department: "HR department", "de IT-dienst"."""
    words = folded.replace("-", " ").split()
    kept = [w for w in words if w not in STOP_WORDS and not department.covers([w])]
    if not kept or len(kept) == len(words):
        return None
    matched = exact(" ".join(kept), found) or abbreviation(" ".join(kept), found)
    return matched.pop() if len(matched) == 1 else None


@cache
def _names_inside(interview: Interview, question_id: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The names that count inside a sentence, as words: not too short, not an ordinary word."""
    common = _common_words(interview)
    names: dict[tuple[str, ...], str] = {}
    for candidate in candidates(interview, question_id):
        words = words_of(candidate.folded)
        if not words or len("".join(words)) < _SHORTEST_INSIDE:
            continue
        if len(words) == 1 and words[0] in common:
            continue
        names.setdefault(words, candidate.choice)
    return tuple(names.items())


@cache
def _common_words(interview: Interview) -> frozenset[str]:
    words = vocabulary(interview.source)
    typed_for_options = {w for group in ("yes", "no", "none", "all") for w in interview.words.get(group, ())}
    return (
        STOP_WORDS
        | words.fillers.singles
        | words.qualifiers.singles
        | words.negations.singles
        | frozenset(w for w in typed_for_options if " " not in w)
    )


@dataclass(frozen=True)
class _Index:
    """A question's names as looked up in typed words: one word, several words, compound ends."""

    single: dict[str, str]  # one-word name -> choice
    several: tuple[tuple[tuple[str, ...], str], ...]
    ends: dict[int, dict[str, str]]  # length -> name a compound may end with -> choice


@cache
def _index(interview: Interview, question_id: str) -> _Index:
    names = _names_inside(interview, question_id)
    single = {name[0]: choice for name, choice in names if len(name) == 1}
    ends: dict[int, dict[str, str]] = {}
    for word, choice in single.items():
        if len(word) >= _SHORTEST_COMPOUND_END:
            ends.setdefault(len(word), {})[word] = choice
    return _Index(single, tuple((name, choice) for name, choice in names if len(name) > 1), ends)


def _plurals(word: str, single: dict[str, str]) -> list[str]:
    """The names `word` is a plural of: "hotels", "krankenhauser" (folded), "bakeries"."""
    stems = [word[: -len(ending)] for ending in _PLURAL_ENDINGS if word.endswith(ending)]
    if word.endswith("ies"):
        stems.append(word[:-3] + "y")
    return [stem for stem in stems if len(stem) >= _SHORTEST_PLURAL and stem in single]


def _head_of(interview: Interview, question_id: str, word: str) -> str | None:
    """The choice a compound's start names when it ends with a word for any organisation:
    "Bauunternehmen", "Versicherungsgesellschaft", "zorgbedrijf" name building, insurance and care."""
    organisation = vocabulary(interview.source).organisation_words.singles
    names = _index(interview, question_id).single
    for end in organisation:
        if word.endswith(end) and len(word) > len(end):
            head = word[: -len(end)].rstrip("-")
            # German joins with an s: "Versicherung-s-unternehmen".
            for start in (head, head[:-1] if head.endswith("s") else None):
                if start and start in names:
                    return names[start]
    return None


def mentions(interview: Interview, question_id: str, tokens: list[Token]) -> list[Mention]:
    """Every choice named inside `tokens`, with where; a name after "no", "geen", "pas de" is negated.

    A one-word name is also found in the plural and at the end of a compound ("Kreiskrankenhaus").
    """
    words = [token.word for token in tokens]
    negations = vocabulary(interview.source).negations
    index = _index(interview, question_id)
    found: list[Mention] = []
    for name, choice in index.several:
        size = len(name)
        for start in range(len(words) - size + 1):
            if tuple(words[start : start + size]) == name:
                found.append(Mention(choice, start, start + size, len(" ".join(name)), False))
    for start, word in enumerate(words):
        if word in index.single:
            found.append(Mention(index.single[word], start, start + 1, len(word), False))
        for stem in _plurals(word, index.single):
            found.append(Mention(index.single[stem], start, start + 1, len(stem), False))
        for length, ends in index.ends.items():
            if len(word) > length and word[-length:] in ends:
                found.append(Mention(ends[word[-length:]], start, start + 1, length, False))
        head = _head_of(interview, question_id, word)
        if head is not None:  # the whole word: it says more than the organisation word at its end
            found.append(Mention(head, start, start + 1, len(word), False))
    marked: list[Mention] = []
    for mention in found:
        negated = any(
            negations.length_at(words, before)
            and before + negations.length_at(words, before) <= mention.start
            for before in range(max(0, mention.start - 3), mention.start)
        )
        marked.append(Mention(mention.choice, mention.start, mention.end, mention.score, negated))
    return marked


def best(found: list[Mention]) -> list[Mention]:
    """The mentions that say most: longest names first, and no mention inside a longer one."""
    kept: list[Mention] = []
    for mention in sorted(found, key=lambda m: (-m.score, m.start)):
        if not any(m.start <= mention.start and mention.end <= m.end for m in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def alternatives(named: list[Mention], tokens: list[Token], word_for_or: str) -> set[str]:
    """Two choices with "or" between them ("a school or a hospital"): the user has not chosen yet, so
    both are asked about, where the longer name used to be taken."""
    ordered = sorted(named, key=lambda m: m.start)
    for before, after in pairwise(ordered):
        between = {token.word for token in tokens[before.end : after.start]}
        if before.choice != after.choice and word_for_or in between:
            return {before.choice, after.choice}
    return set()


__all__ = [
    "Candidate",
    "Mention",
    "alternatives",
    "beside_department_word",
    "best",
    "candidates",
    "fold",
    "mentions",
    "split",
]
