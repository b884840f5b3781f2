"""Commands typed in the answer field, so they never collide with a real answer.

- "/back" (any command word after a slash) is always a command;
- "//text" is the answer "/text", for the rare answer that starts with a slash;
- a bare command word ("back", "?") is a command only where the caller says it cannot be an answer;
- a few commands take what follows the word: "/language nl", "/preview fr".
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.texts import UiTexts, available_languages, load_texts

# Every command, in the order the help lists them.
COMMANDS: tuple[str, ...] = (
    "back",
    "skip",
    "why",
    "summary",
    "preview",
    "save",
    "export",
    "quit",
    "help",
    "continue",
    "finish",
    "language",
)

# Commands that take the rest of the line ("/language nl"); the others must be typed alone.
WITH_ARGUMENT: frozenset[str] = frozenset({"language", "preview"})
# Commands whose words work whatever the language on screen: someone who cannot read it must still be
# able to switch ("/taal nl", "/langue fr", as the first greeting offers).
EVERY_LANGUAGE: frozenset[str] = frozenset({"language"})


@dataclass(frozen=True)
class Command:
    name: str
    argument: str = ""  # what followed the word, for the commands that take it


@dataclass(frozen=True)
class UnknownCommand:
    typed: str


@dataclass(frozen=True)
class Answer:
    text: str


Typed = Command | UnknownCommand | Answer


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def command_named(word: str, texts: UiTexts) -> str | None:
    folded = _fold(word)
    if folded == "?":
        return "why"
    for name in COMMANDS:
        if folded == name or folded in (_fold(w) for w in _words(name, texts)):
            return name
    return None


def _words(name: str, texts: UiTexts) -> tuple[str, ...]:
    words = texts.words(f"commands.{name}")
    if name in EVERY_LANGUAGE:
        for code in available_languages():
            words += load_texts(code).words(f"commands.{name}", english=False)
    return words


def command_in(text: str, texts: UiTexts) -> Command | None:
    """The command `text` (without its slash) types, with its argument; None if it is none."""
    name = command_named(text, texts)
    if name is not None:
        return Command(name)
    word, _, rest = text.strip().partition(" ")
    name = command_named(word, texts)
    if name in WITH_ARGUMENT and rest.strip():
        return Command(name, " ".join(rest.split()))
    return None


def read_typed(text: str, texts: UiTexts, *, bare_words: bool) -> Typed:
    """What the user typed: a command, an unknown /command, or an answer."""
    stripped = text.strip()
    if stripped.startswith("//"):
        return Answer(stripped[1:])
    if stripped.startswith("/"):
        command = command_in(stripped[1:], texts)
        return command or UnknownCommand(stripped.split()[0] if stripped else stripped)
    if bare_words:
        command = command_in(stripped, texts)
        if command:
            return command
    return Answer(text)


def is_command_word(text: str, texts: UiTexts) -> bool:
    return command_named(text.strip().removeprefix("/"), texts) is not None
