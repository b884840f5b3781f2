"""Keys, labelled in the language the user talks in.

Every screen declares its keys in `BINDINGS` as usual, with the key of its label in the UI texts as
the description (`labelled("ctrl+b", "back", "keys.back")`). `Labelled` words them in the current
language wherever Textual shows them, the footer and the keys panel, since both read
`Screen.active_bindings`; after a language switch, `refresh_bindings()` shows the new words.

Command keys are control or function keys: a printable key would be typed into the answer field.
"""

from __future__ import annotations

import dataclasses

from textual.binding import ActiveBinding, Binding
from textual.screen import Screen

from assistant.texts import texts_of


def labelled(
    keys: str, action: str, label: str = "", *, show: bool = True, priority: bool = False
) -> Binding:
    """A binding whose label is the UI text `label` ("": none, and not shown). The first key is shown."""
    return Binding(keys, action, label, show=show and bool(label), priority=priority)


class Labelled:
    """Mixed into a screen whose bindings' descriptions are UI text keys: they show in the language
    the user talks in."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        assert isinstance(self, Screen)
        texts = texts_of(self.app)
        shown: dict[str, ActiveBinding] = {}
        for key, active in super().active_bindings.items():  # type: ignore[misc]
            label = active.binding.description
            if label in texts:
                words = dataclasses.replace(active.binding, description=texts(label))
                active = active._replace(binding=words)
            shown[key] = active
        return shown
