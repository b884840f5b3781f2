"""Where the interview comes from: ours, or a folder given; validated from YAML, or read back from the cache.

Validating the interview (YAML, conditions, every path) takes tens of milliseconds and imports Jinja2
and PyYAML, all before the first question can show; the result of validating our own interview is kept
in the user's cache folder, keyed by the content of its files and of this package's code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from dialogue.model import Interview
from dialogue.stored import load_or_read

INTERVIEW_DIR = Path(__file__).parent / "interview"


def load_interview(folder: Path | str | None = None) -> Interview:
    """Load and validate the interview in `folder` (ours by default). Ours is loaded once per process."""
    if folder is None:
        return _default_interview()
    # Validating imports PyYAML and Jinja2: ours, from the cache, needs neither (benchmarks: first
    # question).
    from dialogue.definition import read_interview

    return read_interview(Path(folder))


@cache
def _default_interview() -> Interview:
    return load_or_read(INTERVIEW_DIR)
