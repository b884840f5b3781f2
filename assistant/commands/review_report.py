"""The review report at the terminal, in the report's language: risks first, by severity, each with what
to do; then what is missing or weak; then what is fine; then the answers found, in words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from assistant.commands import console as shown_console
from clauses.review.export import action_line, answer_words, groups, language_line, summary
from clauses.review.texts import texts

STATUS_STYLE = {"present": ("✔", "green"), "weak": ("△", "yellow"), "missing": ("✘", "red")}
SEVERITY_STYLE = {"high": "bold red", "medium": "red", "low": "yellow"}


def print_report(
    report: Any,
    describe: Callable[[str, Any], tuple[str, str]] | None = None,
    path: str | None = None,
    hint: bool = True,
) -> None:
    words = texts(report.report_language)
    console = shown_console()  # passages, titles and names come from files
    header = (
        f"[bold]{escape(report.source)}[/]  ·  {escape(language_line(report))}  ·  "
        f"{report.words:,} {escape(words.get('report.words').lower())}\n{escape(summary(report))}"
    )
    console.print(Panel(header, title=escape(words.get("report.title")), expand=False))
    console.print(f"\n[bold]{escape(words.get('report.risks'))}[/]")
    if not report.risks:
        console.print(f"[green]{escape(words.get('report.no_risks'))}[/]")
    for risk in report.risks_by_severity:
        console.print(_risk(risk, report, words))
    gaps, fine = groups(report)
    if gaps:
        console.print(f"\n[bold]{escape(words.get('report.gaps'))}[/]")
    for element in gaps:
        console.print(_gap(element, words))
    console.print(f"\n[bold]{escape(words.get('report.fine'))}[/]")
    for element in fine:
        console.print(Text.assemble(("✔ ", "green"), element.title))
    _answers(console, report, words, describe)
    if report.inferred and hint:
        command = f"policy-assistant review {path or report.source} --start-draft"
        console.print(Text.assemble(words.get("report.start_draft") + " ", (command, "bold")))


def _risk(risk: Any, report: Any, words: Any) -> Panel:
    parts: list[Any] = []
    for passage in risk.passages:
        parts.append(Text(f"“{passage.text}”", style="italic"))
        parts.append(Text(words.where(passage.location), style="dim"))
    if risk.note:
        parts.append(Text(risk.note))
    parts.append(Text.assemble((f"{words.get('report.why')}: ", "bold"), risk.why))
    parts.append(Text.assemble((f"{words.get('report.what_to_do')}: ", "bold"), action_line(risk, words)))
    for fix in risk.fixes:
        clause = report.clause_texts.get(fix.id)
        if clause:
            parts.append(Text(words.get("report.clause_text"), style="bold"))
            parts.append(Text(clause, style="green"))
    style = SEVERITY_STYLE.get(risk.severity, "red")
    title = f"⚠ {escape(words.get(f'severity.{risk.severity}'))}: {escape(risk.title)}"
    return Panel(Group(*parts), title=title, title_align="left", border_style=style)


def _gap(element: Any, words: Any) -> Panel:
    mark, colour = STATUS_STYLE[element.status]
    parts: list[Any] = []
    if element.passage is not None:
        parts.append(Text(f"“{element.passage.text}”", style="italic"))
        parts.append(Text(words.where(element.passage.location), style="dim"))
    if element.note:
        parts.append(Text(element.note, style=colour))
    parts.append(Text.assemble((f"{words.get('report.why')}: ", "bold"), element.why))
    if element.suggested:
        fixes = "; ".join(f"{fix.title} ({fix.id})" for fix in element.suggested)
        parts.append(
            Text.assemble(
                (f"{words.get('report.what_to_do')}: ", "bold"), f"{words.get('actions.add')}: {fixes}"
            )
        )
    title = f"{mark} {escape(element.title)}: {escape(words.get(f'status.{element.status}'))}"
    return Panel(Group(*parts), title=title, title_align="left", border_style=colour)


def _answers(console: Console, report: Any, words: Any, describe: Any) -> None:
    if not report.inferred:
        return
    table = Table(title=words.get("report.answers"), expand=True)
    table.add_column(words.get("report.question"), ratio=3, overflow="fold")
    table.add_column(words.get("report.answer"), ratio=2, overflow="fold")
    table.add_column(words.get("report.from"), ratio=2, overflow="fold")
    for item in report.inferred:
        question, answer = answer_words(item, words, describe)
        table.add_row(escape(question), escape(answer), escape(item.origin))
    console.print(table)
