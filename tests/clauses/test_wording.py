"""Sentences that must stay true whatever the answers, in every language."""

from __future__ import annotations

import pytest
from policy_helpers import LIBRARY, answers, text

LANGUAGES = LIBRARY.languages


def policy(language: str, **changes: object) -> str:
    return text(LIBRARY.assemble(answers(**changes), language))


def notes(language: str, **changes: object) -> str:
    return text(LIBRARY.implementation_notes(answers(**changes), language))


# --- serious cause ------------------------------------------------------------------------------------

SERIOUS_CAUSE = {
    "en": "immediately and definitively impossible",
    "nl": "onmiddellijk en definitief onmogelijk",
    "fr": "immédiatement et définitivement impossible",
    "de": "sofort und endgültig unmöglich",
}


@pytest.mark.parametrize("policy_type", ["limited", "employee_rules", "comprehensive", "department"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_serious_cause_is_the_standard_of_article_35_in_every_policy(language: str, policy_type: str) -> None:
    assert SERIOUS_CAUSE[language] in policy(language, policy_type=policy_type)
