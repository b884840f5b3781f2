"""Writing the policy (and its implementation notes) to files, in a thread worker.

`targets` says which files an export request makes, so the dialog can show them and ask before
replacing any; `export` writes them with `clauses.export.write`, which never replaces a file unless the
user confirmed (force).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.drafting import PolicyDrafter, PolicyNotReady

FORMATS: tuple[str, ...] = ("docx", "html", "md", "txt")


class ExportProblem(Exception):
    """The export could not be done; the message says what and where."""


class PolicyIncomplete(ExportProblem):
    """The answers cannot make a policy (yet): nothing was written."""


@dataclass(frozen=True)
class ExportRequest:
    folder: Path
    name: str
    formats: tuple[str, ...]
    notes: bool
    notes_suffix: str = "implementation-notes"
    force: bool = False


@dataclass(frozen=True)
class Target:
    path: Path
    fmt: str
    document: str  # "policy" or "notes"


def targets(request: ExportRequest) -> list[Target]:
    found = [Target(request.folder / f"{request.name}.{fmt}", fmt, "policy") for fmt in request.formats]
    if request.notes:
        found += [
            Target(request.folder / f"{request.name}-{request.notes_suffix}.{fmt}", fmt, "notes")
            for fmt in request.formats
        ]
    return found


def existing(request: ExportRequest) -> list[Path]:
    return [target.path for target in targets(request) if target.path.exists()]


def file_stem(organisation: str | None, default: str) -> str:
    """A file name from the organisation's name: "social-media-policy-acme-belgium-nv"."""
    if not organisation:
        return default
    plain = unicodedata.normalize("NFKD", organisation).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60].strip("-")
    return f"{default}-{slug}" if slug else default


def export(
    drafter: PolicyDrafter, answers: Mapping[str, Any], language: str, request: ExportRequest
) -> list[Path]:
    """Assemble and write every target; the paths written. ExportProblem names what went wrong."""
    from clauses.errors import ExportError
    from clauses.export import write

    try:
        documents = {"policy": drafter.assemble(answers, language)}
        if request.notes:
            documents["notes"] = drafter.implementation_notes(answers, language)
    except PolicyNotReady as error:
        raise PolicyIncomplete(str(error)) from None
    try:
        request.folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportProblem(
            f"cannot create the folder {request.folder} ({error.strerror or error})"
        ) from None
    written: list[Path] = []
    for target in targets(request):
        try:
            written.append(write(documents[target.document], target.path, target.fmt, force=request.force))
        except ExportError as error:
            done = "; ".join(str(path) for path in written)
            suffix = f" (already written: {done})" if done else ""
            raise ExportProblem(f"{error}{suffix}") from None
    return written
