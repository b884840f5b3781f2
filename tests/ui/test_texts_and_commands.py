"""UI texts as data, and commands typed in the answer field."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

# Imported on first use in the app, these declare the texts they need when imported: here, with the rest.
import assistant.conversation.exports
import assistant.conversation.wording  # noqa: F401
from assistant.app import PolicyAssistant
from assistant.conversation.prompts import read_input
from assistant.exporting import FORMATS
from assistant.languages import from_locale, talk_language_named
from assistant.palette import CHAT_COMMANDS
from assistant.screens.chat import ChatScreen
from assistant.screens.preview import PreviewScreen
from assistant.screens.start import StartScreen
from assistant.screens.summary import SummaryScreen
from assistant.texts import (
    NEEDED,
    MissingText,
    UiTextsError,
    available_languages,
    load_texts,
    placeholders,
    read_file,
    read_texts,
)
from assistant.typed import COMMANDS, Answer, Command, UnknownCommand, read_typed
from assistant.versions import version_named
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
    screens = (ChatScreen, SummaryScreen, StartScreen, PreviewScreen, PolicyAssistant)
    keys = used | {
        binding.description for screen in screens for binding in screen.BINDINGS if binding.description
    }
    keys |= {f"palette.{name}" for name in CHAT_COMMANDS} | {f"keys.{name}" for name in CHAT_COMMANDS}
    keys |= {f"export.{fmt}" for fmt in FORMATS} | NEEDED
    missing = sorted(key for key in keys if key not in TEXTS)
    assert not missing


def test_a_text_no_file_has_is_an_error_naming_the_key_never_the_key_on_screen() -> None:
    with pytest.raises(MissingText, match=r"en\.yaml has no text 'chat\.no_such_text'"):
        TEXTS("chat.no_such_text")


def test_a_text_the_code_needs_by_a_computed_key_is_a_load_error_when_missing(tmp_path: Path) -> None:
    english = (LANG_DIR / "en.yaml").read_text(encoding="utf-8")
    (tmp_path / "en.yaml").write_text(english.replace("  skip: Skip\n", "", 1), encoding="utf-8")
    assert "keys.skip" in NEEDED
    with pytest.raises(UiTextsError, match=r"en\.yaml: missing .*keys\.skip"):
        read_texts("en", tmp_path)


def test_every_command_has_words_to_type() -> None:
    for name in COMMANDS:
        assert name in TEXTS.words(f"commands.{name}")


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


# --- the app's texts in every language -----------------------------------------------------------------

LANG_DIR = ASSISTANT / "lang"
OTHER_LANGUAGES = [code for code in available_languages() if code != "en"]
ENGLISH = read_file(LANG_DIR / "en.yaml")
# Texts that read the same in English and another language: names, formats, symbols, placeholders only.
SAME_AS_ENGLISH = {
    "chat.hint",
    "chat.section",
    "chat.problem_prefix",
    "start.resume_failed",
    "export.md",
    "export.formats",  # "Formats" in French too
    "keys.export",  # "Export" in Dutch and French too
    "export.file_line",
    "preview.title_version",
    "keys.preview_key",  # "Ctrl+T" (German: "Strg+T")
    "keys.preview_key_browser",  # "F2"
}


def test_there_are_app_texts_in_english_dutch_french_and_german() -> None:
    assert available_languages() == ("en", "nl", "fr", "de")


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_every_language_file_has_exactly_the_keys_kinds_and_placeholders_of_english(code: str) -> None:
    strings = read_file(LANG_DIR / f"{code}.yaml")
    assert set(strings) == set(ENGLISH)
    for key, english in ENGLISH.items():
        value = strings[key]
        assert isinstance(value, type(english)), key
        if isinstance(english, str):
            assert placeholders(value) == placeholders(english), key
    assert strings["language.code"] == code
    assert load_texts(code).code == code


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_every_text_is_translated(code: str) -> None:
    """A text left in English would show English in the middle of a Dutch or French screen."""
    strings = read_file(LANG_DIR / f"{code}.yaml")
    untranslated = sorted(
        key for key, english in ENGLISH.items() if strings[key] == english and key not in SAME_AS_ENGLISH
    )
    assert not untranslated


def test_every_language_the_app_talks_in_exists_in_the_interview() -> None:
    assert set(available_languages()) <= set(load_interview().languages)


def broken_copy(tmp_path: Path, change) -> Path:
    """assistant/lang copied to tmp_path, with nl.yaml's data changed by `change(data)`."""
    import yaml

    for code in ("en", "nl"):
        shutil.copy(LANG_DIR / f"{code}.yaml", tmp_path / f"{code}.yaml")
    data = yaml.safe_load((tmp_path / "nl.yaml").read_text(encoding="utf-8"))
    change(data)
    (tmp_path / "nl.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda data: data["chat"].pop("why"), "missing chat.why"),
        (lambda data: data["keys"].update(extra="Extra"), "not in en.yaml: keys.extra"),
        (
            lambda data: data["chat"].update(why="Waarom: {reden}"),
            "chat.why must fill in the same placeholders",
        ),
        (lambda data: data["commands"].update(back="terug"), "commands.back must be a list of words"),
        (lambda data: data["keys"].update(back=["terug"]), "keys.back must be a text"),
    ],
)
def test_a_missing_extra_or_different_text_is_a_load_error_naming_the_file_and_key(
    tmp_path: Path, change, message: str
) -> None:
    folder = broken_copy(tmp_path, change)
    with pytest.raises(UiTextsError) as raised:
        read_texts("nl", folder)
    assert str(folder / "nl.yaml") in str(raised.value)
    assert message in str(raised.value)
    assert read_texts("en", folder)("keys.back") == "Back"  # English itself is the reference


