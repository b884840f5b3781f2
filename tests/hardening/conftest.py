"""The hardening suite tries to break the engine, the clauses and the chat (issue 8).

It drives the app with the helpers of tests/ui, so that folder is importable from here too.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

UI_TESTS = Path(__file__).resolve().parent.parent / "ui"
if str(UI_TESTS) not in sys.path:
    sys.path.insert(0, str(UI_TESTS))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """Where the app under test keeps its drafts (home/drafts) and writes exports (home/exports)."""
    return tmp_path


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times on screen are shown in local time: make it UTC, so what the tests read never varies."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
