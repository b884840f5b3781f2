"""The scale benchmark: a generated interview of 500 questions and a clause library of 2,000 clauses
still start, answer and preview within 2x the figures of ours, measured in the same run.

The generated interview has the shape of ours, repeated: blocks of five questions, a yes/no gate, a
choice and a number asked when the gate is yes, a text asked for one choice, and a skippable
checklist. Each generated clause applies when a block's gate is yes and prints that block's number,
in one of our sections.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from benchmarks.report import Measure
from benchmarks.ui import FrameWatch, _p95, _wait

ROOT = Path(__file__).resolve().parent.parent
INTERVIEW = ROOT / "dialogue" / "interview"
LIBRARY = ROOT / "clauses" / "library"
QUESTIONS, CLAUSES = 500, 2000
BLOCK = 5


def write_interview(folder: Path, count: int = QUESTIONS) -> None:
    """An interview of `count` questions in `folder`, with its English texts."""
    (folder / "lang").mkdir(parents=True)
    shutil.copy(INTERVIEW / "words.yaml", folder / "words.yaml")
    sections = [f"part_{n}" for n in range((count + 19) // 20)]
    questions: list[dict[str, Any]] = []
    texts: dict[str, Any] = {}
    for index in range(count):
        gate, kind = index - index % BLOCK, index % BLOCK
        entry: dict[str, Any] = {"id": f"q{index}", "section": sections[index // 20]}
        words: dict[str, Any] = {"text": f"Question {index}?", "why": f"Question {index} matters."}
        if kind == 0:
            entry["kind"] = "yesno"
        elif kind == 1:
            entry.update(kind="single", choices=["a", "b", "c"], when=f"q{gate}")
            words["choices"] = {"a": "First", "b": "Second", "c": "Third"}
        elif kind == 2:
            entry.update(kind="number", when=f"q{gate}", validate={"min": 1, "max": 100_000})
        elif kind == 3:
            entry.update(kind="text", when=f"q{gate + 1} == 'b'")
        else:
            entry.update(kind="multi", choices=["x", "y", "z"], skippable=True)
            words["choices"] = {"x": "One", "y": "Two", "z": "Three"}
        questions.append(entry)
        texts[entry["id"]] = words
    ours = yaml.safe_load((INTERVIEW / "lang" / "en.yaml").read_text(encoding="utf-8"))
    _dump(folder / "questions.yaml", {"version": 1, "sections": sections, "questions": questions})
    language = {
        "language": "en",
        "name": "English",
        "sections": {section: f"Part {n}" for n, section in enumerate(sections)},
        "questions": texts,
        "messages": ours["messages"],
    }
    _dump(folder / "lang" / "en.yaml", language)


def write_library(folder: Path, count: int = CLAUSES, questions: int = QUESTIONS) -> None:
    """A clause library of `count` clauses in `folder`, in English, in our sections."""
    for name in ("sections.yaml", "statutes.yaml"):
        shutil.copy(LIBRARY / name, folder / name)
    (folder / "en" / "clauses").mkdir(parents=True)
    for name in ("strings.yaml", "statutes.yaml"):
        shutil.copy(LIBRARY / "en" / name, folder / "en" / name)
    sections = yaml.safe_load((LIBRARY / "sections.yaml").read_text(encoding="utf-8"))["sections"]
    body = [s["id"] for s in sections if s["document"] == "policy" and s.get("kind", "body") == "body"]
    clauses = []
    for index in range(count):
        gate = (index * BLOCK) % questions
        clauses.append(
            {"id": f"c{index}", "section": body[index % len(body)], "order": index, "when": f"q{gate}"}
        )
        (folder / "en" / "clauses" / f"c{index}.j2").write_text(
            f"# Clause {index}\n\nThis clause applies because the answer to question {gate} was yes, "
            f"with {{{{ q{gate + 2} if q{gate + 2} is defined else 'no number yet' }}}} as the number.\n"
            "- a first point that every reader of the policy should keep in mind;\n"
            "- a second point, for those it concerns.\n",
            encoding="utf-8",
        )
    _dump(folder / "clauses.yaml", {"clauses": clauses})


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- measuring -------------------------------------------------------------------------------------------


def _value(question: Any) -> Any:
    from dialogue.paths import SKIP

    # Not an empty checklist: a list whose "none" is an option of its own (the employee bodies) does
    # not take an empty answer, and would wait for a tick.
    samples = _samples[question.id]
    value = next((sample for sample in samples if sample != []), samples[0])
    return None if value is SKIP else value


_samples: dict[str, list[Any]] = {}


async def _measure(interview: Any, drafter: Any, answers: int, quick: bool) -> dict[str, Any]:
    """First question and answers in a new policy, then preview refreshes of a complete one (130x40)."""
    from textual import events

    from assistant.app import PolicyAssistant
    from benchmarks.ui import _answer, _newest_question, _question_drawn
    from dialogue.drafts import DraftStore
    from dialogue.paths import sample_values

    _samples.update({q.id: sample_values(interview, q) for q in interview.questions})
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as home:
        store = DraftStore(Path(home))
        started = time.perf_counter()
        app = PolicyAssistant(
            store=store, new=True, export_folder=Path(home), drafter=drafter, interview=interview
        )
        async with app.run_test(size=(130, 40)) as pilot:
            frames = FrameWatch(app)
            frames.expect(lambda: _question_drawn(app.screen))
            await _wait(pilot, lambda: frames.at is not None)
            result["first"] = (frames.at - started) * 1000
            chat = app.screen
            await _wait(pilot, lambda: drafter.loaded, timeout=60)
            await pilot.pause(0.3)
            times: list[float] = []
            while (question := chat.session.current) is not None and len(times) < answers:
                value = _value(question)
                if value is None:
                    steps = len(chat.session.history)
                    await pilot.press("ctrl+n")
                    await _wait(pilot, lambda steps=steps: len(chat.session.history) > steps)
                    continue
                key, character = await _answer(pilot, chat, value)
                asked = _newest_question(chat)
                frames.expect(lambda asked=asked: _question_drawn(chat, after=asked))
                start = time.perf_counter()
                app.post_message(events.Key(key, character))
                await _wait(pilot, lambda: frames.at is not None)
                times.append((frames.at - start) * 1000)
                await pilot.pause(0.1 if quick else 0.5)
            result["answers"] = times
        result.update(await _refreshes(interview, drafter, store, quick))
    return result


async def _refreshes(interview: Any, drafter: Any, store: Any, quick: bool) -> dict[str, Any]:
    """The complete policy's preview, refreshed after an answer every clause of a block prints."""
    from assistant.app import PolicyAssistant
    from assistant.screens.chat import ChatScreen
    from dialogue.session import Session

    session = Session.start(interview)
    while (question := session.current) is not None:
        value = _value(question)
        session.skip() if value is None else session.answer(value)
    store.save(session)
    app = PolicyAssistant(store=store, resume=session.draft_id, drafter=drafter, interview=interview)
    refreshes: list[float] = []
    async with app.run_test(size=(130, 40)) as pilot:
        chat = next(screen for screen in app.screen_stack if isinstance(screen, ChatScreen))
        preview = chat.side_preview
        await _wait(pilot, lambda: preview.rendered is not None, timeout=120)
        number = next(q for q in interview.questions if q.kind.value == "number")
        for turn in range(1 if quick else 8):
            before = preview.rendered
            chat.session.answers[number.id] = 17 + turn
            start = time.perf_counter()
            chat.conversation.policy.request()
            await _wait(pilot, lambda before=before: preview.rendered is not before, timeout=120)
            refreshes.append((time.perf_counter() - start) * 1000)
            await pilot.pause(0.2)
        return {"preview": refreshes, "words": preview.rendered.words}


