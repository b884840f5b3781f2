"""The conversation: one session of the interview as the app runs it. Not a widget.

It holds the session, what has been said (`transcript`), where the session stands (`position`),
whether the draft reached the disk (`save_state`), the policy as the answers make it (`policy`,
assistant.conversation.policy) and its exports (`exports`). Its state is reactive: the chat screen,
the summary, the previews and the app bind to it with `watch`, and call its methods for what the user
does. It never opens a screen: the app does that, following `position` (the summary) or a screen's
action (the preview, the export dialog). The values it holds are in assistant.conversation.state.
"""

from __future__ import annotations

from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from textual.dom import DOMNode
from textual.reactive import var

from assistant.answers import describe
from assistant.conversation import narration
from assistant.conversation.host import Host
from assistant.conversation.narration import Line, heard, note
from assistant.conversation.policy import LivePolicy
from assistant.conversation.prompts import progress_text, prompt_for, read_input
from assistant.conversation.state import Position, Reply, SaveState
from assistant.draft_errors import said
from assistant.keeper import NotSaved, Outcome, Saved
from assistant.texts import UiTexts
from assistant.typed import Command, UnknownCommand
from clauses import language_law
from dialogue.errors import AnswerError, NavigationError
from dialogue.flow import DONE, SUMMARY
from dialogue.model import Kind, Question
from dialogue.session import Session

if TYPE_CHECKING:
    from assistant.conversation.exports import Exports
    from assistant.conversation.wording import YourWords


