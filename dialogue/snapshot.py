"""A session as plain data and back: what a draft holds, and whether saved data can be trusted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from dialogue.errors import AnswerError, DialogueError
from dialogue.flow import DONE, START, SUMMARY
from dialogue.model import Interview
from dialogue.session import Session
from dialogue.validation import check, validate

DRAFT_FORMAT = 1  # of a draft: a draft of another format is not resumed


def to_dict(session: Session) -> dict[str, Any]:
    """Everything needed to resume exactly here, as plain YAML-friendly data."""
    return {
        "format": DRAFT_FORMAT,
        "interview_version": session.interview.version,
        "id": session.draft_id,
        "title": session.title,
        "progress": session.progress.percent,
        "shown_progress": session.bar.share,
        "progress_at": dict(session.bar.at),
        "language": session.language,
        "created": session.created.isoformat(),
        "state": session.state,
        "editing": session.editing,
        "revisit": sorted(session.revisit),
        "answers": {
            key: list(value) if isinstance(value, list) else value for key, value in session.answers.items()
        },
        # Right after the answers it words: a draft cut short loses the lists that follow it too, so it is
        # reported as damaged (draft_problem). A draft saved before it existed has none.
        "wording": session.version_wording(),
        "skipped": sorted(session.skipped),
        "returned": sorted(session.returned),
        "suggestions": dict(session.suggestions),
        "suggestion_origins": dict(session.suggestion_origins),
        "history": list(session.history),
    }


def from_dict(interview: Interview, data: Any) -> Session:
    """Rebuild a session saved with `to_dict`; DraftFormatError if the data cannot be trusted.

    Answers to questions that are gone, or that no longer fit them, are left out with a notice; a
    position the answers no longer lead to moves to the first open question, with a notice.
    """
    problem = draft_problem(data)
    if problem is not None:
        raise DraftFormatError(problem)
    language_code, draft_id = data.get("language"), data.get("id")
    session = Session(
        interview,
        language_code if isinstance(language_code, str) else "en",
        draft_id=draft_id if isinstance(draft_id, str) else None,
    )
    session.created = _created(data) or session.created
    language = interview.language(session.language)
    for key, value in data["answers"].items():
        question = interview.by_id.get(key)
        if question is None:
            session.notices.append(language.message("draft_question_gone", question=key))
            continue
        if isinstance(value, datetime):
            value = value.date()
        if check(question, value, language) is not None:
            session.notices.append(language.message("draft_answer_unfit", question=key))
            continue
        session.answers[key] = validate(question, value, language)
    # Only ids are kept from the lists: anything else in them (a list, a mapping) is damage.
    session.skipped.update(
        k for k in _ids(data["skipped"]) if k in interview.by_id and interview.by_id[k].skippable
    )
    # Kept answers that came back onto the path and wait to be seen again (a draft saved before
    # this key existed has none).
    session.returned.update(
        k for k in _ids(data.get("returned")) if k in session.answers or k in session.skipped
    )
    session.suggest(data.get("suggestions"), data.get("suggestion_origins"))
    session.history = _ids(data["history"]) or [START]
    session.editing = bool(data.get("editing"))
    session.revisit = {k for k in _ids(data.get("revisit")) if k in interview.by_id}
    _restore_wording(session, data.get("wording"))
    _restore_position(session, str(data["state"]), data.get("interview_version"))
    _restore_progress(session, data)
    return session


def _restore_progress(session: Session, data: dict[str, Any]) -> None:
    """The progress bar as it was; from the answers alone for a draft saved without it (or with a
    value that cannot be right)."""
    shown = data.get("shown_progress")
    valid = isinstance(shown, int | float) and not isinstance(shown, bool) and 0 <= shown <= 100
    session.bar.share = float(shown) if valid else session.settled_progress()
    trail = data.get("progress_at")
    if isinstance(trail, dict):
        session.bar.at = {
            key: float(value)
            for key, value in trail.items()
            if key in session.interview.by_id
            and isinstance(value, int | float)
            and not isinstance(value, bool)
            and 0 <= value <= 100
        }


def _restore_wording(session: Session, wording: Any) -> None:
    """Each version's own words for typed answers; one that no longer fits is set aside, with a notice."""
    if not isinstance(wording, dict):
        return
    for code, words in wording.items():
        for question_id, text in words.items() if isinstance(words, dict) else ():
            try:
                if not isinstance(text, str) or not text.strip():
                    raise AnswerError("not words")
                session.word(str(code), str(question_id), text)
            except AnswerError:
                notice = f"{question_id} ({code})"
                language = session.interview.language(session.language)
                session.notices.append(language.message("draft_answer_unfit", question=notice))


def _restore_position(session: Session, state: str, version: Any) -> None:
    interview = session.interview
    language = interview.language(session.language)
    valid = state in (START, SUMMARY, DONE) or (
        state in interview.by_id and session.route.on_path(interview.by_id[state])
    )
    if state == DONE and session.first_open() is not None:
        valid = False
    if not valid:
        open_question = session.first_open()
        state = open_question.id if open_question else SUMMARY
        session.editing = False
        session.notices.append(language.message("draft_moved"))
    elif version != interview.version:
        session.notices.append(language.message("draft_changed"))
    session.state = state


@dataclass(frozen=True)
class DraftProblem:
    """Why saved data cannot be resumed. `code` (and `part`) let a UI say it in its own words."""

    code: str  # "other_version", "part_damaged" or "created_damaged"
    part: str = ""

    def __str__(self) -> str:
        if self.code == "other_version":
            return "it is not a draft this version can read"
        if self.code == "part_damaged":
            return f"its '{self.part}' is missing or damaged"
        return "its creation time is damaged"


class DraftFormatError(DialogueError):
    """Saved session data that cannot be trusted."""

    def __init__(self, problem: DraftProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def draft_problem(data: Any) -> DraftProblem | None:
    """Why saved data cannot be resumed (a damaged or truncated draft), or None when it can be."""
    if not isinstance(data, dict) or data.get("format") != DRAFT_FORMAT:
        return DraftProblem("other_version")
    # The draft is written in this order, the answers before the lists that follow them: a draft cut
    # short loses one of these keys, so it is reported as damaged instead of resuming with fewer answers.
    for key, kind in (("answers", dict), ("skipped", list), ("history", list), ("state", str)):
        if not isinstance(data.get(key), kind):
            return DraftProblem("part_damaged", key)
    try:
        _created(data)
    except ValueError:
        return DraftProblem("created_damaged")
    if data.get("saved") is not None and moment(data["saved"]) is None:
        return DraftProblem("part_damaged", "saved")
    return None


def moment(value: Any) -> datetime | None:
    """A time a draft holds, if it is one the app can show: with its time zone (we always write one),
    and in range in every local time zone. "9999-12-31T23:59:59" crashed the list in Brussels time."""
    try:
        parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        if parsed.tzinfo is None or parsed.utcoffset() is None:
            return None
        parsed.astimezone()  # the local time shown: OverflowError near the ends of the calendar
        parsed.astimezone(UTC)
        if not 1900 < parsed.year < 9999:
            return None
    except (ValueError, OverflowError, OSError):
        return None
    return parsed


def _created(data: dict[str, Any]) -> datetime | None:
    """When the draft was started; ValueError when that is damaged (naive or out of range too)."""
    created = data.get("created")
    if not created:
        return None
    found = moment(created)
    if found is None:
        raise ValueError(f"not a time a draft can hold: {str(created)[:40]!r}")
    return found


def _ids(items: Any) -> list[str]:
    return [item for item in items if isinstance(item, str)] if isinstance(items, list) else []
