"""Measure what users feel. Run from the repository root:

    python -m benchmarks.run                 # everything: about five minutes
    python -m benchmarks.run --only chat     # the app in a terminal (first question, answers, preview)
    python -m benchmarks.run --only engine   # the interview engine, assembly, exports, memory
    python -m benchmarks.run --only browser  # served to Chromium: first question, memory per tab
    python -m benchmarks.run --only review   # reviewing a policy: 3 pages, 1 MB, linear growth
    python -m benchmarks.run --only scale    # 500 questions and 2,000 clauses against ours
    python -m benchmarks.run --quick         # a fast pass that checks the script still works (CI)

It prints one table: each measure, its value, its target from issue 7 and whether it was met, with
the floor (a minimal Textual app) measured in the same run beside the measures it bounds.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from benchmarks import browser, core, documents, review, scale, ui
from benchmarks.report import Measure, print_table

SUITES: dict[str, tuple[Callable[[bool], list[Measure]], ...]] = {
    "chat": ui.SUITE,
    "engine": (
        core.assembly,
        core.exports,
        core.every_language_and_format,
        documents.pdf_export,
        documents.every_format_every_language,
        documents.adoption_kit,
        core.walk_throughput,
        core.peak_memory,
    ),
    "browser": browser.SUITE,  # policy-assistant serve in Chromium: first question, memory per tab
    "review": review.SUITE,
    "scale": (scale.scale,),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions, to check the script works")
    parser.add_argument("--only", choices=sorted(SUITES), help="one part of the measures")
    args = parser.parse_args(argv)
    measures: list[Measure] = []
    for name, suite in SUITES.items():
        if args.only in (None, name):
            for measure in suite:
                measures.extend(measure(args.quick))
    title = "policy-assistant benchmarks" + (" (quick mode: figures are rough)" if args.quick else "")
    print_table(measures, title)
    return 0


if __name__ == "__main__":
    sys.exit(main())
