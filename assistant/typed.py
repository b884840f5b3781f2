"""Commands typed in the answer field, so they never collide with a real answer.

- "/back" (any command word after a slash) is always a command;
- "//text" is the answer "/text", for the rare answer that starts with a slash;
- a bare command word ("back", "?") is a command only where the caller says it cannot be an answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.texts import UiTexts

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
)


@dataclass(frozen=True)
class Command:
    name: str


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
        if folded == name or folded in (_fold(w) for w in texts.words(f"commands.{name}")):
            return name
    return None


def read_typed(text: str, texts: UiTexts, *, bare_words: bool) -> Typed:
    """What the user typed: a command, an unknown /command, or an answer."""
    stripped = text.strip()
    if stripped.startswith("//"):
        return Answer(stripped[1:])
    if stripped.startswith("/"):
        name = command_named(stripped[1:], texts)
        return Command(name) if name else UnknownCommand(stripped.split()[0] if stripped else stripped)
    if bare_words:
        name = command_named(stripped, texts)
        if name:
            return Command(name)
    return Answer(text)


def is_command_word(text: str, texts: UiTexts) -> bool:
    return command_named(text.strip().removeprefix("/"), texts) is not None
