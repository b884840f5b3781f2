"""Recall and false flags of the review on the corpus (tests/review/corpus/), per language and part.

The parts (an entry's `held_out`): `tuned` (no held_out: what the rules were written on), `first` (held_out:
true, written before the first tuning), `second` (held_out: second, written before the second round of
rule changes), `sealed` (held_out: sealed, written with the second; its misses were not printed until the
second round was final), `third` (held_out: third, written before the third round of rule changes and
committed with its figures before any rule changed for it) and `fourth` (held_out: fourth, the same for the
fourth round). The misses of the sealed parts are printed only
with `--sealed`, so that they are never tuned on unawares.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from clauses.review import review_text
from clauses.review.rules import default_rules

CORPUS = Path(__file__).resolve().parent / "corpus"
LANGUAGES = ("en", "nl", "fr", "de")
NEVER_COUNTED = {"english_only", "no_ai_rule", "no_acknowledgement_owner_review"}


@dataclass
class Figures:
    expected: int = 0
    found: int = 0
    false_flags: int = 0
    entries: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0


@functools.cache
def entries(language: str) -> list[dict[str, Any]]:
    return yaml.safe_load((CORPUS / f"{language}.yaml").read_text(encoding="utf-8")) or []


def pattern_risks() -> set[str]:
    return {risk.id for risk in default_rules().risks if not risk.from_element} - NEVER_COUNTED


def judge(entry: dict[str, Any], figures: Figures) -> None:
    report = review_text(entry["t"], language="en")
    flagged = {risk.id for risk in report.risks} - NEVER_COUNTED
    expected = set(entry.get("risks") or ())
    figures.entries += 1
    for risk in sorted(expected):
        figures.expected += 1
        if risk in flagged:
            figures.found += 1
        else:
            figures.misses.append(f"{risk}: {entry['t']}")
    for risk in sorted((flagged & pattern_risks()) - expected):
        figures.false_flags += 1
        figures.wrong.append(f"{risk}: {entry['t']}")
    for element, status in (entry.get("elements") or {}).items():
        figures.expected += 1
        if report.element(element).status == status:
            figures.found += 1
        else:
            figures.misses.append(f"{element} {report.element(element).status} not {status}: {entry['t']}")


PARTS = ("tuned", "first", "second", "sealed", "third", "fourth")
SEALED = ("sealed", "third", "fourth")  # parts whose misses are printed only with --sealed


def part(entry: dict[str, Any]) -> str:
    held = entry.get("held_out")
    if held is None or held is False:
        return "tuned"
    if held is True:
        return "first"
    if held in PARTS[2:]:
        return str(held)
    raise ValueError(f"held_out must be true, second, sealed, third or fourth: {entry}")


def figures(language: str, name: str) -> Figures:
    result = Figures()
    for entry in entries(language):
        if part(entry) == name:
            judge(entry, result)
    return result


if __name__ == "__main__":  # python tests/review/corpus_figures.py [--sealed]: the table for the README
    show_sealed = "--sealed" in sys.argv[1:]
    for code in LANGUAGES:
        if not (CORPUS / f"{code}.yaml").exists():
            continue
        for name in PARTS:
            f = figures(code, name)
            print(
                f"{code} {name:7} entries {f.entries:4} recall {f.found}/{f.expected} = {f.recall:.1%}"
                f"  false flags {f.false_flags}"
            )
            if name in SEALED and not show_sealed:
                continue
            for line in f.misses + ["FALSE " + w for w in f.wrong]:
                print("   ", line[:160])
