"""The process a foreign clause folder is loaded and rendered in (started by clauses.isolation).

It limits itself before it reads anything of the folder: address space, CPU time (per request), no
file written, no process started. Then it loads our library with the folders laid over it and answers
requests, one at a time, on its standard input and output (clauses.isolation describes the protocol).
When its input closes, because the program that started it ended, it ends too.
"""

from __future__ import annotations

import contextlib
import json
import struct
import sys
from pathlib import Path
from typing import Any, BinaryIO

HEADER = struct.Struct(">Q")  # the length of the JSON message that follows
# What library code can raise on a folder's texts besides LibraryError (a locale Babel lacks, a value a
# helper cannot take); anything else ends this process, which the parent reports in one line too.
_UNEXPECTED = (LookupError, TypeError, ValueError, AttributeError, ArithmeticError, RecursionError)


def read_message(stream: BinaryIO, limit: int) -> Any:
    """The next message, or None at the end of the stream; EOFError if it stops halfway, ValueError if
    it is longer than `limit` bytes."""
    header = _read_exactly(stream, HEADER.size)
    if not header:
        return None
    (size,) = HEADER.unpack(header)
    if size > limit:
        raise ValueError(size)
    body = _read_exactly(stream, size)
    if len(body) != size:
        raise EOFError("the message stopped halfway")
    return json.loads(body.decode("utf-8"))


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    chunks: list[bytes] = []
    missing = size
    while missing:
        chunk = stream.read(missing)
        if not chunk:
            break
        chunks.append(chunk)
        missing -= len(chunk)
    data = b"".join(chunks)
    if data and len(data) != size:
        raise EOFError("the message stopped halfway")
    return data


def encode_message(message: Any) -> bytes:
    body = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return HEADER.pack(len(body)) + body


def _limit(limits: dict[str, int]) -> None:
    try:
        import resource
    except ImportError:  # Windows: the parent's timeout and output limit still hold
        return
    wanted = {
        "RLIMIT_AS": limits["memory"],
        "RLIMIT_FSIZE": 0,  # nothing is written to a file (Python ignores SIGXFSZ: a write fails)
        "RLIMIT_NPROC": 0,  # no process is started (not enforced for root)
        "RLIMIT_CORE": 0,
    }
    for name, value in wanted.items():
        kind = getattr(resource, name, None)
        if kind is None:
            continue
        _, hard = resource.getrlimit(kind)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        with contextlib.suppress(ValueError, OSError):  # a platform that does not enforce it (macOS)
            resource.setrlimit(kind, (value, value))


def _cpu_budget(seconds: int) -> None:
    """SIGXCPU ends this process once it has used `seconds` more of CPU time than so far."""
    try:
        import resource
    except ImportError:
        return
    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = int(used.ru_utime + used.ru_stime) + 1
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = spent + seconds if hard == resource.RLIM_INFINITY else min(spent + seconds, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def main() -> None:
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing printed by mistake can end up in the replies
    # Everything this process will need is imported before the limits, and before the folder is read.
    from clauses import loader, wire
    from clauses.errors import LibraryError
    from clauses.library import DEFAULT_FOLDER, Library

    memory_reply = encode_message({"limit": "memory"})  # made now: there is no memory for it later

    def reply(message: Any) -> None:
        replies.write(encode_message(message))
        replies.flush()

    start = read_message(requests, 1024 * 1024)
    if start is None:
        return
    _limit(start["limits"])
    _cpu_budget(start["limits"]["load_cpu"])
    try:
        library = Library(loader.read((DEFAULT_FOLDER, *(Path(folder) for folder in start["folders"]))))
        reply({"ok": {"languages": list(library.languages), "clause_ids": list(library.clause_ids)}})
        while (request := read_message(requests, 64 * 1024 * 1024)) is not None:
            _cpu_budget(start["limits"]["request_cpu"])
            reply(_answer(library, request, wire, LibraryError))
    except MemoryError:
        replies.write(memory_reply)
        replies.flush()
        sys.exit(3)
    except LibraryError as error:
        reply({"error": _error(error)})
    except _UNEXPECTED as error:
        reply({"unexpected": f"{type(error).__name__}: {' '.join(str(error).split())[:500]}"})


def _error(error: Any) -> dict[str, Any]:
    return {"problem": error.problem, "file": error.file, "line": error.line, "clause": error.clause}


def _answer(library: Any, request: dict[str, Any], wire: Any, library_error: type[Exception]) -> Any:
    try:
        if request["op"] == "text":
            return {"ok": library.text(request["language"], request["key"])}
        build = library.assemble if request["op"] == "assemble" else library.implementation_notes
        document = build(
            wire.answers_from_json(request["answers"]),
            request["language"],
            version=request["version"],
            partial=request["partial"],
        )
        return {"ok": wire.document_to_json(document)}
    except library_error as error:
        return {"error": _error(error)}
    except _UNEXPECTED as error:  # a helper or Babel given what it cannot take: one line, not a crash
        return {"unexpected": f"{type(error).__name__}: {' '.join(str(error).split())[:500]}"}


if __name__ == "__main__":
    main()
