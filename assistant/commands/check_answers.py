"""`policy-assistant check-answers FILE`: validate an answers file."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.commands import UsageError, shown
from dialogue.loader import load_interview


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check-answers",
        help="validate an answers file",
        description="Check a YAML file of answers (question id: answer) against the interview.",
    )
    parser.add_argument("file", type=Path, help="the answers file (YAML)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from dialogue.answers_file import AnswersFileError, check_answers

    try:
        report = check_answers(args.file, load_interview())
    except AnswersFileError as error:
        raise UsageError(str(error)) from None
    print(f"{shown(args.file)}: {len(report.answers)} answers, a complete interview.")
    for note in report.notes:
        print(f"  note: {shown(note)}")
    return 0
