"""Hypothesis strategies for valid answers, shared by the engine, clause and UI tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

from dialogue.loader import load_interview
from dialogue.model import Interview, Kind, Question
from dialogue.validation import check, validate

# Text that tries to be read as markup or code, mixed into generated text answers.
INJECTIONS = (
    "{{ 7*7 }}",
    "{% for x in range(3) %}x{% endfor %}",
    "<script>alert(1)</script>",
    "**bold** _it_ # heading",
    "- item\n1. item",
    "[link](http://example.com)",
    '=HYPERLINK("http://x","y")',
    "& < > \" '",
    "Ünïcödé — émoji 🎉 עברית",
)


def _text(question: Question) -> st.SearchStrategy[str]:
    rules = question.validation
    low = rules.min_length or 1
    high = min(rules.max_length or 200, 200)
    plain = st.text(min_size=low, max_size=high)
    injected = st.sampled_from(INJECTIONS).map(lambda s: s if len(s) >= low else s + " " * low + "xx")
    return (
        st.one_of(plain, injected)
        .filter(lambda text: check(question, text, None) is None)
        .map(lambda text: validate(question, text, None))
    )


def value_for(question: Question) -> st.SearchStrategy[Any]:
    """Any valid answer to `question`, in the canonical form the engine stores."""
    rules = question.validation
    kind = question.kind
    if kind is Kind.SINGLE:
        return st.sampled_from(question.choices)
    if kind is Kind.MULTI:
        low = rules.min_choices or 0
        high = rules.max_choices if rules.max_choices is not None else len(question.choices)
        return st.lists(st.sampled_from(question.choices), unique=True, min_size=low, max_size=high).map(
            lambda chosen: [c for c in question.choices if c in chosen]
        )
    if kind is Kind.YESNO:
        return st.booleans()
    if kind is Kind.NUMBER:
        low = rules.min if isinstance(rules.min, int) else 0
        high = rules.max if isinstance(rules.max, int) else 10**6
        near = [n + d for n in question.landmarks for d in (-1, 0, 1) if low <= n + d <= high]
        return st.one_of(st.integers(low, high), st.sampled_from(near)) if near else st.integers(low, high)
    if kind is Kind.DATE:
        low_date = rules.min if isinstance(rules.min, date) else date(2000, 1, 1)
        high_date = rules.max if isinstance(rules.max, date) else date(2100, 12, 31)
        return st.dates(low_date, high_date)
    if kind is Kind.EMAIL:
        return (
            st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,15}@[a-z0-9]{1,12}\.(be|com|org|eu)", fullmatch=True)
            .filter(lambda text: check(question, text, None) is None)
            .map(lambda text: validate(question, text, None))
        )
    return _text(question)


@st.composite
def answer_sets(draw: st.DrawFn, interview: Interview | None = None, **fixed: Any) -> dict[str, Any]:
    """The result of a complete interview with random valid answers; `fixed` pins some answers."""
    interview = interview or load_interview()
    answers: dict[str, Any] = {}
    for question in interview.questions:
        if question.when is not None and not question.when.holds(answers):
            continue
        if question.id in fixed:
            answers[question.id] = fixed[question.id]
        elif question.skippable and draw(st.booleans()):
            continue
        else:
            answers[question.id] = draw(value_for(question))
    return answers
