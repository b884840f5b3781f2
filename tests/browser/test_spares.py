"""Assistants started ahead of their tabs (assistant.serving.tabs.Spares), on an in-process server with
real tab processes and a websocket client as the browser (no browser needed).

On a server for one person one waits from the start, is replaced after a tab takes it, never expires,
counts against --max-tabs without keeping a tab out, and stops with the server; with a users file each
person's stays theirs; and a tab opens even when its spare has died.
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import WSMsgType
from aiohttp.test_utils import TestClient, TestServer
from served import TOKEN, WAIT, start

from assistant.languages import from_locale
from assistant.serving import tabs
from assistant.serving.access import Access, Person, digest
from assistant.serving.tabs import Tab
from assistant.serving.web import AssistantServer, Settings

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

ANNA = "anna-s-token-nobody-guesses-1234"
BRAM = "bram-s-token-nobody-guesses-5678"
QUESTION = {
    "en": "Which kind of social media policy",
    "nl": "Welk soort socialemediabeleid",
    "fr": "De quel type de politique",
}


Test = Callable[[TestClient, AssistantServer], Awaitable[None]]


def served(access: Access, test: Test, after: Callable[[], None] | None = None, **options: Any) -> None:
    """Run `test` against a server; then, once the server has stopped (its loop still running, so that
    the processes it started are let go in it), `after`."""
    server = AssistantServer(Settings(access=access, host="127.0.0.1", port=0, **options))

    async def run() -> None:
        async with TestClient(TestServer(server.application())) as client:
            await test(client, server)
        if after is not None:
            after()

    asyncio.run(run())


async def until(condition: Callable[[], object], timeout: float = WAIT) -> None:
    """Wait until `condition()` holds, looking again at every turn of the server's loop."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s")
        await asyncio.sleep(0.02)  # lets the server run between two looks


async def ready(tab: Tab | None) -> Tab:
    assert tab is not None
    await asyncio.wait_for(tab.ready.wait(), WAIT)
    return tab


async def screen_until(socket: Any, text: str) -> bytes:
    """What the tab drew, once it shows `text`."""
    screen = b""
    async with asyncio.timeout(WAIT):
        while text.encode() not in screen:
            message = await socket.receive()
            if message.type == WSMsgType.BINARY:
                screen += message.data
            elif message.type in (WSMsgType.CLOSE, WSMsgType.CLOSED, WSMsgType.ERROR):
                raise AssertionError(f"the tab closed before showing {text!r}")
    return screen


def other_than(language: str) -> str:
    return "fr" if language != "fr" else "nl"


def test_a_server_for_one_person_has_a_tab_waiting_from_its_start_that_never_expires(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tabs, "SPARE_LIFETIME", 0.2)
    language = from_locale(None)  # the server's own, as no --lang is given
    other = other_than(language)

    async def test(client: TestClient, server: AssistantServer) -> None:
        person = server.settings.access.people[0]
        standing = await ready(server.spares.waiting(person, language))  # before any page was asked for
        assert standing.command.endswith(f"--lang {language} --wait")
        # A page in another language gets a spare of its own, which expires unused; the standing one stays.
        await client.get(f"/?token={TOKEN}", headers={"Accept-Language": other})
        assert server.spares.waiting(person, other) is not None
        await until(lambda: server.spares.waiting(person, other) is None)
        assert server.spares.waiting(person, language) is standing and standing.running
        assert len(server.spares) == 1

    served(Access.single(TOKEN), test)


def test_a_taken_spare_is_replaced_once_its_tab_shows_and_all_stop_with_the_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tabs, "REPLACE_AFTER", 0)
    spares: list[Tab] = []

    async def test(client: TestClient, server: AssistantServer) -> None:
        person = server.settings.access.people[0]
        first = await ready(server.spares.waiting(person, "nl"))  # --lang nl: the server's language
        spares.append(first)
        await client.get(f"/?token={TOKEN}")
        socket = await client.ws_connect("/ws/nl?width=100&height=30")
        screen = await screen_until(socket, QUESTION["nl"])
        assert b"\x1b[30;1H" in screen and b"\x1b[31;1H" not in screen, "at the tab's size"
        assert server.tabs == {first}, "the tab is the spare that waited"
        await until(lambda: server.spares.waiting(person, "nl") not in (None, first))
        second = await ready(server.spares.waiting(person, "nl"))
        spares.append(second)
        assert len(server.spares) == 1
        await socket.close()
        await until(lambda: not server.tabs and not first.running)
        assert server.spares.waiting(person, "nl") is second and second.running

    def stopped() -> None:
        assert [tab.running for tab in spares] == [False, False], "the server's stop stopped them"
        spares.clear()

    served(Access.single(TOKEN), test, stopped, language="nl")


def test_the_standing_spare_follows_the_language_of_the_persons_latest_tab(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tabs, "REPLACE_AFTER", 0)
    monkeypatch.setattr(tabs, "SPARE_LIFETIME", 0.2)
    language = from_locale(None)
    other = other_than(language)

    async def test(client: TestClient, server: AssistantServer) -> None:
        person = server.settings.access.people[0]
        await ready(server.spares.waiting(person, language))
        socket = await client.ws_connect(
            f"/ws/{other}?width=120&height=40", headers={"Authorization": f"Bearer {TOKEN}"}
        )
        await screen_until(socket, QUESTION[other])
        await ready(await _eventually(lambda: server.spares.waiting(person, other)))
        await until(lambda: server.spares.waiting(person, language) is None)  # expired: no longer standing
        assert len(server.spares) == 1 and server.spares.standing == (person, other)
        await socket.close()

    served(Access.single(TOKEN), test)


