"""Every user-facing string of the app, read from assistant/lang/<code>.yaml once per language.

Keys are dotted paths ("start.title"). A language file may leave keys out: they come from English. A
key missing everywhere is shown as the key itself, so a gap is visible but never a crash.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

LANG_DIR = Path(__file__).resolve().parent / "lang"
FALLBACK = "en"


class UiTexts:
    """The app's texts in one language: `texts("chat.why", why=...)` or `texts.words("commands.back")`."""

    def __init__(self, code: str, strings: dict[str, Any], fallback: UiTexts | None = None) -> None:
        self.code = code
        self._strings = strings
        self._fallback = fallback

    def __call__(self, key: str, **values: Any) -> str:
        text = self._raw(key)
        if not isinstance(text, str):
            return key
        if not values:
            return text
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            return text

    def words(self, key: str) -> tuple[str, ...]:
        """A list of words, e.g. what may be typed for a command; this language's and English's."""
        found: list[str] = []
        texts: UiTexts | None = self
        while texts is not None:
            value = texts._strings.get(key)
            if isinstance(value, list):
                found.extend(str(word) for word in value)
            texts = texts._fallback
        return tuple(dict.fromkeys(found))

    def _raw(self, key: str) -> Any:
        if key in self._strings:
            return self._strings[key]
        return self._fallback._raw(key) if self._fallback is not None else None


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


def _read(code: str) -> dict[str, Any]:
    import yaml

    path = LANG_DIR / f"{code}.yaml"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return _flatten(yaml.load(text, Loader=loader))


@cache
def load_texts(code: str = FALLBACK) -> UiTexts:
    """The texts in `code`, English where that language has no text (or no file at all)."""
    english = UiTexts(FALLBACK, _read(FALLBACK))
    if code == FALLBACK:
        return english
    return UiTexts(code, _read(code), fallback=english)


def available_languages() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in LANG_DIR.glob("*.yaml")))
