"""Base-60 numbers and huge scalars in YAML (issue 14, item 8 of its defects).

YAML 1.1 reads ``1:1:1`` as a base-60 number, which PyYAML builds in time that grows with the square
of its length: a 1 MB answers file took 56 s, and drafts (up to 5 MB, all read at start) go through
the same reader. The one YAML reader (datafiles.reading) refuses a base-60 number, and any scalar over
100,000 characters, before it is resolved, with its line (datafiles/scalars.py).

Each kind of YAML file the program reads is tried here through the code that reads it for real (the
interview, its texts and vocabulary, answers files, drafts, clause folders in their own process, our
library, the review rules, the app's texts, the browser's users file, the places): a reader that
bypassed the guard would accept ``1:30`` as 90, and these tests fail.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.cli import main
from assistant.serving.access import AccessError, load_people
from assistant.texts import UiTextsError, read_file
from clauses import LibraryError, load_library, loader, yamlfile
from clauses.library import DEFAULT_FOLDER
from clauses.review.errors import RulesError
from clauses.review.rules import RULES_FOLDER, load_rules
from datafiles.errors import DataFileError
from datafiles.reading import dump_yaml, parse_yaml
from dialogue.answers_file import AnswersFileError, check_answers
from dialogue.drafts import DraftError, DraftStore
from dialogue.errors import DefinitionError
from dialogue.loader import load_interview
from dialogue.yamlsource import parse_yaml as parse_interview_yaml

ROOT = Path(__file__).resolve().parents[2]
INTERVIEW = ROOT / "dialogue" / "interview"
QUICK = 2.0  # seconds; the quadratic version took 56 s for 1 MB
BASE_60 = ":".join(["1"] * 450_000)  # about 900 KB: under the answers file's 1 MB limit
HUGE = "x" * 150_000
BASE_60_REFUSED = "1:30 would be read as a base-60 number (YAML 1.1); write it in quotes if it is text"
HUGE_REFUSED = "a value of 150,000 characters; at most 100,000 are allowed"
PRODUCT = ("assistant", "dialogue", "clauses", "datafiles")


def test_the_guard_is_one_module_of_the_shared_reader() -> None:
    # The two copies sandbox carried (clauses/, dialogue/) are gone: the reader they share holds it.
    assert not list(ROOT.glob("*/yamlguard.py"))
    defined = [
        path.relative_to(ROOT).as_posix()
        for package in PRODUCT
        for path in (ROOT / package).rglob("*.py")
        if "class ScalarGuard" in path.read_text(encoding="utf-8")
    ]
    assert defined == ["datafiles/scalars.py"]


def test_no_module_reads_yaml_but_the_shared_reader() -> None:
    # A module calling PyYAML's loader itself would read its files without the guards.
    calling = re.compile(r"\byaml\.(?:load|safe_load|full_load|unsafe_load|load_all|safe_load_all)\(")
    readers = sorted(
        path.relative_to(ROOT).as_posix()
        for package in PRODUCT
        for path in (ROOT / package).rglob("*.py")
        if calling.search(path.read_text(encoding="utf-8"))
    )
    assert readers == ["datafiles/reading.py"]


# --- every kind of file, read by the code that reads it ----------------------------------------------


def _probe(path: Path, value: str) -> None:
    """Put `guard_probe: value` on the first line of the YAML mapping in `path`."""
    path.write_text(f"guard_probe: {value}\n" + path.read_text(encoding="utf-8"), encoding="utf-8")


def _interview(tmp_path: Path, value: str, name: str) -> Callable[[], object]:
    folder = tmp_path / "interview"
    shutil.copytree(INTERVIEW, folder)
    _probe(folder / name, value)
    return lambda: load_interview(folder)


def _vocabulary(tmp_path: Path, value: str) -> Callable[[], object]:
    from dialogue.words.vocabulary import vocabulary

    folder = tmp_path / "interview"
    shutil.copytree(INTERVIEW, folder)
    _probe(folder / "vocabulary.yaml", value)
    return lambda: vocabulary(folder)


def _answers_file(tmp_path: Path, value: str) -> Callable[[], object]:
    path = tmp_path / "answers.yaml"
    shutil.copy(ROOT / "examples" / "comprehensive-brussels.yaml", path)
    _probe(path, value)
    return lambda: check_answers(path, load_interview())


def _draft(tmp_path: Path, value: str) -> Callable[[], object]:
    store = DraftStore(tmp_path / "drafts")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "20261120-090000-probe.yaml").write_text(
        f"guard_probe: {value}\nanswers: {{}}\n", encoding="utf-8"
    )
    return lambda: store.load("20261120-090000-probe", load_interview())


def _clause_folder(tmp_path: Path, value: str) -> Callable[[], object]:
    folder = tmp_path / "firm"
    shutil.copytree(ROOT / "examples" / "custom-clauses", folder)
    _probe(folder / "clauses.yaml", value)
    return lambda: load_library(folder)  # read in its own process (clauses.isolation)


def _our_library(tmp_path: Path, value: str) -> Callable[[], object]:
    folder = tmp_path / "library"
    shutil.copytree(DEFAULT_FOLDER, folder)
    _probe(folder / "nl" / "strings.yaml", value)
    return lambda: loader.read((folder,))


def _review_rules(tmp_path: Path, value: str) -> Callable[[], object]:
    folder = tmp_path / "rules"
    shutil.copytree(RULES_FOLDER, folder)
    _probe(folder / "checks.yaml", value)
    return lambda: load_rules(folder)


def _app_texts(tmp_path: Path, value: str) -> Callable[[], object]:
    path = tmp_path / "en.yaml"
    shutil.copy(ROOT / "assistant" / "lang" / "en.yaml", path)
    _probe(path, value)
    return lambda: read_file(path)


def _users_file(tmp_path: Path, value: str) -> Callable[[], object]:
    path = tmp_path / "users.yaml"
    path.write_text("anna: a-token-nobody-guesses-0123456789\n", encoding="utf-8")
    _probe(path, value)
    path.chmod(0o600)
    return lambda: load_people(path, tmp_path / "people")


def _places(tmp_path: Path, value: str) -> Callable[[], object]:
    from dialogue.words import places

    path = tmp_path / "places.yaml"
    shutil.copy(places.DATA / "places.yaml", path)
    _probe(path, value)
    return lambda: places._read_yaml(path)


# Each kind, and the error its reader raises (the message is what the user sees).
Reader = Callable[[Path, str], Callable[[], object]]
KINDS: dict[str, tuple[Reader, type[Exception]]] = {
    "interview": (lambda tmp_path, value: _interview(tmp_path, value, "questions.yaml"), DefinitionError),
    "interview texts": (lambda tmp_path, value: _interview(tmp_path, value, "lang/nl.yaml"), DefinitionError),
    "vocabulary": (_vocabulary, DataFileError),
    "answers file": (_answers_file, AnswersFileError),
    "draft": (_draft, DraftError),
    "clause folder": (_clause_folder, LibraryError),
    "our library": (_our_library, LibraryError),
    "review rules": (_review_rules, RulesError),
    "app texts": (_app_texts, UiTextsError),
    "users file": (_users_file, AccessError),
    "places": (_places, DataFileError),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize(
    ("value", "refusal"), [("1:30", BASE_60_REFUSED), (HUGE, HUGE_REFUSED)], ids=["base 60", "huge"]
)
def test_every_kind_of_yaml_file_refuses_base_60_and_huge_values_with_the_line(
    tmp_path: Path, kind: str, value: str, refusal: str
) -> None:
    make, error = KINDS[kind]
    read = make(tmp_path, value)
    started = time.perf_counter()
    with pytest.raises(error) as caught:
        read()
    assert time.perf_counter() - started < 10 * QUICK  # the clause folder starts a process
    message = str(caught.value)
    if kind == "draft":  # a damaged draft is kept and named, the reason is not shown
        assert "is damaged near line 1" in message, message
        assert "guard_probe" not in message
        # The reason is the guard's: the same text read by the same reader.
        with pytest.raises(DataFileError, match=re.escape(refusal)):
            parse_yaml(f"guard_probe: {value}\nanswers: {{}}\n")
    else:
        assert re.search(r"line 1\b", message) and refusal in message, message


# --- the refusals themselves ----------------------------------------------------------------------------


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
        ("- [a, {k: 1:30}]\n", "line 1: 1:30 would be read as a base-60 number"),
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
        "nested",
    ],
)
def test_the_dialogue_reader_refuses_base_60_and_huge_scalars_with_the_line(text: str, expected: str) -> None:
    started = time.perf_counter()
    with pytest.raises(DefinitionError) as caught:
        parse_interview_yaml(text, "x.yaml")
    assert time.perf_counter() - started < QUICK
    assert expected in str(caught.value), str(caught.value)


@pytest.mark.parametrize("text_keys", [False, True])
@pytest.mark.parametrize("text_lines", [False, True])
def test_the_reader_refuses_them_in_each_of_its_modes(text_keys: bool, text_lines: bool) -> None:
    # text_lines reads every text through its own constructor (the review rules): guarded too.
    for text, expected in (("a: x\nk: 1:30\n", BASE_60_REFUSED), (f"a: x\nk: '{HUGE}'\n", HUGE_REFUSED)):
        with pytest.raises(DataFileError) as caught:
            parse_yaml(text, "x.yaml", text_keys=text_keys, text_lines=text_lines)
        assert caught.value.line == 2 and caught.value.problem == expected
        assert not caught.value.syntax  # valid YAML, holding a value no file may hold


def test_times_and_dates_that_are_not_base_60_still_read() -> None:
    data = parse_interview_yaml(
        "a: '12:30'\nb: 2027-03-01\nc: 2027-03-01 12:30:00\nd: 1_000\ne: x:1\nf: 0x1F\ng: 1.5e+3\n", "x.yaml"
    )
    assert data["a"] == "12:30" and data["d"] == 1000 and data["e"] == "x:1"
    assert data["f"] == 31 and data["g"] == 1500.0
    assert str(data["b"]) == "2027-03-01" and data["c"].hour == 12


def test_a_value_at_the_limit_still_reads() -> None:
    assert parse_yaml("k: " + "x" * 100_000 + "\n")["k"] == "x" * 100_000


@settings(max_examples=300)
@given(st.text(alphabet="0123456789:._-+ eEoxb", max_size=40))
def test_any_text_of_numbers_and_colons_written_by_a_yaml_writer_reads_back_the_same(value: str) -> None:
    # A writer quotes what a reader would take for a number: such text is never refused as base-60.
    written = yaml.safe_dump({"k": value}, allow_unicode=True)
    assert parse_interview_yaml(written, "x.yaml")["k"] == value


@settings(max_examples=300)
@given(st.text(alphabet="0123456789:._-+ eEoxb", max_size=40))
def test_an_answer_of_numbers_and_colons_saved_in_a_draft_reads_back_the_same(value: str) -> None:
    # Drafts are written by datafiles.reading.dump_yaml: "1:30" typed as an answer is saved quoted.
    assert parse_yaml(dump_yaml({"answers": {"meeting_time": value}}))["answers"]["meeting_time"] == value


@pytest.mark.parametrize(
    ("clauses_yaml", "expected"),
    [
        (
            "clauses:\n  - {id: x, section: scope, order: 1:30}\n",
            "line 2: 1:30 would be read",
        ),
        (
            "clauses:\n  - {id: x, section: scope, order: 1, when: '" + "x" * 150_000 + "'}\n",
            "line 2: a value of 150,000 characters; at most 100,000 are allowed",
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
