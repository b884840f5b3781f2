"""`policy-assistant questions`: the interview as a readable table, or YAML for machines."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from assistant.commands import UsageError
from dialogue.loader import load_interview
from dialogue.served import worded


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "questions",
        help="list the interview's questions",
        description="List every question of the interview.",
    )
    parser.add_argument(
        "--format", choices=("table", "yaml"), default="table", help="table (default) or yaml"
    )
    parser.add_argument("--lang", default="en", help="language of the texts (default: en)")
    parser.set_defaults(handler=run)


def describe(language: str = "en") -> list[dict[str, Any]]:

    interview = load_interview()
    texts = worded(interview.language(language), {})  # the wording before a sector is known
    rows = []
    for question in interview.questions:
        text = texts.questions[question.id]
        row: dict[str, Any] = {
            "id": question.id,
            "section": question.section,
            "kind": str(question.kind),
            "text": text.text,
        }
        if question.choices:
            row["choices"] = {choice: text.choices[choice] for choice in question.choices}
        if question.default is not None:
            row["default"] = question.default
        row["skippable"] = question.skippable
        rules = {k: v for k, v in vars(question.validation).items() if v is not None}
        if rules:
            row["validate"] = rules
        if question.when is not None:
            row["when"] = question.when.source
        row["why"] = text.why
        rows.append(row)
    return rows


def run(args: argparse.Namespace) -> int:

    if args.lang not in load_interview().languages:
        raise UsageError(f"the interview is not available in '{args.lang}'")
    rows = describe(args.lang)
    if args.format == "yaml":
        from datafiles.reading import dump_yaml

        sys.stdout.write(dump_yaml({"questions": rows}))
        return 0
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(title="The interview, in asking order", box=box.SIMPLE_HEAD, expand=True)
    table.add_column("id", style="bold", no_wrap=True)  # ids are typed back, so never break one
    table.add_column("kind", no_wrap=True)
    table.add_column("choices", min_width=18, overflow="fold")
    table.add_column("asked when", style="italic", overflow="fold")
    for row in rows:
        choices = ", ".join(row.get("choices", {})) or "-"
        table.add_row(row["id"], row["kind"], choices, row.get("when", "always"))
    Console().print(table)
    return 0
