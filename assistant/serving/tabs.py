"""Browser tabs and the assistant processes behind them.

Each tab runs its own assistant, `python -m assistant.serving.tab`, started and relayed by
textual-serve's AppService. Starting Python and loading the assistant is most of the wait for the first
question, so `Spares` starts a person's next process as soon as their page is asked for: it loads while
the browser loads the page's scripts, then waits until the tab's websocket takes it over and says how
large the screen is. A spare nobody takes is stopped after a minute.
"""

from __future__ import annotations

import asyncio
import contextlib
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from assistant.serving.access import TOKEN_VARIABLE, Person

STOP_TIMEOUT = 5.0  # seconds a closed tab's process has to quit before it is killed
SPARE_LIFETIME = 60.0  # seconds a spare waits for its tab


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
    """One browser tab's assistant process, run for `person` with their data folder."""

    def __init__(self, command: str, person: Person, **options: Any) -> None:
        super().__init__(command, **options)
        self.person = person

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        from dialogue.drafts import HOME_VARIABLE

        environment = super()._build_environment(width=width, height=height)
        environment.pop(TOKEN_VARIABLE, None)  # the tab never needs it; a crash report must not show it
        if self.person.home is not None:
            environment[HOME_VARIABLE] = str(self.person.home)
        return environment

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.returncode is None

    async def take_over(self, socket: Any, width: int, height: int) -> bool:
        """Give a waiting spare to a tab's websocket and start its assistant: False if it is gone."""
        self.remote_write_bytes = socket.send_bytes
        self.remote_write_str = socket.send_str
        self.remote_close = socket.close
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


class Spares:
    """At most one waiting assistant per person and language, started when their page is asked for."""

    def __init__(self, command: Callable[[str], str], downloads: DownloadManager) -> None:
        self._command = command  # the waiting command for a language
        self._downloads = downloads
        self._waiting: dict[tuple[Person, str], Tab] = {}

    def __len__(self) -> int:
        return len(self._waiting)

    async def prepare(self, person: Person, language: str) -> None:
        key = (person, language)
        if key in self._waiting:
            return
        tab = Tab(
            self._command(language),
            person,
            write_bytes=_nowhere,
            write_str=_nowhere,
            close=_nowhere,
            download_manager=self._downloads,
        )
        self._waiting[key] = tab
        await tab.start(80, 24)
        loop = asyncio.get_running_loop()
        loop.call_later(SPARE_LIFETIME, lambda: loop.create_task(self._expire(key, tab)))

    def take(self, person: Person, language: str) -> Tab | None:
        return self._waiting.pop((person, language), None)

    async def _expire(self, key: tuple[Person, str], tab: Tab) -> None:
        if self._waiting.get(key) is tab:
            del self._waiting[key]
            await tab.stop()

    async def stop(self) -> None:
        waiting, self._waiting = list(self._waiting.values()), {}
        await asyncio.gather(*(tab.stop() for tab in waiting), return_exceptions=True)
