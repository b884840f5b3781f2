"""Injection strings in every text answer, in every export format, and in the review's reports.

tests/clauses/test_answers_are_data.py checks eight of the answers against a first list; this goes
further: every text answer (the department's name and the e-mail address too), the implementation notes,
the adoption kit, event handlers, autolinks, images, entities, spreadsheet formulas, Typst code and
markup, and every character XML forbids. Each appears literally, or (control characters) is removed;
nothing becomes markup; the DOCX saves and the PDF compiles.
"""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from strategies import hostile_text
from uihelp import answers_file

import clauses
from assistant.cli import main
from clauses.export import render
from clauses.model import Document
from clauses.review import review_text
from clauses.review.export import render as render_report
from dialogue.loader import load_interview
from dialogue.model import Kind
from dialogue.validation import check, validate

LIBRARY = clauses.load_library()
INTERVIEW = load_interview()
TEXT_QUESTIONS = [q for q in INTERVIEW.questions if q.kind in (Kind.TEXT, Kind.LONG_TEXT)]
# Between them, these two examples ask every text question.
BASES = {
    "comprehensive": answers_file("comprehensive-brussels.yaml"),
    "department other": answers_file("department-other.yaml"),
}
assert {q.id for q in TEXT_QUESTIONS} <= {key for answers in BASES.values() for key in answers}
MARKDOWN = MarkdownIt("commonmark").enable("table")

INJECTIONS = {
    "jinja expression": "{{ 7*7 }}",
    "jinja statement": "{% for x in range(3) %}x{% endfor %}",
    "jinja internals": "{{ ''.__class__.__mro__ }}",
    "script": "<script>alert(1)</script>",
    "img onerror": '<img src=x onerror="alert(1)">',
    "svg onload": '"><svg onload=alert(1)>',
    "javascript url": "javascript:alert(1)",
    "markdown link": "[click](http://evil.example)",
    "markdown image": "![x](http://evil.example/a.png)",
    "autolink": "<http://evil.example>",
    "markdown heading": "# Heading",
    "markdown emphasis": "*stars* and **bold** and _under_",
    "markdown code": "`code` and ~~struck~~",
    "markdown rule": "---",
    "html entities": "&lt;b&gt; &amp; &#60;i&#62;",
    "hyperlink formula": '=HYPERLINK("http://evil.example","click")',
    "plus formula": "+cmd|' /C calc'!A0",
    "at formula": "@SUM(1+1)*cmd|' /C calc'!A0",
    "minus formula": "-2+3+cmd|' /C calc'!A0",
    "table pipe": "| a | b |",
    "backslashes": "\\*not bold\\* C:\\temp\\",
    # Typst: code that would run, read a file or import one, and markup that would format.
    "typst code": '#eval("7*7") #read("/etc/passwd") #import "x.typ": y',
    "typst markup": "*strong* _emph_ $x^2$ <label> @ref = Head + item",
    "typst raw and escapes": "```py x``` `raw` \\#hash \\u{41} // comment /* block",
    "typst set rule": "#set page(fill: red)#show: none",
}
# Characters XML 1.0 forbids (python-docx refuses them) and ones terminals obey; never in an export.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read_html(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    return reader


