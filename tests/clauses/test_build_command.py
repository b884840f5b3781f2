"""`policy-assistant build`: from an answers file to the policy and its notes, on disk or standard output."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from policy_helpers import EXAMPLES, INTERVIEW, ROOT

from assistant.cli import main
from clauses.language_law import required_languages
from dialogue.answers_file import read_answers

LIMITED = ROOT / "examples" / "limited-small.yaml"
# The notes' suffix in each version's own language, as the app's export writes it.
NOTES = {
    "nl": "invoeringsnota",
    "fr": "notes-mise-en-oeuvre",
    "de": "umsetzungshinweise",
    "en": "implementation-notes",
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["build", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_without_output_the_binding_version_goes_to_stdout_in_markdown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A Walloon bakery's binding version is the French one: never the English courtesy translation."""
    code, out, err = run(capsys, "--answers", str(LIMITED))
    assert code == 0 and err == ""
    assert out.startswith("# Réseaux sociaux\u00a0: à faire et à éviter\n")
    assert "Courtesy translation" not in out and "Traduction de courtoisie" not in out


def test_notes_follow_the_policy_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--answers", str(LIMITED), "--format", "txt", "--notes")
    assert code == 0
    assert out.index("à faire et à éviter") < out.index("Notes de mise en œuvre")


def test_english_only_with_lang_en_and_always_a_courtesy_translation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "--answers", str(LIMITED), "--lang", "en")
    assert code == 0
    assert out.startswith("# Social Media Do's and Don'ts\n")
    assert "**Courtesy translation.**" in out


def test_every_binding_version_goes_to_stdout_one_after_another(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--answers", str(ROOT / "examples" / "comprehensive-brussels.yaml"))
    assert code == 0
    assert out.index("# Socialemediabeleid") < out.index("# Politique relative aux réseaux sociaux")
    assert "Courtesy translation" not in out


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_every_example_builds_cleanly_in_its_binding_versions_with_their_notes(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "policy.docx"
    code, out, err = run(capsys, "--answers", str(path), "--output", str(output), "--notes")
    assert (code, err) == (0, ""), "an example shows no typed words of another language"
    languages = required_languages(read_answers(path, INTERVIEW))
    expected = []
    for language in languages:
        expected += [
            tmp_path / f"policy-{language}.docx",
            tmp_path / f"policy-{NOTES[language]}-{language}.docx",
        ]
    assert out.splitlines() == [f"Wrote {path}" for path in expected]
    assert sorted(tmp_path.iterdir()) == sorted(expected)
    first = docx.Document(io.BytesIO(expected[0].read_bytes()))
    assert first.paragraphs[0].style.name == "Title"
    assert first.core_properties.language.startswith(languages[0])


def test_a_folder_output_is_named_after_the_organisation_as_the_app_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(capsys, "--answers", str(LIMITED), "--output", f"{tmp_path}/", "--notes")
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "politique-reseaux-sociaux-boulangerie-dupont-srl-fr.docx",
        "politique-reseaux-sociaux-boulangerie-dupont-srl-notes-mise-en-oeuvre-fr.docx",
    ]


def test_a_new_folder_ending_in_a_slash_is_made_and_filled_not_taken_for_a_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`-o policies/` says "a folder": it is made, not written as policies-fr.docx beside it."""
    code, _, _ = run(capsys, "--answers", str(LIMITED), "--output", f"{tmp_path}/policies/")
    assert code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["policies"]
    assert [p.name for p in (tmp_path / "policies").iterdir()] == [
        "politique-reseaux-sociaux-boulangerie-dupont-srl-fr.docx"
    ]


def test_typed_words_shown_in_a_version_of_another_language_are_said_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hospital = ROOT / "examples" / "department-hr.yaml"
    code, out, err = run(capsys, "--answers", str(hospital), "--lang", "en", "--lang", "nl")
    assert code == 0 and out
    lines = err.splitlines()
    assert lines and all(line.startswith("policy-assistant: the English version shows '") for line in lines)
    assert any("'advocacy_reward' as typed, in Dutch: \"een bon van 25 euro" in line for line in lines)
    assert not any("Dutch version" in line for line in lines), "Dutch words in the Dutch version are fine"
    # Its own English wording silences it.
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        hospital.read_text(encoding="utf-8")
        + "wording:\n  en:\n    advocacy_reward: a voucher of 25 euros for each colleague recruited\n",
        encoding="utf-8",
    )
    run(capsys, "--answers", str(answers), "--lang", "en")
    code, out, err = run(capsys, "--answers", str(answers), "--lang", "en")
    assert "advocacy_reward" not in err and "a voucher of 25 euros" in out


def test_an_existing_file_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "policy-fr.html"
    existing.write_text("keep me", encoding="utf-8")
    code, out, err = run(capsys, "--answers", str(LIMITED), "-o", str(tmp_path / "policy.html"))
    assert code == 2 and out == ""
    assert err.strip() == f"policy-assistant: {existing} already exists; use --force to replace it"
    assert existing.read_text(encoding="utf-8") == "keep me"
    code, _, _ = run(capsys, "--answers", str(LIMITED), "-o", str(tmp_path / "policy.html"), "--force")
    assert code == 0 and existing.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_existing_notes_file_stops_the_build_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "p-notes-mise-en-oeuvre-fr.md").write_text("keep me", encoding="utf-8")
    code, _, err = run(capsys, "--answers", str(LIMITED), "-o", str(tmp_path / "p.md"), "--notes")
    assert code == 2 and "p-notes-mise-en-oeuvre-fr.md already exists" in err
    assert not (tmp_path / "p-fr.md").exists()


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
    assert (code, err) == (0, "") and out.startswith("Wrote policy-nl.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "policy-fr.docx",
        "policy-invoeringsnota-nl.docx",
        "policy-nl.docx",
        "policy-notes-mise-en-oeuvre-fr.docx",
    ]
    for name in (line.split("`")[1] for line in section.splitlines() if line.startswith("| `")):
        assert (ROOT / "examples" / name).exists(), name


def test_the_help_names_the_files_as_build_writes_them(capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.texts import load_texts

    with pytest.raises(SystemExit):
        main(["build", "--help"])
    shown = " ".join(capsys.readouterr().out.replace("-\n", "-").split())
    assert f"{load_texts('nl')('export.default_name')}-ORGANISATION-nl.docx" in shown
    assert f"{load_texts('fr')('export.default_name')}-ORGANISATION-fr.docx" in shown
    assert f"NAME-{load_texts('nl')('export.notes_suffix')}-nl" in shown
    assert f"NAME-{load_texts('fr')('export.notes_suffix')}-fr" in shown
    assert "implementation-notes" not in shown
