"""The language we talk in (chosen at the start, switched at any time without losing an answer) and the
policy's language versions (explained in the chat, shown in the preview, exported together)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from textual.widgets import Input
from uihelp import (
    ROOT,
    answer_all,
    answers_file,
    async_test,
    chat_of,
    finished_session,
    give,
    make_app,
    open_export_dialog,
    screen_text,
    session_at,
    submit_text,
    transcript_text,
    wait_for,
    write_draft,
)

from assistant.cli import main
from assistant.screens.chat import ChatScreen
from assistant.screens.export import ExportDialog
from assistant.screens.language import LanguageDialog
from assistant.screens.preview import PreviewScreen
from assistant.screens.start import StartScreen
from assistant.screens.summary import SummaryScreen
from assistant.texts import load_texts, read_file
from assistant.widgets.choices import ChoiceList

COMPREHENSIVE = answers_file("comprehensive-brussels.yaml")  # Brussels (Dutch and French staff) and Flanders
LIMITED = answers_file("limited-small.yaml")  # a Walloon bakery
EN, NL, FR = (load_texts(code) for code in ("en", "nl", "fr"))


def flat(text: str) -> str:
    return " ".join(text.split())


def said(app) -> str:
    return flat(transcript_text(app))


def footer_labels(app) -> set[str]:
    return {
        active.binding.description for active in app.screen.active_bindings.values() if active.binding.show
    }


async def answer_until(pilot, question_id: str, answers: dict) -> None:
    """Answer like a user until `question_id` is asked."""
    chat = chat_of(pilot.app)
    while chat.session.current.id != question_id:
        steps = len(chat.session.history)
        question = chat.session.current
        await give(pilot, answers.get(question.id, chat.session.interview.default(question)))
        await wait_for(pilot, lambda steps=steps: len(chat.session.history) > steps, what=question.id)


# --- choosing the language we talk in ----------------------------------------------------------------------


@async_test
async def test_the_first_greeting_offers_each_language_in_its_own_words(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: "Which kind of social media policy" in said(app))
        text = said(app)
        assert "We can talk in English, Dutch, French and German: type /language or press Ctrl+L" in text
        assert "Liever in het Nederlands? Typ /taal nl of druk op Ctrl+L." in text
        assert flat(FR("language.offer")) in text
        assert "Lieber auf Deutsch? Tippen Sie /sprache de oder drücken Sie Strg+L." in text
        assert "Language" in footer_labels(app)


@async_test
async def test_started_in_dutch_everything_on_screen_is_dutch(home: Path) -> None:
    app = make_app(home, new=True, language="nl")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: "Welk soort socialemediabeleid hebt u nodig?" in said(app))
        assert "Welkom!" in said(app)
        assert "Prefer English? Type /language en" in said(app)  # the offer of the other languages
        assert {"Terug", "Waarom", "Overzicht", "Beleid", "Taal", "Stop"} <= footer_labels(app)
        await wait_for(pilot, lambda: "Beleidsassistent" in screen_text(app))
        assert "Of typ hier uw antwoord" in screen_text(app)
        assert chat_of(app).session.language == "nl"


def english_phrases(code: str) -> list[str]:
    """English texts of the app that would be out of place on a screen in `code` (not the offer to talk
    in English, which the greeting makes in English on purpose)."""
    other = read_file(ROOT / "assistant" / "lang" / f"{code}.yaml")
    english = read_file(ROOT / "assistant" / "lang" / "en.yaml")
    found = set()
    for key, text in english.items():
        if isinstance(text, str) and text != other[key] and key != "language.offer":
            for part in text.replace("{", "\0").replace("}", "\0").split("\0")[::2]:
                if len(part.strip()) >= 8:
                    found.add(part.strip())
    return sorted(found)


@pytest.mark.parametrize("code", ["nl", "fr"])
@async_test
async def test_no_english_from_the_app_on_a_dutch_or_french_screen(home: Path, code: str) -> None:
    phrases = english_phrases(code)
    assert len(phrases) > 100
    app = make_app(home, new=True, language=code)
    texts = load_texts(code)
    screens: list[str] = []

    async def capture(pilot, key: str) -> None:
        """The screen once it shows `key`'s text (a screenshot taken before the paint would be empty)."""
        await wait_for(pilot, lambda: flat(texts(key)) in flat(screen_text(app)), what=key)
        screens.append(screen_text(app))

    async with app.run_test(size=(130, 40)) as pilot:
        chat = chat_of(app)
        await capture(pilot, "chat.placeholder_choice")
        await answer_until(pilot, "headcount", LIMITED)
        await wait_for(pilot, lambda: chat.conversation.policy.document is not None, timeout=20)
        await capture(pilot, "chat.placeholder_number")
        await pilot.press("ctrl+l")
        await capture(pilot, "language.choose_title")
        await pilot.press("escape")
        await answer_all(pilot, LIMITED)
        await capture(pilot, "summary.title")
        await pilot.press("ctrl+t")
        await capture(pilot, "keys.version")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await pilot.press("f")
        await capture(pilot, "export.versions")
    shown = flat("\n".join(screens))
    assert not [phrase for phrase in phrases if flat(phrase) in shown]


