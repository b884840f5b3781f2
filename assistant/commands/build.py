"""`policy-assistant build --answers FILE`: the policy, and its implementation notes, from an answers file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.commands.chat import add_clauses_option

FORMATS = ("md", "html", "docx", "txt")
NOTES_SUFFIX = "-implementation-notes"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build",
        help="build the policy from an answers file",
        description=(
            "Assemble the social media policy from a YAML answers file and write it as Markdown, HTML, "
            "DOCX or plain text. The format follows the output's suffix; without --output, Markdown goes "
            f"to standard output. With --notes, the implementation notes go beside it as NAME{NOTES_SUFFIX}"
            ".EXT, or after the policy on standard output. An existing file is never replaced without "
            "--force."
        ),
    )
    parser.add_argument("--answers", required=True, type=Path, metavar="FILE", help="the answers file (YAML)")
    parser.add_argument("--format", choices=FORMATS, help="md, html, docx or txt (default: from --output)")
    parser.add_argument("--output", "-o", type=Path, metavar="PATH", help="where to write the policy")
    parser.add_argument("--force", action="store_true", help="replace existing files")
    parser.add_argument(
        "--notes", action="store_true", help=f"also write the implementation notes (NAME{NOTES_SUFFIX}.EXT)"
    )
    parser.add_argument("--lang", default="en", metavar="CODE", help="language of the policy (default: en)")
    add_clauses_option(parser)
    parser.set_defaults(handler=run)


def notes_path(output: Path) -> Path:
    """Where the implementation notes go: beside the policy, e.g. policy-implementation-notes.docx."""
    return output.with_name(f"{output.stem}{NOTES_SUFFIX}{output.suffix}")


def _format(args: argparse.Namespace) -> str:
    from assistant.commands import UsageError
    from clauses import ExportError
    from clauses.export import SUFFIXES, format_for

    if args.output is None:
        fmt = args.format or "md"
        if fmt == "docx":
            raise UsageError("DOCX cannot go to standard output: give --output FILE.docx")
        if args.notes and fmt == "html":
            raise UsageError("two HTML documents cannot share standard output: give --output FILE.html")
        return fmt
    suffix_format = SUFFIXES.get(args.output.suffix.lower())
    if args.format and suffix_format and args.format != suffix_format:
        raise UsageError(f"--format {args.format} does not match the suffix of {args.output}")
    if args.format:
        return args.format
    try:
        return format_for(args.output)
    except ExportError as error:
        raise UsageError(str(error)) from None


def run(args: argparse.Namespace) -> int:
    from assistant.commands import UsageError
    from clauses import ExportError, LibraryError, export, load_library
    from dialogue.answers_file import AnswersFileError, read_answers
    from dialogue.loader import load_interview

    fmt = _format(args)
    try:
        answers = read_answers(args.answers, load_interview())
    except AnswersFileError as error:
        raise UsageError(str(error)) from None
    try:
        library = load_library(*args.clauses)
        if args.lang not in library.languages:
            raise UsageError(f"no policy texts in {args.lang!r}; available: {', '.join(library.languages)}")
        policy = library.assemble(answers, args.lang)
        notes = library.implementation_notes(answers, args.lang) if args.notes else None
    except LibraryError as error:
        raise UsageError(str(error)) from None

    if args.output is None:
        sys.stdout.write(str(export.render(policy, fmt)))
        if notes is not None:
            sys.stdout.write("\n" + str(export.render(notes, fmt)))
        return 0

    targets = [(policy, args.output)]
    if notes is not None:
        targets.append((notes, notes_path(args.output)))
    # Check every target first, so a refusal never leaves the policy written without its notes.
    for _, path in targets:
        if path.exists() and not args.force:
            raise UsageError(f"{path} already exists; use --force to replace it")
    for document, path in targets:
        try:
            export.write(document, path, fmt, force=args.force)
        except ExportError as error:
            raise UsageError(str(error)) from None
        print(f"Wrote {path}")
    return 0
