"""Run the real app in a pseudo-terminal, type a scripted session key by key, and kill it with SIGKILL.

What a session "showed" is read from everything the app wrote to the terminal before it died (the
pseudo-terminal keeps it after the process is gone): an answer counts as given once the next question
was on screen, which is what the user saw.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import random
import select
import signal
import socket
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dialogue.loader import load_interview
from dialogue.model import Kind
from dialogue.session import Session

ROOT = Path(__file__).resolve().parents[2]
SIZE = (100, 30)
ENTER = b"\r"


@dataclass(frozen=True)
class Step:
    """One question of the script: how to recognise it on screen, the keys that answer it, the answer."""

    question: str
    marker: bytes
    keys: tuple[bytes, ...]
    value: Any


def _marker(text: str) -> bytes:
    # The start of the question: on its first line at any width the test uses, so written in one piece.
    return text[:28].encode()


def _keys(kind: Kind, choices: tuple[str, ...], value: Any) -> tuple[bytes, ...]:
    if kind is Kind.SINGLE:
        if choices.index(value) >= 9:  # no single key for a tenth choice: its id is typed instead
            return (*(character.encode() for character in value), ENTER)
        return (str(choices.index(value) + 1).encode(),)
    if kind is Kind.YESNO:
        return (b"1" if value else b"2",)
    if kind is Kind.MULTI:
        return (*(str(choices.index(choice) + 1).encode() for choice in value), ENTER)
    text = value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)
    return (*(character.encode() for character in text), ENTER)


def script(answers: Mapping[str, Any], count: int) -> tuple[list[Step], bytes]:
    """The first `count` questions the answers lead to, and the marker of the question after them."""
    interview = load_interview()
    texts = interview.language("en")
    steps: list[Step] = []
    with Session.start(interview) as session:
        while len(steps) < count:
            question = session.current
            assert question is not None
            value = answers.get(question.id, interview.default(question))
            session.answer(value)
            steps.append(
                Step(
                    question.id,
                    _marker(texts.questions[question.id].text),
                    _keys(question.kind, question.choices, value),
                    session.answers[question.id],  # as the engine keeps it: ticks in the list's order
                )
            )
        following = session.current
        assert following is not None
        return steps, _marker(texts.questions[following.id].text)


def app_environment(home: Path) -> dict[str, str]:
    # Nor COLUMNS or LINES: they would fix the app's size whatever the terminal's (resizes unseen).
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TEXTUAL", "PYTEST")) and key not in ("COLUMNS", "LINES")
    }
    env.update(
        POLICY_ASSISTANT_HOME=str(home), PYTHONPATH=str(ROOT), TERM="xterm-256color", PYTHONIOENCODING="utf-8"
    )
    return env


class Terminal:
    """The app in a pseudo-terminal of SIZE, as a user's terminal would run it."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid, self.fd = pid, fd
        self.output = b""
        self.alive = True

    @classmethod
    def launch(cls, home: Path, *args: str) -> Terminal:
        """A cold start: a new Python running `python -m assistant ARGS`."""
        env = app_environment(home)
        argv = [sys.executable, "-m", "assistant", *args]
        pid, fd = pty.fork()
        if pid == 0:  # the child becomes the app
            # As a terminal starts a program: no signal blocked or ignored (a test runner's worker may
            # block some, and a blocked SIGWINCH would never tell the app its window changed).
            signal.pthread_sigmask(signal.SIG_SETMASK, [])
            for number in (signal.SIGWINCH, signal.SIGHUP, signal.SIGINT, signal.SIGTERM):
                signal.signal(number, signal.SIG_DFL)
            os.chdir(ROOT)
            os.execvpe(argv[0], argv, env)
        columns, rows = SIZE
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        return cls(pid, fd)

    def read(self, timeout: float = 0.0) -> None:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if ready:
            with contextlib.suppress(OSError):  # OSError: the app is gone
                self.output += os.read(self.fd, 65536)

    def wait_for(self, marker: bytes, timeout: float = 20.0, after: int = 0) -> None:
        deadline = time.monotonic() + timeout
        while marker not in self.output[after:]:
            if time.monotonic() > deadline:
                ending = self.output[-300:]
                raise AssertionError(f"{marker!r} never appeared; the screen ends with {ending!r}")
            self.read(0.02)

    def send(self, key: bytes) -> None:
        os.write(self.fd, key)
        self.read()

    def kill(self) -> None:
        """SIGKILL, then keep everything the app wrote before it died."""
        os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):  # a copy from the zygote is the zygote's child
            os.waitpid(self.pid, 0)
        self.alive = False
        while True:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if not ready:
                break
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            self.output += chunk
        os.close(self.fd)

    def close(self) -> None:
        if self.alive:
            self.kill()


