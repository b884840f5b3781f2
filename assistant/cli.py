"""The `policy-assistant` command line."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence

from assistant.commands import UsageError, chat, shown
from datafiles import compiled

__all__ = ["COMMANDS", "UsageError", "build_parser", "main"]

# Subcommand modules under assistant/commands, in the order `--help` lists them: a new command is a
# module there with `register(subparsers)`, and its name here.
COMMANDS: tuple[str, ...] = (
    "chat",
    "questions",
    "flow",
    "check-answers",
    "build",
    "drafts",
    "review",
    "serve",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policy-assistant",
        description="Draft a social media policy for a Belgian employer, one question at a time.",
    )
    chat.add_options(parser)  # with no command, the chat starts: `policy-assistant --resume ID`
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"assistant.commands.{name.replace('-', '_')}").register(subparsers)
    return parser


def chat_only(arguments: Sequence[str]) -> argparse.Namespace | None:
    """The chat's options, when `arguments` hold nothing else; None when they name a command, ask for
    help or hold a mistake, for the whole parser to parse and word.

    Registering every command takes 3 ms of the start, which the chat, the common case, does not need
    (docs/decisions.md, "Start-up")."""
    parser = argparse.ArgumentParser(prog="policy-assistant", add_help=False, exit_on_error=False)
    chat.add_options(parser)
    parser.set_defaults(command=None)
    try:
        args, rest = parser.parse_known_args(arguments)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = chat_only(arguments) or build_parser().parse_args(arguments)
    handler = getattr(args, "handler", None)
    if handler is None:
        # Start-up allocates many long-lived objects and no garbage worth collecting, so collections
        # only delay the first question; the app turns collection back on once it has drawn it.
        gc.disable()
        handler = chat.run
    try:
        return int(handler(args) or 0)
    except UsageError as error:
        print(f"policy-assistant: {shown(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; say nothing more on a closed pipe.
        sys.stderr.close()
        return 0
    finally:
        compiled.keep()  # the dataclasses this command created after the first question (chat.run)
