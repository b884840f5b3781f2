"""The adoption kit's texts as data: `kit.yaml` lists the documents, `<lang>/strings.yaml` their file
names, `<lang>/<id>.j2` their texts (Jinja2 templates in the clause library's sandbox and markup).

A template is one or more parts separated by a line `===`; a part whose separator says `=== notice`
is the boxed instruction for HR at the top. The first part's `# Title` is the document's title; a
later part's `# Title` is a heading within it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Template, TemplateSyntaxError

from clauses import yamlfile
from clauses.errors import LibraryError
from clauses.sandbox import ClauseEnvironment, ForbiddenConstruct

FOLDER = Path(__file__).resolve().parent
PART = re.compile(r"^===[ \t]*(notice)?[ \t]*$", re.MULTILINE)
ALLOWED = {"id", "when", "per_employee", "needs_staff", "from_policy"}


@dataclass(frozen=True, slots=True)
class KitSpec:
    """One document of the kit. `per_employee`: one copy per person on the staff list (one blank copy
    without a list); `needs_staff`: only with a staff list; `from_policy`: the text is that clause of
    the policy (the receipt), not a template of its own."""

    id: str
    when: str | None
    condition: Callable[..., Any] | None
    per_employee: bool
    needs_staff: bool
    from_policy: str | None


@dataclass(frozen=True, slots=True)
class KitTexts:
    specs: tuple[KitSpec, ...]
    strings: Mapping[str, Mapping[str, Any]]  # language -> strings.yaml
    templates: Mapping[tuple[str, str], Template]  # (language, document id) -> template
    paths: Mapping[tuple[str, str], Path]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self.strings))


def _spec(entry: Any, path: Path, environment: ClauseEnvironment) -> KitSpec:
    if not isinstance(entry, Mapping) or not isinstance(entry.get("id"), str):
        raise LibraryError("each document needs an id", file=path, line=yamlfile.line_of(entry))
    unknown = set(entry) - ALLOWED
    if unknown:
        raise LibraryError(
            f"unknown keys {sorted(unknown)}; allowed: {sorted(ALLOWED)}", file=path, line=entry.line
        )
    when = entry.get("when")
    condition = None
    if when is not None:
        try:
            condition = environment.compile_expression(str(when), undefined_to_none=False)
        except TemplateSyntaxError as error:
            raise LibraryError(
                f"the condition {when!r} is not valid: {error.message}", file=path, line=entry.line
            ) from None
    return KitSpec(
        entry["id"],
        when,
        condition,
        bool(entry.get("per_employee")),
        bool(entry.get("needs_staff")),
        entry.get("from_policy"),
    )


def load(environment: ClauseEnvironment, folder: Path = FOLDER) -> KitTexts:
    index = folder / "kit.yaml"
    data = yamlfile.load(index)
    if not isinstance(data, Mapping) or not isinstance(data.get("documents"), list):
        raise LibraryError("expected 'documents:' with a list of documents", file=index)
    specs = tuple(_spec(entry, index, environment) for entry in data["documents"])
    strings: dict[str, Mapping[str, Any]] = {}
    templates: dict[tuple[str, str], Template] = {}
    paths: dict[tuple[str, str], Path] = {}
    for language_folder in sorted(path for path in folder.iterdir() if path.is_dir()):
        if not (language_folder / "strings.yaml").exists():
            continue
        code = language_folder.name
        strings[code] = yamlfile.load(language_folder / "strings.yaml")
        names = strings[code].get("files")
        for spec in specs:
            if not isinstance(names, Mapping) or not isinstance(names.get(spec.id), str):
                raise LibraryError(
                    f"no file name for {spec.id!r} under 'files'", file=language_folder / "strings.yaml"
                )
            if spec.from_policy is None:
                path = language_folder / f"{spec.id}.j2"
                templates[code, spec.id] = _compile(environment, path, spec.id)
                paths[code, spec.id] = path
    return KitTexts(specs, strings, templates, paths)


def _compile(environment: ClauseEnvironment, path: Path, name: str) -> Template:
    if not path.exists():
        raise LibraryError(f"missing the text of {name!r}", file=path)
    source = yamlfile.read_text(path, "template")
    try:
        code = environment.compile(source, name=name, filename=str(path))
    except TemplateSyntaxError as error:
        kind = "" if isinstance(error, ForbiddenConstruct) else "template syntax: "
        raise LibraryError(f"{kind}{error.message}", file=path, line=error.lineno) from None
    return environment.template_class.from_code(environment, code, environment.make_globals(None))


@functools.cache
def default_texts() -> KitTexts:
    from clauses.library import make_environment

    return load(make_environment())


def parts(rendered: str) -> list[tuple[bool, str]]:
    """The rendered template's parts: (is the HR notice, text)."""
    found: list[tuple[bool, str]] = []
    position, notice = 0, False
    for match in PART.finditer(rendered):
        found.append((notice, rendered[position : match.start()]))
        position, notice = match.end(), bool(match.group(1))
    found.append((notice, rendered[position:]))
    return [(is_notice, text) for is_notice, text in found if text.strip()]
