"""Killing the app: SIGKILL at random moments of scripted sessions, in a real pseudo-terminal, loses
no answer the app showed as accepted; relaunching resumes with every one of them.

Runs go two at a time (this is a 2-core machine) and each session is short; the kill lands anywhere:
mid-typing, right after Enter, while a draft is being written.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from killing import Run, Zygote, kill_at_random, resume_shows, script
from uihelp import answers_file

from dialogue.drafts import DraftStore
from dialogue.loader import INTERVIEW_DIR, load_interview
from dialogue.stored import load_or_read

RUNS = int(os.environ.get("POLICY_ASSISTANT_KILL_RUNS", "100"))
FIRST_SEED = int(os.environ.get("POLICY_ASSISTANT_KILL_SEED", "0"))
PARALLEL = int(os.environ.get("POLICY_ASSISTANT_KILL_PARALLEL", "2"))
QUESTIONS = 6  # a session answers at most this many before it is killed
RELAUNCH_EVERY = 10  # ... and every tenth is relaunched in the terminal to see the resume


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The validated interview, cached once, so each cold start is as fast as a user's second start."""
    home = tmp_path_factory.mktemp("warm")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("POLICY_ASSISTANT_HOME", str(home))
        load_or_read(INTERVIEW_DIR)
    return home / "cache"


@pytest.fixture(scope="module")
def zygote(warm_cache: Path) -> Iterator[Zygote]:
    started = Zygote(warm_cache.parent)
    yield started
    started.close()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="pseudo-terminals and SIGKILL are POSIX")
def test_sigkill_at_random_moments_loses_no_answer_shown_as_accepted(
    tmp_path: Path, warm_cache: Path, zygote: Zygote
) -> None:
    # Every option on, so each kind of question comes early; a short name, so sessions stay short.
    answers = {**answers_file("comprehensive-brussels.yaml"), "org_name": "Acme NV"}
    steps, following = script(answers, QUESTIONS)
    interview = load_interview()

    def one(seed: int) -> tuple[Run, str | None]:
        """Kill one session; what it lost (None: nothing), after a relaunch for every tenth."""
        home = tmp_path / f"run{seed}"
        shutil.copytree(warm_cache, home / "cache")
        run = kill_at_random(zygote, home, steps, following, seed)
        if not run.given:
            return run, None
        store = DraftStore(home / "drafts")
        drafts = store.list()
        if len(drafts) != 1 or drafts[0].is_damaged:
            return run, f"seed {seed}, {run.moment}: drafts {drafts}"
        with store.load(drafts[0].id, interview) as session:
            missing = {q: v for q, v in run.given.items() if session.answers.get(q) != v}
            current = session.current
        if missing:
            return run, f"seed {seed}, {run.moment}: lost {missing}"
        if seed % RELAUNCH_EVERY == 0:
            assert current is not None
            marker = next((s.marker for s in steps if s.question == current.id), following)
            assert resume_shows(home, drafts[0].id, marker), f"seed {seed}: no resume at {current.id}"
            run.relaunched = True
        return run, None

    with ThreadPoolExecutor(PARALLEL) as pool:
        results = list(pool.map(one, range(FIRST_SEED, FIRST_SEED + RUNS)))
    runs = [run for run, _ in results]
    lost = [problem for _, problem in results if problem]
    relaunched = sum(run.relaunched for run in runs)
    given = sum(len(run.given) for run in runs)
    print(
        f"\n{RUNS} kills, {given} answers shown as accepted, {len(lost)} runs lost answers, "
        f"{relaunched} relaunched in the terminal"
    )
    assert not lost, "\n".join(lost)
    # The kills landed at varied moments: some before any answer, many after several.
    assert given > RUNS, "the kills came too early to test anything"
    assert relaunched >= RUNS // RELAUNCH_EVERY // 2


def test_an_answer_is_on_disk_when_the_session_moves_on(home: Path) -> None:
    """What the SIGKILL runs rely on, without a terminal: the draft holds the answer as soon as the
    session has moved to the next question (the chat shows it only after that)."""
    from assistant.keeper import DraftKeeper
    from dialogue.session import Session

    store = DraftStore(home / "drafts")
    interview = load_interview()
    with Session.start(interview) as session:
        DraftKeeper(store).attach(session)
        for value in ("comprehensive", "Acme NV", ["flanders"], 12):
            session.answer(value)
            assert session.draft_id is not None
            with store.load(session.draft_id, interview) as on_disk:
                assert on_disk.answers == session.answers
                assert on_disk.current is not None and on_disk.current.id == session.current.id
