"""Read an answer typed in the user's own words.

- choices: a number, the id, the label, an alias or a synonym in any language (dialogue.words.choices),
  also inside a sentence: "we are a hospital", "nur in den Pausen";
- the regions: also a municipality, a sub-municipality, a province or a postcode (dialogue.words.regions);
- yes/no and none: the usual words in English, Dutch, French and German, with words around them ("none,
  we are too small", "ja hoor");
- numbers in figures or words and common Belgian forms: 1.250, 1 250, "zes", "vingt-cinq", "fünfzig";
  months also as "a year" or "un an et demi";
- dates: 25/11/2026, 25.11.2026, 2026-11-25, 25 november 2026, 1er mars 2027;
- words that change an answer ("yes, with their consent") are kept in `Understood.extra`, never dropped;
- anything ambiguous or unknown gets a message that says what would work, and the question stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from dialogue.errors import AnswerError
from dialogue.model import Interview, Kind, Language, Question
from dialogue.validation import clean_text, options_text, validate
from dialogue.words import choices as choosing
from dialogue.words import dates
from dialogue.words.choices import fold
from dialogue.words.dates import read_date
from dialogue.words.phrases import Phrases, Token, phrases, quote, split, words_of
from dialogue.words.vocabulary import Vocabulary, vocabulary

_SEPARATORS = re.compile(r"\s*(?:[,;/+&\n]|\band\b|\ben\b|\bet\b|\bund\b|\bplus\b|\bsowie\b)\s*")
_EMAIL_IN = re.compile(r"<([^<>]+)>|mailto:(\S+)", re.IGNORECASE)
# Longer than any choice, number or date typed as a person types it: refused before any reading, so a
# pasted page never costs seconds.
_LONGEST_ANSWER = 1000

__all__ = ["Interpretation", "Reading", "Unclear", "Understood", "clip", "fold", "interpret", "match_choice"]


@dataclass(frozen=True)
class Understood:
    value: Any
    # What was understood, to say back in the user's language: "Ghent, so Flanders (Dutch-speaking region)".
    said: str = ""
    # Words typed with the answer that the answer itself cannot hold: "with their consent".
    extra: str = ""


@dataclass(frozen=True)
class Unclear:
    message: str


Interpretation = Understood | Unclear


@dataclass(frozen=True)
class Reading:
    """What a reader made of the typed words, before validation."""

    value: Any
    said: str = ""
    extra: str = ""


@dataclass(frozen=True)
class Context:
    interview: Interview
    question: Question
    language: Language
    words: Vocabulary


def clip(text: str, size: int = 60) -> str:
    """Typed text quoted back in a message: enough to recognise it, never a whole pasted page."""
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def interpret(interview: Interview, question: Question, text: str, code: str = "en") -> Interpretation:
    """Turn free text into a valid answer to `question`, or explain in `code`'s language what is needed."""
    language = interview.language(code)
    raw = clean_text(text, multiline=question.kind is Kind.LONG_TEXT)
    try:
        if question.kind.is_text or not raw:
            reading = Reading(raw)
        else:
            context = Context(interview, question, language, vocabulary(interview.source))
            if len(raw) > _LONGEST_ANSWER:
                raise AnswerError(_what_works(context, raw))
            reading = _READERS[question.kind](context, raw)
        return Understood(validate(question, reading.value, language), reading.said, reading.extra)
    except AnswerError as error:
        return Unclear(str(error))


def prepare(interview: Interview) -> None:
    """Load and build now what the readers keep for later: the word lists, the number phrases, the month
    names and the index of places, and import every reader. Built at the first typed number, date or
    place instead, they made that answer 30 to 60 ms slower than the next (docs/decisions.md, "Answers
    stay fast")."""
    from dialogue.words import details, follow_ups, numbers, places, regions, several  # noqa: F401

    numbers.prepare(vocabulary(interview.source))
    places.prepare()
    _ordinary_words(interview)
    dates.prepare()


# --- choices -------------------------------------------------------------------------------------


def _either(labels: list[str], language: Language) -> str:
    """'"A" or "B"', with the language's own word for "or" and its quotation marks."""
    quoted = [language.message("quoted", text=label) for label in labels]
    return f" {language.message('or')} ".join(quoted)


def match_choice(interview: Interview, question: Question, text: str, language: Language) -> str:
    """The one choice `text` names; AnswerError listing the options when none or several fit."""
    choice, _ = _match(Context(interview, question, language, vocabulary(interview.source)), text)
    return choice


