"""`policy-assistant serve`: the assistant in a browser, private by default.

Each browser tab runs its own assistant (see assistant.serving). Every request needs an access token:
generated at each start on this computer's own address (127.0.0.1), where other accounts on the same
computer could otherwise open your drafts; given on purpose (--token, POLICY_ASSISTANT_TOKEN, --new-token
or --users) before any other address is served.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from pathlib import Path
from typing import Any

from assistant.commands.chat import add_clauses_option

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="open the assistant in a browser (private: every request needs an access token)",
        description="Serve the assistant to a browser: each tab is its own assistant, with resume, "
        "languages, preview and export (the files become downloads). Every request needs an access "
        "token; on this computer's own address one is made at each start and printed in the address "
        "to open.",
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        metavar="H",
        help=f"the address to listen on (default {DEFAULT_HOST}: this computer only); any other needs "
        "--token, POLICY_ASSISTANT_TOKEN, --new-token or --users",
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="P", help="default %(default)s")
    parser.add_argument(
        "--token",
        metavar="TOKEN",
        help="the access token (at least 16 characters); other accounts can see a command line, so "
        "prefer the POLICY_ASSISTANT_TOKEN variable",
    )
    parser.add_argument(
        "--new-token",
        action="store_true",
        help="make a new access token and print it once, in the address to open",
    )
    parser.add_argument(
        "--users",
        type=Path,
        metavar="FILE",
        help="one token per person ('name: token' lines); each person's drafts are kept apart",
    )
    parser.add_argument(
        "--add-user",
        metavar="NAME",
        help="with --users: give NAME a new token in FILE (made if missing), print it once, and stop",
    )
    parser.add_argument(
        "--lang",
        metavar="CODE",
        help="the language every tab talks in (default: each browser's own language)",
    )
    parser.add_argument(
        "--max-tabs", type=int, default=20, metavar="N", help="tabs open at once (default %(default)s)"
    )
    parser.add_argument(
        "--certificate", type=Path, metavar="FILE", help="serve over HTTPS with this certificate (PEM)"
    )
    parser.add_argument("--key", type=Path, metavar="FILE", help="the certificate's private key (PEM)")
    add_clauses_option(parser)
    parser.set_defaults(handler=run)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    from assistant.commands import UsageError
    from assistant.serving.access import (
        TOKEN_VARIABLE,
        Access,
        AccessError,
        add_person,
        data_root,
        load_people,
        make_private,
        new_token,
    )

    root = data_root()
    try:
        if args.add_user is not None:
            if args.users is None:
                raise UsageError("--add-user needs --users FILE: the file to add the person to")
            token = add_person(args.users, args.add_user, root)
            print(f"{args.add_user}'s access token (shown only now; {args.users} keeps only its digest):")
            print(f"\n    {token}\n")
            print(f"They open the assistant at http://HOST:PORT/?token={token}")
            return 0
        _check_numbers(args)
        language = _language(args.lang)
        drafter_folders = args.clauses or []
        if drafter_folders:
            from assistant.commands.chat import clause_drafter

            clause_drafter(drafter_folders)  # a mistake in them stops the start, not each tab
        given = args.token if args.token is not None else os.environ.get(TOKEN_VARIABLE) or None
        chosen = [
            name
            for name, used in (
                ("--token", args.token is not None),
                ("--new-token", args.new_token),
                ("--users", args.users is not None),
            )
            if used
        ]
        if len(chosen) > 1:
            raise UsageError(f"{' and '.join(chosen)} cannot be used together: choose one way to give access")
        shown: str | None = None  # a token to print in the address: only one made here
        if args.users is not None:
            access = load_people(args.users, root)
            make_private(root / "people")  # even the names of the people are nobody else's business
            for home in access.homes():
                make_private(home)
        elif given is not None and not args.new_token:
            access = Access.single(given)
        elif args.new_token or is_loopback(args.host):
            shown = new_token()
            access = Access.single(shown)
        else:
            raise UsageError(
                f"--host {args.host}: other computers could open the assistant; give an access token "
                f"(--token, {TOKEN_VARIABLE}, --new-token or --users FILE)"
            )
        tls = _tls(args.certificate, args.key)
    except AccessError as error:
        raise UsageError(str(error)) from None
    secrets = {given} if given is not None and args.users is None else set()
    if shown is not None:
        secrets.add(shown)
    return _serve(args, access, language, tls, shown, secrets, root)


def _check_numbers(args: argparse.Namespace) -> None:
    from assistant.commands import UsageError

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port}: a port is a number from 1 to 65535 (0: any free port)")
    if args.max_tabs < 1:
        raise UsageError(f"--max-tabs {args.max_tabs}: at least 1")
    if (args.certificate is None) != (args.key is None):
        raise UsageError("--certificate and --key go together: give both for HTTPS")


def _language(option: str | None) -> str | None:
    if option is None:
        return None
    from assistant.commands.chat import talk_language

    return talk_language(option, {})


def _tls(certificate: Path | None, key: Path | None) -> Any:
    if certificate is None or key is None:
        return None
    from assistant.commands import UsageError
    from assistant.serving.addresses import TlsError, tls_context

    try:
        return tls_context(certificate, key)
    except TlsError as error:
        raise UsageError(str(error)) from None


def _serve(
    args: argparse.Namespace,
    access: Any,
    language: str | None,
    tls: Any,
    shown: str | None,
    secrets: set[str],
    root: Path,
) -> int:
    from assistant.commands import UsageError
    from assistant.serving.addresses import address
    from assistant.serving.web import AssistantServer, Settings, serve_forever

    settings = Settings(
        access=access,
        host=args.host,
        port=args.port,
        language=language,
        clauses=tuple(args.clauses or ()),
        max_tabs=args.max_tabs,
        tls=tls,
        secrets_to_hide=secrets,
    )

    def ready(port: int) -> None:
        base = address(args.host, port, tls is not None)
        if access.shared:
            token = shown if shown is not None else "<your token>"
            print(f"The assistant is ready. Open this address in your browser:\n\n    {base}?token={token}\n")
            if shown is not None:
                print(
                    "The token in it is the key to your drafts: keep the address to yourself. "
                    "A new one is made at each start (--token or POLICY_ASSISTANT_TOKEN keeps one)."
                )
            print(f"Drafts are kept in {root / 'drafts'}, readable only by you.")
        else:
            names = ", ".join(person.label for person in access.people)
            print(f"The assistant is ready for {names}. Each opens, with their own token:")
            print(f"\n    {base}?token=<their token>\n")
            print(f"Each person's drafts are kept apart in {root / 'people'}, readable only by you.")
        if not tls and not is_loopback(args.host):
            print(
                "Warning: plain HTTP. Tokens and drafts cross the network unencrypted; use --certificate "
                "and --key, or a proxy that serves HTTPS."
            )
        print("Ctrl+C stops the assistant (every answer is saved).", flush=True)

    try:
        serve_forever(AssistantServer(settings), ready)
    except OSError as error:
        raise UsageError(f"cannot listen on {args.host}:{args.port} ({error.strerror or error})") from None
    sys.stdout.flush()
    return 0
