"""`policy-assistant review FILE`: a gap report on an existing policy, and a draft to fix it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assistant.commands.chat import add_clauses_option

FORMATS = ("md", "html", "json")
STATUS_STYLE = {"present": ("✔", "green"), "weak": ("△", "yellow"), "missing": ("✘", "red")}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "review",
        help="review an existing policy: what is present, weak, missing or risky",
        description=(
            "Review an existing social media policy (.md, .txt, .html or .docx; English, Dutch, French or "
            "German) against what a Belgian employer's policy needs. The report says, for each element, "
            "whether it is present, weak or missing, with the passage found and where; flags every risky "
            "passage with the clause of our library that fixes it; and lists the interview answers it could "
            "infer. Exit code 0 even when gaps are found; 2 when the file cannot be read."
        ),
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the policy to review")
    parser.add_argument(
        "--format", choices=FORMATS, help="md, html or json (default: a report in the terminal)"
    )
    parser.add_argument("--output", "-o", type=Path, metavar="PATH", help="write the report to this file")
    parser.add_argument("--force", action="store_true", help="replace an existing output file")
    parser.add_argument(
        "--start-draft",
        action="store_true",
        help="save a new draft with the inferred answers as suggestions to confirm",
    )
    parser.add_argument(
        "--lang", metavar="CODE", help="language of the new draft's interview (default: the policy's)"
    )
    add_clauses_option(parser)
    parser.set_defaults(handler=run)


def _format(args: argparse.Namespace) -> str | None:
    from assistant.commands import UsageError
    from clauses import ExportError
    from clauses.review import export

    if args.output is None:
        return args.format
    suffix_format = export.SUFFIXES.get(args.output.suffix.lower())
    if args.format and suffix_format and args.format != suffix_format:
        raise UsageError(f"--format {args.format} does not match the suffix of {args.output}")
    if args.format:
        return args.format
    try:
        return export.format_for(args.output)
    except ExportError as error:
        raise UsageError(str(error)) from None


def run(args: argparse.Namespace) -> int:
    from assistant.commands import UsageError
    from clauses import ExportError
    from clauses.review import ReviewInputError, RulesError, export, review_file

    fmt = _format(args)
    if args.output is not None and args.output.exists() and not args.force:
        raise UsageError(f"{args.output} already exists; use --force to replace it")
    try:
        rules = None
        if args.clauses:  # the fixes are named as your library names them
            from clauses import LibraryError, load_library
            from clauses.review.rules import default_rules, with_clause_library

            try:
                library = load_library(*args.clauses)
            except LibraryError as error:
                raise UsageError(str(error)) from None
            rules = with_clause_library(default_rules(), library.source)
        report = review_file(args.file, rules=rules)
    except (ReviewInputError, RulesError) as error:
        raise UsageError(str(error)) from None

    # Machine-readable output on standard output stays clean: messages then go to standard error.
    messages = sys.stderr if (fmt and args.output is None) else sys.stdout
    if args.output is not None:
        try:
            export.write(report, args.output, fmt, force=args.force)
        except ExportError as error:
            raise UsageError(str(error)) from None
        print(f"Wrote {args.output} ({export.summary(report)})", file=messages)
    elif fmt:
        sys.stdout.write(export.render(report, fmt))
    else:
        print_report(report, str(args.file), hint=not args.start_draft)
    if args.start_draft:
        start_draft(report, args.lang, messages)
    return 0


def start_draft(report: Any, language: str | None, stream: Any) -> str:
    """Save a new draft whose suggested answers are the review's inferences; say how to resume it."""
    from assistant.commands import UsageError
    from dialogue.drafts import DraftError, DraftStore
    from dialogue.loader import load_interview
    from dialogue.session import Session

    interview = load_interview()
    code = language or (report.language if report.language in interview.languages else "en")
    if code not in interview.languages:
        available = ", ".join(sorted(interview.languages))
        raise UsageError(f"the interview is not available in {code!r} (available: {available})")
    store = DraftStore()
    with Session.start(interview, code, suggestions=report.inferred_answers) as session:
        try:
            store.save(session)
        except DraftError as error:
            raise UsageError(str(error)) from None
        suggested = sorted(session.suggestions)
    names = ", ".join(suggested) if suggested else "none"
    print(
        f"Saved draft {session.draft_id} with {len(suggested)} suggested answers to confirm ({names}).",
        file=stream,
    )
    print(
        "Resume it: start policy-assistant and choose it in the list of drafts "
        "(`policy-assistant drafts` lists it).",
        file=stream,
    )
    return str(session.draft_id)


