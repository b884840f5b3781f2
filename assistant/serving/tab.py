"""What each browser tab runs: the assistant, as in a terminal, with its exports kept apart.

textual-serve starts `python -m assistant.serving.tab --lang CODE [--clauses DIR ...]` for each tab,
with the person's data folder as POLICY_ASSISTANT_HOME. In a browser the exported files become
downloads (see `assistant.serving.delivery`); the copy each export writes on the server goes to a new
folder in that data folder, readable only by the serving user, so one export never meets another.

With `--wait` (a spare, see `assistant.serving.tabs`) it loads everything, says so on standard output
(`WAITING`), then waits for the server's first message on standard input: "start" with the screen's
size when a tab takes it, or "quit".
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import secrets
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.serving.access import AccessError, data_root, make_private

WAITING = b"__WAITING__\n"  # what a spare writes once loaded, before Textual's prelude (see tabs.Tab)


def export_folder(root: Path) -> Path:
    """A new folder for an export, under `root`/exports (made private now; the folder itself is made by
    the export, if there is one)."""
    exports = root / "exports"
    make_private(exports)
    return exports / f"{datetime.now().strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(2)}"


def served_assistant(**options: Any) -> Any:
    """The assistant for a browser tab: each export goes to a new folder on the server, so exporting
    again never asks whether to replace the server's copies (the browser keeps both downloads)."""
    from assistant.app import PolicyAssistant

    class ServedAssistant(PolicyAssistant):
        # Textual finds a relative stylesheet beside the module of the class: point at the app's own.
        CSS_PATH = Path(sys.modules[PolicyAssistant.__module__].__file__ or "").parent / str(
            PolicyAssistant.CSS_PATH
        )

        @property
        def export_folder(self) -> Path:
            return export_folder(data_root())

    return ServedAssistant(**options)


def wait_for_tab(descriptor: int = 0) -> dict[str, Any] | None:
    """The server's "start" message (with the screen's width and height), or None for anything else.

    It is one textual-serve meta packet: b"M", its length in 4 bytes, then JSON. It is read with
    os.read, byte-exact, so what follows stays for Textual's own reader.
    """
    header = _read(descriptor, 5)
    if len(header) < 5 or header[:1] != b"M":
        return None
    payload = _read(descriptor, int.from_bytes(header[1:], "big"))
    try:
        message = json.loads(payload)
        size = (int(message["width"]), int(message["height"]))
    except (ValueError, TypeError, KeyError):
        return None
    if message.get("type") != "start" or min(size) < 1:
        return None
    return message


def _read(descriptor: int, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = os.read(descriptor, size - len(data))
        if not chunk:
            break
        data += chunk
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.serving.tab")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--clauses", action="append", default=[], type=Path)
    parser.add_argument("--wait", action="store_true", help="load, then wait for the server's start")
    args = parser.parse_args(argv)
    gc.disable()  # as in assistant.cli.main: the app turns collection back on once the first question shows
    from assistant.commands import UsageError
    from assistant.commands.chat import clause_drafter, talk_language
    from assistant.texts import UiTextsError

    try:
        make_private(data_root() / "exports")  # a mistake here stops the tab at once, not its export
        app = served_assistant(
            language=talk_language(args.lang, {}),
            drafter=clause_drafter(args.clauses) if args.clauses else None,
        )
    except (UsageError, AccessError, UiTextsError) as error:
        print(f"policy-assistant: {error}", file=sys.stderr)
        return 2
    if args.wait:
        # The first screen's modules, loaded now rather than after the tab is taken.
        import assistant.screens.chat
        import assistant.screens.start  # noqa: F401

        app.interview  # noqa: B018  (reads the interview now)
        os.write(sys.stdout.fileno(), WAITING)
        started = wait_for_tab()
        if started is None:
            return 0  # stopped before any tab took it
        os.environ["COLUMNS"], os.environ["ROWS"] = str(started["width"]), str(started["height"])
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
