"""Answers the assistant offers (an earlier answer, a default, a review's suggestion): selected, so that
typing replaces them; never silently appended to; a review's suggestion says where it came from until
the user confirms it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from uihelp import (
    answers_file,
    async_test,
    chat_of,
    confirm,
    give,
    make_app,
    screen_text,
    session_at,
    submit_text,
    transcript_text,
    type_text,
    wait_for,
    write_draft,
)

from assistant.cli import main
from assistant.screens.summary import SummaryScreen
from assistant.texts import load_texts
from assistant.widgets.pointer_list import PointerList
from dialogue.drafts import DraftStore

ROOT = Path(__file__).resolve().parents[2]
POLICIES = ROOT / "tests" / "review" / "policies"
COMPREHENSIVE = answers_file("comprehensive-brussels.yaml")


def shown(app) -> str:
    """The screen's text with its lines joined, as a reader reads a wrapped line."""
    return " ".join(screen_text(app).split())


def current_id(app) -> str | None:
    question = chat_of(app).session.current
    return question.id if question else None


@async_test
async def test_typing_replaces_an_earlier_answer_instead_of_adding_to_it(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(80, 24)) as pilot:
        chat = chat_of(app)
        await give(pilot, "limited")
        await submit_text(pilot, "the Communications department")
        await wait_for(pilot, lambda: current_id(app) == "regions")
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: current_id(app) == "org_name")
        field = chat.dock.field
        assert field.value == "the Communications department"
        assert field.selected_text == "the Communications department"  # offered, selected
        # The line under the box says what the text is and how to replace or clear it.
        assert "Your earlier answer is selected: typing replaces it" in shown(app)
        assert "^u clears the box" in shown(app)
        await type_text(pilot, "Bakkerij Peeters")
        assert field.value == "Bakkerij Peeters"
        await pilot.press("enter")
        await wait_for(pilot, lambda: current_id(app) == "regions")
        assert chat.session.answers["org_name"] == "Bakkerij Peeters"


@async_test
async def test_the_arrow_keeps_the_earlier_answer_to_change_it_and_ctrl_u_clears_the_box(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(80, 24)) as pilot:
        chat = chat_of(app)
        await give(pilot, "limited")
        await submit_text(pilot, "Acme")
        await wait_for(pilot, lambda: current_id(app) == "regions")
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: current_id(app) == "org_name")
        field = chat.dock.field
        await pilot.press("right")  # keeps the answer, the cursor at its end
        await type_text(pilot, " NV")
        assert field.value == "Acme NV"
        await pilot.press("left", "left", "left", "ctrl+u")  # the whole box, not only what is left
        assert field.value == ""


@async_test
async def test_a_default_text_is_offered_selected_and_typing_replaces_it(home: Path) -> None:
    write_draft(home, session_at("it_policy_name", COMPREHENSIVE), "draft")
    app = make_app(home, resume="draft")
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        await wait_for(pilot, lambda: current_id(app) == "it_policy_name")
        field = chat.dock.field
        assert field.value == "IT and Communication Systems Policy"
        assert field.selected_text == field.value
        assert "A suggested answer is selected" in shown(app)
        await type_text(pilot, "ICT Charter")
        await pilot.press("enter")
        await wait_for(pilot, lambda: current_id(app) != "it_policy_name")
        assert chat.session.answers["it_policy_name"] == "ICT Charter"


@async_test
async def test_a_long_earlier_answer_is_replaced_by_what_is_typed(home: Path) -> None:
    session = session_at("crisis_escalation", COMPREHENSIVE)
    session.answers["crisis_escalation"] = "Call the managing director first."
    write_draft(home, session, "draft")
    app = make_app(home, resume="draft")
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        await wait_for(pilot, lambda: current_id(app) == "crisis_escalation")
        area = chat.dock.long_answer
        assert area.text == "Call the managing director first."
        assert area.selected_text == area.text
        await type_text(pilot, "Call HR.")
        assert area.text == "Call HR."
        await pilot.press("ctrl+u")
        assert area.text == ""


# --- a review's suggestions --------------------------------------------------------------------------


