"""The start screen: a new policy, or an unfinished draft to resume (most recent first) or delete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static

from assistant.bindings import Labelled, in_browser, labelled
from assistant.draft_errors import said
from assistant.texts import UiTexts, available_languages, load_texts, texts_of
from assistant.widgets.confirm import ConfirmDialog
from assistant.widgets.footer import KeysFooter
from assistant.widgets.pointer_list import PointerList
from dialogue.drafts import DraftError, DraftInfo, DraftStore


class StartScreen(Labelled, Screen[None]):
    """Reports the user's choice to the app: `NewPolicy`, or `ResumeDraft` with the draft's id."""

    BINDINGS: ClassVar[list[BindingType]] = [
        labelled("n", "new", "keys.new"),
        labelled("delete,d", "delete", "keys.delete"),
    ]

    @dataclass
    class NewPolicy(Message):
        """Start a new policy."""

    @dataclass
    class ResumeDraft(Message):
        """Resume this draft where it was left (the app says so if it cannot be read)."""

        draft_id: str

    def __init__(self, store: DraftStore) -> None:
        super().__init__()
        self.store = store
        self.drafts: list[DraftInfo] = []

    @property
    def texts(self) -> UiTexts:
        return texts_of(self.app)

    def t(self, key: str, **values: object) -> str:
        return self.texts(key, **values)

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            yield Static(Content(self.t("start.title")), id="start-title")
            # In a browser the drafts are on the server, not on the computer in front of the user.
            privacy = self.t("start.privacy_browser" if in_browser(self.app) else "start.privacy")
            yield Static(Content(self.t("start.intro", privacy=privacy)), id="start-intro")
            with Horizontal(id="start-languages"):
                yield Static(Content(self.t("language.label")), id="start-language-label")
                for code in available_languages():
                    # The current language is marked with a filled dot, not only a colour.
                    mark = "●" if code == self.texts.code else "○"
                    yield Button(f"{mark} {load_texts(code).name}", id=f"language-{code}", compact=True)
            yield Button(self.t("start.new"), id="new", variant="primary")
            yield Static(Content(self.t("start.drafts")), id="drafts-title")
            yield PointerList(id="drafts")
            yield Static(Content(self.t("start.help")), id="start-help")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.refresh_drafts()
        self.watch(self.app, "texts", self._relabel, init=False)

    async def _relabel(self) -> None:
        focused = self.focused.id if self.focused is not None else None
        await self.recompose()
        self.refresh_drafts()
        if focused and focused.startswith("language-"):
            self.query_one(f"#{focused}", Button).focus()
        self.refresh_bindings()

    @on(Button.Pressed, "#start-languages Button")
    async def _language_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        code = (event.button.id or "").removeprefix("language-")
        await self.app.run_action(f"set_language({code!r})")

    def refresh_drafts(self) -> None:
        # Newest first (the store's order), damaged drafts after the ones that can be resumed.
        self.drafts = sorted(self.store.list(), key=lambda draft: draft.is_damaged)
        drafts = self.query_one("#drafts", PointerList)
        drafts.show([(self._line(draft), draft.id, False) for draft in self.drafts])
        if not self.drafts:
            drafts.show([(Content(self.t("start.no_drafts")), None, True)])
            self.query_one("#new", Button).focus()
        else:
            drafts.highlighted = 0
            drafts.focus()

    def _fault(self, draft: DraftInfo) -> str:
        """Why a damaged draft cannot be opened, in the language we talk in."""
        return said(draft.fault, self.texts) if draft.fault is not None else ""

    def _line(self, draft: DraftInfo) -> Content:
        if draft.is_damaged:
            return Content.assemble(("⚠ ", "bold"), self.t("start.damaged", problem=self._fault(draft)))
        saved = self._when(draft.saved)
        code = draft.language if draft.language in available_languages() else "en"
        language = load_texts(code).name
        return Content.assemble(
            (draft.title or self.t("start.untitled"), "bold"),
            " · ",
            self.t("start.draft_line", progress=draft.progress or 0, saved=saved, language=language),
        )

    def _when(self, moment: datetime | None) -> str:
        if moment is None:
            return self.t("start.unknown_time")
        return moment.astimezone().strftime("%d/%m/%Y %H:%M")

    def _chosen_draft(self) -> DraftInfo | None:
        drafts = self.query_one("#drafts", OptionList)
        option = drafts.highlighted_option
        if option is None or option.id is None:
            return None
        return next((draft for draft in self.drafts if draft.id == option.id), None)

    # --- actions -------------------------------------------------------------------------------------------

    @on(Button.Pressed, "#new")
    def action_new(self) -> None:
        self.post_message(self.NewPolicy())

    @on(OptionList.OptionSelected, "#drafts")
    def _open(self, event: OptionList.OptionSelected) -> None:
        draft = next((d for d in self.drafts if d.id == event.option.id), None)
        if draft is None:
            return
        if draft.is_damaged:
            # markup=False: a path or a problem is text; a folder named "[work]" or "[/]" is not markup.
            self.notify(
                self.t("start.damaged_open", problem=self._fault(draft)),
                severity="warning",
                timeout=10,
                markup=False,
            )
            return
        self.post_message(self.ResumeDraft(draft.id))

    def resume_failed(self, error: DraftError) -> None:
        """The draft chosen could not be resumed after all (changed since the list was made)."""
        problem = said(error, self.texts)
        self.notify(
            self.t("start.resume_failed", problem=problem), severity="error", timeout=10, markup=False
        )
        self.refresh_drafts()

    def action_delete(self) -> None:
        draft = self._chosen_draft()
        if draft is None:
            return
        if draft.is_damaged:
            body = self.t("start.delete_damaged_body", path=str(draft.path))
        else:
            body = self.t(
                "start.delete_body",
                title=draft.title or self.t("start.untitled"),
                progress=draft.progress or 0,
            )

        def delete(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                self.store.delete(draft.id)
            except DraftError as error:
                self.notify(said(error, self.texts), severity="error", markup=False)
            else:
                self.notify(self.t("start.deleted"))
            self.refresh_drafts()

        self.app.push_screen(
            ConfirmDialog(self.t("start.delete_title"), body, self.t("keys.delete"), self.t("confirm.no")),
            delete,
        )
