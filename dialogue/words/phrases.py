"""Typed words as tokens, and phrases found among them: "yes, with their consent" is the phrase "yes",
then the words "with their consent".

Tokens are words without case or accents ("Natürlich" and "naturlich" alike), each with where it stands
in the typed text, so that what is left over can be quoted back exactly as it was typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Token:
    word: str  # folded
    start: int  # where it stands in the typed text
    end: int


def fold_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def split(text: str) -> list[Token]:
    """The words of `text`; punctuation and spaces only separate them ("d'accord" is two words)."""
    return [
        Token(fold_word(match.group()), match.start(), match.end())
        for match in _WORD.finditer(text)
        if fold_word(match.group()).strip("_")
    ]


def words_of(text: str) -> tuple[str, ...]:
    return tuple(token.word for token in split(text))


@dataclass(frozen=True)
class Phrases:
    """A set of phrases of one or more words, found in a list of tokens."""

    entries: frozenset[tuple[str, ...]] = frozenset()
    longest: int = 0

    @property
    def singles(self) -> frozenset[str]:
        return frozenset(entry[0] for entry in self.entries if len(entry) == 1)

    def length_at(self, words: tuple[str, ...] | list[str], position: int) -> int:
        """The number of words of the longest phrase that starts at `position`; 0 if none does."""
        for size in range(min(self.longest, len(words) - position), 0, -1):
            if tuple(words[position : position + size]) in self.entries:
                return size
        return 0

    def find(self, words: tuple[str, ...] | list[str]) -> list[tuple[int, int]]:
        """Where phrases stand, as (start, end) word positions, the longest first, never overlapping."""
        found: list[tuple[int, int]] = []
        position = 0
        while position < len(words):
            size = self.length_at(words, position)
            if size:
                found.append((position, position + size))
                position += size
            else:
                position += 1
        return found

    def covers(self, words: tuple[str, ...] | list[str]) -> bool:
        return bool(words) and tuple(words) in self.entries

    def __or__(self, other: Phrases) -> Phrases:
        return Phrases(self.entries | other.entries, max(self.longest, other.longest))


def phrases(texts: Iterable[str]) -> Phrases:
    entries = frozenset(words for words in (words_of(text) for text in texts) if words)
    return Phrases(entries, max((len(entry) for entry in entries), default=0))


def quote(text: str, tokens: list[Token], start: int, end: int) -> str:
    """The typed text of tokens[start:end], exactly as typed."""
    return text[tokens[start].start : tokens[end - 1].end]
