"""Cutting blocks of text into sentences, in one pass.

A sentence ends at . ! or ? followed by a space and a capital, a digit or an opening quote, but not
after a common abbreviation (art., no., nr., e.g.) or a German or Dutch day number ("26. April").
Each step looks only at a bounded stretch of text, so the time is linear in the text whatever it holds.
"""

from __future__ import annotations

import re

_END = re.compile(r"[.!?][\"'”’»)]*\s+(?=[\"'“‘«(]?[A-Z0-9À-ÖØ-Þ])")
_ABBREVIATIONS = frozenset(
    [
        "art",
        "arts",
        "no",
        "nr",
        "nos",
        "eg",
        "ie",
        "cf",
        "vs",
        "etc",
        "bv",
        "nv",
        "sa",
        "srl",
        "bvba",
        "p",
        "pp",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "blz",
        "vb",
        "bijv",
        "enz",
        "resp",
        "zb",
        "ua",
        "bzw",
        "ca",
        "evtl",
        "inkl",
        "mme",
        "m",
        "c",
        "trav",
        "ibid",
        "op",
        "vol",
        "ch",
        "par",
        "al",
        "sec",
        "abs",
        "lit",
    ]
)
_LAST_WORD = re.compile(r"([^\W\d_]{1,12}(?:\.[^\W\d_]{1,4})*)\.?$")
_DAY = re.compile(r"(?<![\d.])\d{1,2}\.$")
_SPLIT = re.compile(r"(?<=[;,])\s+")
MAX_SENTENCE_WORDS = 120  # longer "sentences" (lists without full stops, run-on text) are cut up
MAX_WORD_CHARS = 64  # no word of a policy is longer: a longer run is cut into pieces of this size


def split(text: str) -> list[tuple[int, str]]:
    """The sentences of a block, each with its offset in the block's text."""
    pieces: list[tuple[int, str]] = []
    start = 0
    for match in _END.finditer(text):
        tail = text[max(start, match.start() - 16) : match.start() + 1]
        if _is_abbreviation(tail):
            continue
        pieces.extend(_pieces(text, start, match.start() + 1))
        start = match.end()
    pieces.extend(_pieces(text, start, len(text)))
    return pieces


def _is_abbreviation(tail: str) -> bool:
    if _DAY.search(tail):
        return True
    found = _LAST_WORD.search(tail[:-1]) if tail.endswith(".") else None
    if found is None:
        return False
    word = found.group(1).replace(".", "").lower()
    return len(word) == 1 or word in _ABBREVIATIONS


def _pieces(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The sentence text[start:end], stripped, cut where it is too long."""
    while start < end and text[start].isspace():
        start += 1
    sentence = text[start:end].rstrip()
    if not sentence:
        return []
    words = sentence.split()
    if len(words) <= MAX_SENTENCE_WORDS and all(len(word) <= MAX_WORD_CHARS for word in words):
        return [(start, sentence)]
    return [(start + offset, piece) for offset, piece in _cut(sentence)]


def _cut(sentence: str) -> list[tuple[int, str]]:
    """A long sentence in pieces of at most MAX_SENTENCE_WORDS words, cut after a ; or , when possible,
    each over-long word in pieces of its own."""
    pieces: list[tuple[int, str]] = []
    begin = count = 0
    last = 0
    for match in re.finditer(r"\S+", sentence):
        word = match.group()
        if len(word) > MAX_WORD_CHARS:
            if count:
                pieces.append((begin, sentence[begin:last]))
            pieces.extend(
                (match.start() + at, word[at : at + MAX_WORD_CHARS])
                for at in range(0, len(word), MAX_WORD_CHARS)
            )
            count = 0
            continue
        if count == 0:
            begin = match.start()
        count += 1
        last = match.end()
        if count >= MAX_SENTENCE_WORDS or (count >= MAX_SENTENCE_WORDS // 2 and word[-1] in ";,"):
            pieces.append((begin, sentence[begin:last]))
            count = 0
    if count:
        pieces.append((begin, sentence[begin:last]))
    return pieces
