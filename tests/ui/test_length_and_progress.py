"""Honest length and progress (issue 13 item 6): the greeting gives the number of questions for the
path as it stands and says it changes; the progress line moves one question's share at a time."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from uihelp import answer_all, answers_file, async_test, chat_of, give, make_app, transcript_text, wait_for

from assistant.screens.summary import SummaryScreen

LIMITED = answers_file("limited-small.yaml")
COMPREHENSIVE = answers_file("comprehensive-brussels.yaml")


def shown_percent(app) -> int:
    line = str(app.screen.query_one("#progress").render())
    found = re.search(r"(\d+)% answered", line)
    assert found, line
    return int(found.group(1))


@async_test
async def test_the_greeting_says_how_long_and_the_bar_moves_evenly_on_the_short_list(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        await wait_for(pilot, lambda: "Hello!" in transcript_text(app))
        greeting = transcript_text(app)
        # Before the kind of policy is known, the honest answer is a range, not "about 50".
        assert "I will ask you between 10 and 41 questions, depending on your answers" in greeting
        shown = [shown_percent(app)]

        async def record(pilot, question) -> bool:
            if question.id != "policy_type":
                shown.append(shown_percent(app))
            return False

        await answer_all(pilot, LIMITED, on_question=record)
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        shown.append(shown_percent(app))
        assert chat.session.progress.answered == 11
        steps = [after - before for before, after in itertools.pairwise(shown)]
        assert shown[0] == 0 and shown[-1] == 100
        assert all(0 < step <= 100 // 11 + 2 for step in steps), shown  # one question's share each


@async_test
async def test_the_greeting_in_another_language_counts_the_path_as_it_stands(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        await give(pilot, "comprehensive")
        await wait_for(pilot, lambda: chat.session.state == "org_name")
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: app.screen is not chat)
        await pilot.press("2")  # Nederlands
        await wait_for(pilot, lambda: "Welkom!" in transcript_text(app))
        said = transcript_text(app)
        count = chat.session.progress.total
        assert 30 <= count <= 38
        assert f"Ik stel u ongeveer {count} vragen voor de antwoorden tot nu toe" in said
        assert "het aantal verandert met uw antwoorden" in said


@async_test
async def test_a_forward_move_never_lowers_the_bar(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(100, 30)) as pilot:
        shown = [shown_percent(app)]

        async def record(pilot, question) -> bool:
            shown.append(shown_percent(app))
            return False

        await answer_all(pilot, COMPREHENSIVE, on_question=record)
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        shown.append(shown_percent(app))
        steps = [after - before for before, after in itertools.pairwise(shown)]
        assert all(step >= 0 for step in steps), shown
        assert max(steps) <= 100 // len(shown) + 2, shown
        assert shown[-1] == 100
