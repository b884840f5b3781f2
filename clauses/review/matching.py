"""Matching the rules against a window of text: a sentence, or a sentence and the next.

A matcher (see rules.py for how it is written) needs each of its items somewhere in the window, none of
its `none` items, and optionally all of them within `near` words. An item is a set of terms (a concept's
synonyms) and a polarity: `+` means the word must not be under a negation ("we will never ask for your
passwords" does not ask), `-` means it must be ("you may not criticise"). A negation reaches a few
words before and after it in the same clause: a contrast word ("but", "maar", "mais", "aber") or a
semicolon, colon or bracket ends its reach.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from clauses.review.words import GAP, Vocabulary, Words, boundaries, tokens

ROOTS_LIMIT = 50_000  # distinct sets of atoms remembered per language


@dataclass(frozen=True, slots=True)
class Item:
    terms: frozenset[int] = frozenset()  # ids of the language's terms
    polarity: bool | None = None  # True: affirmed; False: negated; None: either
    regex: re.Pattern[str] | None = None  # instead of terms: a pattern searched in the window's text
    others: tuple[Item, ...] = ()  # alternatives of another polarity ("+prohibited" or "-allowed")
    clue: str = ""  # a character the pattern cannot match without ("@" of an e-mail address)
    # Instead of terms: these items in this order, at most `gap` words between each ("alle ... berichten":
    # a quantifier speaks of the noun right after it, not of one further on).
    sequence: tuple[Item, ...] = ()
    gap: int = 0

    @property
    def all_terms(self) -> frozenset[int]:
        if self.sequence:
            return self.sequence[0].all_terms
        return self.terms.union(*(other.terms for other in self.others))

    @property
    def needs(self) -> tuple[frozenset[int], ...]:
        """For each part found by words, the terms that can find it (a sequence: each of its items)."""
        if self.sequence:
            return tuple(need for item in self.sequence for need in item.needs)
        return () if self.regex is not None else (self.all_terms,)


@dataclass(frozen=True, slots=True)
class Matcher:
    items: tuple[Item, ...]
    none: tuple[Item, ...] = ()
    near: int | None = None
    span: int = 1  # 2: the items may be spread over a sentence and the next
    key: tuple[str, ...] = ()  # what a hit means: ("risk", id), ("topic", element), ...
    # For each item found by words, every term that can find it: a window lacking all the terms of one
    # item cannot hit, which is known without looking at where the words are (scan.py tries that first).
    needs: tuple[frozenset[int], ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        needs = tuple(need for item in self.items for need in item.needs)
        object.__setattr__(self, "needs", needs)

    def possible(self, present: set[int]) -> bool:
        return all(not terms.isdisjoint(present) for terms in self.needs)


@dataclass(frozen=True, slots=True)
class Grammar:
    """What one language needs to analyse a window: its terms, negations and contrast words."""

    vocabulary: Vocabulary
    terms: tuple[tuple[int, ...], ...]  # each term: its atoms in a row
    trie: dict[int, Node]
    negations: frozenset[int]
    contrasts: frozenset[int]
    scopes: frozenset[int]  # negations that reach the end of their clause ("will never ask, require or read")
    before: int  # words before a word in which a negation governs it
    after: int  # ... and after it
    restrictives: frozenset[int] = (
        frozenset()
    )  # "que" after "ne" restricts, not negates ("ne ... que" = only)
    # Terms with a gap ("haben ... zu"), by their first part: (the term, its parts' term ids).
    gapped: dict[int, tuple[tuple[int, tuple[int, ...]], ...]] = field(default_factory=dict)
    # Words that open a new clause after a comma ("solange", "as long as", "tant que"): no negation
    # reaches across ("kritisch kommentieren, solange Sie keine ... preisgeben" negates no criticism).
    clause_starts: frozenset[int] = frozenset()
    gap: int = GAP  # words the "..." of a term spans ("haben ... zu"): German clauses hold more between
    # The trie's nodes a word's atoms start, by the word's atoms (few distinct sets; each worked out once).
    roots: dict[frozenset[int], list[Node]] = field(default_factory=dict, compare=False)


@dataclass(slots=True)
class Window:
    """One sentence (or two), analysed once: its words and where each term occurs."""

    text: str
    words: Words
    occurrences: dict[int, list[tuple[int, int]]]
    grammar: Grammar
    gaps: frozenset[tuple[int, int]] = frozenset()  # spans of terms with a gap ("kijken ... in")
    joint: int | None = None  # two sentences: the first word of the second (a clause never spans it)
    # The clauses and negations, worked out the first time a word's polarity is asked (most sentences
    # have no matcher that could hit them, and are never asked).
    segments: list[int] = field(default_factory=list)  # words with the same number are in one clause
    negations: list[tuple[int, int]] = field(default_factory=list)
    scoped: list[tuple[int, int]] = field(default_factory=list)
    _clauses: bool = False
    _negated: dict[tuple[int, int], bool] = field(default_factory=dict)
    _found: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    def present(self) -> Iterator[int]:
        return iter(self.occurrences)

    def negated(self, start: int, end: int) -> bool:
        key = (start, end)
        found = self._negated.get(key)
        if found is None:
            found = self._negated[key] = self._is_negated(start, end)
        return found

    def _know_clauses(self) -> None:
        grammar, occurrences = self.grammar, self.occurrences
        marks = boundaries(self.text, self.words.starts)
        contrast_at = sorted(span[0] for term in grammar.contrasts for span in occurrences.get(term, ()))
        if grammar.clause_starts:
            contrast_at = sorted(contrast_at + self._clause_starts())
        segments = [marks[i] * 1_000 + bisect.bisect_right(contrast_at, i) for i in range(len(self.words))]
        if self.joint is not None:  # a sentence's end is a clause's end: no negation reaches across
            segments[self.joint :] = [segment + 10**9 for segment in segments[self.joint :]]
        self.segments = segments
        self.negations = _negations(occurrences, segments, grammar)
        self.scoped = sorted(span for term in grammar.scopes for span in occurrences.get(term, ()))
        self._clauses = True

    def _clause_starts(self) -> list[int]:
        """The words that open a clause right after a comma."""
        words, text = self.words, self.text
        return [
            first
            for term in self.grammar.clause_starts
            for first, _ in self.occurrences.get(term, ())
            if first > 0 and "," in text[words.ends[first - 1] : words.starts[first]]
        ]

    def _is_negated(self, start: int, end: int) -> bool:
        if not self._clauses:
            self._know_clauses()
        segment = self.segments[start]
        if any(last < start and self.segments[first] == segment for first, last in self.scoped):
            return True
        gapped = (start, end) in self.gaps
        for first, last in self.negations:
            if first <= end and last >= start:
                if gapped and start < first and last < end:
                    return True  # in the gap of a term: "daar kijken wij niet in"
                continue  # the negation is part of the term ("not allowed")
            if self.segments[first] != segment:
                continue
            if last < start and start - last <= self.grammar.before:
                return True
            if first > end and first - end <= self.grammar.after:
                return True
        return False

    def find(self, item: Item) -> list[tuple[int, int]]:
        """Where the item occurs with its polarity, as word spans (first, last); once per item."""
        key = id(item)  # items live as long as the rules: their id is stable while the window lives
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._find(item)
        return found

    def _find(self, item: Item) -> list[tuple[int, int]]:
        if item.sequence:
            found = self.find(item.sequence[0])
            for following in item.sequence[1:]:
                after = self.find(following)
                # The next item starts after the previous one, or in its last word: a compound holds both
                # ("privésmartphone": personal, then device).
                found = [(a, d) for a, b in found for c, d in after if b <= c <= b + item.gap + 1]
            return found
        if item.regex is not None:
            if item.clue and item.clue not in self.text:
                return []
            return [self._span(match.start(), match.end()) for match in item.regex.finditer(self.text)]
        found: list[tuple[int, int]] = []
        occurrences = self.occurrences
        # A concept has dozens of terms and a sentence a few: look up only the terms the sentence has.
        for term in (
            item.terms.intersection(occurrences) if len(item.terms) > len(occurrences) else item.terms
        ):
            for span in occurrences.get(term, ()):
                if item.polarity is None or item.polarity != self.negated(*span):
                    found.append(span)
        for other in item.others:
            found.extend(self._find(other))
        return found

    def value(self, item: Item) -> str | None:
        """The text a pattern's group `value` captures, if the item is such a pattern."""
        if item.regex is None or "value" not in item.regex.groupindex:
            return None
        match = item.regex.search(self.text)
        return match.group("value") if match else None

    def _span(self, start: int, end: int) -> tuple[int, int]:
        starts = self.words.starts
        first = max(0, bisect.bisect_right(starts, start) - 1)
        last = max(first, bisect.bisect_left(starts, end) - 1)
        return first, last

    def chars(self, span: tuple[int, int]) -> tuple[int, int]:
        if not len(self.words):
            return 0, len(self.text)
        return self.words.starts[span[0]], self.words.ends[min(span[1], len(self.words) - 1)]


