"""Measures of the documents HR hands out: the PDF, every format in every language, the adoption kit."""

from __future__ import annotations

import datetime
import statistics
import subprocess
import sys

from benchmarks.core import ROOT, full_answers, timed
from benchmarks.report import Measure

FORMATS = ("md", "html", "txt", "docx", "pdf")


def pdf_export(quick: bool) -> list[Measure]:
    """The full policy as PDF: warm (fonts loaded), and the first one in a fresh process."""
    from clauses import load_library
    from clauses.export import render

    document = load_library().assemble(full_answers(), "nl")
    times = timed(lambda: render(document, "pdf"), 5 if quick else 40)
    script = (
        "import time\n"
        "from clauses import load_library\n"
        "from clauses.export import render\n"
        "from benchmarks.core import full_answers\n"
        "document = load_library().assemble(full_answers(), 'nl')\n"
        "start = time.perf_counter()\n"
        "render(document, 'pdf')\n"
        "print((time.perf_counter() - start) * 1000)\n"
    )
    firsts = [
        float(
            subprocess.run(
                [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout.split()[-1]
        )
        for _ in range(1 if quick else 3)
    ]
    return [
        Measure(
            "Export to PDF, full policy (PDF/A, fonts embedded)",
            statistics.median(times),
            "ms",
            300.0,
            detail=f"first in a fresh process, fonts loaded: {statistics.median(firsts):.0f} ms",
        )
    ]


def every_format_every_language(quick: bool) -> list[Measure]:
    """Policy and notes, in every language, in every format, PDF included: the worst export."""
    from clauses import load_library
    from clauses.export import render

    library = load_library()
    answers = full_answers()

    def everything() -> None:
        for language in library.languages:
            for build in (library.assemble, library.implementation_notes):
                document = build(answers, language)
                for fmt in FORMATS:
                    render(document, fmt)

    times = timed(everything, 1 if quick else 5)
    count = len(library.languages) * 2 * len(FORMATS)
    return [
        Measure(
            f"Every format with PDF x {len(library.languages)} languages, policy + notes ({count} files)",
            statistics.median(times),
            "ms",
            2000.0,
        )
    ]


def adoption_kit(quick: bool) -> list[Measure]:
    """The kit of the Brussels example (Dutch and French), built and written as Word and PDF."""
    from clauses import load_library
    from clauses.export import render
    from clauses.kit import adoption_kit as build_kit

    library = load_library()
    answers = full_answers()

    def everything() -> None:
        kit = build_kit(library, answers, ("nl", "fr"), posting_date=datetime.date(2027, 2, 1))
        for item in kit.documents:
            for fmt in ("docx", "pdf"):
                render(item.document, fmt)

    times = timed(everything, 1 if quick else 5)
    return [
        Measure(
            "Adoption kit, Dutch and French, as Word and PDF (20 files)", statistics.median(times), "ms", None
        )
    ]
