"""The conversation: the transcript, the answer dock, the progress line and the live preview."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from assistant import conversation
from assistant.answers import describe
from assistant.drafting import LibraryUnavailable, PolicyNotReady
from assistant.keeper import NotSaved, Outcome, Saved
from assistant.keys import CHAT_KEYS, bind_keys
from assistant.messages import (
    AnswerGiven,
    DraftNotSaved,
    DraftSaved,
    ExportFailed,
    ExportFinished,
    PolicyAssembled,
)
from assistant.rendering import Labels
from assistant.typed import Command, UnknownCommand
from assistant.widgets.answer_dock import AnswerDock
from assistant.widgets.footer import KeysFooter
from assistant.widgets.preview import PolicyPreview
from assistant.widgets.transcript import Transcript
from dialogue.errors import AnswerError, NavigationError
from dialogue.interpret import Unclear
from dialogue.machine import DONE, SUMMARY
from dialogue.model import Kind
from dialogue.session import Session

if TYPE_CHECKING:
    from assistant.app import PolicyAssistant


def preview_labels(app: PolicyAssistant) -> Labels:
    texts = app.texts
    return Labels(
        changed=texts("preview.changed_mark"), new=texts("preview.new_mark"), annex=texts("preview.annex")
    )


PREVIEW_DELAY = 0.04  # seconds between an answer and the assembly of the policy it changes


class ChatScreen(Screen[None]):
    """One session of the interview, as a chat."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (30, "-tall")]

    def __init__(self, session: Session, *, resumed: bool = False, saved: datetime | None = None) -> None:
        super().__init__()
        self.session = session
        self.resumed = resumed
        self._saved = saved  # when a resumed draft was last saved
        self.document: Any | None = None  # the policy as the answers so far make it
        self.previous_document: Any | None = None  # ... and before the last change, to show what changed
        self.preview_problem: str | None = None
        self._assembly = 0
        self._asked: str | None = None  # the question on screen, so it is asked once
        self._section: str | None = None
        self._save_failed = False
        self._done_said = False
        self._last_edit: str | None = None
        bind_keys(self, CHAT_KEYS, self.assistant.texts)

    @property
    def assistant(self) -> PolicyAssistant:
        return cast("PolicyAssistant", self.app)

    def t(self, key: str, **values: Any) -> str:
        return self.assistant.texts(key, **values)

    # --- layout -----------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="top-bar"):
            yield Static(Content(self.t("app.title")), id="app-title")
            yield Static(id="progress")
            yield Static(id="save-status")
        with Horizontal(id="body"):
            with Vertical(id="conversation"):
                yield Transcript(id="transcript")
                yield AnswerDock(id="dock")
            preview = PolicyPreview(preview_labels(self.assistant), id="side-preview")
            preview.border_title = self.t("preview.title")
            yield preview
        yield KeysFooter()

    @property
    def transcript(self) -> Transcript:
        return self.query_one(Transcript)

    @property
    def dock(self) -> AnswerDock:
        return self.query_one(AnswerDock)

    @property
    def side_preview(self) -> PolicyPreview:
        return self.query_one("#side-preview", PolicyPreview)

    def on_mount(self) -> None:
        self.assistant.keeper.attach(self.session, self._report_save)
        self.side_preview.show_message(self.t("preview.waiting"))
        if self._saved is not None:
            self._show_saved(self._saved)
        if self.resumed:
            self._replay()
        else:
            self._say(self.t("chat.greeting", count=self.session.progress.total))
        for notice in self.session.notices:
            self._say(self.t("chat.notice", notice=notice))
        self.present()
        # The clause library loads in a worker once the first question is on screen.
        self.call_after_refresh(self.assistant.warm_up)
        self.call_after_refresh(self.request_preview)

    def on_unmount(self) -> None:
        self.session.close()

    def _replay(self) -> None:
        """Rebuild the transcript of a resumed draft from its answers."""
        self._say(self.t("chat.resumed"))
        for exchange in conversation.answered_so_far(self.session, self.assistant.texts):
            self._divide(exchange.question.section)
            texts = self.session.interview.language(self.session.language).questions[exchange.question.id]
            self.transcript.say(self.t("chat.assistant"), texts.text, variant="question")
            self.transcript.hear(self.t("chat.you"), exchange.answer)

    # --- the conversation ---------------------------------------------------------------------------

    def _say_where(self) -> None:
        """At the summary (or done) in the conversation: what can be done from here."""
        complete = self.session.first_open() is None
        self._say(self.t("chat.summary_state_complete" if complete else "chat.summary_state"))

    def _say(self, text: str, variant: str = "note") -> None:
        self.transcript.say(self.t("chat.assistant"), text, variant=variant)

    def _divide(self, section: str | None) -> None:
        if section and section != self._section:
            self._section = section
            self.transcript.divider(
                self.t("chat.section", section=conversation.section_title(self.session, section))
            )

    def present(self, *, again: bool = False) -> None:
        """Show where the session stands: ask the current question, or open the summary."""
        session = self.session
        self._update_progress()
        question = session.current
        if question is not None:
            if question.id != self._asked or again:
                self._asked = question.id
                self._divide(question.section)
                texts = session.interview.language(session.language).questions[question.id]
                self.transcript.say(self.t("chat.assistant"), texts.text, hint=texts.hint, variant="question")
            self.dock.ask(conversation.prompt_for(session, question, self.assistant.texts))
            return
        self._asked = None
        if session.state == SUMMARY:
            self.dock.idle(self.t("chat.placeholder_idle"), self.t("chat.help_line"))
            self.open_summary()
        elif session.state == DONE:
            self.dock.idle(self.t("chat.placeholder_idle"), self.t("chat.help_line"))
            if self.resumed and not self._done_said:
                self._say(self.t("chat.done"))
        if session.state == DONE:
            self._done_said = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide skip where the question cannot be skipped; grey back out where there is nothing before."""
        if action == "skip":
            return self.session.can_skip
        if action == "back":
            return True if self.session.can_back else None
        return True

    def _update_progress(self) -> None:
        self.refresh_bindings()
        self.query_one("#progress", Static).update(
            Content(conversation.progress_text(self.session, self.assistant.texts))
        )

    # --- answers --------------------------------------------------------------------------------------

    @on(AnswerDock.Picked)
    def _picked(self, event: AnswerDock.Picked) -> None:
        question = self.session.current
        if question is None:
            return
        was_editing = self.session.editing
        try:
            self.session.answer(event.value)
        except (AnswerError, NavigationError) as error:
            self._say(str(error), variant="problem")
            return
        self._answered(question.id, was_editing)

    @on(AnswerDock.Typed)
    def _typed(self, event: AnswerDock.Typed) -> None:
        question = self.session.current
        typed = conversation.read_input(self.session, event.text, self.assistant.texts)
        if isinstance(typed, Command):
            self.dock.prefill("")
            self.run_command(typed.name)
        elif isinstance(typed, UnknownCommand):
            self._say(
                self.t("chat.unknown_command", command=typed.typed, help=self.t("chat.help")), "problem"
            )
        elif question is None:
            self._say_where()
            self.dock.prefill("")
        else:
            self._answer_in_words(typed.text)

    def _answer_in_words(self, text: str) -> None:
        question = self.session.current
        assert question is not None
        was_editing = self.session.editing
        try:
            result = self.session.answer_text(text)
        except NavigationError as error:
            self._say(str(error), variant="problem")
            return
        if isinstance(result, Unclear):
            if question.kind.has_choices or question.kind is Kind.YESNO:
                self.transcript.hear(self.t("chat.you"), " ".join(text.split()))
                self._say(result.message, variant="problem")
                self.dock.prefill("")
            else:
                self.dock.show_problem(self.t("chat.problem_prefix") + result.message)
            return
        self._answered(question.id, was_editing)

    def _answered(self, question_id: str, was_editing: bool) -> None:
        session = self.session
        question = session.interview.by_id[question_id]
        label = describe(session.interview, question, session.answers.get(question_id), session.language)
        self.transcript.hear(self.t("chat.you"), label)
        self.post_message(AnswerGiven(question_id, label))
        if session.state == SUMMARY:
            self._say(self.t("chat.back_to_summary" if was_editing else "chat.summary_open"))
        self.present()

    def on_answer_given(self, message: AnswerGiven) -> None:
        # A moment later: the next question is painted before the worker competes for the GIL. The
        # preview still follows well within the 100 ms users perceive as immediate.
        self.set_timer(PREVIEW_DELAY, self.request_preview)

    # --- commands ---------------------------------------------------------------------------------------

    def run_command(self, name: str) -> None:
        if name == "quit":
            self.call_next(self.assistant.action_quit)
            return
        action = getattr(self, f"action_{name}", None)
        if action is not None:
            action()

    def action_back(self) -> None:
        try:
            self.session.back()
        except NavigationError as error:
            self._say(str(error), variant="problem")
            return
        self._say(self.t("chat.going_back"))
        self.present(again=True)

    def action_skip(self) -> None:
        question = self.session.current
        if question is None or not self.session.can_skip:
            self._say(self.t("chat.cannot_skip"), variant="problem")
            return
        was_editing = self.session.editing
        self.session.skip()
        if self.session.state == SUMMARY:
            self._say(self.t("chat.back_to_summary" if was_editing else "chat.summary_open"))
        self.transcript.hear(self.t("chat.you"), self.t("chat.skipped"))
        self.post_message(AnswerGiven(question.id, self.t("chat.skipped")))
        self.present()

    def action_why(self) -> None:
        question = self.session.current
        if question is None:
            self._say_where()
            return
        texts = self.session.interview.language(self.session.language).questions[question.id]
        self._say(self.t("chat.why", why=texts.why), variant="why")

    def action_help(self) -> None:
        self._say(self.t("chat.help"))

    def action_summary(self) -> None:
        if self.session.state != SUMMARY:
            try:
                self.session.review()
            except NavigationError as error:
                self._say(str(error), variant="problem")
                return
        self._asked = None
        self.present()

    def action_continue(self) -> None:
        if self.session.current is not None:
            self.dock.focus_answer()
            return
        try:
            self.session.resume()
        except NavigationError as error:
            self._say(str(error), variant="problem")
            return
        self.present()

    def action_finish(self) -> None:
        try:
            self.session.finish()
        except NavigationError as error:
            self._say(str(error), variant="problem")
            return
        self._update_progress()
        self._say(self.t("chat.done"))
        self._done_said = True
        self.present()
        self.action_export()

    def action_preview(self) -> None:
        from assistant.screens.preview import PreviewScreen

        self.app.push_screen(PreviewScreen(self))

    def action_save(self) -> None:
        if not (self.session.answers or self.session.skipped):
            self._say(self.t("chat.nothing_to_save"))
            return
        self.assistant.keeper.save(self.session, partial(self._report_save, announce=True))

    def action_export(self) -> None:
        """Open the export dialog; while questions are open, say how many need an answer first."""
        from assistant.screens.export import ExportDialog

        open_count = self._open_count()
        if open_count:
            self._say(self.t("export.not_ready", count=open_count), variant="problem")
            if self.app.screen is not self:
                self.app.notify(self.t("export.not_ready", count=open_count), severity="warning")
            return
        self.app.push_screen(ExportDialog(self), self._export_chosen)

    def _open_count(self) -> int:
        return sum(1 for question in self.session.path() if not self.session.route.is_answered(question))

    def open_summary(self) -> None:
        from assistant.screens.summary import SummaryScreen

        if not any(isinstance(screen, SummaryScreen) for screen in self.app.screen_stack):
            self.app.push_screen(SummaryScreen(self, focus=self._last_edit), self._summary_closed)
            self._last_edit = None

    def _summary_closed(self, choice: tuple[str, str | None] | None) -> None:
        action, argument = choice or ("close", None)
        if action == "edit" and argument:
            try:
                self.session.edit(argument)
            except NavigationError as error:
                self._say(str(error), variant="problem")
                return
            self._last_edit = argument
            self._say(self.t("chat.editing"))
            self.present(again=True)
        elif action == "continue":
            self.action_continue()
        elif action == "finish":
            self.action_finish()
        elif self.session.state == SUMMARY and self.session.first_open() is not None:
            self.action_continue()
        elif self.session.current is None:
            self._say_where()

    # --- saving -------------------------------------------------------------------------------------------

    def _report_save(self, outcome: Outcome, announce: bool = False) -> None:
        """The outcome of a save, as a message: the status line changes after the next question shows."""
        if isinstance(outcome, Saved):
            message: DraftSaved | DraftNotSaved = DraftSaved(outcome.draft_id, outcome.path, outcome.at)
        else:
            assert isinstance(outcome, NotSaved)
            message = DraftNotSaved(outcome.draft_id, outcome.problem)
        message.announce = announce
        self.post_message(message)

    def on_draft_saved(self, message: DraftSaved) -> None:
        self._save_failed = False
        local: datetime = message.at.astimezone() if message.at.tzinfo else message.at
        self.query_one("#save-status", Static).update(
            Content(self.t("status.saved", time=local.strftime("%H:%M")))
        )
        if message.announce:
            self._say(self.t("chat.saved_now", path=str(message.path)))

    def _show_saved(self, at: datetime) -> None:
        local = at.astimezone() if at.tzinfo else at
        self.query_one("#save-status", Static).update(
            Content(self.t("status.saved", time=local.strftime("%H:%M")))
        )

    def on_draft_not_saved(self, message: DraftNotSaved) -> None:
        self.query_one("#save-status", Static).update(Content(self.t("status.not_saved")))
        if not self._save_failed or message.announce:
            self._say(self.t("status.not_saved_message", problem=message.problem), variant="problem")
        self._save_failed = True

    # --- the policy -------------------------------------------------------------------------------------

    def request_preview(self) -> None:
        """Assemble the policy from the answers so far, in a thread; the newest assembly wins."""
        self._assembly += 1
        answers = dict(self.session.result())
        if not answers:
            self.post_message(PolicyAssembled(self._assembly, None, self.t("preview.waiting")))
            return
        self.run_worker(
            partial(self._assemble, self._assembly, answers, self.session.language),
            thread=True,
            exclusive=True,
            group="assemble",
            exit_on_error=False,
        )

    def _assemble(self, generation: int, answers: dict[str, Any], language: str) -> None:
        drafter = self.assistant.drafter
        try:
            document = drafter.assemble(answers, language, partial=True)
        except LibraryUnavailable as error:
            self.post_message(
                PolicyAssembled(generation, None, self.t("preview.unavailable", problem=str(error)))
            )
        except PolicyNotReady as error:
            # A partial assembly leaves out what waits for an answer: what fails is a clause itself
            # (one from a --clauses folder that goes over the sandbox's limits), so say which.
            self.post_message(
                PolicyAssembled(generation, None, self.t("preview.unavailable", problem=str(error)))
            )
        else:
            self.post_message(PolicyAssembled(generation, document))

    def on_policy_assembled(self, message: PolicyAssembled) -> None:
        if message.generation != self._assembly:
            return  # an older assembly finished late
        if message.document is not None and self.document is not None:
            self.previous_document = self.document
        self.document = message.document
        self.preview_problem = message.problem
        for preview in self.previews():
            if message.document is None:
                preview.show_message(message.problem or "")
            else:
                preview.show_document(message.document)

    def previews(self) -> list[PolicyPreview]:
        """The side preview and the full-screen preview when it is open."""
        from assistant.screens.preview import PreviewScreen

        found = [self.side_preview]
        found += [screen.preview for screen in self.app.screen_stack if isinstance(screen, PreviewScreen)]
        return found

    @on(PolicyPreview.Updated, "#side-preview")
    def _side_preview_updated(self, event: PolicyPreview.Updated) -> None:
        self._update_preview_subtitle(event.preview)

    def _update_preview_subtitle(self, preview: PolicyPreview) -> None:
        rendered = preview.rendered
        if rendered is None:
            preview.border_subtitle = ""
            return
        preview.border_subtitle = self.preview_caption(rendered)

    def preview_caption(self, rendered: Any) -> str:
        """ "412 words · 2 changed · in progress": the preview's size, what moved, whether it is final."""
        parts = [self.t("preview.words", words=f"{rendered.words:,}")]
        if rendered.changed:
            parts.append(self.t("preview.changed", count=len(rendered.changed)))
        if self.session.first_open() is not None:
            parts.append(self.t("preview.in_progress"))
        return " · ".join(parts)

    # --- export --------------------------------------------------------------------------------------------

    def _export_chosen(self, request: Any) -> None:
        if request is None:
            return
        self._say(self.t("export.working"))
        answers = dict(self.session.result())
        self.run_worker(
            partial(self._export, request, answers, self.session.language, self._open_count()),
            thread=True,
            group="export",
            exit_on_error=False,
        )

    def _export(self, request: Any, answers: dict[str, Any], language: str, open_count: int) -> None:
        from assistant.exporting import ExportProblem, PolicyIncomplete, export

        try:
            paths = export(self.assistant.drafter, answers, language, request)
        except PolicyIncomplete as error:
            if open_count:
                self.post_message(ExportFailed(self.t("export.not_ready", count=open_count)))
            else:
                self.post_message(ExportFailed(self.t("export.failed", problem=str(error))))
        except ExportProblem as error:
            self.post_message(ExportFailed(self.t("export.failed", problem=str(error))))
        else:
            self.post_message(ExportFinished(paths))

    def on_export_finished(self, message: ExportFinished) -> None:
        folder = message.paths[0].parent if message.paths else ""
        files = "\n".join(f"  {path.name}" for path in message.paths)
        self._say(self.t("export.written", folder=str(folder), files=files))
        self.app.notify(  # markup=False: the folder's name is text, brackets and all
            self.t("export.written_short", count=len(message.paths), folder=str(folder)),
            timeout=8,
            markup=False,
        )

    def on_export_failed(self, message: ExportFailed) -> None:
        self._say(message.problem, variant="problem")
        self.app.notify(message.problem, severity="error", timeout=8, markup=False)