class Zygote:
    """tests/hardening/zygote.py, running: `start(home, *args)` forks a warm copy of the app."""

    def __init__(self, home: Path) -> None:
        ours, theirs = socket.socketpair()
        self.channel = ours
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("zygote.py")), str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            env=app_environment(home),
            cwd=ROOT,
        )
        theirs.close()
        self.lock = threading.Lock()

    def start(self, home: Path, *args: str) -> Terminal:
        request = {"home": str(home), "args": list(args), "size": list(SIZE)}
        with self.lock:
            self.channel.sendall((json.dumps(request) + "\n").encode())
            message, fds, _, _ = socket.recv_fds(self.channel, 64, 1)
        if not fds:
            raise RuntimeError(f"the zygote did not start the app (exit code {self.process.poll()})")
        return Terminal(int(message), fds[0])

    def close(self) -> None:
        self.channel.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@dataclass
class Run:
    """One scripted session killed at a random moment."""

    seed: int
    keys_sent: int = 0
    delay_ms: float = 0.0
    given: dict[str, Any] = field(default_factory=dict)  # answers followed on screen by the next question
    typed: list[str] = field(default_factory=list)  # questions whose keys were (partly) typed
    relaunched: bool = False
    moment_kind: str = ""

    @property
    def moment(self) -> str:
        return (
            f"{self.moment_kind}, after {self.keys_sent} keys + {self.delay_ms:.1f} ms "
            f"({len(self.given)} answers shown)"
        )


def kill_at_random(zygote: Zygote, home: Path, steps: list[Step], following: bytes, seed: int) -> Run:
    """Start the app in `home`, answer `steps` key by key, SIGKILL it at a moment chosen by `seed`:
    after some key (mid-typing or just after an answer) and a random delay, or, for one run in three, the
    instant the next question reaches the terminal, while its answer is being saved."""
    rng = random.Random(seed)
    run = Run(seed)
    total = sum(len(step.keys) for step in steps)
    stop_after = rng.randint(1, total)  # the kill comes after this many keys...
    on_next_question = rng.random() < 1 / 3
    run.delay_ms = 0.0 if on_next_question else rng.choice([0.0, rng.uniform(0, 3), rng.uniform(0, 30)])
    terminal = zygote.start(home, "--new")
    markers = [step.marker for step in steps] + [following]
    try:
        for index, step in enumerate(steps):
            # Keys for a question only once it is on screen, as a person reads before typing.
            terminal.wait_for(step.marker)
            run.typed.append(step.question)
            last = len(step.keys) - 1
            for number, key in enumerate(step.keys):
                seen = len(terminal.output)
                terminal.send(key)
                run.keys_sent += 1
                if run.keys_sent >= stop_after and (number == last or not on_next_question):
                    if on_next_question:
                        run.moment_kind = "as the next question showed"
                        terminal.wait_for(markers[index + 1], after=seen)
                    else:
                        run.moment_kind = "mid-typing" if number < last else "after the answer"
                        time.sleep(run.delay_ms / 1000)
                    terminal.kill()
                    break
                time.sleep(rng.choice([0, 0.002, 0.01, 0.03]))
            if not terminal.alive:
                break
    finally:
        terminal.close()
    shown = terminal.output
    for step, after in zip(steps, markers[1:], strict=True):
        if after not in shown:
            break
        run.given[step.question] = step.value
    return run


def resume_shows(home: Path, draft_id: str, marker: bytes) -> bool:
    """Relaunch the app on the draft, cold; whether it asks the question of `marker`."""
    terminal = Terminal.launch(home, "--resume", draft_id)
    try:
        terminal.wait_for(marker)
        return True
    finally:
        terminal.close()
