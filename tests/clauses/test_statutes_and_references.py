"""Every statute cited is in the references annex, and every citation comes from the legal reference."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from policy_helpers import EXAMPLES, LIBRARY, ROOT, answers, example, representative_paths, text

from clauses.model import Document, Table

LEGAL_REFERENCE = ROOT.parent / "shared" / "legal" / "belgium.md"
# belgium.md names its companions: sectors.md (what a sector adds) and terms-and-dates.md.
LEGAL_COMPANIONS = ("sectors.md", "terms-and-dates.md")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def references_table(document: Document) -> Table:
    annex = next(annex for annex in document.annexes if annex.kind == "references")
    table = annex.clauses[-1].blocks[-1]
    assert isinstance(table, Table)
    return table


def check_references(document: Document) -> None:
    cited = {statute for clause in document.clauses() for statute in clause.statutes}
    listed = [row[0][0].text for row in references_table(document).rows]
    assert sorted(listed) == sorted(LIBRARY.source.languages["en"].statutes[s]["full"] for s in cited)
    numbers = {clause.number for clause in document.clauses() if clause.number}
    numbers |= {section.number for section in document.sections}
    numbers |= {annex.label for annex in document.annexes} | {"Courtesy translation"}
    running_text = text(document)
    for statute in document.statutes:
        assert statute.cited_in and set(statute.cited_in) <= numbers, statute
        # The clause cites it in its own words, in the running text.
        cite = LIBRARY.source.languages["en"].statutes[statute.id]["cite"]
        assert cite in running_text, cite


def test_every_cited_statute_is_listed_in_the_references_annex_on_every_path() -> None:
    for answers_ in representative_paths()[::7]:
        check_references(LIBRARY.assemble(answers_))
        check_references(LIBRARY.implementation_notes(answers_))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_the_examples_list_what_they_cite(path: Path) -> None:
    check_references(LIBRARY.assemble(example(path)))


def test_a_statute_cited_in_running_text_is_recorded_for_its_clause() -> None:
    """A citation typed into a template instead of statute() would escape the annex: none is."""
    document = LIBRARY.assemble(answers())
    texts = LIBRARY.source.languages["en"].statutes
    for clause in document.clauses():
        body = " ".join(str(block) for block in clause.blocks)
        for statute_id, words in texts.items():
            if clause.id.startswith("references") or len(words["cite"]) < 12:
                continue
            if words["cite"] in body:
                assert statute_id in clause.statutes, (clause.id, statute_id)


def test_the_references_annex_follows_the_library_order() -> None:
    document = LIBRARY.assemble(answers())
    order = list(LIBRARY.source.statutes)
    ids = [statute.id for statute in document.statutes]
    assert ids == sorted(ids, key=order.index)


def _library_text() -> str:
    folder = Path(LIBRARY.source.folders[0])
    parts = [(folder / "en" / "statutes.yaml").read_text(encoding="utf-8")]
    parts += [path.read_text(encoding="utf-8") for path in sorted((folder / "en" / "clauses").glob("*.j2"))]
    return re.sub(r"\s+", " ", " ".join(parts))


ARTICLE = r"[IVX]*\.?\d+(?:\.\d+)?(?:/\d+)?(?:\(\d+\))?(?:, \d°)?"


def _article_numbers(body: str) -> set[str]:
    """The article numbers cited: "art. 17, 3°", "article XI.174", "articles 8 and 10"."""
    numbers: set[str] = set()
    pattern = rf"\b(?:art\.|articles?)\s+({ARTICLE}(?:\s*(?:and|,)\s*(?:art\.\s*)?{ARTICLE})*)"
    for match in re.finditer(pattern, body, flags=re.I):
        numbers.update(re.findall(ARTICLE, match.group(1)))
    return numbers


@pytest.mark.skipif(not LEGAL_REFERENCE.exists(), reason="the legal reference lives beside the repository")
def test_no_date_number_or_article_is_invented() -> None:
    texts = [LEGAL_REFERENCE.read_text(encoding="utf-8")]
    texts += [(LEGAL_REFERENCE.parent / name).read_text(encoding="utf-8") for name in LEGAL_COMPANIONS]
    reference = re.sub(r"\s+", " ", " ".join(texts))
    ours = _library_text()
    for date in set(re.findall(rf"\b\d{{1,2}} (?:{MONTHS}) \d{{4}}\b", ours)):
        assert date in reference, date
    for number in set(re.findall(r"No\. \d+|\d+/\d{4}|\(EU\) \d+/\d+", ours)):
        assert number in reference, number
    allowed = _article_numbers(reference)
    for article in _article_numbers(ours):
        assert article in allowed, article


def test_the_article_finder_sees_what_it_must() -> None:
    found = _article_numbers("article 17, 3° of the Act of 3 July 1978; art. XI.174 and articles 8 and 10")
    assert found == {"17, 3°", "XI.174", "8", "10"}


def test_the_unfair_commercial_practices_directive_is_not_called_an_eu_directive_nor_numbered() -> None:
    """It is an EC directive, and the legal reference gives no number: cite it by its name only."""
    for language in LIBRARY.languages:
        texts = LIBRARY.source.languages[language].statutes["ucpd"]
        for field in ("cite", "full"):
            assert not re.search(r"\bEU\b|\(E[UC]\)|\d", texts[field]), (language, field, texts[field])
