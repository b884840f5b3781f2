"""A spare assistant loads before its tab exists and starts when the tab takes it (no browser)."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from assistant.serving.tab import WAITING, wait_for_tab

ROOT = Path(__file__).resolve().parents[2]


def packet(message: dict[str, object]) -> bytes:
    payload = json.dumps(message).encode()
    return b"M" + len(payload).to_bytes(4, "big") + payload


def read_from(data: bytes) -> dict[str, object] | None:
    reading, writing = os.pipe()
    os.write(writing, data)
    os.close(writing)
    try:
        return wait_for_tab(reading)
    finally:
        os.close(reading)


def test_the_start_message_says_the_screens_size_and_leaves_the_rest_unread() -> None:
    reading, writing = os.pipe()
    os.write(writing, packet({"type": "start", "width": 132, "height": 40}) + b"D\x00\x00\x00\x01x")
    os.close(writing)
    assert wait_for_tab(reading) == {"type": "start", "width": 132, "height": 40}
    assert os.read(reading, 100) == b"D\x00\x00\x00\x01x", "Textual's reader gets what follows"
    os.close(reading)


def test_anything_but_a_start_means_stop() -> None:
    assert read_from(packet({"type": "quit"})) is None
    assert read_from(b"") is None
    assert read_from(packet({"type": "start", "width": "wide", "height": 40})) is None
    assert read_from(b"D\x00\x00\x00\x01x") is None


@given(st.binary(max_size=200))
def test_any_bytes_start_the_tab_or_stop_it(data: bytes) -> None:
    found = read_from(data)
    assert found is None or found["type"] == "start"


def spare(tmp_path: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "POLICY_ASSISTANT_HOME": str(tmp_path),
        "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
    }
    command = [sys.executable, "-m", "assistant.serving.tab", "--lang", "nl", "--wait"]
    return subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env
    )


def test_a_spare_stopped_before_any_tab_took_it_draws_nothing(tmp_path: Path) -> None:
    process = spare(tmp_path)
    out, err = process.communicate(packet({"type": "quit"}), timeout=120)
    assert process.returncode == 0, err.decode()[-2000:]
    assert out == WAITING, "it said it was ready, and never started the app"


def test_a_taken_spare_starts_at_the_tabs_size(tmp_path: Path) -> None:
    process = spare(tmp_path)
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(packet({"type": "start", "width": 123, "height": 37}))
    process.stdin.flush()
    screen = b""
    deadline = time.monotonic() + 120
    try:
        while b"Welk soort socialemediabeleid" not in screen and time.monotonic() < deadline:
            ready, _, _ = select.select([process.stdout], [], [], 1)
            if ready:
                chunk = os.read(process.stdout.fileno(), 65536)
                if not chunk:
                    break
                screen += chunk
    finally:
        process.stdin.write(packet({"type": "quit"}))
        process.stdin.close()
        process.wait(timeout=60)
    assert screen.startswith(WAITING + b"__GANGLION__\n"), "ready, then Textual's prelude"
    assert b"Welk soort socialemediabeleid" in screen, "in the page's language"
    assert b"\x1b[37;1H" in screen and b"\x1b[38;1H" not in screen, "37 rows, as the tab said"
