"""`policy-assistant build --answers FILE`: the policy's language versions and notes, from an answers file.

By default `build` writes every version the language law requires (the binding versions), one file each,
named as the app's export names them (`NAME-nl.docx`, `NAME-invoeringsnota-nl.docx`). `--lang`
chooses versions instead; any version the law does not require, English included, is a courtesy
translation and says so on its first page.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assistant.commands import build_extras, shown
from assistant.commands.chat import add_clauses_option

FORMATS = ("md", "html", "docx", "pdf", "txt")
DEFAULT_NAME = "social-media-policy"
LANGUAGE_NAMES = {"nl": "Dutch", "fr": "French", "de": "German", "en": "English"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build",
        help="build the policy from an answers file",
        description=(
            "Assemble the social media policy from a YAML answers file, in every language version the "
            "law requires (the binding versions), and write each as Markdown, HTML, DOCX, PDF or plain text. "
            "--output NAME.EXT writes NAME-nl.EXT, NAME-fr.EXT, ...; --output FOLDER/ writes each version "
            "there, named in its own language (socialemediabeleid-ORGANISATION-nl.docx, "
            "politique-reseaux-sociaux-ORGANISATION-fr.docx). Without --output, the versions go to standard "
            "output one after another, in Markdown. With --notes, each version's implementation notes go "
            "beside it, named in its language too (NAME-invoeringsnota-nl.EXT, "
            "NAME-notes-mise-en-oeuvre-fr.EXT). An existing file is never replaced without --force."
        ),
    )
    parser.add_argument("--answers", required=True, type=Path, metavar="FILE", help="the answers file (YAML)")
    parser.add_argument(
        "--format", choices=FORMATS, help="md, html, docx, pdf or txt (default: from --output)"
    )
    parser.add_argument("--output", "-o", metavar="PATH", help="NAME.EXT (one file per version) or FOLDER/")
    parser.add_argument("--force", action="store_true", help="replace existing files")
    parser.add_argument(
        "--notes",
        action="store_true",
        help="also write the implementation notes, named in each version's language (NAME-invoeringsnota-nl)",
    )
    parser.add_argument(
        "--lang",
        action="append",
        metavar="CODE",
        help="a language version to write instead of the binding ones (repeat for several; "
        "en is always a courtesy translation)",
    )
    add_clauses_option(parser)
    build_extras.add_options(parser)
    parser.set_defaults(handler=run)


def _format(args: argparse.Namespace, folder_output: bool) -> str:
    from assistant.commands import UsageError
    from clauses import ExportError
    from clauses.export import SUFFIXES, format_for

    if args.output is None:
        fmt = args.format or "md"
        if fmt in ("docx", "pdf"):
            raise UsageError(f"{fmt.upper()} cannot go to standard output: give --output FILE.{fmt}")
        return fmt
    if folder_output:
        return args.format or "docx"
    suffix_format = SUFFIXES.get(args.output.suffix.lower())
    if args.format and suffix_format and args.format != suffix_format:
        raise UsageError(f"--format {args.format} does not match the suffix of {args.output}")
    if args.format:
        return args.format
    try:
        return format_for(args.output)
    except ExportError as error:
        raise UsageError(str(error)) from None


def _is_folder(output: str | None) -> bool:
    # The text as typed: Path("out/") drops the slash that says "a folder, make it".
    return output is not None and (Path(output).is_dir() or output.endswith(("/", "\\")))


def run(args: argparse.Namespace) -> int:
    from assistant.commands import UsageError
    from assistant.exporting import ExportRequest, targets, version_names
    from clauses import ExportError, LibraryError, export, load_library
    from clauses.language_law import required_languages
    from clauses.wording import answers_for, foreign_words
    from dialogue.answers_file import AnswersFileError, check_answers
    from dialogue.loader import load_interview

    folder_output = _is_folder(args.output)
    args.output = None if args.output is None else Path(args.output)
    fmt = _format(args, folder_output)
    build_extras.check(args, fmt)
    try:
        report = check_answers(args.answers, load_interview())
    except AnswersFileError as error:
        raise UsageError(str(error)) from None
    answers, wording = report.answers, report.wording
    try:
        library = load_library(*args.clauses)
    except LibraryError as error:
        raise UsageError(str(error)) from None
    languages = tuple(dict.fromkeys(args.lang)) if args.lang else required_languages(answers)
    for code in (*languages, *wording):
        if code not in library.languages:
            raise UsageError(f"no policy texts in {code!r}; available: {', '.join(library.languages)}")
    if args.output is None and fmt == "html" and (len(languages) > 1 or args.notes):
        raise UsageError("several HTML documents cannot share standard output: give --output FILE.html")

    documents: dict[tuple[str, str], object] = {}
    try:
        for code in languages:
            version = answers_for(answers, wording, code)
            documents["policy", code] = library.assemble(version, code)
            if args.notes:
                documents["notes", code] = library.implementation_notes(version, code)
        # Words typed in one language that would appear, unchanged, in a version of another.
        for word in foreign_words(library, answers, wording, languages, notes=args.notes):
            print(
                f"policy-assistant: the {LANGUAGE_NAMES.get(word.version, word.version)} version shows "
                f"'{word.question}' as typed, in {LANGUAGE_NAMES.get(word.language or '', word.language)}: "
                f'"{shown(word.text)}" (give its wording under wording: {word.version}: in the answers file)',
                file=sys.stderr,
            )
        extras, warnings = (
            build_extras.targets(
                args, answers, wording, library, fmt, languages, _place(args, answers, folder_output)
            )
            if args.output is not None
            else ([], ())
        )
    except LibraryError as error:
        raise UsageError(str(error)) from None

    if args.output is None:
        pieces = [
            str(export.render(documents[kind, code], fmt))
            for code in languages
            for kind in ("policy", "notes")
            if (kind, code) in documents
        ]
        sys.stdout.write("\n".join(pieces))
        return 0

    folder, name = _place(args, answers, folder_output)
    # Each version named in its own words, as the app's export names it; a name given with --output
    # is the user's own in every version.
    names = version_names(languages, str(answers.get("org_name", "")), own_name=not folder_output)
    request = ExportRequest(folder, name, (fmt,), args.notes, languages, force=args.force, **names)
    planned = [(documents[target.document, target.language], target.path) for target in targets(request)]
    planned += extras
    # Check every target first, so a refusal never leaves some versions written and others not.
    for _, path in planned:
        if path.exists() and not args.force:
            raise UsageError(f"{path} already exists; use --force to replace it")
    for document, path in planned:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"{path.parent} cannot be made ({error.strerror or error})") from None
        try:
            export.write(document, path, fmt, force=args.force)
        except ExportError as error:
            raise UsageError(str(error)) from None
        print(f"Wrote {shown(path)}")
    for warning in warnings:
        print(f"policy-assistant: note: {shown(warning)}", file=sys.stderr)
    return 0


def _place(args: argparse.Namespace, answers: Mapping[str, Any], folder_output: bool) -> tuple[Path, str]:
    """The folder and the file name the versions are named after (NAME-nl.docx)."""
    from assistant.exporting import file_stem

    if folder_output:
        return args.output, file_stem(str(answers.get("org_name", "")), DEFAULT_NAME)
    return args.output.parent, args.output.stem
