"""`policy-assistant drafts`: list or delete saved drafts."""

from __future__ import annotations

import argparse

from assistant.commands import UsageError, console, shown
from dialogue.drafts import DraftError, DraftStore


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "drafts", help="list or delete saved drafts", description="List saved drafts, or delete one."
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.add_parser("list", help="list drafts, most recent first (the default)")
    delete = actions.add_parser("delete", help="delete a draft")
    delete.add_argument("draft", help="the draft's id, as the list shows it")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:

    store = DraftStore()
    if args.action == "delete":
        try:
            store.delete(args.draft)
        except DraftError as error:
            raise UsageError(str(error)) from None
        print(f"Deleted draft {shown(args.draft)}.")
        return 0
    drafts = store.list()
    if not drafts:
        print(f"No drafts yet. They are saved in {shown(store.folder)}")
        return 0
    from rich.markup import escape
    from rich.table import Table

    # Titles, problems and the folder are text: an organisation called "Acme [/] NV" is not markup,
    # and an escape byte is written out (it is escaped before the table measures it).
    def text(value: object) -> str:
        return escape(shown(value))

    table = Table(title=f"Drafts in {text(store.folder)}")
    for column in ("id", "organisation", "progress", "last saved"):
        table.add_column(column, overflow="fold")
    for draft in drafts:
        saved = draft.saved.astimezone().strftime("%d/%m/%Y %H:%M") if draft.saved else "-"
        if draft.is_damaged:
            table.add_row(text(draft.id), "[red]damaged[/]: " + text(draft.problem or ""), "-", saved)
        else:
            progress = f"{draft.progress}%" if draft.progress is not None else "-"
            table.add_row(text(draft.id), text(draft.title or "(no name yet)"), progress, saved)
    terminal = console()  # titles and names from files: control characters written out
    terminal.print(table)
    if any(draft.is_damaged for draft in drafts):
        terminal.print(
            "A damaged draft is kept as it is, never opened or overwritten: "
            "`policy-assistant --new` starts a new policy, `policy-assistant drafts delete ID` removes one."
        )
    return 0