def docx_text(data: bytes) -> str:
    word = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in word.paragraphs]
    parts += [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    parts += [word.core_properties.title or "", word.core_properties.author or ""]
    return normalise(" ".join(parts))


def pdf_text(data: bytes) -> str:
    """The PDF's text, compared without blanks and hyphens: line breaks and hyphenation put them
    anywhere in a long answer."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    text += " " + str(reader.metadata.title) + " " + str(reader.metadata.author)
    return flat(text)


def flat(text: str) -> str:
    return re.sub(r"[\s\u00ad-]", "", text)


def seen(document: Document, pdf: bool = True) -> dict[str, Any]:
    """What a reader sees in each format, and the HTML elements and attributes each produced."""
    markdown = MARKDOWN.render(str(render(document, "md")))
    html = str(render(document, "html"))
    from_markdown, from_html = read_html(markdown), read_html(html)
    return {
        "md": normalise(" ".join(from_markdown.text)),
        "html": normalise(" ".join(from_html.text)),
        "txt": normalise(str(render(document, "txt"))),
        "docx": docx_text(bytes(render(document, "docx"))),
        "pdf": pdf_text(bytes(render(document, "pdf"))) if pdf else "",
        "md tags": from_markdown.tags,
        "html tags": from_html.tags,
        "html attributes": from_html.attributes | from_markdown.attributes,
    }


def documents(answers: dict[str, Any]) -> list[Document]:
    return [LIBRARY.assemble(answers), LIBRARY.implementation_notes(answers)]


def with_every_text(base: dict[str, Any], text: str) -> dict[str, Any]:
    """`base` with every text answer on its path set to `text` where the engine accepts it, as the
    engine would store it."""
    answers = dict(base)
    for question in TEXT_QUESTIONS:
        if question.id in answers and check(question, text, None) is None:
            answers[question.id] = validate(question, text, None)
    return answers


BENIGN = {
    name: [seen(document) for document in documents(with_every_text(base, "Plain words"))]
    for name, base in BASES.items()
}


@pytest.mark.parametrize("base", list(BASES))
@pytest.mark.parametrize("injection", list(INJECTIONS))
def test_an_injection_in_every_text_answer_is_literal_in_every_format(base: str, injection: str) -> None:
    text = INJECTIONS[injection]
    answers = with_every_text(BASES[base], text)
    assert all(answers[q.id] == text for q in TEXT_QUESTIONS if q.id in answers), "each answer is set"
    for document, benign in zip(documents(answers), BENIGN[base], strict=True):
        shown = seen(document)
        for fmt in ("md", "html", "txt", "docx"):
            assert shown[fmt].count(text) >= 1, f"{fmt}: {text!r} is not shown literally"
            assert shown[fmt].count("49") == benign[fmt].count("49"), f"{fmt}: a template ran"
        assert flat(text) in shown["pdf"], f"pdf: {text!r} is not shown literally"
        assert shown["pdf"].count("49") == benign["pdf"].count("49"), "pdf: a template or Typst code ran"
        # No answer made an element or attribute the benign policy lacks: no script, link, image,
        # heading, code or event handler.
        assert shown["md tags"] <= benign["md tags"], shown["md tags"] - benign["md tags"]
        assert shown["html tags"] <= benign["html tags"], shown["html tags"] - benign["html tags"]
        assert shown["html attributes"] <= benign["html attributes"]


def test_a_formula_in_the_contact_address_is_literal(tmp_path: Path) -> None:
    address = validate(INTERVIEW["contact_email"], "=cmd+1@acme.be", None)
    document = LIBRARY.assemble({**BASES["comprehensive"], "contact_email": address})
    shown = seen(document)
    for fmt in ("md", "html", "txt", "docx"):
        assert "=cmd+1@acme.be" in shown[fmt], fmt
    assert "=cmd+1@acme.be" in shown["pdf"]


@pytest.mark.parametrize("base", list(BASES))
def test_xml_illegal_and_terminal_characters_are_removed_and_the_docx_saves(base: str) -> None:
    hostile = "Acme\x00\x01\x08\x0b\x0c\x1b[31m\x7f\x9b\ufffe\ud800 NV"
    # Straight to the library, as code may call it, without the engine's cleaning ...
    raw = dict(BASES[base])
    for question in TEXT_QUESTIONS:
        if question.id in raw:
            raw[question.id] = hostile
    # ... and through the engine, as the chat and answers files do.
    cleaned = with_every_text(BASES[base], hostile)
    for answers in (raw, cleaned):
        for document in documents(answers):
            for fmt in ("md", "html", "txt"):
                assert not FORBIDDEN.search(str(render(document, fmt))), fmt
            assert "Acme[31mNV" in pdf_text(bytes(render(document, "pdf")))
            data = bytes(render(document, "docx"))  # python-docx raised ValueError on these before
            text = docx_text(data)
            # Form feed and vertical tab are blanks to the engine; every other one is gone.
            assert re.search(r"Acme ?\[31m NV", text) and not FORBIDDEN.search(text), text[:80]


@settings(max_examples=20)
@given(text=hostile_text(200), base=st.sampled_from(list(BASES)))
def test_any_text_answer_exports_in_every_format(text: str, base: str) -> None:
    answers = with_every_text(BASES[base], text)  # where the engine refuses it, it never gets here
    # A multi-line answer keeps its line breaks (<br>): the answer's own, not markup from it.
    allowed = {fmt: BENIGN[base][0][fmt] | BENIGN[base][1][fmt] | {"br"} for fmt in ("md tags", "html tags")}
    for document in documents(answers):
        shown = seen(document)  # the DOCX among them: it always saves
        assert shown["md tags"] <= allowed["md tags"], shown["md tags"] - allowed["md tags"]
        assert shown["html tags"] <= allowed["html tags"], shown["html tags"] - allowed["html tags"]


# --- the review's reports ---------------------------------------------------------------------------

RISKY = "Employees must give the company their personal passwords for every social media account"


def reviewed(injection: str) -> Any:
    policy = (
        f"# Social media policy of {injection}\n\n"
        f"{RISKY}, {injection}.\n\n"
        f"Contact: {injection} at hr@acme.be.\n"
    )
    # As plain text: Markdown would be read as Markdown, its links and emphasis dropped from passages.
    return review_text(policy, "txt", source=f"{injection}.txt")


@pytest.mark.parametrize("injection", list(INJECTIONS))
def test_an_injection_in_a_reviewed_policy_is_literal_in_every_report(injection: str) -> None:
    text = INJECTIONS[injection]
    report = reviewed(text)
    benign = reviewed("Plain words")
    assert any(text in passage.text for risk in report.risks for passage in risk.passages)
    markdown = read_html(MARKDOWN.render(render_report(report, "md")))
    html = read_html(render_report(report, "html"))
    for name, reader in (("md", markdown), ("html", html)):
        shown = normalise(" ".join(reader.text))
        assert text in shown, f"{name}: {text!r} is not shown literally"
    benign_md = read_html(MARKDOWN.render(render_report(benign, "md")))
    benign_html = read_html(render_report(benign, "html"))
    assert markdown.tags <= benign_md.tags, markdown.tags - benign_md.tags
    assert html.tags <= benign_html.tags and html.attributes <= benign_html.attributes
    data = json.loads(render_report(report, "json"))
    assert any(text in passage["text"] for risk in data["risks"] for passage in risk["passages"])


def test_the_terminal_report_shows_a_passage_without_its_escape_sequences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A policy that would clear the screen and set the terminal's title when its passage is printed.
    policy = tmp_path / "policy.md"
    policy.write_text(
        f"# Policy\n\n{RISKY} \x1b[2J\x1b]0;owned\x07 [bold]markup[/bold] now.\n", encoding="utf-8"
    )
    assert main(["review", str(policy)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "[bold]markup[/bold]" in out, "rich markup in a passage is shown, not applied"


# --- the adoption kit -------------------------------------------------------------------------------

KIT_INJECTIONS = ["typst code", "typst markup", "script", "markdown link", "jinja expression", "table pipe"]


@pytest.mark.parametrize("injection", KIT_INJECTIONS)
def test_an_injection_is_literal_in_every_document_of_the_adoption_kit(injection: str) -> None:
    import datetime

    from clauses.kit import StaffMember, adoption_kit

    text = INJECTIONS[injection]
    answers = with_every_text(BASES["comprehensive"], text)
    staff = (StaffMember(text),)
    kit = adoption_kit(LIBRARY, answers, ("nl",), posting_date=datetime.date(2027, 2, 1), staff=staff)
    assert len(kit.documents) >= 6
    for item in kit.documents:
        shown = seen(item.document)
        for fmt in ("md", "html", "txt", "docx"):
            assert text in shown[fmt], f"{item.stem}, {fmt}: {text!r} is not shown literally"
        assert flat(text) in shown["pdf"], f"{item.stem}, pdf: {text!r} is not shown literally"
        assert "49" not in shown["pdf"], f"{item.stem}: a template or Typst code ran"
