"""`policy-assistant` (or `policy-assistant chat`): the chat app that interviews, previews and exports."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assistant.commands import UsageError
from assistant.drafting import LibraryUnavailable, PolicyDrafter
from assistant.languages import from_locale, talk_language_named
from assistant.texts import UiTextsError, available_languages


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--resume", metavar="DRAFT_ID", help="resume this draft (ids: policy-assistant drafts)"
    )
    parser.add_argument("--new", action="store_true", help="start a new policy without showing the drafts")
    from assistant.texts import LANG_DIR, languages_in

    codes = languages_in(LANG_DIR)  # one file per language the app talks in
    parser.add_argument(
        "--lang",
        metavar="CODE",
        help=f"the language we talk in: {', '.join(codes[:-1])} or {codes[-1]} (default: from LANG, "
        "e.g. nl_BE.UTF-8, else en); a draft is resumed in its own language",
    )
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


def talk_language(option: str | None, environment: Mapping[str, str]) -> str:
    """The language to talk in: `--lang` if given (UsageError if unknown), else LANG, else English."""

    if option is None:
        return from_locale(environment.get("LANG"))
    code = talk_language_named(option)
    if code is None:
        codes = available_languages()
        choices = f"{', '.join(codes[:-1])} or {codes[-1]}"
        raise UsageError(f"--lang {option}: not a language the assistant talks in (choose {choices})")
    return code


def run(args: argparse.Namespace) -> int:
    # Textual and the app: only for the chat, not for every command the command line registers.
    from assistant.app import PolicyAssistant

    folders = getattr(args, "clauses", None) or []
    try:
        language = talk_language(getattr(args, "lang", None), os.environ)
        app = PolicyAssistant(
            language=language,
            resume=getattr(args, "resume", None),
            new=bool(getattr(args, "new", False)),
            drafter=clause_drafter(folders) if folders else None,
        )
    except UiTextsError as error:
        raise UsageError(f"the app's texts cannot be loaded: {error}") from None
    app.run()  # every answer is saved before the next question shows: nothing to write on the way out
    return app.return_code or 0
