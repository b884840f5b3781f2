"""Hypothesis strategies for valid answers, shared by the engine, clause and UI tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

from dialogue.loader import load_interview
from dialogue.model import Interview, Kind, Question
from dialogue.route import implied, is_implied
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
        given = implied(question, answers)
        if is_implied(given):  # not asked: the earlier answers give it (questions.yaml, `implied`)
            answers[question.id] = given
            continue
        if question.id in fixed:
            answers[question.id] = fixed[question.id]
        elif question.skippable and draw(st.booleans()):
            continue
        else:
            answers[question.id] = draw(value_for(question))
    return answers


# --- hostile input ---------------------------------------------------------------------------------

# What people paste, and what breaks programs: nothing, blanks, control and format characters, emoji
# with modifiers, right-to-left text and the marks that reorder it, null bytes, lone surrogates, digits
# by the thousand, and text by the hundred thousand.
EDGE_TEXTS = (
    "",
    " ",
    " \t\n\r\x0b\x0c ",
    "\x00",
    "Acme\x00NV",
    "\x01\x02\x07\x08\x1b[31mred\x1b[0m\x7f\x9b",
    "🎉👍🏽👨‍👩‍👧",
    "שלום עולם",
    "مرحبا بالعالم",
    "Acme\u202e VN\u202c",
    "\u200b\u200d\ufeff",
    "\ud800",
    "9" * 5_000,
    "1" * 100_000,
    "x" * 100_000,
    "flanders, " * 10_000,
    "-" * 1_000,
    "1/" * 2_000,
)
_PIECES = st.sampled_from(
    [*EDGE_TEXTS[:12], *INJECTIONS, "1", "25/11/2026", "none", "yes", "all", "/back", "//x", ",", "\n"]
)


def hostile_text(max_size: int = 300) -> st.SearchStrategy[str]:
    """Any text, weighted towards what breaks programs: the edge cases above, alone, mixed with each
    other and with ordinary text, or repeated to a great length."""
    mixed = st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=8).map("".join)
    repeated = st.tuples(st.one_of(_PIECES, st.text(min_size=1, max_size=5)), st.integers(1, 20_000)).map(
        lambda pair: pair[0] * pair[1]
    )
    return st.one_of(st.text(max_size=max_size), st.sampled_from(EDGE_TEXTS), mixed, repeated)


def yaml_data(max_leaves: int = 30) -> st.SearchStrategy[Any]:
    """Any data a YAML file can hold: what an answers file or a draft may contain when it is damaged or
    written by someone else."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(-(10**30), 10**30),
        st.floats(allow_nan=True, allow_infinity=True),
        hostile_text(40).map(lambda text: text[:200]),
        st.dates(),
        st.datetimes(),
    )
    keys = st.one_of(st.text(max_size=12), st.integers(), st.booleans(), st.none())
    return st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=5), st.dictionaries(keys, children, max_size=5)
        ),
        max_leaves=max_leaves,
    )
