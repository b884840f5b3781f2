"""Reviewing an existing social media policy: a report against the clause library and Belgian law.

    from clauses.review import review_file
    report = review_file("policy.docx")         # a clauses.review.Report
    report.risks_by_severity                     # each risky passage, what to do, the clauses that fix it
    report.elements                              # each element: present, weak or missing, with a quote
    report.inferred_answers                      # {question id: answer}, suggestions for a new draft
    report.inferred_origins                      # {question id: "§3 Scope, ¶2"}, where each was found

What is checked, and the words that find it in each language, are data in `clauses/review/rules/`;
what the report says, in `clauses/review/texts/`. Bad input raises ReviewInputError, a broken rules
file RulesError: both one line, for the user. `clauses.review` never imports the interview or the UI:
which inferred answers the interview keeps is a callable the caller passes (`keep_answers`).
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from clauses.review.collection import without_cycle_collection
from clauses.review.engine import KeepAnswers, Review
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
from clauses.review.texts import report_language, texts

__all__ = [
    "ClauseRef",
    "ElementFinding",
    "Inferred",
    "KeepAnswers",
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


def review_file(
    path: str | Path,
    *,
    rules: Rules | None = None,
    language: str | None = None,
    keep_answers: KeepAnswers | None = None,
) -> Report:
    """Review a policy file (.md, .txt, .html or .docx); ReviewInputError if it cannot be read.

    `language` is the report's (en, nl, fr, de); by default the policy's own, else English.
    """
    started = time.perf_counter()
    path = Path(path)
    # The file's name is quoted in every report: without control characters (a name may hold them).
    with without_cycle_collection():
        return review_read(
            read_file(path),
            plain(path.name),
            rules=rules,
            language=language,
            keep_answers=keep_answers,
            started=started,
        )


def review_text(
    text: str,
    fmt: str = "txt",
    *,
    source: str = "text",
    rules: Rules | None = None,
    language: str | None = None,
    keep_answers: KeepAnswers | None = None,
) -> Report:
    """Review a policy given as text in a format (md, txt or html)."""
    if fmt not in ("md", "txt", "html"):
        raise ReviewInputError(f"cannot review text as {fmt!r}; use md, txt or html")
    started = time.perf_counter()
    source = plain(source)
    # A lone surrogate (from a broken copy and paste) cannot be encoded: it becomes "?".
    data = text.encode("utf-8", errors="replace")
    with without_cycle_collection():
        return review_read(
            read_bytes(data, fmt, source),
            source,
            rules=rules,
            language=language,
            keep_answers=keep_answers,
            started=started,
        )


def review_read(
    text: Text,
    source: str,
    *,
    rules: Rules | None = None,
    language: str | None = None,
    keep_answers: KeepAnswers | None = None,
    started: float | None = None,
) -> Report:
    """Review a policy already read (see reader.read_file)."""
    started = time.perf_counter() if started is None else started
    rules = rules or default_rules()
    with without_cycle_collection():
        review = Review(text, rules, source, texts("en", rules.texts_folder), keep_answers)
        review.texts = texts(report_language(language, review.scan.language), rules.texts_folder)
        report = review.run()
    return dataclasses.replace(report, seconds=time.perf_counter() - started)
