"""The document model and the answers as JSON, for the pipe to the process a foreign clause folder renders in.

JSON, not pickle: what comes back from that process is data about text made by someone else's
templates, and reading it must never run code. Each value is checked against the model's types as it
is read back; anything else is a WireError.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from clauses.model import (
    Annex,
    Block,
    BulletList,
    Clause,
    Document,
    Inline,
    NumberedList,
    Paragraph,
    Run,
    Section,
    SignatureBlock,
    Statute,
    Table,
)

T = TypeVar("T")

_DATE = "$date"
_DATETIME = "$datetime"
_MAPPING = "$map"


class WireError(ValueError):
    """Data from the other process that is not what the model holds."""


# --- answers -------------------------------------------------------------------------------------------


def answers_to_json(value: Any) -> Any:
    """An answers mapping (or any value in it) as JSON data; dates and mappings are tagged."""
    if isinstance(value, datetime.datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, datetime.date):
        return {_DATE: value.isoformat()}
    if isinstance(value, Mapping):
        return {_MAPPING: [[str(key), answers_to_json(item)] for key, item in value.items()]}
    if isinstance(value, list | tuple | set | frozenset):
        return [answers_to_json(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def answers_from_json(data: Any) -> Any:
    if isinstance(data, dict):
        if set(data) == {_DATETIME}:
            return datetime.datetime.fromisoformat(data[_DATETIME])
        if set(data) == {_DATE}:
            return datetime.date.fromisoformat(data[_DATE])
        if set(data) == {_MAPPING}:
            return {key: answers_from_json(item) for key, item in data[_MAPPING]}
        raise WireError("an untagged mapping among the answers")
    if isinstance(data, list):
        return [answers_from_json(item) for item in data]
    return data


# --- the document: to JSON (in the rendering process) ----------------------------------------------------


def _inline(runs: Inline) -> list[Any]:
    return [[run.text, run.bold] for run in runs]


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"p": _inline(block.runs)}
    if isinstance(block, BulletList):
        return {"ul": [_inline(item) for item in block.items]}
    if isinstance(block, NumberedList):
        return {"ol": [_inline(item) for item in block.items]}
    if isinstance(block, Table):
        return {
            "table": [[_inline(cell) for cell in block.header], [[_inline(c) for c in r] for r in block.rows]]
        }
    return {"signature": [list(block.fields), list(block.values)]}


def _clause(clause: Clause) -> list[Any]:
    return [clause.id, clause.title, clause.number, [_block(b) for b in clause.blocks], list(clause.statutes)]


def document_to_json(document: Document) -> dict[str, Any]:
    return {
        "kind": document.kind,
        "title": document.title,
        "subtitle": document.subtitle,
        "organisation": document.organisation,
        "version": document.version,
        "date": None if document.date is None else document.date.isoformat(),
        "language": document.language,
        "language_tag": document.language_tag,
        "notice": [_clause(clause) for clause in document.notice],
        "details": [list(pair) for pair in document.details],
        "sections": [[s.id, s.number, s.title, [_clause(c) for c in s.clauses]] for s in document.sections],
        "annexes": [
            [a.id, a.label, a.title, a.kind, [_clause(c) for c in a.clauses]] for a in document.annexes
        ],
        "colon": document.colon,
        "statutes": [[s.id, s.citation, s.subject, list(s.cited_in)] for s in document.statutes],
        "page_label": document.page_label,
        "version_label": document.version_label,
    }


# --- the document: from JSON (in this process), checked ------------------------------------------------


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise WireError(f"expected text, not {type(value).__name__}")
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _list(value: Any, size: int | None = None) -> list[Any]:
    if not isinstance(value, list) or (size is not None and len(value) != size):
        raise WireError("expected a list" + ("" if size is None else f" of {size}"))
    return value


def _each(read: Callable[[Any], T], value: Any) -> tuple[T, ...]:
    return tuple(read(item) for item in _list(value))


def _run(value: Any) -> Run:
    text, bold = _list(value, 2)
    if not isinstance(bold, bool):
        raise WireError("expected true or false")
    return Run(_text(text), bold)


def _read_inline(value: Any) -> Inline:
    return _each(_run, value)


def _read_block(value: Any) -> Block:
    if not isinstance(value, dict) or len(value) != 1:
        raise WireError("expected a block")
    ((kind, body),) = value.items()
    if kind == "p":
        return Paragraph(_read_inline(body))
    if kind == "ul":
        return BulletList(_each(_read_inline, body))
    if kind == "ol":
        return NumberedList(_each(_read_inline, body))
    if kind == "table":
        header, rows = _list(body, 2)
        return Table(_each(_read_inline, header), tuple(_each(_read_inline, row) for row in _list(rows)))
    if kind == "signature":
        fields, values = _list(body, 2)
        return SignatureBlock(_each(_text, fields), _each(_text, values))
    raise WireError(f"unknown block {kind!r}")


def _read_clause(value: Any) -> Clause:
    clause_id, title, number, blocks, statutes = _list(value, 5)
    return Clause(
        _text(clause_id),
        _optional_text(title),
        _optional_text(number),
        _each(_read_block, blocks),
        _each(_text, statutes),
    )


def _read_section(value: Any) -> Section:
    section_id, number, title, clauses = _list(value, 4)
    return Section(_text(section_id), _text(number), _text(title), _each(_read_clause, clauses))


def _read_annex(value: Any) -> Annex:
    annex_id, label, title, kind, clauses = _list(value, 5)
    if kind not in ("references", "acknowledgement", "other"):
        raise WireError(f"unknown annex kind {kind!r}")
    return Annex(_text(annex_id), _text(label), _text(title), kind, _each(_read_clause, clauses))


def _read_statute(value: Any) -> Statute:
    statute_id, citation, subject, cited_in = _list(value, 4)
    return Statute(_text(statute_id), _text(citation), _text(subject), _each(_text, cited_in))


def _read_detail(value: Any) -> tuple[str, str]:
    label, text = _list(value, 2)
    return _text(label), _text(text)


def document_from_json(data: Any) -> Document:
    if not isinstance(data, dict):
        raise WireError("expected a document")
    try:
        kind = data["kind"]
        if kind not in ("policy", "implementation_notes", "kit"):
            raise WireError(f"unknown document kind {kind!r}")
        date = data["date"]
        return Document(
            kind=kind,
            title=_text(data["title"]),
            subtitle=_text(data["subtitle"]),
            organisation=_text(data["organisation"]),
            version=_text(data["version"]),
            date=None if date is None else datetime.date.fromisoformat(_text(date)),
            language=_text(data["language"]),
            language_tag=_text(data["language_tag"]),
            notice=_each(_read_clause, data["notice"]),
            details=_each(_read_detail, data["details"]),
            sections=_each(_read_section, data["sections"]),
            annexes=_each(_read_annex, data["annexes"]),
            colon=_text(data["colon"]),
            statutes=_each(_read_statute, data["statutes"]),
            page_label=_text(data["page_label"]),
            version_label=_text(data["version_label"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise WireError(f"not a document ({error})") from None