def analyse(text: str, grammar: Grammar) -> Window:
    """Every term's occurrences, found by walking the terms' trie from each word: most paths end at the
    first word, so the time per word stays small however many terms the language has."""
    words = tokens(text, grammar.vocabulary)
    atoms = words.atoms
    occurrences: dict[int, list[tuple[int, int]]] = {}
    trie, roots = grammar.trie, grammar.roots
    count = len(atoms)
    for index, first in enumerate(atoms):
        if not first:  # many words are in no term
            continue
        level = roots.get(first)
        if level is None:
            if len(roots) > ROOTS_LIMIT:
                roots.clear()
            level = roots[first] = [trie[atom] for atom in first if atom in trie]
        position = index
        while level:
            following: list[Node] = []
            for ends, children in level:
                for term in ends:
                    occurrences.setdefault(term, []).append((index, position))
                if children and position + 1 < count:
                    following.extend(children[atom] for atom in atoms[position + 1] if atom in children)
            level = following
            position += 1
    gaps = frozenset()
    if grammar.gapped and not grammar.gapped.keys().isdisjoint(occurrences):
        gaps = _gapped(occurrences, grammar.gapped, grammar.gap, _clause_marks(text, words.starts))
    if words.modifiers is not None:
        _modifiers(words.modifiers, trie, occurrences)
    return Window(text, words, occurrences, grammar, gaps)


