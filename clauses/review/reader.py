"""Reading a policy into blocks of text, each with where it was found.

Markdown (reader_markdown.py), plain text (here), HTML (reader_html.py) and DOCX (reader_docx.py).
Every problem with the file becomes a one-line ReviewInputError; nothing here raises anything else for
bad input. Sizes are checked before anything is parsed, and every parser is linear in its input.
"""

from __future__ import annotations

import bisect
import codecs
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from clauses.review.errors import ReviewInputError
from clauses.review.reader_blocks import Raw
from clauses.review.reader_docx import docx_blocks
from clauses.review.reader_html import html_blocks
from clauses.review.reader_markdown import front_matter_lines, markdown_blocks

# A policy of 5,000 words is about 35 KB of text. Beyond these limits the file is not a policy (and a
# review of 1 MB of text, some 150,000 words, still takes only a second or two).
MAX_TEXT_BYTES = 1024 * 1024
MAX_DOCX_BYTES = 25 * 1024 * 1024  # photos and logos make DOCX files larger; their text still counts

FORMATS = {".md": "md", ".markdown": "md", ".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html"}
FORMATS[".docx"] = "docx"

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, list item, table row or heading of the policy.

    `heading` is the nearest heading above it, `paragraph` its number under that heading (from 1),
    `line` its first line in the file (None for DOCX), `lead` the sentence introducing a list
    ("The organisation will never:") for list items, so that a negation there applies to the item.
    """

    text: str
    heading: str | None
    paragraph: int
    line: int | None
    index: int
    is_heading: bool = False
    lead: str = ""
    breaks: tuple[int, ...] = ()  # offsets in `text` where a new line of the file begins
    is_label: bool = False  # a table's header row: labels, not sentences of the policy
    source: int | None = None  # a DOCX paragraph's number in the document (to comment on it)

    def line_at(self, offset: int) -> int | None:
        """The file's line holding the character at `offset` of the text (None for DOCX)."""
        if self.line is None:
            return None
        return self.line + bisect.bisect_right(self.breaks, offset)


@dataclass(frozen=True, slots=True)
class Text:
    """A policy as read: its blocks and the format it came in."""

    blocks: tuple[Block, ...]
    format: str

    @property
    def body(self) -> str:
        return "\n".join(block.text for block in self.blocks)


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def read_file(path: str | Path) -> Text:
    """Read a policy file; ReviewInputError with a one-line message if it cannot be reviewed."""
    path = Path(path)
    name = path.name or str(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted({".md", ".txt", ".html", ".docx"}))
        hint = " (save it as .docx first)" if path.suffix.lower() in (".doc", ".odt", ".rtf", ".pdf") else ""
        raise ReviewInputError(
            f"{name}: cannot review a {path.suffix or 'file without an extension'} file{hint}; "
            f"give one of {known}"
        )
    try:
        if path.is_dir():
            raise ReviewInputError(f"{name} is a folder; give a policy file")
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReviewInputError(f"{path}: no such file") from None
    except OSError as error:
        raise ReviewInputError(f"{name} cannot be read ({error.strerror or error})") from None
    limit = MAX_DOCX_BYTES if fmt == "docx" else MAX_TEXT_BYTES
    if size > limit:
        raise ReviewInputError(
            f"{name} is {human_size(size)}, too large for a policy: the review reads {fmt.upper()} files "
            f"up to {human_size(limit)}"
        )
    if size == 0:
        raise ReviewInputError(f"{name} is empty: there is no policy to review")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReviewInputError(f"{name} cannot be read ({error.strerror or error})") from None
    return read_bytes(data, fmt, name)


def read_bytes(data: bytes, fmt: str, name: str = "the file") -> Text:
    """Read a policy from its bytes in a format (md, txt, html or docx)."""
    if not data:
        raise ReviewInputError(f"{name} is empty: there is no policy to review")
    if data.startswith(OLE_MAGIC):
        raise ReviewInputError(
            f"{name} is an encrypted (password-protected) Word document or an old .doc file: remove the "
            "password or save it as .docx, then review it again"
        )
    if fmt == "docx":
        if not data.startswith(ZIP_MAGIC):
            raise ReviewInputError(f"{name} is not a valid .docx file (it is not a ZIP archive)")
        blocks = docx_blocks(data, name)
    else:
        if data.startswith(ZIP_MAGIC):
            raise ReviewInputError(
                f"{name} is a ZIP archive, not {fmt.upper()} text; rename it if it is a .docx"
            )
        text = decode(data, name)
        if fmt == "html":
            blocks = html_blocks(text, name)
        elif fmt == "md":
            blocks = list(markdown_blocks(text))
        else:
            lines = text.splitlines()
            skipped = front_matter_lines(lines)
            blocks = list(_text_blocks([""] * skipped + lines[skipped:]))
    size = sum(len(raw.text) for raw in blocks)
    if size > MAX_TEXT_BYTES:
        raise ReviewInputError(
            f"{name} holds {human_size(size)} of text, too much for a policy: the review reads up to "
            f"{human_size(MAX_TEXT_BYTES)}"
        )
    located = tuple(_locate(blocks))
    if located and all(block.is_heading for block in located):
        # Nothing but short lines, such as a one-line note: read them as text, not headings.
        located = tuple(_locate(Raw(b.text, b.line) for b in located))
    if not located:
        raise ReviewInputError(f"{name} has no text to review")
    return Text(located, fmt)


