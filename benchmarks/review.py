"""Measures of the review of an existing policy: a typical 3-page policy, 1 MB of text, and how the time
grows with the text (issue 15: under 150 ms, under 1.5 s, linear).

The text is our own policies in their four languages, one after another, so that it reads like policies
and every rule has work to do; each measure is the median of a few runs after one warm-up (the rules
compile once per process). The floor, measured in the same run, is the time to read and cut the same
text into sentences without reviewing it: what no review can go below. On a machine shared with other
work, wall time swells with the load; the processor time of the same runs (in the detail) is what the
review itself costs, and what an idle machine's wall time comes close to.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from benchmarks.core import ROOT
from benchmarks.report import Measure

TYPICAL_WORDS = 1_500  # three pages
MEGABYTE = 1_000_000


def policies() -> str:
    """Every example policy in every language, rendered as Markdown and joined."""
    import clauses
    from clauses.export import render
    from dialogue.answers_file import read_answers
    from dialogue.loader import load_interview

    library, interview = clauses.load_library(), load_interview()
    texts = []
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        answers = read_answers(path, interview)
        texts.extend(str(render(library.assemble(answers, code), "md")) for code in library.languages)
    return "\n\n".join(texts)


def _median_ms(action: Callable[[], Any], repeat: int) -> float:
    return _timed(action, repeat)[0]


def _timed(action: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """The median wall and processor time of `repeat` runs after a warm-up, in milliseconds."""
    action()
    walls, cpus = [], []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def _text_of(source: str, size: int) -> str:
    text = source
    while len(text.encode("utf-8")) < size:
        text += "\n\n" + source
    return text.encode("utf-8")[:size].decode("utf-8", "ignore")


def _first_words(source: str, words: int) -> str:
    lines, count = [], 0
    for line in source.splitlines():
        lines.append(line)
        count += len(line.split())
        if count >= words:
            break
    return "\n".join(lines)


def review_speed(quick: bool) -> list[Measure]:
    from clauses.review import review_text
    from clauses.review.reader import read_bytes

    source = policies()
    typical = _first_words(source, TYPICAL_WORDS)
    big = _text_of(source, MEGABYTE // 10 if quick else MEGABYTE)
    repeat = 1 if quick else 3
    typical_ms = _median_ms(lambda: review_text(typical, "md"), 5 if quick else 20)
    big_ms, big_cpu = _timed(lambda: review_text(big, "md"), repeat)
    floor_ms, floor_cpu = _timed(lambda: read_bytes(big.encode("utf-8"), "md"), repeat)
    quarter_ms = _median_ms(lambda: review_text(big[: len(big) // 4], "md"), repeat)
    size = len(big.encode("utf-8")) / MEGABYTE
    return [
        Measure(
            f"Review of a typical policy ({len(typical.split()):,} words, 3 pages)", typical_ms, "ms", 150.0
        ),
        Measure(
            f"Review of {size:.1f} MB of text",
            big_ms / 1000,
            "s",
            1.5 * size,
            detail=(
                f"floor (reading it, no review): {floor_ms / 1000:.2f} s, {big_ms / floor_ms:.1f}x; "
                f"processor time {big_cpu / 1000:.2f} s, floor {floor_cpu / 1000:.2f} s"
            ),
        ),
        Measure(
            "Review time, 4x the text / 1x (linear is 4)",
            big_ms / max(quarter_ms, 1e-6),
            "x",
            4.6,
            detail=f"a quarter of it: {quarter_ms / 1000:.2f} s",
        ),
    ]


SUITE = (review_speed,)
