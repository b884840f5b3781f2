"""Fixtures for every test that drives the app (tests/ui and tests/hardening): a private home for
drafts and exports, and a fixed time zone."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """Where the app under test keeps its drafts (home/drafts) and writes exports (home/exports)."""
    return tmp_path


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times on screen are shown in local time: make local time UTC, so screenshots never vary."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
