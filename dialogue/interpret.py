"""Read an answer typed in the user's own words.

- choices: a number, the id, the label or an alias in any language, an abbreviation ("cs"), the start
  of a word ("mark"), the distinctive words of a label, or a close misspelling (rapidfuzz);
- yes/no: the usual words in English, Dutch, French and German;
- numbers and dates in common Belgian forms: 1.250, 1 250, 25/11/2026, 25.11.2026, 2026-11-25,
  25 november 2026, 1er mars 2027;
- anything ambiguous or unknown gets a message that lists the options, and the question stays.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from dialogue.errors import AnswerError
from dialogue.model import Interview, Kind, Language, Question
from dialogue.validation import clean_text, validate

_FUZZY_THRESHOLD = 80
_FUZZY_MARGIN = 6
_STOP_WORDS = frozenset(
    """a an and or of the to for in on with by de het een en of van voor la le les des du et ou pour au aux
    der die das und oder fur von""".split()  # noqa: SIM905 - a word list reads best as words
)
_SEPARATORS = re.compile(r"\s*(?:[,;/+&\n]|\band\b|\ben\b|\bet\b|\bund\b|\bplus\b)\s*")
_NUMBER = re.compile(r"[-+]?\d[\d.,' \u00a0\u202f]*")
_GROUPED = re.compile(r"^\d{1,3}(?:([.,' \u00a0\u202f])\d{3})(?:\1\d{3})*$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_EMAIL_IN = re.compile(r"<([^<>]+)>|mailto:(\S+)", re.IGNORECASE)
_DATE_LANGUAGES = ("en", "nl", "fr", "de")
# More digits than any answer needs; Python refuses to convert over 4,300 digits (and it would be slow).
_MAX_DIGITS = 18


@dataclass(frozen=True)
class Understood:
    value: Any


@dataclass(frozen=True)
class Unclear:
    message: str


Interpretation = Understood | Unclear


def clip(text: str, size: int = 60) -> str:
    """Typed text quoted back in a message: enough to recognise it, never a whole pasted page."""
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces: how typed words are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s-]|_", " ", plain).replace(" - ", " ").split())


def interpret(interview: Interview, question: Question, text: str, code: str = "en") -> Interpretation:
    """Turn free text into a valid answer to `question`, or explain in `code`'s language what is needed."""
    language = interview.language(code)
    raw = clean_text(text, multiline=question.kind is Kind.LONG_TEXT)
    try:
        if question.kind.is_text or not raw:
            value: Any = raw
        else:
            value = _READERS[question.kind](interview, question, raw, language)
        return Understood(validate(question, value, language))
    except AnswerError as error:
        return Unclear(str(error))


# --- choices -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    choice: str
    folded: str
    words: tuple[str, ...]
    initials: frozenset[str]


@cache
def _candidates(interview: Interview, question_id: str) -> tuple[_Candidate, ...]:
    question = interview[question_id]
    candidates: list[_Candidate] = []
    for choice in question.choices:
        names = {choice.replace("_", " ")}
        for language in interview.languages.values():
            texts = language.questions[question_id]
            names.add(texts.choices[choice])
            names.update(texts.aliases.get(choice, ()))
        for name in names:
            folded = fold(name)
            if not folded:
                continue
            words = tuple(folded.replace("-", " ").split())
            content = [w for w in words if w not in _STOP_WORDS] or list(words)
            initials = {"".join(w[0] for w in words), "".join(w[0] for w in content)}
            candidates.append(_Candidate(choice, folded, words, frozenset(i for i in initials if len(i) > 1)))
    return tuple(candidates)


def _either(labels: list[str], language: Language) -> str:
    """'"A" or "B"', with the language's own word for "or" and its quotation marks."""
    quoted = [language.message("quoted", text=label) for label in labels]
    return f" {language.message('or')} ".join(quoted)