def _match(context: Context, text: str) -> tuple[str, tuple[int, int] | None]:
    """The choice `text` names and, when it was found inside a sentence, where (token positions)."""
    question, language = context.question, context.language
    folded = fold(text)
    if folded.isdecimal() and len(folded) <= 18:
        number = int(folded)
        if 1 <= number <= len(question.choices):
            return question.choices[number - 1], None
    found = choosing.candidates(context.interview, question.id)
    for rule in choosing.RULES[:-1]:
        matched = rule(folded, found)
        if len(matched) == 1:
            return matched.pop(), None
        if len(matched) > 1:
            raise _ambiguous(context, text, [c for c in question.choices if c in matched])
    inside = _inside(context, split(text), text)
    if inside is not None:
        return inside
    answered = _answered_yes_or_no(context, text, found)
    if answered is not None:
        return answered
    named = choosing.beside_department_word(folded, found, context.words.department_words)
    if named is not None:
        return named, None
    matched = choosing.fuzzy(folded, found)
    if len(matched) == 1:
        return matched.pop(), None
    if len(matched) > 1:
        raise _ambiguous(context, text, [c for c in question.choices if c in matched])
    if _is_unsure(context, text):
        raise AnswerError(language.message("unsure") + " " + _choose(context))
    raise AnswerError(language.message("unknown_choice", text=clip(text)) + " " + _choose(context))


def _inside(context: Context, tokens: list[Token], text: str) -> tuple[str, tuple[int, int]] | None:
    """The choice named inside a sentence, if one clearly says most (the longest name). Where names of
    several say as much, in a list the first: "eine Schule und ein Sportverein" is a school (with a
    sports club), as "een school en een sportclub" is; outside a list they are asked about."""
    mentions = choosing.best(choosing.mentions(context.interview, context.question.id, tokens))
    named = [m for m in mentions if not m.negated]
    if not named:
        return None
    # Only the user's own language's word for "or": the Dutch "of" is an English word too.
    alternatives = choosing.alternatives(named, tokens, fold(context.language.message("or")))
    if alternatives:
        raise _ambiguous(context, text, [c for c in context.question.choices if c in alternatives])
    top = max(m.score for m in named)
    leaders = {m.choice for m in named if m.score == top}
    if len(leaders) > 1:
        first = _first_in_a_list([m for m in named if m.choice in leaders], tokens, text)
        if first is None:
            raise _ambiguous(
                context, quote_all(tokens), [c for c in context.question.choices if c in leaders]
            )
        leaders = {first}
    choice = leaders.pop()
    spans = [m for m in named if m.choice == choice]
    return choice, (spans[0].start, spans[-1].end)


def _first_in_a_list(named: list[choosing.Mention], tokens: list[Token], text: str) -> str | None:
    """The choice the first part of a list names, when the answer is a list and its first part names
    one choice; None otherwise."""
    first = min(named, key=lambda m: m.start)
    after = tokens[first.end - 1].end
    breaks = [match.start() for match in _SEPARATORS.finditer(text) if match.start() >= after]
    if not breaks:
        return None
    part = {m.choice for m in named if tokens[m.start].start < breaks[0]}
    return part.pop() if len(part) == 1 else None


def _answered_yes_or_no(
    context: Context, text: str, found: tuple[choosing.Candidate, ...]
) -> tuple[str, tuple[int, int]] | None:
    """A choice whose alias is yes or no, typed with more words: "yes, if someone checks it"."""
    polar = _polar(context.interview)
    words = [token.word for token in split(text)]
    size = max(polar.yes.length_at(words, 0), polar.no.length_at(words, 0))
    if not size:
        return None
    matched = choosing.exact(" ".join(words[:size]), found)
    return (matched.pop(), (0, size)) if len(matched) == 1 else None


def quote_all(tokens: list[Token]) -> str:
    return " ".join(token.word for token in tokens)


def _ambiguous(context: Context, text: str, matched: list[str]) -> AnswerError:
    labels = context.language.questions[context.question.id].choices
    return AnswerError(
        context.language.message(
            "ambiguous", text=clip(text), matches=_either([labels[c] for c in matched], context.language)
        )
        + " "
        + _choose(context)
    )


def _what_works(context: Context, text: str) -> str:
    """The message for an answer that cannot be one: what this kind of question takes."""
    language, kind = context.language, context.question.kind
    if kind.has_choices:
        return language.message("unknown_choice", text=clip(text)) + " " + _choose(context)
    if kind is Kind.YESNO:
        return language.message("yes_or_no") + " " + language.message("yes_no_hint")
    if kind is Kind.NUMBER:
        return language.message("need_number", example=12) + " " + language.message("number_hint")
    return language.message("need_date" if kind is Kind.DATE else "need_email")


def _choose(context: Context) -> str:
    if context.question.id == context.words.places:
        return context.language.message("regions_hint")
    key = "choose_many" if context.question.kind is Kind.MULTI else "choose_one"
    return context.language.message(key, options=options_text(context.question, context.language))


def _read_single(context: Context, text: str) -> Reading:
    choice, span = _match(context, text)
    if span is None:
        return Reading(choice)
    return Reading(choice, extra=_extra(context, text, split(text), [span]))


def _read_multi(context: Context, text: str) -> Reading:
    if context.question.id == context.words.places:
        from dialogue.words.regions import read_regions

        return read_regions(context, text)
    from dialogue.words.several import read_several

    return read_several(context, text)


