"""A draft that cannot be read or written is explained in the language the user talks in, with the same
facts (the file, the line, the system's reason) as the English message."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from uihelp import (
    ROOT,
    answers_file,
    async_test,
    chat_of,
    give,
    make_app,
    session_at,
    submit_text,
    transcript_text,
    wait_for,
    write_damaged_draft,
)

from assistant.screens.start import StartScreen
from assistant.texts import available_languages, load_texts, placeholders
from assistant.widgets.pointer_list import PointerList
from dialogue.drafts import DraftStore
from dialogue.snapshot import to_dict


def flat(text: str) -> str:
    return " ".join(text.split())


def _calls(path: Path, name: str) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
    ]


def raised_kinds() -> dict[str, set[str]]:
    """Every kind of DraftError dialogue/drafts.py raises, with the details it gives."""
    kinds: dict[str, set[str]] = {}
    for call in _calls(ROOT / "dialogue" / "drafts.py", "DraftError"):
        kind = call.args[1]
        assert isinstance(kind, ast.Constant), ast.unparse(call)
        details = {keyword.arg for keyword in call.keywords if keyword.arg}
        if len(call.args) > 2:  # a draft that cannot be resumed says why
            details.add("problem")
        kinds[kind.value] = details
    return kinds


def problem_codes() -> set[str]:
    return {call.args[0].value for call in _calls(ROOT / "dialogue" / "snapshot.py", "DraftProblem")}


@pytest.mark.parametrize("code", available_languages())
def test_every_draft_problem_has_words_in_every_language(code: str) -> None:
    texts = load_texts(code)
    kinds = raised_kinds()
    assert {"not_saved", "cannot_resume", "damaged_at", "not_found"} <= set(kinds)
    for kind, details in kinds.items():
        key = f"draft_errors.{kind}"
        assert key in texts, f"{code}: {key} is missing"
        assert placeholders(texts(key)) == details, f"{code}: {key} says other facts than the error gives"
    assert problem_codes() == {"other_version", "part_damaged", "created_damaged"}
    for problem in problem_codes():
        assert f"draft_errors.problems.{problem}" in texts


@async_test
async def test_a_damaged_draft_is_explained_in_dutch(home: Path) -> None:
    bad = write_damaged_draft(home)
    app = make_app(home, language="nl")
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, StartScreen)
        drafts = app.screen.query_one("#drafts", PointerList)
        assert flat(drafts.lines[0]) == (
            f"⚠ Beschadigd ontwerp · Het ontwerp {bad} is beschadigd rond regel 1. "
            "Het bestand blijft zoals het is."
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: app._notifications)
        message = flat(str(list(app._notifications)[-1].message))
        assert message.startswith(f"Dit ontwerp kan niet worden geopend: Het ontwerp {bad} is beschadigd")
        assert message.endswith("Begin een nieuw beleid.")
        words = message.replace(str(bad), "")
        assert "damaged" not in words and "kept" not in words


@async_test
async def test_a_truncated_draft_resumed_by_id_is_explained_in_french(home: Path) -> None:
    store = DraftStore(home / "drafts")
    session = session_at("headcount", answers_file("limited-small.yaml"))
    snapshot = to_dict(session)
    del snapshot["skipped"]  # a draft cut short
    store.write("cut", snapshot)
    app = make_app(home, resume="cut", language="fr")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app._notifications)
        message = str(list(app._notifications)[-1].message)  # as it is: French spaces are no-break ones
    path = home / "drafts" / "cut.yaml"
    assert message == (
        f"Le brouillon {path} ne peut pas être repris\xa0: sa partie «\xa0skipped\xa0» manque ou est "
        "endommagée. Le fichier est conservé tel quel."
    )


@async_test
async def test_a_save_that_fails_is_explained_in_dutch_with_the_systems_reason(home: Path) -> None:
    (home / "drafts").write_text("not a folder", encoding="utf-8")  # the disk refuses, even for root
    app = make_app(home, new=True, language="nl")
    async with app.run_test(size=(100, 30)) as pilot:
        chat = chat_of(app)
        await give(pilot, "limited")
        await wait_for(pilot, lambda: "konden niet worden opgeslagen" in transcript_text(app))
        said = flat(transcript_text(app))
        not_saved = "Uw antwoorden konden niet worden opgeslagen: het ontwerp kon niet worden opgeslagen in "
        assert not_saved in said
        assert "could not be saved" not in said
        await submit_text(pilot, "Boulangerie Dupont SRL")
        await wait_for(pilot, lambda: chat.session.current.id == "regions")
