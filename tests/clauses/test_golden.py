"""The examples build exactly as reviewed, in every language of the library (golden/<lang>/).

After a deliberate change to the library, regenerate with

    UPDATE_GOLDEN=1 PYTHONPATH=. python -m pytest tests/clauses/test_golden.py

and review the diff of tests/clauses/golden/ like any other change to the policy text.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from policy_helpers import EXAMPLES, INTERVIEW, LIBRARY, example

from clauses.export import render
from clauses.wording import answers_for
from dialogue.answers_file import check_answers

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def cases() -> list[tuple[str, Path, str, str]]:
    return [
        (language, path, kind, fmt)
        for language in sorted(LIBRARY.languages)
        for path in EXAMPLES
        for kind in ("policy", "notes")
        for fmt in ("md", "txt")
    ]


def golden_file(language: str, path: Path, kind: str, fmt: str) -> Path:
    suffix = "" if kind == "policy" else "-implementation-notes"
    return GOLDEN / language / f"{path.stem}{suffix}.{fmt}"


@pytest.mark.parametrize(
    ("language", "path", "kind", "fmt"),
    cases(),
    ids=lambda value: value.stem if isinstance(value, Path) else value,
)
def test_example_matches_its_golden_output(language: str, path: Path, kind: str, fmt: str) -> None:
    # Each version with its own wording of typed answers, as `build` writes it.
    report = check_answers(path, INTERVIEW)
    answers = answers_for(report.answers, report.wording, language)
    build = LIBRARY.assemble if kind == "policy" else LIBRARY.implementation_notes
    output = str(render(build(answers, language), fmt))
    golden = golden_file(language, path, kind, fmt)
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(output, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run with UPDATE_GOLDEN=1 and review it"
    assert output == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs: review, then UPDATE_GOLDEN=1"
    )


def test_every_policy_type_and_department_has_an_example() -> None:
    seen = {(a["policy_type"], a.get("department")) for a in map(example, EXAMPLES)}
    for policy_type in ("employee_rules", "comprehensive", "limited"):
        assert any(kind == policy_type for kind, _ in seen), policy_type
    for department in ("marketing", "customer_service", "hr", "other"):
        assert ("department", department) in seen, department


def test_no_golden_file_is_left_over_from_a_removed_example() -> None:
    expected = {golden_file(*case) for case in cases()}
    assert set(GOLDEN.rglob("*.*")) == expected
