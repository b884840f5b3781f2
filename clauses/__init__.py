"""The clause library as data, the policy it assembles from a plain mapping of answers, and its exporters.

    library = clauses.load_library()
    policy = library.assemble(answers)                 # a clauses.model.Document
    notes = library.implementation_notes(answers)
    clauses.export.write(policy, "policy.docx")

`clauses` never imports the interview or the UI: answers are a plain mapping of question id to value.
"""

from __future__ import annotations

import functools
import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clauses import export
    from clauses.errors import ExportError, LibraryError
    from clauses.library import Library
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

# Imported on first use (PEP 562): `clauses.language_law` alone, which the chat needs at start-up to
# explain the versions the law requires, must not pull in Jinja2, Babel and the exporters; the library
# loads in a worker once the first question shows (docs/decisions.md, "Start-up").
_LAZY = {
    "export": ("clauses.export", None),
    "ExportError": ("clauses.errors", "ExportError"),
    "LibraryError": ("clauses.errors", "LibraryError"),
    "Library": ("clauses.library", "Library"),
    "Annex": ("clauses.model", "Annex"),
    "Clause": ("clauses.model", "Clause"),
    "Document": ("clauses.model", "Document"),
    "Policy": ("clauses.model", "Policy"),
    "Section": ("clauses.model", "Section"),
    "Statute": ("clauses.model", "Statute"),
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'clauses' has no attribute {name!r}")
    module_name, attribute = _LAZY[name]
    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def load_library(*extra_folders: str | Path) -> Library:
    """Our clause library, with each extra folder laid on top (same id replaces, new id adds).

    The default library is built once per process; a library with extra folders is built each call,
    and loaded and rendered in a separate process with resource limits (clauses.isolation): it is
    someone else's code.
    """
    if not extra_folders:
        return _default_library()
    from clauses.isolation import ForeignLibrary

    return ForeignLibrary(extra_folders)  # type: ignore[return-value]  # the same interface


@functools.cache
def _default_library() -> Library:
    from clauses import loader
    from clauses.library import DEFAULT_FOLDER, Library

    return Library(loader.read((DEFAULT_FOLDER,)))
