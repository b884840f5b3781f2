"""Answers files, drafts and policies to review, as anyone might write or damage them.

Whatever a file holds (any YAML data, billion-laughs aliases, numbers of thousands of digits, dates that
do not exist, Python object tags, deep nesting, binary, a megabyte of digits), reading it ends in a
result or a one-line message naming the file (and the line where there is one), quickly.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategies import hostile_text, yaml_data

from assistant.cli import main
from clauses.review import Report, ReviewInputError, review_text
from dialogue.answers_file import AnswersFileError, check_answers_text
from dialogue.drafts import DraftError, DraftStore
from dialogue.loader import load_interview

interview = load_interview()
QUESTION_IDS = sorted(interview.by_id)
SLOW = 3.0  # seconds: reading any of these files takes far less


def laughs(levels: int, name: str = "lol") -> tuple[str, str]:
    """YAML anchors that each repeat the one before ten times: `*{name}{levels}` is 10**(levels+1) values
    when followed, from a few hundred bytes. The lines, and the alias that names the biggest."""
    lines = [f"{name}0: &{name}0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels + 1):
        lines.append(f"{name}{level}: &{name}{level} [" + ", ".join([f"*{name}{level - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n", f"*{name}{levels}"


def one_line(message: str) -> str:
    assert message.strip() and "\n" not in message and "Traceback" not in message, message
    return message


# --- answers files -----------------------------------------------------------------------------------


def dump(data: object) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        assume(False)  # text YAML cannot hold (a lone surrogate)
        raise


@settings(max_examples=150)
@given(
    data=st.one_of(
        yaml_data(),
        st.dictionaries(st.sampled_from(QUESTION_IDS), yaml_data(max_leaves=6), max_size=12),
    )
)
def test_any_data_in_an_answers_file_is_read_or_refused_in_one_line_per_problem(data: object) -> None:
    started = time.perf_counter()
    try:
        check_answers_text(dump(data), interview, "answers.yaml")
    except AnswersFileError as error:
        one_line(str(error))
        for problem in error.problems:
            one_line(str(problem))
            assert str(problem).startswith("answers.yaml")
    assert time.perf_counter() - started < SLOW


HOSTILE_ANSWERS = {
    "laughs in a value": (
        "policy_type: limited\norg_name: Acme\n" + laughs(8)[0] + f"regions: [{laughs(8)[1]}]\n",
        r"answers\.yaml: holds more than 200,000 values once its aliases",
    ),
    "laughs everywhere": (
        laughs(9)[0] + f"policy_type: {laughs(9)[1]}\n",
        r"answers\.yaml: holds more than",
    ),
    "a self-referencing list": (
        "regions: &loop [*loop]\n",
        r"answers\.yaml, line 1: found unconstructable recursive",
    ),
    "a number of 5,000 digits": (
        "policy_type: limited\norg_name: Acme\nregions: [flanders]\nheadcount: " + "9" * 5_000 + "\n",
        r"answers\.yaml, line 4: 9{24}… has too many digits to be a number",
    ),
    "a date that does not exist": (
        "policy_type: limited\neffective_date: 2027-02-30\n",
        r"answers\.yaml, line 2: 2027-02-30 is not a real date",
    ),
    "a Python object": (
        "policy_type: !!python/object/apply:os.system ['echo owned']\n",
        r"answers\.yaml, line 1: could not determine a constructor for the tag",
    ),
    "deep nesting": ("regions: " + "[" * 5_000 + "]" * 5_000 + "\n", r"answers\.yaml, line 1: "),
    "a null byte": ("policy_type: limited\x00\n", r"answers\.yaml, line 1: contains a character YAML"),
    "a list as a key": ("? [a, b]\n: x\n", r"answers\.yaml, line 1: a key must be a plain value"),
    "a huge choice": (
        "policy_type: " + "x" * 100_000 + "\n",
        r"answers\.yaml, line 1, question 'policy_type': 'x+\.\.\.x+' is not one of the choices",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE_ANSWERS))
@pytest.mark.parametrize("command", ["check-answers", "build"])
def test_a_hostile_answers_file_is_refused_in_one_line_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, command: str
) -> None:
    import re

    text, expected = HOSTILE_ANSWERS[case]
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    argv = ["check-answers", str(path)] if command == "check-answers" else ["build", "--answers", str(path)]
    code = main(argv)
    out, err = capsys.readouterr()
    assert time.perf_counter() - started < SLOW
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "Traceback" not in err, err
    message = err.removeprefix("policy-assistant: ").strip()
    assert re.search(re.escape(str(path)).replace("answers\\.yaml", "") + expected, message), message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff\xfe\x00binary", "is not UTF-8 text"),
        (b"x: 1\n" * 300_000, "is too large for an answers file (over 1 MB)"),
    ],
)
def test_binary_and_huge_answers_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_bytes(content)
    assert main(["check-answers", str(path)]) == 2
    assert capsys.readouterr().err == f"policy-assistant: {path}: {expected}\n"


# --- drafts -------------------------------------------------------------------------------------------

DRAFT_KEYS = ("format", "language", "id", "created", "state", "editing", "revisit", "answers", "skipped")
DRAFT_KEYS += ("suggestions", "history", "title", "progress", "saved")


def _draft_data() -> st.SearchStrategy[dict[str, object]]:
    """A draft's fields, each either sensible or any data at all."""
    sensible = {
        "format": st.just(1),
        "language": st.sampled_from(["en", "nl", "fr", "de"]),
        "state": st.sampled_from(["start", "summary", "done", *QUESTION_IDS]),
        "answers": st.dictionaries(st.sampled_from(QUESTION_IDS), yaml_data(max_leaves=4), max_size=10),
        "skipped": st.lists(st.sampled_from(QUESTION_IDS), max_size=4),
        "history": st.lists(st.sampled_from(QUESTION_IDS), max_size=4),
        "revisit": st.lists(st.sampled_from(QUESTION_IDS), max_size=3),
        "suggestions": st.dictionaries(st.sampled_from(QUESTION_IDS), yaml_data(max_leaves=4), max_size=5),
    }
    fields = {
        key: st.one_of(sensible[key], yaml_data(max_leaves=8)) if key in sensible else yaml_data(max_leaves=4)
        for key in DRAFT_KEYS
    }
    return st.fixed_dictionaries({}, optional=fields)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_draft_data())