@pytest.fixture
def reviewed_draft(private_home: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A draft made as a user makes one: `policy-assistant review beleid.md --start-draft`."""
    assert main(["review", str(POLICIES / "strong_nl.md"), "--start-draft"]) == 0
    capsys.readouterr()
    return private_home


@async_test
async def test_a_reviews_suggestions_say_where_they_came_from_until_they_are_confirmed(
    reviewed_draft: Path,
) -> None:
    [draft] = DraftStore(reviewed_draft / "drafts").list()
    app = make_app(reviewed_draft, resume=draft.id)
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        session = chat.session
        assert session.language == "nl"
        await wait_for(pilot, lambda: current_id(app) == "policy_type")
        await give(pilot, "employee_rules")
        await wait_for(pilot, lambda: current_id(app) == "org_name")
        origin = session.suggestion_origins["org_name"]
        assert origin.startswith("strong_nl.md, §")
        # In the conversation, in the user's language, and under the box.
        said = transcript_text(app)
        assert f"Voorgesteld uit uw huidige beleid ({origin}): Scheldewerken NV." in said
        assert chat.dock.field.selected_text == "Scheldewerken NV"
        assert "Uit uw huidige beleid (strong_nl.md, §" in shown(app)
        await confirm(pilot)  # confirmed (the question before was answered with a number key)
        await wait_for(pilot, lambda: current_id(app) == "regions")
        assert session.answers["org_name"] == "Scheldewerken NV"
        # A choice the review suggested: preselected, and labelled too.
        regions_origin = session.suggestion_origins["regions"]
        assert f"Voorgesteld uit uw huidige beleid ({regions_origin})" in transcript_text(app)
        assert f"Uit uw huidige beleid ({regions_origin})" in shown(app)
        # Once confirmed, going back offers it as the user's own answer, no longer as the review's.
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: current_id(app) == "org_name")
        assert "Uw vorige antwoord is geselecteerd" in shown(app)
        assert "Uit uw huidige beleid" not in shown(app)


@async_test
async def test_the_summary_shows_a_reviews_unconfirmed_suggestions_with_their_origin(
    reviewed_draft: Path,
) -> None:
    [draft] = DraftStore(reviewed_draft / "drafts").list()
    app = make_app(reviewed_draft, resume=draft.id)
    async with app.run_test(size=(120, 40)) as pilot:
        chat = chat_of(app)
        await give(pilot, "employee_rules")
        await wait_for(pilot, lambda: current_id(app) == "org_name")
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        lines = app.screen.query_one("#answers", PointerList).lines
        origin = chat.session.suggestion_origins["org_name"]
        wanted = f"Voorgesteld uit uw huidige beleid ({origin}): Scheldewerken NV"
        assert any(wanted in line for line in lines)


# --- a number key chooses at once; the Enter many people press after it is not the next answer -------


@asynccontextmanager
async def resumed_at(home: Path, question_id: str) -> AsyncIterator[Pilot]:
    """The app resumed at `question_id` of the comprehensive answers, its answer box focused."""
    write_draft(home, session_at(question_id, COMPREHENSIVE), "draft")
    app = make_app(home, resume="draft")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: current_id(app) == question_id)
        chat_of(app).dock.focus_answer()
        await pilot.pause()
        yield pilot


@async_test
async def test_the_enter_after_a_number_does_not_accept_what_the_next_question_offers(home: Path) -> None:
    async with resumed_at(home, "personal_use") as pilot:
        app = pilot.app
        chat = chat_of(app)
        await pilot.press("1")
        await wait_for(pilot, lambda: current_id(app) == "company_devices")
        await pilot.press("enter")  # meant for the number: company devices offers "yes", unseen
        await pilot.pause()
        assert current_id(app) == "company_devices"
        assert "company_devices" not in chat.session.answers
        # The line under the list says why the question still waits.
        assert "Your number already answered the last question, so that Enter did not answer" in shown(app)
        await pilot.press("enter")  # a second Enter is the user's own: it accepts the offer
        await wait_for(pilot, lambda: current_id(app) == "monitoring")
        assert chat.session.answers["company_devices"] is True


@async_test
async def test_a_number_and_enter_typed_at_once_answer_one_question(home: Path) -> None:
    # In a terminal both keys can be waiting before the number's answer is handled; the next question
    # (is there an incentive? yes or no, like the one answered) must not get the Enter's choice.
    async with resumed_at(home, "advocacy") as pilot:
        app = pilot.app
        chat = chat_of(app)
        app.post_message(events.Key("1", "1"))  # both queued before either is handled
        app.post_message(events.Key("enter", "\r"))
        await wait_for(pilot, lambda: current_id(app) == "advocacy_incentives")
        await pilot.pause()
        assert current_id(app) == "advocacy_incentives"
        assert chat.session.answers["advocacy"] is True
        assert "advocacy_incentives" not in chat.session.answers
        assert not chat.dock.problem.display
        assert "Your number already answered" not in shown(app)  # it came before the question


@async_test
async def test_after_a_number_what_the_user_types_is_sent_by_the_next_enter(home: Path) -> None:
    async with resumed_at(home, "it_policy") as pilot:
        app = pilot.app
        chat = chat_of(app)
        await pilot.press("1")
        await wait_for(pilot, lambda: current_id(app) == "it_policy_name")
        await type_text(pilot, "ICT Charter")
        await pilot.press("enter")
        await wait_for(pilot, lambda: current_id(app) != "it_policy_name")
        assert chat.session.answers["it_policy_name"] == "ICT Charter"


@async_test
async def test_after_a_number_an_arrow_makes_the_next_enter_the_users_own(home: Path) -> None:
    async with resumed_at(home, "personal_use") as pilot:
        app = pilot.app
        chat = chat_of(app)
        await pilot.press("1")
        await wait_for(pilot, lambda: current_id(app) == "company_devices")
        await pilot.press("down", "enter")  # the user moved to "no": this Enter is theirs
        await wait_for(pilot, lambda: current_id(app) == "monitoring")
        assert chat.session.answers["company_devices"] is False


# --- a follow-up named by the words typed for the sector --------------------------------------------


@asynccontextmanager
async def at_sector(home: Path, language: str, size: tuple[int, int] = (100, 30)) -> AsyncIterator[Pilot]:
    """The app resumed at the sector question of the comprehensive answers, in `language`."""
    session = session_at("sector", COMPREHENSIVE)
    session.set_language(language)
    write_draft(home, session, "draft")
    app = make_app(home, resume="draft")
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: current_id(app) == "sector")
        yield pilot


def pointed(app) -> str:
    """The choice the list points at."""
    chat = chat_of(app)
    question = chat.session.current
    assert question is not None and chat.dock.choices.highlighted is not None
    return question.choices[chat.dock.choices.highlighted]


@pytest.mark.parametrize(
    ("language", "typed", "follow_up", "choice", "label"),
    [
        ("nl", "een school en een sportclub", "education_level", "school", "Uit wat u typte"),
        ("en", "school, sport club", "education_level", "school", "From what you typed"),
        ("fr", "une école, un club de sport", "education_level", "school", "D'après ce que vous avez tapé"),
        (
            "de",
            "ein Krankenhaus und eine Apotheke",
            "care_setting",
            "hospital",
            "Aus dem, was Sie getippt haben",
        ),
        ("nl", "een ziekenhuis", "care_setting", "hospital", "Uit wat u typte"),
    ],
)
@async_test
async def test_a_follow_up_named_by_typed_words_says_so_under_the_list(
    home: Path, language: str, typed: str, follow_up: str, choice: str, label: str
) -> None:
    # 80 columns: the German label takes two lines, and is not cut.
    async with at_sector(home, language, size=(80, 24)) as pilot:
        app = pilot.app
        await submit_text(pilot, typed)
        await wait_for(pilot, lambda: current_id(app) == follow_up)
        assert pointed(app) == choice
        assert label in shown(app), shown(app)
        assert load_texts(language)("chat.typed_list") in shown(app)  # whole, wrapped rather than cut
        await pilot.press("enter")  # confirmed as offered
        await wait_for(pilot, lambda: current_id(app) != follow_up)
        assert chat_of(app).session.answers[follow_up] == choice
        assert label not in shown(app)


@async_test
async def test_typed_again_the_sector_offers_what_the_new_words_name(home: Path) -> None:
    async with at_sector(home, "nl") as pilot:
        app = pilot.app
        await submit_text(pilot, "een ziekenhuis")
        await wait_for(pilot, lambda: current_id(app) == "care_setting")
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: current_id(app) == "sector")
        await submit_text(pilot, "een woonzorgcentrum")
        await wait_for(pilot, lambda: current_id(app) == "care_setting")
        assert pointed(app) == "care_home"
        assert "Uit wat u typte" in shown(app)
        # Words that name two kinds of care offer neither, and say nothing of what was typed.
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: current_id(app) == "sector")
        await submit_text(pilot, "ziekenhuis en woonzorgcentrum")
        await wait_for(pilot, lambda: current_id(app) == "care_setting")
        assert chat_of(app).session.suggestions == {}
        assert "Uit wat u typte" not in shown(app)