# --- what else was said --------------------------------------------------------------------------


def _extra(context: Context, text: str, tokens: list[Token], used: list[tuple[int, int]]) -> str:
    """The words typed beside the answer that change it ("with their consent"), as typed; "" if none.

    Words that only surround an answer ("we do", "of course", "none, we are too small") are not kept:
    only a run of words with a qualifier ("with", "but", "only", "sauf", "nur"...) and a word of its own.
    """
    words = [token.word for token in tokens]
    taken = {position for start, end in used for position in range(start, end)}
    kept: list[str] = []
    position = 0
    while position < len(tokens):
        if position in taken:
            position += 1
            continue
        end = position
        while end < len(tokens) and end not in taken:
            end += 1
        run = words[position:end]
        if _qualifies(context, run):
            kept.append(quote(text, tokens, position, end))
        position = end
    return " … ".join(kept)


def _qualifies(context: Context, run: list[str]) -> bool:
    """Does this run of words change the answer? Where the question has a detail question, any word
    of its own is a detail ("yes, SpeakUp"); elsewhere it takes a qualifier too ("with", "sauf")."""
    ordinary = _ordinary_words(context.interview)
    own = any(word not in ordinary and not word.isdecimal() for word in run)
    if context.question.detail is not None and context.question.kind is not Kind.MULTI:
        return own
    return own and bool(context.words.qualifiers.find(run))


@cache
def _ordinary_words(interview: Interview) -> frozenset[str]:
    words = vocabulary(interview.source)
    return (
        choosing.STOP_WORDS
        | words.fillers.singles
        | words.qualifiers.singles
        | words.negations.singles
        | _polar(interview).yes.singles
        | _polar(interview).no.singles
    )


def _is_unsure(context: Context, text: str) -> bool:
    return bool(context.words.unsure.find([t.word for t in split(text)]))


# --- yes/no, numbers, dates, e-mail ----------------------------------------------------------------


@dataclass(frozen=True)
class _Polar:
    yes: Phrases
    no: Phrases
    none: Phrases


@cache
def _polar(interview: Interview) -> _Polar:
    none = phrases(interview.words.get("none", ()))
    # "none" answers a yes/no question too: "incentives? none".
    return _Polar(
        phrases(interview.words.get("yes", ())), phrases(interview.words.get("no", ())) | none, none
    )


def _read_yesno(context: Context, text: str) -> Reading:
    polar = _polar(context.interview)
    tokens = split(text)
    words = [token.word for token in tokens]
    if context.words.unsure.find(words):
        raise AnswerError(context.language.message("unsure") + " " + context.language.message("yes_or_no"))
    if words in (["1"], ["2"]):
        return Reading(words == ["1"])
    yes, no = polar.yes.length_at(words, 0), polar.no.length_at(words, 0)
    if yes or no:
        size = max(yes, no)
        value = yes >= no if yes != no else None
        if value is not None:
            return Reading(value, extra=_extra(context, text, tokens, [(0, size)]))
    said_yes, said_no = polar.yes.find(words), polar.no.find(words)
    if said_yes and not said_no:
        return Reading(True, extra=_extra(context, text, tokens, said_yes))
    if said_no and not said_yes:
        return Reading(False, extra=_extra(context, text, tokens, said_no))
    raise AnswerError(context.language.message("yes_or_no") + " " + context.language.message("yes_no_hint"))


def _read_number(context: Context, text: str) -> Reading:
    from dialogue.words.numbers import NotANumber, read_whole_number

    question, language = context.question, context.language
    months = question.id in context.words.months
    example = question.validation.min if question.validation.min is not None else 1
    hint = language.message("months_hint" if months else "number_hint")
    try:
        value = read_whole_number(text, language.code, context.words, months=months)
    except NotANumber as problem:
        maximum = question.validation.max
        if problem.too_large and maximum is not None:
            raise AnswerError(language.message("too_large", max=maximum)) from None
        raise AnswerError(language.message("need_number", example=max(example, 12)) + " " + hint) from None
    # "une trentaine", "ongeveer 350": taken as said, and told, so that an exact number can replace it.
    approximate = not months and context.words.approximations.find(words_of(text))
    return Reading(value, said=language.message("approximate_number", number=value) if approximate else "")


def _read_email(context: Context, text: str) -> Reading:
    match = _EMAIL_IN.search(text)
    if match:
        text = match.group(1) or match.group(2)
    return Reading(text.strip().strip(".,;"))


_READERS = {
    Kind.SINGLE: _read_single,
    Kind.MULTI: _read_multi,
    Kind.YESNO: _read_yesno,
    Kind.NUMBER: _read_number,
    Kind.DATE: read_date,
    Kind.EMAIL: _read_email,
}


def separate(text: str) -> list[str]:
    """The parts of a list typed in words: commas, "and", "en", "et", "und"..."""
    return [part.strip() for part in _SEPARATORS.split(text) if part and part.strip()]
