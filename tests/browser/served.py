"""Running `policy-assistant serve` for a test, and reading its screen in a browser.

The server runs as a real process (as a person starts it); the browser is Debian's Chromium driven by
Playwright. The screen is read from xterm.js's own buffer (`policyAssistant.screen()`, from the page's
script); waiting polls it, so no test sleeps.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("POLICY_ASSISTANT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# .ci/run sets this: there, a missing browser is a failure, never a skip.
REQUIRED = os.environ.get("POLICY_ASSISTANT_BROWSER_TESTS") == "required"
INSTALL = (
    "Chromium is not installed, so the browser tests are skipped: install Debian's with "
    "`sudo apt-get install -y chromium` (or set POLICY_ASSISTANT_CHROMIUM to a Chromium binary)"
)
LAUNCH_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TOKEN = "a-test-token-of-forty-characters-or-so-x"
WAIT = 60.0  # seconds; the machine may be busy, and waiting stops as soon as the condition holds


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if REQUIRED:
            pytest.fail(INSTALL.replace("so the browser tests are skipped", "and CI needs it"))
        pytest.skip(INSTALL)
    try:
        import playwright  # noqa: F401
    except ImportError:
        message = "Playwright is not installed: pip install -e '.[test]'"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)


@dataclass
class Served:
    """A running `policy-assistant serve`: its address, what it printed, and its log (stderr)."""

    process: subprocess.Popen[str]
    printed: list[str]
    base: str = ""
    token: str = ""
    _log: list[str] = field(default_factory=list)

    def address(self, token: str | None = None) -> str:
        return f"{self.base}?token={token or self.token}"

    @property
    def log(self) -> str:
        return "".join(self._log)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


def start(home: Path, *options: str, env: dict[str, str] | None = None) -> Served:
    """Start `policy-assistant serve --port 0 OPTIONS` with `home` as its data folder; wait until it
    prints the address (read from its output, so no connection is tried before it listens)."""
    environment = {**os.environ, "POLICY_ASSISTANT_HOME": str(home), "PYTHONUNBUFFERED": "1", **(env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", "serve", "--port", "0", *options],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()
    served = Served(process, [])

    def read(stream: Any, into: Callable[[str], None]) -> None:
        for line in stream:
            into(line)
        if stream is process.stdout:
            lines.put(None)

    threading.Thread(target=read, args=(process.stdout, lines.put), daemon=True).start()
    threading.Thread(target=read, args=(process.stderr, served._log.append), daemon=True).start()
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if line is None:
            break
        served.printed.append(line)
        found = re.search(r"(https?://\S+?/)\?token=(\S+)", line)
        if found:
            served.base = found.group(1)
            # A token made at start is printed; a given one is not ("<your token>"): the tests know it.
            printed = found.group(2)
            served.token = TOKEN if printed.startswith("<") else printed
        if line.startswith("Ctrl+C stops"):
            return served
    served.stop()
    raise AssertionError(f"serve did not start:\n{''.join(served.printed)}\n{served.log}")


class BrowserScreen:
    """The assistant's screen in a page: read from xterm's buffer, typed into like a person would."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def text(self) -> str:
        return str(self.page.evaluate("window.policyAssistant ? window.policyAssistant.screen() : ''"))

    def wait_for(self, wanted: str | Callable[[str], bool], timeout: float = WAIT) -> str:
        """The screen once it shows `wanted` (a text, or a test of the screen's text)."""
        check = wanted if callable(wanted) else (lambda screen: wanted in screen)
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.text()
            if check(screen):
                return screen
            self.page.wait_for_timeout(50)  # lets the page run between two reads
        raise AssertionError(f"timed out after {timeout}s waiting for {wanted!r}; the screen:\n{screen}")

    def focus(self) -> None:
        self.page.focus(".xterm-helper-textarea")

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def say(self, text: str) -> None:
        """Type an answer (or a /command) and send it.

        The first key moves the focus from a list to the text field; the rest waits until it shows there,
        as a person's next key comes after they see the first (the app can reorder keys that arrive
        faster than its focus moves).
        """
        self.type(text[0])
        self.wait_for(f"▊  {text[0]}")
        self.type(text[1:])
        self.wait_for(f"▊  {text}")
        self.press("Enter")