class Conversation(DOMNode):
    transcript: var[tuple[Line, ...]] = var(())
    position: var[Position | None] = var(None, always_update=True)
    save_state: var[SaveState] = var(SaveState())

    def __init__(
        self,
        host: Host,
        session: Session,
        *,
        resumed: bool = False,
        saved_at: datetime | None = None,
    ) -> None:
        super().__init__()
        self.host = host
        self.session = session
        self.resumed = resumed
        self.policy = LivePolicy(host, session)
        self.last_edit: str | None = None  # the answer last changed from the summary, to show there
        self._asked: str | None = None  # the question on screen, so it is asked once
        self._section: str | None = None  # the section of the last divider
        self._explained: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # seats last explained
        self._done_said = False
        self._started = False
        self._held: list[Line] | None = None  # said while an answer is taken, told at once (say)
        if saved_at is not None:
            self.save_state = SaveState(saved_at)

    @property
    def texts(self) -> UiTexts:
        return self.host.texts

    # The exports and the typed words are imported when first used, never before the first question:
    # with them came clauses.wording, its markup and Jinja2, about 26 of the 82 ms our imports took
    # before the first question (docs/decisions.md, "Start-up").
    @cached_property
    def words(self) -> YourWords:
        from assistant.conversation.wording import YourWords

        return YourWords(self.host, self.session, self.policy.request)

    @cached_property
    def exports(self) -> Exports:
        from assistant.conversation.exports import Exports

        return Exports(self.host, self.session, self.say, self.words)

    @property
    def _in_browser(self) -> bool:
        """In a browser tab (policy-assistant serve), some keys are the browser's (assistant.bindings)."""
        return bool(getattr(self.host, "is_web", False))

    # --- saying ---------------------------------------------------------------------------------------

    def say(self, *lines: Line) -> None:
        if self._held is not None:  # one change of `transcript` per answer: the chat mounts them at once
            self._held.extend(lines)
            return
        self.transcript = (*self.transcript, *lines)

    def _tell_held(self) -> None:
        held, self._held = self._held, None
        if held:
            self.say(*held)

    def _divide(self, section: str | None) -> None:
        if section and section != self._section:
            self._section = section
            self.say(narration.section_line(self.session, section, self.texts))

    def say_problem(self, text: str) -> None:
        self.say(note(text, "problem"))

    # --- where we are ---------------------------------------------------------------------------------

    def start(self) -> None:
        """Greet (or tell a resumed draft again), then ask: once, when the chat first shows."""
        if self._started:
            return
        self._started = True
        self.host.keeper.attach(self.session, self._report_save)
        if self.resumed:
            self._replay(self.texts("chat.resumed"))
        else:
            self.say(*narration.greeting(self.session, self.texts, browser=self._in_browser))
        for notice in self.session.notices:
            self.say(note(self.texts("chat.notice", notice=notice)))
        self._present()
        # The clause library loads in a worker once the first question is on screen.
        self.host.call_after_refresh(self.host.warm_up)

    def close(self) -> None:
        """The chat is gone: no more moves (the draft is saved already)."""
        self.session.close()

    def _replay(self, intro: str, *, greet: bool = False) -> None:
        shown = self.policy.version_to_show()
        lines, self._section = narration.replay(
            self.session, self.texts, intro, shown, greet=greet, browser=self._in_browser
        )
        self.transcript = tuple(lines)

    def _present(self, *, again: bool = False) -> None:
        """Ask the current question (once, or `again`), and say where the session stands."""
        session = self.session
        question = session.current
        if question is not None:
            if question.id != self._asked or again:
                self._asked = question.id
                self._divide(question.section)
                self.say(narration.question_line(session, question))
                offered = narration.suggestion_line(session, question, self.texts) or narration.returned_line(
                    session, question, self.texts
                )
                if offered is not None:
                    self.say(offered)
        else:
            self._asked = None
            if session.state == DONE and self.resumed and not self._done_said:
                self.say(note(self.texts("chat.done")))
        if session.state == DONE:
            self._done_said = True
        self._tell_held()  # what was said shows before where we are
        self.position = Position(
            state=session.state,
            question=question,
            prompt=prompt_for(session, question, self.texts) if question is not None else None,
            progress=progress_text(session, self.texts),
            can_back=session.can_back,
            can_skip=session.can_skip,
            open_count=session.open_count,
        )

    def where_we_are(self) -> None:
        """At the summary (or done) in the conversation: what can be done from here."""
        self.say(narration.where_we_are(self.session, self.texts))

    # --- the language we talk in --------------------------------------------------------------------

    def set_language(self, code: str) -> None:
        """Everything in the new language (the app's texts already are): every answer stays, the draft
        records the language, and the conversation is told again."""
        self.session.set_language(code)  # answers are language-neutral; the draft records it
        self._asked = None
        self._replay(self.texts("language.switched"), greet=True)  # the greeting, in the new language
        self._present(again=True)
        if self.session.state == DONE:
            self.where_we_are()  # (at the summary, the summary says it)
        self.policy.request()

    # --- answers ---------------------------------------------------------------------------------------

    def pick(self, value: Any) -> None:
        """An answer chosen from the list (or the ticks confirmed)."""
        question = self.session.current
        if question is None:
            return
        was_editing = self.session.editing
        try:
            self.session.answer(value)
        except (AnswerError, NavigationError) as error:
            self.say_problem(str(error))
            return
        self._answered(question, was_editing)

    def submit(self, text: str) -> Reply:
        """Text sent from the answer box: a command for the screen to run, or an answer in words."""
        typed = read_input(self.session, text, self.texts)
        if isinstance(typed, Command):
            return Reply(command=typed, clear=True)
        if isinstance(typed, UnknownCommand):
            help_line = self.texts("chat.help")
            self.say_problem(self.texts("chat.unknown_command", command=typed.typed, help=help_line))
            return Reply()
        question = self.session.current
        if question is None:
            self.where_we_are()
            return Reply(clear=True)
        if not typed.text.strip() and question.skippable and self.session.can_skip:
            # The question says it may be skipped: Enter on an empty box is how people skip.
            self.skip()
            return Reply(clear=True)
        return self._answer_in_words(question, typed.text)

    def _answer_in_words(self, question: Question, text: str) -> Reply:
        from dialogue.interpret import Unclear  # after the first question (Session.answer_text)

        was_editing = self.session.editing
        try:
            result = self.session.answer_text(text)
        except NavigationError as error:
            self.say_problem(str(error))
            return Reply()
        if isinstance(result, Unclear):
            if question.kind.has_choices or question.kind is Kind.YESNO:
                self.say(heard(" ".join(text.split())))
                self.say_problem(result.message)
                return Reply(clear=True)
            return Reply(problem=self.texts("chat.problem_prefix") + result.message)
        self._answered(question, was_editing, result.said)
        return Reply()

    def _answered(self, question: Question, was_editing: bool, understood: str = "") -> None:
        session, self._held = self.session, []
        try:
            label = describe(session.interview, question, session.answers.get(question.id), session.language)
            self.say(heard(label))
            if understood:  # from the typed words: "Ghent, so Flanders (Dutch-speaking region)."
                self.say(note(understood))
            self.say(*narration.duty_lines(session, question, self.texts))  # the law says so, at once
            if question.id in language_law.SEAT_QUESTIONS:
                self._explain_versions()
            self._moved_on(was_editing)
        finally:
            self._tell_held()

    def _moved_on(self, was_editing: bool) -> None:
        # Once the next question is painted: the assembly's worker would compete for the GIL.
        self.host.call_after_refresh(self.policy.request)
        if self.session.state == SUMMARY:
            self.say(note(self.texts("chat.back_to_summary" if was_editing else "chat.summary_open")))
        self._present()

    def _explain_versions(self) -> None:
        """Say which versions the law requires, once the seats are known (or when they changed)."""
        answers = self.session.result()
        if not language_law.seats_known(answers):
            return
        seats = (tuple(answers["regions"]), tuple(answers.get("staff_languages") or ()))
        if seats == self._explained:
            return
        self._explained = seats
        explained = narration.versions_explained(self.session, self.texts, self.policy.version_to_show())
        if explained is not None:
            self.say(explained)

    # --- commands ------------------------------------------------------------------------------------

    def back(self) -> None:
        try:
            self.session.back()
        except NavigationError as error:
            self.say_problem(str(error))
            return
        self.say(note(self.texts("chat.going_back")))
        self._present(again=True)

    def skip(self) -> None:
        question = self.session.current
        if question is None or not self.session.can_skip:
            self.say_problem(self.texts("chat.cannot_skip"))
            return
        was_editing = self.session.editing
        self.session.skip()
        self.say(heard(self.texts("chat.skipped")))
        self._moved_on(was_editing)

    def why(self) -> None:
        question = self.session.current
        if question is None:
            self.where_we_are()
            return
        words = self.session.texts().questions[question.id]
        self.say(note(self.texts("chat.why", why=words.why), "why"))

    def help(self) -> None:
        self.say(note(self.texts("chat.help")))

    def review(self) -> bool:
        """Go to the summary (the app opens it); False, with the reason said, when there is none yet."""
        if self.session.state != SUMMARY:
            try:
                self.session.review()
            except NavigationError as error:
                self.say_problem(str(error))
                return False
        self._asked = None
        self._present()
        return True

    def continue_(self) -> None:
        """Go on with the first open question (from the summary)."""
        if self.session.current is not None:
            return
        try:
            self.session.resume()
        except NavigationError as error:
            self.say_problem(str(error))
            return
        self._present()

    def finish(self) -> bool:
        """Complete the policy; False, with the reason said, while questions are open."""
        try:
            self.session.finish()
        except NavigationError as error:
            self.say_problem(str(error))
            return False
        self.say(note(self.texts("chat.done")))
        self._done_said = True
        self._present()
        return True

    def edit(self, question_id: str) -> None:
        """Ask `question_id` again (chosen in the summary), then what the change brings in."""
        try:
            self.session.edit(question_id)
        except NavigationError as error:
            self.say_problem(str(error))
            return
        self.last_edit = question_id
        self.say(note(self.texts("chat.editing")))
        self._present(again=True)

    def summary_closed(self) -> None:
        """The summary was closed without a choice: carry on where that makes sense."""
        if self.session.state == SUMMARY and self.session.first_open() is not None:
            self.continue_()
        elif self.session.current is None:
            self.where_we_are()

    def save(self) -> None:
        if not (self.session.answers or self.session.skipped):
            self.say(note(self.texts("chat.nothing_to_save")))
            return
        self.host.keeper.save(self.session, lambda outcome: self._report_save(outcome, announce=True))

    def choose_version(self, typed: str) -> bool:
        """Show the version `typed` names in the preview; False, with the choices said, if none."""
        code = self.policy.version_named(typed)
        if code is None:
            self.say_problem(self.policy.unknown_version(typed))
            return False
        self.policy.show_version(code)
        return True

    def export_blocked(self) -> bool:
        """Say why the policy cannot be exported yet (questions still open); False when it can."""
        problem = self.exports.not_ready()
        if problem is not None:
            self.say_problem(problem)
        return problem is not None

    # --- saving ----------------------------------------------------------------------------------------

    def _report_save(self, outcome: Outcome, announce: bool = False) -> None:
        """A save's outcome: the status line, and a word in the conversation when it matters."""
        if isinstance(outcome, Saved):
            self.save_state = SaveState(outcome.at)
            if outcome.copy_of is not None:
                pid, host = outcome.taken_by
                self.say(note(self.texts("chat.saved_as_copy", pid=pid, host=host, draft=outcome.draft_id)))
            if announce:
                self.say(note(self.texts("chat.saved_now", path=str(outcome.path))))
            return
        assert isinstance(outcome, NotSaved)
        problem = said(outcome.fault, self.texts) if outcome.fault else outcome.problem
        if not self.save_state.failed or announce:
            self.say_problem(self.texts("status.not_saved_message", problem=problem))
        self.save_state = SaveState(self.save_state.at, failed=True)
