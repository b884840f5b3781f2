"""The keys of each screen, with their footer labels taken from the UI texts (so they translate).

Command keys are control or function keys: a printable key would be typed into the answer field.
"""

from __future__ import annotations

from textual.dom import DOMNode

from assistant.texts import UiTexts

# (keys, action, label key). The first key is the one the footer shows.
CHAT_KEYS: tuple[tuple[str, str, str], ...] = (
    ("ctrl+b", "back", "keys.back"),
    ("ctrl+n", "skip", "keys.skip"),
    ("f1", "why", "keys.why"),
    ("ctrl+r", "summary", "keys.summary"),
    ("ctrl+t", "preview", "keys.preview"),
    ("ctrl+o", "export", "keys.export"),
)
# Keys that work but are not shown, so the footer fits 80 columns in every language: the draft is
# saved after every answer anyway, and the top line says when.
CHAT_QUIET_KEYS: tuple[tuple[str, str], ...] = (("ctrl+s", "save"),)

SUMMARY_KEYS: tuple[tuple[str, str, str], ...] = (
    ("enter", "edit", "keys.edit"),
    ("c", "continue", "keys.continue"),
    ("f", "finish", "keys.finish"),
    ("ctrl+t", "preview", "keys.preview"),
    ("ctrl+o", "export", "keys.export"),
    ("escape", "close", "keys.close"),
)

START_KEYS: tuple[tuple[str, str, str], ...] = (
    ("n", "new", "keys.new"),
    ("delete,d", "delete", "keys.delete"),
)

PREVIEW_KEYS: tuple[tuple[str, str, str], ...] = (
    ("escape,ctrl+t", "close", "keys.close"),
    ("v", "next_version", "keys.version"),
)

APP_KEYS: tuple[tuple[str, str, str], ...] = (
    ("ctrl+l", "language", "keys.language"),
    ("ctrl+q", "quit", "keys.quit"),
)
# Ctrl+C quits too (after saving), as people expect in a terminal; it is not shown, ctrl+q is.
QUIET_APP_KEYS: tuple[tuple[str, str], ...] = (("ctrl+c", "quit"),)


def bind_keys(
    node: DOMNode,
    keys: tuple[tuple[str, str, str], ...],
    texts: UiTexts,
    *,
    priority: bool = False,
    show: bool = True,
) -> None:
    """Add `keys` to this node's bindings, labelled in the user's language ("" label: no label)."""
    for key, action, label in keys:
        # Instance bindings: Textual keeps a per-node copy of the class bindings in `_bindings`. A key
        # bound here replaces the class's binding for it (e.g. the app's own ctrl+q, which is not shown).
        for name in key.split(","):
            node._bindings.key_to_bindings.pop(name.strip(), None)
        node._bindings.bind(key, action, texts(label) if label else "", show=show, priority=priority)
