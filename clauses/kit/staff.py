"""The staff list for the adoption kit: a CSV file with a column of names, and optionally of languages.

Spreadsheets save CSV in many ways: with a comma, a semicolon (Belgian Excel) or a tab; with or without
a header row; in UTF-8, with or without a byte order mark. Each is read; anything else is refused with
one line that says what to do.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from clauses.markup import clean

MAX_BYTES = 1_000_000
MAX_PEOPLE = 10_000
MAX_NAME = 200
NAME_HEADERS = {"name", "names", "naam", "namen", "nom", "noms", "employee", "werknemer", "travailleur"}
LANGUAGE_HEADERS = {"language", "lang", "taal", "langue", "sprache"}
LANGUAGES = {
    "nl": "nl",
    "fr": "fr",
    "de": "de",
    "en": "en",
    "nederlands": "nl",
    "dutch": "nl",
    "français": "fr",
    "francais": "fr",
    "french": "fr",
    "deutsch": "de",
    "german": "de",
}


class StaffListError(ValueError):
    """The staff list cannot be used; the message is one line naming the file and, where known, the line."""


@dataclass(frozen=True, slots=True)
class StaffMember:
    name: str
    language: str | None = None  # the version this person receives, when the list says so


def read_staff(path: Path) -> tuple[StaffMember, ...]:
    """The people listed in `path`, in the file's order."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise StaffListError(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > MAX_BYTES:
        raise StaffListError(f"{path} is larger than 1 MB; a staff list is one name per line")
    if b"\x00" in data:
        raise StaffListError(f"{path} is not a text file; save the staff list as CSV")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StaffListError(f"{path} is not UTF-8 text; save it as 'CSV UTF-8'") from None
    return parse_staff(text, str(path))


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        return csv.excel  # one column: no delimiter to find


def parse_staff(text: str, where: str = "the staff list") -> tuple[StaffMember, ...]:
    text = text.removeprefix("\ufeff")
    dialect = _dialect(text)
    try:
        rows = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as error:
        raise StaffListError(f"{where} is not a CSV file: {error}") from None
    numbered = [(number, [cell.strip() for cell in row]) for number, row in enumerate(rows, 1)]
    numbered = [(number, row) for number, row in numbered if any(row)]
    if not numbered:
        raise StaffListError(f"{where} has no names; give one name per line, or a column headed 'name'")
    headers = [cell.lower() for cell in numbered[0][1]]
    if any(cell in NAME_HEADERS | LANGUAGE_HEADERS for cell in headers):
        name_column = next((i for i, cell in enumerate(headers) if cell in NAME_HEADERS), None)
        if name_column is None:
            raise StaffListError(f"{where}, line {numbered[0][0]}: no column headed 'name'")
        language_column = next((i for i, cell in enumerate(headers) if cell in LANGUAGE_HEADERS), None)
        entries = [
            (number, _cell(row, name_column), _cell(row, language_column)) for number, row in numbered[1:]
        ]
    else:
        entries = [(number, *_headless(row, numbered, dialect.delimiter)) for number, row in numbered]
    if len(entries) > MAX_PEOPLE:
        raise StaffListError(f"{where} lists more than {MAX_PEOPLE:,} people")
    people: list[StaffMember] = []
    for number, raw_name, raw_language in entries:
        name = " ".join(clean(raw_name).split())
        if not name:
            continue
        if len(name) > MAX_NAME:
            raise StaffListError(f"{where}, line {number}: a name longer than {MAX_NAME} characters")
        language = None
        if raw_language:
            language = LANGUAGES.get(raw_language.lower())
            if language is None:
                raise StaffListError(
                    f"{where}, line {number}: language {raw_language!r} is not nl, fr, de or en"
                )
        people.append(StaffMember(name, language))
    if not people:
        raise StaffListError(f"{where} has no names; give one name per line, or a column headed 'name'")
    return tuple(people)


def _cell(row: list[str], column: int | None) -> str:
    return row[column] if column is not None and column < len(row) else ""


def _headless(row: list[str], rows: list[tuple[int, list[str]]], delimiter: str) -> tuple[str, str]:
    """Name and language of a row in a list without a header row.

    With commas, a one-column list of "Peeters, Jan" looks like two columns: the line is one name,
    unless every line's second cell is a language.
    """
    languages = all(len(other) == 2 and other[1].lower() in LANGUAGES for _, other in rows)
    if delimiter == "," and not languages:
        return ", ".join(cell for cell in row if cell), ""
    second = row[1] if len(row) > 1 else ""
    return row[0], second if second.lower() in LANGUAGES else ""
