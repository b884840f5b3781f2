"""The user's own words in each language version: which typed answers appear where, and each version's
own wording of them (issue 11 item 3).

A typed answer ("the managing director and the marketing assistant") appears word for word in every
language version; a binding version must be wholly in its own language. `YourWords` finds, in a worker,
exactly which typed answers each version prints (clauses.wording.typed_words) and gives a version its
own words for one (dialogue.session.Session.word, saved with the draft). The export dialog and the words
screen (assistant.widgets.your_words) bind to `found`; the preview and the export use the wording through
`clauses.wording.answers_for`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from textual.dom import DOMNode
from textual.reactive import var

from assistant.conversation.host import Host
from assistant.drafting import PolicyNotReady
from assistant.texts import needs
from clauses.errors import LibraryError
from clauses.wording import TYPED_ANSWERS, TypedWord
from dialogue.errors import AnswerError
from dialogue.session import Session

Found = dict[str, tuple[TypedWord, ...]]  # version -> the typed answers it prints, in interview order

# Each typed answer's short label on the words screen ("Spokespersons").
needs(*(f"wording.questions.{question}" for question in TYPED_ANSWERS))


class YourWords(DOMNode):
    """Which of the user's typed words appear in which version, found again after every wording."""

    # None while being found (or before the first request); {} when no typed answer appears anywhere.
    found: var[Found | None] = var(None, always_update=True)
    problem: var[str | None] = var(None)  # why they could not be found (the answers make no policy yet)

    def __init__(self, host: Host, session: Session, reworded: Callable[[], None]) -> None:
        super().__init__()
        self.host = host
        self.session = session
        self.reworded = reworded  # a version's words changed: the preview assembles again
        self.languages: tuple[str, ...] = ()
        self.generation = 0

    def label(self, question: str) -> str:
        return self.host.texts(f"wording.questions.{question}")

    def request(self, languages: Sequence[str] | None = None) -> None:
        """Find the typed words of `languages` (default: the ones asked for last), in a worker."""
        if languages is not None:
            self.languages = tuple(languages)
        self.generation += 1
        self.found = None
        work = partial(
            self._find,
            self.generation,
            dict(self.session.result()),
            self.session.version_wording(),
            self.languages,
        )
        self.host.run_worker(work, thread=True, exclusive=True, group="typed-words", exit_on_error=False)

    def _find(
        self,
        generation: int,
        answers: dict[str, Any],
        wording: dict[str, dict[str, str]],
        languages: tuple[str, ...],
    ) -> None:
        from clauses.wording import typed_words

        found: Found = {}
        problem = None
        # One version at a time: a version a clause folder cannot make leaves the others listed.
        for language in languages:
            try:
                found |= typed_words(self.host.drafter.library(), answers, wording, (language,))
            except (PolicyNotReady, LibraryError) as error:
                problem = str(error)
        self.host.call_later(self._done, generation, found, problem)

    def _done(self, generation: int, found: Found, problem: str | None) -> None:
        if generation != self.generation:
            return  # a newer request is on its way
        self.problem = problem
        self.found = found

    def foreign(self, languages: Sequence[str]) -> list[TypedWord]:
        """The typed words that would appear in another language in one of `languages`."""
        found = self.found or {}
        return [word for code in languages for word in found.get(code, ()) if word.foreign]

    def give(self, changes: Sequence[tuple[str, str, str]]) -> dict[tuple[str, str], str]:
        """Give each (version, question, words) its own words (the typed words again when they are the
        answer as typed, or blank). The problems, by (version, question), in the user's language; the
        words that fit are kept even when others do not."""
        problems: dict[tuple[str, str], str] = {}
        for version, question, words in changes:
            try:
                self.session.word(version, question, words)
            except AnswerError as error:
                problems[version, question] = str(error)
        if len(problems) < len(changes):
            self.reworded()
            self.request()
        return problems
