"""The files of a clause folder: regular files only, no hard-link tricks, sizes checked first (issue 14,
item 5 of its defects, item 3 of what to build).

Before: a FIFO hung the loader forever, a character device was read until 2.6 GB and a MemoryError, a
symlink loop gave a RuntimeError traceback, and a hard link brought an outside file's content into the
policy. Each is now refused in one line naming the file, before it is read. The loader runs in a child
process (tests/hardening/childrun.py), so the old hang or memory bomb fails the test instead of the run.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from childrun import ROOT, assert_refused, run_library

from assistant.cli import main

SECRET = "s3cret-do-not-leak"
LANGUAGES = ("en", "nl", "fr", "de")


def folder_with_clause(tmp_path: Path) -> Path:
    folder = tmp_path / "firm"
    folder.mkdir()
    (folder / "clauses.yaml").write_text("clauses:\n  - {id: x, section: scope, order: 99}\n", "utf-8")
    for language in LANGUAGES:
        (folder / language / "clauses").mkdir(parents=True)
        (folder / language / "clauses" / "x.j2").write_text("# Our rule\nFine.\n", "utf-8")
    return folder


def replace_with(path: Path, make: str, tmp_path: Path) -> None:
    """Put something that is not a plain file where `path` was."""
    path.unlink(missing_ok=True)
    if make == "fifo":
        os.mkfifo(path)
    elif make == "device":
        try:
            os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # what /dev/zero is
        except PermissionError:
            pytest.skip("making a device needs root")
    elif make == "loop":
        path.symlink_to(path.name)
    elif make == "dangling":
        path.symlink_to("nowhere.j2")
    elif make == "folder":
        path.mkdir()
    elif make == "hard link":
        outside = tmp_path / "outside.txt"
        outside.write_text(f"# Secret\n{SECRET}\n", encoding="utf-8")
        os.link(outside, path)


SPECIAL = {
    "fifo": "the template is a FIFO (a named pipe), not a file; a clause folder holds files only",
    "device": "the template is a device, not a file; a clause folder holds files only",
    "loop": "is a link that leads back to itself (a loop)",
    "dangling": "is a link that leads nowhere",
    "folder": "the template is a folder, not a file",
    "hard link": "the template has 2 hard links, so its content may belong to a file outside",
}


@pytest.mark.parametrize("make", list(SPECIAL))
def test_a_template_that_is_not_a_plain_file_of_the_folder_is_refused_before_it_is_read(
    tmp_path: Path, make: str
) -> None:
    folder = folder_with_clause(tmp_path)
    template = folder / "nl" / "clauses" / "x.j2"
    replace_with(template, make, tmp_path)
    message = assert_refused(run_library(folder, timeout=30), SPECIAL[make], folder)
    assert message.startswith(f"{template}: "), message
    assert SECRET not in message


@pytest.mark.parametrize(
    "name", ["clauses.yaml", "nl/strings.yaml", "sections.yaml", "sectors.yaml", "nl/sectors.yaml"]
)
@pytest.mark.parametrize("make", ["fifo", "loop", "hard link"])
def test_a_yaml_file_that_is_not_a_plain_file_of_the_folder_is_refused(
    tmp_path: Path, name: str, make: str
) -> None:
    folder = folder_with_clause(tmp_path)
    replace_with(folder / name, make, tmp_path)
    expected = SPECIAL[make].replace("the template", "the file")
    message = assert_refused(run_library(folder, timeout=30), expected, folder)
    assert message.startswith(f"{folder / name}: "), message


def test_a_language_folder_that_loops_back_on_itself_is_refused(tmp_path: Path) -> None:
    folder = folder_with_clause(tmp_path)
    for child in (folder / "de" / "clauses").iterdir():
        child.unlink()
    (folder / "de" / "clauses").rmdir()
    (folder / "de").rmdir()
    (folder / "de").symlink_to("de")
    message = assert_refused(run_library(folder), "is a link that leads back to itself (a loop)", folder)
    assert message.startswith(f"{folder / 'de'}: ")


def test_a_hard_link_never_brings_an_outside_files_text_into_the_policy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = folder_with_clause(tmp_path)
    for language in LANGUAGES:
        replace_with(folder / language / "clauses" / "x.j2", "hard link", tmp_path)
    argv = ["build", "--answers", str(ROOT / "examples" / "limited-small.yaml"), "--clauses", str(folder)]
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert SECRET not in out + err and out == ""
    assert err.count("\n") == 1 and "hard links" in err


def test_a_folder_with_more_files_to_read_than_any_library_needs_is_refused(tmp_path: Path) -> None:
    folder = folder_with_clause(tmp_path)
    filler = ("{# " + "x" * 1000 + " #}\n") * 1000  # just under 1 MB: each file is allowed
    for number in range(25):
        (folder / "en" / "clauses" / f"extra{number}.j2").write_text(filler, encoding="utf-8")
    assert_refused(run_library(folder), "holds more than 20 MB or 5,000 files to read", folder)


def test_the_build_command_refuses_a_fifo_in_one_line_with_exit_2(tmp_path: Path) -> None:
    # In a child process: before, the loader waited for a writer forever.
    folder = folder_with_clause(tmp_path)
    replace_with(folder / "clauses.yaml", "fifo", tmp_path)
    output = tmp_path / "policy.md"
    argv = ["build", "--answers", str(ROOT / "examples" / "limited-small.yaml"), "--clauses", str(folder)]
    script = f"from assistant.cli import main; raise SystemExit(main({[*argv, '--output', str(output)]!r}))"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    expected = SPECIAL["fifo"].replace("template", "file")
    assert result.stderr == f"policy-assistant: {folder / 'clauses.yaml'}: {expected}\n"
    assert not output.exists()


def test_links_inside_the_folder_still_work(tmp_path: Path) -> None:
    folder = folder_with_clause(tmp_path)
    (folder / "de" / "clauses" / "x.j2").unlink()
    (folder / "de" / "clauses" / "x.j2").symlink_to(Path("..") / ".." / "en" / "clauses" / "x.j2")
    assert run_library(folder)["outcome"] == "accepted"
