"""What each browser tab runs: the assistant, as in a terminal, with its exports kept apart.

textual-serve starts `python -m assistant.serving.tab --lang CODE [--clauses DIR ...]` for each tab,
with the person's data folder as POLICY_ASSISTANT_HOME. In a browser the exported files become
downloads (see `assistant.serving.delivery`); the copy each export writes on the server goes to a new
folder in that data folder, readable only by the serving user, so one export never meets another.
"""

from __future__ import annotations

import argparse
import gc
import secrets
import sys
from datetime import datetime
from pathlib import Path

from assistant.serving.access import AccessError, data_root, make_private


def export_folder(root: Path) -> Path:
    """A new folder for this tab's exports, under `root`/exports (made private now; the folder itself is
    made by the first export)."""
    exports = root / "exports"
    make_private(exports)
    return exports / f"{datetime.now().strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(2)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.serving.tab")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--clauses", action="append", default=[], type=Path)
    args = parser.parse_args(argv)
    gc.disable()  # as in assistant.cli.main: the app turns collection back on once the first question shows
    from assistant.app import PolicyAssistant
    from assistant.cli import UsageError
    from assistant.commands.chat import clause_drafter, talk_language
    from assistant.texts import UiTextsError

    try:
        app = PolicyAssistant(
            language=talk_language(args.lang, {}),
            export_folder=export_folder(data_root()),
            drafter=clause_drafter(args.clauses) if args.clauses else None,
        )
    except (UsageError, AccessError, UiTextsError) as error:
        print(f"policy-assistant: {error}", file=sys.stderr)
        return 2
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
