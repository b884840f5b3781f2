"""The policy's language versions: which ones the law requires for the operating seats answered, why,
and which one the preview shows. The rule itself is `clauses.facts` (legal reference, section 2); the
words are in the UI texts (`versions.*`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from assistant.languages import joined, named
from assistant.texts import UiTexts, available_languages, load_texts

COURTESY = "en"  # offered beside the required versions, labelled as a courtesy translation


def seats_known(answers: Mapping[str, Any]) -> bool:
    """Are the operating seats answered, with the staff's language where Brussels needs it?"""
    regions = answers.get("regions")
    if not regions:
        return False
    return "brussels" not in regions or bool(answers.get("staff_languages"))


def required(answers: Mapping[str, Any]) -> tuple[str, ...]:
    """The versions the law requires for these answers (none before the seats are known)."""
    if not answers.get("regions"):
        return ()
    from clauses.facts import required_languages

    return required_languages(answers)


def regions_requiring(answers: Mapping[str, Any], code: str) -> list[str]:
    """The seat regions (ids) that require the `code` version."""
    from clauses.facts import languages_by_region

    return [region for region, codes in languages_by_region(answers).items() if code in codes]


def known_versions(texts: UiTexts) -> tuple[str, ...]:
    """The versions the app can name (the clause library's languages)."""
    return texts.under("versions.names")


def ordered(answers: Mapping[str, Any], versions: Iterable[str]) -> list[str]:
    """Required versions first (Dutch, French, German), then the courtesy English, then the others."""
    needed = required(answers)
    rest = [code for code in versions if code not in needed]
    rest.sort(key=lambda code: code != COURTESY)  # stable: the others keep the library's order
    return [*needed, *rest]


def name(code: str, texts: UiTexts) -> str:
    text = texts(f"versions.names.{code}")
    return code.upper() if text == f"versions.names.{code}" else text


def label(code: str, answers: Mapping[str, Any], texts: UiTexts) -> str:
    """ "Dutch (required)" or "English (courtesy translation)"."""
    key = "versions.required" if code in required(answers) else "versions.courtesy"
    return sentence(texts(key, name=name(code, texts)))


def sentence(text: str) -> str:
    """A label starts with a capital, whatever the language writes in the middle of a sentence."""
    return text[:1].upper() + text[1:]


def default_version(answers: Mapping[str, Any], talk_language: str, versions: Iterable[str]) -> str:
    """What the preview shows unless the user chose: the first required version; before the seats are
    known, the language we talk in if the policy exists in it, else English."""
    needed = required(answers)
    if needed:
        return needed[0]
    return talk_language if talk_language in tuple(versions) else COURTESY


def explanation(answers: Mapping[str, Any], texts: UiTexts, shown: str) -> str:
    """What the chat says once the seats are known: the versions required, why, and English."""
    from clauses.facts import languages_by_region

    lines = [texts("versions.intro")]
    for region, codes in languages_by_region(answers).items():
        if region == "brussels":
            key = "versions.brussels_both" if len(codes) > 1 else f"versions.brussels_{codes[0]}"
        else:
            key = f"versions.{region}"
        lines.append(f"• {texts(key)}")
    names = [name(code, texts) for code in required(answers)]
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
