"""Every statute cited is in the references annex, and every citation comes from the legal reference."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from policy_helpers import EXAMPLES, LIBRARY, ROOT, answers, example, representative_paths, text

from clauses.dates import statute_dates
from clauses.model import Document, Table

LEGAL_REFERENCE = ROOT.parent / "shared" / "legal" / "belgium.md"
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


def _library_text(language: str, part: str) -> str:
    """The library's own words in `language`: its statutes file ("statutes") or its templates ("clauses")."""
    folder = Path(LIBRARY.source.folders[0]) / language
    paths = [folder / "statutes.yaml"] if part == "statutes" else sorted((folder / "clauses").glob("*.j2"))
    return re.sub(r"\s+", " ", " ".join(path.read_text(encoding="utf-8") for path in paths))


ARTICLE = r"[IVX]*\.?\d+(?:\.\d+)?(?:/\d+)?(?:\(\d+\))?(?:, \d°)?"

# Month names in the four languages, to compare dates written in any of them.
MONTH_NAMES = {
    "en": MONTHS.split("|"),
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
}
_MONTH = {name.lower(): number for names in MONTH_NAMES.values() for number, name in enumerate(names, 1)}
_DATE = re.compile(
    r"\b(\d{1,2})(?:er|\.)?\s+(" + "|".join(sorted(_MONTH, key=len, reverse=True)) + r")\s+(\d{4})\b", re.I
)
# Numbered instruments: "No. 81", "nr. 81", "n° 81", "Nr. 81", "35/2024", "(EU) 2016/679".
# ("Artikel 17 Nr. 3" is an article's point, not an instrument.)
_NUMBER = re.compile(r"(?<!\d )(?:No\.|nr\.|n°|Nr\.)\s*(\d+)(?![\d/])|\b(\d+/\d{4})\b", re.I)


def dates_in(body: str) -> set[datetime.date]:
    """Every date written out in any of the four languages, as a date."""
    return {
        datetime.date(int(year), _MONTH[month.lower()], int(day)) for day, month, year in _DATE.findall(body)
    }


def numbers_in(body: str) -> set[str]:
    return {first or second for first, second in _NUMBER.findall(body)}


def _article_numbers(body: str) -> set[str]:
    """The article numbers cited: "art. 17, 3°", "article XI.174", "articles 8 and 10"."""
    numbers: set[str] = set()
    pattern = (
        rf"\b(?:art\.|articles?|artikel(?:en)?)\s+"
        rf"({ARTICLE}(?:\s*(?:and|en|et|und|,)\s*(?:art\.\s*)?{ARTICLE})*)"
    )
    for match in re.finditer(pattern, body, flags=re.I):
        numbers.update(re.findall(ARTICLE, match.group(1)))
    return numbers


def _base(article: str) -> str:
    """An article without its paragraph or point: "50(4)" and "50, lid 4" are both article 50."""
    return re.split(r"[(,]", article)[0]


def _project_list(language: str = "en") -> tuple[set[datetime.date], set[str], set[str]]:
    """The project's own list of what it may cite: the English statutes file, and the dates of statutes.

    Other languages write paragraphs their own way ("artikel 50, lid 4"), so their articles are compared
    without them; the Article 29 Working Party is "WP29" in English and "Groep Artikel 29" in Dutch."""
    statutes = _library_text("en", "statutes")
    dates = dates_in(statutes) | {day for events in statute_dates().values() for day in events.values()}
    articles = _article_numbers(statutes)
    if language != "en":
        articles = {_base(article) for article in articles} | set(re.findall(r"WP(\d+)", statutes))
    return dates, numbers_in(statutes), articles


@pytest.mark.parametrize("language", ["en", "nl", "fr", "de"])
def test_every_date_number_and_article_cited_is_on_the_projects_own_list(language: str) -> None:
    """Runs everywhere, with or without the legal reference: no template and no language's statutes file
    may cite a date, a numbered instrument or an article the project's list (en/statutes.yaml and the
    statutes' dates in statutes.yaml) does not have."""
    dates, numbers, articles = _project_list(language)
    for part in ("statutes", "clauses"):
        ours = _library_text(language, part)
        cited = _article_numbers(ours) if language == "en" else {_base(a) for a in _article_numbers(ours)}
        assert dates_in(ours) <= dates, (language, part, sorted(dates_in(ours) - dates))
        assert numbers_in(ours) <= numbers, (language, part, sorted(numbers_in(ours) - numbers))
        assert cited <= articles, (language, part, sorted(cited - articles))


