"""A clause library is complete: every reference resolves, and every language has every text English has."""

from __future__ import annotations

from pathlib import Path

from clauses.errors import LibraryError
from clauses.source import REFERENCE_LANGUAGE, REQUIRED_STRINGS, LanguageSource, LibrarySource


def check(source: LibrarySource) -> None:
    """Every reference resolves and every language is complete."""
    for spec in source.clauses.values():
        if spec.section not in source.sections:
            raise LibraryError(
                f"unknown section {spec.section!r}",
                file=spec.where.file,
                line=spec.where.line,
                clause=spec.id,
            )
        for statute in spec.statutes:
            if statute not in source.statutes:
                raise LibraryError(
                    f"unknown statute {statute!r}", file=spec.where.file, line=spec.where.line, clause=spec.id
                )
    if REFERENCE_LANGUAGE not in source.languages:
        folders = ", ".join(str(folder) for folder in source.folders)
        raise LibraryError(f"no {REFERENCE_LANGUAGE}/ folder with the English texts in {folders}")
    reference = source.languages[REFERENCE_LANGUAGE]
    for key in REQUIRED_STRINGS:
        if key not in reference.strings:
            raise LibraryError(f"missing text {key!r}", file=_folder_file(source, reference, "strings.yaml"))
    # English first: a mistake in the reference texts themselves is reported as such, not as a text
    # some other language lacks.
    for language in sorted(
        source.languages.values(), key=lambda language: language.code != REFERENCE_LANGUAGE
    ):
        _check_language(source, reference, language)


def _folder_file(source: LibrarySource, language: LanguageSource, name: str) -> Path:
    return source.folders[0] / language.code / name


def _check_language(source: LibrarySource, reference: LanguageSource, language: LanguageSource) -> None:
    strings_file = _folder_file(source, language, "strings.yaml")
    for section in source.sections.values():
        if f"sections.{section.id}" not in language.strings:
            raise LibraryError(
                f"missing the title of section {section.id!r} (sections.{section.id})", file=strings_file
            )
    for key in reference.strings:
        if key not in language.strings:
            raise LibraryError(f"missing text {key!r}, which {REFERENCE_LANGUAGE} has", file=strings_file)
    ours = source.folders[0]
    for key in language.strings:
        where = language.string_files[key]
        if not (
            key.startswith(("sections.", "choices.")) or reference.string_files[key].file.is_relative_to(ours)
        ):
            # Texts the code prints come from our library; another folder can only replace them.
            raise LibraryError(
                f"text {key!r} is not one the library uses; check its spelling",
                file=where.file,
                line=where.line,
            )
        if key.startswith("sections.") and key.removeprefix("sections.") not in source.sections:
            raise LibraryError(
                f"title of an unknown section {key.removeprefix('sections.')!r}",
                file=where.file,
                line=where.line,
            )
        if key not in reference.strings:
            raise LibraryError(
                f"text {key!r} is not in {REFERENCE_LANGUAGE}; check its spelling",
                file=where.file,
                line=where.line,
            )
    for statute in source.statutes:
        if statute not in language.statutes:
            raise LibraryError(
                f"missing the texts of statute {statute!r}",
                file=_folder_file(source, language, "statutes.yaml"),
            )
    for statute, where in language.statute_files.items():
        if statute not in source.statutes:
            raise LibraryError(
                f"statute {statute!r} is not declared in statutes.yaml", file=where.file, line=where.line
            )
    for clause in source.clauses.values():
        if clause.id not in language.templates:
            expected = _folder_file(source, language, f"clauses/{clause.id}.j2")
            raise LibraryError(
                f"no template for this clause in {language.code} (expected {expected})",
                file=clause.where.file,
                line=clause.where.line,
                clause=clause.id,
            )
    for clause_id, template in language.templates.items():
        if clause_id not in source.clauses:
            raise LibraryError(
                "template for a clause that clauses.yaml does not declare",
                file=template.path,
                clause=clause_id,
            )
