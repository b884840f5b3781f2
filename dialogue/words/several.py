"""A checklist answered in words: "LinkedIn and Facebook", "none, we are too small", "geen
ondernemingsraad maar wel een vakbondsafvaardiging", "English and French" for the Brussels staff.
"""

from __future__ import annotations

import re

from dialogue.errors import AnswerError
from dialogue.interpret import (
    Context,
    Reading,
    _choose,
    _is_unsure,
    _match,
    _polar,
    _qualifies,
    clip,
    separate,
)
from dialogue.words import choices as choosing
from dialogue.words.choices import fold
from dialogue.words.phrases import split


def read_several(context: Context, text: str) -> Reading:
    interview, question, language = context.interview, context.question, context.language
    folded = fold(text)
    if _is_unsure(context, text):
        raise AnswerError(language.message("unsure") + " " + _choose(context))
    if folded in interview.words["none"] or folded in interview.words["no"]:
        return Reading([])
    if folded in interview.words["all"]:
        return Reading(list(question.choices))
    exact = choosing.exact(folded, choosing.candidates(interview, question.id))
    if len(exact) == 1:
        return Reading([exact.pop()])
    parts = separate(text)
    if len(parts) == 1 and re.fullmatch(r"[\d\s]+", parts[0]):
        parts = parts[0].split()
    chosen: list[str] = []
    none_said = False
    negated = False
    others: list[str] = []
    extras: list[str] = []
    unknown: list[str] = []
    none_words = _polar(interview).none
    for part in parts:
        words = [token.word for token in split(part)]
        if not words:
            continue
        if fold(part) in interview.words["none"] or fold(part) in interview.words["no"]:
            none_said = True
            continue
        mentions = choosing.mentions(interview, question.id, split(part))
        if mentions and all(mention.negated for mention in mentions):
            negated = True
            continue
        if not mentions and _names_another_language(context, words):
            others.append(part)
            continue
        try:
            choice, _ = _match(context, part)
        except AnswerError:
            if none_words.find(words):
                none_said = True
            elif _qualifies(context, words):
                extras.append(part)
            else:
                unknown.append(part)
            continue
        if choice not in chosen:
            chosen.append(choice)
    if unknown and not none_said:
        raise AnswerError(language.message("unknown_choice", text=clip(unknown[0])) + " " + _choose(context))
    if none_said and chosen:
        raise AnswerError(language.message("none_alone"))
    if others and question.id == context.words.staff_languages:
        if not chosen:
            raise AnswerError(language.message("staff_languages_other"))
        return Reading(chosen, said=language.message("staff_languages_courtesy"), extra=" … ".join(extras))
    if none_said or (negated and not chosen):
        return Reading([])
    return Reading(chosen, extra=" … ".join(extras))


def _names_another_language(context: Context, words: list[str]) -> bool:
    """English or German named for the Brussels staff, where only Dutch and French can bind."""
    return context.question.id == context.words.staff_languages and bool(
        context.words.other_languages.find(words)
    )
