"""Files the review cannot read get one clear line and exit code 2; any text at all gets a report."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from review_helpers import POLICIES

from assistant.cli import main
from clauses.review import Report, ReviewInputError, review_file, review_text
from clauses.review.reader import OLE_MAGIC, read_bytes, read_file


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["review", *args])
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    """The one-line message for a file the review refuses, checked for exit code 2 and no traceback."""
    code, out, err = run(capsys, str(path))
    assert (code, out) == (2, "")
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("policy-assistant: ") and "Traceback" not in err
    return err.removeprefix("policy-assistant: ").strip()


def test_an_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "policy.md"
    path.write_bytes(b"")
    assert refused(capsys, path) == "policy.md is empty: there is no policy to review"


def test_a_file_of_blank_lines_has_no_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "policy.txt"
    path.write_text("\n \n\t\n", encoding="utf-8")
    assert refused(capsys, path) == "policy.txt has no text to review"


def test_a_huge_file_is_refused_at_once_with_its_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "policy.txt"
    path.write_bytes(b"Employees may not criticise the company. " * 256_000)  # about 10 MB
    started = time.perf_counter()
    message = refused(capsys, path)
    assert time.perf_counter() - started < 1.0
    assert message == "policy.txt is 10.0 MB, too large for a policy: the review reads TXT files up to 1.0 MB"


def test_a_docx_with_too_much_text_is_refused(tmp_path: Path) -> None:
    document = docx.Document()
    for _ in range(60):
        document.add_paragraph("Employees must not disclose confidential information. " * 400)
    path = tmp_path / "policy.docx"
    document.save(path)
    assert path.stat().st_size < 1024 * 1024  # compressed, the file itself is small
    with pytest.raises(ReviewInputError, match=r"^policy\.docx holds 1\.2 MB of text, too much for a policy"):
        read_file(path)


def test_run_on_text_without_full_stops_is_reviewed_in_linear_time() -> None:
    text = "monitor all personal accounts give passwords to HR reply evenings consent processing " * 2000
    started = time.perf_counter()
    report = review_text(text)
    assert time.perf_counter() - started < 3.0
    assert report.risk("personal_passwords") is not None and report.risk("personal_devices") is not None


def test_binary_data_is_not_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "policy.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    assert refused(capsys, path) == "policy.md is not a text file (it contains binary data)"


def test_control_characters_without_nul_are_binary_too() -> None:
    with pytest.raises(ReviewInputError, match="not a text file"):
        read_bytes(bytes(range(1, 32)) * 100, "txt", "policy.txt")


def test_text_that_is_neither_utf8_nor_windows_1252(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "policy.txt"
    path.write_bytes(b"Beleid voor werknemers " + b"\x81\x8d\x8f\x90\x9d")
    assert refused(capsys, path) == "policy.txt cannot be decoded: it is neither UTF-8 nor Windows-1252 text"


def test_windows_1252_and_utf16_text_are_read() -> None:
    latin = "Les travailleurs ne peuvent pas critiquer l'employeur. Règlement de travail.".encode("cp1252")
    assert "Règlement" in read_bytes(latin, "txt").body
    utf16 = "Dit beleid geldt voor alle werknemers.".encode("utf-16")
    assert read_bytes(utf16, "txt").body == "Dit beleid geldt voor alle werknemers."


@pytest.mark.parametrize("suffix", [".pdf", ".doc", ".odt", ".rtf", ".xlsx", ""])
def test_an_unknown_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    path = tmp_path / f"policy{suffix}"
    path.write_text("This policy applies to all employees.", encoding="utf-8")
    message = refused(capsys, path)
    kind = suffix or "file without an extension"
    assert message.startswith(f"policy{suffix}: cannot review a {kind} file")
    assert message.endswith("give one of .docx, .html, .md, .txt")
    if suffix in (".pdf", ".doc", ".odt", ".rtf"):
        assert "(save it as .docx first)" in message


def test_an_encrypted_docx_is_recognised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Word saves a password-protected document as an OLE compound file, whatever its extension.
    path = tmp_path / "policy.docx"
    path.write_bytes(OLE_MAGIC + bytes(504) + b"EncryptedPackage" + bytes(4000))
    assert refused(capsys, path) == (
        "policy.docx is an encrypted (password-protected) Word document or an old .doc file: remove the "
        "password or save it as .docx, then review it again"
    )


def test_a_docx_that_is_not_a_zip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "policy.docx"
    path.write_text("This is plain text with a .docx name.", encoding="utf-8")
    assert refused(capsys, path) == "policy.docx is not a valid .docx file (it is not a ZIP archive)"


def test_a_truncated_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "policy.docx"
    path.write_bytes((POLICIES / "strong_en.docx").read_bytes()[:5000])
    assert refused(capsys, path) == "policy.docx is a damaged .docx file (its ZIP archive cannot be read)"


def test_a_zip_that_is_not_a_word_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "policy.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hello")
    assert refused(capsys, path) == "policy.docx is not a Word document (it has no word/document.xml)"


def test_a_docx_with_broken_xml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = zipfile.ZipFile(POLICIES / "strong_en.docx")
    path = tmp_path / "policy.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for item in source.infolist():
            data = source.read(item)
            archive.writestr(item, data[:200] if item.filename == "word/document.xml" else data)
    message = refused(capsys, path)
    assert message.startswith("policy.docx is a damaged .docx file (")
    assert message.endswith("); open and save it in Word, then try again")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "policy.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "")
        archive.writestr("word/media/bomb.bin", bytes(210 * 1024 * 1024))
    with pytest.raises(ReviewInputError, match=r"unpacks to 210\.0 MB, too large for a policy"):
        read_file(path)


def test_a_missing_file_and_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert refused(capsys, tmp_path / "nowhere.md") == f"{tmp_path / 'nowhere.md'}: no such file"
    folder = tmp_path / "policy.md"
    folder.mkdir()
    assert refused(capsys, folder) == "policy.md is a folder; give a policy file"


def test_a_policy_with_gaps_still_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(POLICIES / "generic_us_en.txt"))
    assert (code, err) == (0, "")
    assert "Policy review" in out


# --- the readers ----------------------------------------------------------------------------------------


def test_markdown_headings_lists_and_tables_are_located() -> None:
    text = read_bytes(
        b"# Title\n\nIntro line one\nline two.\n\n## 2. Rules\n\n- first item\n- second item\n\n"
        b"| Term | Meaning |\n|---|---|\n| Social media | Any online service |\n",
        "md",
    )
    blocks = [(b.text, b.heading, b.paragraph, b.line, b.is_heading) for b in text.blocks]
    assert blocks == [
        ("Title", "Title", 0, 1, True),
        ("Intro line one line two.", "Title", 1, 3, False),
        ("2. Rules", "2. Rules", 0, 6, True),
        ("first item", "2. Rules", 1, 8, False),
        ("second item", "2. Rules", 2, 9, False),
        ("Term: Meaning", "2. Rules", 3, 11, False),
        ("Social media: Any online service", "2. Rules", 4, 13, False),
    ]
    assert text.blocks[1].line_at(text.blocks[1].text.index("line two")) == 4


def test_html_drops_scripts_and_styles_and_keeps_lines() -> None:
    text = read_bytes(
        b"<html><head><style>p{}</style></head><body>\n<h1>Policy</h1>\n<script>var x = 'secret';</script>"
        b"\n<p>First\nparagraph &amp; more.</p><ul><li>An item</li></ul></body></html>",
        "html",
    )
    assert [(b.text, b.line, b.is_heading) for b in text.blocks] == [
        ("Policy", 2, True),
        ("First paragraph & more.", 4, False),
        ("An item", 5, False),
    ]
    assert "secret" not in text.body


def test_plain_text_headings_are_recognised() -> None:
    text = read_bytes(
        b"POLICY\n\n1. Scope\n\nThis applies to all staff.\n\nUnderlined\n==========\n\nMore.\n", "txt"
    )
    assert [(b.text, b.is_heading) for b in text.blocks] == [
        ("POLICY", True),
        ("1. Scope", True),
        ("This applies to all staff.", False),
        ("Underlined", True),
        ("More.", False),
    ]


def test_docx_headings_lists_and_tables_are_read(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Beleid", level=1)
    document.add_paragraph("Een punt", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Term"
    table.cell(0, 1).text = "Betekenis"
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_bytes(buffer.getvalue(), "docx")
    assert [(b.text, b.heading, b.is_heading, b.line) for b in text.blocks] == [
        ("Beleid", "Beleid", True, None),
        ("Een punt", "Beleid", False, None),
        ("Term: Betekenis", "Beleid", False, None),
    ]


@given(st.text(max_size=3000), st.sampled_from(["md", "txt", "html"]))
def test_any_text_gets_a_report_or_a_clear_refusal(text: str, fmt: str) -> None:
    try:
        report = review_text(text, fmt)
    except ReviewInputError as error:
        assert "\n" not in str(error)
        return
    assert isinstance(report, Report)
    assert {element.status for element in report.elements} <= {"present", "weak", "missing"}
    report.to_dict()


@given(st.binary(max_size=4000), st.sampled_from(["md", "txt", "html", "docx"]))
def test_any_bytes_are_read_or_refused_in_one_line(data: bytes, fmt: str) -> None:
    try:
        read_bytes(data, fmt, "policy")
    except ReviewInputError as error:
        assert "\n" not in str(error) and str(error)


@given(
    st.lists(
        st.sampled_from(
            [
                "Employees must provide the passwords of their personal accounts.",
                "Werknemers mogen de onderneming niet bekritiseren.",
                "L'entreprise peut contrôler toutes les communications à tout moment.",
                "# Heading",
                "- a list item:",
                "| a | table |",
                "Die Mitarbeiter müssen abends antworten.",
                "",
            ]
        ),
        max_size=30,
    )
)
def test_any_mix_of_languages_and_markup_gets_a_report(lines: list[str]) -> None:
    try:
        report = review_text("\n".join(lines), "md")
    except ReviewInputError:  # only when there is no text at all
        assert all(not line.strip("#-| ") for line in lines)
        return
    assert report.words >= 0


def test_review_file_accepts_a_string_path() -> None:
    assert review_file(str(POLICIES / "risky_en.md")).source == "risky_en.md"
