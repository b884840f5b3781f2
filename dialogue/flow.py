"""What comes after an answer: every move of the interview, in one place.

The interview is a state machine. Its states are `start`, each question (by id), `summary` and `done`;
its moves:

- `begin`: start → the first question asked.
- `answer`, `skip`: a question → the next question asked, else the summary. The candidates are the
  later questions in asking order, up to the first one that is always asked; each is asked when its
  `when` holds over the answers so far (dialogue.route, the one place conditions are applied).
  While an answer is edited from the summary, questions already answered are passed over (unless the
  user went back through them), so only what the change brings in is asked before the summary.
- `back`: a question → the previous question asked; summary → the last one.
- `review`: a question → the summary.     `reopen`: done → the summary.
- `edit`: summary → the question chosen (one that is asked).
- `resume`: summary → the first question still open.
- `finish`: summary → done, once no question is open.

`dialogue.session.Session` makes these moves; `policy-assistant flow` draws them (dialogue.diagram)
from the same candidates, with `transitions`.
"""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from dialogue.model import Interview, Question
from dialogue.route import Route

START, SUMMARY, DONE = "start", "summary", "done"


def candidates(questions: tuple[Question, ...], after: int) -> list[Question]:
    """The questions that may follow the one at index `after` (-1: the first), in asking order: every
    later one up to and including the first that is always asked."""
    found: list[Question] = []
    for question in questions[after + 1 :]:
        found.append(question)
        if question.when is None and not question.implied:
            break
    return found


def next_asked(route: Route, after: int) -> Question | None:
    """The first of the `candidates` that is asked; None when none is (then the summary follows).

    The last candidate is always asked unless it is the last question, so walking on until one is
    asked never goes past the candidates.
    """
    questions = route.questions
    for index in range(after + 1, len(questions)):
        if route.on_path(questions[index]):
            return questions[index]
    return None


def first_question(route: Route) -> str:
    """Where `begin` goes: the first question asked (the summary of an interview that asks nothing)."""
    question = next_asked(route, -1)
    return question.id if question is not None else SUMMARY


def after_answer(
    route: Route, question: Question, *, editing: bool = False, revisit: Container[str] = ()
) -> str:
    """Where an answer to (or a skip of) `question` goes: the next question asked, or the summary.

    `editing`: the user came from the summary to change an answer, so questions already answered
    are passed over unless they are in `revisit` (the user went back through them during the edit).
    """
    following = next_asked(route, question.index)
    while following is not None and editing and route.is_answered(following) and following.id not in revisit:
        following = next_asked(route, following.index)
    return following.id if following is not None else SUMMARY


def before(route: Route, index: int) -> Question | None:
    """Where `back` goes from the question at `index` (the summary: len(questions)): the previous
    question asked, or None at the first."""
    return next((q for q in reversed(route.questions[:index]) if route.on_path(q)), None)


def first_open(route: Route) -> Question | None:
    """Where `resume` goes: the first question asked that waits for an answer; None when none does
    (then `finish` may go to done)."""
    return next((q for q in route.questions if route.on_path(q) and not route.is_answered(q)), None)


# --- the moves as a table, for transitions to draw ------------------------------------------------------

# Drawn on the diagram; review, edit and resume reach every question and are described beside it.
DIAGRAM_TRIGGERS = ("begin", "answer", "skip", "finish", "reopen")


def states(interview: Interview) -> list[str]:
    return [START, *(question.id for question in interview.questions), SUMMARY, DONE]


def moves(interview: Interview) -> list[dict[str, Any]]:
    """Every move as a `transitions` transition; a condition is named by the `when` it stands for."""
    questions = interview.questions
    table: list[dict[str, Any]] = []

    def add(trigger: str, source: str, dest: str, condition: str | None = None) -> None:
        table.append({"trigger": trigger, "source": source, "dest": dest, "conditions": condition or []})

    def forward(trigger: str, source: str, after: int) -> None:
        found = candidates(questions, after)
        for candidate in found:
            add(trigger, source, candidate.id, candidate.when.source if candidate.when else None)
        if not found or found[-1].when is not None:
            add(trigger, source, SUMMARY)

    forward("begin", START, -1)
    for question in questions:
        forward("answer", question.id, question.index)
        if question.skippable:
            forward("skip", question.id, question.index)
        for earlier in reversed(questions[: question.index]):
            add("back", question.id, earlier.id, earlier.when.source if earlier.when else None)
            if earlier.when is None and not earlier.implied:
                break
        add("review", question.id, SUMMARY)
        add("edit", SUMMARY, question.id, f"question = {question.id}")
        add("resume", SUMMARY, question.id, f"{question.id} is the first open question")
    for earlier in reversed(questions):
        add("back", SUMMARY, earlier.id, earlier.when.source if earlier.when else None)
        if earlier.when is None and not earlier.implied:
            break
    add("finish", SUMMARY, DONE, "every question answered")
    add("reopen", DONE, SUMMARY)
    return table
