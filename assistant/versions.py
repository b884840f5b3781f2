"""The policy's language versions in the app's words: their names, their labels and the explanation of
why the law requires them. The rule itself is `clauses.language_law`; the words are in the UI texts
(`versions.*`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assistant.languages import joined, named
from assistant.texts import UiTexts, available_languages, load_texts
from clauses import language_law


def known_versions(texts: UiTexts) -> tuple[str, ...]:
    """The versions the app can name (the clause library's languages)."""
    return texts.under("versions.names")


def name(code: str, texts: UiTexts) -> str:
    """ "Dutch"; the code itself, in capitals, for a version the app has no name for."""
    key = f"versions.names.{code}"
    return texts(key) if key in texts else code.upper()


def label(code: str, answers: Mapping[str, Any], texts: UiTexts) -> str:
    """ "Dutch (required)" or "English (courtesy translation)"."""
    key = "versions.required" if language_law.is_binding(code, answers) else "versions.courtesy"
    return sentence(texts(key, name=name(code, texts)))


def sentence(text: str) -> str:
    """A label starts with a capital, whatever the language writes in the middle of a sentence."""
    return text[:1].upper() + text[1:]


def regions_line(code: str, answers: Mapping[str, Any], texts: UiTexts) -> str:
    """ "Flanders and Brussels-Capital": the regions that require the `code` version."""
    regions = language_law.regions_requiring(answers, code)
    return joined([texts(f"versions.regions.{region}") for region in regions], texts)


def explanation(answers: Mapping[str, Any], texts: UiTexts, shown: str) -> str | None:
    """What the chat says once the seats are known: the versions required, why, and English.

    None before the seats are known.
    """
    explained = language_law.explain(answers)
    if explained is None:
        return None
    lines = [texts("versions.intro")]
    lines += [f"• {texts(f'versions.{reason.key}')}" for reason in explained.reasons]
    names = [name(code, texts) for code in explained.required]
    needed = "versions.needed_one" if len(names) == 1 else "versions.needed"
    lines.append(texts(needed, versions=joined(names, texts)))
    lines.append(texts("versions.courtesy_note", version=name(shown, texts)))
    return "\n".join(lines)


def version_named(text: str, texts: UiTexts) -> str | None:
    """The version `text` names ("fr", "French", "Frans", "français"), in any of the app's languages."""
    words: dict[str, list[str]] = {}
    for code in available_languages():
        other = load_texts(code)
        for version in known_versions(other):
            words.setdefault(version, []).extend(other.words(f"versions.words.{version}", english=False))
    return named(text, words)
