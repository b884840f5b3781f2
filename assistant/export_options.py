"""What the export dialog offers beyond the policy and its notes: PDF among the formats, the adoption
kit (with the day the draft of the work rules is posted) and, where Dutch and French both bind, the two
side by side. The dialog calls these; it keeps no rule of its own about them."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from assistant.exporting import SIDE_BY_SIDE
from clauses.language_law import required_languages

KIT = "kit"
SIDE = "side_by_side"


def entries(t: Callable[..., str], answers: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The extra lines of the formats checklist: the kit, and side by side where both versions bind."""
    found = [(KIT, t("export.kit"))]
    if set(SIDE_BY_SIDE) <= set(required_languages(answers)):
        found.append((SIDE, t("export.side_by_side")))
    return found


def today_text() -> str:
    return datetime.date.today().isoformat()


def posting_date(text: str, language: str) -> datetime.date | str:
    """The posting date typed in the dialog, read as the interview reads a date, or what is wrong."""
    from dialogue.interpret import Understood, interpret
    from dialogue.loader import load_interview

    interview = load_interview()
    reading = interpret(interview, interview["effective_date"], text, language)
    return reading.value if isinstance(reading, Understood) else reading.message


def request_fields(
    ticked: Sequence[str],
    answers: Mapping[str, Any],
    languages: Sequence[str],
    posting: datetime.date | None,
    t: Callable[..., str],
) -> dict[str, Any]:
    """The ExportRequest fields for the ticked extras. The kit comes in each ticked version the law
    requires (every ticked one when none is known)."""
    from clauses.kit import plan

    fields: dict[str, Any] = {"side_by_side": SIDE in ticked, "kit_suffix": t("export.kit_suffix")}
    if KIT in ticked:
        required = required_languages(answers)
        kit_languages = [code for code in languages if code in required] or list(languages)
        fields["kit"] = tuple(plan(answers, kit_languages))
        fields["posting_date"] = posting
    return fields
