"""The people the organisation serves, in the interview's own words: patients for a hospital, pupils for a
school, customers where nothing else is known.

A language file may hold a `served` table, from a sector (or a sector with one follow-up answer) to the
noun's forms in that language:

    served:
      other: {many: customers}
      healthcare: {many: patients}
      healthcare care_setting=care_home: {many: residents}

and a question's text, why and hint, and a section's title, may then say {served} (the plural),
{Served} (the plural, capitalised) or {served_dat} (the dative plural, where the language has one:
German "von Bewohnern"; else the plural). So a hospital is never asked about its "customers".
Choice labels keep their fixed words: typed answers are matched against them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from dialogue.model import Language, QuestionText

SECTOR = "sector"  # the question whose answer picks the noun
FALLBACK = "other"  # the entry used before the sector is known, and for a sector without one
FORMS = {"{served}": "many", "{Served}": "many", "{served_dat}": "dat_many"}


def entry_key(table: Mapping[str, Any], answers: Mapping[str, Any]) -> str:
    """The table's entry for these answers: a sector's follow-up entry first, then the sector's own."""
    sector = answers.get(SECTOR)
    for key in table:
        sector_id, _, condition = key.partition(" ")
        question, _, choice = condition.partition("=")
        if condition and sector_id == sector and answers.get(question) == choice:
            return key
    return sector if isinstance(sector, str) and sector in table else FALLBACK


def fill(text: str, forms: Mapping[str, str]) -> str:
    """`text` with its placeholders replaced (literally: a brace elsewhere in the text stays as it is)."""
    if "{" not in text:
        return text
    for placeholder, form in FORMS.items():
        if placeholder in text:
            word = forms.get(form) or forms["many"]
            text = text.replace(
                placeholder, word[:1].upper() + word[1:] if placeholder == "{Served}" else word
            )
    return text


def worded(language: Language, answers: Mapping[str, Any]) -> Language:
    """The language's texts as they read for an organisation with these answers."""
    if not language.served:
        return language
    key = entry_key(language.served, answers)
    kept = _worded.get((id(language), key))
    if kept is None or kept[0] is not language:  # the id of a language no longer loaded may be reused
        kept = _worded[id(language), key] = (language, _word(language, key))
    return kept[1]


# Each language as worded for each entry of its table, made once (the interview asks for them at every
# question). Keyed by identity: a Language holds dicts, so it cannot be hashed.
_worded: dict[tuple[int, str], tuple[Language, Language]] = {}


def _word(language: Language, key: str) -> Language:
    forms = language.served[key]
    return dataclasses.replace(
        language,
        sections={section: fill(title, forms) for section, title in language.sections.items()},
        questions={question_id: _filled(texts, forms) for question_id, texts in language.questions.items()},
    )


def _filled(texts: QuestionText, forms: Mapping[str, str]) -> QuestionText:
    if "{" not in texts.text + texts.why + texts.hint:
        return texts
    return dataclasses.replace(
        texts, text=fill(texts.text, forms), why=fill(texts.why, forms), hint=fill(texts.hint, forms)
    )
