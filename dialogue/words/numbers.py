"""Numbers typed in words or figures, in English, Dutch, French and German: "zes maanden", "twaalf",
"vingt-cinq", "septante-cinq", "fünfzig", "about 1.250"; and, where months are asked, durations:
"a year", "half a year", "anderhalf jaar", "un an et demi".

Number words are read by text2num (a maintained parser for these four languages, Belgian French
"septante" and "nonante" included), in the user's language first and then the others, since people
answer in the language they think in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from dialogue.words.phrases import Phrases
from dialogue.words.phrases import words_of as _words
from dialogue.words.vocabulary import Vocabulary

LANGUAGES = ("en", "nl", "fr", "de")
_HALF_MARK = "\x01"
_NUMBER = re.compile(r"[-+]?\d[\d.,' \u00a0\u202f]*")
_GROUPED = re.compile(r"^\d{1,3}(?:([.,' \u00a0\u202f])\d{3})(?:\1\d{3})*$")
_DIGIT = re.compile(r"\d")
_COMMA_BETWEEN_WORDS = re.compile(r"(?<=[^\W\d]),(?=\s*[^\W\d])")
# More digits than any answer needs; Python refuses to convert over 4,300 digits (and it would be slow).
MAX_DIGITS = 18


class NotANumber(ValueError):
    """No single whole number could be read; `too_large` when it was one, but too long to be real."""

    def __init__(self, too_large: bool = False) -> None:
        super().__init__("not a number")
        self.too_large = too_large


@dataclass(frozen=True)
class _Patterns:
    phrases: tuple[tuple[re.Pattern[str], str], ...]
    half: re.Pattern[str] | None
    duration: re.Pattern[str] | None
    years: frozenset[str]


def read_whole_number(text: str, language: str, vocabulary: Vocabulary, *, months: bool = False) -> int:
    """The one whole number `text` says (for a question in months, a duration); NotANumber if none."""
    if months and vocabulary.other_units.find(_words(text)):
        raise NotANumber()  # "a few weeks": not a number of months
    words = _words(text)
    if vocabulary.vague_amounts.find(words) or vocabulary.number_bounds.find(words):
        # "ein paar", "mehrere hundert", "just under fifty": the number in them is not the answer
        raise NotANumber()
    # Accents stay until the number words are read: text2num knows "fünfzig" and "tweeëntwintig".
    lower = unicodedata.normalize("NFC", text).lower()
    lower = _COMMA_BETWEEN_WORDS.sub(" ", lower)  # "one thousand, one hundred"
    patterns = _patterns(vocabulary)
    lower = _with_phrases(lower, patterns, months=months)
    plain = _plain(_digits(lower, language))
    if months and patterns.duration is not None:
        durations = list(patterns.duration.finditer(plain))
        if len(durations) == 1:
            return _months(durations[0], patterns)
    return _figures(plain)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _with_phrases(plain: str, patterns: _Patterns, *, months: bool) -> str:
    """Phrases that say a number ("een veertigtal", "anderhalf") as figures; halves only for months."""
    if months and patterns.half is not None:
        plain = patterns.half.sub(f" {_HALF_MARK} ", plain)
    for pattern, value in patterns.phrases:
        if months or "." not in value:
            plain = pattern.sub(f" {value} ", plain)
    return plain


def _digits(plain: str, language: str) -> str:
    """Number words as figures, trying `language` first; small numbers alone only if nothing else."""
    from text_to_num import alpha2digit

    order = (language, *(code for code in LANGUAGES if code != language))
    for threshold in (3, 0):
        for code in order if language in LANGUAGES else LANGUAGES:
            converted = alpha2digit(plain, code, threshold=threshold)
            if _DIGIT.search(converted) and converted != plain:
                return converted
    return plain


def _months(match: re.Match[str], patterns: _Patterns) -> int:
    number = match.group("number")
    value = float(number.replace(",", ".")) if number else 1.0
    if match.group("half_before") or match.group("half_after"):
        value += 0.5
    if match.group("unit") in patterns.years:
        value *= 12
    if value != int(value) or value > 10**MAX_DIGITS:
        raise NotANumber()
    return int(value)


def _figures(plain: str) -> int:
    found = [match.group().strip(" .,'\u00a0\u202f") for match in _NUMBER.finditer(plain)]
    found = [number for number in found if number]
    if len(found) != 1:
        raise NotANumber()
    number = found[0]
    sign = -1 if number[0] == "-" else 1
    digits = number.lstrip("+-")
    grouped = _GROUPED.match(digits)  # Belgian and English thousands: 1.250, 1 250, 1,250
    if digits.isdecimal() or grouped:
        plain = re.sub(r"\D", "", digits)
        if len(plain) > MAX_DIGITS:
            raise NotANumber(too_large=sign > 0)
        return sign * int(plain)
    raise NotANumber()


def prepare(vocabulary: Vocabulary) -> None:
    """Compile the number phrases and load text2num now, not at the first number someone types."""
    import text_to_num  # noqa: F401  (3 ms to import)

    _patterns(vocabulary)


@cache
def _patterns(vocabulary: Vocabulary) -> _Patterns:
    def alternatives(words: Phrases) -> str:
        texts = sorted((" ".join(entry) for entry in words.entries), key=len, reverse=True)
        return "|".join(r"\s+".join(map(re.escape, text.split())) for text in texts)

    phrases = tuple(
        (re.compile(rf"\b(?:{alternatives(words)})\b"), value)
        for value, words in vocabulary.number_phrases.items()
        if words.entries
    )
    half = alternatives(vocabulary.and_a_half)
    units = alternatives(vocabulary.years | vocabulary.month_units)
    duration = None
    if units:
        duration = re.compile(
            rf"(?:(?P<number>\d+(?:[.,]\d+)?)\s*(?P<half_before>{_HALF_MARK})?\s*)?"
            rf"\b(?P<unit>{units})\b(?:\s*(?P<half_after>{_HALF_MARK}))?"
        )
    return _Patterns(
        phrases=phrases,
        half=re.compile(rf"\b(?:{half})\b") if half else None,
        duration=duration,
        years=frozenset(" ".join(entry) for entry in vocabulary.years.entries),
    )
