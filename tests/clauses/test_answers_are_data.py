"""Answers are data only: markup, template code and control characters in an answer stay literal text."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from typing import Any

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from policy_helpers import LIBRARY, answers

from clauses.export import render
from clauses.export.markdown import escape
from clauses.model import Document

INJECTIONS = [
    "{{ 7*7 }}",
    "{% if true %}yes{% endif %}",
    "<script>alert(1)</script>",
    "**bold** and _it_",
    "# heading",
    "- item",
    "1. first",
    "[link](http://x.example)",
    '=HYPERLINK("http://x.example")',
    "| a | b |",
    "&amp; &lt;b&gt;",
    "`code` ~~gone~~ \\escaped",
]
# Every free-text answer of the interview, and the choices that bring it on the path.
TEXT_ANSWERS = (
    "org_name",
    "spokespersons",
    "crisis_contact",
    "crisis_escalation",
    "whistleblowing_how",
    "it_policy_name",
    "advocacy_reward",
    "ai_tools",
)
MARKDOWN = MarkdownIt("commonmark").enable("table")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(html: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(html)
    return normalise(" ".join(parser.parts)), parser.tags


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return normalise(" ".join(parts))


def every_format(document: Document) -> dict[str, str]:
    """What a reader sees in each format, as plain text, plus the tags the HTML formats produced."""
    markdown_html = MARKDOWN.render(str(render(document, "md")))
    html = str(render(document, "html"))
    return {
        "md": html_text(markdown_html)[0],
        "html": html_text(html)[0],
        "txt": normalise(str(render(document, "txt"))),
        "docx": docx_text(bytes(render(document, "docx"))),
        "md tags": " ".join(sorted(set(html_text(markdown_html)[1]))),
        "html tags": " ".join(sorted(set(html_text(html)[1]))),
    }


BENIGN = every_format(LIBRARY.assemble(answers(**dict.fromkeys(TEXT_ANSWERS, "Plain words"))))


@pytest.mark.parametrize("injection", INJECTIONS)
@pytest.mark.parametrize("policy_type", ["comprehensive", "limited"])
def test_an_injected_answer_appears_literally_in_every_format(injection: str, policy_type: str) -> None:
    document = LIBRARY.assemble(answers(policy_type=policy_type, **dict.fromkeys(TEXT_ANSWERS, injection)))
    seen = every_format(document)
    for fmt in ("md", "html", "txt", "docx"):
        assert injection in seen[fmt], fmt
        assert "49" not in seen[fmt] or "49" in BENIGN[fmt]
    # No answer produced an element the benign policy does not have: no script, link, heading or code.
    assert set(seen["html tags"].split()) <= set(BENIGN["html tags"].split())
    assert set(seen["md tags"].split()) <= set(BENIGN["md tags"].split())


def test_a_multi_line_answer_cannot_start_a_heading_or_list() -> None:
    escalation = "the CEO\n# Heading\n- item\n1. item\n===\n<div>x</div>"
    document = LIBRARY.assemble(answers(crisis_escalation=escalation))
    markdown_html = MARKDOWN.render(str(render(document, "md")))
    assert "<h1>Heading" not in markdown_html and "<div>" not in markdown_html
    for fmt in ("md", "html", "txt", "docx"):
        assert normalise(escalation) in every_format(document)[fmt], fmt


def test_control_characters_are_removed_and_docx_still_saves() -> None:
    name = "Acme\x00 Bel\x07gium\x1b[31m NV\x0c\x7f\x9b"
    document = LIBRARY.assemble(answers(org_name=name))
    assert document.organisation == "Acme Belgium[31m NV"
    seen = every_format(document)
    for fmt in ("md", "html", "txt", "docx"):
        assert "Acme Belgium[31m NV" in seen[fmt], fmt
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", seen[fmt]), fmt


def test_a_template_tag_in_an_answer_is_never_rendered() -> None:
    document = LIBRARY.assemble(answers(org_name="{{ statute('cba_81') }} {{ facts.owner }}"))
    assert "{{ statute('cba_81') }} {{ facts.owner }}" in normalise(str(render(document, "txt")))


@settings(max_examples=200)
@given(st.text(min_size=1, max_size=80))
def test_markdown_escaping_shows_any_text_literally(text: str) -> None:
    text = "".join(ch for ch in text if ch.isprintable() or ch == "\n")
    if not text.strip():
        return
    # Escaped text as a paragraph of its own, after a line of ours, as in a clause.
    shown = html_text(MARKDOWN.render("Words before.\n\n" + escape(text).lstrip() + "\n"))[0]
    assert shown.removeprefix("Words before.").strip() == normalise(text.replace("\x00", "\ufffd"))
