"""A measure and the table that prints them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    name: str
    value: float
    unit: str
    target: float | None  # None: reported, no target
    higher_is_better: bool = False
    detail: str = ""

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "-"
        met = self.value >= self.target if self.higher_is_better else self.value <= self.target
        return "met" if met else "MISSED"

    @property
    def target_text(self) -> str:
        if self.target is None:
            return ""
        sign = ">=" if self.higher_is_better else "<="
        return f"{sign} {_number(self.target)} {self.unit}"

    @property
    def value_text(self) -> str:
        return f"{_number(self.value)} {self.unit}"


def _number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def print_table(measures: list[Measure], title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    table.add_column("Measure")
    table.add_column("Value", justify="right", no_wrap=True)
    table.add_column("Target", justify="right", no_wrap=True)
    table.add_column("Verdict", no_wrap=True)
    table.add_column("Detail")
    for measure in measures:
        table.add_row(measure.name, measure.value_text, measure.target_text, measure.verdict, measure.detail)
    Console().print(table)
