"""Shared by the review tests: where the test policies are, and reviewing them once each."""

from __future__ import annotations

import functools
from pathlib import Path

from clauses.review import Report, review_file

ROOT = Path(__file__).resolve().parents[2]
POLICIES = Path(__file__).resolve().parent / "policies"
ELEMENTS = (
    "scope",
    "definitions",
    "roles",
    "your_rights",
    "personal_use",
    "conduct",
    "confidentiality",
    "official_accounts",
    "advocacy",
    "images",
    "monitoring",
    "data_protection",
    "ai",
    "crisis",
    "whistleblowing",
    "disconnect",
    "enforcement",
    "review",
    "language",
)


@functools.cache
def review(name: str) -> Report:
    """The report on one test policy (each is reviewed once per test run)."""
    return review_file(POLICIES / name)


def statuses(report: Report) -> dict[str, str]:
    return {element.id: element.status for element in report.elements}


def risks(report: Report) -> dict[str, list[tuple[str, int | None]]]:
    """Each risk flagged, with its passages as (text, line)."""
    return {risk.id: [(p.text, p.location.line) for p in risk.passages] for risk in report.risks}


def fixes(report: Report, risk_id: str) -> list[str]:
    risk = report.risk(risk_id)
    assert risk is not None, f"{risk_id} not flagged"
    return [fix.id for fix in risk.fixes]
