"""A library with clause folders from outside (``--clauses DIR``), loaded and rendered in a separate process.

The sandbox (clauses.sandbox, clauses.limits) bounds what a template can do; this is the second wall,
for whatever it may have missed. The folder is read, compiled and rendered by clauses.worker, in a
process that limits itself to MAX_MEMORY of address space, LOAD_CPU seconds of CPU time to load and
REQUEST_CPU for each document, and writes no file. This side waits at most LOAD_SECONDS or
REQUEST_SECONDS and reads at most MAX_OUTPUT of reply. A folder that breaks a limit is one
LibraryError naming the folder and the limit; the next request starts a new process.

Our own library alone renders in-process (clauses.load_library()): it is ours, and assembly is part of
every answer in the chat.

Protocol, on the worker's standard input and output: each message is an 8-byte length, then that much
UTF-8 JSON. First {"folders": [...], "limits": {...}}, answered by {"ok": {"languages": [...],
"clause_ids": [...]}} or {"error": {...}}; then {"op": "assemble" | "notes", "answers", "language",
"version", "partial"} or {"op": "text", "language", "key"}, each answered by {"ok": ...}, {"error":
{problem, file, line, clause}} (a LibraryError), {"unexpected": "..."} or {"limit": "memory"}.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import signal
import subprocess
import sys
import threading
import weakref
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from clauses import wire
from clauses.errors import LibraryError
from clauses.model import Document
from clauses.worker import encode_message, read_message

MAX_MEMORY = 768 * 1024 * 1024  # address space; loading and assembling ours takes about 45 MB
LOAD_CPU = 30  # seconds of CPU time to read and compile the library: ours takes 0.5
REQUEST_CPU = 10  # per document; the sandbox stops a clause after 2 seconds
LOAD_SECONDS = 90.0  # waited for, on a busy machine
REQUEST_SECONDS = 30.0
MAX_OUTPUT = 16 * 1024 * 1024  # of one reply; our longest policy is about 400 KB

# What the worker sees of the environment: nothing it does not need (no secret, nothing huge).
_ENVIRONMENT = frozenset({"PATH", "SYSTEMROOT", "TMPDIR", "TZ", "LANG", "LC_ALL", "LC_CTYPE"})
_ROOT = Path(__file__).resolve().parent.parent  # the folder our `clauses` package is in
_BOOTSTRAP = (
    "import json, sys; sys.path[:] = json.loads(sys.argv[1]); from clauses.worker import main; main()"
)


class ForeignLibrary:
    """Our library with `folders` laid over it, behind a process boundary; used like clauses.Library."""

    def __init__(self, folders: Iterable[str | Path]) -> None:
        self.folders = tuple(Path(folder) for folder in folders)
        self._label = ", ".join(str(folder) for folder in self.folders)
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._timed_out = False
        with self._lock:
            description = self._start()
        self.languages: tuple[str, ...] = tuple(description["languages"])
        self.clause_ids: tuple[str, ...] = tuple(description["clause_ids"])

    # --- what clauses.Library offers -------------------------------------------------------------------

    def assemble(
        self, answers: Mapping[str, Any], language: str = "en", *, version: str = "1.0", partial: bool = False
    ) -> Document:
        return self._document("assemble", answers, language, version, partial)

    def implementation_notes(
        self, answers: Mapping[str, Any], language: str = "en", *, version: str = "1.0", partial: bool = False
    ) -> Document:
        return self._document("notes", answers, language, version, partial)

    def text(self, language: str, key: str) -> str:
        reply = self._request({"op": "text", "language": language, "key": key}, "reading a text")
        if not isinstance(reply, str):
            raise self._fault("sent a text that is not text")
        return reply

    @functools.cached_property
    def source(self) -> Any:
        """The folders as read (clauses.loader.LibrarySource), for the review's clause titles: reading
        is bounded by clauses.safefiles and datafiles.scalars, and runs no template."""
        from clauses import loader
        from clauses.library import DEFAULT_FOLDER

        return loader.read((DEFAULT_FOLDER, *self.folders))

    def close(self) -> None:
        with self._lock:
            self._stop()

    # --- the process ----------------------------------------------------------------------------------

    def _document(
        self, op: str, answers: Mapping[str, Any], language: str, version: str, partial: bool
    ) -> Document:
        request = {
            "op": op,
            "answers": wire.answers_to_json(answers),
            "language": language,
            "version": version,
            "partial": partial,
        }
        what = "assembling the policy" if op == "assemble" else "assembling the implementation notes"
        try:
            return wire.document_from_json(self._request(request, what))
        except wire.WireError as error:
            raise self._fault(f"sent a document that cannot be read ({error})") from None

    def _request(self, request: dict[str, Any], what: str) -> Any:
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                self._start()
            return self._exchange(request, REQUEST_SECONDS, what)

    def _start(self) -> dict[str, Any]:
        self._stop()
        paths = [os.path.abspath(entry or os.curdir) for entry in sys.path]
        if str(_ROOT) not in paths:
            paths.insert(0, str(_ROOT))
        try:
            # -I: no PYTHON* variables, no user site, not the current folder (which may be the clause
            # folder) on sys.path; the path is ours, given explicitly. -B: no .pyc written.
            self._process = subprocess.Popen(
                [sys.executable, "-I", "-B", "-c", _BOOTSTRAP, json.dumps(paths)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env={name: value for name, value in os.environ.items() if name in _ENVIRONMENT},
            )
        except OSError as error:
            raise LibraryError(
                f"cannot start the process that renders clause folders ({error.strerror})", file=self._label
            ) from None
        weakref.finalize(self, _end, self._process)
        limits = {"memory": MAX_MEMORY, "load_cpu": LOAD_CPU, "request_cpu": REQUEST_CPU}
        start = {"folders": [str(folder) for folder in self.folders], "limits": limits}
        description = self._exchange(start, LOAD_SECONDS, "loading it")
        if not isinstance(description, dict) or not all(
            isinstance(description.get(key), list) for key in ("languages", "clause_ids")
        ):
            raise self._fault("sent a description that cannot be read")
        return description

    def _stop(self) -> None:
        if self._process is not None:
            _end(self._process)
            self._process = None

    def _exchange(self, message: dict[str, Any], seconds: float, what: str) -> Any:
        process = self._process
        assert process is not None and process.stdin is not None and process.stdout is not None
        self._timed_out = False
        timer = threading.Timer(seconds, self._time_out, (process,))
        timer.daemon = True
        timer.start()
        try:
            process.stdin.write(encode_message(message))
            process.stdin.flush()
            reply = read_message(process.stdout, MAX_OUTPUT)
        except ValueError:  # the reply is longer than MAX_OUTPUT
            self._stop()
            raise self._limit(f"made more than {_size(MAX_OUTPUT)} of output", what) from None
        except (OSError, EOFError):
            reply = None
        finally:
            timer.cancel()
        if reply is None:  # the process ended: a limit, a crash or our timeout
            raise self._ended(process, seconds, what)
        if not isinstance(reply, dict) or len(reply) != 1:
            self._stop()
            raise self._fault("sent a reply that cannot be read")
        ((kind, body),) = reply.items()
        if kind == "ok":
            return body
        if kind == "limit":
            self._stop()
            raise self._limit(f"went over its memory limit ({_size(MAX_MEMORY)})", what)
        if kind == "error" and isinstance(body, dict):
            raise LibraryError(
                str(body.get("problem")),
                file=body.get("file"),
                line=body.get("line") if isinstance(body.get("line"), int) else None,
                clause=body.get("clause") if isinstance(body.get("clause"), str) else None,
            )
        raise self._fault(f"failed while {what}: {str(body)[:500]}")

    def _time_out(self, process: subprocess.Popen[bytes]) -> None:
        self._timed_out = True
        process.kill()

    def _ended(self, process: subprocess.Popen[bytes], seconds: float, what: str) -> LibraryError:
        try:
            code = process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
        self._process = None
        if self._timed_out:
            return self._limit(f"took more than {seconds:g} s", what)
        if code == -getattr(signal, "SIGXCPU", -1000):
            limit = LOAD_CPU if what == "loading it" else REQUEST_CPU
            return self._limit(f"went over its CPU time limit ({limit} s)", what)
        if code == 3:
            return self._limit(f"went over its memory limit ({_size(MAX_MEMORY)})", what)
        if code < 0:
            return self._fault(f"crashed while {what} (signal {_signal_name(-code)})")
        return self._fault(f"stopped while {what} (exit code {code})")

    def _limit(self, limit: str, what: str) -> LibraryError:
        return LibraryError(f"the clause folder {limit} while {what}", file=self._label)

    def _fault(self, problem: str) -> LibraryError:
        return LibraryError(f"the process rendering the clause folder {problem}", file=self._label)


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):g} MB" if count >= 1024 * 1024 else f"{count / 1024:g} KB"


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)


def _end(process: subprocess.Popen[bytes]) -> None:
    """Stop a worker and collect it (closing its input alone would end it, but not at once)."""
    if process.poll() is None:
        process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):  # a killed process ends at once
        process.wait(timeout=5)
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):  # a pipe the process broke
                stream.close()
