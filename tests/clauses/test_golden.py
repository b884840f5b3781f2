"""The examples build exactly as reviewed. After a deliberate change to the library, regenerate with

    UPDATE_GOLDEN=1 PYTHONPATH=. python -m pytest tests/clauses/test_golden.py

and review the diff of tests/clauses/golden/ like any other change to the policy text.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from policy_helpers import EXAMPLES, LIBRARY, example

from clauses.export import render

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def cases() -> list[tuple[Path, str, str]]:
    return [(path, kind, fmt) for path in EXAMPLES for kind in ("policy", "notes") for fmt in ("md", "txt")]


@pytest.mark.parametrize(
    ("path", "kind", "fmt"), cases(), ids=lambda value: value.stem if isinstance(value, Path) else value
)
def test_example_matches_its_golden_output(path: Path, kind: str, fmt: str) -> None:
    answers = example(path)
    document = LIBRARY.assemble(answers) if kind == "policy" else LIBRARY.implementation_notes(answers)
    output = str(render(document, fmt))
    suffix = "" if kind == "policy" else "-implementation-notes"
    golden = GOLDEN / f"{path.stem}{suffix}.{fmt}"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
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
    expected = {
        f"{path.stem}{'' if kind == 'policy' else '-implementation-notes'}.{fmt}"
        for path, kind, fmt in cases()
    }
    assert {golden.name for golden in GOLDEN.iterdir()} == expected
