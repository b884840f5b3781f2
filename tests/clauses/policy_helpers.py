"""Shared by the clause tests: the library, the interview, answers to build on, and text to search."""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import clauses
from clauses.export import render
from clauses.model import BulletList, Document, Inline, NumberedList, Paragraph, Table
from dialogue.answers_file import read_answers
from dialogue.loader import load_interview
from dialogue.paths import representative_answers

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
LIBRARY = clauses.load_library()
INTERVIEW = load_interview()

# One preferred answer per question: every option on. `answers()` keeps only what is on the path.
EVERYTHING_ON: dict[str, Any] = {
    "policy_type": "comprehensive",
    "department": "marketing",
    "department_other": "Sales",
    "org_name": "Acme Belgium NV",
    "regions": ["flanders", "brussels"],
    "staff_languages": ["nl", "fr"],
    "headcount": 120,
    "sector": "other",
    "care_setting": "hospital",
    "education_level": "school",
    "public_body": "flemish_local",
    "retail_kind": "shop",
    "employee_bodies": ["works_council", "cppw", "union_delegation"],
    "functions": ["management", "hr", "communication", "legal", "dpo", "prevention_advisor", "it"],
    "platforms": ["linkedin", "facebook", "instagram", "x", "tiktok", "youtube", "whatsapp"],
    "spokesperson_functions": ["communication", "management"],
    "spokespersons": "Els Maes and Tom Claes",
    "advocacy": True,
    "advocacy_incentives": True,
    "advocacy_reward": "a gift voucher each year for the most active sharers",
    "personal_use": "reasonable",
    "company_devices": True,
    "monitoring": True,
    "monitoring_purposes": ["unlawful_acts", "confidential_interests", "it_security", "policy_compliance"],
    "monitoring_permanent": True,
    "monitoring_storage": "own_systems",
    "monitoring_access": ["it", "dpo"],
    "monitoring_retention_months": 6,
    "monitoring_evaluation": "yearly",
    "customer_service": True,
    "customer_answerers": ["communication"],
    "crisis_function": "communication",
    "crisis_contact": "Jan Peeters, +32 2 123 45 67",
    "crisis_escalation": "the CEO, then the legal counsel",
    "confidential_info": ["customer_data", "financial", "strategy", "personnel", "trade_secrets", "security"],
    "staff_images": True,
    "ai_content": "approved_tools",
    "ai_tools": "Microsoft Copilot",
    "sanctions_in_work_rules": True,
    "dp_contact": "dpo",
    "whistleblowing_channel": True,
    "whistleblowing_how": "the SpeakUp platform",
    "whistleblowing_contact": "hr",
    "it_policy": True,
    "it_policy_name": "IT and Communication Systems Policy",
    "acknowledgement": "paper",
    "policy_owner": "hr",
    "contact_email": "hr@acme.be",
    "effective_date": datetime.date(2027, 3, 1),
    "review_cadence": "yearly",
}


def answers(**changes: Any) -> dict[str, Any]:
    """A complete, valid answer mapping: everything on, with `changes`, and only questions on the path.

    A change to None leaves that question unanswered (for a skippable one).
    """
    preferred = {**EVERYTHING_ON, **changes}
    result: dict[str, Any] = {}
    for question in INTERVIEW.questions:
        if question.when is not None and not question.when.holds(result):
            continue
        if preferred.get(question.id) is not None:
            result[question.id] = preferred[question.id]
    return result


# The sector's follow-up questions make every sector a branch of its own, multiplying the paths tenfold
# while the sector changes only its own clauses and words. Each sector keeps one path in SECTOR_STRIDE,
# plus the first path of each kind of policy with each answer of the sector's follow-up, so that every
# sector meets every policy type, department and threshold, and every follow-up answer every kind.
SECTOR_STRIDE = 29
SECTOR_DETAILS = ("care_setting", "education_level", "public_body", "retail_kind")


@functools.cache
def representative_paths() -> tuple[dict[str, Any], ...]:
    seen: dict[object, int] = {}
    combinations: set[tuple[object, ...]] = set()
    kept: list[dict[str, Any]] = []
    for path in representative_answers(INTERVIEW):
        sector = path.get("sector")
        combination = (path.get("policy_type"), path.get("department"), sector)
        combination += tuple(path.get(detail) for detail in SECTOR_DETAILS)
        if seen.get(sector, 0) % SECTOR_STRIDE == 0 or combination not in combinations:
            kept.append(path)
        combinations.add(combination)
        seen[sector] = seen.get(sector, 0) + 1
    # The follow-ups' answers rotate from path to path, and a rotation can miss a combination (no
    # comprehensive policy for a Brussels public body): no later question reads them, so one is set.
    for path in list(kept):
        for detail in SECTOR_DETAILS:
            if detail not in path:
                continue
            for choice in INTERVIEW.by_id[detail].choices:
                variant = {**path, detail: choice}
                combination = (variant.get("policy_type"), variant.get("department"), variant.get("sector"))
                combination += tuple(variant.get(name) for name in SECTOR_DETAILS)
                if combination not in combinations:
                    combinations.add(combination)
                    kept.append(variant)
    return tuple(kept)


def example(path: Path) -> dict[str, Any]:
    return read_answers(path, INTERVIEW)


def text(document: Document) -> str:
    """The plain-text export with line wrapping undone, for searching sentences."""
    return re.sub(r"\s+", " ", str(render(document, "txt")))


def policy_text(**changes: Any) -> str:
    return text(LIBRARY.assemble(answers(**changes)))


def notes_text(**changes: Any) -> str:
    return text(LIBRARY.implementation_notes(answers(**changes)))


def block_texts(document: Document) -> Iterator[tuple[str, str]]:
    """(clause id, text) of every paragraph, list item and table cell, in reading order."""
    for clause in document.clauses():
        for block in clause.blocks:
            if isinstance(block, Paragraph):
                pieces: tuple[Inline, ...] = (block.runs,)
            elif isinstance(block, BulletList | NumberedList):
                pieces = block.items
            elif isinstance(block, Table):
                pieces = tuple(cell for row in (block.header, *block.rows) for cell in row)
            else:
                continue
            for runs in pieces:
                yield clause.id, "".join(run.text for run in runs)


def list_items(document: Document, clause_id: str) -> tuple[str, ...]:
    """The items of the clause's lists, as plain text."""
    return tuple(
        "".join(run.text for run in item)
        for block in document.clause(clause_id).blocks
        if isinstance(block, BulletList | NumberedList)
        for item in block.items
    )


def clause_text(document: Document, clause_id: str) -> str:
    """One clause's text, blocks joined by spaces."""
    return " ".join(text for clause, text in block_texts(document) if clause == clause_id)