def scale(quick: bool) -> list[Measure]:
    from assistant.drafting import PolicyDrafter
    from clauses.library import Library
    from clauses.loader import read
    from dialogue.loader import load_interview

    answers = 3 if quick else 25
    # The quick pass only checks that the script works: a tenth of the size.
    questions, clauses = (QUESTIONS // 10, CLAUSES // 10) if quick else (QUESTIONS, CLAUSES)
    ours = asyncio.run(_measure(load_interview(), PolicyDrafter(), answers, quick))
    with tempfile.TemporaryDirectory() as folder:
        interview_folder, library_folder = Path(folder) / "interview", Path(folder) / "library"
        library_folder.mkdir()
        write_interview(interview_folder, questions)
        write_library(library_folder, clauses, questions)
        started = time.perf_counter()
        interview = load_interview(interview_folder)
        validated = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        library = Library(read((library_folder,)))
        loaded = (time.perf_counter() - started) * 1000
        big = asyncio.run(_measure(interview, PolicyDrafter(library=library), answers, quick))
    rows = [
        ("first question on screen", ours["first"], big["first"], "ms"),
        ("answer → next question, p95", _p95(ours["answers"]), _p95(big["answers"]), "ms"),
        (
            "preview refresh, median",
            statistics.median(ours["preview"]),
            statistics.median(big["preview"]),
            "ms",
        ),
    ]
    measures = [
        Measure(
            f"Scale ({questions} questions, {clauses:,} clauses) / ours: {what}",
            value_big / value_ours,
            "x",
            2.0,
            detail=f"{value_big:.0f} {unit} against {value_ours:.0f} {unit}",
        )
        for what, value_ours, value_big, unit in rows
    ]
    measures.append(
        Measure(
            f"Scale: {questions} questions validated, {clauses:,} clauses loaded",
            validated + loaded,
            "ms",
            None,
            detail=f"interview {validated:.0f} ms, library {loaded:.0f} ms; policy of {big['words']:,} words",
        )
    )
    return measures
