"""Reviewing the text of a policy against the rules: elements, risks, inferred answers, language."""

from __future__ import annotations

import bisect
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from clauses.review.model import (
    ClauseRef,
    ElementFinding,
    Inferred,
    Location,
    Passage,
    Report,
    RequirementFinding,
    RiskFinding,
)
from clauses.review.reader import Block, Text
from clauses.review.rules import ElementCheck, LanguageWords, Matcher, Rules

QUOTE_LIMIT = 320
MAX_PASSAGES = 12  # per risk: enough to act on, never a wall of text
NEGATION_BEFORE = 8  # words before a match in which a negation cancels it
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_TOKEN = re.compile(r"\S+")
# A sentence ends at . ! ? followed by a space and a capital, a digit or an opening quote; not after a
# common abbreviation (art., no., nr., e.g., cf.) or a single letter.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’»)]*\s+(?=[\"'“‘«(]?[A-Z0-9À-ÖØ-Þ])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:art|arts|no|nr|nos|e\.g|i\.e|cf|vs|etc|bv|nv|sa|srl|bvba|p|pp|mr|mrs|ms|dr|st|blz|vb|bijv|"
    r"enz|resp|z\.b|u\.a|bzw|ca|evtl|inkl|mme|m|c|trav|ibid|op|vol|ch|par|al|sec)\.|\b[A-Za-z]\.)$",
    re.IGNORECASE,
)


# A German or Dutch date ("26. April 2002", "1. Juni") is not the end of a sentence.
_DAY_NUMBER = re.compile(r"(?<![\d.])\d{1,2}\.$")

# --- sentences ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class Sentence:
    text: str
    block: Block
    language: str
    line: int | None = None
    _starts: list[int] | None = field(default=None, repr=False)

    def word_at(self, offset: int) -> int:
        """The number of the word (token) that contains or follows a character offset."""
        if self._starts is None:
            self._starts = [match.start() for match in _TOKEN.finditer(self.text)]
        return max(0, bisect.bisect_right(self._starts, offset) - 1)


MAX_SENTENCE_WORDS = 120  # longer "sentences" (lists without full stops, run-on text) are cut up
# No word of a policy is longer. A longer run (thousands of digits, a pasted blob) is cut into pieces of
# this size: a pattern such as a capitalised name tries every position of a run, which on one run of
# 20,000 characters took twenty seconds.
MAX_WORD_CHARS = 64


def split_sentences(text: str) -> list[str]:
    """Sentences, each at most MAX_SENTENCE_WORDS words (cut at a semicolon or comma when possible)
    of at most MAX_WORD_CHARS characters."""
    pieces: list[str] = []
    for whole in _sentences(text):
        for sentence in _chop_long_words(whole):
            if len(sentence.split()) <= MAX_SENTENCE_WORDS:
                pieces.append(sentence)
            else:
                pieces.extend(_cut(sentence))
    return pieces


def _chop_long_words(sentence: str) -> list[str]:
    """The sentence, with each over-long word cut out into pieces of its own (each a part of the text)."""
    words = sentence.split()
    if all(len(word) <= MAX_WORD_CHARS for word in words):
        return [sentence]
    pieces: list[str] = []
    current: list[str] = []
    for word in words:
        if len(word) <= MAX_WORD_CHARS:
            current.append(word)
            continue
        if current:
            pieces.append(" ".join(current))
            current = []
        pieces.extend(word[at : at + MAX_WORD_CHARS] for at in range(0, len(word), MAX_WORD_CHARS))
    if current:
        pieces.append(" ".join(current))
    return pieces


def _cut(sentence: str) -> list[str]:
    pieces: list[str] = []
    current: list[str] = []
    for part in re.split(r"(?<=[;,])\s+", sentence):
        words = part.split()
        while len(words) > MAX_SENTENCE_WORDS:
            if current:
                pieces.append(" ".join(current))
                current = []
            pieces.append(" ".join(words[:MAX_SENTENCE_WORDS]))
            words = words[MAX_SENTENCE_WORDS:]
        if current and len(current) + len(words) > MAX_SENTENCE_WORDS:
            pieces.append(" ".join(current))
            current = []
        current.extend(words)
    if current:
        pieces.append(" ".join(current))
    return pieces


