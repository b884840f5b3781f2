"""The export dialog: language versions, formats, implementation notes, folder and file name; never
replaces a file unasked."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from assistant import export_options, versions
from assistant.conversation.exports import ExportOffer
from assistant.exporting import FORMATS, ExportRequest, existing, targets
from assistant.languages import joined
from assistant.serving.delivery import served
from assistant.widgets.choices import ChoiceList
from assistant.widgets.confirm import ConfirmDialog
from assistant.widgets.your_words import WordingScreen

NOTES = "notes"  # the checklist entry for the implementation notes


class ExportDialog(ModalScreen[ExportRequest | None]):
    CSS_PATH = "../dialogs.tcss"  # its rules, read when it is first shown (app.tcss says why)
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, offer: ExportOffer) -> None:
        super().__init__()
        self.offer = offer
        self.required = offer.required
        self._words_seen = False  # the words screen was shown: the export goes on without it
        self._export_when_known = False  # Export was asked for while the words were still being found

    def t(self, key: str, **values: object) -> str:
        return self.offer.texts(key, **values)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="export-dialog", classes="dialog"):
            yield Static(Content(self.t("export.title")), classes="dialog-title")
            languages = ChoiceList(id="versions")
            languages.border_title = self.t("export.versions")
            languages.border_subtitle = self.t("export.list_help")
            yield languages
            yield Static(Content(self.t("export.versions_note")), id="versions-note")
            yield Static(id="export-warning")
            formats = ChoiceList(id="formats")
            formats.border_title = self.t("export.formats")
            formats.border_subtitle = self.t("export.list_help")
            yield formats
            with Horizontal(classes="field-row"):
                yield Static(Content(self.t("export.folder")), classes="field-label")
                yield Input(str(self.offer.folder), id="folder", compact=True)
            with Horizontal(classes="field-row"):
                yield Static(Content(self.t("export.name")), classes="field-label")
                yield Input(self.offer.name, id="name", compact=True)
            with Horizontal(classes="field-row", id="posting-row"):
                yield Static(Content(self.t("export.posting_date")), classes="field-label")
                yield Input(export_options.today_text(), id="posting-date", compact=True)
            yield Static(id="targets")
            # The user's typed words in each version ticked (assistant.widgets.your_words), last before
            # the buttons: the keys through the dialog stay as they were.
            with Vertical(id="words-section"):
                yield Static(id="words-note")
                yield Button(self.t("export.words_button"), id="words", compact=True)
            yield Static(id="export-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("export.cancel"), id="cancel", compact=True)
                yield Button(self.t("export.export"), id="export", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#versions", ChoiceList).offer(
            [(code, self.offer.version_line(code)) for code in self.offer.versions],
            multi=True,
            selected=list(self.required),
        )
        formats = self.query_one("#formats", ChoiceList)
        entries = [(fmt, self.t(f"export.{fmt}")) for fmt in FORMATS] + [(NOTES, self.t("export.notes"))]
        entries += export_options.entries(self.t, self.offer.answers)
        formats.offer(entries, multi=True, selected=["docx", NOTES])
        self.query_one("#export-problem", Static).display = False
        if served(self.app):  # in a browser the files become downloads: the server's folders are not shown
            self.query_one("#folder", Input).parent.display = False  # type: ignore[union-attr]
        self.query_one("#versions", ChoiceList).focus()
        self._show_targets()
        if self.offer.words is not None:
            self.watch(self.offer.words, "found", self._words_found)
        else:
            self.query_one("#words-section").display = False

    # --- the request ----------------------------------------------------------------------------------

    def request(self, force: bool = False) -> ExportRequest | str:
        """The export asked for, or what is missing from it."""
        languages = tuple(self.query_one("#versions", ChoiceList).ticked)
        ticked = self.query_one("#formats", ChoiceList).ticked
        formats = tuple(fmt for fmt in ticked if fmt in FORMATS)
        name = self.query_one("#name", Input).value.strip()
        folder = self.query_one("#folder", Input).value.strip()
        if not languages:
            return self.t("export.no_version")
        if not formats:
            return self.t("export.no_format")
        if not folder:
            return self.t("export.no_folder")
        if not name:
            return self.t("export.no_name")
        if "/" in name or "\\" in name:
            return self.t("export.bad_name")
        posting = None
        if export_options.KIT in ticked:
            posting = export_options.posting_date(
                self.query_one("#posting-date", Input).value, self.offer.language
            )
            if isinstance(posting, str):
                return self.t("export.bad_posting_date", problem=posting)
        return ExportRequest(
            folder=Path(folder).expanduser(),
            name=name,
            formats=formats,
            notes=NOTES in ticked,
            languages=languages,
            notes_suffix=self.t("export.notes_suffix"),
            force=force,
            **self.offer.file_names(languages, name),
            **export_options.request_fields(ticked, self.offer.answers, languages, posting, self.t),
        )

    def _show_targets(self) -> None:
        self._warn_missing()
        self._show_words()
        # The kit's posting date is asked only with the kit.
        ticked = self.query_one("#formats", ChoiceList).ticked
        self.query_one("#posting-row").display = export_options.KIT in ticked
        request = self.request()
        shown = self.query_one("#targets", Static)
        if isinstance(request, str):
            shown.update(Content(request))  # what is missing, at once (no file to list without it)
            return
        names = []
        for target in targets(request):
            mark = f" {self.t('export.exists')}" if target.path.exists() else ""
            # The kit goes into a folder of its own: show it.
            names.append(f"{target.path.relative_to(request.folder)}{mark}")
        if served(self.app):
            shown.update(Content(self.t("served.files", files=", ".join(names))))
            return
        shown.update(Content(self.t("export.files", folder=str(request.folder), files=", ".join(names))))

    # --- the user's typed words in each version ---------------------------------------------------------

    def _words_found(self) -> None:
        self._show_words()
        if self._export_when_known and self.offer.words is not None and self.offer.words.found is not None:
            self._export_when_known = False
            self.action_export()

    def _show_words(self) -> None:
        """Whether typed words appear in the versions ticked, and whether some are in another language."""
        words = self.offer.words
        if words is None:
            return
        section = self.query_one("#words-section")
        note = self.query_one("#words-note", Static)
        button = self.query_one("#words", Button)
        ticked = self.query_one("#versions", ChoiceList).ticked
        if words.found is None:
            note.update(Content(self.t("export.words_checking")))
            section.display, button.display = True, False
            note.set_class(False, "warning")
            return
        shown = [word for code in ticked for word in words.found.get(code, ())]
        section.display = button.display = bool(shown)
        foreign = words.foreign(ticked)
        where = joined(
            [versions.name(code, self.offer.texts) for code in dict.fromkeys(w.version for w in foreign)],
            self.offer.texts,
        )
        text = self.t("export.words_foreign", versions=where) if foreign else self.t("export.words_fine")
        note.update(Content(f"⚠ {text}" if foreign else text))
        note.set_class(bool(foreign), "warning")

    def open_words(self, *, exporting: bool = False) -> None:
        """The words screen for the versions ticked; `exporting`: the export goes on once they are used."""
        words = self.offer.words
        if words is None:
            return
        self._words_seen = True
        ticked = tuple(self.query_one("#versions", ChoiceList).ticked)

        def closed(used: bool | None) -> None:
            if used and exporting:
                self.action_export()

        screen = WordingScreen(words, self.offer.texts, ticked, self.offer.answers, exporting=exporting)
        self.app.push_screen(screen, closed)

    @on(Button.Pressed, "#words")
    def _words_pressed(self) -> None:
        self.open_words()

    def _words_to_see(self, languages: tuple[str, ...]) -> bool:
        """Before the first export: True (and the words screen opens, or will once they are found) when
        words of another language would appear in a version."""
        words = self.offer.words
        if words is None or self._words_seen:
            return False
        if words.found is None:
            self._export_when_known = True
            return True
        if words.foreign(languages):
            self.open_words(exporting=True)
            return True
        return False

    def _warn_missing(self) -> None:
        """A required version left out is allowed (it may exist already), but never silently."""
        ticked = self.query_one("#versions", ChoiceList).ticked
        lines = [f"⚠ {self.offer.missing_line(code)}" for code in self.required if code not in ticked]
        warning = self.query_one("#export-warning", Static)
        warning.update(Content("\n".join(lines)))
        warning.display = bool(lines)

    def _problem(self, message: str) -> None:
        problem = self.query_one("#export-problem", Static)
        problem.update(Content(f"⚠ {message}" if message else ""))
        problem.display = bool(message)

    # --- events ---------------------------------------------------------------------------------------

    @on(Input.Changed)
    def _changed(self) -> None:
        self._problem("")
        self._show_targets()

    @on(ChoiceList.Chosen)
    def _chosen(self, event: ChoiceList.Chosen) -> None:
        event.stop()
        self.action_export()

    @on(ChoiceList.Toggled)
    def _toggled(self, event: ChoiceList.Toggled) -> None:
        event.stop()
        self._problem("")
        self._show_targets()

    def on_descendant_focus(self) -> None:
        self._mark_focused_row()

    def on_descendant_blur(self) -> None:
        self._mark_focused_row()

    def _mark_focused_row(self) -> None:
        """The row of the focused field is marked, so its label shows where typing goes (app.tcss)."""
        focused = self.app.focused
        for row in self.query(".field-row"):
            row.set_class(focused is not None and focused.parent is row, "-focused")

    def on_key(self) -> None:
        # Ticks change the files to write; keep the list of targets in step.
        self.call_after_refresh(self._show_targets)

    def on_click(self) -> None:
        self.call_after_refresh(self._show_targets)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#export")
    def _export_pressed(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_export(self) -> None:
        request = self.request()
        if isinstance(request, str):
            self._problem(request)
            return
        if self._words_to_see(request.languages):
            return
        clashes = existing(request)
        if not clashes:
            self.dismiss(request)
            return
        files = "\n".join(f"  {path}" for path in clashes)

        def replace(confirmed: bool | None) -> None:
            if confirmed:
                forced = self.request(force=True)
                self.dismiss(forced if isinstance(forced, ExportRequest) else None)

        self.app.push_screen(
            ConfirmDialog(
                self.t("export.replace_title"),
                self.t("export.replace_body", files=files),
                self.t("export.replace"),
                self.t("export.keep"),
            ),
            replace,
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
