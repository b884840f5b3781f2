"""The assistant in a browser (`policy-assistant serve`), in Debian's Chromium driven by Playwright:

- time from opening the address to the first question on screen (read from xterm.js's buffer), next to
  the floor: a minimal Textual app served the same way, in the same run, and their ratio. A person
  starts `serve`, then opens the address seconds later, and opens another tab seconds (not
  milliseconds) after closing one: so each page is opened once both servers are idle, with the tab
  before it stopped and the assistant's next tab waiting (assistant.serving.tabs.Spares), as it is
  for that person; the floor gets the same quiet machine;
- memory per open tab with 5 tabs open: the proportional set size (PSS, shared pages divided among the
  processes sharing them) of each tab's assistant process, on the server.

Run from the repository root: `python -m benchmarks.browser [--quick]`. Without Chromium it says how to
install it and measures nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.report import Measure, print_table
from benchmarks.ui import FLOOR_APP

CHROMIUM = os.environ.get("POLICY_ASSISTANT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TOKEN = "a-benchmark-token-of-forty-characters-x"
QUESTION = "Which kind of social media policy"
FLOOR = "The floor is on screen"
TABS = 5


def available() -> bool:
    return Path(CHROMIUM).exists()


# --- a server in a thread -----------------------------------------------------------------------------


class Running:
    """`policy-assistant serve`'s server on 127.0.0.1, in a thread of this process."""

    def __init__(self, floor: bool = False) -> None:
        from assistant.serving.access import Access
        from assistant.serving.web import AssistantServer, Settings

        class FloorServer(AssistantServer):
            def tab_command(self, language: str, waiting: bool = False) -> str:
                import shlex

                return shlex.join([sys.executable, "-c", FLOOR_APP])

        kind = FloorServer if floor else AssistantServer
        # The floor runs cold: a minimal app started when its websocket connects, as textual-serve does.
        settings = Settings(
            access=Access.single(TOKEN), host="127.0.0.1", port=0, max_tabs=50, warm=not floor
        )
        self.server = kind(settings)
        self._ready = threading.Event()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._main()), daemon=True)
        self._thread.start()
        if not self._ready.wait(30):
            raise RuntimeError("the server did not start")

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        await self.server.run(self._listening, self._stop)

    def _listening(self, port: int) -> None:
        self.address = f"http://127.0.0.1:{port}/?token={TOKEN}"
        self._ready.set()

    def idle(self) -> bool:
        """No tab open or still quitting, and the standing spare (if any) loaded and waiting."""
        server = self.server
        if server.tabs or server._stopping:
            return False
        standing = server.spares.standing
        spare = server.spares.waiting(*standing) if standing is not None else None
        return standing is None or (spare is not None and spare.ready.is_set())

    def wait_until_idle(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not self.idle():
            if time.monotonic() > deadline:
                raise RuntimeError("the server never became idle")
            time.sleep(0.02)

    def close(self) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(30)


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_for_text(page: Any, marker: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if marker in page.evaluate("window.policyAssistant ? window.policyAssistant.screen() : ''"):
            return
        page.wait_for_timeout(5)
    raise RuntimeError(f"{marker!r} never appeared in the browser")


def time_to_first_screen(browser: Any, address: str, marker: str) -> float:
    """Milliseconds from opening `address` in a fresh browser context (no cache, no cookie) to `marker`."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(address)
        wait_for_text(page, marker)
        return (time.perf_counter() - start) * 1000
    finally:
        context.close()


@contextmanager
def private_home() -> Iterator[None]:
    """A home of its own for the tabs (no real drafts are touched), and Python's bytecode kept, as an
    installed copy has it: the tabs inherit this environment. Without it, PYTHONDONTWRITEBYTECODE (set in
    some shells and sandboxes) made every tab compile our modules again while the floor's Textual came
    compiled (benchmarks.ui.started_as_installed; docs/decisions.md, "Start-up")."""
    from benchmarks.ui import started_as_installed

    keys = ("POLICY_ASSISTANT_HOME", "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")
    previous = {key: os.environ.get(key) for key in keys}
    with tempfile.TemporaryDirectory() as home:
        installed = started_as_installed(home)
        for key in keys:
            if key in installed:
                os.environ[key] = installed[key]
            else:
                os.environ.pop(key, None)
        try:
            yield
        finally:
            for key, value in previous.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


# --- the measures ---------------------------------------------------------------------------------


def first_question(quick: bool) -> list[Measure]:
    runs = 2 if quick else 10
    app_times: list[float] = []
    floor_times: list[float] = []
    second_times: list[float] = []
    with private_home(), chromium() as browser:
        app, floor = Running(), Running(floor=True)
        try:
            app.wait_until_idle()
            time_to_first_screen(browser, app.address, QUESTION)  # warms the page's files in the OS
            for _ in range(runs):  # interleaved, so both see the same machine
                for running in (app, floor):
                    running.wait_until_idle()
                floor_times.append(time_to_first_screen(browser, floor.address, FLOOR))
                for running in (app, floor):
                    running.wait_until_idle()
                app_times.append(time_to_first_screen(browser, app.address, QUESTION))
            for _ in range(max(runs // 3, 1)):
                app.wait_until_idle()
                second_times.append(second_tab_at_once(browser, app.address))
        finally:
            app.close()
            floor.close()
    app_median, floor_median = statistics.median(app_times), statistics.median(floor_times)
    return [
        Measure(
            "Browser: first question on screen, from opening the address",
            app_median,
            "ms",
            None,
            detail=f"min {min(app_times):.0f} ms; Chromium, new context each time, servers idle",
        ),
        Measure(
            "Browser floor: minimal Textual app, served the same way",
            floor_median,
            "ms",
            None,
            detail=f"min {min(floor_times):.0f} ms",
        ),
        Measure("Browser: first question / floor", app_median / floor_median, "x", 1.3),
        Measure(
            "Browser: a second tab opened as the first shows its question (no assistant waiting)",
            statistics.median(second_times),
            "ms",
            None,
            detail=f"{statistics.median(second_times) / floor_median:.2f}x the floor",
        ),
    ]


def second_tab_at_once(browser: Any, address: str) -> float:
    """Milliseconds to the first question in a tab opened the moment another took the waiting
    assistant: it gets the one its page starts, while the first tab loads its clause library."""
    first = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        wait_for_text_at(first.new_page(), address, QUESTION)
        return time_to_first_screen(browser, address, QUESTION)
    finally:
        first.close()


def wait_for_text_at(page: Any, address: str, marker: str) -> None:
    page.goto(address)
    wait_for_text(page, marker)


def memory_per_tab(quick: bool) -> list[Measure]:
    tabs = 2 if quick else TABS
    with private_home(), chromium() as browser:
        running = Running()
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            pages = [context.new_page() for _ in range(tabs)]
            for page in pages:
                page.goto(running.address)
            for page in pages:
                wait_for_text(page, QUESTION)
            time.sleep(3)  # the clause library loads and memory settles once the first question shows
            pids = [tab._process.pid for tab in running.server.tabs if tab._process is not None]
            assert len(pids) == tabs, pids
            pss = [sum(_kib(pid, "Pss") for pid in _tree(pid)) / 1024 for pid in pids]
            rss = [sum(_kib(pid, "Rss") for pid in _tree(pid)) / 1024 for pid in pids]
        finally:
            context.close()
            running.close()
    return [
        Measure(
            f"Browser: memory per open tab ({tabs} tabs open, PSS)",
            statistics.mean(pss),
            "MiB",
            80,
            detail=f"largest {max(pss):.0f} MiB; RSS {statistics.mean(rss):.0f} MiB per tab",
        )
    ]


def _tree(pid: int) -> list[int]:
    """`pid` and every process below it (the tab's shell runs the assistant as its child)."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            found.extend(_tree(int(child)))
    return found


def _kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _only_with_chromium(measure: Callable[[bool], list[Measure]]) -> Callable[[bool], list[Measure]]:
    def run(quick: bool) -> list[Measure]:
        if not available():
            print(
                f"{measure.__name__}: not measured, Chromium is missing (sudo apt-get install -y chromium)",
                file=sys.stderr,
            )
            return []
        return measure(quick)

    run.__name__ = measure.__name__
    return run


SUITE: tuple[Callable[[bool], list[Measure]], ...] = (
    _only_with_chromium(first_question),
    _only_with_chromium(memory_per_tab),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.browser", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions, to check the script works")
    args = parser.parse_args(argv)
    measures: list[Measure] = []
    for measure in SUITE:
        measures.extend(measure(args.quick))
    title = "policy-assistant: in a browser" + (" (quick mode: figures are rough)" if args.quick else "")
    print_table(measures, title)
    return 0


if __name__ == "__main__":
    sys.exit(main())
