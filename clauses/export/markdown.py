"""Markdown (CommonMark with pipe tables). Every run is escaped, so answers never become markup."""

from __future__ import annotations

import re

from clauses.model import (
    Block,
    BulletList,
    Document,
    Inline,
    NumberedList,
    Paragraph,
    SignatureBlock,
    Table,
)

# Characters with a meaning anywhere in a line. Backslash-escaping ASCII punctuation is always literal in
# CommonMark, so over-escaping is safe; these are the ones that can start markup mid-line.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&!])")
# Characters that only mean something at the start of a line: headings, lists, quotes, rules, tables.
_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+(?=[.)]))")
_EDGE_BREAKS = re.compile(r"^\s*\n|\n\s*$")


def escape(text: str, *, in_table: bool = False) -> str:
    """Text that CommonMark shows literally. `in_table` for one-line places: cells, headings."""
    escaped = _INLINE.sub(r"\\\1", text)
    if in_table:
        # One line, after a "|" or a "#": nothing in it can start a block.
        return " ".join(line.strip() for line in escaped.split("\n"))
    # A line break at either end would leave a dangling backslash; spaces around words must stay.
    escaped = _EDGE_BREAKS.sub("", escaped)
    lines = [_LINE_START.sub(_escape_start, line) for line in escaped.split("\n")]
    # A hard line break inside a paragraph or item.
    return "\\\n".join(lines)


def _escape_start(match: re.Match[str]) -> str:
    spaces, marker = match.group(1), match.group(2)
    if marker[0].isdigit():
        # "1." starts a list only with the dot: keep the number, escape what follows it.
        return f"{spaces}{marker}\\"
    return f"{spaces}\\{marker}"


def inline(runs: Inline, *, in_table: bool = False) -> str:
    parts = []
    for run in runs:
        text = escape(run.text, in_table=in_table)
        if run.bold and text.strip():
            # Emphasis markers must hug the text: keep surrounding spaces outside them.
            core = text.strip()
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
            text = f"{lead}**{core}**{trail}"
        parts.append(text)
    return "".join(parts)


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def block(item: Block) -> str:
    # Leading spaces are dropped from each block: four of them would start a code block.
    if isinstance(item, Paragraph):
        return inline(item.runs).lstrip()
    if isinstance(item, BulletList):
        return "\n".join("- " + inline(entry).lstrip().replace("\n", "\n  ") for entry in item.items)
    if isinstance(item, NumberedList):
        return "\n".join(
            f"{number}. " + inline(entry).lstrip().replace("\n", "\n   ")
            for number, entry in enumerate(item.items, 1)
        )
    if isinstance(item, Table):
        return _table(
            [inline(cell, in_table=True) for cell in item.header],
            [[inline(cell, in_table=True) for cell in row] for row in item.rows],
        )
    if isinstance(item, SignatureBlock):
        return _table(
            ["", ""],
            [
                [escape(label, in_table=True), escape(value, in_table=True) or " "]
                for label, value in item.lines()
            ],
        )
    raise TypeError(f"unknown block {item!r}")


def render(document: Document) -> str:
    out: list[str] = [f"# {escape(document.title, in_table=True)}"]
    if document.subtitle:
        out.append(f"**{escape(document.subtitle, in_table=True)}**")
    for item in (block for clause in document.notice for block in clause.blocks):
        text = block(item)
        out.append("\n".join("> " + line if line else ">" for line in text.split("\n")))
    if document.details:
        out.append(
            _table(
                ["", ""], [[escape(k, in_table=True), escape(v, in_table=True)] for k, v in document.details]
            )
        )
    for section in document.sections:
        if section.title:
            number = f"{section.number}. " if section.number else ""
            out.append(f"## {number}{escape(section.title, in_table=True)}")
        for clause in section.clauses:
            if clause.title:
                number = f"{clause.number} " if clause.number else ""
                out.append(f"### {number}{escape(clause.title, in_table=True)}")
            out.extend(block(item) for item in clause.blocks)
    for annex in document.annexes:
        out.append("---")
        label = f"{escape(annex.label, in_table=True)}. " if annex.label else ""
        out.append(f"## {label}{escape(annex.title, in_table=True)}")
        for clause in annex.clauses:
            if clause.title:
                out.append(f"### {escape(clause.title, in_table=True)}")
            out.extend(block(item) for item in clause.blocks)
    return "\n\n".join(out) + "\n"
