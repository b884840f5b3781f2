"""In a browser, the exported files become downloads; in a terminal nothing changes.

The export flow writes its files as always, then calls `offer_downloads`: when the app runs in a browser
(textual-serve's web driver), each file is handed to Textual's `deliver_text` / `deliver_binary`, which
sends it to the browser through the server, and the browser saves it in the user's Downloads.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.app import App

# Text formats are sent with their charset, so a browser that opens one shows the accents right.
TEXT_TYPES = {".md": "text/markdown", ".txt": "text/plain", ".html": "text/html"}
BINARY_TYPES = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def served(app: App) -> bool:
    """Is the app running in a browser tab (`policy-assistant serve`)?"""
    return app.is_web


def offer_downloads(app: App, files: Sequence[Path]) -> bool:
    """Offer each file as a download when the app runs in a browser: True if it does (and did)."""
    if not served(app):
        return False
    for path in files:
        suffix = path.suffix.lower()
        if suffix in TEXT_TYPES:
            app.deliver_text(path, encoding="utf-8", mime_type=TEXT_TYPES[suffix])
        else:
            app.deliver_binary(path, mime_type=BINARY_TYPES.get(suffix, "application/octet-stream"))
    return True
