"""The assistant in a real browser (issue 17): a conversation by keyboard, the preview, resuming a
draft, and an export that arrives as downloads, in Debian's Chromium driven by Playwright."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect
from served import TOKEN, WAIT, BrowserScreen, start
from uihelp import answers_file, finished_session

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

FIRST_QUESTION = "Which kind of social media policy do you need?"


def drafts_in(home: Path) -> list[dict[str, Any]]:
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in (home / "drafts").glob("*.yaml")]


def test_a_conversation_by_keyboard_with_the_preview_beside_it(page: Any, tmp_path: Path) -> None:
    served = start(tmp_path, env={"POLICY_ASSISTANT_TOKEN": TOKEN})
    try:
        page.goto(served.address())
        screen = BrowserScreen(page)
        screen.wait_for("4. A short list of do's and don'ts")  # the choices are on screen
        assert page.url == served.base, "the token leaves the address bar at once"
        screen.wait_for("Policy preview")  # 1280 pixels wide: the preview shows beside the chat
        screen.focus()
        screen.press("4")  # a number chooses: the short list of do's and don'ts
        screen.wait_for("What is the name of your organisation?")
        screen.say("Bakkerij Peeters BV")
        screen.wait_for("[ ] 1. Flanders")
        screen.press("1")  # ticks Flanders
        screen.wait_for("[x] 1. Flanders")
        screen.press("Enter")
        shown = screen.wait_for("How many employees does your organisation have in Belgium?")
        assert "Bakkerij Peeters BV" in shown
        # Flanders: the preview is the Dutch version the law requires.
        screen.wait_for(lambda text: "Dutch (required)" in text and "Bakkerij Peeters BV" in text)
        # The accessibility tree (xterm's screen-reader mode) carries the same text for screen readers.
        tree = expect(page.locator(".xterm-accessibility-tree"))
        tree.to_contain_text("How many employees", timeout=WAIT * 1000)
        tree.to_contain_text("Bakkerij Peeters BV")
        # Every answer is on disk before the next question shows, readable only by the serving user.
        [draft] = drafts_in(tmp_path)
        assert draft["answers"]["org_name"] == "Bakkerij Peeters BV"
        assert draft["answers"]["regions"] == ["flanders"]
        [path] = (tmp_path / "drafts").glob("*.yaml")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    finally:
        assert served.stop() == 0
    assert TOKEN not in served.log


def test_the_preview_full_screen_and_the_language_switch(page: Any, tmp_path: Path) -> None:
    served = start(tmp_path, "--token", TOKEN)
    try:
        page.set_viewport_size({"width": 900, "height": 700})  # narrow: the preview opens on demand
        page.goto(served.address())
        screen = BrowserScreen(page)
        screen.wait_for("4. A short list of do's and don'ts")
        assert "Policy preview" not in screen.text()
        screen.focus()
        screen.press("1")
        screen.wait_for("What is the name of your organisation?")
        screen.say("Stad Gent")
        screen.wait_for("In which regions")
        # The browser keeps Ctrl+T (a new tab) for itself; the typed command opens the preview.
        screen.say("/preview")
        screen.wait_for(lambda text: "Stad Gent" in text and "Policy preview" in text)
        screen.press("Escape")
        screen.wait_for("In which regions")
        screen.say("/taal nl")  # the Dutch command word works in every language
        screen.wait_for("In welke gebieden heeft uw organisatie")
    finally:
        assert served.stop() == 0


def test_a_browser_talks_in_its_own_language(browser: Any, tmp_path: Path) -> None:
    served = start(tmp_path)
    context = browser.new_context(locale="fr-BE", viewport={"width": 1000, "height": 700})
    try:
        page = context.new_page()
        page.goto(served.address())
        BrowserScreen(page).wait_for("De quel type de politique")
    finally:
        context.close()
        assert served.stop() == 0


def test_a_resumed_draft_is_exported_as_downloads(page: Any, tmp_path: Path) -> None:
    from uihelp import write_draft

    answers = answers_file("limited-small.yaml")  # a Walloon bakery: the French version is required
    write_draft(tmp_path, finished_session(answers), "20261125-140200-abcd")
    served = start(tmp_path, "--token", TOKEN)
    downloads: list[Any] = []
    page.on("download", lambda download: downloads.append(download))
    try:
        page.goto(served.address())
        screen = BrowserScreen(page)
        screen.wait_for("Boulangerie Dupont SRL")  # the start screen lists the draft
        screen.focus()
        screen.press("Enter")  # resumes it, at the summary
        screen.wait_for("Every question is answered")
        screen.press("Control+o")  # xterm keeps Ctrl+O from the browser and sends it to the app
        shown = screen.wait_for("Files to download:")
        assert str(tmp_path) not in shown, "the server's folders are not shown in a browser"
        screen.press("Enter")  # the required French version, as Word, with the implementation notes
        screen.wait_for("2 file(s) sent to your browser's downloads")  # the notice over the summary
        deadline = 600  # tenths of a second
        while len(downloads) < 2 and deadline:
            page.wait_for_timeout(100)
            deadline -= 1
        names = sorted(download.suggested_filename for download in downloads)
        stem = "politique-reseaux-sociaux-boulangerie-dupont-srl"  # each file named in its own language
        assert names == sorted([f"{stem}-fr.docx", f"{stem}-notes-mise-en-oeuvre-fr.docx"])
        saved = tmp_path / "downloaded"
        for download in downloads:
            assert download.failure() is None
            download.save_as(saved / download.suggested_filename)
        with zipfile.ZipFile(saved / f"{stem}-fr.docx") as document:
            body = document.read("word/document.xml").decode("utf-8")
        assert "Boulangerie Dupont SRL" in body
        # The server keeps its copy in the data folder, where only the serving user can look.
        exports = tmp_path / "exports"
        assert stat.S_IMODE(exports.stat().st_mode) == 0o700
        assert sorted(path.name for path in exports.glob("*/*")) == names
        # Exporting again downloads again: no question about replacing the server's copies.
        screen.press("Control+o")
        screen.wait_for("Files to download:")
        screen.press("Enter")
        shown = screen.wait_for(lambda text: "sent to your browser" in text or "Replace" in text)
        assert "Replace" not in shown
        while len(downloads) < 4 and deadline:
            page.wait_for_timeout(100)
            deadline -= 1
        assert sorted(download.suggested_filename for download in downloads) == sorted(names * 2)
        assert len(list(exports.iterdir())) == 2
    finally:
        assert served.stop() == 0


def test_each_persons_drafts_are_invisible_to_the_others(browser: Any, tmp_path: Path) -> None:
    anna, bram = "anna-s-token-nobody-guesses-1234", "bram-s-token-nobody-guesses-5678"
    people = tmp_path / "people.yaml"
    people.write_text(f"anna: {anna}\nbram: {bram}\n", encoding="utf-8")
    people.chmod(0o600)
    data = tmp_path / "data"
    served = start(data, "--users", str(people))
    contexts = [browser.new_context(viewport={"width": 1000, "height": 700}) for _ in range(2)]
    try:
        annas_page, brams_page = (context.new_page() for context in contexts)
        annas_page.goto(served.address(anna))
        annas = BrowserScreen(annas_page)
        annas.wait_for("4. A short list of do's and don'ts")
        annas.focus()
        annas.press("4")
        annas.wait_for("What is the name of your organisation?")
        annas.say("Annas Atelier BV")
        annas.wait_for("[ ] 1. Flanders")

        brams_page.goto(served.address(bram))
        brams = BrowserScreen(brams_page)
        shown = brams.wait_for("4. A short list of do's and don'ts")
        assert "0% answered" in shown and "Annas Atelier" not in shown, "Bram starts afresh: no drafts of his"
        brams.focus()
        brams.press("1")
        brams.wait_for("What is the name of your organisation?")
        brams.say("Brams Bakkerij BV")
        brams.wait_for("[ ] 1. Flanders")

        # Anna comes back in a new tab: her draft is listed, and only hers.
        annas_page.reload()
        listed = annas.wait_for("Annas Atelier BV")
        assert "Brams Bakkerij" not in listed

        home = data / "people"
        assert [draft["answers"]["org_name"] for draft in drafts_in(home / "anna")] == ["Annas Atelier BV"]
        assert [draft["answers"]["org_name"] for draft in drafts_in(home / "bram")] == ["Brams Bakkerij BV"]
        assert not (data / "drafts").exists(), "nothing in the serving user's own drafts"
        for folder in (home, home / "anna", home / "bram"):
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        sessions = [cookie["value"] for context in contexts for cookie in context.cookies()]
        assert len(sessions) == 2
    finally:
        for context in contexts:
            context.close()
        assert served.stop() == 0
    log = served.log
    assert "anna opened a tab" in log and "bram opened a tab" in log
    for secret in (anna, bram, *sessions):
        assert secret not in log
    assert "token=" not in log.replace("token=[hidden]", "")


def test_quitting_says_nothing_is_lost_and_the_assistant_opens_again(browser: Any, tmp_path: Path) -> None:
    served = start(tmp_path)
    context = browser.new_context(locale="fr-BE", viewport={"width": 1000, "height": 600})
    try:
        page = context.new_page()
        page.goto(served.address())
        screen = BrowserScreen(page)
        screen.wait_for("4. Une courte liste")
        screen.focus()
        screen.say("/quitter")
        ended = page.locator(".ended")
        expect(ended).to_be_visible(timeout=WAIT * 1000)
        expect(ended).to_contain_text("Chaque réponse est enregistrée")
        page.locator("#restart").click()  # above the terminal: a click reaches it
        screen.wait_for("4. Une courte liste")
    finally:
        context.close()
        assert served.stop() == 0
    assert served.log.count("opened a tab") == 2
