"""The interview and the policy call the people a sector serves by the same noun, in every language.

The nouns live twice, and neither layer may read the other's (the import contracts in pyproject.toml):
what the interview says is the `served` table of dialogue/interview/lang/<lang>.yaml (keyed by a sector,
or a sector and a follow-up answer), what the policy says is clauses/library/sectors.yaml (a noun id per
sector and follow-up answer) with clauses/library/<lang>/sectors.yaml (the id's forms). A hospital asked
about its "patients" must get a policy about its patients, not its clients.

The two tables hold different grammatical forms on purpose: the interview needs the plural (`many`)
and, in German, the dative plural (`dat_many`: "von Bewohnern"); the policy needs more (singular,
accusative, French elision...). So each form the interview gives must be the form of the same name of
the policy's noun: the interview's German dative is a known inflection of the policy's noun, never a word
of its own. A form the policy's language has no case for (a Dutch dative) would be its plural.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

import clauses
from clauses.sectors import Sectors
from dialogue.loader import load_interview
from dialogue.served import SECTOR, entry_key

INTERVIEW = load_interview()
SECTORS = clauses.load_library().sectors
LANGUAGES = sorted(set(INTERVIEW.languages) & set(SECTORS.nouns))


def situations(table: Mapping[str, Any], sectors: Sectors) -> Iterator[dict[str, str]]:
    """Every set of answers either side words differently: before the sector is known, each sector, and
    each follow-up answer that one of the two tables names."""
    yield {}
    for sector in sorted(set(sectors.sectors) | {key.partition(" ")[0] for key in table}):
        yield {SECTOR: sector}
        known = sectors.sectors.get(sector)
        if known is not None and known.detail is not None:
            for choice, changes in sorted(known.by_detail.items()):
                if "served" in changes:
                    yield {SECTOR: sector, known.detail: choice}
        for key in table:
            sector_id, _, condition = key.partition(" ")
            question, _, choice = condition.partition("=")
            if sector_id == sector and condition:
                yield {SECTOR: sector, question: choice}


def disagreements(table: Mapping[str, Mapping[str, str]], sectors: Sectors, language: str) -> list[str]:
    """Where the interview's noun (its `served` table for one language) is not the policy's."""
    found = []
    for answers in situations(table, sectors):
        asked = table[entry_key(table, answers)]
        written = sectors.served(answers, language)
        for form, word in sorted(asked.items()):
            # A language whose policy nouns have no dative says its plural there.
            expected = written.get(form, written["many"] if form == "dat_many" else None)
            if word != expected:
                found.append(
                    f"{language} {answers or 'before the sector'}: the interview says {form} {word!r}, "
                    f"the policy {expected!r}"
                    + ("" if expected is not None else f" (its noun has no {form}: {dict(written)})")
                )
    return found


# A follow-up's choice that names whom it serves, in brackets at its end: "A school (pupils)".
_NAMED = re.compile(r"\((\w+)\)\Z")


def labelled(language: str) -> list[str]:
    """Where a follow-up choice's label names other people than the policy would for that answer."""
    found = []
    for sector in SECTORS.sectors.values():
        if sector.detail is None:
            continue
        for choice, label in INTERVIEW.language(language).questions[sector.detail].choices.items():
            named = _NAMED.search(label)
            written = SECTORS.served({SECTOR: sector.id, sector.detail: choice}, language)["many"]
            if named is not None and named.group(1) != written:
                found.append(f"{language} {sector.detail}={choice}: {label!r}, the policy {written!r}")
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_follow_up_choice_names_the_people_the_policy_will(language: str) -> None:
    assert labelled(language) == []


def test_the_follow_up_labels_name_people_in_every_language() -> None:
    # The check above has something to check: the school and hotel choices name whom they serve.
    named = [
        label
        for language in LANGUAGES
        for label in INTERVIEW.language(language).questions["education_level"].choices.values()
        if _NAMED.search(label)
    ]
    assert len(named) == 2 * len(LANGUAGES), named


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_interview_and_the_policy_name_the_people_served_alike(language: str) -> None:
    assert disagreements(INTERVIEW.language(language).served, SECTORS, language) == []


def test_every_language_of_both_is_compared() -> None:
    assert LANGUAGES == ["de", "en", "fr", "nl"]


def test_a_noun_in_one_place_only_is_found() -> None:
    table = dict(INTERVIEW.language("nl").served)
    # Another word for the same people.
    changed = {**table, "marketing": {"many": "adverteerders"}}
    assert disagreements(changed, SECTORS, "nl") == [
        "nl {'sector': 'marketing'}: the interview says many 'adverteerders', the policy 'klanten'"
    ]
    # A follow-up the policy words and the interview does not: a care home asked about its patients.
    missing = {key: forms for key, forms in table.items() if "care_home" not in key}
    assert disagreements(missing, SECTORS, "nl") == [
        "nl {'sector': 'healthcare', 'care_setting': 'care_home'}: the interview says many 'patiënten', "
        "the policy 'bewoners'"
    ]
    # A follow-up the interview words and the policy does not: home care asked about its clients.
    extra = {**table, "healthcare care_setting=home_care": {"many": "cliënten"}}
    assert disagreements(extra, SECTORS, "nl") == [
        "nl {'sector': 'healthcare', 'care_setting': 'home_care'}: the interview says many 'cliënten', "
        "the policy 'patiënten'"
    ]


def test_a_german_dative_must_be_an_inflection_of_the_policys_noun() -> None:
    table = dict(INTERVIEW.language("de").served)
    assert table["public"] == {"many": "Bürger", "dat_many": "Bürgern"}  # the case difference is allowed
    wrong = {**table, "public": {"many": "Bürger", "dat_many": "Einwohnern"}}
    assert disagreements(wrong, SECTORS, "de") == [
        "de {'sector': 'public'}: the interview says dat_many 'Einwohnern', the policy 'Bürgern'"
    ]
    # A Dutch table has no dative: a dat_many there would have to be the plural.
    dutch = {**INTERVIEW.language("nl").served, "public": {"many": "burgers", "dat_many": "burgeren"}}
    assert disagreements(dutch, SECTORS, "nl") == [
        "nl {'sector': 'public'}: the interview says dat_many 'burgeren', the policy 'burgers'"
    ]
