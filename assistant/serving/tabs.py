"""Browser tabs and the assistant processes behind them.

Each tab runs its own assistant, `python -m assistant.serving.tab`, started and relayed by
textual-serve's AppService. Starting Python and loading the assistant is most of the wait for the first
question, so assistants are started ahead of their tabs ("spares", `Spares`): they load, say so, then
wait until a tab's websocket takes one over and says how large the screen is.

- On a server for one person (one token), one spare stands ready from the server's start, in the
  language the server talks (then in the language of that person's latest tab). It never expires;
  after a tab takes it, the next one starts REPLACE_AFTER seconds after that tab's first output, once
  the tab has drawn its first screen and (mostly) loaded its clause library, so that the two do not
  compete for the processor.
- A page that is asked for starts its person's spare for its language if there is none: it loads
  while the browser loads the page's scripts. Such a spare, not taken, is stopped after a minute.
- A spare never keeps a tab out: at `max_tabs` a tab that finds none of its own stops a waiting one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shlex
import sys
from asyncio.subprocess import Process
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from assistant.serving.access import TOKEN_VARIABLE, Person
from assistant.serving.tab import WAITING

log = logging.getLogger("policy-assistant.serve")

STOP_TIMEOUT = 5.0  # seconds a closed tab's process has to quit before it is killed
SPARE_LIFETIME = 60.0  # seconds a spare started for a page waits for its tab
# Seconds after a tab's first output before the next standing spare starts: a taken tab loads its
# clause library for 1.6 s of processor time once its first question is on screen (measured on this
# 2-core machine); a spare loading then took a core from it and from the browser drawing the page
# (docs/decisions.md, "In a browser": 1.45-1.50x the floor when replaced at once, 0.98-1.16x after 2 s).
REPLACE_AFTER = 2.0
FIRST_SCREEN_TIMEOUT = 60.0  # seconds to wait for a tab's first screen before replacing its spare anyway


def tab_command(language: str, clauses: tuple[Path, ...] = (), waiting: bool = False) -> str:
    parts = [sys.executable, "-m", "assistant.serving.tab", "--lang", language]
    for folder in clauses:
        parts += ["--clauses", str(folder)]
    if waiting:
        parts.append("--wait")
    return shlex.join(parts)


async def _nowhere(*_: Any) -> None:
    """Where a spare's screen would go before it has a tab: it draws nothing until it is taken."""