@pytest.mark.parametrize("language", ["en", "nl", "fr", "de"])
def test_every_rendered_citation_is_on_the_projects_own_list(language: str) -> None:
    from clauses.library import facts_for

    dates, numbers, articles = _project_list(language)
    for path_answers in representative_paths()[::40]:
        own = {path_answers["effective_date"], facts_for(path_answers, LIBRARY).review_date}
        for document in (
            LIBRARY.assemble(path_answers, language),
            LIBRARY.implementation_notes(path_answers, language),
        ):
            body = text(document)
            assert dates_in(body) - own <= dates, sorted(dates_in(body) - own - dates)
            assert numbers_in(body) <= numbers, sorted(numbers_in(body) - numbers)
            cited = _article_numbers(body) if language == "en" else {_base(a) for a in _article_numbers(body)}
            assert cited <= articles, sorted(cited - articles)


def test_cba_81_is_never_cited_with_an_article_number() -> None:
    """Its article numbers are not verified (shared/legal/terms-and-dates.md, C6)."""
    for language in ("en", "nl", "fr", "de"):
        texts = LIBRARY.source.languages[language].statutes["cba_81"]
        for body in (texts["cite"], texts["full"]):
            assert not re.search(r"\b(?:art\.|article|artikel)", body, flags=re.I), (language, body)
        clauses = _library_text(language, "clauses")
        assert not re.search(r"statute\('cba_81'\) }},? (?:art\.|article|artikel)", clauses, flags=re.I)


REFERENCES = [
    LEGAL_REFERENCE,
    *(LEGAL_REFERENCE.parent / name for name in ("terms-and-dates.md", "sectors.md")),
]


def _iso_dates(body: str) -> set[datetime.date]:
    return {
        datetime.date(int(y), int(m), int(d)) for y, m, d in re.findall(r"\b(\d{4})-(\d{2})-(\d{2})\b", body)
    }


@pytest.mark.skipif(not LEGAL_REFERENCE.exists(), reason="the legal reference lives beside the repository")
def test_the_projects_list_agrees_with_the_legal_reference() -> None:
    """Where shared/legal is present: every date, numbered instrument and article on the project's list is
    in belgium.md or its two addenda."""
    reference = re.sub(
        r"\s+", " ", " ".join(path.read_text(encoding="utf-8") for path in REFERENCES if path.exists())
    )
    dates, numbers, articles = _project_list()
    known = dates_in(reference) | _iso_dates(reference)
    assert dates <= known, sorted(dates - known)
    for number in numbers:
        assert number in reference, number
    allowed = _article_numbers(reference)
    for article in articles:
        assert article in allowed, article


def test_the_date_finder_reads_every_language() -> None:
    found = dates_in("2 August 2026, 1er avril 2023, 17. Dezember 2023, 19 juli 1973")
    assert found == {
        datetime.date(2026, 8, 2),
        datetime.date(2023, 4, 1),
        datetime.date(2023, 12, 17),
        datetime.date(1973, 7, 19),
    }


def test_the_article_finder_sees_what_it_must() -> None:
    found = _article_numbers("article 17, 3° of the Act of 3 July 1978; art. XI.174 and articles 8 and 10")
    assert found == {"17, 3°", "XI.174", "8", "10"}


def test_the_unfair_commercial_practices_directive_is_not_called_an_eu_directive_nor_numbered() -> None:
    """It is an EC directive, and the legal reference gives no number: cite it by its name only."""
    for language in LIBRARY.languages:
        texts = LIBRARY.source.languages[language].statutes["ucpd"]
        for field in ("cite", "full"):
            assert not re.search(r"\bEU\b|\(E[UC]\)|\d", texts[field]), (language, field, texts[field])
