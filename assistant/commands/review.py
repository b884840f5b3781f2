"""`policy-assistant review FILE`: review an existing policy, mark up the user's document, start a draft.

This is where the review meets the interview: the answers the review infers are kept only where the
interview may ask for them (its own conditions: dialogue.route.answers_not_ruled_out), shown in the
interview's words, and offered in a new draft with where each came from.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from assistant.commands.chat import add_clauses_option

FORMATS = ("md", "html", "json", "docx")
REPORT_LANGUAGES = ("en", "nl", "fr", "de")
STATUS_STYLE = {"present": ("✔", "green"), "weak": ("△", "yellow"), "missing": ("✘", "red")}
SEVERITY_STYLE = {"high": "bold red", "medium": "red", "low": "yellow"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "review",
        help="review an existing policy: risks, missing and weak parts, with what to do",
        description=(
            "Review an existing social media policy (.md, .txt, .html or .docx; English, Dutch, French "
            "or German) as a Belgian employment lawyer would: every risky passage first, by severity, "
            "with why it is a problem under Belgian law and what to do; then what is missing or weak; "
            "then what is fine; and the answers it found for a new draft. With -o FILE.docx, a copy of "
            "your document with a Word comment on each passage. Exit code 0 even when gaps are found; 2 "
            "when the file cannot be read."
        ),
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the policy to review")
    parser.add_argument(
        "--format", choices=FORMATS, help="md, html, json or docx (default: a report in the terminal)"
    )
    parser.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="PATH",
        help="write the report (.md, .html, .json) or your document with comments (.docx)",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing output file")
    parser.add_argument(
        "--start-draft",
        action="store_true",
        help="save a new draft with the answers found as suggestions to confirm",
    )
    parser.add_argument(
        "--lang",
        metavar="CODE",
        choices=REPORT_LANGUAGES,
        help="language of the report and the new draft (default: the policy's own)",
    )
    add_clauses_option(parser)
    parser.set_defaults(handler=run)


def _format(args: argparse.Namespace) -> str | None:
    from assistant.commands import UsageError
    from clauses import ExportError
    from clauses.review import export

    if args.output is None:
        if args.format == "docx":
            raise UsageError("--format docx writes a file: give it with -o FILE.docx")
        return args.format
    try:
        suffix_format = export.format_for(args.output)
    except ExportError as error:
        raise UsageError(str(error)) from None
    if args.format and args.format != suffix_format:
        raise UsageError(f"--format {args.format} does not match the suffix of {args.output}")
    return suffix_format


def describe_answers(interview: Any, language: str) -> Callable[[str, Any], tuple[str, str]] | None:
    """(question id, answer) -> the question and the answer in the interview's words, in `language`."""
    if language not in interview.languages:
        return None
    from dialogue.served import worded

    texts = worded(interview.language(language), {})  # the wording before a sector is known

    def words(question_id: str, value: Any) -> tuple[str, str]:
        question = interview.by_id.get(question_id)
        if question is None:
            return question_id, str(value)
        text = texts.questions[question_id]
        if isinstance(value, bool):
            return text.text, texts.messages["yes" if value else "no"]
        if isinstance(value, list):
            return text.text, ", ".join(text.choices.get(item, str(item)) for item in value)
        return text.text, text.choices.get(value, str(value)) if isinstance(value, str) else str(value)

    return words


def _rules(args: argparse.Namespace) -> tuple[Any, Any]:
    """The review rules and the clause library (yours laid over ours with --clauses)."""
    from assistant.commands import UsageError
    from clauses import LibraryError, load_library
    from clauses.review.rules import default_rules, with_clause_library

    try:
        library = load_library(*(args.clauses or ()))
    except LibraryError as error:
        raise UsageError(str(error)) from None
    rules = with_clause_library(default_rules(), library.source) if args.clauses else None
    return rules, library


def run(args: argparse.Namespace) -> int:
    from assistant.commands import UsageError
    from clauses.review import ReviewInputError, RulesError, plain, review_read
    from clauses.review.fixes import with_clause_texts
    from clauses.review.reader import read_file
    from dialogue.loader import load_interview
    from dialogue.route import answers_not_ruled_out

    fmt = _format(args)
    if args.output is not None and args.output.exists() and not args.force:
        raise UsageError(f"{args.output} already exists; use --force to replace it")
    interview = load_interview()
    rules, library = _rules(args)
    try:
        text = read_file(args.file)
        keep_answers = partial(answers_not_ruled_out, interview)
        report = review_read(
            text, plain(args.file.name), rules=rules, language=args.lang, keep_answers=keep_answers
        )
    except (ReviewInputError, RulesError) as error:
        raise UsageError(str(error)) from None
    report = with_clause_texts(report, library)
    # Machine-readable output on standard output stays clean: messages then go to standard error.
    messages = sys.stderr if (fmt and args.output is None) else sys.stdout
    _output(report, text, args, fmt, describe_answers(interview, report.report_language), messages)
    if args.start_draft:
        start_draft(report, args.lang, messages, interview)
    return 0


def _output(
    report: Any, text: Any, args: argparse.Namespace, fmt: str | None, describe: Any, messages: Any
) -> None:
    """The report where it was asked for: a marked-up copy, a file, standard output or the terminal."""
    from assistant.commands import UsageError, shown
    from clauses import ExportError
    from clauses.review import export

    try:
        if fmt == "docx":
            _write_marked_up(report, text, args)
            print(f"Wrote {shown(args.output)} ({export.summary(report)})", file=messages)
        elif args.output is not None:
            export.write(report, args.output, fmt, force=args.force, describe=describe)
            print(f"Wrote {shown(args.output)} ({export.summary(report)})", file=messages)
        elif fmt:
            sys.stdout.write(export.render(report, fmt, describe))
        else:
            from assistant.commands.review_report import print_report

            print_report(report, describe, str(args.file), hint=not args.start_draft)
    except ExportError as error:
        raise UsageError(str(error)) from None


def _write_marked_up(report: Any, text: Any, args: argparse.Namespace) -> None:
    from clauses.review.markup import write_reviewed

    original = args.file.read_bytes() if text.format == "docx" else None
    write_reviewed(report, text, original, args.output, force=args.force)


def start_draft(report: Any, language: str | None, stream: Any, interview: Any = None) -> str:
    """Save a new draft whose suggested answers are the review's, each with where it was found."""
    from assistant.commands import UsageError
    from dialogue.drafts import DraftError, DraftStore
    from dialogue.loader import load_interview
    from dialogue.session import Session

    interview = interview or load_interview()
    code = language or (report.language if report.language in interview.languages else "en")
    if code not in interview.languages:
        code = "en"
    origins = {
        question: f"{report.source}, {where}" if where else report.source
        for question, where in report.inferred_origins.items()
    }
    store = DraftStore()
    with Session.start(interview, code, suggestions=report.inferred_answers, origins=origins) as session:
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
