"""One standalone HTML file with its CSS embedded, ready to read or print (annexes start a new page)."""

from __future__ import annotations

import functools
from html import escape
from pathlib import Path

from clauses.model import (
    Block,
    BulletList,
    Clause,
    Document,
    Inline,
    NumberedList,
    Paragraph,
    SignatureBlock,
    Table,
)

STYLE = Path(__file__).resolve().parent.parent / "library" / "style.css"


@functools.cache
def _style() -> str:
    return STYLE.read_text(encoding="utf-8")


def _text(text: str) -> str:
    return escape(text, quote=True).replace("\n", "<br>\n")


def inline(runs: Inline) -> str:
    return "".join(f"<strong>{_text(run.text)}</strong>" if run.bold else _text(run.text) for run in runs)


def block(item: Block) -> str:
    if isinstance(item, Paragraph):
        return f"<p>{inline(item.runs)}</p>"
    if isinstance(item, BulletList):
        return "<ul>\n" + "\n".join(f"<li>{inline(entry)}</li>" for entry in item.items) + "\n</ul>"
    if isinstance(item, NumberedList):
        return "<ol>\n" + "\n".join(f"<li>{inline(entry)}</li>" for entry in item.items) + "\n</ol>"
    if isinstance(item, Table):
        head = "".join(f"<th>{inline(cell)}</th>" for cell in item.header)
        body = "\n".join(
            "<tr>" + "".join(f"<td>{inline(cell)}</td>" for cell in row) + "</tr>" for row in item.rows
        )
        return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
    if isinstance(item, SignatureBlock):
        rows = "\n".join(f'<tr><td class="label">{_text(label)}</td><td></td></tr>' for label in item.fields)
        return f'<table class="signature">\n<tbody>\n{rows}\n</tbody>\n</table>'
    raise TypeError(f"unknown block {item!r}")


def _clause(clause: Clause) -> str:
    parts = [f'<div class="clause" id="{escape(clause.id)}">']
    if clause.title:
        number = f"{clause.number} " if clause.number else ""
        parts.append(f"<h3>{_text(number + clause.title)}</h3>")
    parts.extend(block(item) for item in clause.blocks)
    parts.append("</div>")
    return "\n".join(parts)


def render(document: Document) -> str:
    body: list[str] = [f"<header>\n<h1>{_text(document.title)}</h1>"]
    if document.subtitle:
        body.append(f'<p class="organisation">{_text(document.subtitle)}</p>')
    body.append("</header>")
    if document.notice:
        body.append(
            '<aside class="notice">\n'
            + "\n".join(block(item) for clause in document.notice for item in clause.blocks)
            + "\n</aside>"
        )
    if document.details:
        rows = "\n".join(f"<tr><th>{_text(k)}</th><td>{_text(v)}</td></tr>" for k, v in document.details)
        body.append(f'<table class="details">\n<tbody>\n{rows}\n</tbody>\n</table>')
    for section in document.sections:
        body.append(f'<section id="{escape(section.id)}">')
        body.append(f"<h2>{_text(f'{section.number}. {section.title}')}</h2>")
        body.extend(_clause(clause) for clause in section.clauses)
        body.append("</section>")
    for annex in document.annexes:
        body.append(f'<section class="annex" id="{escape(annex.id)}">')
        body.append(f"<h2>{_text(f'{annex.label}. {annex.title}')}</h2>")
        body.extend(_clause(clause) for clause in annex.clauses)
        body.append("</section>")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(document.language_tag)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(document.title)} · {escape(' '.join(document.organisation.split()))}</title>\n"
        f"<style>\n{_style()}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )
