"""`policy-assistant` (or `policy-assistant chat`): the chat app that interviews, previews and exports."""

from __future__ import annotations

import argparse


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--resume", metavar="DRAFT_ID", help="resume this draft (ids: policy-assistant drafts)"
    )
    parser.add_argument("--new", action="store_true", help="start a new policy without showing the drafts")


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

    app = PolicyAssistant(
        language=getattr(args, "lang", None) or "en",
        resume=getattr(args, "resume", None),
        new=bool(getattr(args, "new", False)),
    )
    app.run()  # every answer is saved before the next question shows: nothing to write on the way out
    return app.return_code or 0
