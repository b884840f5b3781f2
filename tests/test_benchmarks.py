"""CI runs the benchmark in its quick mode so the script keeps working; no timing is asserted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import browser

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_quick_benchmark_runs_and_reports_every_measure() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert result.returncode == 0, result.stderr
    for measure in (
        "First question on screen",
        "Floor: minimal Textual app",
        "First question / floor",
        "Answer → next question, p95 (preview on",
        "Answer → next question, p95 (preview off",
        "Answer → next question, p95 (at message 200",
        "Live preview refresh",
        "Longest event-loop stall",
        "Assembly of the full policy",
        "Export to DOCX",
        "All formats x languages",
        "Checked paths",
        "Peak memory",
        "Review of a typical policy",
        "Review time, 4x the text",
        "Answer → next question / floor chat",
        "at message 200 / at the start",
        "Scale (",
        "questions validated",
    ):
        assert measure in result.stdout, measure
    if Path(browser.CHROMIUM).exists():  # the browser measures need Chromium (.ci/run installs it)
        for measure in ("Browser: first question", "Browser floor", "Browser: memory per open tab"):
            assert measure in result.stdout, measure
