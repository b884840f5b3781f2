"""Every user-facing string of the app, read from assistant/lang/<code>.yaml once per language.

Keys are dotted paths ("start.title"). Every language file has exactly the keys of en.yaml, each of the
same kind (a text or a list of words) and with the same {placeholders}: anything else is a load error
that names the file and the keys, never a silent English text in a Dutch screen.
"""

from __future__ import annotations

import string
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import Any

from datafiles.cache import cached_parse
from datafiles.errors import DataFileError

LANG_DIR = Path(__file__).resolve().parent / "lang"
REFERENCE = "en"


class UiTextsError(Exception):
    """A UI language file that is missing, unreadable, or does not match en.yaml; the message says how."""


class MissingText(UiTextsError, KeyError):
    """The code asked for a text no language file has: a mistake in the code, never shown as a key."""

    def __str__(self) -> str:
        return str(self.args[0])


# Texts the code asks for by a computed key ("versions.regions.{region}"), declared by the module that
# asks (`needs`), so that a missing one stops the app at its start, naming the key, rather than when it
# is first asked for. Keys written out in the code are checked by the tests.
NEEDED: set[str] = set()


def needs(*keys: str) -> None:
    """Declare texts this module asks for by a computed key: en.yaml must have each one.

    A module imported after the start (the exports: assistant.conversation.controller) declares its
    keys once the English texts are read: they are checked at once, so a missing one is still an
    error naming the key before any screen asks for it."""
    NEEDED.update(keys)
    if load_texts.cache_info().currsize:
        check_needed(load_texts(REFERENCE))


def check_needed(texts: UiTexts, file: Path | str = "en.yaml") -> None:
    """UiTextsError naming the file and the keys when `texts` lacks a text some module `needs`."""
    missing = sorted(key for key in NEEDED if key not in texts)
    if missing:
        raise UiTextsError(f"{file}: missing {', '.join(missing)}")


class UiTexts:
    """The app's texts in one language: `texts("chat.why", why=...)` or `texts.words("commands.back")`."""

    def __init__(self, code: str, strings: dict[str, Any], reference: UiTexts | None = None) -> None:
        self.code = code
        self._strings = strings
        # English, for the command words: "/back" works whatever the language.
        self._reference = reference

    @property
    def name(self) -> str:
        """The language's own name ("Nederlands"), to offer it."""
        return self("language.name")

    def __call__(self, key: str, **values: Any) -> str:
        text = self._strings.get(key)
        if not isinstance(text, str):
            raise MissingText(f"{self.code}.yaml has no text '{key}'")
        # Every file fills in the same {placeholders} as en.yaml (checked when it loads).
        return text.format(**values) if values else text

    def words(self, key: str, *, english: bool = True) -> tuple[str, ...]:
        """A list of words, e.g. what may be typed for a command: this language's, then English's."""
        found: list[str] = []
        for texts in (self, self._reference if english else None):
            value = texts._strings.get(key) if texts is not None else None
            if isinstance(value, list):
                found.extend(str(word) for word in value)
        return tuple(dict.fromkeys(found))

    def __contains__(self, key: object) -> bool:
        return key in self._strings

    def keys(self) -> tuple[str, ...]:
        """Every key, in the file's order."""
        return tuple(self._strings)

    def under(self, prefix: str) -> tuple[str, ...]:
        """The keys under `prefix` ("versions.names"), without it, in the file's order."""
        start = f"{prefix}."
        return tuple(key.removeprefix(start) for key in self._strings if key.startswith(start))


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, dict):
                flat.update(_flatten(value, name))
            else:
                flat[name] = value
    return flat


@lru_cache(maxsize=4096)  # English's, once for every language checked against it
def placeholders(text: str) -> frozenset[str]:
    """The {names} a text fills in."""
    if "{" not in text and "}" not in text:
        return frozenset()  # most texts: read at every start for every language
    try:
        return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)
    except ValueError:
        return frozenset({"<unbalanced braces>"})


