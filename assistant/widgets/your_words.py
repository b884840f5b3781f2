"""Your words in each version: exactly which of the answers typed in words appear in which language
version, flagged where they seem to be in another language, each with a field to give that version its
own words (issue 11 item 3). Opened from the export dialog, and by it before an export that would put
words of another language into a version. A small modal among the widgets, like the confirmation
dialog: screens never import one another.

Dismissed with True when the words were used (every field that changed fits its question), False when
the user went back without changing anything.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from assistant import versions
from assistant.conversation.wording import YourWords
from assistant.texts import UiTexts
from clauses.wording import TypedWord


def field_id(word: TypedWord) -> str:
    return f"words-{word.version}-{word.question}"


class WordingScreen(ModalScreen[bool]):
    CSS_PATH = "../dialogs.tcss"  # its rules, read when it is first shown (app.tcss says why)
    DEFAULT_CSS = """
    WordingScreen {
        align: center middle;
    }
    WordingScreen #words-dialog {
        height: 100%;
    }
    WordingScreen #words-list {
        height: 1fr;
    }
    WordingScreen .words-version {
        text-style: bold;
        margin-top: 1;
    }
    WordingScreen .words-label {
        margin-top: 1;
    }
    WordingScreen .words-foreign {
        color: $text-warning;
    }
    WordingScreen .words-own {
        color: $text-success;
    }
    WordingScreen .words-typed {
        color: $text-muted;
    }
    WordingScreen .words-problem {
        color: $text-error;
    }
    WordingScreen Input {
        margin-left: 2;
    }
    WordingScreen #words-intro {
        color: $text-muted;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", show=False)]

    def __init__(
        self,
        words: YourWords,
        texts: UiTexts,
        languages: Sequence[str],
        answers: Mapping[str, Any],
        *,
        exporting: bool = False,
    ) -> None:
        """The typed words of `languages`; `exporting`: opened on the way to the export, which goes on
        once the words are used."""
        super().__init__()
        self.words = words
        self.exporting = exporting
        self.texts = texts
        self.languages = tuple(languages)
        self.answers = answers
        self._shown: dict[str, TypedWord] = {}  # field id -> the word it shows

    def compose(self) -> ComposeResult:
        t = self.texts
        with Vertical(id="words-dialog", classes="dialog"):
            yield Static(Content(t("wording.title")), classes="dialog-title")
            yield Static(Content(t("wording.intro")), id="words-intro")
            yield VerticalScroll(id="words-list")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("wording.back"), id="words-back", compact=True)
                use = t("wording.use_and_export" if self.exporting else "wording.use")
                yield Button(use, id="words-use", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.watch(self.words, "found", self._found, init=True)

    def _found(self, found: dict[str, tuple[TypedWord, ...]] | None) -> None:
        # The model is no widget: its watchers run at once, and the rows are mounted in this screen's turn.
        self.call_later(self._show, found)

    async def _show(self, found: dict[str, tuple[TypedWord, ...]] | None) -> None:
        listing = self.query_one("#words-list", VerticalScroll)
        if self._shown:
            # Found again after some words were used: the fields keep what the user typed, to correct.
            return
        await listing.remove_children()
        t = self.texts
        if found is None:
            await listing.mount(Static(Content(t("wording.checking"))))
            return
        rows: list[Static | Input] = []
        for code in self.languages:
            shown = found.get(code, ())
            if not shown:
                continue
            label = versions.label(code, self.answers, t)
            rows.append(Static(Content(f"── {label} ──"), classes="words-version"))
            # Words of another language first: they are what a binding version must not show.
            for word in sorted(shown, key=lambda word: not word.foreign):
                rows += self._rows(word)
        if not rows:
            problem = self.words.problem
            text = t("wording.unavailable", problem=problem) if problem else t("wording.none")
            rows.append(Static(Content(text)))
        await listing.mount_all(rows)
        first = next(iter(listing.query(Input)), None)
        if first is not None:
            # The first field is under its version's heading and its flag: keep them in sight.
            first.focus(scroll_visible=False)

    def _rows(self, word: TypedWord) -> list[Static | Input]:
        t = self.texts
        typed = self.words.session.result().get(word.question, word.text)
        if word.own_wording:
            state, style = t("wording.own", version=versions.name(word.version, t)), "words-own"
        elif word.foreign:
            language = versions.name(word.language or "", t)
            state, style = t("wording.foreign", language=language), "words-foreign"
        else:
            state, style = t("wording.as_typed"), "words-typed"
        header = Content.assemble((self.words.label(word.question), "bold"), " · ", state)
        rows: list[Static | Input] = [Static(header, classes=f"words-label {style}")]
        if word.own_wording:
            rows.append(Static(Content(t("wording.typed", typed=typed)), classes="words-typed"))
        field = Input(word.text, id=field_id(word), compact=True, placeholder=typed)
        self._shown[field.id or ""] = word
        rows.append(field)
        problem = Static(id=f"{field_id(word)}-problem", classes="words-problem")
        problem.display = False
        rows.append(problem)
        return rows

    # --- using the words --------------------------------------------------------------------------------

    def changes(self) -> list[tuple[str, str, str]]:
        """(version, question, words) for every field whose words differ from what the version shows."""
        found = []
        for field in self.query(Input):
            word = self._shown.get(field.id or "")
            if word is not None and " ".join(field.value.split()) != word.text:
                found.append((word.version, word.question, field.value))
        return found

    def action_use(self) -> None:
        changes = self.changes()
        problems = self.words.give(changes) if changes else {}
        for field in self.query(Input):
            word = self._shown.get(field.id or "")
            if word is None:
                continue
            shown = self.query_one(f"#{field.id}-problem", Static)
            problem = problems.get((word.version, word.question))
            shown.update(Content(f"⚠ {problem}" if problem else ""))
            shown.display = bool(problem)
        if problems:
            wrong = [
                field_id(word) for word in self._shown.values() if (word.version, word.question) in problems
            ]
            self.query_one(f"#{wrong[0]}", Input).focus()
            return
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_use()

    @on(Button.Pressed, "#words-use")
    def _use_pressed(self) -> None:
        self.action_use()

    @on(Button.Pressed, "#words-back")
    def _back_pressed(self) -> None:
        self.action_back()
