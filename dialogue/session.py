"""One person's way through the interview: answers, position, history.

Where each move goes is dialogue.flow's to say; a session keeps what the moves need and remember:

- `answer` moves on to the next question asked.
- `back` returns to the previous question asked; its answer is still there to accept or change.
- `edit` (from the summary) re-asks one question, then only the questions that became relevant, then
  returns to the summary.
- Answers that stop being relevant are kept, so they return if the user changes their mind, but they are
  not part of `result()`. When a change brings one back onto the path it is `returned`: asked again
  with the kept answer ready to accept, and not part of `result()` until then. Nothing comes back
  unseen (the Brussels staff languages decide which versions bind).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from dialogue import flow
from dialogue.errors import AnswerError, NavigationError
from dialogue.flow import DONE, START, SUMMARY
from dialogue.length import Span
from dialogue.model import Interview, Language, Question
from dialogue.progress import Moment, Progress, ProgressBar, kept_answer
from dialogue.route import Route, Status
from dialogue.served import worded
from dialogue.validation import check, validate
from dialogue.wording import VersionWording

if TYPE_CHECKING:
    from dialogue.interpret import Interpretation


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
        self.returned: set[str] = set()
        self.bar = ProgressBar()  # the share shown, and at each question (dialogue.progress)
        self._span: Span | None = None
        self._now: Moment | None = None  # the moment of the last move, while nothing has changed since
        self.state = START
        self.history: list[str] = [START]
        self.editing = False
        self.revisit: set[str] = set()
        self.notices: list[str] = []
        self.route = Route(interview.questions, self.answers, self.skipped, self.returned)
        self.closed = False
        self._listeners: list[Callable[[Session], None]] = []
        # Each language version's own words for typed answers (dialogue.wording): part of the draft.
        self.wording = VersionWording()

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
            session.route.seed(interview.blank_route)
        session.suggest(suggestions or {}, origins)
        session.begin()
        return session

    def suggest(self, suggestions: Any, origins: Any = None) -> None:
        """Offer the valid ones of `suggestions` (question id -> answer) to confirm or change, each with
        where it came from in `origins` (question id -> "our-policy.docx, §3 Scope, ¶2"), if given."""
        if not isinstance(suggestions, dict):
            return
        self._span = self._now = None
        origins = origins if isinstance(origins, dict) else {}
        for key, value in suggestions.items():
            question = self.interview.by_id.get(key)
            if question is not None and check(question, value, None) is None:
                self.suggestions[key] = validate(question, value, None)
                if isinstance(origins.get(key), str):
                    self.suggestion_origins[key] = origins[key]

    # --- where we are ----------------------------------------------------------------------------

    @property
    def current(self) -> Question | None:
        return self.interview.by_id.get(self.state)

    @property
    def is_finished(self) -> bool:
        return self.state == DONE

    def path(self) -> list[Question]:
        """The questions asked with the current answers, in order (open ones not included)."""
        return self.route.path()

    def first_open(self) -> Question | None:
        """The first question on the path still waiting for an answer."""
        return flow.first_open(self.route)

    @property
    def open_count(self) -> int:
        """How many questions on the path still wait for an answer (the one count the app shows)."""
        return len(self.route.open_questions())

    def still_to_answer(self) -> Span:
        """The fewest and the most questions still to answer on the path as it stands, each question
        assumed to get the answer offered for it (dialogue.length)."""
        if self._span is None:
            self._span = (self._now or self._moment()).span
        return self._span

    @property
    def answered_count(self) -> int:
        return sum(1 for question in self.path() if self.route.is_answered(question))

    @property
    def progress(self) -> Progress:
        answered = self.answered_count
        current = self.current
        return Progress(
            answered,
            answered + self.still_to_answer().likely,
            current.section if current else None,
            round(self.bar.share),
        )

    def settled_progress(self) -> float:
        """The share answered, from the answers alone: for a draft saved without its progress."""
        return self._moment().settled_share()

    def result(self) -> dict[str, Any]:
        """The answers that make the policy: on the path, answered, not skipped."""
        return self.route.given()

    def previous_answer(self, question: Question | None = None) -> Any:
        """The answer kept or suggested for `question` (default: the current one), to offer again; or None."""
        question = question or self.current
        if question is None:
            return None
        return kept_answer(question, self.answers, self.skipped, self.suggestions)

    @property
    def can_back(self) -> bool:
        if self.state == SUMMARY:
            return bool(self.path())
        question = self.current
        # Only the questions before this one matter, and they never depend on later answers.
        return question is not None and flow.before(self.route, question.index) is not None

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
        self._require(self.state == START)
        self._go(flow.first_question(self.route))
        if self.current is not None:
            self.bar.at[self.current.id] = self.bar.share
        self._notify()

    def answer(self, value: Any) -> None:
        """Answer the current question with a typed value; AnswerError (in the user's language) if invalid."""
        question = self._require_question()
        value = validate(question, value, self.interview.language(self.language))
        self._record(question, value)
        self._forward(question)

    def answer_text(self, text: str) -> Interpretation:
        """Answer in the user's own words; an unclear answer leaves the question where it is."""
        question = self._require_question()
        # Not imported before the first question: about 3 ms (docs/decisions.md, "Start-up").
        from dialogue.interpret import Understood, interpret
        from dialogue.words.details import settle
        from dialogue.words.follow_ups import offer_follow_ups

        understood = interpret(self.interview, question, text, self.language)
        if isinstance(understood, Understood):
            self._record(question, understood.value)
            self._advance(question)
            # The words typed beside the answer are offered to the follow-up question the move brought
            # onto the path (or said to be left out) before the change is announced and saved.
            understood = settle(self, question, understood)
            offer_follow_ups(self, question, text)  # "un hôpital" also names the kind of care, offered next
            self._notify()
        return understood

    def skip(self) -> None:
        question = self._require_question()
        if not question.skippable:
            raise NavigationError(self._message("not_skippable"))
        if question.id not in self.skipped or question.id in self.returned:
            self._change(question, lambda: self.skipped.add(question.id))
        self.revisit.discard(question.id)
        self._forward(question)

    def back(self) -> None:
        self._require(True)
        if not self.can_back:
            raise NavigationError(self._message("first_question"))
        current = self.current
        if self.editing and current is not None:
            self.revisit.add(current.id)
        index = current.index if current is not None else len(self.interview.questions)
        previous = flow.before(self.route, index)
        assert previous is not None  # can_back
        self._go(previous.id)
        self.bar.share = min(self.bar.share, self.bar.at.get(previous.id, 100.0))
        self._notify()

    def review(self) -> None:
        """Go to the summary of answers from wherever the user is."""
        self._to_summary()
        self._notify()

    def edit(self, question_id: str) -> None:
        """Re-ask one question; then the questions it makes relevant; then back to the summary."""
        question = self.interview.by_id.get(question_id)
        if question is None or not self.route.on_path(question):
            raise NavigationError(self._message("not_on_path"))
        self._to_summary()
        self.editing = True
        self.revisit.clear()
        self._go(question.id)
        self._notify()

    def resume(self) -> None:
        """From the summary, go on with the first question still open."""
        self._to_summary()
        question = self.first_open()
        if question is None:
            raise NavigationError(self._message("all_answered"))
        self._go(question.id)
        self._notify()

    def finish(self) -> None:
        self._to_summary()
        if self.first_open() is not None:
            raise NavigationError(self._message("not_finished"))
        self._go(DONE)
        self._notify()

    def set_language(self, code: str) -> None:
        """Switch the interview's language; answers are language-neutral, so only the texts change."""
        if code not in self.interview.languages:
            available = ", ".join(sorted(self.interview.languages))
            raise NavigationError(f"The interview is not available in '{code}' (available: {available}).")
        self.language = code
        self._notify()

    def word(self, version: str, question_id: str, words: str | None) -> None:
        """Give language version `version` its own `words` for the typed answer to `question_id` (None or
        blank: the words as typed again); AnswerError, in the user's language, when they do not fit."""
        question = self.interview.by_id.get(question_id)
        language = self.interview.language(self.language)
        if question is None:
            raise AnswerError(language.message("not_on_path"))
        self.wording.give(version, question, words, self.result(), language)
        self._notify()

    def version_wording(self) -> dict[str, dict[str, str]]:
        """Per language version, its own words for the typed answers as they are now (for
        clauses.wording.answers_for; an answers file's `wording:`)."""
        return self.wording.current(self.result())

    def subscribe(self, listener: Callable[[Session], None]) -> None:
        """Call `listener` after every change, e.g. to save the draft."""
        self._listeners.append(listener)

    def close(self) -> None:
        """No more moves: the conversation that made them is over (its state stays readable)."""
        self.closed = True

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def texts(self) -> Language:
        """The interview's texts in the session's language, as they read for this organisation (a
        hospital is asked about its patients, not its customers: dialogue.served)."""
        return worded(self.interview.language(self.language), self.answers)

    # --- internals ------------------------------------------------------------------------------

    def _message(self, key: str) -> str:
        return self.interview.language(self.language).message(key)

    def _require(self, allowed: bool) -> None:
        if self.closed or not allowed:
            raise NavigationError(self._message("cannot_move"))

    def _require_question(self) -> Question:
        self._require(True)
        question = self.current
        if question is None:
            raise NavigationError(self._message("no_question"))
        return question

    def _record(self, question: Question, value: Any) -> None:
        if (
            question.id in self.skipped
            or question.id in self.returned
            or self.answers.get(question.id, _NOTHING) != value
        ):

            def give() -> None:
                self.answers[question.id] = value
                self.skipped.discard(question.id)

            self._change(question, give)
        self.revisit.discard(question.id)

    def _change(self, question: Question, apply: Callable[[], None]) -> None:
        """Apply a new answer (or skip) to `question`; a kept answer it brings back onto the path is
        marked `returned`, to be asked again."""
        route, by_id, returned = self.route, self.interview.by_id, self.returned
        later = [
            other
            for key in (*self.answers, *self.skipped)
            if (other := by_id[key]).index > question.index and key not in returned
        ]
        dormant = (
            sorted(
                {other.index: other for other in later if route.status(other.index) in _NOT_ASKED}.values(),
                key=lambda other: other.index,
            )
            if later
            else []
        )
        self.bar.freeze()
        apply()
        self._span = self._now = None
        self.returned.discard(question.id)
        route.reconsider(question.index)
        for other in dormant:
            if route.status(other.index) not in _NOT_ASKED:
                self.returned.add(other.id)
                route.reconsider(other.index)

    def _forward(self, question: Question) -> None:
        self._advance(question)
        self._notify()

    def _advance(self, question: Question) -> None:
        editing = self.editing
        self._go(flow.after_answer(self.route, question, editing=editing, revisit=self.revisit))
        if self.state == SUMMARY:
            self.editing = False
            self.revisit.clear()
        # What is left is counted when someone looks at the bar (dialogue.progress).
        self._now = self._moment()
        self.bar.moved(
            self._now, editing=editing, shown=self.state if self.state in self.interview.by_id else None
        )

    def _moment(self) -> Moment:
        return Moment(self.interview, self.answers, self.skipped, self.returned, self.suggestions, self.route)

    def _to_summary(self) -> None:
        self._require(True)
        if self.state == START:
            raise NavigationError(self._message("nothing_yet"))
        if self.state != SUMMARY:
            self._go(SUMMARY)

    def _go(self, state: str) -> None:
        self.state = state
        self.history.append(state)

    def _notify(self) -> None:
        for listener in self._listeners:
            listener(self)


_NOTHING = object()
_NOT_ASKED = (Status.OFF, Status.IMPLIED)