async def dead_spare(server: AssistantServer, language: str) -> Tab:
    """The one person's standing spare, once ready, killed (as a crash or the OOM killer would)."""
    spare = await ready(server.spares.waiting(server.settings.access.people[0], language))
    assert spare._process is not None
    spare._process.kill()
    await spare._process.wait()
    return spare


def test_a_tab_opens_when_its_spare_has_died_and_the_next_one_comes() -> None:
    async def test(client: TestClient, server: AssistantServer) -> None:
        spare = await dead_spare(server, "en")
        await client.get(f"/?token={TOKEN}")  # the page starts a new spare in place of the dead one
        socket = await client.ws_connect("/ws/en?width=120&height=40")
        await screen_until(socket, QUESTION["en"])
        [tab] = server.tabs
        assert tab is not spare and tab.running
        await socket.close()

    served(Access.single(TOKEN), test, language="en")


def test_a_tab_opens_at_once_when_its_spare_dies_as_it_is_taken() -> None:
    async def test(client: TestClient, server: AssistantServer) -> None:
        spare = await dead_spare(server, "en")
        socket = await client.ws_connect(
            "/ws/en?width=120&height=40", headers={"Authorization": f"Bearer {TOKEN}"}
        )
        await screen_until(socket, QUESTION["en"])
        assert spare not in server.tabs and len(server.tabs) == 1
        await socket.close()

    served(Access.single(TOKEN), test, language="en")


def test_a_waiting_spare_never_keeps_a_tab_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tabs, "REPLACE_AFTER", 0)

    async def test(client: TestClient, server: AssistantServer) -> None:
        person = server.settings.access.people[0]
        standing = await ready(server.spares.waiting(person, "en"))
        # --max-tabs 1 and the one place is the English spare's: a French tab stops it and opens.
        socket = await client.ws_connect(
            "/ws/fr?width=120&height=40", headers={"Authorization": f"Bearer {TOKEN}"}
        )
        await screen_until(socket, QUESTION["fr"])
        assert not standing.running
        [tab] = server.tabs
        await until(lambda: tab.shown.is_set() and not server.spares._later)
        assert len(server.spares) == 0, "no room for the next one while the tab is open"
        await socket.close()
        # Once the tab closes, its place goes to the next one, in the language of that latest tab.
        await ready(await _eventually(lambda: server.spares.waiting(person, "fr")))
        assert len(server.spares) == 1 and not server.tabs

    served(Access.single(TOKEN), test, language="en", max_tabs=1)


async def _eventually(find: Callable[[], Tab | None]) -> Tab | None:
    await until(lambda: find() is not None)
    return find()


def test_with_a_users_file_no_spare_stands_and_a_spare_is_only_its_persons(tmp_path: Path) -> None:
    anna = Person("anna", digest(ANNA), tmp_path / "people" / "anna")
    bram = Person("bram", digest(BRAM), tmp_path / "people" / "bram")

    async def test(client: TestClient, server: AssistantServer) -> None:
        assert len(server.spares) == 0, "nobody's assistant waits before their page is asked for"
        await client.get("/", headers={"Authorization": f"Bearer {ANNA}", "Accept-Language": "en"})
        annas = await ready(server.spares.waiting(anna, "en"))
        assert annas._build_environment()["POLICY_ASSISTANT_HOME"] == str(anna.home)
        socket = await client.ws_connect(
            "/ws/en?width=120&height=40", headers={"Authorization": f"Bearer {BRAM}"}
        )
        await screen_until(socket, QUESTION["en"])
        [tab] = server.tabs
        assert tab.person == bram and tab is not annas, "Bram's tab is never Anna's spare"
        assert tab._build_environment()["POLICY_ASSISTANT_HOME"] == str(bram.home)
        assert server.spares.waiting(anna, "en") is annas and annas.running, "still there for Anna"
        assert server.spares.standing is None
        await socket.close()

    served(Access((anna, bram)), test)


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the processes from /proc")
def test_serve_stops_its_waiting_assistant_when_it_stops(tmp_path: Path) -> None:
    served_process = start(tmp_path, env={"POLICY_ASSISTANT_TOKEN": TOKEN})
    pid = served_process.process.pid
    deadline = time.monotonic() + WAIT
    while not _children(pid) and time.monotonic() < deadline:
        time.sleep(0.05)  # polls the process table until the spare is there
    waiting = _children(pid)
    assert waiting, "a spare waits from the start"
    served_process.process.send_signal(signal.SIGINT)  # Ctrl+C
    assert served_process.process.wait(timeout=WAIT) == 0
    deadline = time.monotonic() + WAIT
    while not all(_gone(child) for child in waiting) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(_gone(child) for child in waiting), "no assistant outlives the server"
    log = served_process.log
    assert "failed" not in log.lower() and "waiting assistant ended" not in log, log
