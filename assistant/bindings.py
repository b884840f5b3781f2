"""Keys, labelled in the language the user talks in.

Every screen declares its keys in `BINDINGS` as usual, with the key of its label in the UI texts as
the description (`labelled("ctrl+b", "back", "keys.back")`). `Labelled` words them in the current
language wherever Textual shows them, the footer and the keys panel, since both read
`Screen.active_bindings`; after a language switch, `refresh_bindings()` shows the new words.

Command keys are control or function keys: a printable key would be typed into the answer field.

A browser keeps some control keys for itself and never passes them to the page (Ctrl+T opens a tab,
Ctrl+N a window): each has a function key that does the same everywhere, and in a browser tab
(`policy-assistant serve`) the footer shows that one instead.
"""

from __future__ import annotations

import dataclasses

from textual.app import App
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen

from assistant.texts import texts_of


def labelled(
    keys: str, action: str, label: str = "", *, show: bool = True, priority: bool = False
) -> Binding:
    """A binding whose label is the UI text `label` ("": none, and not shown). The first key is shown."""
    return Binding(keys, action, label, show=show and bool(label), priority=priority)


# The key a browser keeps -> the function key that stands in for it.
BROWSER_KEYS = {"ctrl+t": "f2", "ctrl+n": "f3"}


def in_browser(app: App) -> bool:
    """Does the app run in a browser tab (textual-serve's web driver)?"""
    return bool(app.is_web)


def stand_ins(*bindings: Binding) -> list[Binding]:
    """`bindings`, each followed by its function-key stand-in when a browser keeps its key (not shown
    in a terminal; Labelled shows it in a browser instead of the kept key)."""
    found: list[Binding] = []
    for binding in bindings:
        found.append(binding)
        for key in binding.key.split(","):
            if key in BROWSER_KEYS:
                found.append(dataclasses.replace(binding, key=BROWSER_KEYS[key], show=False))
    return found


class Labelled:
    """Mixed into a screen whose bindings' descriptions are UI text keys: they show in the language
    the user talks in."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        assert isinstance(self, Screen)
        texts = texts_of(self.app)
        browser = in_browser(self.app)
        stood_in = set(BROWSER_KEYS.values())
        shown: dict[str, ActiveBinding] = {}
        for key, active in super().active_bindings.items():  # type: ignore[misc]
            if browser and key in BROWSER_KEYS:
                continue  # the browser never lets it through: its stand-in is shown
            if browser and key in stood_in and active.binding.description:
                active = active._replace(binding=dataclasses.replace(active.binding, show=True))
            label = active.binding.description
            if label in texts:
                words = dataclasses.replace(active.binding, description=texts(label))
                active = active._replace(binding=words)
            shown[key] = active
        return shown
