"""The interview's moves (dialogue.flow) drawn as a Mermaid state diagram by `transitions`."""

from __future__ import annotations

from transitions.extensions.diagrams import GraphMachine

from dialogue.flow import DIAGRAM_TRIGGERS, START, moves, states
from dialogue.model import Interview
from dialogue.paths import explore


class _Drawn:
    """The diagram's model: transitions needs one; nothing moves it."""

    state: str


def flow_diagram(interview: Interview) -> str:
    """The moves from one state to the next that some answers make, labelled with their conditions."""
    # The flow offers every candidate, so it can never get stuck; the diagram shows only the moves that
    # some answers actually make.
    possible = {
        (source, dest) for source, nexts in explore(interview).next_questions.items() for dest in nexts
    }
    possible.add((START, interview.questions[0].id))
    table = [
        row
        for row in moves(interview)
        if row["trigger"] in DIAGRAM_TRIGGERS
        and (row["trigger"] not in ("begin", "answer", "skip") or (row["source"], row["dest"]) in possible)
    ]
    machine = GraphMachine(
        model=_Drawn(),
        states=states(interview),
        transitions=table,
        initial=START,
        auto_transitions=False,
        graph_engine="mermaid",
        show_conditions=True,
        title="Interview flow",
    )
    return machine.get_graph().draw(None)
