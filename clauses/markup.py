"""The clause templates' own tiny markup, and how answers are kept out of it.

A rendered clause template is parsed line by line:

    # Title          on the first line only: the clause's title
    (blank line)     ends a paragraph, a list or a table
    - text           an item of a bulleted list
    1. text          an item of a numbered list (any number; lists always count from 1)
    | a | b |        a table row; the first row is the header
    @signature | Name | Date |   the signature block, with its fields
    **text**         bold, within a line

Indentation is ignored. A line that starts no new item continues the list item above it, and the lines
of a paragraph are joined with a space, so templates can wrap freely; a blank line ends a list.

Every value a template prints with ``{{ ... }}`` goes through `literal()` (the environment's `finalize`
hook) and comes out as an opaque token. The parser only looks for markup in the template's own text,
never inside a token, and turns each token back into plain text. So an answer such as ``**bold**``,
``- item`` or ``| cell`` stays literal text in every format.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from jinja2 import Undefined

from clauses.model import Block, BulletList, Inline, NumberedList, Paragraph, Run, SignatureBlock, Table
from clauses.sandbox import MAX_TEXT, RenderLimit

OPEN, CLOSE, NEWLINE = "\ue000", "\ue001", "\ue002"

# Characters XML 1.0 forbids (python-docx would refuse them), C1 controls that terminals interpret,
# and our own token delimiters.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\ue000-\ue002]")
_TOKEN = re.compile(f"{OPEN}([^{CLOSE}]*){CLOSE}")
_NUMBERED = re.compile(r"\d+\.\s")


class MarkupError(ValueError):
    """A template produced markup the parser cannot read, such as an unclosed ``**``."""


_BLANKS = " \t\n\r\f\v"
_SPACES = re.compile(f"[{_BLANKS}]+")


def squeeze(text: str) -> str:
    """Single spaces, trimmed; no-break spaces stay, even at the edges, since French typography needs
    them (« x », a :, and the label colon "\u00a0:")."""
    return _SPACES.sub(" ", text).strip(_BLANKS)


def clean(text: str) -> str:
    """Text safe for every format: line breaks unified, unsafe control characters removed."""
    return _UNSAFE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def literal(value: object) -> str:
    """Wrap a printed value as a token, so no markup inside it is ever interpreted."""
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise RenderLimit(f"a template printed {len(value):,} characters at once, more than {MAX_TEXT:,}")
    if type(value) is str:
        # Citations, labels and short answers repeat on every assembly: wrap each once.
        return _token(value) if len(value) <= 200 else _wrap(value)
    if isinstance(value, Undefined):
        # str() raises StrictUndefined's own error, which names the missing answer.
        value = str(value)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        # Lists, dates and booleans have no single right spelling: templates must format them.
        raise TypeError(f"a template printed a {type(value).__name__} ({value!r}); format it first")
    return _wrap(str(value))


def _wrap(text: str) -> str:
    # Surrounding blank space in an answer carries no meaning and would only disturb the layout.
    return f"{OPEN}{clean(text).strip().replace(chr(10), NEWLINE)}{CLOSE}"


_token = functools.lru_cache(maxsize=4096)(_wrap)


def _segments(line: str) -> list[tuple[bool, str]]:
    """Split a line into (is_literal, text) pieces."""
    pieces: list[tuple[bool, str]] = []
    position = 0
    for match in _TOKEN.finditer(line):
        if match.start() > position:
            pieces.append((False, line[position : match.start()]))
        pieces.append((True, match.group(1).replace(NEWLINE, "\n")))
        position = match.end()
    if position < len(line):
        pieces.append((False, line[position:]))
    return pieces


def inline(text: str) -> Inline:
    """Runs of one block's text: bold from ``**`` in the template's text, tokens as literal runs."""
    runs: list[Run] = []
    bold = False
    for is_literal, piece in _segments(text):
        parts = [piece] if is_literal else piece.split("**")
        for index, part in enumerate(parts):
            if index:
                bold = not bold
            if not part:
                continue
            if runs and runs[-1].bold == bold:
                runs[-1] = Run(runs[-1].text + part, bold)
            else:
                runs.append(Run(part, bold))
    if bold:
        raise MarkupError(f"unclosed ** in: {_plain(text)[:60]!r}")
    return tuple(runs)


# A clause rendered again for other answers mostly repeats its paragraphs: keep their runs.
_inline = functools.lru_cache(maxsize=16_384)(inline)


def _plain(text: str) -> str:
    return "".join(piece for _, piece in _segments(text))


def _cells(line: str) -> list[str]:
    """A table row's cells, split on the template's own ``|`` only (never one inside an answer)."""
    cells: list[str] = [""]
    for is_literal, piece in _segments(line.strip()):
        if is_literal:
            cells[-1] += f"{OPEN}{piece.replace(chr(10), NEWLINE)}{CLOSE}"
            continue
        parts = piece.split("|")
        cells[-1] += parts[0]
        cells.extend(parts[1:])
    # A row is written "| a | b |": drop the empty edges.
    if cells and not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    return [cell.strip() for cell in cells]


def _starts_with(line: str, test: Callable[[str], bool]) -> bool:
    """Whether the template's own text at the start of the line passes `test`."""
    return not line.startswith(OPEN) and test(line)


def parse(rendered: str) -> tuple[str | None, tuple[Block, ...]]:
    """Parse one rendered clause into its title and blocks."""
    lines = rendered.split("\n")
    title: str | None = None
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].startswith("# "):
        title = _plain(lines[first][2:]).strip()
        lines = lines[first + 1 :]

    blocks: list[Block] = []
    kind: str | None = None  # the block being built: "p", "ul", "ol" or "table"
    items: list[str] = []
    rows: list[str] = []

    def flush() -> None:
        nonlocal kind
        if kind == "p":
            blocks.append(Paragraph(_inline(" ".join(items))))
        elif kind == "ul":
            blocks.append(BulletList(tuple(_inline(item) for item in items)))
        elif kind == "ol":
            blocks.append(NumberedList(tuple(_inline(item) for item in items)))
        elif kind == "table":
            header, *body = ([_inline(cell) for cell in _cells(row)] for row in rows)
            blocks.append(Table(tuple(header), tuple(tuple(row) for row in body)))
        kind = None
        items.clear()
        rows.clear()

    for raw in lines:
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
        elif _starts_with(stripped, lambda s: s.startswith("- ")):
            if kind != "ul":
                flush()
                kind = "ul"
            items.append(stripped[2:].strip())
        elif _starts_with(stripped, lambda s: bool(_NUMBERED.match(s))):
            if kind != "ol":
                flush()
                kind = "ol"
            items.append(stripped.split(".", 1)[1].strip())
        elif _starts_with(stripped, lambda s: s.startswith("|")):
            if kind != "table":
                flush()
                kind = "table"
            rows.append(stripped)
        elif _starts_with(stripped, lambda s: s.startswith("@signature")):
            flush()
            fields = tuple(_plain(cell) for cell in _cells(stripped.removeprefix("@signature")))
            if not fields:
                raise MarkupError("@signature needs its fields: @signature | Name | Date |")
            blocks.append(SignatureBlock(fields))
        elif _starts_with(stripped, lambda s: s.startswith("# ")):
            raise MarkupError(f"a title may only open a clause: {_plain(stripped)[:60]!r}")
        elif kind in ("ul", "ol"):
            # A line that starts no new item continues the item above it.
            items[-1] += " " + stripped
        else:
            if kind != "p":
                flush()
                kind = "p"
            items.append(stripped)
    flush()
    return title, tuple(blocks)
