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
from clauses.errors import ExportError

FORMATS: tuple[str, ...] = ("docx", "html", "md", "txt")


class ExportProblem(Exception):
    """The export could not be done. `problem` says what went wrong; `written` what was written before;
    `fault` is the exporter's error, for the app to say it in the user's language."""

    def __init__(
        self, problem: str, written: list[Path] | None = None, fault: ExportError | None = None
    ) -> None:
        super().__init__(problem)
        self.problem = problem
        self.written = list(written or [])
        self.fault = fault


class PolicyIncomplete(ExportProblem):
    """The answers cannot make a policy (yet): nothing was written."""


class FolderNotCreated(ExportProblem):
    """The folder to write in does not exist and cannot be made."""

    def __init__(self, folder: Path, problem: str) -> None:
        super().__init__(problem)
        self.folder = folder


@dataclass(frozen=True)
class ExportRequest:
    folder: Path
    name: str
    formats: tuple[str, ...]
    notes: bool
    languages: tuple[str, ...] = ("en",)  # the policy's language versions, each in every format
    notes_suffix: str = "implementation-notes"
    force: bool = False


@dataclass(frozen=True)
class Target:
    path: Path
    fmt: str
    document: str  # "policy" or "notes"
    language: str


def targets(request: ExportRequest) -> list[Target]:
    """Every file the request makes: per language version, the policy then its notes, in each format.

    The language ends each name ("...-nl.docx"), so versions never overwrite one another.
    """
    found: list[Target] = []
    for language in request.languages:
        stems = [(request.name, "policy")]
        if request.notes:
            stems.append((f"{request.name}-{request.notes_suffix}", "notes"))
        for stem, document in stems:
            found += [
                Target(request.folder / f"{stem}-{language}.{fmt}", fmt, document, language)
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


def export(drafter: PolicyDrafter, answers: Mapping[str, Any], request: ExportRequest) -> list[Target]:
    """Assemble every version asked for, then write every target; the targets written.

    Everything is assembled before the first file is written, so answers that cannot make a policy
    leave no half export behind.
    """
    # The exporters are not needed before the first export (the first question shows without them:
    # benchmarks, first question; tests/ui/test_ui_languages.py).
    from clauses.export import write

    documents: dict[tuple[str, str], Any] = {}
    try:
        for language in request.languages:
            documents["policy", language] = drafter.assemble(answers, language)
            if request.notes:
                documents["notes", language] = drafter.implementation_notes(answers, language)
    except PolicyNotReady as error:
        raise PolicyIncomplete(str(error)) from None
    try:
        request.folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FolderNotCreated(request.folder, str(error.strerror or error)) from None
    written: list[Target] = []
    for target in targets(request):
        document = documents[target.document, target.language]
        try:
            write(document, target.path, target.fmt, force=request.force)
        except ExportError as error:
            raise ExportProblem(str(error), [done.path for done in written], error) from None
        written.append(target)
    return written
