"""The `build` options beyond the policy and its notes: the adoption kit (--kit, --staff,
--posting-date) and the Dutch and French versions side by side (--side-by-side).

`build` calls `add_options` when it registers, `check` before it reads the answers, and `targets` for
the files to write beside the policy, so every refusal comes before anything is written.
"""

from __future__ import annotations

import argparse
import datetime
from collections.abc import Mapping
from pathlib import Path
from typing import Any

KIT_SUFFIX = "-adoption-kit"
SIDE_BY_SIDE = ("nl", "fr")


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kit",
        action="store_true",
        help=(
            f"also write the adoption kit, in every binding language, into NAME{KIT_SUFFIX}/: the posting "
            "notice, the register of remarks, the note to the Social Law Inspection, the CBA No. 81 "
            "information notes (with monitoring) and the acknowledgement list"
        ),
    )
    parser.add_argument(
        "--staff",
        type=Path,
        metavar="FILE.csv",
        help="with --kit: a CSV with a column of names; a filled-in list, letter and receipt per employee",
    )
    parser.add_argument(
        "--posting-date",
        metavar="DATE",
        help="with --kit: the day the draft amendment of the work rules is posted (default: today)",
    )
    parser.add_argument(
        "--side-by-side",
        action="store_true",
        help="also write the Dutch and French versions in two columns (NAME-nl-fr.EXT), where both bind",
    )


def check(args: argparse.Namespace, fmt: str) -> None:
    """Refuse options that cannot work together, before anything is read or written; read the
    posting date and the staff list (args.posting_day, args.staff_members)."""
    from assistant.commands import UsageError
    from clauses.export import SIDE_BY_SIDE_FORMATS

    if (args.staff or args.posting_date) and not args.kit:
        raise UsageError(f"{'--staff' if args.staff else '--posting-date'} goes with --kit")
    if (args.kit or args.side_by_side) and args.output is None:
        option = "--kit" if args.kit else "--side-by-side"
        raise UsageError(f"{option} writes files: give --output FILE.{fmt}")
    if args.side_by_side and fmt not in SIDE_BY_SIDE_FORMATS:
        raise UsageError(f"--side-by-side needs pages: use {', '.join(SIDE_BY_SIDE_FORMATS)}, not {fmt}")
    if args.kit:
        from clauses.kit import StaffListError, read_staff

        args.posting_day = posting_date(args.posting_date)
        try:
            args.staff_members = read_staff(args.staff) if args.staff else ()
        except StaffListError as error:
            raise UsageError(str(error)) from None


def posting_date(text: str | None) -> datetime.date:
    from assistant.commands import UsageError
    from dialogue.interpret import Understood, interpret
    from dialogue.loader import load_interview

    if text is None:
        return datetime.date.today()
    interview = load_interview()
    # Read as the interview reads a date: "2027-03-01", "1/3/2027", "1 March 2027", "today".
    reading = interpret(interview, interview["effective_date"], text)
    if not isinstance(reading, Understood):
        raise UsageError(f"--posting-date {text!r}: {reading.message}")
    return reading.value


def targets(
    args: argparse.Namespace,
    answers: Mapping[str, Any],
    wording: Mapping[str, Mapping[str, Any]],
    library: Any,
    fmt: str,
    languages: tuple[str, ...],
    place: tuple[Path, str],
) -> tuple[list[tuple[Any, Path]], tuple[str, ...]]:
    """The side-by-side version and the kit's documents with their paths; and the kit's warnings.

    `languages` are the versions being built (the binding ones unless --lang chose others); `place` is
    the folder and the name the files are named after."""
    from assistant.commands import UsageError
    from clauses import LibraryError
    from clauses.export.side_by_side import SideBySide
    from clauses.kit import adoption_kit
    from clauses.language_law import required_languages
    from clauses.wording import answers_for

    folder, name = place
    suffix = f".{fmt}"
    found: list[tuple[Any, Path]] = []
    binding = required_languages(answers)
    try:
        if args.side_by_side:
            if not set(SIDE_BY_SIDE) <= set(binding):
                needed = ", ".join(binding) or "none"
                raise UsageError(
                    f"--side-by-side needs Dutch and French both binding; these answers require: {needed}"
                )
            pair = SideBySide(
                *(library.assemble(answers_for(answers, wording, code), code) for code in SIDE_BY_SIDE)
            )
            found.append((pair, folder / f"{name}-{'-'.join(SIDE_BY_SIDE)}{suffix}"))
        if not args.kit:
            return found, ()
        kit = adoption_kit(
            library, answers, binding or languages, posting_date=args.posting_day, staff=args.staff_members
        )
    except LibraryError as error:
        raise UsageError(str(error)) from None
    found += [(document, path) for path, _, document in kit.files(folder / f"{name}{KIT_SUFFIX}", (fmt,))]
    return found, kit.warnings
