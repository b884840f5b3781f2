"""One pass over a policy: its sentences, their language, and every hit of every matcher.

Each sentence is analysed once, and only the matchers that one of its terms can start are tried on it,
so the time grows with the text, not with the text times the rules. A matcher with `span: 2` is also
tried on a sentence joined to the one before it (in the same paragraph): "You get a bonus for each
share. Do not mention that you work for us."
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from clauses.review import sentences
from clauses.review.collection import without_cycle_collection
from clauses.review.matching import Window, analyse, hit, joined
from clauses.review.model import Location, Passage
from clauses.review.reader import Block, Text
from clauses.review.rules import LanguageWords, Rules
from clauses.review.words import words_of

QUOTE_LIMIT = 320
MAX_HITS = 12  # per meaning: enough to quote and act on, never a wall of text
SHARE_COUNTED = 0.15  # a second language counts when it holds this share of the words (bilingual policy)


@dataclass(slots=True)
class Sentence:
    text: str
    block: Block
    offset: int  # where it starts in the block's text
    language: str
    index: int
    window: Window | None  # analysed words, released once the sentence and the next were matched
    lead: int  # characters of the list's lead sentence put before it in the window

    @property
    def line(self) -> int | None:
        return self.block.line_at(self.offset)


@dataclass(frozen=True, slots=True)
class Hit:
    sentence: Sentence
    start: int  # characters in the sentence's window
    end: int
    value: str | None = None
    following: Sentence | None = None  # the next sentence, when the hit reaches into it


@dataclass(slots=True)
class Scan:
    language: str | None
    shares: dict[str, float]
    words: int
    sentences: list[Sentence] = field(default_factory=list)
    hits: dict[tuple[str, ...], list[Hit]] = field(default_factory=dict)
    _recorded: set[tuple[tuple[str, ...], int]] = field(default_factory=set)

    @property
    def present_languages(self) -> set[str]:
        found = {code for code, share in self.shares.items() if share >= SHARE_COUNTED}
        return found | ({self.language} if self.language else set())

    def first(self, key: tuple[str, ...]) -> Hit | None:
        found = self.hits.get(key)
        return found[0] if found else None

    def record(self, key: tuple[str, ...], found: Hit) -> None:
        hits = self.hits.setdefault(key, [])
        if len(hits) < MAX_HITS and (key, found.sentence.index) not in self._recorded:
            self._recorded.add((key, found.sentence.index))
            hits.append(found)


def quote(found: Hit) -> Passage:
    """The sentence of a hit (and the next, when the hit reaches into it), cut around the hit if long."""
    sentence = found.sentence
    text = sentence.text + (" " + found.following.text if found.following else "")
    start, end = max(0, found.start - sentence.lead), max(0, found.end - sentence.lead)
    if len(text) > QUOTE_LIMIT:
        middle = (start + end) // 2
        begin = max(0, min(middle - QUOTE_LIMIT // 2, len(text) - QUOTE_LIMIT))
        piece = text[begin : begin + QUOTE_LIMIT].strip()
        text = ("…" if begin else "") + piece + ("…" if begin + QUOTE_LIMIT < len(text) else "")
    block = sentence.block
    return Passage(text, Location(block.heading, block.paragraph, sentence.line, block.index, block.source))


def language_scores(words: Sequence[str], languages: dict[str, LanguageWords]) -> dict[str, int]:
    return {code: sum(map(lang.detect.__contains__, words)) for code, lang in languages.items()}


def detect(words: Sequence[str], languages: dict[str, LanguageWords], minimum: int = 2) -> str | None:
    """The language most of these words belong to, or None if too few are known words."""
    scores = language_scores(words, languages)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0] != "en", item[0]))
    if ranked and minimum <= 2 and ranked[0][1] >= 1 and (len(ranked) == 1 or ranked[1][1] == 0):
        return ranked[0][0]  # a short text: one known word of one language only is enough
    if not ranked or ranked[0][1] < minimum:
        return None
    if len(ranked) > 1 and ranked[0][1] < 1.3 * ranked[1][1]:
        return None
    return ranked[0][0]


def scan(text: Text, rules: Rules) -> Scan:
    languages = dict(rules.languages)
    block_words = [words_of(block.text) for block in text.blocks]
    every = [word for words in block_words for word in words]
    found = _Scanner(languages, detect(every, languages), len(every))
    # 1 MB of text took 6 s instead of 2 with the cyclic collector on (its review pauses it too).
    with without_cycle_collection():
        for block, words in zip(text.blocks, block_words, strict=True):
            found.block(block, words)
    return found.result()


class _Scanner:
    def __init__(self, languages: dict[str, LanguageWords], language: str | None, words: int) -> None:
        self.languages = languages
        self.default = language or "en"
        self.counts: dict[str, int] = {}
        self.result_scan = Scan(language, {}, words)
        self.skipping = False
        self.previous: Sentence | None = None

    def block(self, block: Block, words: list[str]) -> None:
        found = detect(words, self.languages, minimum=3) if len(words) >= 6 else None
        language = found or self.default
        if found or self.result_scan.language:  # words of no known language are not counted as English
            self.counts[language] = self.counts.get(language, 0) + len(words)
        if block.is_heading:
            # A references annex cites statutes; what it says about them is not a rule of the policy.
            window = analyse(block.text, self.languages[language].grammar)
            self.skipping = any(hit(m, window) for m in self.languages[language].heading_matchers)
            self.previous = None
            return
        if self.skipping or block.is_label:
            return
        lead = block.lead.removesuffix(":") + " " if block.lead else ""
        for offset, piece in sentences.split(block.text):
            window = analyse(lead + piece, self.languages[language].grammar)
            sentence = Sentence(
                piece, block, offset, language, len(self.result_scan.sentences), window, len(lead)
            )
            self.result_scan.sentences.append(sentence)
            self._match(sentence)

    def _match(self, sentence: Sentence) -> None:
        words = self.languages[sentence.language]
        window = sentence.window
        if window is None:  # matched right after it is analysed: never so
            return
        present = set(window.occurrences)
        for index in _candidates(words, window):
            matcher = words.matchers[index]
            if not matcher.possible(present):
                continue
            span = hit(matcher, window)
            if span is not None:
                start, end = window.chars(span)
                value = next((window.value(i) for i in matcher.items if i.regex is not None), None)
                self.result_scan.record(matcher.key, Hit(sentence, start, end, value))
        previous, self.previous = self.previous, sentence
        # An obligation spread over two sentences is in one paragraph: two items of a list or of a
        # glossary say two things.
        if previous is not None and previous.block is sentence.block:
            self._match_pair(previous, sentence, words)
        if previous is not None:
            # Done with it: a window holds every word of its sentence, and 1 MB of text has many.
            previous.window = None

    def _match_pair(self, first: Sentence, second: Sentence, words: LanguageWords) -> None:
        if first.window is None or second.window is None:
            return
        pair: Window | None = None
        present = set(first.window.occurrences).union(second.window.occurrences)
        for index in _candidates(words, first.window, second.window):
            matcher = words.matchers[index]
            # Only a matcher whose every item has a term in one of the two sentences can hit the pair.
            if matcher.span != 2 or not matcher.possible(present):
                continue
            pair = pair or joined(first.window, second.window)
            span = hit(matcher, pair)
            if span is None:
                continue
            start, end = pair.chars(span)
            if end <= len(first.window.text) or start > len(first.window.text):
                continue  # within one of the sentences: found there already
            self.result_scan.record(matcher.key, Hit(first, start, end, None, second))

    def result(self) -> Scan:
        total = sum(self.counts.values()) or 1
        self.result_scan.shares = {
            code: round(count / total, 3) for code, count in sorted(self.counts.items()) if count
        }
        return self.result_scan


def _candidates(words: LanguageWords, *windows: Window) -> list[int]:
    found = set(words.always)
    for window in windows:
        for term in window.occurrences:
            found.update(words.by_term.get(term, ()))
    return sorted(found)
