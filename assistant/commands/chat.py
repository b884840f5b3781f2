"""`policy-assistant` (or `policy-assistant chat`): the chat app that interviews, previews and exports."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--resume", metavar="DRAFT_ID", help="resume this draft (ids: policy-assistant drafts)"
    )
    parser.add_argument("--new", action="store_true", help="start a new policy without showing the drafts")
    add_clauses_option(parser)


def add_clauses_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--clauses",
        action="append",
        default=[],
        type=Path,
        metavar="DIR",
        help="a folder of your own clauses, laid over ours (repeat for several; see the README)",
    )


def clause_drafter(folders: list[Path]) -> Any:
    """The drafter for ours and `folders`, loaded now so a mistake in them stops the command at once."""
    from assistant.cli import UsageError
    from assistant.drafting import LibraryUnavailable, PolicyDrafter

    drafter = PolicyDrafter(tuple(str(folder) for folder in folders))
    try:
        drafter.library()
    except LibraryUnavailable as error:
        raise UsageError(str(error)) from None
    return drafter


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "chat",
        help="start the assistant (the default when no command is given)",
        description="Start the chat assistant: it interviews you, previews the policy and exports it.",
    )
    add_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from assistant.app import PolicyAssistant

    folders = getattr(args, "clauses", None) or []
    app = PolicyAssistant(
        language=getattr(args, "lang", None) or "en",
        resume=getattr(args, "resume", None),
        new=bool(getattr(args, "new", False)),
        drafter=clause_drafter(folders) if folders else None,
    )
    app.run()  # every answer is saved before the next question shows: nothing to write on the way out
    return app.return_code or 0
