"""Compounds of Dutch and German: one word made of words the rules know ("bedrijfsleiding",
"WhatsAppgesprekken", "Unternehmensleitung", "Überwachungssoftware").

A compound means what its parts mean: "bedrijfsleiding" is a kind of "leiding" (its head), and it is
about a "bedrijf" (its modifier). So a word that the rules do not know whole, but that splits into parts
the rules know, matches every term its parts match. What a part must be keeps this from reading words
into words:

- every part is a word of the rules' own terms (their written forms and stems): the rules are the
  lexicon, so "begeleiding" is not "leiding" ("bege" is no word of theirs) and "opleiding" is not either;
- every part has at least `part` letters ("vakbond" is not "bond" after "vak");
- a modifier may carry a linking ending (bedrijf-s-leiding, Unternehmen-s-leitung: up to LINK letters),
  the head an inflection (gesprek-ken, Nachricht-en: up to INFLECTION letters);
- a word the rules know whole is never split ("wachtwoordbeheerder" stays a password manager, not a
  password);
- at most three parts (a head that is itself a compound of two).

Each distinct word is split once (the vocabulary caches what it matches), and splitting looks up each
possible modifier once: the time is linear in the word's length.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

LINK = 2  # letters between a modifier and the next part ("s", "en", "es", "er")
INFLECTION = 3  # letters after a head's base form ("en", "ken", "s")
MAX_HEADS = 1  # a head may itself be split once more: three parts at most
MAX_TRIES = 6  # known modifiers tried per word and level: a word made of nested known prefixes stays cheap


@dataclass(slots=True)
class Compounds:
    """Splits words into parts the rules know; `part` is the fewest letters of a part."""

    part: int
    known: set[str] = field(default_factory=set)
    # The known words letter by letter ("" marks a word's end): a word's known prefixes are found by
    # walking it, and the walk stops at the first letter no known word continues with.
    _trie: dict[str, Any] = field(default_factory=dict)
    _built: bool = False

    def learn(self, *words: str) -> None:
        """A word of the rules' terms (its written form, its stem): it may be a part of a compound."""
        for word in words:
            if len(word) >= self.part and word.isalpha() and word not in self.known:
                self.known.add(word)
                self._built = False

    def _prefixes(self, word: str) -> Iterator[int]:
        """Where the known words that start the word end (at least `part` letters long)."""
        if not self._built:
            self._trie = {}
            for known in self.known:
                node = self._trie
                for letter in known:
                    node = node.setdefault(letter, {})
                node[""] = True
            self._built = True
        node = self._trie
        for index, letter in enumerate(word):
            node = node.get(letter)
            if node is None:
                return
            if "" in node and index + 1 >= self.part:
                yield index + 1

    def is_known(self, word: str, extra: int = INFLECTION) -> bool:
        """Whether the word is a known word, or a known word followed by up to `extra` letters."""
        known = self.known
        if word in known:
            return True
        return any(word[:-cut] in known for cut in range(1, extra + 1) if len(word) - cut >= self.part)

    def split(self, word: str) -> list[str]:
        """The parts of a compound the rules know, or [] (a known word, or not a compound of them)."""
        if len(word) < 2 * self.part or self.is_known(word):
            return []
        return self._split(word, MAX_HEADS)

    def _split(self, word: str, depth: int) -> list[str]:
        part = self.part
        tries = MAX_TRIES
        for end in self._prefixes(word):
            if end > len(word) - part:
                break
            tries -= 1
            if tries < 0:
                break
            for cut in range(end, min(end + LINK, len(word) - part) + 1):
                head = word[cut:]
                if self.is_known(head):
                    return [word[:end], head]
                if depth and len(head) >= 2 * part:
                    rest = self._split(head, depth - 1)
                    if rest:
                        return [word[:end], *rest]
        return []
