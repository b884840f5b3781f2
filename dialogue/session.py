"""One person's way through the interview: answers, position, history.

- `answer` moves to the next question whose condition holds.
- `back` returns to the previous question on the path; its answer is still there to accept or change.
- `edit` (from the summary) re-asks one question, then only the questions that became relevant, then
  returns to the summary.
- Answers that stop being relevant are kept, so they return if the user changes their mind, but they are
  not part of `result()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from transitions import MachineError

from dialogue.errors import DialogueError, NavigationError
from dialogue.interpret import Interpretation, Understood, interpret
from dialogue.machine import DONE, START, SUMMARY, Cursor
from dialogue.model import Interview, Question
from dialogue.route import Route, Status
from dialogue.validation import check, validate
from dialogue.words.details import settle

FORMAT = 1


@dataclass(frozen=True)
class Progress:
    """Answered questions over the questions on the path the current answers imply."""

    answered: int
    total: int
    section: str | None

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else (100 * self.answered) // self.total


class Session:
    def __init__(self, interview: Interview, language: str = "en", *, draft_id: str | None = None) -> None:
        self.interview = interview
        self.language = language if language in interview.languages else "en"
        self.draft_id = draft_id
        self.created = datetime.now(UTC).replace(microsecond=0)
        self.answers: dict[str, Any] = {}
        # Answers proposed by someone else (e.g. a review of an existing policy): offered in the input
        # to confirm or change, but not answers until the user gives them.
        self.suggestions: dict[str, Any] = {}
        # Where each suggestion came from ("our-policy.docx, §3 Scope, ¶2"), so the app can say so.
        self.suggestion_origins: dict[str, str] = {}
        self.skipped: set[str] = set()
        self.history: list[str] = [START]
        self.editing = False
        self.revisit: set[str] = set()
        self.notices: list[str] = []
        self.route = Route(interview.questions, self.answers, self.skipped)
        self._listeners: list[Callable[[Session], None]] = []
        self._cursor = interview.take_cursor(self)

    @classmethod
    def start(
        cls,
        interview: Interview,
        language: str = "en",
        *,
        suggestions: dict[str, Any] | None = None,
        origins: dict[str, str] | None = None,
    ) -> Session:
        """A new session at its first question; valid `suggestions` are offered for confirmation, each
        with where it came from in `origins` (optional)."""
        session = cls(interview, language)
        if interview.blank_route:
            session.route.seed(tuple(Status(status) for status in interview.blank_route))
        session._suggest(suggestions or {}, origins)
        session.begin()
        return session

    def _suggest(self, suggestions: Any, origins: Any = None) -> None:
        if not isinstance(suggestions, dict):
            return
        origins = origins if isinstance(origins, dict) else {}
        for key, value in suggestions.items():
            question = self.interview.by_id.get(key)
            if question is not None and check(question, value, None) is None:
                self.suggestions[key] = validate(question, value, None)
                if isinstance(origins.get(key), str):
                    self.suggestion_origins[key] = origins[key]

    # --- where we are ----------------------------------------------------------------------------

    @property
    def state(self) -> str:
        return self._cursor.state

    @property
    def current(self) -> Question | None:
        return self.interview.by_id.get(self.state)

    @property
    def is_finished(self) -> bool:
        return self.state == DONE

    def path(self) -> list[Question]:
        """The questions asked with the current answers, in order (open ones not included)."""
        statuses = self.route.statuses()
        return [
            q for q, status in zip(self.interview.questions, statuses, strict=True) if status is Status.ON
        ]

    def first_open(self) -> Question | None:
        """The first question on the path still waiting for an answer."""
        for question in self.interview.questions:
            if self.route.status(question.index) is Status.ON and not self.route.is_answered(question):
                return question
        return None

    @property
    def progress(self) -> Progress:
        statuses = self.route.statuses()
        answered = total = 0
        for question, status in zip(self.interview.questions, statuses, strict=True):
            if status is Status.OFF:
                continue
            total += 1
            if status is Status.ON and self.route.is_answered(question):
                answered += 1
        current = self.current
        return Progress(answered, total, current.section if current else None)

    def result(self) -> dict[str, Any]:
        """The answers that make the policy: on the path, answered, not skipped."""
        return {
            q.id: self.answers[q.id] for q in self.path() if q.id in self.answers and q.id not in self.skipped
        }

    def previous_answer(self, question: Question | None = None) -> Any:
        """The answer kept or suggested for `question` (default: the current one), to offer again; or None."""
        question = question or self.current
        if question is None or question.id in self.skipped:
            return None
        return self.answers.get(question.id, self.suggestions.get(question.id))

    @property
    def can_back(self) -> bool:
        if self.state == SUMMARY:
            return bool(self.path())
        question = self.current
        # Only the questions before this one matter, and they never depend on later answers.
        return question is not None and any(
            self.route.status(index) is Status.ON for index in range(question.index)
        )

    @property
    def can_skip(self) -> bool:
        question = self.current
        return question is not None and question.skippable

    @property
    def title(self) -> str | None:
        """The answer that names this draft (the organisation), if given."""
        key = self.interview.title_question
        value = self.answers.get(key) if key else None
        return value if isinstance(value, str) else None

    # --- moves ----------------------------------------------------------------------------------

    def begin(self) -> None:
        self._move("begin")
        self._notify()

    def answer(self, value: Any) -> None:
        """Answer the current question with a typed value; AnswerError (in the user's language) if invalid."""
        question = self._require_question()
        value = validate(question, value, self.interview.language(self.language))
        self._record(question, value)
        self._move("answer")
        self._after_forward()

    def answer_text(self, text: str) -> Interpretation:
        """Answer in the user's own words; an unclear answer leaves the question where it is."""
        question = self._require_question()
        understood = interpret(self.interview, question, text, self.language)
        if isinstance(understood, Understood):
            self._record(question, understood.value)
            self._move("answer")
            understood = settle(self, question, understood)
            self._after_forward()
        return understood

    def skip(self) -> None:
        question = self._require_question()
        if not question.skippable:
            raise NavigationError(self._message("not_skippable"))
        if question.id not in self.skipped:
            self.skipped.add(question.id)
            self.route.invalidate(question.index)
        self.revisit.discard(question.id)
        self._move("skip")
        self._after_forward()

    def back(self) -> None:
        if not self.can_back:
            raise NavigationError(self._message("first_question"))
        if self.editing and self.current is not None:
            self.revisit.add(self.current.id)
        self._move("back")
        self._notify()

    def review(self) -> None:
        """Go to the summary of answers from wherever the user is."""
        self._to_summary()
        self._notify()

    def _to_summary(self) -> None:
        if self.state == DONE:
            self._move("reopen")
        elif self.state == START:
            raise NavigationError(self._message("nothing_yet"))
        elif self.state != SUMMARY:
            self._move("review")

    def edit(self, question_id: str) -> None:
        """Re-ask one question; then the questions it makes relevant; then back to the summary."""
        question = self.interview.by_id.get(question_id)
        if question is None or not self.route.on_path(question):
            raise NavigationError(self._message("not_on_path"))
        self._to_summary()
        self.editing = True
        self.revisit.clear()
        self._move("edit", question=question_id)
        self._notify()

    def resume(self) -> None:
        """From the summary, go on with the first question still open."""
        self._to_summary()
        if self.first_open() is None:
            raise NavigationError(self._message("all_answered"))
        self._move("resume")
        self._notify()

    def finish(self) -> None:
        self._to_summary()
        if self.first_open() is not None:
            raise NavigationError(self._message("not_finished"))
        self._move("finish")
        self._notify()

    def set_language(self, code: str) -> None:
        """Switch the interview's language; answers are language-neutral, so only the texts change."""
        if code not in self.interview.languages:
            available = ", ".join(sorted(self.interview.languages))
            raise NavigationError(f"The interview is not available in '{code}' (available: {available}).")
        self.language = code
        self._notify()

    def subscribe(self, listener: Callable[[Session], None]) -> None:
        """Call `listener` after every change, e.g. to save the draft."""
        self._listeners.append(listener)

    def close(self) -> None:
        """Give the machine's cursor back to the interview, for the next session to use."""
        if self._cursor.session is self:
            detached = Cursor(None)
            detached.state = self.state  # still readable; no longer attached to the machine
            self.interview.return_cursor(self._cursor)
            self._cursor = detached

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- internals ------------------------------------------------------------------------------

    def _message(self, key: str) -> str:
        return self.interview.language(self.language).message(key)

    def _require_question(self) -> Question:
        question = self.current
        if question is None:
            raise NavigationError(self._message("no_question"))
        return question

    def _record(self, question: Question, value: Any) -> None:
        if question.id in self.skipped or self.answers.get(question.id, _NOTHING) != value:
            self.answers[question.id] = value
            self.skipped.discard(question.id)
            self.route.invalidate(question.index)
        self.revisit.discard(question.id)

    def _after_forward(self) -> None:
        if self.editing:
            while (
                (question := self.current) is not None
                and self.route.is_answered(question)
                and (question.id not in self.revisit)
            ):
                self._move("answer")
            if self.state == SUMMARY:
                self.editing = False
                self.revisit.clear()
        self._notify()

    def _move(self, trigger: str, **kwargs: Any) -> None:
        if self._cursor.session is not self:
            raise NavigationError(self._message("cannot_move"))
        try:
            moved = self._cursor.trigger(trigger, **kwargs)
        except MachineError:
            moved = False
        if not moved:
            raise NavigationError(self._message("cannot_move"))
        self.history.append(self.state)

    def _notify(self) -> None:
        for listener in self._listeners:
            listener(self)

    # --- drafts ---------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Everything needed to resume exactly here, as plain YAML-friendly data."""
        progress = self.progress
        return {
            "format": FORMAT,
            "interview_version": self.interview.version,
            "id": self.draft_id,
            "title": self.title,
            "progress": progress.percent,
            "language": self.language,
            "created": self.created.isoformat(),
            "state": self.state,
            "editing": self.editing,
            "revisit": sorted(self.revisit),
            "answers": {
                key: list(value) if isinstance(value, list) else value for key, value in self.answers.items()
            },
            "skipped": sorted(self.skipped),
            "suggestions": dict(self.suggestions),
            "suggestion_origins": dict(self.suggestion_origins),
            "history": list(self.history),
        }

    @classmethod
    def from_dict(cls, interview: Interview, data: Any) -> Session:
        """Rebuild a session saved with `to_dict`; DraftFormatError if the data cannot be trusted."""
        problem = draft_problem(data)
        if problem is not None:
            raise DraftFormatError(problem)
        language_code, draft_id = data.get("language"), data.get("id")
        session = cls(
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
            problem = check(question, value, language)
            if problem is not None:
                session.notices.append(language.message("draft_answer_unfit", question=key))
                continue
            session.answers[key] = validate(question, value, language)
        # Only ids are kept from the lists: anything else in them (a list, a mapping) is damage.
        session.skipped.update(
            k for k in _ids(data["skipped"]) if k in interview.by_id and interview.by_id[k].skippable
        )
        session._suggest(data.get("suggestions"), data.get("suggestion_origins"))
        session.history = _ids(data["history"]) or [START]
        session.editing = bool(data.get("editing"))
        session.revisit = {k for k in _ids(data.get("revisit")) if k in interview.by_id}
        session._restore_position(str(data["state"]), data.get("interview_version"))
        return session

    def _restore_position(self, state: str, version: Any) -> None:
        machine = self.interview.machine
        valid = state in (START, SUMMARY, DONE) or (
            state in self.interview.by_id and self.route.on_path(self.interview.by_id[state])
        )
        if state == DONE and self.first_open() is not None:
            valid = False
        if not valid:
            open_question = self.first_open()
            state = open_question.id if open_question else SUMMARY
            self.editing = False
            self.notices.append(self._message("draft_moved"))
        elif version != self.interview.version:
            self.notices.append(self._message("draft_changed"))
        machine.set_state(state, model=self._cursor)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Session):
            return NotImplemented
        mine, theirs = self.to_dict(), other.to_dict()
        return mine == theirs

    __hash__ = None  # type: ignore[assignment]


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
    if not isinstance(data, dict) or data.get("format") != FORMAT:
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
    return None


def _created(data: dict[str, Any]) -> datetime | None:
    created = data.get("created")
    return datetime.fromisoformat(str(created)) if created else None


def _ids(items: Any) -> list[str]:
    return [item for item in items if isinstance(item, str)] if isinstance(items, list) else []


_NOTHING = object()
