"""The start screen: a new policy, or an unfinished draft to resume (most recent first) or delete."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static

from assistant.draft_errors import said
from assistant.keys import START_KEYS, bind_keys
from assistant.messages import LanguageChanged
from assistant.screens.confirm import ConfirmDialog
from assistant.texts import available_languages, load_texts
from assistant.widgets.footer import KeysFooter
from assistant.widgets.pointer_list import PointerList
from dialogue.drafts import DraftError, DraftInfo

if TYPE_CHECKING:
    from assistant.app import PolicyAssistant


class StartScreen(Screen[None]):
    def __init__(self) -> None:
        super().__init__()
        self.drafts: list[DraftInfo] = []
        bind_keys(self, START_KEYS, self.assistant.texts)

    @property
    def assistant(self) -> PolicyAssistant:
        return cast("PolicyAssistant", self.app)

    def t(self, key: str, **values: object) -> str:
        return self.assistant.texts(key, **values)

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            yield Static(Content(self.t("start.title")), id="start-title")
            yield Static(Content(self.t("start.intro")), id="start-intro")
            with Horizontal(id="start-languages"):
                yield Static(Content(self.t("language.label")), id="start-language-label")
                for code in available_languages():
                    # The current language is marked with a filled dot, not only a colour.
                    mark = "●" if code == self.assistant.language else "○"
                    yield Button(f"{mark} {load_texts(code).name}", id=f"language-{code}", compact=True)
            yield Button(self.t("start.new"), id="new", variant="primary")
            yield Static(Content(self.t("start.drafts")), id="drafts-title")
            yield PointerList(id="drafts")
            yield Static(Content(self.t("start.help")), id="start-help")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.refresh_drafts()

    async def on_language_changed(self, message: LanguageChanged) -> None:
        bind_keys(self, START_KEYS, self.assistant.texts)
        focused = self.focused.id if self.focused is not None else None
        await self.recompose()
        self.refresh_drafts()
        if focused and focused.startswith("language-"):
            self.query_one(f"#{focused}", Button).focus()
        self.refresh_bindings()

    @on(Button.Pressed, "#start-languages Button")
    def _language_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.assistant.set_language((event.button.id or "").removeprefix("language-"))

    def refresh_drafts(self) -> None:
        # Newest first (the store's order), damaged drafts after the ones that can be resumed.
        self.drafts = sorted(self.assistant.store.list(), key=lambda draft: draft.is_damaged)
        drafts = self.query_one("#drafts", PointerList)
        drafts.show([(self._line(draft), draft.id, False) for draft in self.drafts])
        if not self.drafts:
            drafts.show([(Text(self.t("start.no_drafts")), None, True)])
            self.query_one("#new", Button).focus()
        else:
            drafts.highlighted = 0
            drafts.focus()

    def _fault(self, draft: DraftInfo) -> str:
        """Why a damaged draft cannot be opened, in the language we talk in."""
        return said(draft.fault, self.assistant.texts) if draft.fault is not None else ""

    def _line(self, draft: DraftInfo) -> Text:
        if draft.is_damaged:
            return Text.assemble(("⚠ ", "bold"), self.t("start.damaged", problem=self._fault(draft)))
        saved = self._when(draft.saved)
        code = draft.language if draft.language in available_languages() else "en"
        language = load_texts(code).name
        return Text.assemble(
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
        self.assistant.start_new()

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
        try:
            self.assistant.open_draft(draft.id)
        except DraftError as error:
            self.notify(
                self.t("start.resume_failed", problem=said(error, self.assistant.texts)),
                severity="error",
                timeout=10,
                markup=False,
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
                self.assistant.store.delete(draft.id)
            except DraftError as error:
                self.notify(said(error, self.assistant.texts), severity="error", markup=False)
            else:
                self.notify(self.t("start.deleted"))
            self.refresh_drafts()

        self.app.push_screen(
            ConfirmDialog(self.t("start.delete_title"), body, self.t("keys.delete"), self.t("confirm.no")),
            delete,
        )
