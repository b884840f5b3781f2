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
from datafiles import compiled


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
        help=f"the language we talk in: {', '.join(codes[:-1])} or {codes[-1]} (default: that of the "
        "most recent draft, else from LANG, e.g. nl_BE.UTF-8, else en); a draft is resumed in its own "
        "language",
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


def talk_language(option: str | None, environment: Mapping[str, str], recent_draft: str | None = None) -> str:
    """The language to talk in: `--lang` if given (UsageError if unknown), else the language of the
    most recent draft (the start screen lists it: a Dutch draft gets a Dutch start screen), else
    LANG, else English."""

    if option is None:
        if recent_draft in available_languages():
            assert recent_draft is not None
            return recent_draft
        return from_locale(environment.get("LANG"))
    code = talk_language_named(option)
    if code is None:
        codes = available_languages()
        choices = f"{', '.join(codes[:-1])} or {codes[-1]}"
        raise UsageError(f"--lang {option}: not a language the assistant talks in (choose {choices})")
    return code


def most_recent_draft_language() -> str | None:
    """The language of the most recently saved draft that can be read, if any."""
    from dialogue.drafts import DraftStore

    return next((draft.language for draft in DraftStore().list() if draft.fault is None), None)


def run(args: argparse.Namespace) -> int:
    # Textual and the app: only for the chat, not for every command the command line registers.
    from assistant.app import PolicyAssistant

    folders = getattr(args, "clauses", None) or []
    try:
        option = getattr(args, "lang", None)
        recent = None
        if option is None and not getattr(args, "new", False) and not getattr(args, "resume", None):
            recent = most_recent_draft_language()
        language = talk_language(option, os.environ, recent)
        app = PolicyAssistant(
            language=language,
            resume=getattr(args, "resume", None),
            new=bool(getattr(args, "new", False)),
            drafter=clause_drafter(folders) if folders else None,
        )
    except UiTextsError as error:
        raise UsageError(f"the app's texts cannot be loaded: {error}") from None
    # On the first start, before the first question: the start is cut short as often as not.
    compiled.keep()
    app.run()  # every answer is saved before the next question shows: nothing to write on the way out
    return app.return_code or 0
