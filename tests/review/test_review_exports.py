"""The report as JSON (the same data), standalone HTML and readable Markdown, on disk or standard output."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from review_helpers import POLICIES, review

from assistant.cli import main
from assistant.commands.review import describe_answers
from clauses.review import export, review_text
from dialogue.loader import load_interview


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["review", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", ["risky_en.md", "strong_nl.md", "risky_de.docx"])
def test_json_is_the_report(name: str) -> None:
    report = review(name)
    data = json.loads(export.render(report, "json"))
    assert data == json.loads(json.dumps(report.to_dict()))
    assert data["inferred_answers"] == report.inferred_answers
    assert [element["status"] for element in data["elements"]] == [e.status for e in report.elements]
    assert [risk["id"] for risk in data["risks"]] == [r.id for r in report.risks]
    assert data["summary"] == report.counts


def test_json_quotes_each_passage_with_its_location() -> None:
    data = json.loads(export.render(review("risky_en.md"), "json"))
    passwords = next(risk for risk in data["risks"] if risk["id"] == "personal_passwords")
    assert passwords["passages"] == [
        {
            "text": "Employees must provide the passwords of their personal social media accounts to HR on "
            "request.",
            "location": {
                "heading": "3. Your accounts",
                "paragraph": 1,
                "line": 17,
                "block": 8,
                "source": None,
                "section": "§3 Your accounts, ¶1",
            },
            "where": 'under "3. Your accounts", paragraph 1, line 17',
        }
    ]
    assert (passwords["severity"], passwords["action"]) == ("high", "delete")
    assert passwords["fix"] == [
        {"id": "rights_never", "title": "What the organisation will never ask", "section": "Your rights"}
    ]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_is_standalone_and_escapes_the_policy_text() -> None:
    report = review_text('Employees may not criticise <b>Acme & "Co"</b>.\n', "txt", source="<policy>.txt")
    page = export.render(report, "html")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">') and page.rstrip().endswith("</html>")
    parser = _Tags()
    parser.feed(page)
    tags = {tag for tag, _ in parser.tags}
    assert "style" in tags and not tags & {"script", "link", "img", "iframe"}
    assert all(not (attrs.get("src") or "").strip() for _, attrs in parser.tags)
    assert all(not (attrs.get("href") or "#").startswith(("http", "//")) for _, attrs in parser.tags)
    assert "&lt;b&gt;Acme &amp; &quot;Co&quot;&lt;/b&gt;" in page
    assert "<title>Policy review: &lt;policy&gt;.txt</title>" in page


def test_html_shows_every_element_and_risk() -> None:
    report = review("generic_us_en.txt")
    page = export.render(report, "html")
    for element in report.elements:
        assert f'id="element-{element.id}"' in page
    for risk in report.risks:
        assert f'id="risk-{risk.id}"' in page
    assert "Replace it with: Breaches (enforcement_sanctions)" in page
    assert page.index('id="risk-') < page.index('id="element-')  # the risks come first


def test_markdown_reads_as_a_report_in_the_policys_language() -> None:
    report = review("risky_fr.html")
    text = export.render(report, "md", describe_answers(load_interview(), "fr"))
    lines = text.splitlines()
    assert lines[0] == "# Analyse de la politique: risky\\_fr.html"
    assert "- **Résumé:** 1 présents, 4 faibles, 14 absents ; 12 risques" in lines
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == [
        "## Risques à corriger en priorité",
        "## Éléments absents ou faibles",
        "## Ce qui est en ordre",
        "## Réponses trouvées pour un nouveau projet",
    ]
    assert "### ⚠ Risque élevé: Demande les mots de passe de comptes personnels ou l'accès à ceux-ci" in lines
    assert (
        "> “Chaque travailleur doit communiquer à la direction les mots de passe de ses comptes personnels "
        "sur demande.”  " in lines
    )
    assert "> — sous « 2. Comptes personnels », paragraphe 1, ligne 18" in lines
    assert any(line.startswith("**Que faire.** Supprimez ce passage.") for line in lines)
    assert any(
        line.startswith("| Quel est le nom de votre organisation ? | Fonderies Mosanes SA |")
        for line in lines
    )
    assert not re.search(r"<[a-z]+[ >]", text)  # no HTML in the Markdown


def test_cli_writes_each_format_from_the_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy = str(POLICIES / "generic_us_en.txt")
    for suffix, start in ((".json", "{"), (".html", "<!DOCTYPE html>"), (".md", "# Policy review")):
        output = tmp_path / f"report{suffix}"
        code, out, err = run(capsys, policy, "--output", str(output))
        assert (code, err) == (0, "")
        assert out == f"Wrote {output} ({export.summary(review('generic_us_en.txt'))})\n"
        assert output.read_text(encoding="utf-8").startswith(start)


def test_cli_never_replaces_a_file_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "report.json"
    output.write_text("keep me", encoding="utf-8")
    policy = str(POLICIES / "risky_en.md")
    code, out, err = run(capsys, policy, "--output", str(output))
    assert (code, out) == (2, "")
    assert err == f"policy-assistant: {output} already exists; use --force to replace it\n"
    assert output.read_text(encoding="utf-8") == "keep me"
    code, _, _ = run(capsys, policy, "--output", str(output), "--force")
    assert code == 0 and json.loads(output.read_text(encoding="utf-8"))["source"] == "risky_en.md"


def test_cli_format_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(POLICIES / "strong_nl.md"), "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["language"] == "nl"


def test_cli_refuses_a_format_that_contradicts_the_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "report.md"
    code, _, err = run(capsys, str(POLICIES / "risky_en.md"), "--format", "json", "--output", str(output))
    assert code == 2 and err == f"policy-assistant: --format json does not match the suffix of {output}\n"
    code, _, err = run(capsys, str(POLICIES / "risky_en.md"), "--output", str(tmp_path / "report.pdf"))
    assert code == 2 and "cannot tell the format of" in err and not output.exists()
