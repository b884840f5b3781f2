"""What becomes of the words typed beside an answer ("yes, via the SpeakUp platform").

When the question names a `detail` question that the answer brings onto the path, the words are offered
there, ready to accept or change; otherwise the user is told in one line that they were not kept and
how to change the answer. Either way they are never dropped without a word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialogue.interpret import Understood
from dialogue.model import Kind, Language, Question
from dialogue.validation import check

if TYPE_CHECKING:
    from dialogue.session import Session


def settle(session: Session, question: Question, understood: Understood) -> Understood:
    """`understood` with what became of its extra words said in the user's language."""
    if not understood.extra:
        return understood
    interview = session.interview
    language = interview.language(session.language)
    answer = _in_words(question, understood.value, language)
    follow = interview.by_id.get(question.detail) if question.detail else None
    kept = (
        follow is not None
        and session.route.on_path(follow)
        and follow.id not in session.answers
        and check(follow, understood.extra, None) is None
    )
    if kept:
        assert follow is not None
        session.suggestions[follow.id] = understood.extra
        note = language.message("extra_kept", answer=answer, extra=understood.extra)
    else:
        note = language.message("extra_not_kept", answer=answer, extra=understood.extra)
    said = " ".join(part for part in (understood.said, note) if part)
    return Understood(understood.value, said, understood.extra)


def _in_words(question: Question, value: object, language: Language) -> str:
    labels = language.questions[question.id].choices
    if question.kind is Kind.YESNO:
        return language.message("yes" if value else "no")
    if question.kind is Kind.MULTI and isinstance(value, list):
        return "; ".join(labels.get(choice, choice) for choice in value) or language.message("none")
    return labels.get(str(value), str(value))