def _options(question: Question, language: Language) -> str:
    labels = language.questions[question.id].choices
    return ", ".join(f"{number}. {labels[choice]}" for number, choice in enumerate(question.choices, 1))


def match_choice(interview: Interview, question: Question, text: str, language: Language) -> str:
    """The one choice `text` names; AnswerError listing the options when none or several fit."""
    folded = fold(text)
    labels = language.questions[question.id].choices
    if folded.isdecimal() and len(folded) <= _MAX_DIGITS:
        number = int(folded)
        if 1 <= number <= len(question.choices):
            return question.choices[number - 1]
    candidates = _candidates(interview, question.id)
    for rule in (_exact, _abbreviation, _prefix, _distinctive_words, _fuzzy):
        found = rule(folded, candidates)
        if len(found) == 1:
            return found.pop()
        if len(found) > 1:
            ordered = [labels[c] for c in question.choices if c in found]
            raise AnswerError(
                language.message("ambiguous", text=clip(text), matches=_either(ordered, language))
                + " "
                + language.message("choose_one", options=_options(question, language))
            )
    raise AnswerError(
        language.message("unknown_choice", text=clip(text))
        + " "
        + language.message("choose_one", options=_options(question, language))
    )


def _exact(text: str, candidates: tuple[_Candidate, ...]) -> set[str]:
    return {c.choice for c in candidates if c.folded == text}


def _abbreviation(text: str, candidates: tuple[_Candidate, ...]) -> set[str]:
    compact = text.replace(" ", "")
    return {c.choice for c in candidates if compact in c.initials} if len(compact) > 1 else set()


def _prefix(text: str, candidates: tuple[_Candidate, ...]) -> set[str]:
    if len(text) < 3:
        return set()
    return {
        c.choice for c in candidates if c.folded.startswith(text) or any(w.startswith(text) for w in c.words)
    }


def _distinctive_words(text: str, candidates: tuple[_Candidate, ...]) -> set[str]:
    typed = [w for w in text.replace("-", " ").split() if w not in _STOP_WORDS and len(w) > 2]
    if not typed:
        return set()
    return {c.choice for c in candidates if all(w in c.words for w in typed)}


def _fuzzy(text: str, candidates: tuple[_Candidate, ...]) -> set[str]:
    if len(text) < 3:
        return set()
    from rapidfuzz import fuzz  # only misspelt answers need it; it costs start-up time

    best: dict[str, float] = {}
    for candidate in candidates:
        score = max(
            fuzz.ratio(text, candidate.folded),
            max((fuzz.ratio(text, word) for word in candidate.words if len(word) > 3), default=0),
        )
        best[candidate.choice] = max(best.get(candidate.choice, 0), score)
    top = max(best.values(), default=0)
    if top < _FUZZY_THRESHOLD:
        return set()
    return {choice for choice, score in best.items() if score >= top - _FUZZY_MARGIN}


def _read_single(interview: Interview, question: Question, text: str, language: Language) -> str:
    return match_choice(interview, question, text, language)


def _read_multi(interview: Interview, question: Question, text: str, language: Language) -> list[str]:
    folded = fold(text)
    if folded in interview.words["none"] or folded in interview.words["no"]:
        return []
    if folded in interview.words["all"]:
        return list(question.choices)
    exact = _exact(folded, _candidates(interview, question.id))
    if len(exact) == 1:
        return [exact.pop()]
    parts = [part for part in _SEPARATORS.split(text.casefold()) if part.strip()]
    if len(parts) == 1 and re.fullmatch(r"[\d\s]+", parts[0]):
        parts = parts[0].split()
    chosen: list[str] = []
    for part in parts:
        if fold(part) in interview.words["none"]:
            raise AnswerError(language.message("none_alone"))
        try:
            chosen.append(match_choice(interview, question, part.strip(), language))
        except AnswerError:
            labels = language.questions[question.id].choices
            options = ", ".join(f"{n}. {labels[c]}" for n, c in enumerate(question.choices, 1))
            raise AnswerError(
                language.message("unknown_choice", text=clip(part.strip()))
                + " "
                + language.message("choose_many", options=options)
            ) from None
    return chosen


