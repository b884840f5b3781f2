"""What a review finds: plain, frozen data that the terminal, the exports and the app all read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Location:
    """Where a passage is: the heading above it, its paragraph under that heading, its line (not in DOCX)."""

    heading: str | None
    paragraph: int
    line: int | None
    block: int  # the block's number in the whole document, from 1
    source: int | None = None  # where the block came from in the file (a DOCX paragraph's number)

    @property
    def section(self) -> str:
        """The short label of where it is: "§3 Scope, paragraph 2" (the heading's own number if it has
        one), for a suggestion "from your current policy"."""
        if not self.heading:
            return f"¶{self.paragraph}" if self.paragraph else ""
        head = self.heading if len(self.heading) <= 60 else self.heading[:57] + "…"
        number, _, rest = head.partition(" ")
        numbered = number.rstrip(".").replace(".", "").isdigit()
        label = f"§{number.rstrip('.')} {rest}".rstrip() if numbered else f"“{head}”"
        return f"{label}, ¶{self.paragraph}" if self.paragraph else label

    def __str__(self) -> str:
        parts = [f'under "{self.heading}"' if self.heading else "before the first heading"]
        if self.paragraph:
            parts.append(f"paragraph {self.paragraph}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "heading": self.heading,
            "paragraph": self.paragraph,
            "line": self.line,
            "block": self.block,
            "source": self.source,
            "section": self.section,
        }


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence quoted from the policy, and where it is."""

    text: str
    location: Location

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "location": self.location.to_dict(), "where": str(self.location)}


@dataclass(frozen=True, slots=True)
class ClauseRef:
    """A clause of our library that supplies what is missing or replaces what is risky."""

    id: str
    title: str
    section: str

    def __str__(self) -> str:
        return f"{self.id} ({self.title})"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "section": self.section}


@dataclass(frozen=True, slots=True)
class RequirementFinding:
    id: str
    label: str
    met: bool
    passage: Passage | None
    fixes: tuple[ClauseRef, ...]
    applies: bool = True  # False when it does not apply to this policy (e.g. no advocacy programme)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "met": self.met,
            "applies": self.applies,
            "passage": self.passage.to_dict() if self.passage else None,
            "fix": [fix.to_dict() for fix in self.fixes],
        }


@dataclass(frozen=True, slots=True)
class ElementFinding:
    """One element a Belgian social media policy needs: present, weak or missing."""

    id: str
    title: str
    status: str
    why: str
    passage: Passage | None
    requirements: tuple[RequirementFinding, ...]
    fixes: tuple[ClauseRef, ...]
    note: str = ""

    @property
    def unmet(self) -> tuple[RequirementFinding, ...]:
        return tuple(r for r in self.requirements if r.applies and not r.met)

    @property
    def suggested(self) -> tuple[ClauseRef, ...]:
        """The clauses to use: all the element's if it is missing, those of its unmet requirements if weak."""
        if self.status == "missing":
            return self.fixes
        seen: dict[str, ClauseRef] = {}
        for requirement in self.unmet:
            for fix in requirement.fixes:
                seen.setdefault(fix.id, fix)
        return tuple(seen.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "why": self.why,
            "note": self.note,
            "passage": self.passage.to_dict() if self.passage else None,
            "requirements": [requirement.to_dict() for requirement in self.requirements],
            "fix": [fix.to_dict() for fix in self.suggested],
        }


@dataclass(frozen=True, slots=True)
class RiskFinding:
    """A passage a Belgian policy must never contain (or an element whose absence is itself a risk).

    `severity` is high, medium or low; `action` says what to do with the passage: delete it, replace it
    with the fixing clauses, or add them (where the risk is something missing).
    """

    id: str
    title: str
    why: str
    passages: tuple[Passage, ...]
    fixes: tuple[ClauseRef, ...]
    note: str = ""
    severity: str = "medium"
    action: str = "replace"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "why": self.why,
            "severity": self.severity,
            "action": self.action,
            "note": self.note,
            "passages": [passage.to_dict() for passage in self.passages],
            "fix": [fix.to_dict() for fix in self.fixes],
        }


@dataclass(frozen=True, slots=True)
class Inferred:
    """An answer to an interview question that the policy reveals, with the passage that shows it."""

    question: str
    value: Any
    evidence: Passage | None

    @property
    def origin(self) -> str:
        """Where in the policy it was found ("§3 Scope, ¶2"), or "" when the whole text shows it."""
        return self.evidence.location.section if self.evidence else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "value": self.value,
            "origin": self.origin,
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }


@dataclass(frozen=True, slots=True)
class Report:
    """The review of one policy.

    `inferred_answers` is a plain mapping of interview question id to an answer valid for the interview,
    ready for `Session.start(interview, language, suggestions=report.inferred_answers)`.
    """

    source: str
    format: str
    language: str | None  # the language detected (en, nl, fr, de), or None if none could be told
    language_name: str
    languages: dict[str, float]  # share of the words in each language found
    words: int
    elements: tuple[ElementFinding, ...]
    risks: tuple[RiskFinding, ...]
    inferred: tuple[Inferred, ...]
    seconds: float = 0.0
    notes: tuple[str, ...] = field(default=())
    report_language: str = "en"  # the language the report's texts are in
    # The text of each fixing clause as our library words it for the inferred answers (see fixes.py).
    clause_texts: dict[str, str] = field(default_factory=dict)

    @property
    def inferred_answers(self) -> dict[str, Any]:
        return {item.question: item.value for item in self.inferred}

    @property
    def inferred_origins(self) -> dict[str, str]:
        """For each inferred answer, where the policy says it ("§3 Scope, ¶2"), for the draft."""
        return {item.question: item.origin for item in self.inferred}

    @property
    def risks_by_severity(self) -> tuple[RiskFinding, ...]:
        order = {"high": 0, "medium": 1, "low": 2}
        return tuple(sorted(self.risks, key=lambda risk: order.get(risk.severity, 3)))

    def element(self, element_id: str) -> ElementFinding:
        for element in self.elements:
            if element.id == element_id:
                return element
        raise KeyError(element_id)

    def risk(self, risk_id: str) -> RiskFinding | None:
        return next((risk for risk in self.risks if risk.id == risk_id), None)

    @property
    def counts(self) -> dict[str, int]:
        counts = {"present": 0, "weak": 0, "missing": 0}
        for element in self.elements:
            counts[element.status] += 1
        counts["risks"] = len(self.risks)
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "format": self.format,
            "report_language": self.report_language,
            "language": self.language,
            "language_name": self.language_name,
            "languages": dict(self.languages),
            "words": self.words,
            "summary": self.counts,
            "elements": [element.to_dict() for element in self.elements],
            "risks": [risk.to_dict() for risk in self.risks_by_severity],
            "inferred_answers": {item.question: _plain(item.value) for item in self.inferred},
            "inferred": [item.to_dict() for item in self.inferred],
            "clause_texts": dict(self.clause_texts),
            "notes": list(self.notes),
        }


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value
