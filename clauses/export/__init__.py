"""Exporting a document: Markdown, standalone HTML, DOCX, PDF and plain text, all from the model.

`render(document, "md")` gives text (bytes for "docx" and "pdf"); `write(document, "policy.html")` takes
the format from the suffix and never replaces an existing file unless `force=True`. Both also take a
`SideBySide` (two language versions in two columns), in the formats of `SIDE_BY_SIDE_FORMATS`.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from pathlib import Path

from clauses.errors import ExportError, TargetExists, TargetNotWritable
from clauses.export.side_by_side import SideBySide
from clauses.model import Document

FORMATS: dict[str, str] = {"md": "markdown", "html": "html", "docx": "docx", "pdf": "pdf", "txt": "text"}
# Two columns need a page: Markdown and plain text have none.
SIDE_BY_SIDE_FORMATS: tuple[str, ...] = ("docx", "pdf", "html")
SUFFIXES: dict[str, str] = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".txt": "txt",
    ".text": "txt",
}


def render(document: Document | SideBySide, fmt: str) -> str | bytes:
    """The document in a format: text for md, html and txt, bytes for docx and pdf."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    # Renderers are imported on demand: python-docx and Typst cost time nobody exporting Markdown
    # should pay.
    module = importlib.import_module(f"clauses.export.{FORMATS[fmt]}")
    if isinstance(document, SideBySide):
        if fmt not in SIDE_BY_SIDE_FORMATS:
            raise ExportError(
                f"two versions side by side need pages: choose one of {', '.join(SIDE_BY_SIDE_FORMATS)}"
            )
        return module.render_side_by_side(document)
    return module.render(document)


def format_for(path: str | Path) -> str:
    """The format a file name asks for, from its suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        known = ", ".join(sorted(SUFFIXES))
        raise ExportError(f"cannot tell the format of {str(path)!r} from its suffix; use one of {known}")
    return SUFFIXES[suffix]


def write(
    document: Document | SideBySide, path: str | Path, fmt: str | None = None, force: bool = False
) -> Path:
    """Write the document; refuse to replace an existing file unless `force` is true."""
    path = Path(path)
    fmt = fmt or format_for(path)
    content = render(document, fmt)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name")
    try:
        if force:
            _replace(path, data)
        else:
            # Exclusive creation: no window between checking for the file and writing it; a link in its
            # place (even one to nowhere) is an existing file, never followed.
            with open(path, "xb", opener=private) as handle:
                handle.write(data)
    except FileExistsError:
        raise TargetExists(path) from None
    except OSError as error:
        raise TargetNotWritable(path, str(error.strerror or error)) from None
    return path


def private(name: str, flags: int) -> int:
    """`open`'s opener for an export: readable by its owner only (0600), like a draft; an export is the
    organisation's unpublished policy until it is adopted."""
    return os.open(name, flags | getattr(os, "O_NOFOLLOW", 0), 0o600)


def _replace(path: Path, data: bytes) -> None:
    """Replace `path` with `data` (--force): a temporary file with a name nobody can predict (mkstemp,
    0600) in the same folder, renamed over the target. A link planted at the target is replaced, never
    followed; a failure leaves the old file and no temporary one."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    replaced = False
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
        replaced = True
    finally:
        if not replaced:  # whatever stopped it, even an interrupt: no temporary file is left behind
            Path(temporary).unlink(missing_ok=True)