def _modifiers(
    modifiers: list[frozenset[int]], trie: dict[int, Node], occurrences: dict[int, list[tuple[int, int]]]
) -> None:
    """A compound's modifiers find the terms of one word only, and after the terms with a gap: they
    speak of their own head, never of the words around ("privésmartphone nakijken waarmee de mail" is
    no private mail)."""
    for index, atoms in enumerate(modifiers):
        for atom in atoms:
            node = trie.get(atom)
            if node is not None:
                for term in node[0]:
                    spans = occurrences.setdefault(term, [])
                    if (index, index) not in spans:
                        spans.append((index, index))


def _gapped(
    occurrences: dict[int, list[tuple[int, int]]],
    gapped: dict[int, tuple[tuple[int, tuple[int, ...]], ...]],
    gap: int,
    clause: list[int],
) -> frozenset[tuple[int, int]]:
    """Where each term with a gap occurs: its parts in order, at most `gap` words apart, in one clause
    (`clause`: each word's clause number): "private Smartphone überprüfen, mit dem auf die E-Mails" is
    no private e-mail."""
    spans: set[tuple[int, int]] = set()
    for first in gapped.keys() & occurrences.keys():
        for term, parts in gapped[first]:
            if not all(part in occurrences for part in parts):
                continue
            for start, end in occurrences[first]:
                for part in parts[1:]:
                    end = next(
                        (
                            b
                            for a, b in occurrences[part]
                            if end < a <= end + gap + 1 and clause[a] == clause[start]
                        ),
                        -1,
                    )
                    if end < 0:
                        break
                else:
                    occurrences.setdefault(term, []).append((start, end))
                    spans.add((start, end))
    return frozenset(spans)


