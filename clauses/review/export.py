"""A review report as Markdown, standalone HTML or JSON; written without replacing a file by accident."""

from __future__ import annotations

import json
import os
from html import escape
from pathlib import Path

from clauses.errors import ExportError, TargetExists, TargetNotWritable
from clauses.review.model import ClauseRef, ElementFinding, Passage, Report, RiskFinding

FORMATS = ("md", "html", "json")
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}
STATUS_MARK = {"present": "✔", "weak": "△", "missing": "✘"}


def render(report: Report, fmt: str) -> str:
    if fmt == "md":
        return markdown(report)
    if fmt == "html":
        return html(report)
    if fmt == "json":
        return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")


def format_for(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        known = ", ".join(sorted(SUFFIXES))
        raise ExportError(f"cannot tell the format of {str(path)!r} from its suffix; use one of {known}")
    return SUFFIXES[suffix]


def write(report: Report, path: str | Path, fmt: str | None = None, force: bool = False) -> Path:
    """Write the report; an existing file is replaced only with `force`."""
    path = Path(path)
    fmt = fmt or format_for(path)
    data = render(report, fmt).encode("utf-8")
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name")
    try:
        if force:
            temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            temporary.write_bytes(data)
            os.replace(temporary, path)
        else:
            with path.open("xb") as handle:
                handle.write(data)
    except FileExistsError:
        raise TargetExists(path) from None
    except OSError as error:
        raise TargetNotWritable(path, str(error.strerror or error)) from None
    return path


# --- shared wording ------------------------------------------------------------------------------------


def summary(report: Report) -> str:
    counts = report.counts
    risky = counts["risks"]
    return (
        f"{counts['present']} present, {counts['weak']} weak, {counts['missing']} missing; "
        f"{risky} {'risk' if risky == 1 else 'risks'} flagged"
    )


def language_line(report: Report) -> str:
    shares = ", ".join(f"{code} {round(share * 100)}%" for code, share in report.languages.items())
    if report.language is None:
        return f"could not tell (reviewed with the English rules){f'; {shares}' if shares else ''}"
    return f"{report.language_name} ({shares})"


def where_found(element: ElementFinding) -> str:
    """Where the element was found; for the language, what was detected."""
    if element.passage is not None:
        return str(element.passage.location)
    if element.note:
        return element.note.split(". ", 1)[0].rstrip(".") + "."
    return "not found"


def fixes_text(fixes: tuple[ClauseRef, ...]) -> str:
    return "; ".join(f"{fix.id} ({fix.title})" for fix in fixes)


# --- Markdown ----------------------------------------------------------------------------------------


def _md(text: str) -> str:
    """Text safe in Markdown running text and tables: every character with a meaning escaped (the
    policy exporter's rules, so "&lt;" stays "&lt;" and "~~" stays "~~"), on one line."""
    from clauses.export.markdown import escape

    return escape(" ".join(text.split()), in_table=True).replace("#", "\\#")


def _md_passage(passage: Passage | None) -> str:
    if passage is None:
        return ""
    return f"> “{_md(passage.text)}”  \n> — {_md(str(passage.location))}\n"


def _md_fixes(fixes: tuple[ClauseRef, ...]) -> str:
    return "; ".join(f"`{fix.id}` ({_md(fix.title)})" for fix in fixes)


def _md_element(element: ElementFinding) -> list[str]:
    lines = [f"### {STATUS_MARK[element.status]} {_md(element.title)}: {element.status}", ""]
    if element.passage is not None:
        lines += [_md_passage(element.passage)]
    if element.note:
        lines += [_md(element.note), ""]
    for requirement in element.requirements:
        if not requirement.applies:
            continue
        mark = "✔" if requirement.met else "✘"
        where = f" ({_md(str(requirement.passage.location))})" if requirement.passage else ""
        lines.append(f"- {mark} {_md(requirement.label)}{where}")
    if any(r.applies for r in element.requirements):
        lines.append("")
    lines += [f"**Why it matters.** {_md(element.why)}", ""]
    if element.suggested and element.status != "present":
        lines += [f"**Fix with:** {_md_fixes(element.suggested)}", ""]
    return lines


def _md_risk(risk: RiskFinding) -> list[str]:
    lines = [f"### ⚠ {_md(risk.title)}", ""]
    for passage in risk.passages:
        lines.append(_md_passage(passage))
    if risk.note:
        lines += [_md(risk.note), ""]
    lines += [f"**Why it matters.** {_md(risk.why)}", "", f"**Fix with:** {_md_fixes(risk.fixes)}", ""]
    return lines


def markdown(report: Report) -> str:
    lines = [
        f"# Policy review: {_md(report.source)}",
        "",
        f"- **Language detected:** {_md(language_line(report))}",
        f"- **Words:** {report.words:,}",
        f"- **Summary:** {summary(report)}",
        "",
        "## Elements of a Belgian social media policy",
        "",
        "| Element | Status | Where |",
        "|---|---|---|",
    ]
    for element in report.elements:
        where = _md(where_found(element))
        lines.append(f"| {_md(element.title)} | {STATUS_MARK[element.status]} {element.status} | {where} |")
    lines.append("")
    for element in report.elements:
        lines += _md_element(element)
    lines += ["## Risky passages", ""]
    if not report.risks:
        lines += ["None found.", ""]
    for risk in report.risks:
        lines += _md_risk(risk)
    lines += ["## Answers inferred for a new draft", ""]
    if report.inferred:
        lines += ["| Question | Suggested answer | From |", "|---|---|---|"]
        for item in report.inferred:
            value = ", ".join(map(str, item.value)) if isinstance(item.value, list) else str(item.value)
            source = _md(str(item.evidence.location)) if item.evidence else ""
            lines.append(f"| `{item.question}` | {_md(value)} | {source} |")
        lines += [
            "",
            "Start a draft with these answers to confirm: `policy-assistant review FILE --start-draft`.",
        ]
    else:
        lines.append("None could be inferred.")
    return "\n".join(lines).rstrip() + "\n"


# --- HTML --------------------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.5; color: #1b1b1b; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ccc; } h3 { margin-bottom: .3rem; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #ccc; padding: .3rem .5rem;
       text-align: left; vertical-align: top; }
