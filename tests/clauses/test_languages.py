"""Every language of the library is complete and written in its own language (issue 5).

A missing translation is a load error (see test_library_loading); here: no English sentence slips
into a Dutch, French or German document, on any example or representative path.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from policy_helpers import EXAMPLES, LIBRARY, example, representative_paths

from clauses.export import render
from dialogue.loader import load_interview
from dialogue.model import Kind

# English function words that are not words of Dutch, French or German; three in one sentence mean
# the sentence is English.
ENGLISH = frozenset(
    """the and which with must your you that this should shall would their they them these those from have has
    been only when where who what any every its it are for to be by at if""".split()  # noqa: SIM905
)
NON_ENGLISH = sorted(code for code in LIBRARY.languages if code != "en")
INTERVIEW = load_interview()


def neutral(answers: dict[str, Any]) -> dict[str, Any]:
    """The answers with typed text replaced by names, which belong to no language."""
    typed = {q.id for q in INTERVIEW.questions if q.kind in (Kind.TEXT, Kind.LONG_TEXT)}
    return {key: "Jan Peeters" if key in typed else value for key, value in answers.items()}


def english_sentences(text: str) -> list[str]:
    found = []
    for sentence in re.split(r"(?<=[.!?;:])\s+|\n+", text):
        words = set(re.findall(r"[a-z]+", sentence.lower()))
        if len(words & ENGLISH) >= 3:
            found.append(sentence.strip())
    return found


def test_the_detector_finds_english_and_passes_other_languages() -> None:
    assert english_sentences("De werknemer mag dat. You must not post it on the platform.") == [
        "You must not post it on the platform."
    ]
    assert not english_sentences("Le travailleur ne publie pas les données de ses collègues.")
    assert not english_sentences("Die Arbeitnehmer dürfen keine vertraulichen Informationen teilen.")


@pytest.mark.parametrize("language", NON_ENGLISH)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_no_english_sentence_in_a_translated_example(language: str, path: Any) -> None:
    answers = neutral(example(path))
    for document in (LIBRARY.assemble(answers, language), LIBRARY.implementation_notes(answers, language)):
        assert english_sentences(str(render(document, "txt"))) == []


@pytest.mark.parametrize("language", NON_ENGLISH)
def test_no_english_sentence_on_any_representative_path(language: str) -> None:
    for path_answers in representative_paths()[::25]:
        answers = neutral(path_answers)
        for build in (LIBRARY.assemble, LIBRARY.implementation_notes):
            assert english_sentences(str(render(build(answers, language), "txt"))) == [], answers


def test_the_english_courtesy_translation_says_so_on_its_first_page() -> None:
    flemish = neutral(example(EXAMPLES[0])) | {"regions": ["flanders"]}
    flemish.pop("staff_languages", None)
    first_page = str(render(LIBRARY.assemble(flemish, "en"), "txt"))[:1500]
    assert "Courtesy translation" in first_page