def _sentences(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start : match.start()]
        if _ABBREVIATION.search(candidate.rstrip("\"'”’»)")) or _DAY_NUMBER.search(candidate):
            continue
        if candidate.strip():
            pieces.append(candidate.strip())
        start = match.end()
    if text[start:].strip():
        pieces.append(text[start:].strip())
    return pieces


def words_of(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


# --- language -----------------------------------------------------------------------------------------


def language_scores(words: Sequence[str], languages: dict[str, LanguageWords]) -> dict[str, int]:
    return {code: sum(1 for word in words if word in lang.detect) for code, lang in languages.items()}


def detect(words: Sequence[str], languages: dict[str, LanguageWords], minimum: int = 2) -> str | None:
    """The language most of these words belong to, or None if too few are known words."""
    scores = language_scores(words, languages)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0] != "en", item[0]))
    if not ranked or ranked[0][1] < minimum:
        return None
    if len(ranked) > 1 and ranked[0][1] < 1.3 * ranked[1][1]:
        return None
    return ranked[0][0]


# --- matching -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    sentence: Sentence
    start: int
    end: int
    value: str | None = None


def _negated(sentence: Sentence, start: int, end: int, words: LanguageWords) -> bool:
    """Whether a negation governs the key term (the first pattern's match).

    A negation counts just before it (a few words, within its clause) or just after it (up to a comma),
    in the sentence introducing a list it belongs to, or anywhere earlier in its clause for a negation
    whose scope runs on ("will never ask for X, require Y or read Z") when no contrast word intervenes.
    """
    negation = words.negation
    text = sentence.text
    clause = re.split(r"[;:]", text[:start])[-1]
    before_words = clause.split()[-NEGATION_BEFORE:]
    if before_words and negation.search(" ".join(before_words)):
        return True
    after = re.split(r"[,;:]", text[end:], maxsplit=1)[0]
    after_words = after.split()[: words.negation_after]
    if after_words and negation.search(" ".join(after_words)):
        return True
    if words.negation_scope is not None:
        found = None
        for last in words.negation_scope.finditer(clause):
            found = last
        if found is not None and not (words.contrast and words.contrast.search(clause[found.end() :])):
            return True
    lead = sentence.block.lead
    return bool(lead and negation.search(lead))


def match(matcher: Matcher, sentence: Sentence, words: LanguageWords | None = None) -> Hit | None:
    text = sentence.text
    first = matcher.patterns[0]
    for found in first.finditer(text):
        start, end = found.span()
        value = found.groupdict().get("value") if first.groupindex else None
        ok = True
        anchor = sentence.word_at(start) if matcher.within is not None else 0
        for other in matcher.patterns[1:]:
            best = None
            for candidate in other.finditer(text):
                if matcher.within is not None:
                    distance = abs(sentence.word_at(candidate.start()) - anchor)
                    if distance > matcher.within:
                        continue
                best = candidate
                break
            if best is None:
                ok = False
                break
            start, end = min(start, best.start()), max(end, best.end())
        if not ok:
            if matcher.within is None:
                return None  # the other patterns are nowhere in the sentence: no later anchor will do
            continue
        if any(pattern.search(text) for pattern in matcher.unless):
            return None
        if matcher.negatable and words is not None and _negated(sentence, *found.span(), words):
            continue
        return Hit(sentence, start, end, value)
    return None


