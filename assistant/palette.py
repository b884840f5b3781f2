"""The command palette (Ctrl+P) in the language the user talks in: Textual's own commands worded in
it, the chat's commands where the chat allows them, the other languages and the preview's versions.

Mixed into the app (assistant.app.PolicyAssistant), which provides `texts`, `language` and
`set_language`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import ThemeProvider

from assistant.screens.chat import ChatScreen
from assistant.texts import available_languages, load_texts, needs
from assistant.versions import label, name

if TYPE_CHECKING:
    from assistant.texts import UiTexts

LIGHT, DARK = "textual-light", "textual-dark"

# The chat's commands offered in the command palette (where the chat allows them).
CHAT_COMMANDS = ("back", "skip", "why", "summary", "preview", "save", "export")
needs(*(f"palette.{command}" for command in CHAT_COMMANDS), *(f"keys.{command}" for command in CHAT_COMMANDS))


class PaletteCommands:
    """The app's command palette and its commands."""

    texts: UiTexts
    language: str

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        texts = self.texts
        # Textual's own commands, in the user's language (an unknown one is left as Textual words it).
        own = {
            self.action_change_theme: "themes",
            self.action_show_help_panel: "keys_show",
            self.action_hide_help_panel: "keys_hide",
            screen.action_maximize: "maximize",
            screen.action_minimize: "minimize",
        }
        for command in super().get_system_commands(screen):  # type: ignore[misc]
            if command.callback == self.action_quit:
                continue  # ours says that nothing is lost
            key = own.get(command.callback) or ("screenshot" if command.title == "Screenshot" else None)
            if key is None:
                yield command
                continue
            title = texts(f"palette.{key.removesuffix('_show').removesuffix('_hide')}_title")
            yield SystemCommand(title, texts(f"palette.{key}"), command.callback, command.discover)
        yield SystemCommand(texts("keys.quit"), texts("palette.quit"), self.action_quit)
        yield SystemCommand(texts("palette.theme_title"), texts("palette.theme"), self.action_toggle_theme)
        yield from self._language_commands()
        if isinstance(screen, ChatScreen):
            yield from self._version_commands(screen)
            for command_name in CHAT_COMMANDS:
                if screen.check_action(command_name, ()) is not False:  # e.g. skip only where allowed
                    yield SystemCommand(
                        texts(f"keys.{command_name}"),
                        texts(f"palette.{command_name}"),
                        partial(screen.call_later, screen.run_action, command_name),
                    )

    def _language_commands(self) -> Iterable[SystemCommand]:
        texts = self.texts
        for code in available_languages():
            if code != self.language:
                yield SystemCommand(
                    texts("palette.language_title", name=load_texts(code).name),
                    texts("palette.language", name=name(code, texts)),
                    partial(self.set_language, code),
                )

    def _version_commands(self, chat: ChatScreen) -> Iterable[SystemCommand]:
        texts = self.texts
        answers = chat.session.result()
        for code in chat.conversation.policy.version_choices():
            yield SystemCommand(
                texts("palette.version_title", name=label(code, answers, texts)),
                texts("palette.version", name=name(code, texts)),
                partial(chat.call_later, chat.run_action, f"preview({code!r})"),
            )

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=self.texts("palette.search")))

    def search_themes(self) -> None:
        self.push_screen(
            CommandPalette(providers=[ThemeProvider], placeholder=self.texts("palette.search_themes"))
        )

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK
