"""The guard at the door: without the right token, no request shows anything of the app (in-process
aiohttp server on 127.0.0.1; no browser needed)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from assistant.serving.access import Access, Person, digest
from assistant.serving.logs import COOKIE
from assistant.serving.tabs import Tab
from assistant.serving.web import AssistantServer, Settings

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

TOKEN = "a-test-token-of-forty-characters-or-so-x"
ANNA = "anna-s-token-nobody-guesses-1234"
BRAM = "bram-s-token-nobody-guesses-5678"
PATHS = (
    "/",
    "/?fontsize=20",
    "/static/js/textual.js",
    "/static/css/xterm.css",
    "/static/fonts/RobotoMono-VariableFont_wght.ttf",
    "/assistant/page.js",
    "/ws",
    "/ws/nl",
    "/download/0123456789abcdef",
    "/no-such-page",
)
UPGRADE = {
    "Upgrade": "websocket",
    "Connection": "Upgrade",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version": "13",
}


def with_client(
    access: Access, test: Callable[[TestClient, AssistantServer], Awaitable[None]], **settings: Any
) -> None:
    settings.setdefault("warm", False)  # no assistant processes, unless a test is about them
    server = AssistantServer(Settings(access=access, host="127.0.0.1", port=0, **settings))

    async def run() -> None:
        async with TestClient(TestServer(server.application())) as client:
            await test(client, server)

    asyncio.run(run())


def idle_tab(person: Person, downloads: Any = None) -> Tab:
    """A tab whose process is never started."""
    return Tab("true", person, write_bytes=None, write_str=None, close=None, download_manager=downloads)


def looks_like_the_app(body: str) -> bool:
    return any(word in body for word in ("textual", "xterm", "terminal", "websocket", "policyAssistant"))


@pytest.mark.parametrize("path", PATHS)
def test_without_a_token_nothing_is_shown(path: str) -> None:
    async def test(client: TestClient, server: AssistantServer) -> None:
        for headers in ({}, UPGRADE, {"Cookie": f"{COOKIE}=made-up-session"}):
            response = await client.get(path, headers=headers, allow_redirects=False)
            assert response.status == 401, (path, headers)
            body = await response.text()
            assert not looks_like_the_app(body)
            assert "This assistant is private" in body
            assert response.headers["Cache-Control"] == "no-store"

    with_client(Access.single(TOKEN), test)


@pytest.mark.parametrize("path", PATHS)
def test_a_wrong_token_is_forbidden(path: str) -> None:
    async def test(client: TestClient, server: AssistantServer) -> None:
        joiner = "&" if "?" in path else "?"
        for url, headers in (
            (f"{path}{joiner}token=not-the-token-at-all", {}),
            (f"{path}{joiner}token={TOKEN[:-1]}", {}),
            (path, {"Authorization": "Bearer not-the-token-at-all"}),
            (path, {"Authorization": f"Bearer {TOKEN}x", **UPGRADE}),
        ):
            response = await client.get(url, headers=headers, allow_redirects=False)
            assert response.status == 403, (url, headers)
            body = await response.text()
            assert not looks_like_the_app(body)
            assert "not valid here" in body
            assert "Set-Cookie" not in response.headers

    with_client(Access.single(TOKEN), test)


def test_the_refusal_is_in_the_browsers_language() -> None:
    async def test(client: TestClient, server: AssistantServer) -> None:
        response = await client.get("/", headers={"Accept-Language": "nl-BE,nl;q=0.9"})
        assert response.status == 401
        assert "Deze assistent is privé" in await response.text()

    with_client(Access.single(TOKEN), test)


def test_the_token_becomes_a_session_and_leaves_the_address() -> None:
    async def test(client: TestClient, server: AssistantServer) -> None:
        response = await client.get(f"/?token={TOKEN}&fontsize=20", allow_redirects=False)
        assert response.status == 303
        assert response.headers["Location"] == "/?fontsize=20"
        cookie = response.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
        assert TOKEN not in cookie, "the cookie holds a session, never the token"
        page = await client.get("/?fontsize=20")  # the client keeps the cookie, as a browser does
        assert page.status == 200
        body = await page.text()
        assert "/static/js/textual.js" in body and 'data-font-size="20"' in body
        assert "googleapis" not in body, "no font or script from elsewhere"
        assert "script-src 'self'" in page.headers["Content-Security-Policy"]
        assert page.headers["X-Frame-Options"] == "DENY"
        assert page.headers["Referrer-Policy"] == "no-referrer"
        script = await client.get("/static/js/textual.js")
        assert script.status == 200

    with_client(Access.single(TOKEN), test)


def test_a_bearer_token_works_without_a_session() -> None:
    async def test(client: TestClient, server: AssistantServer) -> None:
        response = await client.get("/assistant/page.js", headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status == 200
        assert "Set-Cookie" not in response.headers

    with_client(Access.single(TOKEN), test)


def test_another_sites_page_cannot_open_the_websocket() -> None:
    async def test(client: TestClient, server: AssistantServer) -> None:
        await client.get(f"/?token={TOKEN}", allow_redirects=False)
        response = await client.get("/ws", headers={**UPGRADE, "Origin": "http://evil.example"})
        assert response.status == 403
        assert not server.tabs, "no assistant was started for it"

    with_client(Access.single(TOKEN), test)


def test_too_many_tabs_are_refused_politely() -> None:
    async def test(client: TestClient, server: AssistantServer) -> None:
        person = server.settings.access.people[0]
        server.tabs.add(idle_tab(person))
        response = await client.get("/ws", headers={**UPGRADE, "Authorization": f"Bearer {TOKEN}"})
        assert response.status == 503
        assert "close a tab" in await response.text()

    with_client(Access.single(TOKEN), test, max_tabs=1)


def test_a_person_cannot_fetch_anothers_download(tmp_path: Path) -> None:
    anna = Person("anna", digest(ANNA), tmp_path / "anna")
    bram = Person("bram", digest(BRAM), tmp_path / "bram")

    async def test(client: TestClient, server: AssistantServer) -> None:
        tab = idle_tab(anna, server.downloads)
        await server.downloads.create_download(
            app_service=tab,
            delivery_key="annas-file",
            file_name="social-media-policy-nl.docx",
            open_method="download",
            mime_type="application/octet-stream",
        )
        response = await client.get("/download/annas-file", headers={"Authorization": f"Bearer {BRAM}"})
        assert response.status == 404
        assert await server.downloads.get_download_metadata("annas-file"), "still there for Anna"

    with_client(Access((anna, bram)), test)


def test_a_tab_runs_with_its_persons_folder_and_without_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICY_ASSISTANT_TOKEN", TOKEN)
    anna = Person("anna", digest(ANNA), tmp_path / "people" / "anna")
    tab = idle_tab(anna)
    environment = tab._build_environment(100, 30)
    assert environment["POLICY_ASSISTANT_HOME"] == str(tmp_path / "people" / "anna")
    assert "POLICY_ASSISTANT_TOKEN" not in environment
    assert TOKEN not in " ".join(environment.values())


def test_each_tab_runs_the_assistant_with_the_servers_clauses_and_the_pages_language(tmp_path: Path) -> None:
    import shlex
    import sys

    settings = Settings(access=Access.single(TOKEN), host="127.0.0.1", port=0, clauses=(tmp_path / "firm x",))
    command = shlex.split(AssistantServer(settings).tab_command("nl"))
    assert command == [
        sys.executable, "-m", "assistant.serving.tab", "--lang", "nl", "--clauses", str(tmp_path / "firm x")
    ]  # fmt: skip


def test_each_tab_exports_into_a_new_private_folder(tmp_path: Path) -> None:
    import stat

    from assistant.serving.tab import export_folder

    first, second = export_folder(tmp_path), export_folder(tmp_path)
    assert first != second and first.parent == second.parent == tmp_path / "exports"
    assert stat.S_IMODE((tmp_path / "exports").stat().st_mode) == 0o700


def test_a_page_starts_its_tabs_assistant_ahead_once_per_person_and_language() -> None:
    async def test(client: TestClient, server: AssistantServer) -> None:
        await client.get(f"/?token={TOKEN}")
        await client.get("/")
        assert len(server.spares) == 1, "a reload does not start a second one"
        await client.get("/", headers={"Accept-Language": "fr-BE"})
        assert len(server.spares) == 2
        [spare] = [server.spares.take(server.settings.access.people[0], "fr")]
        assert spare is not None and spare.running and spare.command.endswith("--lang fr --wait")
        await spare.stop()
        assert not spare.running

    with_client(Access.single(TOKEN), test, warm=True)
