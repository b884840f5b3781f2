"""Legal duties an answer shows unmet: said at once, in one line with the rule (issue 13 item 8).

Each question may list `duties` in questions.yaml: a condition over the answers up to and including
its own, and the message (in every language file) that says the rule. What the duties are is data;
this module only finds the ones that hold.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dialogue.model import Language, Question


def unmet(question: Question, answers: Mapping[str, Any]) -> list[str]:
    """The message names of the duties `answers` (those on the path) show unmet at `question`."""
    if question.id not in answers:
        return []
    return [message for condition, message in question.duties if condition.holds(answers)]


def said(question: Question, answers: Mapping[str, Any], language: Language) -> list[str]:
    """The same, each in one line of `language`, with the answers it names filled in."""
    return [language.message(message, **answers) for message in unmet(question, answers)]