def test_any_draft_resumes_or_is_damaged_and_the_list_says_the_same(tmp_path: Path, data: object) -> None:
    store = DraftStore(tmp_path / "drafts")
    store.folder.mkdir(exist_ok=True)
    for old in store.folder.iterdir():
        old.unlink()
    path = store.folder / "any.yaml"
    path.write_text(dump(data), encoding="utf-8")
    listed = store.list()
    assert [draft.id for draft in listed] == ["any"]
    try:
        session = store.load("any", interview)
    except DraftError as error:
        one_line(str(error))
        assert str(path) in str(error) and "It was kept as it is." in str(error)
        assert listed[0].is_damaged, "a draft that cannot be opened is marked in the list"
    else:
        with session:
            assert not listed[0].is_damaged
            assert session.state in {"start", "summary", "done", *QUESTION_IDS}
            for question_id, value in session.answers.items():
                assert value == interview_check(question_id, value)
    assert path.read_text(encoding="utf-8") == dump(data), "reading a draft never changes it"


def interview_check(question_id: str, value: object) -> object:
    from dialogue.validation import validate

    return validate(interview[question_id], value, None)


LAUGHS, BIGGEST = laughs(8)


@pytest.mark.parametrize(
    "text",
    [
        LAUGHS + f"format: 1\nstate: x\nanswers: {{}}\nskipped: []\nhistory: {BIGGEST}\n",
        LAUGHS + f"format: 1\nstate: x\nanswers: {{}}\nskipped: []\nhistory: []\nlanguage: {BIGGEST}\n",
        "format: 1\nstate: policy_type\nanswers: {headcount: " + "9" * 5000 + "}\nskipped: []\nhistory: []\n",
        "format: 1\nstate: policy_type\nanswers: {}\nskipped: [[a, b]]\nhistory: []\nrevisit: [{a: b}]\n",
        "format: 1\nstate: policy_type\nanswers: {}\nskipped: []\nhistory: []\ncreated: 2026-02-30\n",
    ],
    ids=["laughs in history", "laughs as language", "5000 digits", "lists as ids", "no such day"],
)
def test_a_hostile_draft_opens_or_is_damaged_quickly(tmp_path: Path, text: str) -> None:
    store = DraftStore(tmp_path)
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    try:
        store.load("bad", interview).close()
    except DraftError as error:
        one_line(str(error))
    store.list()
    assert time.perf_counter() - started < SLOW


# --- policies to review -----------------------------------------------------------------------------


@settings(max_examples=60)
@given(text=hostile_text(2_000), fmt=st.sampled_from(["md", "txt", "html"]))
def test_any_hostile_text_gets_a_review_or_a_one_line_refusal(text: str, fmt: str) -> None:
    started = time.perf_counter()
    try:
        report = review_text(text, fmt, source="policy")
    except ReviewInputError as error:
        one_line(str(error))
    else:
        assert isinstance(report, Report)
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize(
    "text",
    [
        "We have " + "9" * 20_000 + " employees.",
        "Our company " + "Acme" * 5_000 + " (the company) uses social media.",
        "Passwords: " + "wachtwoord" * 2_000,
        "Write to " + "a" * 10_000 + "@acme.be for help.",
    ],
    ids=["20,000 digits", "one long name", "one long Dutch word", "a long address"],
)
def test_one_endless_word_is_reviewed_quickly(text: str) -> None:
    # A pattern that tries every position of one run of characters took 20 s on 20,000 digits, and a
    # number of more than 4,300 digits made the review crash.
    started = time.perf_counter()
    report = review_text(text, "txt", source="policy.txt")
    assert time.perf_counter() - started < 2.5
    assert "headcount" not in report.inferred_answers
