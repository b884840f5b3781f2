"""Shared fixtures. `tests/` is on sys.path, so test modules can `import strategies`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.load_profile("default")


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own data folder, so no test reads or writes the user's real drafts."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("POLICY_ASSISTANT_HOME", str(home))
    yield home
