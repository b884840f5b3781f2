"""Files the assistant writes (issue 14, items 6, 9 and 16): exports and review reports are 0600 like
drafts; `build --force` writes through an unpredictable temporary file and never follows a link; the
cache is written atomically and a failure to write it is never fatal nor leaves a file behind; a
megabyte-long condition is quoted as an excerpt in its error line.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.cli import main
from clauses import LibraryError, load_library
from datafiles import cache
from dialogue.conditions import ConditionError, compile_condition

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ROOT / "examples" / "comprehensive-brussels.yaml"
POSIX = pytest.mark.skipif(os.name != "posix", reason="file modes and links are POSIX")


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The usual umask (022), under which a file created without a mode is readable by everyone."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@POSIX
@pytest.mark.parametrize("force", [False, True])
def test_exports_are_readable_only_by_the_user(tmp_path: Path, loose_umask: None, force: bool) -> None:
    target = tmp_path / "policy.md"  # written as policy-nl.md and policy-fr.md (the binding versions)
    if force:
        (tmp_path / "policy-fr.md").write_text("old")
    assert main(["build", "--answers", str(ANSWERS), "--output", str(target), *(["--force"] * force)]) == 0
    written = sorted(tmp_path.glob("policy*.md"))
    assert [path.name for path in written] == ["policy-fr.md", "policy-nl.md"]
    assert {path.name: mode(path) for path in written} == {path.name: 0o600 for path in written}


@POSIX
def test_a_review_report_is_readable_only_by_the_user(tmp_path: Path, loose_umask: None) -> None:
    policy = tmp_path / "ours.md"
    policy.write_text("# Social media policy\n\nEmployees use social media responsibly.\n")
    report = tmp_path / "report.html"
    main(["review", str(policy), "--output", str(report)])
    assert mode(report) == 0o600


@POSIX
def test_build_force_never_follows_a_link_planted_at_the_target_or_a_temporary_name(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    target = tmp_path / "policy-fr.md"
    target.symlink_to(victim)
    # The temporary name `--force` used to write: .NAME.PID.tmp, predictable, and followed.
    (tmp_path / f".policy-nl.md.{os.getpid()}.tmp").symlink_to(victim)
    assert main(["build", "--answers", str(ANSWERS), "--output", str(tmp_path / "policy.md"), "--force"]) == 0
    assert victim.read_text() == "precious"
    assert not target.is_symlink() and "Kanaalzone Logistics NV" in target.read_text()
    leftovers = [
        path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp") and not path.is_symlink()
    ]
    assert leftovers == []


@POSIX
def test_build_without_force_refuses_a_link_in_place_of_the_target(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "policy-fr.md").symlink_to(tmp_path / "nowhere.md")  # dangling: a write would create it
    assert main(["build", "--answers", str(ANSWERS), "--output", str(tmp_path / "policy.md")]) == 2
    assert not (tmp_path / "nowhere.md").exists()


def test_a_cache_that_cannot_be_written_costs_nothing_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICY_ASSISTANT_HOME", str(tmp_path))
    entry = cache.entry_name("test", "stem", b"data")

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    cache.store(entry, {"a": 1})  # no exception
    monkeypatch.undo()
    monkeypatch.setenv("POLICY_ASSISTANT_HOME", str(tmp_path))
    cache.store(entry, {"not JSON": object()})  # no exception either
    assert list(entry.parent.iterdir()) == []
    cache.store(entry, {"a": 1})
    assert [path.name for path in entry.parent.iterdir()] == [entry.name]
    assert cache.load(entry) == {"a": 1}
    if os.name == "posix":
        assert mode(entry) == 0o600


def test_a_cache_folder_that_is_a_file_is_not_fatal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICY_ASSISTANT_HOME", str(tmp_path))
    (tmp_path / "cache").write_text("not a folder")
    assert cache.cached_parse(ANSWERS, lambda data: {"size": len(data)}, "answers") == {
        "size": len(ANSWERS.read_bytes())
    }


MEGABYTE_CONDITION = "headcount > 1 and " * 60_000 + "("


def test_a_megabyte_interview_condition_is_quoted_as_an_excerpt() -> None:
    with pytest.raises(ConditionError) as caught:
        compile_condition(MEGABYTE_CONDITION)
    message = str(caught.value)
    assert len(message) < 400, len(message)
    assert "headcount > 1 and" in message


def test_a_megabyte_clause_condition_is_quoted_as_an_excerpt(tmp_path: Path) -> None:
    folder = tmp_path / "firm"
    (folder / "en" / "clauses").mkdir(parents=True)
    (folder / "clauses.yaml").write_text(
        f'clauses:\n  - {{id: x, section: scope, order: 99, when: "{MEGABYTE_CONDITION}"}}\n',
        encoding="utf-8",
    )
    (folder / "en" / "clauses" / "x.j2").write_text("Text.", encoding="utf-8")
    with pytest.raises(LibraryError) as caught:
        load_library(folder)
    message = str(caught.value)
    assert len(message) < 1000, len(message)
