"""Moving around the conversation: back, skip, why, edit from the summary, answers in the user's own words,
answers the engine cannot read, and commands typed in the answer field."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from uihelp import (
    answer_all,
    answers_file,
    async_test,
    chat_of,
    confirm,
    give,
    make_app,
    session_at,
    submit_text,
    transcript_text,
    type_text,
    wait_for,
    write_draft,
)

from assistant.screens.chat import ChatScreen
from assistant.screens.preview import PreviewScreen
from assistant.screens.summary import SummaryScreen
from assistant.widgets.pointer_list import PointerList

LIMITED = answers_file("limited-small.yaml")
COMPREHENSIVE = answers_file("comprehensive-brussels.yaml")


def current_id(app) -> str | None:
    question = chat_of(app).session.current
    return question.id if question else None


@async_test
async def test_back_puts_the_previous_answer_in_the_input_to_accept(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(80, 24)) as pilot:
        chat = chat_of(app)
        await give(pilot, "limited")
        await submit_text(pilot, "Boulangerie Dupont SRL")
        await wait_for(pilot, lambda: current_id(app) == "regions")
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: current_id(app) == "org_name")
        assert chat.dock.field.value == "Boulangerie Dupont SRL"
        assert "Going back to the previous question." in transcript_text(app)
        # Enter accepts the answer as it is.
        await pilot.press("enter")
        await wait_for(pilot, lambda: current_id(app) == "regions")
        assert chat.session.answers["org_name"] == "Boulangerie Dupont SRL"
        # Back to a choice: the earlier choice is the highlighted one.
        await pilot.press("ctrl+b", "ctrl+b")
        await wait_for(pilot, lambda: current_id(app) == "policy_type")
        assert chat.dock.choices.highlighted == 3  # "A short list of do's and don'ts"
        assert chat.dock.choices.has_focus


@async_test
async def test_a_typed_back_command_is_not_taken_for_an_answer(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(80, 24)) as pilot:
        chat = chat_of(app)
        await give(pilot, "comprehensive")
        await wait_for(pilot, lambda: current_id(app) == "org_name")
        # On a free-text question "back" could be a name: only "/back" goes back.
        await submit_text(pilot, "/back")
        await wait_for(pilot, lambda: current_id(app) == "policy_type")
        await give(pilot, "comprehensive")
        await submit_text(pilot, "Acme NV")
        await wait_for(pilot, lambda: current_id(app) == "regions")
        # On a choice question a bare word that cannot be an answer is a command.
        await submit_text(pilot, "back")
        await wait_for(pilot, lambda: current_id(app) == "org_name")
        assert chat.session.answers["org_name"] == "Acme NV"


@async_test
async def test_answers_in_the_users_own_words(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(80, 24)) as pilot:
        chat = chat_of(app)
        session = chat.session
        # Typing while the list has focus goes to the text field, spaces and digits included.
        await type_text(pilot, "comprehensive policy 2")
        assert chat.dock.field.value == "comprehensive policy 2"
        await pilot.press("backspace", "backspace")
        await pilot.press("enter")
        await wait_for(pilot, lambda: current_id(app) == "org_name")
        assert session.answers["policy_type"] == "comprehensive"
        await submit_text(pilot, "Acme Belgium NV")
        await wait_for(pilot, lambda: current_id(app) == "regions")
        await submit_text(pilot, "vlaanderen and brussel")
        await wait_for(pilot, lambda: current_id(app) == "staff_languages")
        assert session.answers["regions"] == ["flanders", "brussels"]
        await submit_text(pilot, "nederlands, francais")
        await wait_for(pilot, lambda: current_id(app) == "headcount")
        await submit_text(pilot, "about 1.250 people")
        await wait_for(pilot, lambda: current_id(app) == "sector")
        assert session.answers["headcount"] == 1250
        said = transcript_text(app)
        # The transcript shows the answers as labels, not ids.
        assert "You: A comprehensive corporate social media policy" in said
        assert "You: Flanders (Dutch-speaking region); Brussels-Capital" in said
        assert "You: Dutch; French" in said
        assert "You: 1250" in said


@async_test
async def test_an_unclear_answer_gets_the_engines_message_and_the_question_stays(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(80, 24)) as pilot:
        chat = chat_of(app)
        await submit_text(pilot, "something else entirely")
        await wait_for(pilot, lambda: 'I could not match "something else entirely"' in transcript_text(app))
        assert current_id(app) == "policy_type"
        assert "1. Social media rules for employees" in transcript_text(app)  # the options, listed
        # For a text field the engine's message is shown under the field, which keeps the text.
        await give(pilot, "limited")
        await wait_for(pilot, lambda: current_id(app) == "org_name")
        await submit_text(pilot, "A")
        await wait_for(pilot, lambda: chat.dock.problem.display)
        assert "Please give at least 2 characters." in str(chat.dock.problem.render())
        assert chat.dock.field.value == "A"
        assert chat.dock.field.has_class("-invalid")
        assert current_id(app) == "org_name"
        # Typing again clears the message.
        await pilot.press("b")
        await wait_for(pilot, lambda: not chat.dock.problem.display)


@async_test
async def test_skip_where_allowed_and_only_there(home: Path) -> None:
    session = session_at("advocacy_reward", COMPREHENSIVE)
    write_draft(home, session, "skip-me")
    app = make_app(home, resume="skip-me")
    async with app.run_test(size=(100, 30)) as pilot:
        footer_keys = {binding.binding.action for binding in app.screen.active_bindings.values()}
        assert "skip" not in footer_keys  # what participants receive cannot be skipped: no key for it
        await submit_text(pilot, "/skip")
        await wait_for(pilot, lambda: "This question cannot be skipped." in transcript_text(app))
        assert current_id(app) == "advocacy_reward"
    write_draft(home, session_at("crisis_contact", COMPREHENSIVE), "skip-me-too")
    app = make_app(home, resume="skip-me-too")
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        await submit_text(pilot, "Jan Peeters, +32 2 123 45 67")
        await wait_for(pilot, lambda: current_id(app) == "crisis_escalation")
        assert "skip" in {binding.binding.action for binding in app.screen.active_bindings.values()}
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: current_id(app) == "confidential_info")
        assert "crisis_escalation" in chat.session.skipped
        assert "You: (skipped)" in transcript_text(app)


@async_test
async def test_a_number_beyond_the_list_says_which_numbers_there_are(home: Path) -> None:
    # Seen in tmux: "9" on the first question's four options did nothing at all.
    app = make_app(home, new=True)
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        help_line = chat.dock.query_one("#help-line", Static)
        await wait_for(pilot, lambda: current_id(app) == "policy_type" and chat.dock.has_list)
        await pilot.press("9")
        await wait_for(pilot, lambda: "There is no option 9 here: press 1 to 4" in str(help_line.content))
        assert current_id(app) == "policy_type"  # nothing was chosen
        await pilot.press("2")
        await wait_for(pilot, lambda: current_id(app) == "org_name")
        assert "There is no option" not in str(help_line.content)  # the next question's own line
        # In a checklist, a digit followed by words starts a typed answer: the line is the question's again.
        await submit_text(pilot, "Bakkerij Peeters")
        await wait_for(pilot, lambda: current_id(app) == "regions" and chat.dock.has_list)
        usual = str(help_line.content)
        await type_text(pilot, "9")
        await wait_for(pilot, lambda: "There is no option 9 here: press 1 to 4" in str(help_line.content))
        await type_text(pilot, " regions")
        await wait_for(pilot, lambda: chat.dock.field.value == "9 regions")
        assert str(help_line.content) == usual


@async_test
async def test_enter_on_an_empty_box_skips_a_question_that_says_it_may_be_skipped(home: Path) -> None:
    # Seen in tmux: "You can skip this question", then Enter said "An answer is needed here."
    write_draft(home, session_at("crisis_escalation", COMPREHENSIVE), "enter-skips")
    app = make_app(home, resume="enter-skips")
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        await submit_text(pilot, "")
        await wait_for(pilot, lambda: current_id(app) == "confidential_info")
        assert "crisis_escalation" in chat.session.skipped
        assert "An answer is needed here." not in transcript_text(app)


@async_test
async def test_why_explains_the_question_on_demand(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await wait_for(pilot, lambda: "Why we ask: This sets the shape" in transcript_text(app))
        await submit_text(pilot, "?")
        await wait_for(pilot, lambda: transcript_text(app).count("Why we ask:") == 2)
        assert current_id(app) == "policy_type"


@async_test
async def test_edit_from_the_summary_asks_the_new_questions_then_returns_to_the_summary(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        session = chat.session
        await answer_all(pilot, COMPREHENSIVE)
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        answers = app.screen.query_one(PointerList)
        # Choose "Does the organisation monitor ...?" (answered yes) and change it to no ...
        answers.highlighted = answers.get_option_index("advocacy")
        await pilot.press("enter")
        await wait_for(pilot, lambda: current_id(app) == "advocacy")
        assert chat.dock.choices.highlighted == 0  # the previous answer, yes, is selected
        await pilot.press("2")
        # ... which makes the incentives question irrelevant: straight back to the summary.
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert session.answers["advocacy"] is False
        assert "advocacy_incentives" not in session.result()
        summary = app.screen.query_one(PointerList)
        assert summary.highlighted == summary.get_option_index("advocacy")  # back where the user was
        # Now yes again: the incentives question comes back, and is asked again with its kept answer
        # selected (never restored unseen), then the reward it brings back, then the summary.
        summary_lines = "\n".join(summary.lines)
        assert "Does the organisation run a brand advocacy programme" in summary_lines
        await pilot.press("enter")
        await wait_for(pilot, lambda: current_id(app) == "advocacy")
        await pilot.press("1")
        await wait_for(pilot, lambda: current_id(app) == "advocacy_incentives")
        assert "advocacy_incentives" not in session.result(), "not counted until seen again"
        assert "You answered this before: Yes." in transcript_text(app)
        assert chat.dock.choices.highlighted == 0  # the kept answer, yes, is selected
        assert "Your earlier answer is selected" in str(chat.query_one("#help-line").render())
        await confirm(pilot)  # the question before was answered with a number key
        await wait_for(pilot, lambda: current_id(app) == "advocacy_reward")
        assert chat.dock.field.value == COMPREHENSIVE["advocacy_reward"]
        assert chat.dock.field.selection.end == len(COMPREHENSIVE["advocacy_reward"]), "selected"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert session.result()["advocacy_incentives"] is True
        assert session.result()["advocacy_reward"] == COMPREHENSIVE["advocacy_reward"]
        assert "Thank you. Here is the summary again." in transcript_text(app)


@async_test
async def test_the_summary_shows_a_returned_answer_as_still_to_confirm(home: Path) -> None:
    session = session_at("headcount", COMPREHENSIVE)
    session.review()
    session.edit("regions")
    session.answer(["flanders"])
    session.review()
    session.edit("regions")
    session.answer(["flanders", "brussels"])
    session.review()  # the staff languages came back, and the user went to the summary at once
    write_draft(home, session, "returned")
    app = make_app(home, resume="returned")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await wait_for(pilot, lambda: app.screen.query_one(PointerList).lines)
        lines = "\n".join(app.screen.query_one(PointerList).lines)
        assert "Your earlier answer, back with your change: Dutch; French; to confirm" in lines


@async_test
async def test_from_the_summary_continue_goes_on_with_the_open_questions(home: Path) -> None:
    session = session_at("headcount", LIMITED)
    write_draft(home, session, "half-way")
    app = make_app(home, resume="half-way")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen))
        lines = "\n".join(app.screen.query_one(PointerList).lines)
        assert "Boulangerie Dupont SRL" in lines
        assert "Not answered yet" in lines
        assert app.screen.query_one("#continue")
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ChatScreen))
        assert current_id(app) == "headcount"


@async_test
async def test_the_preview_is_one_key_away_in_a_narrow_terminal(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not chat_of(app).side_preview.display or app.screen.size.width < 120
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: isinstance(app.screen, PreviewScreen))
        assert "The policy takes shape here from your first answer." in " ".join(
            app.screen.preview.text.split()
        )
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChatScreen))


@async_test
async def test_every_command_is_in_the_command_palette(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(80, 24)) as pilot:
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert {"Back", "Why", "Summary", "Preview", "Save", "Export", "Quit", "Light or dark"} <= set(titles)
        assert titles.count("Quit") == 1
        assert "Skip" not in titles  # the first question cannot be skipped
        # A palette command runs on the chat like its key.
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Why")
        command.callback()
        await wait_for(pilot, lambda: "Why we ask:" in transcript_text(app))


@async_test
async def test_light_and_dark_themes(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(80, 24)) as pilot:
        dark = app.current_theme.dark
        app.action_toggle_theme()
        await pilot.pause()
        assert app.current_theme.dark is not dark


@async_test
async def test_defaults_are_offered_to_accept_with_enter(home: Path) -> None:
    write_draft(home, session_at("it_policy_name", COMPREHENSIVE), "text-default")
    app = make_app(home, resume="text-default")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = chat_of(app)
        assert chat.dock.field.value == "IT and Communication Systems Policy"
        await pilot.press("enter")
        await wait_for(pilot, lambda: current_id(app) == "acknowledgement")
        assert chat.session.answers["it_policy_name"] == "IT and Communication Systems Policy"
        await pilot.press("enter")
        await wait_for(pilot, lambda: current_id(app) == "policy_owner")
        # A default that follows earlier answers: the organisation has HR, so HR owns the policy.
        assert chat.dock.choices.highlighted == 0
    write_draft(home, session_at("advocacy", COMPREHENSIVE), "draft")
    app = make_app(home, resume="draft")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = chat_of(app)
        session = chat.session
        await give(pilot, False)
        await wait_for(pilot, lambda: current_id(app) == "personal_use")
        assert chat.dock.choices.highlighted == 0  # "Within reason", the default
        await confirm(pilot)  # the question before was answered with a number key
        await wait_for(pilot, lambda: current_id(app) == "company_devices")
        assert chat.dock.choices.highlighted == 0  # yes, the default
        await pilot.press("enter")
        await wait_for(pilot, lambda: current_id(app) == "monitoring")
        assert chat.dock.choices.highlighted == 1  # no, the default
        assert session.answers["personal_use"] == "reasonable" and session.answers["company_devices"] is True


@async_test
async def test_numbers_typed_as_text_in_a_checklist_are_text(home: Path) -> None:
    write_draft(home, session_at("regions", COMPREHENSIVE), "draft")
    app = make_app(home, resume="draft")
    async with app.run_test(size=(80, 24)) as pilot:
        chat = chat_of(app)
        # "2, 3": the 2 first ticks Wallonia, then the comma shows it was text: the tick is undone.
        await type_text(pilot, "2, 3")
        assert chat.dock.field.value == "2, 3"
        assert chat.dock.choices.ticked == []
        await pilot.press("enter")
        await wait_for(pilot, lambda: current_id(app) == "staff_languages")
        assert chat.session.answers["regions"] == ["wallonia", "brussels"]
        # Digits alone still tick, and enter confirms the ticks.
        await pilot.press("1", "2", "enter")
        await wait_for(pilot, lambda: current_id(app) == "headcount")
        assert chat.session.answers["staff_languages"] == ["nl", "fr"]


@async_test
async def test_a_long_conversation_keeps_every_message_as_a_bubble_wrapped_to_the_window(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(80, 24)) as pilot:
        chat = chat_of(app)
        transcript = chat.transcript
        await give(pilot, "limited")
        for turn in range(30):  # answer and go back: the conversation grows, the position does not
            await submit_text(pilot, f"Organisation {turn}")
            await wait_for(pilot, lambda: current_id(app) == "regions")
            await pilot.press("ctrl+b")
            await wait_for(pilot, lambda: current_id(app) == "org_name")
        await pilot.pause()
        assert not transcript.children  # the messages are lines, not widgets (docs/decisions.md)
        said = transcript.text()
        assert said.index("You: Organisation 0") < said.index("You: Organisation 29")
        # Kept scrolled to the newest: the question asked again is on the last line in sight.
        assert transcript.scroll_y == transcript.max_scroll_y > 0
        # Scrolled back, the first messages read as they were said, in bubbles, wrapped to the window.
        transcript.scroll_home(animate=False)
        await wait_for(pilot, lambda: transcript.scroll_y == 0)
        height = transcript.virtual_size.height
        shown = [transcript.render_line(y).text.rstrip() for y in range(transcript.size.height)]
        assert shown[0].startswith("▎ Assistant: Hello!")
        width = transcript.scrollable_content_region.width
        assert all(len(line) <= width for line in shown)
        # Not scrolled by what is said while the user reads further up.
        await submit_text(pilot, "Scrolled up")
        await wait_for(pilot, lambda: current_id(app) == "regions")
        assert transcript.scroll_y == 0 and transcript.virtual_size.height > height
        transcript.scroll_end(animate=False)
        await wait_for(pilot, lambda: transcript.scroll_y == transcript.max_scroll_y)
        newest = str(transcript.messages[-1].text).split()[-1]  # the question asked again, last in sight
        assert newest in transcript.render_line(transcript.size.height - 1).text
        await pilot.resize_terminal(60, 24)
        await wait_for(pilot, lambda: transcript.virtual_size.width < width)
        assert transcript.virtual_size.height > height  # wrapped again, narrower: more lines
        rewrapped = [transcript.render_line(y).text.rstrip() for y in range(transcript.size.height)]
        assert max(map(len, rewrapped)) <= transcript.virtual_size.width


@async_test
async def test_every_message_of_a_long_conversation_is_there_once_and_in_order(home: Path) -> None:
    # Several lines are said before one refresh. When the oldest messages were archived into one widget,
    # each of those lines asked for it, and the same ten were archived again and again.
    app = make_app(home, new=True)
    async with app.run_test(size=(80, 24)) as pilot:
        chat = chat_of(app)
        transcript = chat.transcript
        await give(pilot, "limited")
        for turn in range(15):
            await submit_text(pilot, f"Organisation {turn}")
            await wait_for(pilot, lambda: current_id(app) == "regions")
            await pilot.press("ctrl+b")
            await wait_for(pilot, lambda: current_id(app) == "org_name")
        await pilot.pause()
        said = transcript.text()
        assert [said.count(f"You: Organisation {turn}\n") for turn in range(15)] == [1] * 15
        assert said.count("Assistant: Hello!") == 1
        assert len(transcript.messages) == len(chat.conversation.transcript)