@async_test
async def test_switching_language_mid_interview_keeps_every_answer_and_retells_the_conversation(
    home: Path,
) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        await answer_until(pilot, "headcount", LIMITED)
        answers = dict(chat.session.answers)
        await submit_text(pilot, "/taal nl")  # the Dutch word works on an English screen
        await wait_for(pilot, lambda: "We gaan verder in het Nederlands" in said(app))
        await wait_for(pilot, lambda: "Hoeveel werknemers telt uw organisatie in België?" in said(app))
        assert chat.session.answers == answers
        assert chat.session.current.id == "headcount"
        text = said(app)
        # The whole conversation so far, in Dutch: questions, answers, the languages explanation.
        assert (
            "Welk soort socialemediabeleid hebt u nodig? U: Een korte lijst van wat wel en niet mag" in text
        )
        assert "U: Wallonië (Frans taalgebied)" in text
        assert "decreet van de Franse Gemeenschap van 30 juni 1982" in text
        assert "Which kind of social media policy" not in text
        assert {"Terug", "Taal"} <= footer_labels(app)
        assert chat.dock.field.placeholder == "Typ een getal en druk op Enter"
        # The draft records the language.
        draft = home / "drafts" / f"{chat.session.draft_id}.yaml"
        await wait_for(
            pilot, lambda: draft.exists() and yaml.safe_load(draft.read_text())["language"] == "nl"
        )

        # Ctrl+L opens the list, each language in its own name; 3 is Français.
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: "Français" in screen_text(app))
        assert isinstance(app.screen, LanguageDialog) and "Nederlands" in screen_text(app)
        await pilot.press("3")
        await wait_for(pilot, lambda: "Nous continuons en français" in said(app))
        assert chat.session.answers == answers
        # Back, in French, with the earlier answer offered again.
        await submit_text(pilot, "/retour")
        await wait_for(pilot, lambda: chat.session.current.id == "regions")
        await wait_for(pilot, lambda: "Retour à la question précédente." in said(app))
        assert chat.dock.choices.ticked == ["wallonia"]
        await wait_for(pilot, lambda: "Wallonie (région de langue française)" in screen_text(app))


@async_test
async def test_an_unknown_language_is_named_with_the_choices_and_nothing_changes(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await give(pilot, "limited")
        await submit_text(pilot, "/language klingon")
        await wait_for(pilot, lambda: 'I do not know the language "klingon"' in said(app))
        assert "English (en), Nederlands (nl), Français (fr)" in said(app)
        assert app.language == "en" and chat_of(app).session.language == "en"
        assert chat_of(app).session.current.id == "org_name"


@async_test
async def test_bare_language_command_opens_the_list_and_escape_keeps_the_language(home: Path) -> None:
    app = make_app(home, new=True, language="fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await submit_text(pilot, "/langue")
        await wait_for(pilot, lambda: "Dans quelle langue souhaitez-vous converser ?" in screen_text(app))
        assert isinstance(app.screen, LanguageDialog)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChatScreen))
        assert app.language == "fr"


@async_test
async def test_the_command_palette_offers_the_other_languages_in_the_language_on_screen(home: Path) -> None:
    app = make_app(home, new=True, language="nl")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: chat_of(app).conversation.position is not None)
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        assert {"Taal: English", "Taal: Français", "Thema's", "Stop"} <= set(commands)
        assert "Theme" not in commands and "Taal: Nederlands" not in commands
        assert commands["Taal: Français"].help.startswith("Het gesprek verderzetten in het Frans")
        commands["Taal: Français"].callback()
        await wait_for(pilot, lambda: "Nous continuons en français" in said(app))


