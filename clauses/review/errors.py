"""The errors a review raises: each reads as one line a user can act on."""

from __future__ import annotations

from clauses.errors import LibraryError


class ReviewInputError(Exception):
    """A file the review cannot read: empty, too large, binary, encrypted, damaged or of an unknown kind."""


class RulesError(LibraryError):
    """A review rules file that cannot be loaded; the message names the file and, where known, the line."""
