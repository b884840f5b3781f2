"""The text of the clauses that fix a finding, as our library words them for the reviewed policy.

The clause is looked up by its id in the library at run time (never copied here) and rendered for the
answers the review inferred, in the report's language, so "replace with" shows the user's own
organisation name and choices where the review found them. A clause whose condition the inferred
answers do not meet (an advocacy clause for a policy that never mentioned advocacy) is rendered for a
comprehensive policy that has the feature it is about; one that still cannot be rendered is named by
its title only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from clauses.errors import LibraryError
from clauses.model import BulletList, Clause, NumberedList, Paragraph, Table
from clauses.review.model import Report

# Answers that switch on every clause a review can propose, for the second rendering.
FEATURES = {
    "policy_type": "comprehensive",
    "monitoring": True,
    "advocacy": True,
    "staff_images": True,
    "whistleblowing_channel": True,
    "ai_content": "allowed_reviewed",
}


def needed(report: Report) -> set[str]:
    ids = {fix.id for risk in report.risks for fix in risk.fixes}
    ids.update(
        fix.id for element in report.elements if element.status != "present" for fix in element.suggested
    )
    return ids


def clause_texts(
    library: Any, answers: Mapping[str, Any], language: str, ids: Iterable[str]
) -> dict[str, str]:
    """Each clause's text, for these answers and this language (those that can be rendered)."""
    wanted = set(ids)
    if language not in library.languages:
        return {}
    found: dict[str, str] = {}
    for extra in ({"policy_type": "comprehensive"}, FEATURES):
        if wanted <= set(found):
            break
        try:
            document = library.assemble({**answers, **extra}, language, partial=True)
        except LibraryError:
            continue
        for clause in document.clauses():
            if clause.id in wanted and clause.id not in found:
                found[clause.id] = clause_text(clause)
    return found


def with_clause_texts(report: Report, library: Any) -> Report:
    texts = clause_texts(library, report.inferred_answers, report.report_language, needed(report))
    return dataclasses.replace(report, clause_texts=texts)


def clause_text(clause: Clause) -> str:
    lines: list[str] = [clause.title] if clause.title else []
    for block in clause.blocks:
        if isinstance(block, Paragraph):
            lines.append(_plain(block.runs))
        elif isinstance(block, BulletList):
            lines.extend(f"• {_plain(item)}" for item in block.items)
        elif isinstance(block, NumberedList):
            lines.extend(f"{number}. {_plain(item)}" for number, item in enumerate(block.items, start=1))
        elif isinstance(block, Table):
            lines.extend(": ".join(_plain(cell) for cell in row) for row in block.rows)
    return "\n".join(line for line in lines if line.strip())


def _plain(runs: Any) -> str:
    return "".join(run.text for run in runs)