def print_report(report: Any, path: str | None = None, hint: bool = True) -> None:
    """The report for a person at a terminal: an overview, then what to fix, then the risks."""
    from rich.console import Console, Group
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from clauses.review.export import fixes_text, language_line, summary, where_found

    console = Console()
    header = (
        f"[bold]{escape(report.source)}[/]  ·  {escape(language_line(report))}  ·  {report.words:,} words\n"
        f"{escape(summary(report))}"
    )
    console.print(Panel(header, title="Policy review", expand=False))

    overview = Table(title="Elements of a Belgian social media policy", expand=True)
    overview.add_column("Element", ratio=3)
    overview.add_column("Status", no_wrap=True)
    overview.add_column("Where it was found", ratio=4, overflow="fold")
    for element in report.elements:
        mark, colour = STATUS_STYLE[element.status]
        where = escape(where_found(element)) if element.passage or element.note else "[dim]not found[/]"
        overview.add_row(escape(element.title), f"[{colour}]{mark} {element.status}[/]", where)
    console.print(overview)

    gaps = [element for element in report.elements if element.status != "present" or element.note]
    if gaps:
        console.print("\n[bold]What to look at[/]")
    for element in gaps:
        mark, colour = STATUS_STYLE[element.status]
        parts: list[Any] = []
        if element.passage is not None:
            parts.append(Text(f"“{element.passage.text}”", style="italic"))
            parts.append(Text(str(element.passage.location), style="dim"))
        if element.note:
            parts.append(Text(element.note, style=colour))
        parts.append(Text(element.why))
        if element.status != "present" and element.suggested:
            parts.append(Text.assemble(("Fix with: ", "bold"), fixes_text(element.suggested)))
        title = f"{mark} {escape(element.title)}: {element.status}"
        console.print(Panel(Group(*parts), title=title, title_align="left", border_style=colour))

    if report.risks:
        console.print(f"\n[bold red]Risky passages ({len(report.risks)})[/]")
    else:
        console.print("\n[green]No risky passage found.[/]")
    for risk in report.risks:
        parts = []
        for passage in risk.passages:
            parts.append(Text(f"“{passage.text}”", style="italic"))
            parts.append(Text(str(passage.location), style="dim"))
        if risk.note:
            parts.append(Text(risk.note, style="red"))
        parts.append(Text(risk.why))
        parts.append(Text.assemble(("Fix with: ", "bold"), fixes_text(risk.fixes)))
        console.print(
            Panel(Group(*parts), title=f"⚠ {escape(risk.title)}", title_align="left", border_style="red")
        )

    if report.inferred:
        answers = Table(title="Answers inferred for a new draft", expand=True)
        answers.add_column("Question", no_wrap=True)
        answers.add_column("Suggested answer", overflow="fold")
        answers.add_column("From", overflow="fold")
        for item in report.inferred:
            value = ", ".join(map(str, item.value)) if isinstance(item.value, list) else str(item.value)
            where = escape(str(item.evidence.location)) if item.evidence else ""
            answers.add_row(item.question, escape(value), where)
        console.print(answers)
    if report.inferred and hint:
        console.print(
            "Start a draft with these answers to confirm: "
            f"[bold]policy-assistant review {escape(path or report.source)} --start-draft[/]"
        )
