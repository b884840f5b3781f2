"""Random walks through the interview with its representative answers (dialogue.paths): the checked-paths
benchmark and the tests that check assembly along such paths walk it the same way."""

from __future__ import annotations

import random
from typing import Any

from dialogue.model import Interview
from dialogue.paths import SKIP, sample_values
from dialogue.session import Session


def samples_of(interview: Interview) -> dict[str, list[Any]]:
    """Each question's representative answers (a skip where one is allowed), by question id."""
    return {question.id: sample_values(interview, question) for question in interview.questions}


def random_walk(
    interview: Interview, samples: dict[str, list[Any]], chooser: random.Random
) -> dict[str, Any]:
    """The answers of one walk from the first question to the end, each chosen from `samples`."""
    with Session.start(interview) as session:
        while (question := session.current) is not None:
            value = chooser.choice(samples[question.id])
            if value is SKIP:
                session.skip()
            else:
                session.answer(value)
        return session.result()
