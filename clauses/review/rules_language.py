"""A language's words for the review (rules/<lang>.yaml), compiled into matchers (see rules/README.md)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import snowballstemmer

from clauses.review.clues import clue
from clauses.review.matching import Grammar, Item, Matcher, build_trie
from clauses.review.rules import Checks, LanguageWords
from clauses.review.rules_yaml import Reader, line, load
from clauses.review.words import GAP, GAP_MARK, STEMMERS, Vocabulary, fold, term_atoms

_KEYS = (
    "language",
    "name",
    "stemmer",
    "compounds",
    "detect",
    "negation",
    "negation_scope",
    "restrictive",
    "contrast",
    "clause_start",
    "negation_reach",
    "gap",
    "concepts",
    "skip_sections",
    "courtesy",
    "elements",
    "risks",
    "inferences",
)
_MATCHER_KEYS = ("all", "none", "near", "span", "negatable")
_CONCEPT = re.compile(r"@([a-z][a-z0-9_]*)\Z")
MAX_PATTERN = 300  # characters: a pattern is a short capture, never a program
MAX_CAPTURES = 8  # matchers of a capture, tried in their order (inference.py)
MAX_GAP = 15  # words a term's "..." may span: a clause, never a page


def read_language(path: Path, checks: Checks) -> LanguageWords:
    return _LanguageReader(path, checks).read()


class _LanguageReader(Reader):
    def __init__(self, path: Path, checks: Checks) -> None:
        super().__init__(path)
        self.checks = checks
        self.code = path.stem
        self.vocabulary = Vocabulary("english")
        self.terms: list[tuple[int, ...]] = []
        self.term_ids: dict[tuple[int, ...], int] = {}
        self.clause_starts: frozenset[int] = frozenset()
        self.gapped: dict[tuple[int, ...], int] = {}  # a term "haben ... zu": its parts' term ids -> its id
        self.concepts: dict[str, frozenset[int]] = {}
        self.matchers: list[Matcher] = []

    def _stemmer(self, top: dict[str, Any]) -> Vocabulary:
        """The Snowball stemmer: the file's `stemmer` (a language name such as spanish), else its code's."""
        name = top.get("stemmer") or STEMMERS.get(self.code, "")
        if name not in snowballstemmer.algorithms():
            self.fail(
                f"no Snowball stemmer {str(name or self.code)!r}: name one with 'stemmer' "
                "(for instance spanish, italian, swedish)",
                top,
            )
        return Vocabulary(str(name))

    def _compounds(self, top: dict[str, Any]) -> None:
        """`compounds: {part: 4}`: the language writes compounds as one word (compounds.py)."""
        if top.get("compounds") is None:
            return
        entry = self.mapping(top["compounds"], top, "'compounds'", ("part",))
        part = entry.get("part")
        if not isinstance(part, int) or isinstance(part, bool) or not 3 <= part <= 10:
            self.fail("'compounds' needs 'part': the fewest letters of a part, from 3 to 10", entry)
        self.vocabulary.split_compounds(part)

    # -- the file --
    def read(self) -> LanguageWords:
        top = self.mapping(load(self.path), None, "the file", _KEYS)
        self.vocabulary = self._stemmer(top)
        self._compounds(top)
        if top.get("language") != self.code:
            self.fail(f"'language' must be the code of the file name ({self.code!r})", top)
        name = top.get("name")
        detect = self.strings(top.get("detect"), top, "'detect'")
        if not isinstance(name, str) or not name.strip() or len(detect) < 5:
            self.fail("'name' (in English) and 'detect' (at least 5 common words) are needed", top)
        self._concepts(self.mapping(top.get("concepts") or {}, top, "'concepts'"))
        negations = self._union(top.get("negation"), top, "'negation'")
        contrasts = self._union(top.get("contrast") or [], top, "'contrast'")
        self.clause_starts = self._union(top.get("clause_start") or [], top, "'clause_start'")
        scopes = self._union(top.get("negation_scope") or [], top, "'negation_scope'")
        # "Nichteinhaltung" is no negation of the words around it: a compound's part never negates.
        self.vocabulary.not_parts = frozenset(
            self.terms[term][0]
            for term in negations | contrasts | scopes | self.clause_starts
            if len(self.terms[term]) == 1
        )
        self.restrictives = self._union(top.get("restrictive") or [], top, "'restrictive'")
        headings = self._matchers(top.get("skip_sections") or [], top, "'skip_sections'", ("skip",))
        self.matchers.clear()
        self._matchers(top.get("courtesy"), top, "'courtesy'", ("courtesy",))
        self._elements(self.mapping(top.get("elements"), top, "'elements'"))
        self._risks(self.mapping(top.get("risks"), top, "'risks'"))
        self._inferences(self.mapping(top.get("inferences"), top, "'inferences'"))
        # Every term is known only now: the grammar indexes them all.
        grammar = self._grammar(top, negations | scopes, contrasts, scopes)
        return self._compiled(str(name), detect, grammar, tuple(headings))

    def _compiled(
        self, name: str, detect: list[str], grammar: Grammar, headings: tuple[Matcher, ...]
    ) -> LanguageWords:
        by_term: dict[int, list[int]] = {}
        always: list[int] = []
        for index, matcher in enumerate(self.matchers):
            first = matcher.items[0]
            if first.regex is not None:
                always.append(index)
            for term in first.all_terms:
                by_term.setdefault(term, []).append(index)
        return LanguageWords(
            code=self.code,
            name=name,
            detect=frozenset(fold(word) for word in detect),
            grammar=grammar,
            matchers=tuple(self.matchers),
            heading_matchers=headings,
            by_term={term: tuple(found) for term, found in by_term.items()},
            always=tuple(always),
            path=self.path,
        )

    def _grammar(
        self,
        top: dict[str, Any],
        negations: frozenset[int],
        contrasts: frozenset[int],
        scopes: frozenset[int],
    ) -> Grammar:
        reach = self.mapping(top.get("negation_reach") or {}, top, "'negation_reach'", ("before", "after"))
        before, after = reach.get("before", 6), reach.get("after", 3)
        if not all(isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= 40 for n in (before, after)):
            self.fail(
                "'negation_reach' must give 'before' and 'after' as numbers of words from 0 to 40", reach
            )
        gap = top.get("gap", GAP)
        if not isinstance(gap, int) or isinstance(gap, bool) or not 1 <= gap <= MAX_GAP:
            self.fail(f"'gap' must be a number of words from 1 to {MAX_GAP}", top)
        terms = tuple(self.terms)
        gaps: dict[int, list[tuple[int, tuple[int, ...]]]] = {}
        for parts, term in self.gapped.items():
            gaps.setdefault(parts[0], []).append((term, parts))
        return Grammar(
            self.vocabulary,
            terms,
            build_trie(terms),
            negations,
            contrasts,
            scopes,
            before,
            after,
            self.restrictives,
            {first: tuple(found) for first, found in gaps.items()},
            self.clause_starts,
            gap,
        )

    # -- terms and concepts --
    def _term(self, written: str, where: Any) -> int:
        if GAP_MARK in written:
            # "haben ... zu", "dienen ... te", "let ... go": words in this order with a few between.
            parts = tuple(self._term(part, where) for part in written.split(GAP_MARK) if part.strip())
            if len(parts) < 2:
                self.fail(f"the term {written!r} needs words on both sides of '...'", written, line(where))
            if parts not in self.gapped:
                self.gapped[parts] = len(self.terms)
                self.terms.append(())  # found after the others (matching.py), never by the trie
            return self.gapped[parts]
        atoms = term_atoms(written, self.vocabulary)
        if not atoms:
            self.fail(f"the term {written!r} has no letters", written, line(where))
        if atoms not in self.term_ids:
            self.term_ids[atoms] = len(self.terms)
            self.terms.append(atoms)
        return self.term_ids[atoms]

    def _concepts(self, section: dict[str, Any]) -> None:
        pending = dict(section)
        while pending:
            progressed = False
            for name, value in list(pending.items()):
                written = self.strings(value, section, f"concepts.{name}")
                refs = [w[1:] for w in written if w.startswith("@")]
                if any(ref in pending for ref in refs):
                    continue
                self.concepts[name] = self._union(written, section, f"concepts.{name}")
                del pending[name]
                progressed = True
            if not progressed:
                first = next(iter(pending))
                self.fail(
                    f"concepts.{first}: names an unknown concept, or concepts name each other",
                    first,
                    line(section),
                )

    def _union(self, value: Any, where: Any, what: str) -> frozenset[int]:
        ids: set[int] = set()
        for written in self.strings(value, where, what):
            if written.startswith("@"):
                if written[1:] not in self.concepts:
                    self.fail(f"{what}: {written!r} is not a concept", written, line(where))
                ids |= self.concepts[written[1:]]
            else:
                ids.add(self._term(written, where))
        return frozenset(ids)

    # -- items and matchers --
    def _item(self, value: Any, where: Any, what: str) -> Item:
        if isinstance(value, dict):
            return self._sequence(value, where, what)
        if isinstance(value, list):
            parts = [self._item(part, where, what) for part in value]
            if not parts or any(p.regex is not None for p in parts):
                self.fail(f"{what}: a list of alternatives holds words, not patterns", value, line(where))
            by_polarity: dict[bool | None, set[int]] = {}
            for part in parts:
                by_polarity.setdefault(part.polarity, set()).update(part.all_terms)
            items = [Item(frozenset(terms), polarity) for polarity, terms in by_polarity.items()]
            return Item(items[0].terms, items[0].polarity, others=tuple(items[1:]))
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{what}: an item must be a word, @concept or /pattern/", value, line(where))
        text = str(value).strip()
        polarity = {"+": True, "-": False}.get(text[0])
        body = text[1:] if polarity is not None else text
        if len(body) > 2 and body.startswith("/") and body.endswith("/"):
            regex = self._regex(body[1:-1], value, where)
            return Item(regex=regex, polarity=polarity, clue=clue(regex.pattern))
        if body.startswith("@"):
            if not _CONCEPT.match(body) or body[1:] not in self.concepts:
                self.fail(f"{what}: {body!r} is not a concept", value, line(where))
            return Item(self.concepts[body[1:]], polarity)
        return Item(frozenset({self._term(body, value)}), polarity)

    def _sequence(self, value: dict[str, Any], where: Any, what: str) -> Item:
        """`{seq: [all, '@message'], gap: 2}`: these items in this order, at most `gap` words between."""
        entry = self.mapping(value, where, what, ("seq", "gap"))
        parts, gap = entry.get("seq"), entry.get("gap", 2)
        if not isinstance(parts, list) or len(parts) < 2 or any(isinstance(p, dict) for p in parts):
            self.fail(f"{what}: 'seq' must list two or more items (words, @concepts or lists)", entry)
        if not isinstance(gap, int) or isinstance(gap, bool) or not 0 <= gap <= GAP:
            self.fail(f"{what}: 'gap' must be a number of words from 0 to {GAP}", entry)
        items = tuple(self._item(part, entry, what) for part in parts)
        if any(item.regex is not None for item in items):
            self.fail(f"{what}: a sequence holds words, not patterns", entry)
        return Item(sequence=items, gap=gap)

    def _regex(self, pattern: str, value: Any, where: Any) -> re.Pattern[str]:
        if len(pattern) > MAX_PATTERN:
            self.fail(f"a pattern is at most {MAX_PATTERN} characters", value, line(where))
        try:
            return re.compile(pattern, re.IGNORECASE)
        except (re.error, RecursionError, OverflowError, ValueError) as error:
            self.fail(
                f"the pattern {pattern!r} is not a valid regular expression: {error}", value, line(where)
            )
            raise  # pragma: no cover

    def _matcher(self, value: Any, where: Any, what: str, key: tuple[str, ...], negatable: bool) -> Matcher:
        if not isinstance(value, dict):
            return self._with_polarity(Matcher((self._item(value, where, what),), key=key), negatable)
        entry = self.mapping(value, where, what, _MATCHER_KEYS)
        parts = entry.get("all")
        if not isinstance(parts, list) or not parts:
            self.fail(f"{what}: 'all' must be a non-empty list of items", entry)
        near, span = entry.get("near"), entry.get("span", 1)
        if near is not None and (not isinstance(near, int) or isinstance(near, bool) or near < 1):
            self.fail(f"{what}: 'near' must be a number of words, at least 1", entry)
        if span not in (1, 2):
            self.fail(f"{what}: 'span' must be 1 (one sentence) or 2 (a sentence and the next)", entry)
        flag = entry.get("negatable", negatable)
        if not isinstance(flag, bool):
            self.fail(f"{what}: 'negatable' must be true or false", entry)
        items = tuple(self._item(part, entry, what) for part in parts)
        none = tuple(self._item(part, entry, what) for part in self._list(entry.get("none"), entry, what))
        if items[0].regex is not None and key[0] != "infer":
            self.fail(
                f"{what}: the first item must be words (a pattern alone is tried on every sentence)", entry
            )
        return self._with_polarity(Matcher(items, none, near, span, key), flag)

    @staticmethod
    def _with_polarity(matcher: Matcher, negatable: bool) -> Matcher:
        """Where a negation cancels a match, the first item must be affirmed (unless it says otherwise)."""
        first = matcher.items[0]
        if first.sequence:  # the sequence's first words must be affirmed
            lead = first.sequence[0]
            if not negatable or lead.polarity is not None:
                return matcher
            lead = Item(lead.terms, True, others=lead.others)
            first = Item(sequence=(lead, *first.sequence[1:]), gap=first.gap)
            return Matcher((first, *matcher.items[1:]), matcher.none, matcher.near, matcher.span, matcher.key)
        if not negatable or first.polarity is not None or first.regex is not None:
            return matcher
        return Matcher(
            (Item(first.terms, True, others=first.others), *matcher.items[1:]),
            matcher.none,
            matcher.near,
            matcher.span,
            matcher.key,
        )

    def _list(self, value: Any, where: Any, what: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(f"{what}: 'none' must be a list of items", value, line(where))
        return value  # type: ignore[return-value]

    def _matchers(
        self, value: Any, where: Any, what: str, key: tuple[str, ...], negatable: bool = False
    ) -> list[Matcher]:
        if not isinstance(value, list) or not value:
            self.fail(f"{what} must be a non-empty list of matchers", value, line(where))
        found = [self._matcher(entry, value, what, key, negatable) for entry in value]
        self.matchers.extend(found)
        return found

    # -- what the checks need --
    def _elements(self, section: dict[str, Any]) -> None:
        for element in self.checks.worded:
            entry = section.get(element.id)
            if entry is None:
                self.fail(f"'elements' has no words for the element {element.id!r}", section)
            entry = self.mapping(entry, section, f"elements.{element.id}", ("topic", "none", "requires"))
            what = f"elements.{element.id}"
            self._matchers(entry.get("topic"), entry, f"{what}.topic", ("topic", element.id))
            if "none" in entry:
                self._matchers(entry["none"], entry, f"{what}.none", ("none", element.id))
            requires = self.mapping(
                entry.get("requires") or {}, entry, f"{what}.requires", [r.id for r in element.requires]
            )
            for requirement in element.requires:
                if requirement.id not in requires:
                    self.fail(f"{what}.requires has no words for {requirement.id!r}", requires, line(entry))
                self._matchers(
                    requires[requirement.id],
                    requires,
                    f"{what}.requires.{requirement.id}",
                    ("requires", element.id, requirement.id),
                )
        for key in section:
            if key not in {element.id for element in self.checks.worded}:
                self.fail(f"'elements': {key!r} is not an element in checks", key, line(section))

    def _risks(self, section: dict[str, Any]) -> None:
        known = {risk.id: risk for risk in self.checks.risks}
        for key, value in section.items():
            risk = known.get(key)
            if risk is None or risk.from_element:
                self.fail(f"'risks': {key!r} is not a risk found by words", key, line(section))
            self._matchers(value, section, f"risks.{key}", ("risk", str(key)), negatable=True)
        for risk in self.checks.risks:
            if not risk.from_element and risk.id not in section:
                self.fail(f"'risks' has no words for {risk.id!r}", section)

    def _inferences(self, section: dict[str, Any]) -> None:
        known = {inference.question: inference for inference in self.checks.inferences}
        for key, value in section.items():
            inference = known.get(key)
            if inference is None or inference.kind == "languages" or inference.from_element:
                self.fail(f"'inferences': {key!r} is not an inference that takes words", key, line(section))
            what = f"inferences.{key}"
            if inference.kind in ("choices", "choice", "yesno"):
                allowed = ("yes_when", "no_when") if inference.kind == "yesno" else inference.choices
                value = self.mapping(value, section, what, allowed)
                for choice, entries in value.items():
                    answer = str(choice).removesuffix("_when")
                    self._matchers(entries, value, f"{what}.{choice}", ("infer", str(key), answer))
            else:  # in priority order: the first matcher that finds a value anywhere wins
                if not isinstance(value, list) or not 1 <= len(value) <= MAX_CAPTURES:
                    self.fail(f"{what} must be a list of 1 to {MAX_CAPTURES} matchers", value, line(section))
                for position, entry in enumerate(value):
                    self._matchers([entry], value, what, ("infer", str(key), str(position)))
        for inference in self.checks.inferences:
            if (
                not inference.from_element
                and inference.kind != "languages"
                and inference.question not in section
            ):
                self.fail(f"'inferences' has no words for {inference.question!r}", section)
