"""Measures of the engine and the clause library, without the UI."""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.report import Measure

ROOT = Path(__file__).resolve().parent.parent
COMPREHENSIVE = ROOT / "examples" / "comprehensive-brussels.yaml"


def timed(action: Callable[[], Any], repeat: int) -> list[float]:
    """Milliseconds per call, `repeat` times (after one warm-up call)."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def full_answers() -> dict[str, Any]:
    from dialogue.answers_file import read_answers
    from dialogue.loader import load_interview

    return read_answers(COMPREHENSIVE, load_interview())


def assembly(quick: bool) -> list[Measure]:
    from clauses import load_library

    library = load_library()
    answers = full_answers()

    def afresh() -> None:
        library.forget_rendered()
        library.assemble(answers)

    times = timed(afresh, 20 if quick else 300)
    names = iter(["Kanaalzone Logistics NV", "Kanaalzone Logistiek BV"] * 1000)
    after_answer = timed(lambda: library.assemble(dict(answers, org_name=next(names))), 20 if quick else 300)
    words = len(str(_render(library.assemble(answers), "txt")).split())
    return [
        Measure(
            f"Assembly of the full policy ({words:,} words)",
            statistics.median(times),
            "ms",
            5.0,
            detail=f"p95 {_p95(times):.2f} ms; every clause rendered",
        ),
        Measure(
            "Assembly after an answer the policy prints all over",
            statistics.median(after_answer),
            "ms",
            5.0,
            detail=f"p95 {_p95(after_answer):.2f} ms; the organisation's name changed",
        ),
    ]


def _render(document: Any, fmt: str) -> str | bytes:
    from clauses.export import render

    return render(document, fmt)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def exports(quick: bool) -> list[Measure]:
    from clauses import load_library

    library = load_library()
    document = library.assemble(full_answers())
    rows = []
    for fmt, target in (("md", None), ("html", None), ("txt", None), ("docx", 100.0)):
        times = timed(lambda fmt=fmt: _render(document, fmt), 5 if quick else 40)
        rows.append(Measure(f"Export to {fmt.upper()}", statistics.median(times), "ms", target))
    return rows


def every_language_and_format(quick: bool) -> list[Measure]:
    """What the app's "export every required version" costs in the worst case."""
    from clauses import load_library

    library = load_library()
    answers = full_answers()

    def everything() -> None:
        for language in library.languages:
            for build in (library.assemble, library.implementation_notes):
                document = build(answers, language)
                for fmt in ("md", "html", "txt", "docx"):
                    _render(document, fmt)

    times = timed(everything, 1 if quick else 5)
    count = len(library.languages) * 2 * 4
    return [
        Measure(
            f"All formats x languages ({len(library.languages)} languages, policy + notes: {count} files)",
            statistics.median(times),
            "ms",
            None,
        )
    ]


def walk_throughput(quick: bool) -> list[Measure]:
    """Random walks through the engine, each assembled into a policy: paths checked per second."""
    from clauses import load_library
    from dialogue.loader import load_interview
    from dialogue.walks import random_walk, samples_of

    interview = load_interview()
    library = load_library()
    samples = samples_of(interview)
    chooser = random.Random(81)
    duration = 0.5 if quick else 3.0
    paths = 0
    start = time.perf_counter()
    while time.perf_counter() - start < duration:
        library.assemble(random_walk(interview, samples, chooser))
        paths += 1
    rate = paths / (time.perf_counter() - start)
    return [Measure("Checked paths (random walk + assembly)", rate, "paths/s", 1000.0, higher_is_better=True)]


def own_peak_kib() -> int:
    """This process's peak resident memory in KiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def peak_memory(quick: bool) -> list[Measure]:
    """Peak resident memory of a fresh process that runs a whole session, as the app would."""
    import subprocess
    import sys

    # ru_maxrss survives fork and exec on Linux, so a child would report its parent's peak; VmHWM, the
    # high-water mark of the process's own memory map, starts afresh at exec.
    script = (
        "from benchmarks.session import run_full_session\n"
        "from benchmarks.core import own_peak_kib\n"
        "run_full_session()\n"
        "print(own_peak_kib())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    peak_mib = int(result.stdout.strip().splitlines()[-1]) / 1024
    return [Measure("Peak memory over a full session", peak_mib, "MiB", 80.0)]