class Tab(AppService):
    """One browser tab's assistant process, run for `person` with their data folder.

    A `waiting` one (a spare) loads, sets `ready`, and relays nothing until `take_over` gives it a tab.
    """

    def __init__(self, command: str, person: Person, waiting: bool = False, **options: Any) -> None:
        super().__init__(command, **options)
        self.person = person
        self.waiting = waiting
        self.ready = asyncio.Event()  # a spare has loaded and waits for its tab
        self.shown = asyncio.Event()  # the first of its screen went to the browser
        self._taken = asyncio.Event()

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        from dialogue.drafts import HOME_VARIABLE

        environment = super()._build_environment(width=width, height=height)
        environment.pop(TOKEN_VARIABLE, None)  # the tab never needs it; a crash report must not show it
        if self.person.home is not None:
            environment[HOME_VARIABLE] = str(self.person.home)
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        # Run directly, not through `sh -c` as textual-serve does: Debian's sh stays as the parent, so
        # what was stopped or killed was the shell, and an assistant that did not quit lived on.
        self._process = process = await asyncio.create_subprocess_exec(
            *shlex.split(self.command),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.returncode is None

    async def start(self, width: int, height: int) -> None:
        await self._open_app_process(width, height)
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        process = self._process
        assert process is not None and process.stdout is not None
        if self.waiting and await process.stdout.readline() == WAITING:
            self.ready.set()
            await _first_of(self._taken.wait(), process.wait())
            if not self._taken.is_set():
                await self._ended_untaken()
                return
        await self.run()  # textual-serve's relay, from Textual's prelude on

    async def _ended_untaken(self) -> None:
        """A spare that ended before any tab took it: told to (nothing to say), or it failed."""
        process = self._process
        assert process is not None and process.stderr is not None
        error = (await process.stderr.read()).decode("utf-8", "replace").strip()
        if process.returncode:
            log.warning(
                "%s: a waiting assistant ended (exit code %s)%s",
                self.person.label,
                process.returncode,
                f": {error.splitlines()[-1]}" if error else "",
            )

    async def on_data(self, payload: bytes) -> None:
        await super().on_data(payload)
        self.shown.set()

    async def take_over(self, socket: Any, width: int, height: int) -> bool:
        """Give a waiting spare to a tab's websocket and start its assistant: False if it is gone."""
        self.remote_write_bytes = socket.send_bytes
        self.remote_write_str = socket.send_str
        self.remote_close = socket.close
        self._taken.set()
        return self.running and await self.send_meta({"type": "start", "width": width, "height": height})

    async def stop(self) -> None:
        """Tell the assistant to quit (every answer is already saved); kill it if it does not."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(super().stop(), STOP_TIMEOUT)
        process = self._process
        if process is None or process.returncode is not None:
            return
        try:
            await asyncio.wait_for(process.wait(), STOP_TIMEOUT)
        except TimeoutError:
            process.kill()
            await process.wait()


async def _first_of(*waits: Awaitable[Any]) -> None:
    tasks = [asyncio.ensure_future(wait) for wait in waits]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()


Key = tuple[Person, str]  # whose spare, in which language


class Spares:
    """Waiting assistants, at most one per person and language; one of them may be the standing one.

    `room()` says whether one more assistant process fits (spares count against max_tabs).
    """

    def __init__(
        self, command: Callable[[str], str], downloads: DownloadManager, room: Callable[[], bool]
    ) -> None:
        self._command = command  # the waiting command for a language
        self._downloads = downloads
        self._room = room
        self._waiting: dict[Key, Tab] = {}
        self._starting: set[Key] = set()  # their process is being made: not yet in _waiting
        self._stopped = False
        self.standing: Key | None = None  # kept ready for as long as the server runs
        self._later: set[asyncio.Task[None]] = set()
        self._stopping: set[asyncio.Future[None]] = set()  # expired spares still quitting

    def __len__(self) -> int:
        return len(self._waiting) + len(self._starting)

    def waiting(self, person: Person, language: str) -> Tab | None:
        return self._waiting.get((person, language))

    async def keep_ready(self, person: Person, language: str) -> None:
        """From now on, always have `person`'s next assistant in `language` waiting (room permitting)."""
        self.standing = (person, language)
        await self.replenish()

    async def replenish(self) -> None:
        """Start the standing spare if it is missing (taken, ended, or there was no room for it)."""
        if self.standing is not None and not self._alive(self.standing) and self._room():
            await self.prepare(*self.standing)

    async def prepare(self, person: Person, language: str) -> None:
        key = (person, language)
        if self._alive(key) or key in self._starting or self._stopped:
            return
        self._starting.add(key)
        try:
            ended = self._waiting.pop(key, None)
            if ended is not None:
                await ended.stop()  # reaped, and its end logged
            tab = await self._start(person, language)
        finally:
            self._starting.discard(key)
        if self._stopped:  # the server stopped while it started
            await tab.stop()
            return
        self._waiting[key] = tab
        assert tab._task is not None
        tab._task.add_done_callback(lambda _: self._forget(key, tab))  # ended: it holds no place
        self._expire_later(key, tab)

    async def _start(self, person: Person, language: str) -> Tab:
        tab = Tab(
            self._command(language),
            person,
            waiting=True,
            write_bytes=_nowhere,
            write_str=_nowhere,
            close=_nowhere,
            download_manager=self._downloads,
        )
        try:
            await tab.start(80, 24)
        except asyncio.CancelledError:
            # Stopped as the server stops: a spare nobody took holds nothing, and must not outlive it.
            if tab._process is not None and tab._process.returncode is None:
                tab._process.kill()
            raise
        return tab

    def _expire_later(self, key: Key, tab: Tab) -> None:
        loop = asyncio.get_running_loop()
        loop.call_later(SPARE_LIFETIME, lambda: loop.create_task(self._expire(key, tab)))

    def _alive(self, key: Key | None) -> bool:
        tab = self._waiting.get(key) if key is not None else None
        return tab is not None and tab.running

    def take(self, person: Person, language: str) -> Tab | None:
        """`person`'s waiting assistant in `language`, if there is one; theirs alone."""
        if self.standing is not None and self.standing[0] == person and self.standing[1] != language:
            # Their next tab most likely talks as this one; the other language's spare may go.
            previous, self.standing = self.standing, (person, language)
            if previous in self._waiting:
                self._expire_later(previous, self._waiting[previous])
        return self._waiting.pop((person, language), None)

    def opened(self, tab: Tab) -> None:
        """`tab` is open: if it is the standing person's, have their next one ready once it has settled."""
        if self.standing is None or tab.person != self.standing[0]:
            return
        self._soon(self._replace_after(tab))

    async def _replace_after(self, tab: Tab) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(tab.shown.wait(), FIRST_SCREEN_TIMEOUT)
        await asyncio.sleep(REPLACE_AFTER)
        await self.replenish()

    def closed(self) -> None:
        """A tab has closed: if the standing spare found no room before, there may be some now."""
        if self.standing is not None and not self._later:
            self._soon(self.replenish())

    def _soon(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._later.add(task)  # kept, so that it runs to its end (or is cancelled at stop)
        task.add_done_callback(self._later.discard)

    async def make_room(self) -> bool:
        """Stop one waiting assistant so that a tab can open (a tab comes before a guess): False if none."""
        if not self._waiting:
            return False
        key = next((key for key in self._waiting if key != self.standing), next(iter(self._waiting)))
        await self._waiting.pop(key).stop()
        return True

    def _forget(self, key: Key, tab: Tab) -> None:
        if self._waiting.get(key) is tab:
            del self._waiting[key]

    async def _expire(self, key: Key, tab: Tab) -> None:
        if self._waiting.get(key) is tab and key != self.standing:
            del self._waiting[key]
            # Kept until it has quit, so that the server's stop waits for it too.
            stopping = asyncio.ensure_future(tab.stop())
            self._stopping.add(stopping)
            stopping.add_done_callback(self._stopping.discard)
            await asyncio.shield(stopping)

    async def stop(self) -> None:
        self._stopped = True
        self.standing = None
        for task in list(self._later):
            task.cancel()
        waiting, self._waiting = list(self._waiting.values()), {}
        stopping = [tab.stop() for tab in waiting]
        await asyncio.gather(*stopping, *list(self._stopping), return_exceptions=True)
