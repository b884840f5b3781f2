"""Each language version's own words for answers typed in words, as a session keeps them.

A typed answer ("the managing director and the marketing assistant") appears as typed in every language
version of the policy; a binding version must be wholly in its own language, so the user may give a
version its own words for it ("le gérant et l'assistante marketing"). The mapping is the one answers
files hold under `wording:` and clauses.wording.answers_for reads:

    {"fr": {"spokespersons": "le gérant et l'assistante marketing"}}

Each wording is kept with the answer it words: when the answer changes, its old wordings no longer
apply (they would put the old answer into a version), and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from dialogue.errors import AnswerError
from dialogue.model import Language, Question
from dialogue.validation import validate

LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")


class VersionWording:
    def __init__(self) -> None:
        self._words: dict[str, dict[str, str]] = {}  # version -> question id -> its own words
        self._worded: dict[str, Any] = {}  # question id -> the answer its wordings word

    def current(self, given: Mapping[str, Any]) -> dict[str, dict[str, str]]:
        """The wordings of the answers as `given` now: one for a changed or withdrawn answer is left out."""
        found: dict[str, dict[str, str]] = {}
        for code, words in self._words.items():
            kept = {
                question: text
                for question, text in words.items()
                if question in given and self._worded.get(question) == given[question]
            }
            if kept:
                found[code] = kept
        return found

    def give(
        self,
        code: str,
        question: Question,
        words: str | None,
        given: Mapping[str, Any],
        language: Language,
    ) -> None:
        """Give version `code` its own `words` for the answer to `question` in `given`; None, blank words
        or the answer itself give it back the words as typed. AnswerError (in `language`) when the words
        do not fit the question, or the question was not answered in words."""
        answer = given.get(question.id)
        if not LANGUAGE_CODE.match(code) or not question.kind.is_text or not isinstance(answer, str):
            raise AnswerError(language.message("not_on_path"))
        if self._worded.get(question.id) != answer:
            # Wordings of an earlier answer word something else: they go before the first of this one.
            for words_of_version in self._words.values():
                words_of_version.pop(question.id, None)
            self._worded[question.id] = answer
        text = " ".join((words or "").split())
        own = self._words.setdefault(code, {})
        if not text or text == " ".join(answer.split()):
            own.pop(question.id, None)
            return
        own[question.id] = validate(question, text, language)
