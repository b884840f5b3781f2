"""UI texts as data, and commands typed in the answer field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.app import CHAT_COMMANDS
from assistant.conversation import read_input
from assistant.exporting import FORMATS
from assistant.keys import APP_KEYS, CHAT_KEYS, PREVIEW_KEYS, START_KEYS, SUMMARY_KEYS
from assistant.texts import UiTexts, load_texts
from assistant.typed import COMMANDS, Answer, Command, UnknownCommand, read_typed
from dialogue.loader import load_interview
from dialogue.session import Session

ASSISTANT = Path(__file__).resolve().parents[2] / "assistant"
TEXTS = load_texts("en")


def keys_used_in_code() -> set[str]:
    used: set[str] = set()
    for path in ASSISTANT.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        used.update(re.findall(r"""\b(?:t|texts)\(\s*["']([a-z_]+\.[a-z_.]+)["']""", source))
    return used


def test_every_text_the_code_asks_for_exists_in_english() -> None:
    used = keys_used_in_code()
    assert len(used) > 60  # the scan finds them
    keys = used | {label for *_, label in (*CHAT_KEYS, *SUMMARY_KEYS, *START_KEYS, *PREVIEW_KEYS, *APP_KEYS)}
    keys |= {f"palette.{name}" for name in CHAT_COMMANDS} | {f"keys.{name}" for name in CHAT_COMMANDS}
    keys |= {f"export.{fmt}" for fmt in FORMATS}
    missing = sorted(key for key in keys if TEXTS(key) == key)
    assert not missing


def test_every_command_has_words_to_type() -> None:
    for name in COMMANDS:
        assert name in TEXTS.words(f"commands.{name}")


def test_a_language_file_may_leave_keys_out(tmp_path: Path) -> None:
    english = UiTexts("en", {"a.b": "Hello {name}", "commands.back": ["back"]})
    dutch = UiTexts("nl", {"commands.back": ["terug"]}, fallback=english)
    assert dutch("a.b", name="Jan") == "Hello Jan"
    assert dutch.words("commands.back") == ("terug", "back")
    assert dutch("no.such.key") == "no.such.key"  # visible, never a crash
    assert english("a.b", wrong="x") == "Hello {name}"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("/back", Command("back")),
        ("  /BACK ", Command("back")),
        ("/previous", Command("back")),
        ("/?", Command("why")),
        ("?", Command("why")),
        ("/frobnicate", UnknownCommand("/frobnicate")),
        ("//etc/policy", Answer("/etc/policy")),
        ("back", Command("back")),
        ("Backstreet Boys BV", Answer("Backstreet Boys BV")),
    ],
)
def test_typed_commands(typed: str, expected: object) -> None:
    assert read_typed(typed, TEXTS, bare_words=True) == expected


def test_bare_words_are_answers_where_they_can_be_answers() -> None:
    interview = load_interview()
    session = Session.start(interview)
    # A choice question: "back" cannot be a choice, so it is the command.
    assert read_input(session, "back", TEXTS) == Command("back")
    session.answer("comprehensive")
    # A free-text question: "back" could be a name; only "/back" goes back.
    assert session.current.id == "org_name"
    assert read_input(session, "back", TEXTS) == Answer("back")
    assert read_input(session, "/back", TEXTS) == Command("back")
    session.answer("Acme NV")
    session.answer(["flanders"])
    session.answer(12)
    session.answer("other")
    # "none" answers the employee-bodies checklist; it is not a command.
    assert session.current.id == "employee_bodies"
    assert read_input(session, "none", TEXTS) == Answer("none")
    assert read_input(session, "skip", TEXTS) == Command("skip")
