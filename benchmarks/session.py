"""A whole session without the UI: the interview answered, previewed after each answer, exported."""

from __future__ import annotations

import tempfile
from pathlib import Path


def run_full_session() -> None:
    from benchmarks.core import full_answers
    from clauses import load_library
    from clauses.export import render
    from dialogue.loader import load_interview
    from dialogue.session import Session

    interview = load_interview()
    library = load_library()
    answers = full_answers()
    with Session.start(interview) as session:
        while (question := session.current) is not None:
            value = answers.get(question.id)
            if value is None:
                session.skip()
            else:
                session.answer(value)
            library.assemble(session.result(), partial=True)
        with tempfile.TemporaryDirectory() as folder:
            for fmt in ("md", "html", "txt", "docx"):
                data = render(library.assemble(session.result()), fmt)
                target = Path(folder) / f"policy.{fmt}"
                target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
