"""Follow-up answers named by the words of the answer before: "un hôpital" answers the sector, healthcare,
and names the kind of care, so the follow-up is offered with "a hospital" ready to accept.

Only the curated synonyms of vocabulary.yaml count (never a fuzzy match of the labels: "soins de santé"
must not read as home care), and only when they name exactly one choice of a single-choice follow-up
that the answer has just brought onto the path. The follow-up is still asked: the answer is offered,
never given silently. The words of the latest answer count: typed again ("een ziekenhuis", back, "een
woonzorgcentrum"), the follow-up offers what the new words name, or nothing if they name no single
choice; a review's suggestion (it has an origin) is never replaced by typed words.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from dialogue.model import Interview, Kind, Question
from dialogue.words.phrases import Phrases, phrases, words_of
from dialogue.words.vocabulary import vocabulary

if TYPE_CHECKING:
    from dialogue.session import Session


def offer_follow_ups(session: Session, question: Question, text: str) -> dict[str, str]:
    """Offer, as suggestions, the follow-up answers `text` names; returns them (question id -> choice)."""
    typed = words_of(text)
    offered: dict[str, str] = {}
    for follow in _follow_ups(session.interview, question.id):
        if (
            follow.id in session.answers
            or follow.id in session.suggestion_origins
            or not session.route.on_path(follow)
        ):
            continue
        names, choice_of = _names(session.interview, follow.id)
        # The longest name wins where names overlap: "haute école" is higher education, not a school.
        named = {choice_of[typed[start:end]] for start, end in names.find(typed)}
        if len(named) == 1:
            offered[follow.id] = session.suggestions[follow.id] = named.pop()
        else:  # what earlier words named, these words no longer say
            session.suggestions.pop(follow.id, None)
    return offered


@cache
def _follow_ups(interview: Interview, question_id: str) -> tuple[Question, ...]:
    """The single-choice questions whose condition reads `question_id`: they refine its answer."""
    return tuple(
        follow
        for follow in interview.questions
        if follow.kind is Kind.SINGLE and follow.when is not None and question_id in follow.when.names
    )


@cache
def _names(interview: Interview, question_id: str) -> tuple[Phrases, dict[tuple[str, ...], str]]:
    """Every synonym of the question's choices, and the choice each one names."""
    words = vocabulary(interview.source)
    choice_of = {
        words_of(name): choice
        for choice in interview[question_id].choices
        for name in words.synonyms_of(question_id, choice)
    }
    return phrases(" ".join(name) for name in choice_of), choice_of
