"""Where Chromium is missing the browser tests skip and say how to install it; in CI they fail instead."""

from __future__ import annotations

import pytest
import served


def test_a_missing_browser_skips_with_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(served, "CHROMIUM", "/no/such/chromium")
    monkeypatch.setattr(served, "REQUIRED", False)
    with pytest.raises(pytest.skip.Exception, match=r"apt-get install -y chromium"):
        served.require_chromium()


def test_in_ci_a_missing_browser_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(served, "CHROMIUM", "/no/such/chromium")
    monkeypatch.setattr(served, "REQUIRED", True)
    with pytest.raises(pytest.fail.Exception, match=r"apt-get install -y chromium"):
        served.require_chromium()