# --- yes/no, numbers, dates, e-mail ----------------------------------------------------------------


def _read_yesno(interview: Interview, question: Question, text: str, language: Language) -> bool:
    folded = fold(text)
    candidates = [folded, folded.split(" ")[0]]
    for candidate in candidates:
        if candidate in interview.words["yes"] or candidate == "1":
            return True
        if candidate in interview.words["no"] or candidate == "2":
            return False
    raise AnswerError(language.message("yes_or_no"))


def _read_number(interview: Interview, question: Question, text: str, language: Language) -> int:
    example = question.validation.min if question.validation.min is not None else 1
    found = [match.group().strip(" .,'\u00a0\u202f") for match in _NUMBER.finditer(text)]
    found = [number for number in found if number]
    if len(found) != 1:
        raise AnswerError(language.message("need_number", example=max(example, 12)))
    number = found[0]
    sign = -1 if number[0] == "-" else 1
    digits = number.lstrip("+-")
    grouped = _GROUPED.match(digits)  # Belgian and English thousands: 1.250, 1 250, 1,250
    if digits.isdecimal() or grouped:
        plain = re.sub(r"\D", "", digits)
        if len(plain) > _MAX_DIGITS:
            maximum = question.validation.max
            if sign > 0 and maximum is not None:
                raise AnswerError(language.message("too_large", max=maximum))
            raise AnswerError(language.message("need_number", example=max(example, 12)))
        return sign * int(plain)
    raise AnswerError(language.message("need_number", example=max(example, 12)))


@cache
def _month_names() -> dict[str, int]:
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for code in _DATE_LANGUAGES:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=code).items():
                names[fold(name).rstrip(".")] = number
    names.pop("", None)
    return names


def _read_date(interview: Interview, question: Question, text: str, language: Language) -> date:
    folded = fold(text)
    today = date.today()
    if folded in interview.words["today"]:
        return today
    if folded in interview.words["tomorrow"]:
        return today + timedelta(days=1)
    stripped = text.strip()
    parts: tuple[int, int, int] | None = None
    if match := _ISO_DATE.match(stripped):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif match := _NUMERIC_DATE.match(stripped):
        year = int(match[3])
        parts = (year + 2000 if year < 100 else year, int(match[2]), int(match[1]))
    else:
        parts = _read_worded_date(folded)
    if parts is None:
        raise AnswerError(language.message("need_date"))
    try:
        return date(*parts)
    except ValueError:
        raise AnswerError(language.message("bad_date", text=stripped)) from None


def _read_worded_date(folded: str) -> tuple[int, int, int] | None:
    """25 november 2026, 1er mars 2027, 3 feb. 2027, November 25, 2026."""
    months = _month_names()
    words = folded.replace(",", " ").split()
    words = [re.sub(r"^(\d{1,2})(?:st|nd|rd|th|er|e|ste|de)$", r"\1", word) for word in words]
    if len(words) != 3:
        return None
    for day, month, year in ((words[0], words[1], words[2]), (words[1], words[0], words[2])):
        if (
            day.isdecimal()
            and len(day) <= 2
            and year.isdecimal()
            and len(year) == 4
            and month.rstrip(".") in months
        ):
            return int(year), months[month.rstrip(".")], int(day)
    return None


def _read_email(interview: Interview, question: Question, text: str, language: Language) -> str:
    match = _EMAIL_IN.search(text)
    if match:
        text = match.group(1) or match.group(2)
    return text.strip().strip(".,;")


_READERS = {
    Kind.SINGLE: _read_single,
    Kind.MULTI: _read_multi,
    Kind.YESNO: _read_yesno,
    Kind.NUMBER: _read_number,
    Kind.DATE: _read_date,
    Kind.EMAIL: _read_email,
}