def _quote(hit: Hit) -> Passage:
    text = hit.sentence.text
    if len(text) > QUOTE_LIMIT:
        middle = (hit.start + hit.end) // 2
        begin = max(0, min(middle - QUOTE_LIMIT // 2, len(text) - QUOTE_LIMIT))
        piece = text[begin : begin + QUOTE_LIMIT]
        text = ("…" if begin else "") + piece.strip() + ("…" if begin + QUOTE_LIMIT < len(text) else "")
    block = hit.sentence.block
    return Passage(text, Location(block.heading, block.paragraph, hit.sentence.line, block.index))


def _heading_passage(block: Block) -> Passage:
    return Passage(block.text, Location(block.heading, 0, block.line, block.index))


# --- the review ---------------------------------------------------------------------------------------


class Review:
    def __init__(self, text: Text, rules: Rules, source: str) -> None:
        self.text = text
        self.rules = rules
        self.source = source
        self.languages = dict(rules.languages)
        self.sentences: list[Sentence] = []
        self.headings: list[tuple[Block, str]] = []
        self._cache: dict[tuple[int, str], Hit | None] = {}
        self._prepare()

    # -- preparing --
    def _prepare(self) -> None:
        all_words: list[str] = []
        block_words: list[list[str]] = []
        for block in self.text.blocks:
            words = words_of(block.text)
            block_words.append(words)
            all_words.extend(words)
        self.words = len(all_words)
        self.language = detect(all_words, self.languages)
        default = self.language or "en"
        shares: dict[str, int] = {}
        skips = [lang.skip_sections for lang in self.languages.values() if lang.skip_sections is not None]
        skipping = False
        for block, words in zip(self.text.blocks, block_words, strict=True):
            found = detect(words, self.languages, minimum=3) if len(words) >= 6 else None
            language = found or default
            if found or self.language:  # words of no known language are not counted as English
                shares[language] = shares.get(language, 0) + len(words)
            if block.is_heading:
                # A references annex cites statutes; what it says about them is not a rule of the policy.
                skipping = any(pattern.search(block.text) for pattern in skips)
                if not skipping:
                    self.headings.append((block, language))
                continue
            if skipping:
                continue
            cursor = 0
            for piece in split_sentences(block.text):
                offset = block.text.find(piece, cursor)
                cursor = max(cursor, offset)
                self.sentences.append(Sentence(piece, block, language, block.line_at(max(offset, 0))))
        total = sum(shares.values()) or 1
        self.shares = {code: round(count / total, 3) for code, count in sorted(shares.items()) if count}
        # A second language counts when it holds a real part of the text (a bilingual policy).
        self.present_languages = {code for code, share in self.shares.items() if share >= 0.15}
        if self.language:
            self.present_languages.add(self.language)

    def _words(self, language: str) -> LanguageWords:
        return self.languages.get(language) or self.languages["en"]

    # -- searching --
    def find(self, select: Any, negatable_default: bool = False) -> Iterator[Hit]:
        """Every hit, in document order, of the matchers `select(language_words)` returns."""
        for sentence in self.sentences:
            words = self._words(sentence.language)
            matchers = select(words)
            if not matchers:
                continue
            for matcher in matchers:
                hit = match(matcher, sentence, words)
                if hit is not None:
                    yield hit
                    break

    def first(self, select: Any) -> Hit | None:
        return next(self.find(select), None)

    def heading_hit(self, select: Any) -> Block | None:
        for block, language in self.headings:
            words = self._words(language)
            sentence = Sentence(block.text, block, language)
            if any(match(matcher, sentence) for matcher in select(words) or ()):
                return block
        return None

    def matching_headings(self, select: Any) -> set[str]:
        found = set()
        for block, language in self.headings:
            words = self._words(language)
            sentence = Sentence(block.text, block, language)
            if any(match(matcher, sentence) for matcher in select(words) or ()):
                found.add(block.text)
        return found

    def clause(self, clause_id: str) -> ClauseRef:
        return ClauseRef(
            clause_id,
            self.rules.clause_titles.get(clause_id, clause_id),
            self.rules.clause_sections.get(clause_id, ""),
        )

    # -- elements --
    def element(self, check: ElementCheck, answers: dict[str, Any]) -> tuple[ElementFinding, bool]:
        """The finding, and whether the policy states the element's `none` (e.g. no monitoring)."""

        def words(lang: LanguageWords) -> Any:
            return lang.elements[check.id]

        none_hit = self.first(lambda lang: words(lang).none)
        topic = self.first(
            lambda lang: (
                words(lang).topic if not none_hit else _excluding(words(lang).topic, words(lang).none)
            )
        )
        heading = self.heading_hit(lambda lang: words(lang).headings)
        if topic is None and none_hit is not None:
            requirements = tuple(
                RequirementFinding(
                    r.id, r.label, False, None, tuple(self.clause(c) for c in r.fix), applies=False
                )
                for r in check.requires
            )
            return (
                ElementFinding(
                    check.id,
                    check.title,
                    "present",
                    check.why,
                    _quote(none_hit),
                    requirements,
                    tuple(self.clause(c) for c in check.fix),
                    note="The policy states that there is none; nothing more is needed.",
                ),
                True,
            )
        requirements = []
        for requirement in check.requires:
            applies = requirement.applies_if is None or answers.get(requirement.applies_if) is True
            hit = self.first(lambda lang, rid=requirement.id: words(lang).requires.get(rid))
            requirements.append(
                RequirementFinding(
                    requirement.id,
                    requirement.label,
                    hit is not None,
                    _quote(hit) if hit else None,
                    tuple(self.clause(c) for c in requirement.fix),
                    applies=applies,
                )
            )
        if topic is not None:
            # Quote the element's own section where it has one, else its first mention.
            headings = self.matching_headings(lambda lang: words(lang).headings)
            under = None
            if headings:
                select = (
                    (lambda lang: words(lang).topic)
                    if not none_hit
                    else (lambda lang: _excluding(words(lang).topic, words(lang).none))
                )
                under = next(
                    (hit for hit in self.find(select) if hit.sentence.block.heading in headings), None
                )
            passage = _quote(under or topic)
        elif heading is not None:
            following = next((s for s in self.sentences if s.block.heading == heading.text), None)
            passage = (
                _quote(Hit(following, 0, len(following.text))) if following else _heading_passage(heading)
            )
        else:
            passage = None
        unmet = [r.label for r in requirements if r.applies and not r.met]
        note = ""
        if passage is None:
            status = "missing"
        elif topic is None:
            # Only a heading names it: a section exists, but none of what it should say was found.
            status = "weak"
            note = "A heading names it, but the text under it says none of what this element needs."
            if unmet:
                note += " Missing: " + "; ".join(unmet) + "."
        elif not unmet:
            status = "present"
        else:
            status = "weak"
            note = "Missing: " + "; ".join(unmet) + "."
        return (
            ElementFinding(
                check.id,
                check.title,
                status,
                check.why,
                passage,
                tuple(requirements),
                tuple(self.clause(c) for c in check.fix),
                note=note,
            ),
            False,
        )

    # -- inferences --
    def infer_patterns(self) -> dict[str, Inferred]:
        found: dict[str, Inferred] = {}
        for inference in self.rules.inferences:
            if inference.from_element is not None:
                continue
            question = inference.question

            def entry(lang: LanguageWords, q: str = question) -> Any:
                return lang.inferences.get(q)

            if inference.kind in ("choices", "choice"):
                values: list[str] = []
                evidence: Passage | None = None
                for choice in inference.choices:
                    hit = self.first(lambda lang, c=choice: (entry(lang) or {}).get(c))
                    if hit is None:
                        continue
                    if inference.kind == "choice":
                        found[question] = Inferred(question, choice, _quote(hit))
                        break
                    values.append(choice)
                    evidence = evidence or _quote(hit)
                if inference.kind == "choices" and values:
                    found[question] = Inferred(question, values, evidence)
            elif inference.kind == "yesno":
                yes = self.first(lambda lang: (entry(lang) or {}).get(True))
                no = None if yes else self.first(lambda lang: (entry(lang) or {}).get(False))
                if yes or no:
                    hit = yes or no
                    found[question] = Inferred(question, yes is not None, _quote(hit))  # type: ignore[arg-type]
            else:
                value = self._capture(inference, entry)
                if value is not None:
                    found[question] = value
        return found

    def _capture(self, inference: Any, entry: Any) -> Inferred | None:
        # Matchers in priority order: the first that matches anywhere wins.
        longest = max((len(entry(lang) or ()) for lang in self.languages.values()), default=0)
        for position in range(longest):

            def select(lang: LanguageWords, p: int = position) -> Any:
                matchers = entry(lang) or ()
                return matchers[p : p + 1]

            for hit in self.find(select):
                raw = hit.value if hit.value is not None else hit.sentence.text[hit.start : hit.end]
                value = _convert(inference, raw)
                if value is not None:
                    return Inferred(inference.question, value, _quote(hit))
        return None

    # -- the report --
    def run(self) -> Report:
        started = time.perf_counter()
        inferred = self.infer_patterns()
        answers = {question: item.value for question, item in inferred.items()}
        elements: list[ElementFinding] = []
        nones: dict[str, bool] = {}
        for check in self.rules.elements:
            finding, none = self.element(check, answers)
            elements.append(finding)
            nones[check.id] = none
        by_id = {finding.id: finding for finding in elements}
        for inference in self.rules.inferences:
            if inference.from_element is None:
                continue
            finding = by_id[inference.from_element]
            if nones[finding.id]:
                inferred[inference.question] = Inferred(inference.question, False, finding.passage)
            elif finding.status != "missing" and inference.question not in inferred:
                inferred[inference.question] = Inferred(inference.question, True, finding.passage)
        for inference in self.rules.inferences:
            if inference.kind == "languages":
                spoken = [code for code in inference.choices if code in self.present_languages]
                if spoken:
                    inferred[inference.question] = Inferred(inference.question, spoken, None)
        for inference in self.rules.inferences:
            if inference.if_answer and not all(_holds(inferred, q, v) for q, v in inference.if_answer):
                inferred.pop(inference.question, None)
        inferred = _consistent(inferred)
        language_finding, language_risk = self.language_check(inferred)
        elements.append(language_finding)
        risks = self.risks(by_id)
        if language_risk is not None:
            risks.append(language_risk)
        order = [inference.question for inference in self.rules.inferences]
        ordered = tuple(sorted(inferred.values(), key=lambda item: order.index(item.question)))
        return Report(
            source=self.source,
            format=self.text.format,
            language=self.language,
            language_name=self.languages[self.language].name if self.language else "unknown",
            languages=self.shares,
            words=self.words,
            elements=tuple(elements),
            risks=tuple(risks),
            inferred=ordered,
            seconds=time.perf_counter() - started,
        )

    def risks(self, elements: dict[str, ElementFinding]) -> list[RiskFinding]:
        result = []
        for risk in self.rules.risks:
            fixes = tuple(self.clause(c) for c in risk.fix)
            if risk.id == "english_only":
                continue
            if risk.from_element is not None:
                finding = elements[risk.from_element]
                if risk.from_status:
                    raised = finding.status in risk.from_status
                else:
                    requirement = next(r for r in finding.requirements if r.id == risk.from_requirement)
                    raised = finding.status != "missing" and requirement.applies and not requirement.met
                if raised:
                    passages = (finding.passage,) if finding.passage else ()
                    note = finding.note if finding.status == "weak" else f"Not found: {finding.title}."
                    result.append(RiskFinding(risk.id, risk.title, risk.why, passages, fixes, note))
                continue
            if any(next(r for r in elements[e].requirements if r.id == q).met for e, q in risk.unless_met):
                continue
            passages: list[Passage] = []
            seen: set[int] = set()
            for hit in self.find(lambda lang, rid=risk.id: lang.risks.get(rid)):
                if id(hit.sentence) in seen:
                    continue
                seen.add(id(hit.sentence))
                passages.append(_quote(hit))
                if len(passages) >= MAX_PASSAGES:
                    break
            if passages:
                result.append(RiskFinding(risk.id, risk.title, risk.why, tuple(passages), fixes))
        return result

    def language_check(self, inferred: dict[str, Inferred]) -> tuple[ElementFinding, RiskFinding | None]:
        rules = self.rules
        regions = inferred.get("regions")
        region_list: list[str] = list(regions.value) if regions else []
        required: list[str] = []
        for region in region_list:
            for code in rules.required_languages.get(region, ()):
                if code not in required:
                    required.append(code)
        official = {code for codes in rules.required_languages.values() for code in codes}
        present = self.present_languages
        name = self._language_name
        detected = ", ".join(name(code) for code in sorted(present, key=lambda c: -self.shares.get(c, 0)))
        detected = detected or "no language we know"
        courtesy = self.first(lambda lang: lang.courtesy)
        rule_texts = [rules.language_rules[r] for r in region_list if r in rules.language_rules]
        if region_list:
            where = (
                f' Regions found: {", ".join(region_list)} (from: "{regions.evidence.text}").'
                if (regions and regions.evidence)
                else ""
            )
            needed = f"Required: {' and '.join(name(code) for code in required)} ({'; '.join(rule_texts)})."
        else:
            where = ""
            needed = (
                "Required: the language of the region of each operating seat (Dutch in the Dutch-speaking "
                "region, French in the French-speaking region, German in the German-speaking region; Dutch "
                "or French by staff language in Brussels-Capital); the policy does not say where it applies."
            )
        note = f"Detected: {detected}. {needed}{where}"
        check = _language_element()
        fixes = (self.clause("courtesy_translation"),)
        have = [code for code in required if code in present]
        risk = None
        if required and len(have) == len(required):
            status = "present"
        elif required and have:
            status = "weak"
            missing = [name(code) for code in required if code not in present]
            note += (
                f" No {' or '.join(missing)} text found: it may be a separate version; check that it exists."
            )
        elif not required and present & official:
            status = "present"
            note += " Check that this is the language of the region where each employee works."
        elif courtesy is not None and "en" in present:
            status = "weak"
            note += (
                " The English text is labelled a courtesy translation, as it should be: the binding version "
                "in the required language must exist and be given to each employee."
            )
        else:
            status = "missing"
        passage = _quote(courtesy) if courtesy else None
        if status == "missing":
            first = next((s for s in self.sentences), None)
            quoted = passage or (_quote(Hit(first, 0, len(first.text))) if first else None)
            risk_check = next((r for r in rules.risks if r.id == "english_only"), None)
            if risk_check is not None:
                risk = RiskFinding(
                    risk_check.id,
                    risk_check.title,
                    risk_check.why,
                    (quoted,) if quoted else (),
                    tuple(self.clause(c) for c in risk_check.fix),
                    note,
                )
        finding = ElementFinding(check[0], check[1], status, check[2], passage, (), fixes, note=note)
        return finding, risk

    def _language_name(self, code: str) -> str:
        words = self.languages.get(code)
        return words.name if words else code


def _language_element() -> tuple[str, str, str]:
    return (
        "language",
        "Language of the policy",
        "The language follows the operating seat where the employee works (Belgian language legislation). "
        "A policy in another language is null; an English text may only accompany the official version as "
        "a courtesy translation, labelled as such.",
    )


def _excluding(matchers: Sequence[Matcher], exclude: Sequence[Matcher]) -> tuple[Matcher, ...]:
    """Topic matchers that do not count a sentence stating the element's absence."""
    if not exclude:
        return tuple(matchers)
    unless = tuple(pattern for matcher in exclude for pattern in matcher.patterns[:1])
    return tuple(Matcher(m.patterns, m.within, m.unless + unless, m.negatable) for m in matchers)


_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def _convert(inference: Any, raw: str) -> Any:
    text = " ".join(str(raw).split()).strip(" .,:;\"'“”‘’()")
    if inference.kind == "number":
        digits = re.sub(r"[\s.,'\u202f\u00a0]", "", text)
        if not digits.isdecimal() or len(digits) > 18:  # int() refuses thousands of digits
            return None
        number = int(digits)
        if inference.minimum is not None and number < inference.minimum:
            return None
        if inference.maximum is not None and number > inference.maximum:
            return None
        return number
    if inference.kind == "email":
        return text.lower() if _EMAIL.match(text) else None
    if len(text) < 2 or len(text) > 120:
        return None
    return text


def _holds(inferred: dict[str, Inferred], question: str, value: str) -> bool:
    answer = inferred.get(question)
    if answer is None:
        return False
    return value in answer.value if isinstance(answer.value, list) else str(answer.value) == value


def _consistent(inferred: dict[str, Inferred]) -> dict[str, Inferred]:
    """Drop answers that questions they depend on make meaningless (as the interview would not ask them)."""
    if inferred.get("monitoring") is None or inferred["monitoring"].value is False:
        inferred.pop("monitoring_purposes", None)
        inferred.pop("monitoring_retention_months", None)
    if inferred.get("advocacy") is not None and inferred["advocacy"].value is False:
        inferred.pop("advocacy_incentives", None)
    if "advocacy_incentives" in inferred and "advocacy" not in inferred:
        inferred["advocacy"] = Inferred("advocacy", True, inferred["advocacy_incentives"].evidence)
    return inferred
