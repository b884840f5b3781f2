"""One standalone HTML file with its CSS embedded, ready to read or print (annexes start a new page)."""

from __future__ import annotations

import functools
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from clauses.export.side_by_side import Part, SideBySide

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
        if not any(run.text.strip() for cell in item.header for run in cell):
            # A table without a header (the kit's key facts): label and value, row by row.
            rows = "\n".join(
                "<tr>" + "".join(f"<td>{inline(cell)}</td>" for cell in row) + "</tr>" for row in item.rows
            )
            return f"<table>\n<tbody>\n{rows}\n</tbody>\n</table>"
        head = "".join(f"<th>{inline(cell)}</th>" for cell in item.header)
        body = "\n".join(
            "<tr>" + "".join(f"<td>{inline(cell)}</td>" for cell in row) + "</tr>" for row in item.rows
        )
        return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
    if isinstance(item, SignatureBlock):
        rows = "\n".join(
            f'<tr><td class="label">{_text(label)}</td><td>{_text(value)}</td></tr>'
            for label, value in item.lines()
        )
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


def _details(rows: tuple[tuple[str, str], ...]) -> str:
    body = "\n".join(f"<tr><th>{_text(k)}</th><td>{_text(v)}</td></tr>" for k, v in rows)
    return f'<table class="details">\n<tbody>\n{body}\n</tbody>\n</table>'


def _page(document: Document, title: str, body: list[str], body_class: str = "") -> str:
    classes = f' class="{body_class}"' if body_class else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(document.language_tag)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} · {escape(' '.join(document.organisation.split()))}</title>\n"
        f"<style>\n{_style()}</style>\n</head>\n<body{classes}>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


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
        body.append(_details(document.details))
    for section in document.sections:
        body.append(f'<section id="{escape(section.id)}">')
        if section.title:
            heading = f"{section.number}. {section.title}" if section.number else section.title
            body.append(f"<h2>{_text(heading)}</h2>")
        body.extend(_clause(clause) for clause in section.clauses)
        body.append("</section>")
    for annex in document.annexes:
        body.append(f'<section class="annex" id="{escape(annex.id)}">')
        heading = f"{annex.label}. {annex.title}" if annex.label else annex.title
        body.append(f"<h2>{_text(heading)}</h2>")
        body.extend(_clause(clause) for clause in annex.clauses)
        body.append("</section>")
    return _page(document, document.title, body)


def _parts(parts: tuple[Part, ...]) -> str:
    from clauses.export.side_by_side import Heading

    shown = []
    for part in parts:
        if isinstance(part, Heading):
            shown.append(f"<h{part.level + 1}>{_text(part.text)}</h{part.level + 1}>")
        elif isinstance(part, tuple):
            shown.append(_details(part))
        else:
            shown.append(block(part))
    return "\n".join(shown)


def render_side_by_side(pair: SideBySide) -> str:
    """Two columns, one language each, paragraph by paragraph; tables across the page, one above
    the other."""
    from clauses.export.side_by_side import rows

    left, right = pair.left, pair.right
    languages = (escape(left.language_tag), escape(right.language_tag))
    body: list[str] = [f"<header>\n<h1>{_text(pair.title)}</h1>"]
    if left.subtitle:
        body.append(f'<p class="organisation">{_text(left.subtitle)}</p>')
    body.append("</header>")
    for row in rows(pair):
        kind = "stacked" if row.stacked else "pair"
        page = " annex" if row.new_page else ""
        body.append(
            f'<div class="{kind}{page}">\n'
            f'<div lang="{languages[0]}">\n{_parts(row.left)}\n</div>\n'
            f'<div lang="{languages[1]}">\n{_parts(row.right)}\n</div>\n</div>'
        )
    return _page(left, pair.title, body, "side-by-side")
