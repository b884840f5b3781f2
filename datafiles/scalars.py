"""A guard for PyYAML loaders: every scalar is bounded before it is resolved, and base-60 numbers refused.

YAML 1.1, which PyYAML follows, reads ``1:30`` as the base-60 number 90. PyYAML makes such a number
with one multiplication by 60 per part, on an ever larger integer: time grows with the square of the
length, and a 1 MB answers file of ``1:1:1:...`` took 56 seconds, in every loader (the C one too: the
number is made in Python). No file this program reads has a base-60 number, and a time of day
written ``12:30`` was never meant as 750: such a value is refused with its line, asking for quotes.

A scalar longer than ``max_scalar`` characters is refused too, before any resolver pattern is tried
on it: nothing this program reads needs one (an answer is at most 1,000 characters, a clause's
condition a few hundred, a clause's text lives in its own template file).

datafiles.reading's loader puts ScalarGuard first among its bases (``class _Loader(ScalarGuard,
CSafeLoader)``), so every file it reads is guarded: the interview, the clause library and clause
folders, the review rules, the app's texts, answers files and drafts. It hooks `resolve` (the C parser
calls it for every scalar) and `construct_scalar` (every scalar constructor reads its text through it),
so PyYAML's own int, float and timestamp constructors keep working on what passes. A refusal is a
`ScalarRefused`, an ordinary ``yaml.constructor.ConstructorError`` with the scalar's position, which
the reader turns into an error naming the file and the line.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_SCALAR = 100_000  # characters

_NUMBERS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
_TEXT = "tag:yaml.org,2002:str"


class ScalarRefused(yaml.constructor.ConstructorError):
    """A scalar no data file may hold: too long, or a base-60 number. The YAML itself is valid."""


def _shown(value: str) -> str:
    return value if len(value) <= 24 else value[:24] + "…"


class ScalarGuard:
    """Mixin for a PyYAML loader (first among its bases): bounded scalars, no base-60 numbers."""

    max_scalar: int = MAX_SCALAR

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and isinstance(value, str) and len(value) > self.max_scalar:
            return _TEXT  # no pattern is tried on it: construct_scalar refuses it, with its line
        return super().resolve(kind, value, implicit)  # type: ignore[misc]

    def construct_scalar(self, node: Any) -> Any:
        # Every scalar constructor (int, float, str, timestamp, ...) reads the text through here.
        value = node.value
        if isinstance(value, str):
            if len(value) > self.max_scalar:
                raise ScalarRefused(
                    None,
                    None,
                    f"a value of {len(value):,} characters; at most {self.max_scalar:,} are allowed",
                    node.start_mark,
                )
            if node.tag in _NUMBERS and ":" in value:
                raise ScalarRefused(
                    None,
                    None,
                    f"{_shown(value)} would be read as a base-60 number (YAML 1.1); "
                    "write it in quotes if it is text",
                    node.start_mark,
                )
        return super().construct_scalar(node)  # type: ignore[misc]
