"""`policy-assistant build` with --format pdf, --kit (--staff, --posting-date) and --side-by-side."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from policy_helpers import ROOT

from assistant.cli import main

BRUSSELS = ROOT / "examples" / "comprehensive-brussels.yaml"
FLEMISH = ROOT / "examples" / "employee-rules-monitoring.yaml"
LIMITED = ROOT / "examples" / "limited-small.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["build", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_pdf_from_the_suffix_or_the_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--answers", str(LIMITED), "-o", str(tmp_path / "policy.pdf"), "--notes")
    assert (code, err) == (0, "")
    for name in ("policy-fr.pdf", "policy-notes-mise-en-oeuvre-fr.pdf"):
        reader = pypdf.PdfReader(io.BytesIO((tmp_path / name).read_bytes()))
        assert reader.metadata.author == "Boulangerie Dupont SRL"
    code, _, err = run(capsys, "--answers", str(LIMITED), "--format", "pdf")
    assert code == 2 and "PDF cannot go to standard output: give --output FILE.pdf" in err


def test_the_kit_of_a_flemish_company_with_a_works_council(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    staff = tmp_path / "staff.csv"
    staff.write_text("Naam;Functie\nJan Peeters;lasser\nAn Claes;boekhouder\n", encoding="utf-8")
    output = tmp_path / "beleid.docx"
    code, out, err = run(
        capsys,
        "--answers",
        str(FLEMISH),
        "-o",
        str(output),
        "--kit",
        "--staff",
        str(staff),
        "--posting-date",
        "1/12/2026",
    )
    assert code == 0, err
    folder = tmp_path / "beleid-adoption-kit"
    written = sorted(path.name for path in folder.iterdir())
    assert written == [
        "01-aanplakbericht-nl.docx",
        "02-begeleidende-brief-toezicht-sociale-wetten-nl.docx",
        "03-informatie-cao-81-nl.docx",
        "04-brief-cao-81-aan-werknemers-nl.docx",
        "05-ontvangstlijst-nl.docx",
        "06-ontvangstbewijzen-nl.docx",
    ]
    assert f"Wrote {folder / written[0]}" in out.splitlines()
    # The example's policy comes into force before work rules posted on 1 December 2026 can apply.
    assert err == "" or "note:" in err


def test_the_kit_warns_when_the_policy_would_apply_before_the_work_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys,
        "--answers",
        str(LIMITED),
        "-o",
        str(tmp_path / "p.md"),
        "--kit",
        "--posting-date",
        "2026-05-25",
    )
    assert code == 0
    assert err.strip() == (
        "policy-assistant: note: the policy comes into force on 2026-06-01, but work rules posted on "
        "2026-05-25 apply at the earliest on 2026-06-09: post the draft earlier or move the policy's "
        "effective date"
    )


def test_side_by_side_where_dutch_and_french_both_bind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--answers", str(BRUSSELS), "-o", str(tmp_path / "p.pdf"), "--side-by-side")
    assert code == 0, err
    pair = tmp_path / "p-nl-fr.pdf"
    assert f"Wrote {pair}" in out.splitlines()
    first = " ".join(pypdf.PdfReader(io.BytesIO(pair.read_bytes())).pages[0].extract_text().split())
    assert "Socialemediabeleid" in first and "Politique relative aux réseaux sociaux" in first


@pytest.mark.parametrize(
    ("answers", "args", "message"),
    [
        (LIMITED, ["--side-by-side", "-o", "p.docx"], "--side-by-side needs Dutch and French both binding"),
        (
            BRUSSELS,
            ["--side-by-side", "-o", "p.md"],
            "--side-by-side needs pages: use docx, pdf, html, not md",
        ),
        (LIMITED, ["--kit"], "--kit writes files: give --output FILE.md"),
        (LIMITED, ["--staff", "s.csv", "-o", "p.md"], "--staff goes with --kit"),
        (LIMITED, ["--kit", "--staff", "missing.csv", "-o", "p.md"], "cannot read missing.csv"),
        (LIMITED, ["--kit", "--posting-date", "someday", "-o", "p.md"], "--posting-date 'someday':"),
        (LIMITED, ["--kit", "--posting-date", "31/2/2027", "-o", "p.md"], "--posting-date '31/2/2027':"),
    ],
)
def test_options_that_cannot_work_are_one_line_errors_and_write_nothing(
    answers: Path,
    args: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--answers", str(answers), *args)
    assert code == 2 and out == ""
    assert err.startswith("policy-assistant: ") and message in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_an_existing_kit_file_stops_the_build_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "p-adoption-kit"
    folder.mkdir()
    (folder / "01-avis-d-affichage-fr.txt").write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "--answers", str(LIMITED), "-o", str(tmp_path / "p.txt"), "--kit")
    assert code == 2 and "already exists; use --force" in err
    assert not (tmp_path / "p.txt").exists()
    assert (folder / "01-avis-d-affichage-fr.txt").read_text(encoding="utf-8") == "mine"
