"""A review report as Markdown, standalone HTML or JSON, in the report's language.

The order is the one HR acts in: the risks first, by severity, each with the sentence, why it is a
problem under Belgian law and what to do (delete it, or replace it with our clause, whose text is
shown); then the missing and weak elements; then what is fine; then the answers found for a new draft,
in words, each with where the policy says it.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from clauses.errors import ExportError, TargetExists, TargetNotWritable
from clauses.review.model import ClauseRef, ElementFinding, Inferred, Passage, Report, RiskFinding
from clauses.review.texts import Texts, texts

FORMATS = ("md", "html", "json")
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json", ".docx": "docx"}
STATUS_MARK = {"present": "✔", "weak": "△", "missing": "✘"}
# (question id, answer) -> (the question in words, the answer in words); the app passes the interview's.
Describe = Callable[[str, Any], tuple[str, str]]


def render(report: Report, fmt: str, describe: Describe | None = None) -> str:
    if fmt == "md":
        return markdown(report, describe)
    if fmt == "html":
        return html(report, describe)
    if fmt == "json":
        return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")


def format_for(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        known = ", ".join(sorted(SUFFIXES))
        raise ExportError(f"cannot tell the format of {str(path)!r} from its suffix; use one of {known}")
    return SUFFIXES[suffix]


def write_bytes(data: bytes, path: Path, force: bool = False) -> Path:
    """Write a file; an existing one is replaced only with `force`, through a temporary file."""
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


def write(
    report: Report,
    path: str | Path,
    fmt: str | None = None,
    force: bool = False,
    describe: Describe | None = None,
) -> Path:
    path = Path(path)
    return write_bytes(render(report, fmt or format_for(path), describe).encode("utf-8"), path, force)


# --- shared wording ------------------------------------------------------------------------------------


def summary(report: Report) -> str:
    counts = report.counts
    return texts(report.report_language).message("summary", **counts)


def language_line(report: Report) -> str:
    words = texts(report.report_language)
    shares = ", ".join(
        f"{words.language_name(code)} {round(share * 100)}%" for code, share in report.languages.items()
    )
    return words.language_name(report.language) + (f" ({shares})" if shares else "")


def answer_words(item: Inferred, words: Texts, describe: Describe | None) -> tuple[str, str]:
    if describe is not None:
        return describe(item.question, item.value)
    value = item.value
    if isinstance(value, bool):
        return item.question, words.get("report.yes" if value else "report.no")
    if isinstance(value, list):
        return item.question, ", ".join(map(str, value))
    return item.question, str(value)


def action_line(risk: RiskFinding, words: Texts) -> str:
    if risk.action == "delete":
        return words.get("actions.delete") + (f" ({_titles(risk.fixes)})" if risk.fixes else "")
    return f"{words.get(f'actions.{risk.action}')}: {_titles(risk.fixes)}"


def fixes_text(fixes: tuple[ClauseRef, ...]) -> str:
    return _titles(fixes)


def _titles(fixes: tuple[ClauseRef, ...]) -> str:
    return "; ".join(f"{fix.title} ({fix.id})" for fix in fixes)


def groups(report: Report) -> tuple[list[ElementFinding], list[ElementFinding]]:
    gaps = [e for e in report.elements if e.status == "missing"] + [
        e for e in report.elements if e.status == "weak"
    ]
    return gaps, [e for e in report.elements if e.status == "present"]


# --- Markdown ----------------------------------------------------------------------------------------


def _md(text: str) -> str:
    """Text safe in Markdown running text and tables, on one line (the policy exporter's escaping)."""
    from clauses.export.markdown import escape as md_escape

    return md_escape(" ".join(str(text).split()), in_table=True).replace("#", "\\#")


def _md_passage(passage: Passage, words: Texts) -> str:
    return f"> “{_md(passage.text)}”  \n> — {_md(words.where(passage.location))}\n"


def _md_risk(risk: RiskFinding, report: Report, words: Texts) -> list[str]:
    lines = [f"### ⚠ {_md(words.get(f'severity.{risk.severity}'))}: {_md(risk.title)}", ""]
    lines += [_md_passage(passage, words) for passage in risk.passages]
    if risk.note:
        lines += [_md(risk.note), ""]
    lines += [f"**{_md(words.get('report.why'))}.** {_md(risk.why)}", ""]
    lines += [f"**{_md(words.get('report.what_to_do'))}.** {_md(action_line(risk, words))}", ""]
    for fix in risk.fixes:
        if fix.id in report.clause_texts:
            lines += [f"*{_md(words.get('report.clause_text'))}*", ""]
            lines += ["> " + _md(line) for line in report.clause_texts[fix.id].split("\n")] + [""]
    return lines


def _md_gap(element: ElementFinding, words: Texts) -> list[str]:
    status = words.get(f"status.{element.status}")
    lines = [f"### {STATUS_MARK[element.status]} {_md(element.title)}: {_md(status)}", ""]
    if element.passage is not None:
        lines.append(_md_passage(element.passage, words))
    if element.note:
        lines += [_md(element.note), ""]
    lines += [f"**{_md(words.get('report.why'))}.** {_md(element.why)}", ""]
    if element.suggested:
        lines += [
            f"**{_md(words.get('report.what_to_do'))}.** {_md(words.get('actions.add'))}: "
            f"{_md(_titles(element.suggested))}",
            "",
        ]
    return lines


def markdown(report: Report, describe: Describe | None = None) -> str:
    words = texts(report.report_language)
    lines = [
        f"# {_md(words.get('report.title'))}: {_md(report.source)}",
        "",
        f"- **{_md(words.get('report.language'))}:** {_md(language_line(report))}",
        f"- **{_md(words.get('report.words'))}:** {report.words:,}",
        f"- **{_md(words.get('report.summary'))}:** {_md(summary(report))}",
        "",
        f"## {_md(words.get('report.risks'))}",
        "",
    ]
    for risk in report.risks_by_severity:
        lines += _md_risk(risk, report, words)
    if not report.risks:
        lines += [_md(words.get("report.no_risks")), ""]
    gaps, fine = groups(report)
    lines += [f"## {_md(words.get('report.gaps'))}", ""]
    for element in gaps:
        lines += _md_gap(element, words)
    lines += [f"## {_md(words.get('report.fine'))}", ""]
    lines += [
        f"- ✔ {_md(e.title)}" + (f" ({_md(words.where(e.passage.location))})" if e.passage else "")
        for e in fine
    ]
    lines += ["", f"## {_md(words.get('report.answers'))}", ""]
    if report.inferred:
        lines += [
            f"| {_md(words.get('report.question'))} | {_md(words.get('report.answer'))} | "
            f"{_md(words.get('report.from'))} |",
            "|---|---|---|",
        ]
        for item in report.inferred:
            question, answer = answer_words(item, words, describe)
            lines.append(f"| {_md(question)} | {_md(answer)} | {_md(item.origin)} |")
    return "\n".join(lines).rstrip() + "\n"


# --- HTML --------------------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.5; color: #1b1b1b; }
h2 { margin-top: 2rem; border-bottom: 1px solid #ccc; } h3 { margin-bottom: .3rem; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #ccc; padding: .3rem .5rem;
       text-align: left; vertical-align: top; }
blockquote { margin: .5rem 0; padding: .3rem .8rem; border-left: 4px solid #999; background: #f6f6f6; }
.clause { white-space: pre-line; border-left-color: #176b1d; }
.where { color: #555; font-size: .9rem; }
.present { color: #176b1d; } .weak { color: #8a5a00; } .missing, .risk { color: #a11111; }
@media print { h2 { break-after: avoid; } section { break-inside: avoid; } }
"""


def _h(text: Any) -> str:
    return escape(str(text), quote=True)


def _html_passage(passage: Passage, words: Texts) -> str:
    where = _h(words.where(passage.location))
    return f'<blockquote>“{_h(passage.text)}”<br><span class="where">{where}</span></blockquote>'


def _html_risk(risk: RiskFinding, report: Report, words: Texts) -> list[str]:
    parts = [
        f'<section id="risk-{_h(risk.id)}">',
        f'<h3 class="risk">⚠ {_h(words.get(f"severity.{risk.severity}"))}: {_h(risk.title)}</h3>',
    ]
    parts += [_html_passage(passage, words) for passage in risk.passages]
    if risk.note:
        parts.append(f"<p>{_h(risk.note)}</p>")
    parts.append(f"<p><strong>{_h(words.get('report.why'))}.</strong> {_h(risk.why)}</p>")
    parts.append(
        f"<p><strong>{_h(words.get('report.what_to_do'))}.</strong> {_h(action_line(risk, words))}</p>"
    )
    for fix in risk.fixes:
        if fix.id in report.clause_texts:
            parts.append(f"<p><em>{_h(words.get('report.clause_text'))}</em></p>")
            parts.append(f'<blockquote class="clause">{_h(report.clause_texts[fix.id])}</blockquote>')
    return [*parts, "</section>"]


def _html_gap(element: ElementFinding, words: Texts) -> list[str]:
    status = words.get(f"status.{element.status}")
    parts = [
        f'<section id="element-{_h(element.id)}">',
        f'<h3 class="{element.status}">{STATUS_MARK[element.status]} {_h(element.title)}: {_h(status)}</h3>',
    ]
    if element.passage is not None:
        parts.append(_html_passage(element.passage, words))
    if element.note:
        parts.append(f"<p>{_h(element.note)}</p>")
    parts.append(f"<p><strong>{_h(words.get('report.why'))}.</strong> {_h(element.why)}</p>")
    if element.suggested:
        parts.append(
            f"<p><strong>{_h(words.get('report.what_to_do'))}.</strong> {_h(words.get('actions.add'))}: "
            f"{_h(_titles(element.suggested))}</p>"
        )
    return [*parts, "</section>"]


def _html_head(report: Report, words: Texts) -> list[str]:
    title = f"{words.get('report.title')}: {report.source}"
    return [
        "<!DOCTYPE html>",
        f'<html lang="{_h(report.report_language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_h(title)}</h1>",
        "<ul>",
        f"<li><strong>{_h(words.get('report.language'))}:</strong> {_h(language_line(report))}</li>",
        f"<li><strong>{_h(words.get('report.words'))}:</strong> {report.words:,}</li>",
        f"<li><strong>{_h(words.get('report.summary'))}:</strong> {_h(summary(report))}</li>",
        "</ul>",
        f"<h2>{_h(words.get('report.risks'))}</h2>",
    ]


def html(report: Report, describe: Describe | None = None) -> str:
    words = texts(report.report_language)
    parts = _html_head(report, words)
    for risk in report.risks_by_severity:
        parts += _html_risk(risk, report, words)
    if not report.risks:
        parts.append(f"<p>{_h(words.get('report.no_risks'))}</p>")
    gaps, fine = groups(report)
    parts.append(f"<h2>{_h(words.get('report.gaps'))}</h2>")
    for element in gaps:
        parts += _html_gap(element, words)
    parts.append(f"<h2>{_h(words.get('report.fine'))}</h2><ul>")
    parts += [f'<li id="element-{_h(e.id)}" class="present">✔ {_h(e.title)}</li>' for e in fine]
    parts += ["</ul>", f"<h2>{_h(words.get('report.answers'))}</h2>"]
    if report.inferred:
        parts.append(
            f"<table><thead><tr><th>{_h(words.get('report.question'))}</th><th>"
            f"{_h(words.get('report.answer'))}</th><th>{_h(words.get('report.from'))}</th></tr></thead><tbody>"
        )
        for item in report.inferred:
            question, answer = answer_words(item, words, describe)
            parts.append(f"<tr><td>{_h(question)}</td><td>{_h(answer)}</td><td>{_h(item.origin)}</td></tr>")
        parts.append("</tbody></table>")
    return "\n".join([*parts, "</body>", "</html>"]) + "\n"
