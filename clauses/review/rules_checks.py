"""checks.yaml: the elements, risks and inferences of a review, language-neutral (see its header)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from clauses.review.rules import (
    ACTIONS,
    INFERENCE_KINDS,
    JUDGES,
    QUOTES,
    SEVERITIES,
    STATUSES,
    Checks,
    ElementCheck,
    Inference,
    Requirement,
    RiskCheck,
)
from clauses.review.rules_yaml import Reader, line, load


def read_checks(path: Path, clauses: set[str]) -> Checks:
    return _ChecksReader(path, clauses).read()


class _ChecksReader(Reader):
    def __init__(self, path: Path, clauses: set[str]) -> None:
        super().__init__(path)
        self.clauses = clauses
        self.elements: dict[str, ElementCheck] = {}

    def read(self) -> Checks:
        top = self.mapping(load(self.path), None, "the file", ("elements", "risks", "inferences"))
        elements = tuple(self._element(item) for item in self._list(top, "elements"))
        self.unique([element.id for element in elements], top["elements"], "element")
        self.elements = {element.id: element for element in elements}
        risks = tuple(self._risk(item) for item in self._list(top, "risks"))
        self.unique([risk.id for risk in risks], top["risks"], "risk")
        raw = self._list(top, "inferences")
        known = {str(entry.get("question")) for entry in raw if isinstance(entry, dict)}
        inferences = tuple(self._inference(item, known) for item in raw)
        self.unique([inference.question for inference in inferences], top["inferences"], "inference")
        for element in elements:
            for requirement in element.requires:
                if requirement.applies_if and requirement.applies_if not in known:
                    self.fail(f"requirement {requirement.id!r} applies_if an unknown inference", top)
        return Checks(elements, risks, inferences)

    def _list(self, top: dict[str, Any], key: str) -> list[Any]:
        value = top.get(key)
        if not isinstance(value, list) or not value:
            self.fail(f"{key!r} must be a non-empty list", top)
        return value  # type: ignore[return-value]

    def _fix(self, item: dict[str, Any]) -> tuple[str, ...]:
        fixes = self.strings(item.get("fix"), item, "'fix'")
        if not fixes:
            self.fail("'fix' must name at least one clause", item)
        for clause in fixes:
            if clause not in self.clauses:
                self.fail(f"'fix' names {clause!r}, which is not a clause of the library", clause, line(item))
        return tuple(fixes)

    def _element(self, item: Any) -> ElementCheck:
        item = self.mapping(item, None, "an element", ("id", "section", "fix", "requires", "judged_by"))
        judge = item.get("judged_by")
        if judge is not None and (judge not in JUDGES or item.get("requires")):
            self.fail(f"'judged_by' must be one of {', '.join(JUDGES)}, without 'requires'", item)
        requires = []
        for entry in item.get("requires") or []:
            entry = self.mapping(entry, item, "a requirement", ("id", "fix", "applies_if"))
            applies = entry.get("applies_if")
            requires.append(
                Requirement(self.ident(entry), self._fix(entry), str(applies) if applies else None)
            )
        self.unique([requirement.id for requirement in requires], item, "requirement")
        return ElementCheck(
            self.ident(item),
            self.ident(item, "section"),
            self._fix(item),
            tuple(requires),
            str(judge) if judge else None,
        )

    def _risk(self, item: Any) -> RiskCheck:
        keys = ("id", "fix", "severity", "action", "from", "unless_met", "quote")
        item = self.mapping(item, None, "a risk", keys)
        severity, action, quote = item.get("severity"), item.get("action"), item.get("quote")
        if quote is not None and (quote not in QUOTES or item.get("from") is None):
            self.fail(f"'quote' must be one of {', '.join(QUOTES)}, for a risk 'from' an element", item)
        if severity not in SEVERITIES:
            self.fail(f"'severity' must be one of {', '.join(SEVERITIES)}", item)
        if action not in ACTIONS:
            self.fail(f"'action' must be one of {', '.join(ACTIONS)}", item)
        element, status, requirement = self._from(item)
        unless = []
        for reference in self.strings(item.get("unless_met") or [], item, "'unless_met'"):
            element_id, _, requirement_id = reference.partition(".")
            known = self.elements.get(element_id)
            if known is None or requirement_id not in {r.id for r in known.requires}:
                self.fail(f"'unless_met' names an unknown requirement {reference!r}", item)
            unless.append((element_id, requirement_id))
        return RiskCheck(
            self.ident(item),
            self._fix(item),
            str(severity),
            str(action),
            element,
            status,
            requirement,
            tuple(unless),
            str(quote) if quote else None,
        )

    def _from(self, item: dict[str, Any]) -> tuple[str | None, tuple[str, ...], str | None]:
        source = item.get("from")
        if source is None:
            return None, (), None
        source = self.mapping(source, item, "'from'", ("element", "status", "requirement"))
        element = source.get("element")
        if element not in self.elements:
            self.fail(f"'from' names an unknown element {element!r}", source)
        status, requirement = source.get("status"), source.get("requirement")
        if (status is None) == (requirement is None):
            self.fail("'from' needs either a status or a requirement", source)
        statuses = tuple(self.strings(status, source, "'from' status")) if status is not None else ()
        if status is not None and (not statuses or any(value not in STATUSES for value in statuses)):
            self.fail(f"'from' status must be one or more of {', '.join(STATUSES)}", source)
        if requirement is not None and requirement not in {r.id for r in self.elements[element].requires}:
            self.fail(f"'from' names an unknown requirement {requirement!r}", source)
        return str(element), statuses, str(requirement) if requirement else None

    def _else_from(self, item: dict[str, Any]) -> tuple[str, str] | None:
        if item.get("else_from") is None:
            return None
        source = self.mapping(item["else_from"], item, "'else_from'", ("element", "requirement"))
        element = self.elements.get(str(source.get("element")))
        requirement = str(source.get("requirement"))
        known = element is not None and requirement in {r.id for r in element.requires}
        if not known or item.get("kind") != "yesno":
            self.fail("'else_from' names an element and its requirement, for a yesno inference", source)
        return str(source["element"]), requirement

    def _inference(self, item: Any, known: set[str]) -> Inference:
        keys = ("question", "kind", "choices", "from", "min", "max", "if_answer", "implies", "else_from")
        item = self.mapping(item, None, "an inference", keys)
        kind = item.get("kind")
        if kind not in INFERENCE_KINDS:
            self.fail(f"'kind' must be one of {', '.join(INFERENCE_KINDS)}", item)
        choices = tuple(str(choice) for choice in self.strings(item.get("choices") or [], item, "'choices'"))
        if kind in ("choices", "choice", "languages") and not choices:
            self.fail(f"an inference of kind {kind!r} needs its choices", item)
        element = None
        if item.get("from") is not None:
            source = self.mapping(item["from"], item, "'from'", ("element",))
            element = source.get("element")
            if element not in self.elements or kind != "yesno":
                self.fail(f"'from' must name an element, for a yesno inference (not {element!r})", source)
        bounds = [item.get(key) for key in ("min", "max")]
        if any(v is not None and (not isinstance(v, int) or isinstance(v, bool)) for v in bounds):
            self.fail("'min' and 'max' must be whole numbers", item)
        fallback = self._else_from(item)
        conditions = self.mapping(item.get("if_answer") or {}, item, "'if_answer'")
        implies = self.mapping(item.get("implies") or {}, item, "'implies'")
        for question in (*conditions, *implies):
            if question not in known:
                self.fail(f"{str(question)!r} is not an inference", question, line(item))
        return Inference(
            self.ident(item, "question"),
            str(kind),
            choices,
            element,
            bounds[0],
            bounds[1],
            tuple((str(q), str(v)) for q, v in conditions.items()),
            tuple((str(q), v) for q, v in implies.items()),
            fallback,
        )