_CLAUSE_MARK = re.compile(r"[,;:()\[\]]")


def _clause_marks(text: str, starts: list[int]) -> list[int]:
    """Each word's clause number: the commas, semicolons, colons and brackets before it."""
    marks = [match.start() for match in _CLAUSE_MARK.finditer(text)]
    return [bisect.bisect_left(marks, start) for start in starts]


# A node of the terms' trie: the terms that end here, and the next atoms.
Node = tuple[list[int], dict[int, "Node"]]


def build_trie(terms: tuple[tuple[int, ...], ...]) -> dict[int, Node]:
    root: dict[int, Node] = {}
    for term_id, atoms in enumerate(terms):
        level = root
        node: Node | None = None
        for atom in atoms:
            node = level.setdefault(atom, ([], {}))
            level = node[1]
        if node is not None:
            node[0].append(term_id)
    return root


def _negations(
    occurrences: dict[int, list[tuple[int, int]]], segments: list[int], grammar: Grammar
) -> list[tuple[int, int]]:
    """The negations of a window; a negation followed in its clause by a restrictive word and by no other
    negation is a restriction ("ne ... que"), not a negation."""
    found = sorted(span for term in grammar.negations for span in occurrences.get(term, ()))
    if not grammar.restrictives:
        return found
    restrictive = sorted(span[0] for term in grammar.restrictives for span in occurrences.get(term, ()))
    kept = []
    for index, (first, last) in enumerate(found):
        following = [r for r in restrictive if r > last and segments[r] == segments[first]]
        other = [f for f, _ in found[index + 1 :] if segments[f] == segments[first]]
        if following and (not other or following[0] < other[0]):
            continue
        kept.append((first, last))
    return kept


def joined(first: Window, second: Window) -> Window:
    """Two sentences as one window (an obligation stated in one and completed in the next)."""
    shift = len(first.text) + 1
    one, two = first.words, second.words
    words = Words(
        one.starts + [start + shift for start in two.starts],
        one.ends + [end + shift for end in two.ends],
        one.norms + two.norms,
        one.atoms + two.atoms,
        None if one.modifiers is None or two.modifiers is None else one.modifiers + two.modifiers,
    )
    count = len(first.words)
    occurrences = {term: list(spans) for term, spans in first.occurrences.items()}
    for term, spans in second.occurrences.items():
        occurrences.setdefault(term, []).extend((a + count, b + count) for a, b in spans)
    gaps = first.gaps | {(a + count, b + count) for a, b in second.gaps}
    return Window(first.text + " " + second.text, words, occurrences, first.grammar, gaps, joint=count)


def hit(matcher: Matcher, window: Window) -> tuple[int, int] | None:
    """The word span the matcher covers in the window, or None."""
    spans: list[list[tuple[int, int]]] = []
    for item in matcher.items:
        found = window.find(item)
        if not found:
            return None
        spans.append(found)
    if any(window.find(item) for item in matcher.none):
        return None
    if matcher.near is None:
        chosen = [found[0] for found in spans]
        return min(s[0] for s in chosen), max(s[1] for s in chosen)
    return _near(spans, matcher.near)


def _near(spans: Sequence[list[tuple[int, int]]], near: int) -> tuple[int, int] | None:
    for anchor in spans[0]:
        chosen = [anchor]
        for others in spans[1:]:
            chosen.append(min(others, key=lambda span: abs(span[0] - anchor[0])))
        first = min(span[0] for span in chosen)
        last = max(span[1] for span in chosen)
        if max(span[0] for span in chosen) - min(span[0] for span in chosen) <= near:
            return first, last
    return None
