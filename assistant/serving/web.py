"""The web server behind `policy-assistant serve`: textual-serve's, with a guard at the door.

textual-serve (Textualize's package, on aiohttp) runs one Textual app process per browser tab and
relays its screen over a websocket. It has no notion of who is asking, so this module adds:

- a guard on every request, the page, its scripts, the websocket and the downloads alike: without the
  right token (in the address once, then a session cookie) a request gets 401, with a wrong one 403,
  and neither shows anything of the app;
- one environment per person: the tab runs with that person's data folder, without the token variable;
- downloads only for the person whose tab offered them;
- its own page, with no font or script from elsewhere (textual-serve's fetches a font from Google);
- a log that names people and paths but never a token, a session or a query string.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from aiohttp import WSMsgType, web
from textual_serve.download_manager import DownloadManager

from assistant.serving.access import Access, Person
from assistant.serving.logs import COOKIE, PERSON, AccessLog, configure_logging
from assistant.serving.sessions import Sessions, browser_language
from assistant.serving.tabs import STOP_TIMEOUT, Spares, Tab, tab_command

log = logging.getLogger("policy-assistant.serve")

HERE = Path(__file__).resolve().parent
TEXTUAL_STATIC = Path(__import__("textual_serve").__file__).resolve().parent / "static"
# The page, its scripts and styles come from this server only; xterm.js styles its own elements.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


@dataclass
class Settings:
    access: Access
    host: str
    port: int
    language: str | None = None  # None: each browser's own language (Accept-Language)
    clauses: tuple[Path, ...] = ()
    max_tabs: int = 20  # assistant processes at once, spares included
    warm: bool = True  # start assistants ahead of their tabs (see tabs.Spares)
    tls: ssl.SSLContext | None = None
    secrets_to_hide: set[str] = field(default_factory=set)  # tokens known in plain text


# --- the server -----------------------------------------------------------------------------------


class AssistantServer:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.sessions = Sessions()
        self.downloads = DownloadManager()
        self.tabs: set[Tab] = set()
        self._stopping: set[asyncio.Future[None]] = set()  # closed tabs whose assistant is quitting
        self.spares = Spares(
            lambda language: self.tab_command(language, waiting=True),
            self.downloads,
            room=lambda: self._processes() < self.settings.max_tabs,
        )
        self._pages = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE), autoescape=True, undefined=jinja2.StrictUndefined
        )

    # --- the application --------------------------------------------------------------------------

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        app.add_routes(
            [
                web.get("/", self.page),
                web.get("/ws", self.websocket),
                web.get("/ws/{language}", self.websocket),
                web.get("/download/{key}", self.download),
                web.static("/static", TEXTUAL_STATIC, show_index=False),
                web.get("/assistant/{name}", self.own_file),
            ]
        )
        app.on_response_prepare.append(self._headers)
        app.on_startup.append(self._keep_a_tab_ready)
        app.on_shutdown.append(self._close_tabs)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Callable[..., Any]) -> web.StreamResponse:
        access = self.settings.access
        token = request.query.get("token")
        if token is not None:
            person = access.person_with(token)
            if person is None:
                return self._refusal(request, 403, "served.wrong_token")
            request[PERSON] = person
            # The token leaves the address at once: not in the history, not in what is bookmarked.
            rest = [(key, value) for key, value in request.query.items() if key != "token"]
            target = request.path + (
                "?" + "&".join(f"{quote(k)}={quote(v)}" for k, v in rest) if rest else ""
            )
            response = web.Response(status=303, headers={"Location": target})
            response.set_cookie(
                COOKIE,
                self.sessions.open(person),
                httponly=True,
                # Lax: sent when a link is followed to the assistant, never with another site's requests.
                samesite="Lax",
                secure=self.settings.tls is not None,
                path="/",
            )
            return response
        authorization = request.headers.get("Authorization", "")
        if authorization.lower().startswith("bearer "):
            person = access.person_with(authorization[7:].strip())
            if person is None:
                return self._refusal(request, 403, "served.wrong_token")
        else:
            session = request.cookies.get(COOKIE)
            person = self.sessions.person(session) if session else None
            if person is None:
                return self._refusal(request, 401, "served.no_token")
        request[PERSON] = person
        return await handler(request)

    def _refusal(self, request: web.Request, status: int, key: str) -> web.Response:
        texts = self._texts(request)
        body = self._pages.get_template("refused.html").render(
            lang=texts.code, title=texts("app.title"), message=texts(key)
        )
        response = web.Response(status=status, text=body, content_type="text/html")
        if status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="policy-assistant"'
        return response

    async def _headers(self, request: web.Request, response: web.StreamResponse) -> None:
        headers = response.headers
        cacheable = request.path.startswith(("/static/", "/assistant/")) and response.status == 200
        headers["Cache-Control"] = "private, max-age=3600" if cacheable else "no-store"
        headers["Referrer-Policy"] = "no-referrer"
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY

    def _texts(self, request: web.Request) -> Any:
        from assistant.texts import load_texts

        return load_texts(self.language_for(request))

    def _tab_language(self, request: web.Request) -> str:
        from assistant.texts import available_languages

        asked = request.match_info.get("language")
        return asked if asked in available_languages() else self.language_for(request)

    def language_for(self, request: web.Request) -> str:
        from assistant.languages import from_locale
        from assistant.texts import available_languages

        if self.settings.language:
            return self.settings.language
        chosen = browser_language(request.headers.get("Accept-Language"), available_languages())
        return chosen or from_locale(None)

    # --- the page and its files -------------------------------------------------------------------

    async def page(self, request: web.Request) -> web.Response:
        texts = self._texts(request)
        try:
            font_size = min(max(int(request.query.get("fontsize", "16")), 8), 40)
        except ValueError:
            font_size = 16
        body = self._pages.get_template("page.html").render(
            lang=texts.code,
            title=texts("app.title"),
            ended=texts("served.ended"),
            restart=texts("served.restart"),
            font_size=font_size,
            websocket=f"/ws/{texts.code}",  # the page's language (a browser may not say it on a websocket)
        )
        if self.settings.warm and self._processes() < self.settings.max_tabs:
            await self.spares.prepare(request[PERSON], texts.code)
        return web.Response(text=body, content_type="text/html")

    async def own_file(self, request: web.Request) -> web.FileResponse:
        name = request.match_info["name"]
        if name not in ("page.js", "page.css"):
            raise web.HTTPNotFound()
        return web.FileResponse(HERE / name)

    # --- the tabs ---------------------------------------------------------------------------------

    def tab_command(self, language: str, waiting: bool = False) -> str:
        return tab_command(language, self.settings.clauses, waiting)

    def _processes(self) -> int:
        return len(self.tabs) + len(self.spares)

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        person = request[PERSON]
        if not _same_origin(request):
            # Another site's page may not drive the assistant (cross-site websocket hijacking).
            raise web.HTTPForbidden(text="This page may only be opened from the assistant's own address.")
        language = self._tab_language(request)
        spare = self.spares.take(person, language)
        full = self._processes() >= self.settings.max_tabs
        if spare is None and full and not await self.spares.make_room():
            raise web.HTTPServiceUnavailable(text=self._texts(request)("served.too_many_tabs"))
        width = _dimension(request.query.get("width"), 80)
        height = _dimension(request.query.get("height"), 24)
        socket = web.WebSocketResponse(heartbeat=15, max_msg_size=1024 * 1024)
        await socket.prepare(request)
        tab = spare
        if spare is None or not await spare.take_over(socket, width, height):
            if spare is not None:
                await spare.stop()
            tab = Tab(
                self.tab_command(language),
                person,
                write_bytes=socket.send_bytes,
                write_str=socket.send_str,
                close=socket.close,
                download_manager=self.downloads,
            )
        assert tab is not None
        self.tabs.add(tab)
        log.info("%s opened a tab (%d open)", person.label, len(self.tabs))
        try:
            if tab is not spare:
                await tab.start(width, height)
            self.spares.opened(tab)
            await self._relay(socket, tab)
        except asyncio.CancelledError:
            await socket.close()
        finally:
            self.tabs.discard(tab)
            log.info("%s closed a tab (%d open)", person.label, len(self.tabs))
            # Shielded: a handler cancelled as its connection drops still has its assistant stopped,
            # and only then is its place free for the next spare.
            stopping = asyncio.ensure_future(tab.stop())
            self._stopping.add(stopping)
            stopping.add_done_callback(self._stopping.discard)
            stopping.add_done_callback(lambda _: self.spares.closed())
            await asyncio.shield(stopping)
        return socket

    async def _relay(self, socket: web.WebSocketResponse, tab: Tab) -> None:
        """Keys, sizes and focus from the browser to the tab's process (textual-serve's protocol)."""
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, *data = message.json()
                if kind == "stdin":
                    await tab.send_bytes(str(data[0]).encode("utf-8"))
                elif kind == "resize":
                    await tab.set_terminal_size(
                        _dimension(data[0]["width"], 80), _dimension(data[0]["height"], 24)
                    )
                elif kind == "ping":
                    await socket.send_json(["pong", data[0]])
                elif kind == "blur":
                    await tab.blur()
                elif kind == "focus":
                    await tab.focus()
            except (ValueError, TypeError, KeyError, IndexError):
                log.warning("%s: a tab sent a message that is not textual-serve's; ignored", tab.person.label)

    async def _keep_a_tab_ready(self, app: web.Application) -> None:
        """On a server for one person, their next tab's assistant waits from the start (tabs.Spares). With
        a users file, a page starts its person's when it is asked for: a waiting assistant holds about
        50 MiB, too much to keep one for each of many people who may not come back today."""
        from assistant.languages import from_locale
        from assistant.texts import load_texts

        access = self.settings.access
        language = self.settings.language or from_locale(None)
        if self.settings.warm and access.shared:
            await self.spares.keep_ready(access.people[0], language)
        # Read now, not while the first person waits for the page (about 50 ms on first use).
        load_texts(language)
        self._pages.get_template("page.html")

    async def _close_tabs(self, app: web.Application) -> None:
        await self.spares.stop()
        stopping = [tab.stop() for tab in list(self.tabs)]
        await asyncio.gather(*stopping, *list(self._stopping), return_exceptions=True)

    # --- downloads --------------------------------------------------------------------------------

    async def download(self, request: web.Request) -> web.StreamResponse:
        person: Person = request[PERSON]
        key = request.match_info["key"]
        try:
            meta = await self.downloads.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound() from None
        tab = meta.app_service
        if not isinstance(tab, Tab) or tab.person != person:
            raise web.HTTPNotFound()  # someone else's file: as if there were none
        response = web.StreamResponse()
        response.content_type = meta.mime_type or "application/octet-stream"
        if meta.encoding:
            response.charset = meta.encoding
        response.headers["Content-Disposition"] = _attachment(meta.file_name)
        await response.prepare(request)
        async for chunk in self.downloads.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    # --- running ----------------------------------------------------------------------------------

    async def run(self, ready: Callable[[int], None], stop: asyncio.Event) -> None:
        """Serve until `stop` is set; `ready(port)` once listening (the port the system chose for 0)."""
        settings = self.settings
        runner = web.AppRunner(
            self.application(),
            access_log_class=AccessLog,
            handle_signals=False,
            shutdown_timeout=STOP_TIMEOUT,
        )
        await runner.setup()
        try:
            site = web.TCPSite(runner, settings.host, settings.port, ssl_context=settings.tls)
            await site.start()
            ready(int(runner.addresses[0][1]))
            await stop.wait()
        finally:
            await runner.cleanup()


def _same_origin(request: web.Request) -> bool:
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # not a browser page (browsers always send Origin on a websocket)
    return urlsplit(origin).netloc.lower() == request.host.lower()


def _dimension(value: object, default: int) -> int:
    try:
        return min(max(int(str(value)), 10), 1000)
    except ValueError:
        return default


def _attachment(name: str) -> str:
    """Content-Disposition for a download, with any name (RFC 6266: a plain fallback and the UTF-8 one)."""
    plain = re.sub(r"[^A-Za-z0-9._-]", "_", name) or "download"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name)}"


def serve_forever(server: AssistantServer, ready: Callable[[int], None]) -> None:
    """Run `server` until Ctrl+C or SIGTERM; each open tab is told to quit (every answer is saved)."""
    import signal

    configure_logging(_KnownSecrets(server))

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for number in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(number, stop.set)
        await server.run(ready, stop)

    asyncio.run(main())


class _KnownSecrets:
    """The plain-text secrets the log must never show, as they are now (sessions come and go)."""

    def __init__(self, server: AssistantServer) -> None:
        self.server = server

    def __iter__(self) -> Any:
        yield from self.server.settings.secrets_to_hide
        yield from self.server.sessions
