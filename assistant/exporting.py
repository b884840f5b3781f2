"""Writing the policy (its implementation notes, the Brussels side-by-side version and the adoption
kit) to files, in a thread worker.

`targets` says which files an export request makes, so the dialog can show them and ask before
replacing any; `export` writes them with `clauses.export.write`, which never replaces a file unless the
user confirmed (force).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.drafting import PolicyDrafter, PolicyNotReady
from clauses.errors import ExportError

FORMATS: tuple[str, ...] = ("docx", "pdf", "html", "md", "txt")
SIDE_BY_SIDE = ("nl", "fr")  # the two versions Brussels puts side by side: Dutch left, French right


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
    # Dutch and French in two columns, in the formats that have pages.
    side_by_side: bool = False
    # The adoption kit's documents as clauses.kit.plan gives them: (file stem, language), written into
    # the folder NAME-kit_suffix, dated from posting_date.
    kit: tuple[tuple[str, str], ...] = ()
    kit_suffix: str = "adoption-kit"
    posting_date: datetime.date | None = None
    # Each version's file name and notes suffix in the words of its own language, where they differ
    # from `name` and `notes_suffix` (an English file is not called "...-invoeringsnota-en").
    stems: tuple[tuple[str, str], ...] = ()
    notes_suffixes: tuple[tuple[str, str], ...] = ()

    def stem(self, language: str) -> str:
        return dict(self.stems).get(language, self.name)

    def notes_stem(self, language: str) -> str:
        return f"{self.stem(language)}-{dict(self.notes_suffixes).get(language, self.notes_suffix)}"


@dataclass(frozen=True)
class Target:
    path: Path
    fmt: str
    document: str  # "policy", "notes", "side_by_side" or "kit"
    language: str


def targets(request: ExportRequest) -> list[Target]:
    """Every file the request makes: per language version, the policy then its notes, in each format.

    The language ends each name ("...-nl.docx"), so versions never overwrite one another.
    """
    from clauses.export import SIDE_BY_SIDE_FORMATS

    found: list[Target] = []
    for language in request.languages:
        stems = [(request.stem(language), "policy")]
        if request.notes:
            stems.append((request.notes_stem(language), "notes"))
        for stem, document in stems:
            found += [
                Target(request.folder / f"{stem}-{language}.{fmt}", fmt, document, language)
                for fmt in request.formats
            ]
    if request.side_by_side:
        stem = f"{request.name}-{'-'.join(SIDE_BY_SIDE)}"
        found += [
            Target(request.folder / f"{stem}.{fmt}", fmt, "side_by_side", SIDE_BY_SIDE[0])
            for fmt in request.formats
            if fmt in SIDE_BY_SIDE_FORMATS
        ]
    kit_folder = request.folder / f"{request.name}-{request.kit_suffix}"
    found += [
        Target(kit_folder / f"{stem}.{fmt}", fmt, "kit", language)
        for stem, language in request.kit
        for fmt in request.formats
    ]
    return found


def existing(request: ExportRequest) -> list[Path]:
    return [target.path for target in targets(request) if target.path.exists()]


def version_names(languages: tuple[str, ...], organisation: str | None, own_name: bool) -> dict[str, Any]:
    """The ExportRequest fields that name each version in its own words: the default name and the
    notes' suffix of the file's language ("socialemediabeleid-acme-invoeringsnota-nl",
    "social-media-policy-acme-implementation-notes-en"). A name of the user's own (`own_name`) is
    theirs in every version; only the notes' suffix is in the version's language."""
    from assistant.texts import available_languages, load_texts

    stems, suffixes = [], []
    known = available_languages()
    for code in languages:
        words = load_texts(code if code in known else "en")
        if not own_name:
            stems.append((code, file_stem(organisation, words("export.default_name"))))
        suffixes.append((code, words("export.notes_suffix")))
    return {"stems": tuple(stems), "notes_suffixes": tuple(suffixes)}


def file_stem(organisation: str | None, default: str) -> str:
    """A file name from the organisation's name: "social-media-policy-acme-belgium-nv"."""
    if not organisation:
        return default
    plain = unicodedata.normalize("NFKD", organisation).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60].strip("-")
    return f"{default}-{slug}" if slug else default


def export(
    drafter: PolicyDrafter,
    answers: Mapping[str, Any],
    request: ExportRequest,
    wording: Mapping[str, Mapping[str, str]] | None = None,
) -> list[Target]:
    """Assemble every version asked for, then write every target; the targets written.

    Each version is made with its own words for the answers typed in words (`wording`, as an answers
    file's `wording:` holds it; clauses.wording.answers_for).

    Everything is assembled before the first file is written, so answers that cannot make a policy
    leave no half export behind.
    """
    # The exporters are not needed before the first export (the first question shows without them:
    # benchmarks, first question; tests/ui/test_ui_languages.py).
    from clauses.export import write
    from clauses.wording import answers_for

    documents: dict[tuple[str, str], Any] = {}
    try:
        for language in request.languages:
            version = answers_for(answers, wording, language)
            documents["policy", language] = drafter.assemble(version, language)
            if request.notes:
                documents["notes", language] = drafter.implementation_notes(version, language)
        documents.update(_extras(drafter, answers, request, wording))
    except PolicyNotReady as error:
        raise PolicyIncomplete(str(error)) from None
    all_targets = targets(request)
    for folder in dict.fromkeys(target.path.parent for target in all_targets):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise FolderNotCreated(folder, str(error.strerror or error)) from None
    written: list[Target] = []
    for target in all_targets:
        key = target.path.stem if target.document == "kit" else target.language
        document = documents[target.document, key]
        try:
            write(document, target.path, target.fmt, force=request.force)
        except ExportError as error:
            raise ExportProblem(str(error), [done.path for done in written], error) from None
        written.append(target)
    return written


def _extras(
    drafter: PolicyDrafter,
    answers: Mapping[str, Any],
    request: ExportRequest,
    wording: Mapping[str, Mapping[str, str]] | None = None,
) -> dict[tuple[str, str], Any]:
    """The side-by-side version and the kit's documents (by file stem), assembled before anything is
    written; each language with its own words for the typed answers."""
    from clauses.errors import LibraryError
    from clauses.wording import answers_for

    found: dict[tuple[str, str], Any] = {}
    if request.side_by_side:
        from clauses.export.side_by_side import SideBySide

        found["side_by_side", SIDE_BY_SIDE[0]] = SideBySide(
            *(drafter.assemble(answers_for(answers, wording, code), code) for code in SIDE_BY_SIDE)
        )
    if request.kit:
        from clauses.kit import adoption_kit

        languages = tuple(dict.fromkeys(language for _, language in request.kit))
        posted = request.posting_date or datetime.date.today()
        # One kit per language: each language's documents quote the policy in that version's words.
        kits = []
        try:
            for code in languages:
                version = answers_for(answers, wording, code)
                kits.append(adoption_kit(drafter.library(), version, (code,), posting_date=posted))
        except LibraryError as error:
            raise PolicyNotReady(str(error)) from None
        stems = [(item.stem, item.document) for kit in kits for item in kit.documents]
        found.update((("kit", stem), document) for stem, document in stems)
        missing = {stem for stem, _ in request.kit} - {stem for stem, _ in stems}
        if missing:  # the answers changed after the dialog planned the kit
            raise PolicyNotReady(f"the adoption kit no longer holds {', '.join(sorted(missing))}")
    return found