blockquote { margin: .5rem 0; padding: .3rem .8rem; border-left: 4px solid #999; background: #f6f6f6; }
.where { color: #555; font-size: .9rem; }
.present { color: #176b1d; } .weak { color: #8a5a00; } .missing, .risk { color: #a11111; }
ul.requirements { list-style: none; padding-left: 0; }
@media print { h2 { break-after: avoid; } section { break-inside: avoid; } }
"""


def _h(text: str) -> str:
    return escape(str(text), quote=True)


def _html_passage(passage: Passage | None) -> str:
    if passage is None:
        return ""
    return (
        f"<blockquote>“{_h(passage.text)}”<br>"
        f'<span class="where">{_h(str(passage.location))}</span></blockquote>'
    )


def _html_fixes(fixes: tuple[ClauseRef, ...]) -> str:
    items = "".join(f"<li><code>{_h(fix.id)}</code> {_h(fix.title)}</li>" for fix in fixes)
    return f"<p><strong>Fix with:</strong></p><ul>{items}</ul>"


def html(report: Report) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Policy review: {_h(report.source)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>Policy review: {_h(report.source)}</h1>",
        "<ul>",
        f"<li><strong>Language detected:</strong> {_h(language_line(report))}</li>",
        f"<li><strong>Words:</strong> {report.words:,}</li>",
        f"<li><strong>Summary:</strong> {_h(summary(report))}</li>",
        "</ul>",
        "<h2>Elements of a Belgian social media policy</h2>",
        "<table><thead><tr><th>Element</th><th>Status</th><th>Where</th></tr></thead><tbody>",
    ]
    for element in report.elements:
        where = where_found(element)
        parts.append(
            f'<tr><td><a href="#element-{_h(element.id)}">{_h(element.title)}</a></td>'
            f'<td class="{element.status}">{STATUS_MARK[element.status]} {element.status}</td>'
            f"<td>{_h(where)}</td></tr>"
        )
    parts.append("</tbody></table>")
    for element in report.elements:
        parts.append(f'<section id="element-{_h(element.id)}">')
        mark = STATUS_MARK[element.status]
        parts.append(f'<h3 class="{element.status}">{mark} {_h(element.title)}: {element.status}</h3>')
        parts.append(_html_passage(element.passage))
        if element.note:
            parts.append(f"<p>{_h(element.note)}</p>")
        requirements = [r for r in element.requirements if r.applies]
        if requirements:
            parts.append('<ul class="requirements">')
            for requirement in requirements:
                mark = "✔" if requirement.met else "✘"
                where = (
                    f' <span class="where">({_h(str(requirement.passage.location))})</span>'
                    if (requirement.passage)
                    else ""
                )
                parts.append(f"<li>{mark} {_h(requirement.label)}{where}</li>")
            parts.append("</ul>")
        parts.append(f"<p><strong>Why it matters.</strong> {_h(element.why)}</p>")
        if element.suggested and element.status != "present":
            parts.append(_html_fixes(element.suggested))
        parts.append("</section>")
    parts.append("<h2>Risky passages</h2>")
    if not report.risks:
        parts.append("<p>None found.</p>")
    for risk in report.risks:
        parts.append(f'<section id="risk-{_h(risk.id)}">')
        parts.append(f'<h3 class="risk">⚠ {_h(risk.title)}</h3>')
        parts.extend(_html_passage(passage) for passage in risk.passages)
        if risk.note:
            parts.append(f"<p>{_h(risk.note)}</p>")
        parts.append(f"<p><strong>Why it matters.</strong> {_h(risk.why)}</p>")
        parts.append(_html_fixes(risk.fixes))
        parts.append("</section>")
    parts.append("<h2>Answers inferred for a new draft</h2>")
    if report.inferred:
        parts.append(
            "<table><thead><tr><th>Question</th><th>Suggested answer</th><th>From</th></tr></thead><tbody>"
        )
        for item in report.inferred:
            value = ", ".join(map(str, item.value)) if isinstance(item.value, list) else str(item.value)
            source = str(item.evidence.location) if item.evidence else ""
            parts.append(f"<tr><td>{_h(item.question)}</td><td>{_h(value)}</td><td>{_h(source)}</td></tr>")
        parts.append("</tbody></table>")
    else:
        parts.append("<p>None could be inferred.</p>")
    parts += ["</body>", "</html>"]
    return "\n".join(part for part in parts if part) + "\n"
