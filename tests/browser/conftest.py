"""Fixtures for the browser tests: Debian's Chromium, driven by Playwright, one page per test.

These tests need loopback connections to the server they start, so they allow 127.0.0.1 only
(pytest-socket's allow_hosts); every other test keeps sockets disabled.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent / "ui"):  # served.py here; uihelp (finished drafts) in tests/ui
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from served import CHROMIUM, LAUNCH_FLAGS, require_chromium  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page in a fresh browser context (no cookies from another test), accepting downloads."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    opened = context.new_page()
    yield opened
    context.close()
