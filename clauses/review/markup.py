"""The user's own document, marked up: a copy with a Word comment on each risky or weak passage.

For a .docx the copy is the user's file itself, opened with python-docx (after reader_docx.py checked
its sizes and counts) with comments anchored on the passages themselves: the sentence in its paragraph
(its runs split at the sentence's ends, their formatting kept), or the whole paragraph when the sentence
cannot be told apart in it; the original is never written. For .md, .txt and .html the copy is a new
DOCX of the text as read (headings, paragraphs, list items) with the same comments. Missing elements
are commented on the first paragraph. Each comment says what was found, why it matters under Belgian
law, and what to do, in the report's language.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from clauses.errors import ExportError, TargetExists, TargetNotWritable
from clauses.review.model import ElementFinding, Location, Passage, Report, RiskFinding
from clauses.review.reader import Text
from clauses.review.texts import Texts, texts

MAX_COMMENT_CLAUSE = 1_500  # characters of a clause's text in a comment; the report has all of it
MIN_ANCHORED = 12  # characters: a shorter passage could be found in the wrong place of its paragraph


def reviewed_docx(report: Report, text: Text, original: bytes | None) -> bytes:
    """The marked-up copy as DOCX bytes: `original` is the reviewed .docx, or None for a text format."""
    import docx  # python-docx writes comments from 1.2; imported only when a copy is written

    document = docx.Document(io.BytesIO(original)) if original is not None else _from_text(text)
    paragraphs = _paragraphs(document)
    words = texts(report.report_language)
    seen: set[tuple[int, str]] = set()
    for passage, body in _comments(report, words):
        paragraph = _anchor(paragraphs, passage.location if passage else None)
        # Two passages of one risk in one paragraph: one comment is enough.
        if paragraph is not None and (id(paragraph._p), body[0]) not in seen:
            seen.add((id(paragraph._p), body[0]))
            _comment(document, paragraph, body, words, passage.text if passage else "")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def write_reviewed(
    report: Report, text: Text, original: bytes | None, path: Path, force: bool = False
) -> Path:
    data = reviewed_docx(report, text, original)
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name")
    try:
        if force:
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        else:
            # 0600, as exports and drafts; a link in its place is an existing file, never followed.
            with open(
                path,
                "xb",
                opener=lambda name, flags: os.open(name, flags | getattr(os, "O_NOFOLLOW", 0), 0o600),
            ) as stream:
                stream.write(data)
    except FileExistsError:
        raise TargetExists(path) from None
    except OSError as error:
        raise TargetNotWritable(path, str(error.strerror or error)) from None
    return path


def _from_text(text: Text) -> Any:
    """A plain DOCX of the text as read: each block one paragraph, numbered in order as a DOCX's are."""
    import docx

    document = docx.Document()
    for block in text.blocks:
        if block.is_heading:
            document.add_heading(block.text, level=2)
        elif block.lead and not block.is_heading:
            document.add_paragraph(block.text, style="List Bullet")
        else:
            document.add_paragraph(block.text)
    return document


