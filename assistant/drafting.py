"""The clause library, loaded once and off the event loop, and the policy it assembles from the answers.

Every call here may be slow (the first one loads the library), so the app only calls them from thread
workers. Assembly from partial answers may fail: the failure becomes `PolicyNotReady` with a calm
message, never a crash.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

import clauses
from clauses.errors import LibraryError


class PolicyNotReady(Exception):
    """The answers cannot make a policy (yet)."""


class LibraryUnavailable(PolicyNotReady):
    """The clause library could not be loaded."""


class PolicyDrafter:
    def __init__(self, clause_folders: tuple[str, ...] = (), *, library: Any = None) -> None:
        """Ours, with `clause_folders` laid over it; or a `library` already loaded (clauses.Library)."""
        self._clause_folders = clause_folders
        self._library: Any = library
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._library is not None

    def library(self) -> Any:
        """The clause library (loaded on the first call; thread-safe)."""
        with self._lock:
            if self._library is None:
                try:
                    self._library = clauses.load_library(*self._clause_folders)
                except LibraryError as error:
                    raise LibraryUnavailable(_one_line(error)) from error
            return self._library

    def languages(self) -> tuple[str, ...]:
        """The languages the policy can be written in."""
        return tuple(self.library().languages)

    def assemble(self, answers: Mapping[str, Any], language: str = "en", *, partial: bool = False) -> Any:
        """The policy document for `answers`; PolicyNotReady when they cannot make one yet.

        `partial=True` is for the live preview of an unfinished interview: clauses that need an answer
        not given yet are left out. Exports assemble without it, from complete answers.
        """
        library = self.library()
        try:
            return library.assemble(dict(answers), language=language, partial=partial)
        except LibraryError as error:
            raise PolicyNotReady(_one_line(error)) from error

    def implementation_notes(self, answers: Mapping[str, Any], language: str = "en") -> Any:
        library = self.library()
        try:
            return library.implementation_notes(dict(answers), language=language)
        except LibraryError as error:
            raise PolicyNotReady(_one_line(error)) from error


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text or type(error).__name__
