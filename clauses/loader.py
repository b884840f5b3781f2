"""Reading clause library folders into one checked source, before anything is compiled.

A library folder holds language-neutral data and one folder per language:

    sections.yaml        the sections and annexes of each document, in order
    clauses.yaml         each clause: id, section, order, `when` condition, statutes it relies on
    statutes.yaml        the ids of the statutes and other authorities clauses may cite
    <lang>/strings.yaml  every text the code itself prints: titles, section titles, labels, choices
    <lang>/statutes.yaml each statute's citation, full reference and subject in that language
    <lang>/clauses/<clause id>.j2   each clause's text, a Jinja2 template

Folders are read in order and later ones win: a clause, section or text with an id already seen
replaces it, a new id is added. Every language must then have every clause, section title, statute and
string that English has (clauses.completeness); a gap is a load error, never a silent fallback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from clauses import patterns, safefiles, yamlfile
from clauses.completeness import check
from clauses.errors import LibraryError
from clauses.markup import squeeze
from clauses.source import (
    ANNEX_KINDS,
    DOCUMENTS,
    SECTION_KINDS,
    STATUTE_FIELDS,
    ClauseSpec,
    LanguageSource,
    LibrarySource,
    SectionSpec,
    TemplateSource,
    Where,
)

_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_LANGUAGE = re.compile(r"[a-z]{2}\Z")

__all__ = ["ClauseSpec", "LanguageSource", "LibrarySource", "SectionSpec", "TemplateSource", "Where", "read"]


def read(folders: Iterable[Path]) -> LibrarySource:
    source = LibrarySource()
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            raise LibraryError("is not a folder", file=folder)
        source.folders += (folder,)
        with safefiles.folder(folder):  # only regular files, within its size limits
            _read_folder(folder, source)
    check(source)
    return source


# --- reading ----------------------------------------------------------------------------------------


def _read_folder(folder: Path, source: LibrarySource) -> None:
    for child in folder.iterdir():
        yamlfile.inside(child, folder)
    sections = folder / "sections.yaml"
    if sections.exists():
        for entry in _entries(sections, "sections"):
            spec = _section(entry, sections)
            source.sections[spec.id] = spec
    statutes = folder / "statutes.yaml"
    if statutes.exists():
        for entry in _entries(statutes, "statutes"):
            statute_id = _identifier(entry, "id", statutes)
            source.statutes[statute_id] = Where(statutes, yamlfile.line_of(entry))
    clauses = folder / "clauses.yaml"
    if clauses.exists():
        seen: set[str] = set()
        for entry in _entries(clauses, "clauses"):
            spec = _clause(entry, clauses)
            if spec.id in seen:
                raise LibraryError(
                    "this clause id is used twice in the file",
                    file=clauses,
                    line=spec.where.line,
                    clause=spec.id,
                )
            seen.add(spec.id)
            source.clauses[spec.id] = spec
    for child in sorted(folder.iterdir()):
        if child.is_dir() and _LANGUAGE.match(child.name):
            language = source.languages.setdefault(child.name, LanguageSource(child.name))
            _read_language(child, language)


def _entries(path: Path, key: str) -> list[Mapping[str, Any]]:
    data = yamlfile.load(path)
    if not isinstance(data, Mapping) or not isinstance(data.get(key), list):
        raise LibraryError(
            f"expected a mapping with a list under {key!r}", file=path, line=yamlfile.line_of(data)
        )
    entries = data[key]
    for entry in entries:
        if not isinstance(entry, Mapping):
            raise LibraryError(
                f"each entry under {key!r} must be a mapping, not {yamlfile.short(entry)}",
                file=path,
                line=yamlfile.line_of(data),
            )
    return entries


def _identifier(entry: Mapping[str, Any], key: str, path: Path) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not _ID.match(value):
        raise LibraryError(
            f"{key} must be lowercase letters, digits and _, not {yamlfile.short(value)}",
            file=path,
            line=yamlfile.line_of(entry),
        )
    return value


def _unknown_keys(entry: Mapping[str, Any], allowed: set[str], path: Path, clause: str | None) -> None:
    extra = sorted(set(entry) - allowed)
    if extra:
        raise LibraryError(
            f"unknown key {yamlfile.short(extra[0])} (allowed: {', '.join(sorted(allowed))})",
            file=path,
            line=yamlfile.line_of(entry),
            clause=clause,
        )


def _order(entry: Mapping[str, Any], path: Path, clause: str | None) -> int:
    order = entry.get("order")
    if not isinstance(order, int) or isinstance(order, bool):
        raise LibraryError(
            f"order must be a whole number, not {yamlfile.short(order)}",
            file=path,
            line=yamlfile.line_of(entry),
            clause=clause,
        )
    return order


def _section(entry: Mapping[str, Any], path: Path) -> SectionSpec:
    section_id = _identifier(entry, "id", path)
    where = Where(path, yamlfile.line_of(entry))
    _unknown_keys(entry, {"id", "document", "order", "kind", "annex"}, path, None)
    document = entry.get("document")
    kind = entry.get("kind", "body")
    annex = entry.get("annex")
    problem = None
    if document not in DOCUMENTS:
        problem = f"section {section_id!r}: document must be one of {', '.join(DOCUMENTS)}"
    elif kind not in SECTION_KINDS:
        problem = f"section {section_id!r}: kind must be one of {', '.join(SECTION_KINDS)}"
    elif (kind == "annex") != (annex is not None) or (annex is not None and annex not in ANNEX_KINDS):
        problem = f"section {section_id!r}: an annex needs annex: one of {', '.join(ANNEX_KINDS)}"
    if problem:
        raise LibraryError(problem, file=path, line=where.line)
    return SectionSpec(section_id, document, _order(entry, path, None), kind, annex, where)


def _clause(entry: Mapping[str, Any], path: Path) -> ClauseSpec:
    clause_id = _identifier(entry, "id", path)
    where = Where(path, yamlfile.line_of(entry))
    _unknown_keys(entry, {"id", "section", "order", "when", "statutes"}, path, clause_id)
    section = entry.get("section")
    if not isinstance(section, str):
        raise LibraryError("section must be a section id", file=path, line=where.line, clause=clause_id)
    when = entry.get("when")
    if when is not None and (not isinstance(when, str) or not when.strip()):
        raise LibraryError(
            f"when must be a condition written as text, not {yamlfile.short(when)}",
            file=path,
            line=where.line,
            clause=clause_id,
        )
    statutes = entry.get("statutes", [])
    if not isinstance(statutes, list) or not all(isinstance(s, str) for s in statutes):
        raise LibraryError(
            "statutes must be a list of statute ids", file=path, line=where.line, clause=clause_id
        )
    return ClauseSpec(clause_id, section, _order(entry, path, clause_id), when, tuple(statutes), where)


def _read_language(folder: Path, language: LanguageSource) -> None:
    for child in folder.iterdir():
        yamlfile.inside(child, folder.parent)
    strings = folder / "strings.yaml"
    if strings.exists():
        data = yamlfile.load(strings)
        if not isinstance(data, Mapping):
            raise LibraryError("expected a mapping of texts", file=strings)
        try:
            leaves = list(_leaves(data))
        except LibraryError as error:
            raise LibraryError(error.problem, file=strings, line=error.line) from None
        for key, value, line in leaves:
            problem = patterns.problem(key, value)  # a pattern the code fills is checked before any use
            if problem is not None:
                raise LibraryError(problem, file=strings, line=line)
            language.strings[key] = value
            language.string_files[key] = Where(strings, line)
    statutes = folder / "statutes.yaml"
    if statutes.exists():
        data = yamlfile.load(statutes)
        if not isinstance(data, Mapping):
            raise LibraryError("expected a mapping of statute ids to their texts", file=statutes)
        for statute_id, texts in data.items():
            line = yamlfile.line_of(texts) or yamlfile.line_of(data)
            if (
                not isinstance(texts, Mapping)
                or set(texts) != set(STATUTE_FIELDS)
                or not all(isinstance(texts[key], str) and texts[key].strip() for key in STATUTE_FIELDS)
            ):
                raise LibraryError(
                    f"statute {yamlfile.short(statute_id)} needs exactly these texts: "
                    f"{', '.join(STATUTE_FIELDS)}",
                    file=statutes,
                    line=line,
                )
            language.statutes[statute_id] = {key: squeeze(texts[key]) for key in STATUTE_FIELDS}
            language.statute_files[statute_id] = Where(statutes, line)
    templates = folder / "clauses"
    if templates.is_dir():
        yamlfile.inside(templates, folder.parent)
        for path in sorted(templates.glob("*.j2")):
            yamlfile.inside(path, folder.parent)
            language.templates[path.stem] = TemplateSource(yamlfile.read_text(path, "template"), path)


def _leaves(data: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, str, int | None]]:
    """Flatten nested texts to dotted keys; every leaf must be text."""
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from _leaves(value, dotted + ".")
        elif isinstance(value, str) and value.strip():
            yield dotted, squeeze(value), yamlfile.line_of(data)
        else:
            raise LibraryError(
                f"text {dotted!r} must be non-empty text, not {yamlfile.short(value)}",
                line=yamlfile.line_of(data),
            )
