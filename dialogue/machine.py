"""The interview as a `transitions` state machine, built from the YAML.

States: `start`, one per question, `summary` and `done`. Triggers:

- `begin`: start -> the first question;
- `answer` / `skip`: a question -> the next question on the path, or the summary. The candidates are
  tried in asking order up to the first question that is always asked, each guarded by its `when`;
- `back`: a question -> the previous question on the path; summary -> the last one;
- `review`: any question -> summary;   `edit`: summary -> the question chosen;
- `resume`: summary -> the first question still open;   `finish`: summary -> done;
- `reopen`: done -> summary.

One machine serves every session of an interview; each session adds a small cursor as its model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from transitions import EventData, Machine

if TYPE_CHECKING:
    from dialogue.model import Interview, Question
    from dialogue.session import Session

START, SUMMARY, DONE = "start", "summary", "done"
# Triggers drawn on the flow diagram; review, edit and resume reach every question and are described in
# words beside it instead.
DIAGRAM_TRIGGERS = ("begin", "answer", "skip", "finish", "reopen")


class Cursor:
    """The machine's model: where one session stands. Guards reach the session through it."""

    state: str

    def __init__(self, session: Session | None) -> None:
        self.session = session


class _Guard:
    """A named condition; the name is what transitions' diagrams print on the edge."""

    def __init__(self, name: str, test: Any) -> None:
        self.__name__ = name
        self._test = test

    def __call__(self, event: EventData) -> bool:
        return bool(self._test(event.model.session, event))


def _on_path(question: Question) -> _Guard:
    name = question.when.source if question.when is not None else "always"
    return _Guard(name, lambda session, event: session.route.on_path(question))


def _first_open(question: Question) -> _Guard:
    return _Guard(f"{question.id} is the first open question", lambda s, e: s.first_open() is question)


def _chosen(question: Question) -> _Guard:
    return _Guard(f"question = {question.id}", lambda s, e: e.kwargs.get("question") == question.id)


_COMPLETE = _Guard("every question answered", lambda session, event: session.first_open() is None)


def transitions_for(interview: Interview) -> list[dict[str, Any]]:
    questions = interview.questions
    table: list[dict[str, Any]] = []

    def add(trigger: str, source: str, dest: str, guard: _Guard | None = None) -> None:
        table.append(
            {"trigger": trigger, "source": source, "dest": dest, "conditions": [guard] if guard else []}
        )

    def forward(trigger: str, source: str, start: int) -> None:
        for candidate in questions[start:]:
            if candidate.when is None:
                add(trigger, source, candidate.id)
                return
            add(trigger, source, candidate.id, _on_path(candidate))
        add(trigger, source, SUMMARY)

    def backward(source: str, end: int) -> None:
        for candidate in reversed(questions[:end]):
            if candidate.when is None:
                add("back", source, candidate.id)
                return
            add("back", source, candidate.id, _on_path(candidate))

    forward("begin", START, 0)
    for question in questions:
        forward("answer", question.id, question.index + 1)
        if question.skippable:
            forward("skip", question.id, question.index + 1)
        if question.index > 0:
            backward(question.id, question.index)
        add("review", question.id, SUMMARY)
    backward(SUMMARY, len(questions))
    for question in questions:
        add("edit", SUMMARY, question.id, _chosen(question))
        add("resume", SUMMARY, question.id, _first_open(question))
    add("finish", SUMMARY, DONE, _COMPLETE)
    add("reopen", DONE, SUMMARY)
    return table


def states_of(interview: Interview) -> list[str]:
    return [START, *(question.id for question in interview.questions), SUMMARY, DONE]


def build_machine(interview: Interview) -> Machine:
    return Machine(
        model=None,
        states=states_of(interview),
        transitions=transitions_for(interview),
        initial=START,
        auto_transitions=False,
        send_event=True,
    )


def flow_diagram(interview: Interview) -> str:
    """The interview as a Mermaid state diagram, drawn by transitions' own diagram support."""
    from transitions.extensions.diagrams import GraphMachine

    from dialogue.paths import explore

    # The machine keeps every candidate edge so it can never get stuck; the diagram shows only the
    # moves that some answers actually make.
    possible = {
        (source, dest) for source, nexts in explore(interview).next_questions.items() for dest in nexts
    }
    possible.add((START, interview.questions[0].id))
    table = [
        row
        for row in transitions_for(interview)
        if row["trigger"] in DIAGRAM_TRIGGERS
        and (row["trigger"] not in ("begin", "answer", "skip") or (row["source"], row["dest"]) in possible)
    ]
    machine = GraphMachine(
        model=Cursor(None),  # type: ignore[arg-type]  # the diagram needs a model, not a session
        states=states_of(interview),
        transitions=table,
        initial=START,
        auto_transitions=False,
        send_event=True,
        graph_engine="mermaid",
        show_conditions=True,
        title="Interview flow",
    )
    return machine.get_graph().draw(None)
