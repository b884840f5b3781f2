"""Each sector's policy speaks of that sector and of no other, in every kind of policy and every language.

Two checks, on the policy and its implementation notes, for every sector (and every follow-up answer that
changes the sector's words), every kind of policy and every language of the library, and for every
example in examples/:

- **clauses**: a sector's own clauses (ids `sector_<sector>_...`) appear only in that sector's documents;
- **words**: no word that gives another sector away appears. The giveaways are data
  (`sector_giveaways.yaml`: a curated list per sector and language, such as "patients", "PIN",
  "leerlingen", "une commande"), plus the nouns for the people a sector serves wherever no other
  sector shares them (`clauses/library/<lang>/sectors.yaml`). A bank's policy that says "patients", or a
  hospital's that says "une commande", fails here.

And the other way round: each sector's policy names the people it serves with its own noun.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from policy_helpers import EXAMPLES, INTERVIEW, LIBRARY, answers, example, text

from clauses.model import Document

GIVEAWAYS = yaml.safe_load((Path(__file__).parent / "sector_giveaways.yaml").read_text(encoding="utf-8"))
SECTORS = tuple(LIBRARY.sectors.sectors)
KINDS: tuple[dict[str, Any], ...] = (
    {"policy_type": "comprehensive"},
    {"policy_type": "employee_rules"},
    {"policy_type": "department", "department": "marketing"},
    {"policy_type": "department", "department": "customer_service"},
    {"policy_type": "department", "department": "hr"},
    {"policy_type": "department", "department": "other"},
    {"policy_type": "limited"},
)


def variants() -> Iterator[dict[str, Any]]:
    """Every sector, once for each answer of its follow-up question that changes something."""
    for sector in SECTORS:
        spec = LIBRARY.sectors.sectors[sector]
        if spec.detail is None:
            yield {"sector": sector}
        else:
            question = INTERVIEW.by_id[spec.detail]
            for choice in question.choices:
                yield {"sector": sector, spec.detail: choice}


def _label(case: dict[str, Any]) -> str:
    return "-".join(str(value) for value in case.values())


@functools.cache
def _noun_owners(language: str) -> dict[str, set[str]]:
    """Each word the nouns of `language` use, with the sectors that use it."""
    owners: dict[str, set[str]] = {}
    nouns = LIBRARY.sectors.nouns[language]
    for sector in LIBRARY.sectors.sectors.values():
        used = {sector.served} | {c["served"] for c in sector.by_detail.values() if "served" in c}
        for noun in used:
            for form in nouns[noun].values():
                owners.setdefault(form if language == "de" else form.lower(), set()).add(sector.id)
    return owners


@functools.cache
def giveaways(sector: str, language: str) -> tuple[re.Pattern[str], ...]:
    """What gives `sector` away in `language`: its curated words and the nouns only it uses."""
    # German capitalises nouns: "Freiwillige" (volunteers) is a giveaway, "freiwillige" (voluntary) is not.
    flags = 0 if language == "de" else re.IGNORECASE
    curated = [re.compile(pattern, flags) for pattern in GIVEAWAYS[sector][language]]
    own_nouns = [
        re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", flags)
        for word, owners in _noun_owners(language).items()
        if owners == {sector}
    ]
    return tuple(curated + own_nouns)


def leaks(document: Document, sector: str) -> list[str]:
    """Every clause or word of another sector in `document`, which belongs to `sector`."""
    found = [
        f"clause {clause_id}"
        for clause_id in document.clause_ids()
        if clause_id.startswith("sector_") and clause_id.split("_")[1] != sector
    ]
    plain = text(document)
    for other in SECTORS:
        if other == sector:
            continue
        for pattern in giveaways(other, document.language):
            match = pattern.search(plain)
            if match:
                start = max(match.start() - 40, 0)
                found.append(f"{other} word {match.group(0)!r} in ...{plain[start : match.end() + 40]}...")
    return found


def test_the_giveaways_cover_every_sector_and_language() -> None:
    assert set(GIVEAWAYS) == set(SECTORS)
    for sector, words in GIVEAWAYS.items():
        assert set(words) == set(LIBRARY.languages), sector
        if sector != "other":
            assert all(words[language] for language in LIBRARY.languages), sector


@pytest.mark.parametrize("case", list(variants()), ids=_label)
@pytest.mark.parametrize("kind", KINDS, ids=_label)
def test_no_other_sectors_clause_or_word_in_any_kind_or_language(
    case: dict[str, Any], kind: dict[str, Any]
) -> None:
    given = answers(**case, **kind)
    sector = case["sector"]
    for language in LIBRARY.languages:
        for document in (LIBRARY.assemble(given, language), LIBRARY.implementation_notes(given, language)):
            assert not leaks(document, sector), (language, document.kind, leaks(document, sector))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_no_example_speaks_of_another_sector(path: Path) -> None:
    given = example(path)
    sector = given["sector"]
    for language in LIBRARY.languages:
        for document in (LIBRARY.assemble(given, language), LIBRARY.implementation_notes(given, language)):
            assert not leaks(document, sector), (language, document.kind, leaks(document, sector))


@pytest.mark.parametrize("case", list(variants()), ids=_label)
def test_each_sector_names_the_people_it_serves_with_its_own_noun(case: dict[str, Any]) -> None:
    for kind in KINDS:
        given = answers(**case, **kind)
        for language in LIBRARY.languages:
            noun = LIBRARY.sectors.served(given, language)["many"]
            plain = text(LIBRARY.assemble(given, language))
            assert re.search(rf"(?<!\w){re.escape(noun)}(?!\w)", plain, re.IGNORECASE), (language, kind, noun)


@pytest.mark.parametrize("case", list(variants()), ids=_label)
def test_each_sector_brings_its_own_clauses(case: dict[str, Any]) -> None:
    sector = case["sector"]
    own = {
        clause_id
        for kind in KINDS
        for clause_id in LIBRARY.assemble(answers(**case, **kind)).clause_ids()
        if clause_id.startswith(f"sector_{sector}_")
    }
    assert bool(own) == (sector != "other"), own


def test_the_leak_finder_sees_a_leak() -> None:
    """A bank's policy with a hospital's clause and words in it is caught, by clause and by word."""
    bank = LIBRARY.assemble(answers(sector="finance", policy_type="employee_rules"))
    hospital = LIBRARY.assemble(
        answers(sector="healthcare", care_setting="hospital", policy_type="employee_rules")
    )
    mixed = dataclasses.replace(bank, sections=hospital.sections)
    found = leaks(mixed, "finance")
    assert any(item.startswith("clause sector_healthcare_") for item in found)
    assert any("healthcare word" in item for item in found)
    assert not leaks(bank, "finance")
