"""HTML into blocks, with lxml's HTML parser (libxml2): linear in the input, with its own limits on
depth and on the size of a text node, where the standard library's parser took 84 s on 1 MB of "</".
Navigation, headers, footers, scripts and styles are not the policy; a row of <th> cells is labels.
"""

from __future__ import annotations

from typing import Any

from lxml import etree, html

from clauses.review.errors import ReviewInputError
from clauses.review.reader_blocks import Raw

MAX_DEPTH = 200  # elements nested deeper than this are read as text of their ancestor at this depth
_BLOCKS = {
    "p",
    "div",
    "li",
    "dt",
    "dd",
    "blockquote",
    "section",
    "article",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "table",
    "main",
    "caption",
    "figcaption",
    "pre",
    "hr",
    "dl",
    "address",
    "tr",
    "body",
}
_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "head",
    "iframe",
    "object",
    "math",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "title",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def html_blocks(text: str, name: str) -> list[Raw]:
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False)
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        raise ReviewInputError(f"{name}: the HTML cannot be read (it has no text to review)") from None
    walker = _Walker()
    walker.walk(root)
    return walker.raws


class _Walker:
    def __init__(self) -> None:
        self.raws: list[Raw] = []
        self.parts: list[str] = []
        self.line: int | None = None
        self.kind = ""

    def flush(self) -> None:
        text = "".join(self.parts)
        if text.strip():
            self.raws.append(
                Raw(text, self.line, is_heading=self.kind in _HEADINGS, is_item=self.kind == "li")
            )
        self.parts, self.line = [], None

    def walk(self, root: Any) -> None:
        """Depth first without recursion: a document nested 100,000 deep cannot exhaust the stack."""
        stack: list[tuple[Any, bool, int]] = [(root, True, 0)]
        while stack:
            element, opening, depth = stack.pop()
            tag = element.tag.lower() if isinstance(element.tag, str) else ""
            if not opening:
                self._close(element, tag)
                continue
            if tag in _SKIP:
                self._tail(element)
                continue
            if tag == "tr":
                self._row(element)
                continue
            self._open(element, tag)
            stack.append((element, False, depth))
            if depth < MAX_DEPTH:
                stack.extend((child, True, depth + 1) for child in reversed(element))
            else:
                self.parts.append(" ".join(element.itertext()))

    def _open(self, element: Any, tag: str) -> None:
        if tag in _BLOCKS:
            self.flush()
            self.kind = tag if tag != "br" else self.kind
        self._text(element.text, element)

    def _close(self, element: Any, tag: str) -> None:
        if tag in _BLOCKS:
            self.flush()
            self.kind = ""
        self._tail(element)

    def _tail(self, element: Any) -> None:
        self._text(element.tail, element.getparent() if element.getparent() is not None else element)

    def _text(self, text: str | None, element: Any) -> None:
        if text and text.strip():
            if self.line is None:
                self.line = element.sourceline
            self.parts.append(text)

    def _row(self, row: Any) -> None:
        self.flush()
        cells = [
            " ".join("".join(cell.itertext()).split())
            for cell in row
            if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th")
        ]
        cells = [cell for cell in cells if cell]
        header = all(isinstance(c.tag, str) and c.tag.lower() == "th" for c in row if isinstance(c.tag, str))
        if cells:
            self.raws.append(Raw(": ".join(cells), row.sourceline, is_label=header))
        self._tail(row)
