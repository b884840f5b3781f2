"""Reviewing the text of a policy against the rules: elements, risks, inferred answers, language.

The scan (scan.py) finds every hit of every matcher in one pass; this module turns the hits into
findings. What the findings say is worded in the report's language by texts.py; which answers the
interview keeps is decided by the `keep_answers` callable the caller passes in (the interview's own
conditions, see assistant/commands/review.py): the review never re-codes them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

from clauses.review.inference import infer
from clauses.review.language_check import language_check
from clauses.review.model import (
    ClauseRef,
    ElementFinding,
    Inferred,
    Passage,
    Report,
    RequirementFinding,
    RiskFinding,
)
from clauses.review.reader import Text
from clauses.review.rules import ElementCheck, RiskCheck, Rules
from clauses.review.scan import Hit, Scan, quote, scan
from clauses.review.texts import Texts

KeepAnswers = Callable[[dict[str, Any]], Mapping[str, Any]]


class Review:
    def __init__(
        self, text: Text, rules: Rules, source: str, texts: Texts, keep_answers: KeepAnswers | None = None
    ) -> None:
        self.text = text
        self.rules = rules
        self.source = source
        self.texts = texts
        self.keep_answers = keep_answers
        self.scan: Scan = scan(text, rules)

    def clause(self, clause_id: str) -> ClauseRef:
        titles, sections = self.rules.titles_in(self.texts.code)
        return ClauseRef(clause_id, titles.get(clause_id, clause_id), sections.get(clause_id, ""))

    def clauses(self, ids: tuple[str, ...]) -> tuple[ClauseRef, ...]:
        return tuple(self.clause(clause_id) for clause_id in ids)

    # -- elements --
    def element(self, check: ElementCheck, answers: Mapping[str, Any]) -> tuple[ElementFinding, bool]:
        """The finding, and whether the policy states the element's absence (e.g. no monitoring)."""
        hits = self.scan.hits
        nones = {id(h.sentence) for h in hits.get(("none", check.id), ())}
        topic = [h for h in hits.get(("topic", check.id), ()) if id(h.sentence) not in nones]
        requirements = tuple(
            self._requirement(check, r.id, r.fix, r.applies_if, answers) for r in check.requires
        )
        title, why = self.texts.element(check.id)
        if not topic and nones:
            return self._stated_none(check, requirements), True
        evidence = topic
        unmet = [r.label for r in requirements if r.applies and not r.met]
        if not evidence:
            status, note = "missing", ""
        elif unmet:
            status, note = "weak", self.texts.message("missing_parts", parts="; ".join(unmet))
        else:
            status, note = "present", ""
        passage = quote(self._best(evidence, check)) if evidence else None
        return (
            ElementFinding(
                check.id, title, status, why, passage, requirements, self.clauses(check.fix), note=note
            ),
            False,
        )

    def _stated_none(
        self, check: ElementCheck, requirements: tuple[RequirementFinding, ...]
    ) -> ElementFinding:
        """The element, for a policy that says there is none (no monitoring): nothing more is needed."""
        title, why = self.texts.element(check.id)
        unused = tuple(
            RequirementFinding(r.id, r.label, False, None, r.fixes, applies=False) for r in requirements
        )
        denial = self.scan.hits[("none", check.id)][0]
        note = self.texts.message("states_none")
        return ElementFinding(
            check.id, title, "present", why, quote(denial), unused, self.clauses(check.fix), note=note
        )

    def _requirement(
        self,
        check: ElementCheck,
        requirement: str,
        fix: tuple[str, ...],
        applies_if: str | None,
        answers: Mapping[str, Any],
    ) -> RequirementFinding:
        found = self.scan.first(("requires", check.id, requirement))
        applies = applies_if is None or answers.get(applies_if) is True
        label = self.texts.requirement(check.id, requirement)
        return RequirementFinding(
            requirement,
            label,
            found is not None,
            quote(found) if found else None,
            self.clauses(fix),
            applies=applies,
        )

    def _best(self, evidence: list[Hit], check: ElementCheck) -> Hit:
        """The first sentence of the part of the policy that says most about the element: where its topic
        and its requirements are found most often (whatever that part's heading says)."""
        weight: dict[str | None, int] = {}
        hits = [
            *evidence,
            *(h for r in check.requires for h in self.scan.hits.get(("requires", check.id, r.id), ())),
        ]
        for found in hits:
            heading = found.sentence.block.heading
            weight[heading] = weight.get(heading, 0) + 1
        return min(evidence, key=lambda h: (-weight.get(h.sentence.block.heading, 0), h.sentence.index))

    # -- risks --
    def risks(self, elements: Mapping[str, ElementFinding]) -> list[RiskFinding]:
        result = []
        for risk in self.rules.risks:
            finding = (
                self._element_risk(risk, elements)
                if risk.from_element
                else self._pattern_risk(risk, elements)
            )
            if finding is not None:
                result.append(finding)
        return result

    def _risk(self, risk: RiskCheck, passages: tuple[Passage, ...], note: str = "") -> RiskFinding:
        title, why = self.texts.risk(risk.id)
        return RiskFinding(
            risk.id, title, why, passages, self.clauses(risk.fix), note, risk.severity, risk.action
        )

    def _element_risk(self, risk: RiskCheck, elements: Mapping[str, ElementFinding]) -> RiskFinding | None:
        finding = elements[str(risk.from_element)]
        if risk.from_status:
            raised = finding.status in risk.from_status
        else:
            requirement = next(r for r in finding.requirements if r.id == risk.from_requirement)
            raised = finding.status != "missing" and requirement.applies and not requirement.met
        if not raised:
            return None
        passage = finding.passage or (self._opening() if risk.quote == "opening" else None)
        # A weak element says what it lacks; a missing one, that it was not found (or why, when it was
        # judged rather than looked for: the languages found and those the law requires).
        note = finding.note or self.texts.message("not_found", what=finding.title)
        return self._risk(risk, (passage,) if passage else (), note)

    def _opening(self) -> Passage | None:
        """The policy's first sentence: where a risk about the whole document is anchored."""
        first = self.scan.sentences[0] if self.scan.sentences else None
        return quote(Hit(first, 0, first.lead + len(first.text))) if first else None

    def _pattern_risk(self, risk: RiskCheck, elements: Mapping[str, ElementFinding]) -> RiskFinding | None:
        for element_id, requirement_id in risk.unless_met:
            if next(r for r in elements[element_id].requirements if r.id == requirement_id).met:
                return None
        hits = self.scan.hits.get(("risk", risk.id))
        if not hits:
            return None
        return self._risk(risk, tuple(quote(found) for found in hits))

    # -- the report --
    def run(self) -> Report:
        started = time.perf_counter()
        inferred = infer(self.scan, self.rules)
        answers = {question: item.value for question, item in inferred.items()}
        elements: list[ElementFinding] = []
        nones: dict[str, bool] = {}
        for check in self.rules.checks.worded:
            finding, none = self.element(check, answers)
            elements.append(finding)
            nones[check.id] = none
        inferred = self._inferred_from_elements(inferred, elements, nones)
        by_id = {finding.id: finding for finding in elements}
        judged = {c.id: language_check(self, inferred, c) for c in self.rules.elements if c.judged_by}
        ordered = [by_id.get(check.id) or judged[check.id] for check in self.rules.elements]
        risks = self.risks({finding.id: finding for finding in ordered})
        return self._report(ordered, risks, inferred, started)

    def _language_name(self, code: str | None) -> str:
        """The language's name in the report's language, else as its rules file names it."""
        if code is None or f"languages.{code}" in self.texts.values:
            return self.texts.language_name(code)
        return self.rules.languages[code].name

    def _inferred_from_elements(
        self, inferred: dict[str, Inferred], elements: list[ElementFinding], nones: dict[str, bool]
    ) -> dict[str, Inferred]:
        by_id = {finding.id: finding for finding in elements}
        for inference in self.rules.inferences:
            finding = by_id.get(inference.from_element or "")
            if finding is None:
                continue
            if nones[finding.id]:
                inferred[inference.question] = Inferred(inference.question, False, finding.passage)
            elif finding.status != "missing" and inference.question not in inferred:
                inferred[inference.question] = Inferred(inference.question, True, finding.passage)
        for inference in self.rules.inferences:
            source = by_id.get(inference.else_from[0]) if inference.else_from else None
            if source is None or source.status == "missing" or inference.question in inferred:
                continue
            # Only the "no" is sure: a policy that ties sanctions to the work rules may still be waiting
            # for the work rules to list them.
            if not next(r.met for r in source.requirements if r.id == inference.else_from[1]):
                inferred[inference.question] = Inferred(inference.question, False, source.passage)
        if self.keep_answers is None:
            return inferred
        kept = self.keep_answers({question: item.value for question, item in inferred.items()})
        return {question: item for question, item in inferred.items() if question in kept}

    def _report(
        self,
        elements: list[ElementFinding],
        risks: list[RiskFinding],
        inferred: dict[str, Inferred],
        started: float,
    ) -> Report:
        order = [inference.question for inference in self.rules.inferences]
        found = self.scan
        return Report(
            source=self.source,
            format=self.text.format,
            language=found.language,
            language_name=self._language_name(found.language),
            languages=found.shares,
            words=found.words,
            elements=tuple(elements),
            risks=tuple(sorted(risks, key=_risk_order)),
            inferred=tuple(sorted(inferred.values(), key=lambda item: order.index(item.question))),
            seconds=time.perf_counter() - started,
            report_language=self.texts.code,
        )


def _risk_order(risk: RiskFinding) -> tuple[int, int]:
    first = risk.passages[0].location.block if risk.passages else 0
    return {"high": 0, "medium": 1, "low": 2}.get(risk.severity, 3), first
