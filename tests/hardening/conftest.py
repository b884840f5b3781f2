"""The hardening suite tries to break the engine, the clauses and the chat (issue 8).

It drives the app with the helpers and fixtures of tests/ui, so that folder is importable from here too.
"""

from __future__ import annotations

import sys
from pathlib import Path

UI_TESTS = Path(__file__).resolve().parent.parent / "ui"
if str(UI_TESTS) not in sys.path:
    sys.path.insert(0, str(UI_TESTS))

from app_fixtures import home, utc  # noqa: E402, F401  (fixtures are found by name)
