"""The language we talk in: from `--lang`, the LANG variable, or what follows /language.

This is never the policy's language (see assistant.versions): an HR person in Brussels may talk in
French and hand out a Dutch policy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from assistant.texts import REFERENCE, UiTexts, available_languages, load_texts

_LOCALE_PARTS = re.compile(r"[_.@-]")


def fold(text: str) -> str:
    """Case and spacing do not matter in what people type."""
    return " ".join(text.casefold().split())


def from_locale(value: str | None, available: Iterable[str] | None = None) -> str:
    """The language of a LANG value: "nl_BE.UTF-8" is nl, "de_BE.UTF-8" de; one we do not talk, English."""
    choices = tuple(available) if available is not None else available_languages()
    code = _LOCALE_PARTS.split((value or "").strip(), maxsplit=1)[0].casefold()
    return code if code in choices else REFERENCE


def named(text: str, words: Mapping[str, Iterable[str]]) -> str | None:
    """The code `text` names: a code ("nl"), a locale ("nl_BE") or a name in any language ("Frans").

    `words` maps each code to what may be typed for it.
    """
    folded = fold(text).strip(" .!?\"'«»")
    if not folded:
        return None
    candidates = {folded, _LOCALE_PARTS.split(folded, maxsplit=1)[0]}
    for code, names in words.items():
        if candidates & ({fold(code)} | {fold(name) for name in names}):
            return code
    return None


def talk_words() -> dict[str, tuple[str, ...]]:
    """For each language the app talks in, what may follow /language to choose it."""
    return {code: load_texts(code).words("language.names", english=False) for code in available_languages()}


def talk_language_named(text: str) -> str | None:
    return named(text, talk_words())


def joined(items: Iterable[str], texts: UiTexts) -> str:
    """ "Dutch, French and German", with this language's word for "and"."""
    listed = list(items)
    if len(listed) <= 1:
        return "".join(listed)
    return f"{', '.join(listed[:-1])} {texts('versions.and')} {listed[-1]}"


def choices_line() -> str:
    """ "English (en), Nederlands (nl), Français (fr)": how to name each language after /language."""
    return ", ".join(f"{load_texts(code).name} ({code})" for code in available_languages())