def test_a_language_without_a_file_is_an_error_not_english(tmp_path: Path) -> None:
    shutil.copy(LANG_DIR / "en.yaml", tmp_path / "en.yaml")
    with pytest.raises(UiTextsError, match="no app texts in 'de'"):
        read_texts("de", tmp_path)


@pytest.mark.parametrize("code", available_languages())
def test_every_command_has_words_in_every_language_and_the_english_ones_always_work(code: str) -> None:
    texts = load_texts(code)
    for name in COMMANDS:
        own = texts.words(f"commands.{name}", english=False)
        assert own, name
        for word in own:
            assert read_typed(f"/{word}", texts, bare_words=False) == Command(name)
        assert read_typed(f"/{name}", texts, bare_words=False) == Command(name)


@pytest.mark.parametrize("code", available_languages())
@pytest.mark.parametrize(
    ("typed", "language"), [("/taal nl", "nl"), ("/langue fr", "fr"), ("/language en", "en")]
)
def test_the_language_command_of_every_language_works_whatever_the_language_on_screen(
    code: str, typed: str, language: str
) -> None:
    command = read_typed(typed, load_texts(code), bare_words=False)
    assert command == Command("language", language)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("/language", Command("language")),
        ("/language   Nederlands ", Command("language", "Nederlands")),
        ("/preview fr", Command("preview", "fr")),
        ("/back now", UnknownCommand("/back")),
        ("language nl", Command("language", "nl")),
    ],
)
def test_commands_with_an_argument(typed: str, expected: object) -> None:
    assert read_typed(typed, TEXTS, bare_words=True) == expected


# --- which language: LANG, --lang, /language --------------------------------------------------------------

LOCALE_TAILS = st.from_regex(r"[_.@-][A-Za-z0-9_.@-]{0,12}", fullmatch=True)


@given(st.sampled_from(available_languages()), LOCALE_TAILS, st.booleans())
def test_a_lang_value_names_its_language(code: str, tail: str, upper: bool) -> None:
    value = (code.upper() if upper else code) + tail
    assert from_locale(value) == code


@given(st.text(max_size=20))
def test_any_other_lang_value_means_english(value: str) -> None:
    code = from_locale(value)
    assert code in available_languages()
    first = value.strip().replace(".", "_").replace("@", "_").replace("-", "_").split("_")[0].casefold()
    assert code == (first if first in available_languages() else "en")


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("nl_BE.UTF-8", "nl"),
        ("fr_BE.UTF-8", "fr"),
        ("en_GB.UTF-8", "en"),
        ("de_BE.UTF-8", "de"),
        ("it_IT.UTF-8", "en"),
        ("C.UTF-8", "en"),
        ("", "en"),
        (None, "en"),
        ("POSIX", "en"),
        ("nl", "nl"),
    ],
)
def test_lang_examples(value: str | None, code: str) -> None:
    assert from_locale(value) == code


NAMES = {code: load_texts(code).words("language.names", english=False) for code in available_languages()}


@given(st.sampled_from(sorted(NAMES)), st.data())
def test_every_name_of_a_language_chooses_it_whatever_the_case_and_spacing(
    code: str, data: st.DataObject
) -> None:
    name = data.draw(st.sampled_from(NAMES[code]))
    spaced = data.draw(st.sampled_from(["", " ", "  "]))
    typed = f"{spaced}{name.upper() if data.draw(st.booleans()) else name}{spaced}"
    assert talk_language_named(typed) == code


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=12))
def test_a_language_argument_is_a_known_language_or_nothing(typed: str) -> None:
    code = talk_language_named(typed)
    folded = " ".join(typed.casefold().split()).strip(" .!?\"'«»")
    known = {name.casefold(): c for c, names in NAMES.items() for name in (*names, c)}
    stem = folded.replace("-", "_").replace(".", "_").replace("@", "_").split("_")[0]
    assert code == known.get(folded, known.get(stem))


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("fr", "fr"),
        ("Frans", "fr"),
        ("néerlandais", "nl"),
        ("Deutsch", "de"),
        ("english", "en"),
        ("xx", None),
    ],
)
def test_the_policy_version_after_preview(typed: str, code: str | None) -> None:
    assert version_named(typed, TEXTS) == code
