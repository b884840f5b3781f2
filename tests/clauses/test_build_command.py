"""`policy-assistant build`: from an answers file to the policy and its notes, on disk or standard output."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from policy_helpers import EXAMPLES, ROOT

from assistant.cli import main

LIMITED = ROOT / "examples" / "limited-small.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["build", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_without_output_markdown_goes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--answers", str(LIMITED))
    assert code == 0 and err == ""
    assert out.startswith("# Social Media Do's and Don'ts\n")


def test_notes_follow_the_policy_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--answers", str(LIMITED), "--format", "txt", "--notes")
    assert code == 0
    assert out.index("Social Media Do's and Don'ts") < out.index("Implementation Notes")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_every_example_builds_cleanly_as_docx_with_its_notes(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "policy.docx"
    code, out, err = run(capsys, "--answers", str(path), "--output", str(output), "--notes")
    assert (code, err) == (0, "")
    notes = tmp_path / "policy-implementation-notes.docx"
    assert out.splitlines() == [f"Wrote {output}", f"Wrote {notes}"]
    assert docx.Document(io.BytesIO(output.read_bytes())).paragraphs[0].style.name == "Title"
    assert docx.Document(io.BytesIO(notes.read_bytes())).core_properties.title.startswith(
        "Implementation Notes"
    )


def test_an_existing_file_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "policy.html"
    output.write_text("keep me", encoding="utf-8")
    code, out, err = run(capsys, "--answers", str(LIMITED), "-o", str(output))
    assert code == 2 and out == ""
    assert err.strip() == f"policy-assistant: {output} already exists; use --force to replace it"
    assert output.read_text(encoding="utf-8") == "keep me"
    code, _, _ = run(capsys, "--answers", str(LIMITED), "-o", str(output), "--force")
    assert code == 0 and output.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_existing_notes_file_stops_the_build_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "p-implementation-notes.md").write_text("keep me", encoding="utf-8")
    code, _, err = run(capsys, "--answers", str(LIMITED), "-o", str(tmp_path / "p.md"), "--notes")
    assert code == 2 and "p-implementation-notes.md already exists" in err
    assert not (tmp_path / "p.md").exists()


def test_bad_answers_get_the_check_answers_message_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        LIMITED.read_text(encoding="utf-8").replace("headcount: 12", "headcount: many"), "utf-8"
    )
    code, out, err = run(capsys, "--answers", str(answers))
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert "line" in err and "headcount" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "docx"], "DOCX cannot go to standard output"),
        (["-o", "policy.odt"], "cannot tell the format"),
        (["-o", "policy.md", "--format", "txt"], "does not match the suffix"),
        (["--lang", "xx"], "no policy texts in 'xx'"),
    ],
)
def test_bad_options_are_one_line_errors(
    args: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--answers", str(LIMITED), *args)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_the_readme_build_example_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Building a policy", 1)[1].split("\n## ", 1)[0]
    command = next(line for line in section.splitlines() if line.startswith("policy-assistant build"))
    args = command.split()[2:]
    args[args.index("--answers") + 1] = str(ROOT / args[args.index("--answers") + 1])
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *args)
    assert (code, err) == (0, "") and out.startswith("Wrote policy.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["policy-implementation-notes.docx", "policy.docx"]
    for name in (line.split("`")[1] for line in section.splitlines() if line.startswith("| `")):
        assert (ROOT / "examples" / name).exists(), name