# --- decoding -------------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"))
_BOMS += ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes, name: str = "the file") -> str:
    """Text from bytes: UTF-8 (or UTF-16/32 with a byte order mark), else Windows-1252; never binary."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise ReviewInputError(f"{name} cannot be decoded as {encoding.upper()} text") from None
            break
    else:
        if b"\x00" in data[:65536]:
            raise ReviewInputError(f"{name} is not a text file (it contains binary data)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise ReviewInputError(
                    f"{name} cannot be decoded: it is neither UTF-8 nor Windows-1252 text"
                ) from None
    if _looks_binary(text):
        raise ReviewInputError(f"{name} is not a text file (it contains binary data)")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if "\x00" in sample:
        return True
    controls = sum(1 for char in sample if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f\v")
    return controls > max(8, len(sample) // 100)


# --- shared helpers -------------------------------------------------------------------------------


_SPACES = re.compile(r"\s+")


# Never part of a policy's words, and harmful when a passage is quoted back: control characters (an
# escape sequence would clear or retitle the terminal the report is printed in) and the marks that make
# text display in another order than it reads. Soft hyphens and zero-width spaces only split words.
_DROPPED = frozenset(
    "\u00ad\u200b\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    + "".join(chr(code) for code in (*range(0x20), *range(0x7F, 0xA0)) if not chr(code).isspace())
)
_DROP = str.maketrans(dict.fromkeys(map(ord, _DROPPED)))


def plain(text: str) -> str:
    """`text` without the characters of _DROPPED."""
    return text.translate(_DROP)


def clean(text: str) -> str:
    return _SPACES.sub(" ", plain(text)).strip()


def clean_lines(raw: str) -> tuple[str, tuple[int, ...]]:
    """Whitespace collapsed to single spaces, and where each later line of `raw` starts in the result."""
    text = plain(raw)
    if "\n" not in text:
        return " ".join(text.split()), ()
    out: list[str] = []
    breaks: list[int] = []
    size = 0
    for match in _RUN.finditer(text):  # runs of non-space, each with the space before it
        space, word = match.group(1), match.group(2)
        if size:
            out.append(" ")
            size += 1
            breaks.extend([size] * space.count("\n"))
        out.append(word)
        size += len(word)
    return "".join(out), tuple(breaks)


_RUN = re.compile(r"(\s*)(\S+)")


def _locate(raws: Iterable[Raw]) -> Iterator[Block]:
    heading: str | None = None
    paragraph = 0
    lead = ""
    index = 0
    for raw in raws:
        text, breaks = clean_lines(raw.text)
        if not text:
            continue
        index += 1
        if raw.is_heading:
            heading, paragraph, lead = text, 0, ""
            yield Block(text, heading, 0, raw.line, index, is_heading=True, breaks=breaks, source=raw.source)
            continue
        paragraph += 1
        yield Block(
            text,
            heading,
            paragraph,
            raw.line,
            index,
            lead=lead if raw.is_item else "",
            breaks=breaks,
            is_label=raw.is_label,
            source=raw.source,
        )
        if not raw.is_item:
            lead = _last_sentence(text) if text.endswith(":") else ""


def _last_sentence(text: str) -> str:
    parts = re.split(r"(?<=[.!?])\s+", text)
    return parts[-1] if parts else text


# --- Plain text -----------------------------------------------------------------------------------

_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_TXT_ITEM = re.compile(r"^\s*(?:[-*•–·o]|\(?[0-9a-z]{1,3}[.)])\s+(.*)$")
_TXT_NUMBERED_HEADING = re.compile(r"^\s*(?:article\s+|artikel\s+|art\.\s*)?\d{1,2}(?:\.\d{1,2})*\.?\s+\S")


def _is_text_heading(paragraph: list[str]) -> bool:
    if len(paragraph) != 1:
        return False
    line = paragraph[0].strip()
    words = line.split()
    if not words or len(words) > 12 or line.endswith((".", ",", ";", ":", "?", "!")):
        return False
    if _TXT_NUMBERED_HEADING.match(line):
        return True
    letters = [char for char in line if char.isalpha()]
    return bool(letters) and (all(char.isupper() for char in letters) or len(words) <= 8)


def _text_blocks(lines: list[str]) -> Iterator[Raw]:
    paragraph: list[str] = []
    start = 0

    def flush() -> Iterator[Raw]:
        if not paragraph:
            return
        if _is_text_heading(paragraph):
            yield Raw(paragraph[0], start, is_heading=True)
            return
        current: Raw | None = None
        for offset, line in enumerate(paragraph):
            item = _TXT_ITEM.match(line)
            if item:
                if current:
                    yield current
                current = Raw(item.group(1), start + offset, is_item=True)
            elif current is None:
                current = Raw(line.strip(), start + offset)
            else:
                current.text += "\n" + line.strip()
        if current:
            yield current

    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if paragraph and len(paragraph) == 1 and _SETEXT.match(line) and len(stripped) >= 3:
            yield Raw(paragraph[0], start, is_heading=True)
            paragraph = []
            continue
        if not stripped:
            yield from flush()
            paragraph = []
            continue
        if not paragraph:
            start = number
        paragraph.append(line)
    yield from flush()