@async_test
async def test_a_resumed_draft_goes_on_in_its_own_language(home: Path) -> None:
    session = session_at("headcount", LIMITED)
    session.set_language("fr")
    write_draft(home, session, "brouillon")
    app = make_app(home, resume="brouillon", language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: "Combien de travailleurs votre organisation" in said(app))
        assert app.language == "fr"
        assert "Bon retour parmi nous." in said(app)
        assert "Vous : Wallonie (région de langue française)" in said(app)
        assert "Retour" in footer_labels(app)


@async_test
async def test_the_start_screen_offers_the_languages_and_starts_in_the_chosen_one(home: Path) -> None:
    session = session_at("headcount", LIMITED)
    session.set_language("nl")
    write_draft(home, session, "ontwerp")
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen) and "Language:" in screen_text(app))
        shown = screen_text(app)
        assert (
            "Language:" in shown
            and "● English" in shown
            and "○ Nederlands" in shown
            and "○ Français" in shown
        )
        assert "Boulangerie Dupont SRL · 27% answered · saved 25/11/2026 14:02 · Nederlands" in shown
        await pilot.click("#language-nl")
        await wait_for(pilot, lambda: "Onafgewerkte ontwerpen" in screen_text(app))
        shown = screen_text(app)
        assert "● Nederlands" in shown and "Een nieuw beleid beginnen" in shown
        assert "Nieuw beleid" in footer_labels(app)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, ChatScreen))
        await wait_for(pilot, lambda: "Welk soort socialemediabeleid hebt u nodig?" in said(app))
        assert chat_of(app).session.language == "nl"


@async_test
async def test_switching_on_the_summary_shows_the_answers_in_the_new_language(home: Path) -> None:
    write_draft(home, finished_session(LIMITED), "done")
    app = make_app(home, resume="done")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await wait_for(pilot, lambda: "Your answers" in screen_text(app))
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: isinstance(app.screen, LanguageDialog))
        await pilot.press("2")
        await wait_for(pilot, lambda: "Uw antwoorden" in screen_text(app))
        assert isinstance(app.screen, SummaryScreen)
        assert "→ Wallonië (Frans taalgebied)" in screen_text(app)
        assert chat_of(app).session.answers == finished_session(LIMITED).answers


@pytest.mark.parametrize("code", ["en", "nl", "fr"])
@async_test
async def test_every_key_of_the_chat_fits_the_footer_at_80_columns(home: Path, code: str) -> None:
    from textual.widgets._footer import FooterKey

    session = session_at("crisis_escalation", COMPREHENSIVE)  # may be skipped: the most keys
    session.set_language(code)
    write_draft(home, session, "draft")
    app = make_app(home, resume="draft")
    async with app.run_test(size=(80, 24)) as pilot:

        def keys() -> list[FooterKey]:  # the footer composes its keys again when their labels settle
            return list(app.screen.query(FooterKey))

        await wait_for(pilot, lambda: len(keys()) == 8 and all(key.region.width for key in keys()))
        assert max(key.region.right for key in keys()) <= 80
        assert load_texts(code)("keys.language") in footer_labels(app)


