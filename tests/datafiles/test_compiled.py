"""Dataclasses' methods come compiled from the cache folder: the same classes, and an entry that cannot be
trusted is never run."""

from __future__ import annotations

import dataclasses
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from datafiles import compiled

ROOT = Path(__file__).resolve().parents[2]

MAKE_CLASS = """
import dataclasses, sys
from datafiles import compiled
compiled.install()
@dataclasses.dataclass(frozen=True)
class Answer:
    question: str
    value: int = 0
a = Answer("q", 1)
assert a == Answer("q", 1) and a != Answer("q", 2) and hash(a) == hash(Answer("q", 1))
assert repr(a) == "Answer(question='q', value=1)", repr(a)
try:
    a.value = 2
except dataclasses.FrozenInstanceError:
    pass
else:
    raise AssertionError("a frozen dataclass was changed")
print(len(compiled._compiled), compiled._read_count)
compiled.keep()
"""


def _start(home: Path) -> tuple[int, int]:
    """A new Python process that makes a dataclass: (methods it knows, methods it read from the entry)."""
    environment = {**os.environ, "POLICY_ASSISTANT_HOME": str(home), "PYTHONPATH": str(ROOT)}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(
        [sys.executable, "-c", MAKE_CLASS], env=environment, capture_output=True, text=True, check=True
    )
    known, read = done.stdout.split()
    return int(known), int(read)


def test_the_second_start_reads_the_methods_the_first_compiled(tmp_path: Path) -> None:
    first_known, first_read = _start(tmp_path)
    assert first_read == 0 and first_known >= 5  # __init__, __repr__, __eq__, __hash__, __setattr__ ...
    second_known, second_read = _start(tmp_path)
    assert second_read == second_known == first_known, "every method came from the entry"


def test_the_methods_behave_as_pythons_own(private_home: Path) -> None:
    compiled.install()

    @dataclasses.dataclass(frozen=True)
    class Choice:
        value: str
        words: tuple[str, ...] = ()

    assert dataclasses.exec is compiled._exec  # type: ignore[attr-defined]
    choice = Choice("yes", ("ja",))
    assert choice == Choice("yes", ("ja",)) and hash(choice) == hash(Choice("yes", ("ja",)))
    assert repr(choice).endswith("Choice(value='yes', words=('ja',))")
    with pytest.raises(dataclasses.FrozenInstanceError):
        choice.value = "no"  # type: ignore[misc]


def _kept(path: Path) -> None:
    source = "def f():\n return 1\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(marshal.dumps({source: compile(source, "<string>", "exec")}))
    path.chmod(0o600)


def test_an_entry_that_cannot_be_trusted_is_ignored(tmp_path: Path) -> None:
    entry = tmp_path / "methods.marshal"
    _kept(entry)
    assert len(compiled.read(entry)) == 1
    entry.chmod(0o666)  # anyone could have written it
    assert compiled.read(entry) == {}
    entry.chmod(0o600)
    link = tmp_path / "link.marshal"
    link.symlink_to(entry)  # a link planted at the entry's name is not followed
    assert compiled.read(link) == {}
    entry.write_bytes(b"\x00damaged")
    assert compiled.read(entry) == {}
    entry.write_bytes(marshal.dumps({"def f(): pass": "not code"}))
    assert compiled.read(entry) == {}
    assert compiled.read(tmp_path / "missing.marshal") == {}


def test_nothing_is_written_when_python_writes_no_bytecode(
    private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled.install()
    monkeypatch.setattr(compiled, "_read_count", -1)  # as if something new had been compiled
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    compiled.keep()
    assert not compiled.entry().exists()
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    compiled.keep()
    assert len(compiled.read(compiled.entry())) == len(compiled._compiled)
