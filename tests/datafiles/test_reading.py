"""The one YAML reader: line marks kept, and every file built to hurt refused in one line with its line."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from datafiles.errors import DataFileError, FileTooLarge, NotText, OutsideFolder, Unreadable
from datafiles.marks import Located, LocatedList, LocatedText, line_of
from datafiles.reading import MAX_VALUES, dump_yaml, parse_yaml, read_text, read_yaml


def test_mappings_lists_and_texts_know_their_lines() -> None:
    data = parse_yaml("name: Acme\nregions:\n  - flanders\n  - brussels\n", "answers.yaml", text_lines=True)
    assert isinstance(data, Located) and isinstance(data["regions"], LocatedList)
    assert (line_of(data), line_of(data, "name"), line_of(data, "regions")) == (1, 1, 2)
    assert (line_of(data["regions"], 0), line_of(data["regions"], 1)) == (3, 4)
    assert isinstance(data["name"], LocatedText) and data["name"].line == 1


def test_texts_are_plain_unless_asked() -> None:
    assert type(parse_yaml("a: b\n")["a"]) is str


@pytest.mark.parametrize(
    ("text", "expected", "syntax"),
    [
        ("a: 1\na: 2\n", "f.yaml, line 2: duplicate key 'a'", False),
        ("? [a, b]\n: x\n", "f.yaml, line 1: a key must be a plain value", False),
        ("n: " + "9" * 5_000 + "\n", "f.yaml, line 1: 999999999999999999999999… has too many digits", False),
        ("d: 2027-02-30\n", "f.yaml, line 1: 2027-02-30 is not a real date", False),
        ("x: !!python/object/apply:os.system ['echo owned']\n", "f.yaml, line 1: could not determine", True),
        ("a: &loop [*loop]\n", "f.yaml, line 1: found unconstructable recursive node", True),
        ("a: [\n", "f.yaml, line 2: did not find expected node content", True),
        ("a: b\x00\n", "f.yaml, line 1: contains a character YAML does not allow (#x0000)", True),
        ("a: " + "[" * 5_000 + "]" * 5_000 + "\n", "f.yaml", True),
    ],
)
def test_what_no_data_file_may_hold_is_refused_with_its_line(text: str, expected: str, syntax: bool) -> None:
    with pytest.raises(DataFileError) as caught:
        parse_yaml(text, "f.yaml")
    assert str(caught.value).startswith(expected), str(caught.value)
    assert caught.value.syntax is syntax


def test_aliases_that_would_fill_the_memory_are_refused_before_anything_walks_them() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 7)]
    with pytest.raises(DataFileError) as caught:
        parse_yaml("\n".join(lines) + "\n", "bomb.yaml")
    assert f"holds more than {MAX_VALUES:,} values once its aliases" in str(caught.value)


def test_keys_may_be_required_to_be_text() -> None:
    assert parse_yaml("1: one\n") == {1: "one"}
    with pytest.raises(DataFileError, match=r"line 1: keys must be text, not 1"):
        parse_yaml("1: one\n", text_keys=True)


def test_merge_keys_are_followed() -> None:
    data = parse_yaml("base: &base {a: 1}\nmore:\n  <<: *base\n  b: 2\n")
    assert data["more"] == {"a": 1, "b": 2}


def test_files_too_large_not_text_unreadable_or_outside_their_folder(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x: 1\n" * 1000)
    with pytest.raises(FileTooLarge) as caught:
        read_text(big, max_bytes=100)
    assert (caught.value.size, caught.value.limit) == (5000, 100)
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(NotText, match="is not UTF-8 text"):
        read_yaml(binary)
    with pytest.raises(Unreadable) as missing:
        read_text(tmp_path / "missing.yaml")
    assert missing.value.kind == "FileNotFoundError"
    folder = tmp_path / "folder"
    folder.mkdir()
    secret = tmp_path / "secret.yaml"
    secret.write_text("key: private\n", encoding="utf-8")
    link = folder / "clauses.yaml"
    os.symlink(secret, link)
    with pytest.raises(OutsideFolder):
        read_yaml(link, within=folder)
    assert read_yaml(link) == {"key": "private"}


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda path: os.mkfifo(path), "a FIFO (a named pipe)"),
        (lambda path: path.mkdir(), "a folder"),
        (lambda path: os.symlink("/dev/zero", path), "a device"),
    ],
    ids=["fifo", "folder", "device"],
)
def test_only_regular_files_are_read_at_once_whatever_a_name_leads_to(
    tmp_path: Path, make: Callable[[Path], None], kind: str
) -> None:
    # Before: an answers file or a draft that was a FIFO blocked the reader forever; /dev/zero was read
    # until the memory ran out (issue 14, item 3).
    path = tmp_path / "answers.yaml"
    make(path)
    started = time.perf_counter()
    with pytest.raises(Unreadable) as caught:
        read_yaml(path, max_bytes=1024 * 1024)
    assert time.perf_counter() - started < 2.0
    assert caught.value.kind == "NotAFile"
    assert str(caught.value) == f"{path}: cannot be read (it is {kind}, not a file)"


def test_line_ends_read_as_python_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    path.write_bytes(b"a: 1\r\nb: two\rc: 3\n")
    assert read_text(path) == "a: 1\nb: two\nc: 3\n" == path.read_text(encoding="utf-8")
    assert read_yaml(path) == {"a": 1, "b": "two", "c": 3}


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30) | st.dates(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@given(values)
def test_what_is_written_reads_back_the_same(value: object) -> None:
    assert parse_yaml(dump_yaml({"value": value})) == {"value": value}


@given(st.text(max_size=200))
def test_any_text_is_data_or_one_line_naming_the_file(text: str) -> None:
    try:
        parse_yaml(text, "any.yaml")
    except DataFileError as error:
        assert "\n" not in str(error) and str(error).startswith("any.yaml")