# --- --lang and LANG ---------------------------------------------------------------------------------------


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The language each app started by the command line talks in (the app itself does not run)."""
    from assistant.app import PolicyAssistant

    languages: list[str] = []
    monkeypatch.setattr(PolicyAssistant, "run", lambda self: languages.append(self.language))
    return languages


@pytest.mark.parametrize(
    ("lang", "argv", "expected"),
    [
        ("nl_BE.UTF-8", [], "nl"),
        ("fr_BE.UTF-8", ["chat"], "fr"),
        ("de_BE.UTF-8", [], "de"),
        ("it_IT.UTF-8", [], "en"),
        ("C.UTF-8", [], "en"),
        ("fr_BE.UTF-8", ["--lang", "nl"], "nl"),
        ("nl_BE.UTF-8", ["chat", "--lang", "EN"], "en"),
    ],
)
def test_lang_and_the_lang_option_set_the_language(
    monkeypatch: pytest.MonkeyPatch, started: list[str], lang: str, argv: list[str], expected: str
) -> None:
    monkeypatch.setenv("LANG", lang)
    assert main([*argv, "--new"]) == 0
    assert started == [expected]


def test_a_bad_lang_option_is_one_line_and_exit_code_2(
    capsys: pytest.CaptureFixture[str], started: list[str]
) -> None:
    assert main(["--lang", "it"]) == 2
    error = capsys.readouterr().err
    assert error == (
        "policy-assistant: --lang it: not a language the assistant talks in (choose en, nl, fr or de)\n"
    )
    assert started == []


# --- the policy's language versions, explained ------------------------------------------------------------

SEATS = {
    "flanders": (
        {"regions": ["flanders"]},
        [
            "Flanders: Dutch (Flemish Decree of 19 July 1973). A document in another language is null there",
            "So your policy must exist in Dutch: that version binds your staff.",
        ],
        ["Wallonia:", "Brussels-Capital:"],
    ),
    "wallonia": (
        {"regions": ["wallonia"]},
        [
            "Wallonia: French (Decree of the French Community of 30 June 1982)",
            "must exist in French: that version binds",
        ],
        ["Flanders:"],
    ),
    "brussels_dutch_staff": (
        {"regions": ["brussels"], "staff_languages": ["nl"]},
        [
            "Brussels-Capital: Dutch, as your staff there speak Dutch (coordinated laws of 18 July 1966); a "
            "French version is needed for any French-speaking employee.",
            "must exist in Dutch: that version binds",
        ],
        ["Flanders:"],
    ),
    "brussels_both": (
        {"regions": ["brussels"], "staff_languages": ["nl", "fr"]},
        [
            "Brussels-Capital: Dutch for Dutch-speaking staff and French for French-speaking staff "
            "(coordinated laws of 18 July 1966).",
            "must exist in Dutch and French: these versions bind",
        ],
        [],
    ),
    "several_seats": (
        {"regions": ["flanders", "wallonia", "german"]},
        [
            "Flanders: Dutch",
            "Wallonia: French",
            "German-speaking region: German.",
            "must exist in Dutch, French and German:",
        ],
        ["Brussels-Capital:"],
    ),
}


@pytest.mark.parametrize("seats", sorted(SEATS))
@async_test
async def test_once_the_seats_are_known_the_chat_explains_the_languages_the_law_requires(
    home: Path, seats: str
) -> None:
    answers, present, absent = SEATS[seats]
    app = make_app(home, new=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await answer_until(pilot, "headcount", {**LIMITED, **answers})
        text = said(app)
        for part in present:
            assert flat(part) in text
        for part in absent:
            assert part not in text
        assert (
            "An English-only policy is not valid on its own. English can be added as a courtesy "
            "translation, labelled as such on its first page." in text
        )
        # It comes after the last seat answer and before the next question, once.
        assert text.index("A word on the policy's language") < text.index("How many employees")
        assert text.count("A word on the policy's language") == 1


@async_test
async def test_brussels_waits_for_the_staff_languages_and_a_change_of_seats_is_explained_again(
    home: Path,
) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        await answer_until(pilot, "staff_languages", {**LIMITED, "regions": ["brussels"]})
        assert "A word on the policy's language" not in said(app)  # Brussels: not known yet
        await give(pilot, ["fr"])
        await wait_for(pilot, lambda: chat.session.current.id == "headcount")
        assert "Brussels-Capital: French, as your staff there speak French" in said(app)
        # Back and the same answer again: nothing new to explain.
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: chat.session.current.id == "staff_languages")
        await pilot.press("enter")
        await wait_for(pilot, lambda: chat.session.current.id == "headcount")
        assert said(app).count("A word on the policy's language") == 1
        # Another answer: the new rule is explained.
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: chat.session.current.id == "staff_languages")
        await give(pilot, ["nl", "fr"])
        await wait_for(pilot, lambda: said(app).count("A word on the policy's language") == 2)
        assert (
            "Brussels-Capital: Dutch for Dutch-speaking staff and French for French-speaking staff"
            in said(app)
        )


@async_test
async def test_the_explanation_in_dutch_and_in_french_cites_the_same_decrees(home: Path) -> None:
    for code, expected in (
        (
            "nl",
            [
                "Vlaanderen: Nederlands (Vlaams decreet van 19 juli 1973)",
                "Wallonië: Frans (decreet van de Franse Gemeenschap van 30 juni 1982)",
                "vertaling ter informatie",
            ],
        ),
        (
            "fr",
            [
                "Flandre : le néerlandais (décret flamand du 19 juillet 1973)",
                "Wallonie : le français (décret de la Communauté française du 30 juin 1982)",
                "traduction de courtoisie",
            ],
        ),
    ):
        app = make_app(home, new=True, language=code)
        async with app.run_test(size=(100, 30)) as pilot:
            await answer_until(pilot, "headcount", {**LIMITED, "regions": ["flanders", "wallonia"]})
            for part in expected:
                assert part in said(app)


# --- the preview in a required language --------------------------------------------------------------------


@async_test
async def test_the_preview_shows_a_required_version_and_can_show_another(home: Path) -> None:
    # Before the seats are known the preview is in the language we talk in (a policy language) ...
    app = make_app(home, new=True, language="nl")
    async with app.run_test(size=(130, 40)) as pilot:
        chat = chat_of(app)
        await give(pilot, "limited")
        await wait_for(pilot, lambda: chat.conversation.policy.document is not None, timeout=20)
        assert chat.conversation.policy.document.language == "nl"
        assert (
            chat.side_preview.border_title
            == "Voorbeeld van het beleid · Nederlands (vertaling ter informatie)"
        )
        # ... then in the first version the law requires: French for a Walloon bakery.
        await answer_until(pilot, "headcount", LIMITED)
        await wait_for(pilot, lambda: chat.conversation.policy.document.language == "fr", timeout=20)
        await wait_for(pilot, lambda: chat.side_preview.shown is chat.conversation.policy.document)
        assert chat.side_preview.border_title == "Voorbeeld van het beleid · Frans (verplicht)"
        assert "Réseaux sociaux : à faire et à éviter" in flat(chat.side_preview.text.replace("\xa0", " "))
        # /voorbeeld en: the English version, which says it is a courtesy translation.
        await submit_text(pilot, "/voorbeeld engels")
        await wait_for(pilot, lambda: chat.conversation.policy.document.language == "en", timeout=20)
        await wait_for(
            pilot, lambda: chat.side_preview.shown is chat.conversation.policy.document, timeout=20
        )
        assert "Courtesy translation" in chat.side_preview.text
        assert chat.side_preview.border_title.endswith("Engels (vertaling ter informatie)")
        assert not chat.side_preview.rendered.changed  # another version is not "changed"


@async_test
async def test_in_the_full_screen_preview_v_shows_the_next_version(home: Path) -> None:
    write_draft(home, finished_session(COMPREHENSIVE), "done")
    app = make_app(home, resume="done")
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        await wait_for(pilot, lambda: chat.conversation.policy.document is not None, timeout=20)
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: isinstance(app.screen, PreviewScreen))
        assert "Other version" in footer_labels(app)
        seen = [chat.conversation.policy.document.language]
        for _ in range(3):
            await pilot.press("v")
            await wait_for(pilot, lambda: chat.conversation.policy.document.language != seen[-1], timeout=20)
            seen.append(chat.conversation.policy.document.language)
            await wait_for(
                pilot, lambda: app.screen.preview.shown is chat.conversation.policy.document, timeout=20
            )
        assert seen == ["nl", "fr", "en", "de"]  # the required ones first, then English, then the rest
        await wait_for(pilot, lambda: "Policy preview · German (courtesy translation)" in screen_text(app))


# --- exporting every version at once -----------------------------------------------------------------------


def docx_text(path: Path) -> tuple[str, str]:
    """The first heading and the whole text of a Word file, read back with python-docx."""
    from docx import Document

    paragraphs = Document(str(path)).paragraphs
    heading = next(p.text for p in paragraphs if p.style.name.startswith(("Title", "Heading")))
    return heading, "\n".join(p.text for p in paragraphs)


@async_test
async def test_export_writes_every_required_version_at_once_with_the_language_in_each_name(
    home: Path,
) -> None:
    write_draft(home, finished_session(COMPREHENSIVE), "done")
    app = make_app(home, resume="done")
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await open_export_dialog(pilot)
        versions = dialog.query_one("#versions", ChoiceList)
        assert versions.ticked == ["nl", "fr"]  # required, so ticked
        await wait_for(pilot, lambda: "Language versions" in screen_text(app))
        shown = flat(screen_text(app))
        assert "Dutch: required for Flanders and Brussels-Capital" in shown
        assert "French: required for Brussels-Capital" in shown
        assert "English: courtesy translation, labelled as such" in shown
        # Each file is named in the words of its own language, whatever language we talk in.
        nl, fr = (
            "socialemediabeleid-kanaalzone-logistics-nv",
            "politique-reseaux-sociaux-kanaalzone-logistics-nv",
        )
        files = [
            f"{nl}-nl.docx",
            f"{fr}-fr.docx",
            f"{nl}-invoeringsnota-nl.docx",
            f"{fr}-notes-mise-en-oeuvre-fr.docx",
        ]
        targets = flat(str(dialog.query_one("#targets").render()))
        assert all(file in targets for file in files), targets
        assert "social-media-policy" not in targets
        await pilot.press("enter")
        await wait_for(pilot, lambda: "were written" in transcript_text(app), timeout=30)
        text = transcript_text(app)
    exports = home / "exports"
    assert sorted(path.name for path in exports.iterdir()) == sorted(files)
    heading, dutch = docx_text(exports / f"{nl}-nl.docx")
    assert heading == "Socialemediabeleid" and "Doel en toepassingsgebied" in dutch
    heading, french = docx_text(exports / f"{fr}-fr.docx")
    assert heading == "Politique relative aux réseaux sociaux" and "Objet et champ d'application" in french
    notes_heading, _ = docx_text(exports / f"{nl}-invoeringsnota-nl.docx")
    assert notes_heading.startswith("Invoeringsnota")
    # The conversation says where each file went, and what it is.
    assert f"The files were written in {exports}:" in text
    assert f"  {nl}-nl.docx (Dutch, policy)" in text
    assert f"  {fr}-notes-mise-en-oeuvre-fr.docx (French, implementation notes)" in text


@async_test
async def test_an_english_version_exported_from_a_dutch_conversation_has_english_file_names(
    home: Path,
) -> None:
    session = finished_session(COMPREHENSIVE, language="nl")
    write_draft(home, session, "klaar")
    app = make_app(home, resume="klaar")
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await open_export_dialog(pilot)
        versions = dialog.query_one("#versions", ChoiceList)
        await pilot.press("1", "2", "3")  # untick Dutch and French, tick English
        await wait_for(pilot, lambda: versions.ticked == ["en"])
        await wait_for(pilot, lambda: "-en.docx" in str(dialog.query_one("#targets").render()))
        targets = flat(str(dialog.query_one("#targets").render()))
        name = "social-media-policy-kanaalzone-logistics-nv"
        assert f"{name}-en.docx" in targets and f"{name}-implementation-notes-en.docx" in targets
        assert "invoeringsnota" not in targets and "socialemediabeleid" not in targets
        # A name the user types is theirs, in every version.
        name_field = dialog.query_one("#name", Input)
        name_field.value = "ons-beleid"
        await wait_for(pilot, lambda: "ons-beleid-en.docx" in str(dialog.query_one("#targets").render()))
        assert "ons-beleid-implementation-notes-en.docx" in flat(str(dialog.query_one("#targets").render()))


@async_test
async def test_leaving_out_a_required_version_is_said_and_english_is_a_labelled_courtesy_translation(
    home: Path,
) -> None:
    write_draft(home, finished_session(LIMITED), "done")
    app = make_app(home, resume="done")
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await open_export_dialog(pilot)
        assert dialog.query_one("#versions", ChoiceList).ticked == ["fr"]
        await pilot.press("1", "2")  # untick French, tick English
        await wait_for(pilot, lambda: dialog.query_one("#export-warning").display)
        warning = flat(str(dialog.query_one("#export-warning").render()))
        assert "Without the French version, the policy is not valid for your staff in Wallonia." in warning
        dialog.query_one("#formats").focus()
        await pilot.press("6", "4", "1")  # no notes, Markdown instead of Word
        await pilot.press("enter")
        await wait_for(pilot, lambda: "were written" in transcript_text(app), timeout=30)
    written = sorted((home / "exports").iterdir())
    assert [path.name for path in written] == ["social-media-policy-boulangerie-dupont-srl-en.md"]
    assert "Courtesy translation" in written[0].read_text(encoding="utf-8")


@async_test
async def test_nothing_is_exported_without_a_language_version(home: Path) -> None:
    write_draft(home, finished_session(LIMITED), "done")
    app = make_app(home, resume="done")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_export_dialog(pilot)
        await pilot.press("1", "enter")  # untick French (no version left) and export
        problem = app.screen.query_one("#export-problem")
        await wait_for(pilot, lambda: "Choose at least one language version." in str(problem.render()))
        assert isinstance(app.screen, ExportDialog)
    assert not (home / "exports").exists()


# --- start-up stays light ----------------------------------------------------------------------------------


def test_the_first_question_appears_without_loading_the_clause_library_word_or_babel(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import asyncio, sys
        from assistant.app import PolicyAssistant
        from assistant.screens.chat import ChatScreen
        from dialogue.drafts import DraftStore

        PolicyAssistant.warm_up = lambda self: None  # the worker that loads the library once on screen

        async def main():
            app = PolicyAssistant(language="nl", store=DraftStore(__import__("pathlib").Path(sys.argv[1])))
            async with app.run_test() as pilot:
                while not (isinstance(app.screen, ChatScreen) and app.screen.conversation.position):
                    await pilot.pause(0.01)
                heavy = ("docx", "babel", "clauses.library", "clauses.export", "lxml")
                print(sorted(name for name in sys.modules if name.startswith(heavy)))

        asyncio.run(main())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@async_test
async def test_once_the_first_question_shows_the_places_and_number_words_are_read_in_the_background(
    home: Path,
) -> None:
    from dialogue.words import numbers, places

    places._index.cache_clear()
    numbers._patterns.cache_clear()
    app = make_app(home, language="nl", new=True)
    async with app.run_test() as pilot:
        # The first "Antwerpen" or "zes maanden" would otherwise wait 30 to 60 ms for them.
        await wait_for(pilot, lambda: places._index.cache_info().currsize == 1, what="the places")
        await wait_for(pilot, lambda: numbers._patterns.cache_info().currsize == 1, what="the number words")
        assert isinstance(app.screen, ChatScreen)


# --- which language the start screen speaks (issue 13 item 7) -------------------------------------------


def test_the_start_language_is_lang_option_then_the_most_recent_draft_then_lang() -> None:
    from assistant.commands.chat import talk_language

    assert talk_language("fr", {"LANG": "nl_BE.UTF-8"}, "de") == "fr"
    assert talk_language(None, {"LANG": "en_GB.UTF-8"}, "nl") == "nl", "the only draft is Dutch"
    assert talk_language(None, {"LANG": "fr_BE.UTF-8"}, None) == "fr"
    assert talk_language(None, {}, "xx") == "en", "a draft in a language we do not talk: LANG, else en"


def test_the_most_recent_readable_draft_gives_the_language(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.commands.chat import most_recent_draft_language

    monkeypatch.setenv("POLICY_ASSISTANT_HOME", str(home))
    assert most_recent_draft_language() is None
    session = session_at("headcount", LIMITED)
    session.set_language("fr")
    write_draft(home, session, "brouillon")
    assert most_recent_draft_language() == "fr"


@async_test
async def test_a_start_screen_over_a_dutch_draft_speaks_dutch(home: Path) -> None:
    from assistant.commands.chat import most_recent_draft_language, talk_language

    session = session_at("headcount", LIMITED)
    session.set_language("nl")
    write_draft(home, session, "ontwerp")
    with pytest.MonkeyPatch.context() as patched:
        patched.setenv("POLICY_ASSISTANT_HOME", str(home))
        language = talk_language(None, {"LANG": "C.UTF-8"}, most_recent_draft_language())
    app = make_app(home, language=language)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen))
        await wait_for(pilot, lambda: "Onafgewerkte ontwerpen" in screen_text(app))
        assert "● Nederlands" in screen_text(app)


@async_test
async def test_after_a_language_switch_the_greeting_is_said_again_in_the_new_language(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await give(pilot, "limited")
        await submit_text(pilot, "/langue fr")
        await wait_for(pilot, lambda: "Nous continuons en français" in said(app))
        text = said(app)
        assert "Bonjour ! Je vais vous poser environ 11 questions" in text
        assert text.index("Bonjour !") < text.index("De quel type de politique")
