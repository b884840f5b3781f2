"""Base-60 numbers and huge scalars in YAML (issue 14, item 8 of its defects).

YAML 1.1 reads ``1:1:1`` as a base-60 number, which PyYAML builds in time that grows with the square
of its length: a 1 MB answers file took 56 s, and drafts (up to 5 MB, all read at start) go through
the same reader. Every reader now refuses a base-60 number, and any scalar over 100,000 characters,
before it is resolved, with its line (clauses/yamlguard.py, the same file as dialogue/yamlguard.py
until the shared YAML reader adopts it).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.cli import main
from clauses import LibraryError, load_library, yamlfile
from dialogue.drafts import DraftStore
from dialogue.errors import DefinitionError
from dialogue.yamlsource import parse_yaml

ROOT = Path(__file__).resolve().parents[2]
QUICK = 2.0  # seconds; the quadratic version took 56 s for 1 MB
BASE_60 = ":".join(["1"] * 450_000)  # about 900 KB: under the answers file's 1 MB limit


def test_the_guard_is_one_module_in_both_packages() -> None:
    # Until the shared YAML reader takes it, clauses/ and dialogue/ (which may not import each other)
    # each carry the same file.
    ours = (ROOT / "clauses" / "yamlguard.py").read_bytes()
    assert (ROOT / "dialogue" / "yamlguard.py").read_bytes() == ours


def test_a_huge_base_60_number_in_an_answers_file_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"org_name: Acme NV\nheadcount: {BASE_60}\n", encoding="utf-8")
    started = time.perf_counter()
    assert main(["check-answers", str(answers)]) != 0
    assert time.perf_counter() - started < QUICK
    out, err = capsys.readouterr()
    assert "answers.yaml, line 2: a value of 899,999 characters; at most 100,000 are allowed" in out + err


def test_a_huge_base_60_number_in_a_draft_is_a_damaged_draft_found_at_once(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    (tmp_path / "20261120-090000-b60.yaml").write_text(f"answers:\n  headcount: {BASE_60}\n", "utf-8")
    started = time.perf_counter()
    drafts = store.list()
    assert time.perf_counter() - started < QUICK
    assert len(drafts) == 1 and drafts[0].is_damaged


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("k: " + BASE_60, "line 1: a value of 899,999 characters; at most 100,000 are allowed"),
        ("k: " + BASE_60[:99_999], "line 1: 1:1:1:1:1:1:1:1:1:1:1:1:… would be read as a base-60 number"),
        ("a: 1\nk: 1:30\n", "line 2: 1:30 would be read as a base-60 number (YAML 1.1); write it in quotes"),
        ("k: 1:30.5\n", "line 1: 1:30.5 would be read as a base-60 number"),
        ("k: !!int '1:30'\n", "line 1: 1:30 would be read as a base-60 number"),
        ("k: !!float '-1:30'\n", "line 1: -1:30 would be read as a base-60 number"),
        ("k: " + "x" * 200_000 + "\n", "line 1: a value of 200,000 characters; at most 100,000 are allowed"),
        ("k: '" + "x" * 200_000 + "'\n", "line 1: a value of 200,000 characters; at most 100,000"),
        ("? " + "x" * 200_000 + "\n: 1\n", "line 1: a value of 200,000 characters"),
    ],
    ids=[
        "900 KB base 60",
        "100 KB base 60",
        "base 60",
        "base 60 float",
        "tagged int",
        "tagged float",
        "plain",
        "quoted",
        "key",
    ],
)
def test_the_dialogue_reader_refuses_base_60_and_huge_scalars_with_the_line(text: str, expected: str) -> None:
    started = time.perf_counter()
    with pytest.raises(DefinitionError) as caught:
        parse_yaml(text, "x.yaml")
    assert time.perf_counter() - started < QUICK
    assert expected in str(caught.value), str(caught.value)


def test_times_and_dates_that_are_not_base_60_still_read() -> None:
    data = parse_yaml("a: '12:30'\nb: 2027-03-01\nc: 2027-03-01 12:30:00\nd: 1_000\ne: x:1\n", "x.yaml")
    assert data["a"] == "12:30" and data["d"] == 1000 and data["e"] == "x:1"
    assert str(data["b"]) == "2027-03-01" and data["c"].hour == 12


@settings(max_examples=300)
@given(st.text(alphabet="0123456789:._-+ eEoxb", max_size=40))
def test_any_text_of_numbers_and_colons_written_by_a_yaml_writer_reads_back_the_same(value: str) -> None:
    # A writer quotes what a reader would take for a number: such text is never refused as base-60.
    written = yaml.safe_dump({"k": value}, allow_unicode=True)
    assert parse_yaml(written, "x.yaml")["k"] == value


@pytest.mark.parametrize(
    ("clauses_yaml", "expected"),
    [
        (
            "clauses:\n  - {id: x, section: scope, order: 1:30}\n",
            "line 2: not valid YAML: 1:30 would be read",
        ),
        (
            "clauses:\n  - {id: x, section: scope, order: 1, when: '" + "x" * 150_000 + "'}\n",
            "line 2: not valid YAML: a value of 150,000 characters; at most 100,000 are allowed",
        ),
    ],
    ids=["base 60", "huge condition"],
)
def test_the_clause_folder_reader_refuses_base_60_and_huge_scalars(
    tmp_path: Path, clauses_yaml: str, expected: str
) -> None:
    folder = tmp_path / "firm"
    folder.mkdir()
    (folder / "clauses.yaml").write_text(clauses_yaml, encoding="utf-8")
    for language in ("en", "nl", "fr", "de"):
        (folder / language / "clauses").mkdir(parents=True)
        (folder / language / "clauses" / "x.j2").write_text("Fine.\n", encoding="utf-8")
    with pytest.raises(LibraryError) as caught:
        load_library(folder)
    assert str(caught.value).startswith(f"{folder / 'clauses.yaml'}, {expected}"), str(caught.value)


def test_the_clause_reader_refuses_a_huge_base_60_number_at_once(tmp_path: Path) -> None:
    path = tmp_path / "strings.yaml"
    path.write_text("k: " + ":".join(["1"] * 400_000) + "\n", encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(LibraryError, match="a value of 799,999 characters"):
        yamlfile.load(path)
    assert time.perf_counter() - started < QUICK
