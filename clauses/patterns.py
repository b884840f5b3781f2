"""The texts of a library's strings.yaml that the code uses as patterns, checked when they are read.

Most texts are printed as they are. A few are patterns the code fills in: the titles, the department's
name in running text and the annex label have ``{name}`` fields; the date formats are Babel patterns;
the locale picks Babel's data. A clause folder may replace any of them, and it comes from someone
else, so they are never handed to ``str.format`` (a field such as ``{title.__class__}`` reaches Python's
internals, ``{title:>600000000}`` makes 600 MB of spaces). Instead:

- a field is only ``{name}`` with a name the text is known to take: no attribute, index, conversion
  or format spec; ``{{`` and ``}}`` are a literal brace; anything else is refused at load time with
  the file, the line and the key (`problem`);
- `fill` puts the values in literally, one pass over the parsed text, whatever the values contain;
- a date pattern is at most MAX_DATE_PATTERN characters Babel can read; a locale is one Babel knows.
"""

from __future__ import annotations

import functools
import re
import string

# The fields each text takes, by key or by the key's prefix (the longest match wins).
FIELDS: dict[str, frozenset[str]] = {
    "titles.": frozenset({"department"}),
    "titles.implementation_notes": frozenset({"title"}),
    "annex_label": frozenset({"letter"}),
    "choices.department.": frozenset({"name"}),
}
DATE_PATTERNS = ("dates.long", "dates.first_of_month")
MAX_DATE_PATTERN = 100  # ours are about 10 characters ("d MMMM y")
_LOCALE = re.compile(r"[a-z]{2,3}(?:_[A-Za-z0-9]{2,8})*\Z")


class PatternError(ValueError):
    """A text that cannot be used as the pattern its key calls for."""


def fields_of(key: str) -> frozenset[str] | None:
    """The fields `key`'s text may use, or None if the text is printed as it is."""
    best: str | None = None
    for known in FIELDS:
        matches = key == known if not known.endswith(".") else key.startswith(known)
        if matches and (best is None or len(known) > len(best)):
            best = known
    return None if best is None else FIELDS[best]


@functools.lru_cache(maxsize=1024)
def _parsed(text: str, allowed: frozenset[str]) -> tuple[tuple[str, str | None], ...]:
    """(literal text, field name or None) pieces; PatternError for anything but plain known fields."""
    try:
        pieces = list(string.Formatter().parse(text))
    except ValueError as error:  # a lone "{" or "}"
        raise PatternError(f"{error} (write {{{{ or }}}} for a brace)") from None
    parsed: list[tuple[str, str | None]] = []
    names = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "none"
    for literal, name, spec, conversion in pieces:
        if name is not None:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            if len(shown) > 40:
                shown = shown[:40] + "…"
            if name not in allowed or spec or conversion:
                raise PatternError(
                    f"the field {shown} cannot be used here (fields this text may use: {names})"
                )
        parsed.append((literal, name))
    return tuple(parsed)


def fill(key: str, text: str, **values: str) -> str:
    """`text`, the text of `key`, with each ``{name}`` replaced by its value, taken literally."""
    allowed = fields_of(key) or frozenset()
    return "".join(literal + (values[name] if name else "") for literal, name in _parsed(text, allowed))


def problem(key: str, text: str) -> str | None:
    """Why `text` cannot be the text of `key`, or None when it can."""
    allowed = fields_of(key)
    try:
        if allowed is not None:
            _parsed(text, allowed)
        elif key in DATE_PATTERNS:
            _check_date_pattern(text)
        elif key == "language.locale":
            _check_locale(text)
    except PatternError as error:
        return f"text {key!r}: {error}"
    return None


def _check_date_pattern(text: str) -> None:
    if len(text) > MAX_DATE_PATTERN:
        raise PatternError(f"a date pattern may be at most {MAX_DATE_PATTERN} characters, not {len(text):,}")
    import babel.dates

    try:
        babel.dates.parse_pattern(text)
    except (ValueError, TypeError) as error:
        raise PatternError(f"not a date pattern Babel can read ({error})") from None


def _check_locale(text: str) -> None:
    # Checked before Babel sees it: Babel turns a locale name into the name of a file it reads.
    if not _LOCALE.match(text):
        raise PatternError(f"{text[:40]!r} is not a locale name such as nl_BE")
    import babel

    try:
        babel.Locale.parse(text)
    except (ValueError, babel.UnknownLocaleError):
        raise PatternError(f"{text!r} is not a locale Babel knows") from None