def _paragraphs(document: Any) -> list[Any]:
    """Every paragraph of the body in document order, as reader_docx.py numbers them."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    body = document.element.body
    return [Paragraph(element, document._body) for element in body.iter(qn("w:p"))]


def _anchor(paragraphs: list[Any], location: Location | None) -> Any:
    """The paragraph a passage came from (by its DOCX number, else by its block number), or the first."""
    if location is None:
        return next((p for p in paragraphs if p.text.strip()), paragraphs[0] if paragraphs else None)
    index = location.source if location.source is not None else location.block - 1
    return paragraphs[index] if 0 <= index < len(paragraphs) else None


def _comment(document: Any, paragraph: Any, body: list[str], words: Texts, passage: str = "") -> None:
    runs = _passage_runs(paragraph, passage) or [run for run in paragraph.runs if run.text]
    if not runs:
        runs = [paragraph.add_run("")]
    comment = document.add_comment(
        runs, text=body[0], author=words.get("report.comment_author"), initials="PR"
    )
    for line in body[1:]:
        comment.add_paragraph(line)


def _passage_runs(paragraph: Any, passage: str) -> list[Any]:
    """The runs that hold exactly the passage's text in the paragraph, split out of their neighbours; []
    when the passage is the whole paragraph, is not found in it as one piece (a quote cut with "…"
    keeps its middle), or would split a run holding more than text (a tab, a field, a drawing)."""
    wanted = passage.strip().strip("…").strip()
    runs = list(paragraph.runs)
    whole = "".join(run.text for run in runs)
    start = whole.find(wanted) if len(wanted) >= MIN_ANCHORED else -1
    if start < 0 or (start == 0 and len(wanted) == len(whole.rstrip())):
        return []
    end = start + len(wanted)
    if not (_split(paragraph, end) and _split(paragraph, start)):
        return []
    found, position = [], 0
    for run in paragraph.runs:
        size = len(run.text)
        if start <= position and position + size <= end and size:
            found.append(run)
        position += size
    return found


def _split(paragraph: Any, offset: int) -> bool:
    """Split the run that the offset falls inside into two runs of the same formatting; False when that
    run holds more than plain text."""
    from copy import deepcopy

    from docx.oxml.ns import qn
    from docx.text.run import Run

    position = 0
    for run in paragraph.runs:
        text = run.text
        if position < offset < position + len(text):
            content = [child for child in run._r if child.tag != qn("w:rPr")]
            if len(content) != 1 or content[0].tag != qn("w:t"):
                return False
            cut = offset - position
            twin = deepcopy(run._r)
            run._r.addnext(twin)
            run.text = text[:cut]
            Run(twin, run._parent).text = text[cut:]
            return True
        position += len(text)
    return True  # the offset is already between two runs


def _comments(report: Report, words: Texts) -> Iterator[tuple[Passage | None, list[str]]]:
    for risk in report.risks_by_severity:
        body = _risk_comment(risk, report, words)
        if risk.passages:
            for passage in risk.passages:
                yield passage, body
        else:
            yield None, body
    missing = [element for element in report.elements if element.status == "missing"]
    if missing:
        lines = [words.get("report.missing_at_top")]
        lines.extend(f"• {element.title}: {_fixes(element.suggested)}" for element in missing)
        yield None, lines
    for element in report.elements:
        if element.status == "weak" and element.passage is not None:
            yield element.passage, _weak_comment(element, words)


def _risk_comment(risk: RiskFinding, report: Report, words: Texts) -> list[str]:
    lines = [f"⚠ {words.get(f'severity.{risk.severity}')}: {risk.title}"]
    if risk.note:
        lines.append(risk.note)
    lines.append(f"{words.get('report.why')}: {risk.why}")
    lines.append(f"{words.get('report.what_to_do')}: {_action(risk, words)}")
    for fix in risk.fixes:
        clause = report.clause_texts.get(fix.id)
        if clause:
            lines.append(f"{words.get('report.clause_text')} {_cut(clause)}")
    return lines


def _weak_comment(element: ElementFinding, words: Texts) -> list[str]:
    return [
        f"△ {element.title}: {words.get('status.weak')}",
        element.note,
        f"{words.get('report.why')}: {element.why}",
        f"{words.get('report.what_to_do')}: {words.get('actions.add')} {_fixes(element.suggested)}",
    ]


def _action(risk: RiskFinding, words: Texts) -> str:
    if risk.action == "delete":
        return words.get("actions.delete")
    return f"{words.get(f'actions.{risk.action}')} {_fixes(risk.fixes)}"


def _fixes(fixes: Any) -> str:
    return "; ".join(f"{fix.title} ({fix.id})" for fix in fixes)


def _cut(text: str) -> str:
    return text if len(text) <= MAX_COMMENT_CLAUSE else text[: MAX_COMMENT_CLAUSE - 1] + "…"
