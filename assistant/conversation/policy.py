"""The policy as the answers so far make it, in the language version the preview shows.

Assembly runs in a thread worker after each answer; only the newest assembly is kept. The previews (the
side one in the chat, the full-screen one) bind to `document` and `problem`; which version they show
is `version` (the user's choice) or else the first one the law requires (clauses.language_law).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.dom import DOMNode
from textual.reactive import var

from assistant import versions
from assistant.conversation.host import Host
from assistant.drafting import LibraryUnavailable, PolicyNotReady
from assistant.languages import joined
from clauses import language_law
from dialogue.session import Session

if TYPE_CHECKING:
    from clauses.model import Document  # loaded with the clause library, after the first question


@dataclass(frozen=True)
class Assembled:
    """An assembly's outcome: the document, or why there is none (posted from the worker)."""

    generation: int
    document: Document | None
    problem: str | None = None


class LivePolicy(DOMNode):
    """The policy of one conversation, reassembled as its answers change."""

    # The newest assembly, None when the answers make none. Every assembly is news (a problem may
    # replace another), and comparing two policies would cost more than showing one again.
    document: var[Document | None] = var(None, always_update=True)
    problem: var[str | None] = var(None)  # why there is no document (still waiting, or a clause failed)
    version: var[str | None] = var(None)  # the version the user chose, or None: the law's first one

    def __init__(self, host: Host, session: Session) -> None:
        super().__init__()
        self.host = host
        self.session = session
        self.previous: Document | None = None  # before the last change, to mark what changed
        self.generation = 0

    # --- which version ---------------------------------------------------------------------------

    def version_to_show(self) -> str:
        """The version in the preview: the user's choice, else the first the law requires."""
        if self.version is not None:
            return self.version
        known = versions.known_versions(self.host.texts)
        return language_law.first_version(self.session.result(), self.session.language, known)

    def version_choices(self) -> list[str]:
        """The versions the preview can show, the required ones first."""
        return language_law.ordered_versions(self.session.result(), versions.known_versions(self.host.texts))

    def show_version(self, code: str) -> None:
        self.version = code
        self.request()

    def next_version(self) -> None:
        choices = self.version_choices()
        shown = self.version_to_show()
        following = choices[(choices.index(shown) + 1) % len(choices)] if shown in choices else choices[0]
        self.show_version(following)

    def version_named(self, typed: str) -> str | None:
        """The version `typed` names among those the app knows ("fr", "Frans", "français"), else None."""
        texts = self.host.texts
        code = versions.version_named(typed, texts)
        return code if code is not None and code in versions.known_versions(texts) else None

    def unknown_version(self, typed: str) -> str:
        """What is said when `typed` names no version: the ones there are."""
        texts = self.host.texts
        names = joined([versions.name(code, texts) for code in self.version_choices()], texts)
        return texts("preview.unknown_version", typed=typed, choices=names)

    def title(self) -> str:
        """ "Policy preview · Dutch (required)": the version the lines show."""
        texts = self.host.texts
        if self.document is None:
            return texts("preview.title")
        label = versions.label(self.document.language, self.session.result(), texts)
        return texts("preview.title_version", title=texts("preview.title"), version=label)

    def caption(self, words: int, changed: int) -> str:
        """ "412 words · 2 changed · in progress": the preview's size, what moved, whether it is final."""
        texts = self.host.texts
        parts = [texts("preview.words", words=f"{words:,}".replace(",", texts("preview.thousands")))]
        if changed:
            parts.append(texts("preview.changed", count=changed))
        if self.session.first_open() is not None:
            parts.append(texts("preview.in_progress"))
        return " · ".join(parts)

    # --- assembling -------------------------------------------------------------------------------

    def request(self) -> None:
        """Assemble the policy from the answers so far, in a thread; the newest assembly wins."""
        self.generation += 1
        answers = dict(self.session.result())
        if not answers:
            self.assembled(Assembled(self.generation, None, self.host.texts("preview.waiting")))
            return
        self.host.run_worker(
            partial(
                self._assemble,
                self.generation,
                answers,
                self.session.version_wording(),
                self.session.language,
                self.version,
            ),
            thread=True,
            exclusive=True,
            group="assemble",
            description="assemble the policy",  # not repr() of every answer, on the event loop
            exit_on_error=False,
        )

    def _assemble(
        self,
        generation: int,
        answers: dict[str, Any],
        wording: dict[str, dict[str, str]],
        talk: str,
        chosen: str | None,
    ) -> None:
        """In the worker: assemble (the version with its own words for typed answers), and hand the
        outcome to the event loop."""
        from clauses.wording import answers_for

        drafter = self.host.drafter
        try:
            language = chosen or language_law.first_version(answers, talk, drafter.languages())
            version = answers_for(answers, wording, language)
            outcome = Assembled(generation, drafter.assemble(version, language, partial=True))
        except (LibraryUnavailable, PolicyNotReady) as error:
            # A partial assembly leaves out what waits for an answer, so PolicyNotReady here means a
            # clause itself failed (one from a --clauses folder over the sandbox's limits): say which.
            problem = self.host.texts("preview.unavailable", problem=str(error))
            outcome = Assembled(generation, None, problem)
        self.host.call_later(self.assembled, outcome)

    def assembled(self, outcome: Assembled) -> None:
        """Take an assembly's outcome, unless a newer one was asked for since."""
        if outcome.generation != self.generation:
            return  # an older assembly finished late
        if outcome.document is not None and self.document is not None:
            same_version = outcome.document.language == self.document.language
            self.previous = self.document if same_version else None
        self.problem = outcome.problem
        self.document = outcome.document
