"""Exporting a conversation's policy: what the export dialog offers, and the export itself in a worker.

The dialog (assistant.screens.export) gets an `ExportOffer` and answers with an `ExportRequest`;
`Exports.run` writes the files (assistant.exporting) off the event loop and says in the conversation
where each file went, or what went wrong, in the language the user talks in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from assistant import versions
from assistant.conversation.host import Host
from assistant.conversation.narration import Line, note
from assistant.conversation.wording import YourWords
from assistant.exporting import (
    ExportProblem,
    ExportRequest,
    FolderNotCreated,
    PolicyIncomplete,
    Target,
    export,
    file_stem,
    version_names,
)
from assistant.texts import UiTexts, needs
from clauses import language_law
from clauses.errors import TargetExists, TargetNotWritable
from dialogue.session import Session

# How the list of written files names each document (assistant.exporting.Target.document).
DOCUMENT_TEXTS = {
    "policy": "export.policy",
    "notes": "export.notes_document",
    "side_by_side": "export.side_by_side_document",
    "kit": "export.kit_document",
}
needs(*DOCUMENT_TEXTS.values())


@dataclass(frozen=True)
class ExportOffer:
    """What the export dialog offers: every version (the required ones ticked, each with the regions that
    require it), where to write and under which name."""

    texts: UiTexts
    versions: tuple[str, ...]  # the required ones first
    required: tuple[str, ...]
    regions: dict[str, str]  # version -> "Flanders and Brussels-Capital", for the required ones
    folder: Path
    name: str
    answers: Mapping[str, Any]  # the answers the policy is made from (the kit and side by side read them)
    language: str  # the language the user talks in (the kit's posting date is typed in it)
    # Which of the user's typed words appear in which version, and each version's own words for them.
    words: YourWords | None = None
    organisation: str | None = None  # what the default file name is made from

    def file_names(self, languages: tuple[str, ...], typed: str) -> dict[str, Any]:
        """The ExportRequest fields that name each version in its own words, unless the user typed a
        name of their own (assistant.exporting.version_names)."""
        return version_names(languages, self.organisation, own_name=typed != self.name)

    def version_line(self, code: str) -> str:
        """ "Dutch: required for Flanders and Brussels-Capital", or a courtesy translation."""
        texts = self.texts
        name = versions.name(code, texts)
        if code in self.required:
            line = texts("export.version_required", name=name, regions=self.regions[code])
        else:
            line = texts("export.version_courtesy", name=name)
        return versions.sentence(line)

    def missing_line(self, code: str) -> str:
        """What a required version left out costs."""
        name = versions.name(code, self.texts)
        return self.texts("export.missing_required", name=name, regions=self.regions[code])


class Exports:
    """The exports of one conversation: `say` puts a line in its transcript."""

    def __init__(
        self, host: Host, session: Session, say: Callable[[Line], None], words: YourWords | None = None
    ) -> None:
        self.host = host
        self.session = session
        self.say = say
        self.words = words

    def offer(self) -> ExportOffer:
        texts = self.host.texts
        answers = self.session.result()
        required = language_law.required_languages(answers)
        offered = tuple(language_law.ordered_versions(answers, versions.known_versions(texts)))
        if self.words is not None:  # found while the dialog opens: it shows them when they are known
            self.words.request(offered)
        return ExportOffer(
            texts=texts,
            versions=offered,
            required=required,
            regions={code: versions.regions_line(code, answers, texts) for code in required},
            folder=self.host.export_folder,
            name=file_stem(self.session.title, texts("export.default_name")),
            answers=answers,
            language=self.session.language,
            organisation=self.session.title,
            words=self.words,
        )

    def not_ready(self) -> str | None:
        """Why the policy cannot be exported yet (questions still open), or None when it can."""
        count = self.session.open_count
        return self.host.texts("export.not_ready", count=count) if count else None

    def run(self, request: ExportRequest) -> None:
        """Write what `request` asks for, in a worker; the outcome is said when it is known."""
        self.say(note(self.host.texts("export.working")))
        self.host.run_worker(
            partial(
                self._export,
                request,
                dict(self.session.result()),
                self.session.version_wording(),
                self.session.open_count,
            ),
            thread=True,
            group="export",
            exit_on_error=False,
        )

    def _export(
        self,
        request: ExportRequest,
        answers: dict[str, Any],
        wording: dict[str, dict[str, str]],
        open_count: int,
    ) -> None:
        """In the worker: write the files (each version with its own words), and hand the outcome to the
        event loop."""
        try:
            files = export(self.host.drafter, answers, request, wording)
        except ExportProblem as error:
            self.host.call_later(self.failed, self._problem(error, open_count))
        else:
            self.host.call_later(self.finished, files)

    def _problem(self, error: ExportProblem, open_count: int) -> str:
        texts = self.host.texts
        if isinstance(error, PolicyIncomplete):
            if open_count:
                return texts("export.not_ready", count=open_count)
            return texts("export.failed", problem=error.problem)
        if isinstance(error, FolderNotCreated):
            problem = texts("export.no_folder_made", folder=str(error.folder), problem=error.problem)
            return texts("export.failed", problem=problem)
        problem, fault = error.problem, error.fault
        if isinstance(fault, TargetExists):
            problem = texts("export.file_appeared", file=str(fault.path))
        elif isinstance(fault, TargetNotWritable):
            problem = texts("export.file_not_written", file=str(fault.path), reason=fault.reason)
        if error.written:
            written = ", ".join(str(path) for path in error.written)
            problem = texts("export.already_written", problem=problem, files=written)
        return texts("export.failed", problem=problem)

    def finished(self, files: list[Target]) -> None:
        """Where each file went: the folder, then each file with its language version and document. In a
        browser, each file becomes a download instead."""
        texts = self.host.texts
        folder = files[0].path.parent if files else ""
        lines = [
            texts(
                "export.file_line",
                file=file.path.name,
                version=versions.name(file.language, texts),
                document=texts(DOCUMENT_TEXTS[file.document]),
            )
            for file in files
        ]
        if self.host.offer_downloads([file.path for file in files]):
            self.say(note(texts("served.downloading", files="\n".join(lines))))
            self.host.notify(texts("served.downloading_short", count=len(files)), timeout=8, markup=False)
            return
        self.say(note(texts("export.written", folder=str(folder), files="\n".join(lines))))
        # markup=False: the folder's name is text, brackets and all.
        self.host.notify(
            texts("export.written_short", count=len(files), folder=str(folder)), timeout=8, markup=False
        )

    def failed(self, problem: str) -> None:
        self.say(note(problem, "problem"))
        self.host.notify(problem, severity="error", timeout=8, markup=False)
