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

from assistant import conversation, versions
from assistant.answers import describe
from assistant.draft_errors import said
from assistant.drafting import LibraryUnavailable, PolicyNotReady
from assistant.keeper import NotSaved, Outcome, Saved
from assistant.keys import CHAT_KEYS, CHAT_QUIET_KEYS, bind_keys
from assistant.languages import joined
from assistant.messages import (
    AnswerGiven,
    DraftNotSaved,
    DraftSaved,
    ExportFailed,
    ExportFinished,
    LanguageChanged,
    PolicyAssembled,
)
from assistant.rendering import Labels
from assistant.texts import available_languages, load_texts
from assistant.typed import Command, UnknownCommand
from assistant.widgets.answer_dock import AnswerDock
from assistant.widgets.footer import KeysFooter
from assistant.widgets.preview import PolicyPreview
from assistant.widgets.transcript import Transcript
from clauses import language_law
from dialogue.errors import AnswerError, NavigationError
from dialogue.flow import DONE, SUMMARY
from dialogue.interpret import Unclear
from dialogue.model import Kind
from dialogue.session import Session

if TYPE_CHECKING:
    from assistant.app import PolicyAssistant


def preview_labels(app: PolicyAssistant) -> Labels:
    texts = app.texts
    return Labels(changed=texts("preview.changed_mark"), new=texts("preview.new_mark"))


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
        self._saved_at: datetime | None = saved
        # The policy's language in the preview: chosen by the user, or None to follow the law's rule.
        self.preview_version: str | None = None
        self._explained: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # seats last explained
        bind_keys(self, CHAT_KEYS, self.assistant.texts)
        bind_keys(
            self,
            tuple((key, action, "") for key, action in CHAT_QUIET_KEYS),
            self.assistant.texts,
            show=False,
        )

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
            self._replay(self.t("chat.resumed"))
        else:
            self._say(self.t("chat.greeting", count=self.session.progress.total))
            self._say(self._language_offer())
        for notice in self.session.notices:
            self._say(self.t("chat.notice", notice=notice))
        self.present()
        # The clause library loads in a worker once the first question is on screen.
        self.call_after_refresh(self.assistant.warm_up)
        self.call_after_refresh(self.request_preview)

    def on_unmount(self) -> None:
        self.session.close()

    def _replay(self, intro: str) -> None:
        """Rebuild the transcript from the answers (a resumed draft, or in another language)."""
        self._say(intro)
        answers = self.session.result()
        for exchange in conversation.answered_so_far(self.session, self.assistant.texts):
            self._divide(exchange.question.section)
            texts = self.session.interview.language(self.session.language).questions[exchange.question.id]
            self.transcript.say(self.t("chat.assistant"), texts.text, variant="question")
            self.transcript.hear(self.t("chat.you"), exchange.answer)
            if exchange.question.id == self._last_seat_question(answers):
                self._explain_versions(again=True)

    def _language_offer(self) -> str:
        """How to change the language we talk in, with an offer in each other language, in that language."""
        texts = self.assistant.texts
        names = [versions.name(code, texts) for code in available_languages()]
        lines = [self.t("language.how", languages=joined(names, texts))]
        lines += [load_texts(code)("language.offer") for code in available_languages() if code != texts.code]
        return "\n".join(lines)

    # --- the language we talk in ---------------------------------------------------------------

    def on_language_changed(self, message: LanguageChanged) -> None:
        """Everything on screen in the new language; every answer stays, and the draft records it."""
        texts = self.assistant.texts
        bind_keys(self, CHAT_KEYS, texts)
        self.query_one("#app-title", Static).update(Content(self.t("app.title")))
        for preview in self.previews():
            preview.relabel(preview_labels(self.assistant))
        if self._saved_at is not None:
            self._show_saved(self._saved_at)
        elif self._save_failed:
            self.query_one("#save-status", Static).update(Content(self.t("status.not_saved")))
        self.transcript.clear()
        self._section = None
        self._asked = None
        self._replay(self.t("language.switched"))
        self.present(again=True)
        if self.session.current is None and not self._summary_open():
            self._say_where()  # (the summary says it when it closes)
        self._update_preview_title()
        self.request_preview()

    # --- the policy's languages ----------------------------------------------------------------

    @staticmethod
    def _last_seat_question(answers: dict[str, Any]) -> str | None:
        """The question whose answer completes the seats (after it, the languages are explained)."""
        return language_law.last_seat_question(answers)

    def _explain_versions(self, *, again: bool = False) -> None:
        """Say which language versions the law requires, once the seats are known (or they changed)."""
        answers = self.session.result()
        if not language_law.seats_known(answers):
            return
        seats = (tuple(answers["regions"]), tuple(answers.get("staff_languages") or ()))
        if seats == self._explained and not again:
            return
        self._explained = seats
        texts = self.assistant.texts
        self._say(versions.explanation(answers, texts, self.version_to_show(answers)), variant="why")

    def version_to_show(self, answers: dict[str, Any] | None = None) -> str:
        """The policy's language in the preview: the user's choice, else the law's first one."""
        if self.preview_version is not None:
            return self.preview_version
        answers = self.session.result() if answers is None else answers
        known = versions.known_versions(self.assistant.texts)
        return language_law.first_version(answers, self.session.language, known)

    def version_choices(self) -> list[str]:
        """The versions the preview can show, the required ones first."""
        return language_law.ordered_versions(
            self.session.result(), versions.known_versions(self.assistant.texts)
        )

    def show_version(self, code: str) -> None:
        """Show the policy's `code` version in the preview (full screen when the side one is hidden)."""
        self.preview_version = code
        self.request_preview()
        if not self.side_preview.display:
            self.action_preview()

    def next_version(self) -> None:
        choices = self.version_choices()
        shown = self.version_to_show()
        following = choices[(choices.index(shown) + 1) % len(choices)] if shown in choices else choices[0]
        self.preview_version = following
        self.request_preview()

    def preview_title(self) -> str:
        document = self.document
        if document is None:
            return self.t("preview.title")
        label = versions.label(document.language, self.session.result(), self.assistant.texts)
        return self.t("preview.title_version", title=self.t("preview.title"), version=label)

    def _update_preview_title(self) -> None:
        from assistant.screens.preview import PreviewScreen

        title = self.preview_title()
        self.side_preview.border_title = title
        for screen in self.app.screen_stack:
            if isinstance(screen, PreviewScreen):
                screen.show_title(title)

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
            self.run_command(typed.name, typed.argument)
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
        if question_id in language_law.SEAT_QUESTIONS:
            self._explain_versions()
        self.post_message(AnswerGiven(question_id, label))
        if session.state == SUMMARY:
            self._say(self.t("chat.back_to_summary" if was_editing else "chat.summary_open"))
        self.present()

    def on_answer_given(self, message: AnswerGiven) -> None:
        # A moment later: the next question is painted before the worker competes for the GIL. The
        # preview still follows well within the 100 ms users perceive as immediate.
        self.set_timer(PREVIEW_DELAY, self.request_preview)

    # --- commands ---------------------------------------------------------------------------------------

    def run_command(self, name: str, argument: str = "") -> None:
        if name == "quit":
            self.call_next(self.assistant.action_quit)
            return
        if name == "language":
            self._choose_language(argument)
            return
        if name == "preview" and argument:
            self._choose_version(argument)
            return
        action = getattr(self, f"action_{name}", None)
        if action is not None:
            action()

    def _choose_language(self, argument: str) -> None:
        """/language alone opens the list; /language nl (or Nederlands, Dutch...) switches at once."""
        from assistant.languages import choices_line, talk_language_named

        if not argument:
            self.assistant.action_language()
            return
        code = talk_language_named(argument)
        if code is None:
            self._say(self.t("language.unknown", typed=argument, choices=choices_line()), "problem")
            return
        self.assistant.set_language(code)

    def _choose_version(self, argument: str) -> None:
        texts = self.assistant.texts
        code = versions.version_named(argument, texts)
        if code is None or code not in versions.known_versions(texts):
            names = joined([versions.name(c, texts) for c in self.version_choices()], texts)
            self._say(self.t("preview.unknown_version", typed=argument, choices=names), "problem")
            return
        self.show_version(code)

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
        return self.session.open_count

    def _summary_open(self) -> bool:
        from assistant.screens.summary import SummaryScreen

        return any(isinstance(screen, SummaryScreen) for screen in self.app.screen_stack)

    def open_summary(self) -> None:
        from assistant.screens.summary import SummaryScreen

        if not self._summary_open():
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
            problem = said(outcome.fault, self.assistant.texts) if outcome.fault else outcome.problem
            message = DraftNotSaved(outcome.draft_id, problem)
        message.announce = announce
        self.post_message(message)

    def on_draft_saved(self, message: DraftSaved) -> None:
        self._save_failed = False
        self._show_saved(message.at)
        if message.announce:
            self._say(self.t("chat.saved_now", path=str(message.path)))

    def _show_saved(self, at: datetime) -> None:
        self._saved_at = at
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
            partial(self._assemble, self._assembly, answers, self.session.language, self.preview_version),
            thread=True,
            exclusive=True,
            group="assemble",
            exit_on_error=False,
        )

    def _assemble(
        self, generation: int, answers: dict[str, Any], talk_language: str, chosen: str | None
    ) -> None:
        drafter = self.assistant.drafter
        try:
            language = chosen or language_law.first_version(answers, talk_language, drafter.languages())
            document = drafter.assemble(answers, language, partial=True)
        except (LibraryUnavailable, PolicyNotReady) as error:
            # A partial assembly leaves out what waits for an answer, so PolicyNotReady here means a
            # clause itself failed (one from a --clauses folder over the sandbox's limits): say which.
            self.post_message(
                PolicyAssembled(generation, None, self.t("preview.unavailable", problem=str(error)))
            )
        else:
            self.post_message(PolicyAssembled(generation, document))

    def on_policy_assembled(self, message: PolicyAssembled) -> None:
        if message.generation != self._assembly:
            return  # an older assembly finished late
        if message.document is not None and self.document is not None:
            same_version = message.document.language == self.document.language
            self.previous_document = self.document if same_version else None
        self.document = message.document
        self.preview_problem = message.problem
        for preview in self.previews():
            if message.document is None:
                preview.show_message(message.problem or "")
            else:
                preview.show_document(message.document)
        self._update_preview_title()

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
        words = f"{rendered.words:,}".replace(",", self.t("preview.thousands"))
        parts = [self.t("preview.words", words=words)]
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
            partial(self._export, request, answers, self._open_count()),
            thread=True,
            group="export",
            exit_on_error=False,
        )

    def _export(self, request: Any, answers: dict[str, Any], open_count: int) -> None:
        from assistant.exporting import ExportProblem, FolderNotCreated, PolicyIncomplete, export
        from clauses.errors import TargetExists, TargetNotWritable

        try:
            files = export(self.assistant.drafter, answers, request)
        except PolicyIncomplete as error:
            if open_count:
                self.post_message(ExportFailed(self.t("export.not_ready", count=open_count)))
            else:
                self.post_message(ExportFailed(self.t("export.failed", problem=error.problem)))
        except FolderNotCreated as error:
            problem = self.t("export.no_folder_made", folder=str(error.folder), problem=error.problem)
            self.post_message(ExportFailed(self.t("export.failed", problem=problem)))
        except ExportProblem as error:
            problem, fault = error.problem, error.fault
            if isinstance(fault, TargetExists):
                problem = self.t("export.file_appeared", file=str(fault.path))
            elif isinstance(fault, TargetNotWritable):
                problem = self.t("export.file_not_written", file=str(fault.path), reason=fault.reason)
            if error.written:
                written = ", ".join(str(path) for path in error.written)
                problem = self.t("export.already_written", problem=problem, files=written)
            self.post_message(ExportFailed(self.t("export.failed", problem=problem)))
        else:
            self.post_message(ExportFinished(files))

    def on_export_finished(self, message: ExportFinished) -> None:
        """Where each file went: the folder, then each file with its language version and document."""
        texts = self.assistant.texts
        paths = message.paths
        folder = paths[0].parent if paths else ""
        lines = [
            self.t(
                "export.file_line",
                file=file.path.name,
                version=versions.name(file.language, texts),
                document=self.t("export.policy" if file.document == "policy" else "export.notes_document"),
            )
            for file in message.files
        ]
        self._say(self.t("export.written", folder=str(folder), files="\n".join(lines)))
        self.app.notify(  # markup=False: the folder's name is text, brackets and all
            self.t("export.written_short", count=len(paths), folder=str(folder)), timeout=8, markup=False
        )

    def on_export_failed(self, message: ExportFailed) -> None:
        self._say(message.problem, variant="problem")
        self.app.notify(message.problem, severity="error", timeout=8, markup=False)
