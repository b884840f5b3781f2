"""Answers to interview questions that a policy reveals, each with the passage that shows it."""

from __future__ import annotations

import re
from typing import Any

from clauses.review.model import Inferred
from clauses.review.rules import Inference, Rules
from clauses.review.rules_language import MAX_CAPTURES
from clauses.review.scan import Scan, quote

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,5}\.[A-Za-z]{2,24}")
_DIGITS = re.compile(r"[\s.,'\u202f\u00a0]")


def infer(found: Scan, rules: Rules) -> dict[str, Inferred]:
    """Every answer the hits support (not yet those that follow from an element's status)."""
    inferred: dict[str, Inferred] = {}
    for inference in rules.inferences:
        if inference.from_element is not None:
            continue
        item = _infer(found, inference)
        if item is not None:
            inferred[inference.question] = item
    for inference in rules.inferences:
        if inference.kind == "languages":
            spoken = [code for code in inference.choices if code in found.present_languages]
            if spoken:
                inferred[inference.question] = Inferred(inference.question, spoken, None)
    for inference in rules.inferences:
        if inference.if_answer and not all(_holds(inferred, q, v) for q, v in inference.if_answer):
            inferred.pop(inference.question, None)
    for inference in rules.inferences:
        source = inferred.get(inference.question)
        if source is not None and source.value is True:
            for question, value in inference.implies:
                inferred.setdefault(question, Inferred(question, value, source.evidence))
    return inferred


def _infer(found: Scan, inference: Inference) -> Inferred | None:
    question = inference.question
    if inference.kind == "choices":
        chosen = [(c, found.first(("infer", question, c))) for c in inference.choices]
        hits = [(c, h) for c, h in chosen if h is not None]
        if hits:
            first = min((h for _, h in hits), key=lambda h: h.sentence.index)
            return Inferred(question, [c for c, _ in hits], quote(first))
        return None
    if inference.kind == "choice":
        for choice in inference.choices:
            hit = found.first(("infer", question, choice))
            if hit is not None:
                return Inferred(question, choice, quote(hit))
        return None
    if inference.kind == "yesno":
        yes, no = found.first(("infer", question, "yes")), found.first(("infer", question, "no"))
        hit = yes or no
        return Inferred(question, yes is not None, quote(hit)) if hit is not None else None
    for position in range(MAX_CAPTURES):  # the rules' matchers for it, in their order
        for hit in found.hits.get(("infer", question, str(position)), ()):
            value = convert(inference, hit.value if hit.value is not None else "")
            if value is not None:
                return Inferred(question, value, quote(hit))
    return None


def convert(inference: Inference, raw: str) -> Any:
    text = " ".join(str(raw).split()).strip(" .,:;\"'“”‘’()")
    if inference.kind == "number":
        digits = _DIGITS.sub("", text)
        if not digits.isdecimal() or len(digits) > 9:
            return None
        number = int(digits)
        low = inference.minimum if inference.minimum is not None else number
        high = inference.maximum if inference.maximum is not None else number
        return number if low <= number <= high else None
    if inference.kind == "email":
        return text.lower() if _EMAIL.fullmatch(text) else None
    return text if 2 <= len(text) <= 120 else None


def _holds(inferred: dict[str, Inferred], question: str, value: str) -> bool:
    answer = inferred.get(question)
    if answer is None:
        return False
    return value in answer.value if isinstance(answer.value, list) else str(answer.value) == value
