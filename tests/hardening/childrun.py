"""Loading a clause folder (and assembling with it) in a child process with a memory limit and a timeout.

A defect these tests look for may hang the loader, fill the memory or crash Python itself. In a child,
each of those fails one test (a timeout, a MemoryError, an exit code) instead of taking the test run or
the machine down. The child loads ours and the folder in-process, as clauses.loader and the sandbox do
everywhere: this tests them, not the separate process a foreign folder renders in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ROOT / "examples" / "comprehensive-brussels.yaml"
MEMORY_LIMIT = 1536 * 1024 * 1024  # the child's address space: Python, Jinja2, Babel and our library fit
SLOW = 6.0  # seconds of processor time: the render deadline is 2 s of it, loading ours about 1
STUCK = 60.0  # seconds on the clock: the machine is shared, a child may get a fraction of a core
BIG = 300  # MB of peak memory (maxrss) for the whole child, our library included

_CHILD = """
import json, resource, sys, time
from pathlib import Path
import yaml
from clauses import loader
from clauses.errors import LibraryError
from clauses.library import DEFAULT_FOLDER, Library

folder, limit, answers, assemble = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
started = time.perf_counter()
report = {}
try:
    library = Library(loader.read((DEFAULT_FOLDER, folder)))
    if assemble == "yes":
        library.assemble(dict(yaml.safe_load(answers.read_text(encoding="utf-8"))))
    report["outcome"] = "accepted"
except LibraryError as error:
    report["outcome"] = "refused"
    report["message"] = str(error)
except BaseException as error:  # the defect itself: a traceback, a MemoryError
    report["outcome"] = type(error).__name__
    report["message"] = str(error)[:300]
report["seconds"] = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_SELF)
report["cpu_seconds"] = usage.ru_utime + usage.ru_stime
try:  # this process's own peak: ru_maxrss would count the pages of the test process it was forked from
    status = Path("/proc/self/status").read_text()
    report["maxrss_mb"] = int(status.split("VmHWM:")[1].split()[0]) // 1024
except (OSError, IndexError):
    report["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps(report))
"""


def run_library(folder: Path, *, assemble: bool = True, timeout: float = 60) -> dict[str, Any]:
    """What loading ours and `folder` (and assembling the comprehensive example) did, and its cost."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = [
        sys.executable,
        "-c",
        _CHILD,
        str(folder),
        str(MEMORY_LIMIT),
        str(ANSWERS),
        "yes" if assemble else "no",
    ]
    try:
        result = subprocess.run(
            argv, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return {"outcome": f"still running after {timeout:g} s"}
    if result.returncode != 0:
        return {"outcome": f"exit code {result.returncode}", "message": result.stderr[-300:]}
    return json.loads(result.stdout)


def assert_refused(report: dict[str, Any], expected: str, folder: Path) -> str:
    """The folder was refused in one line naming a file in it, with `expected` in it, quickly and in
    little memory; the message."""
    assert report["outcome"] == "refused", report
    message = str(report["message"])
    assert "\n" not in message and "Traceback" not in message, message
    assert expected in message, message
    assert message.startswith(f"{folder}"), message
    assert report["cpu_seconds"] < SLOW and report["seconds"] < STUCK, report
    assert report["maxrss_mb"] < BIG, report
    return message