def read_file(path: Path) -> dict[str, Any]:
    """The flattened texts of one file; UiTextsError when it cannot be read as a mapping of texts.

    Read at every start for every language, so the parsed texts are kept as JSON (datafiles.cache).
    """
    try:
        return cached_parse(path, partial(_parse_texts, path), "ui-texts")
    except OSError as error:
        raise UiTextsError(f"{path}: cannot be read ({error.strerror or error})") from None


def _parse_texts(path: Path, content: bytes) -> dict[str, Any]:
    # Only when the cache has no entry for this content: PyYAML is not needed on a start from the cache.
    from datafiles.reading import parse_yaml

    try:
        data = parse_yaml(content.decode("utf-8"), path)
    except UnicodeDecodeError:
        raise UiTextsError(f"{path}: not UTF-8 text") from None
    except DataFileError as error:
        where = f", line {error.line}" if error.line is not None else ""
        raise UiTextsError(f"{path}{where}: {error.problem}") from None
    if not isinstance(data, dict):
        raise UiTextsError(f"{path}: expected a mapping of texts")
    return _flatten(data)


def problems(reference: dict[str, Any], strings: dict[str, Any]) -> list[str]:
    """How `strings` differs from the reference (English): missing, extra or mismatched keys."""
    found: list[str] = []
    missing = sorted(set(reference) - set(strings))
    extra = sorted(set(strings) - set(reference))
    if missing:
        found.append(f"missing {', '.join(missing)}")
    if extra:
        found.append(f"not in {REFERENCE}.yaml: {', '.join(extra)}")
    for key in sorted(set(reference) & set(strings)):
        wanted, value = reference[key], strings[key]
        if isinstance(wanted, list):
            if not isinstance(value, list) or not value or not all(isinstance(w, str) for w in value):
                found.append(f"{key} must be a list of words")
        elif not isinstance(value, str):
            found.append(f"{key} must be a text")
        elif placeholders(value) != placeholders(str(wanted)):
            names = ", ".join("{" + name + "}" for name in sorted(placeholders(str(wanted)))) or "none"
            found.append(f"{key} must fill in the same placeholders as {REFERENCE}.yaml ({names})")
    return found


def read_texts(code: str, folder: Path = LANG_DIR, english: UiTexts | None = None) -> UiTexts:
    """The texts of `folder/<code>.yaml`, checked against `folder/en.yaml` (not cached), or against
    `english` when the caller has read it already."""
    if english is None:
        english = UiTexts(REFERENCE, read_file(folder / f"{REFERENCE}.yaml"))
        check_needed(english, folder / f"{REFERENCE}.yaml")
    if code == REFERENCE:
        return english
    reference = english._strings
    path = folder / f"{code}.yaml"
    if not path.is_file():
        available = ", ".join(languages_in(folder))
        raise UiTextsError(f"there are no app texts in '{code}' (available: {available})")
    strings = read_file(path)
    found = problems(reference, strings)
    if found:
        raise UiTextsError(f"{path}: {'; '.join(found)}")
    return UiTexts(code, strings, reference=english)


@cache
def load_texts(code: str = REFERENCE) -> UiTexts:
    """The app's texts in `code`, read once per process; UiTextsError if that file is not complete."""
    # English is read once, not again with every language checked against it.
    return read_texts(code) if code == REFERENCE else read_texts(code, english=load_texts(REFERENCE))


def languages_in(folder: Path) -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in folder.glob("*.yaml")))


@cache
def available_languages() -> tuple[str, ...]:
    """The languages the app can talk in, in the order en.yaml names them (English, Dutch, French)."""
    order = load_texts(REFERENCE).under("versions.names")
    found = languages_in(LANG_DIR)
    return tuple(sorted(found, key=lambda code: (order.index(code) if code in order else len(order), code)))


def texts_of(app: object) -> UiTexts:
    """The texts of the language `app` talks in now (PolicyAssistant.texts), for a screen or widget
    that must not import the app."""
    texts = getattr(app, "texts", None)
    if not isinstance(texts, UiTexts):
        raise TypeError(f"{app!r} has no UI texts")
    return texts
