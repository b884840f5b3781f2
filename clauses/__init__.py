"""The clause library as data, the policy it assembles from a plain mapping of answers, and its exporters.

    library = clauses.load_library()
    policy = library.assemble(answers)                 # a clauses.model.Document
    notes = library.implementation_notes(answers)
    clauses.export.write(policy, "policy.docx")

`clauses` never imports the interview or the UI: answers are a plain mapping of question id to value.
"""

from __future__ import annotations

import functools
from pathlib import Path

from clauses import export
from clauses.errors import ExportError, LibraryError
from clauses.library import DEFAULT_FOLDER, Library
from clauses.model import Annex, Clause, Document, Policy, Section, Statute

__all__ = [
    "Annex",
    "Clause",
    "Document",
    "ExportError",
    "Library",
    "LibraryError",
    "Policy",
    "Section",
    "Statute",
    "export",
    "load_library",
]


def load_library(*extra_folders: str | Path) -> Library:
    """Our clause library, with each extra folder laid on top (same id replaces, new id adds).

    The default library is built once per process; a library with extra folders is built each call.
    """
    if not extra_folders:
        return _default_library()
    from clauses import loader

    return Library(loader.read((DEFAULT_FOLDER, *(Path(folder) for folder in extra_folders))))


@functools.cache
def _default_library() -> Library:
    from clauses import loader

    return Library(loader.read((DEFAULT_FOLDER,)))
