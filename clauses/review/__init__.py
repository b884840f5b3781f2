"""Reviewing an existing social media policy: a gap report against the clause library and Belgian law.

    from clauses.review import review_file
    report = review_file("policy.docx")         # a clauses.review.Report
    report.elements                              # each element: present, weak or missing, with a quote
    report.risks                                 # each risky passage, with the clauses that fix it
    report.inferred_answers                      # {question id: answer}, suggestions for a new draft

What is checked, and the words that find it in each language, are data in `clauses/review/rules/`.
Bad input raises ReviewInputError, a broken rules file RulesError: both one line, for the user.
`clauses.review` never imports the interview or the UI.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from clauses.review.errors import ReviewInputError, RulesError
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
from clauses.review.reader import Text, plain, read_bytes, read_file
from clauses.review.rules import Rules, default_rules, load_rules

__all__ = [
    "ClauseRef",
    "ElementFinding",
    "Inferred",
    "Location",
    "Passage",
    "Report",
    "RequirementFinding",
    "ReviewInputError",
    "RiskFinding",
    "Rules",
    "RulesError",
    "load_rules",
    "review_file",
    "review_text",
]


def review_file(path: str | Path, *, rules: Rules | None = None) -> Report:
    """Review a policy file (.md, .txt, .html or .docx); ReviewInputError if it cannot be read."""
    started = time.perf_counter()
    path = Path(path)
    # The file's name is quoted in every report: without control characters (a name may hold them).
    return _review(read_file(path), rules, plain(path.name), started)


def review_text(text: str, fmt: str = "txt", *, source: str = "text", rules: Rules | None = None) -> Report:
    """Review a policy given as text in a format (md, txt or html)."""
    if fmt not in ("md", "txt", "html"):
        raise ReviewInputError(f"cannot review text as {fmt!r}; use md, txt or html")
    started = time.perf_counter()
    source = plain(source)
    # A lone surrogate (from a broken copy and paste) cannot be encoded: it becomes "?".
    data = text.encode("utf-8", errors="replace")
    return _review(read_bytes(data, fmt, source), rules, source, started)


def _review(text: Text, rules: Rules | None, source: str, started: float | None = None) -> Report:
    from clauses.review.engine import Review

    report = Review(text, rules or default_rules(), source).run()
    if started is None:
        return report
    return dataclasses.replace(report, seconds=time.perf_counter() - started)
