"""`policy-assistant` (or `policy-assistant chat`): the chat app that interviews, previews and exports."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--resume", metavar="DRAFT_ID", help="resume this draft (ids: policy-assistant drafts)"
    )
    parser.add_argument("--new", action="store_true", help="start a new policy without showing the drafts")
    parser.add_argument(
        "--lang",
        metavar="CODE",
        help="the language we talk in: en, nl or fr (default: from LANG, e.g. nl_BE.UTF-8, else en); "
        "a draft is resumed in its own language",
    )


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
    from assistant.cli import UsageError
    from assistant.languages import from_locale, talk_language_named
    from assistant.texts import available_languages

    if option is None:
        return from_locale(environment.get("LANG"))
    code = talk_language_named(option)
    if code is None:
        codes = available_languages()
        choices = f"{', '.join(codes[:-1])} or {codes[-1]}"
        raise UsageError(f"--lang {option}: not a language the assistant talks in (choose {choices})")
    return code


def run(args: argparse.Namespace) -> int:
    from assistant.app import PolicyAssistant
    from assistant.cli import UsageError
    from assistant.texts import UiTextsError

    try:
        language = talk_language(getattr(args, "lang", None), os.environ)
        app = PolicyAssistant(
            language=language,
            resume=getattr(args, "resume", None),
            new=bool(getattr(args, "new", False)),
        )
    except UiTextsError as error:
        raise UsageError(f"the app's texts cannot be loaded: {error}") from None
    try:
        app.run()
    finally:
        # Whatever ended the app (quit, ctrl+c, a closed terminal, a crash): write the queued draft.
        app.keeper.close(timeout=5.0)
    return app.return_code or 0
