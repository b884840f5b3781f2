"""A loaded clause library: one sandboxed Jinja2 environment, every template and condition compiled once."""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from jinja2 import StrictUndefined, Template, TemplateError, TemplateSyntaxError, UndefinedError

from clauses import markup, sectors
from clauses.assemble import Rendered, SectionPlan, build_document, department_name, title_of
from clauses.clause_cache import Compared, DocumentKeys, Kept, RenderedClauses, names_read
from clauses.errors import LibraryError
from clauses.facts import Facts, derive
from clauses.helpers import (
    DOCUMENT_HELPERS,
    RECORDS,
    TERMS,
    document_helpers,
    function_names,
    language_helpers,
)
from clauses.limits import limited_text
from clauses.loader import ClauseSpec, LibrarySource, SectionSpec
from clauses.model import Document
from clauses.sandbox import ClauseEnvironment, ForbiddenConstruct, RenderLimit, budget
from clauses.source import DOCUMENTS, LanguageSource
from datafiles.marks import short

DEFAULT_FOLDER = Path(__file__).resolve().parent / "library"

# What rendering a template or evaluating a condition can raise: Jinja's own errors (an answer not
# given, something the sandbox refuses), the sandbox's limits, and what the operations a template may
# use raise on unfit values (a text added to a number, a missing key, a division by zero). Anything
# else is a bug in this code, and is left to surface as one.
RENDER_ERRORS = (
    TemplateError,
    RenderLimit,
    markup.MarkupError,
    TypeError,
    ValueError,
    ArithmeticError,
    LookupError,
    AttributeError,
    RecursionError,
)

# Parsing is pure, and most clauses read the same on many paths: keep the parsed blocks.
_parse = functools.lru_cache(maxsize=8192)(markup.parse)


def make_environment() -> ClauseEnvironment:
    """The only environment clause text is ever rendered in: Jinja's sandbox, hardened (clauses.sandbox).

    StrictUndefined turns a clause that names an answer off the user's path into an error instead of
    an empty gap; `finalize` turns every printed value into a literal token (see clauses.markup).
    """
    return ClauseEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        finalize=markup.literal,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
    )


@dataclass(frozen=True, slots=True)
class CompiledClause:
    spec: ClauseSpec
    condition: Callable[..., Any] | None


@dataclass(frozen=True, slots=True)
class LibraryLanguage:
    """The library in one language: its compiled texts and the helpers its templates call."""

    code: str
    strings: Mapping[str, str]
    statutes: Mapping[str, Mapping[str, str]]
    templates: Mapping[str, Template]
    paths: Mapping[str, Path]
    helpers: Mapping[str, Any]
    reads: Mapping[str, tuple[str | Compared, ...]]  # clause id -> what its text depends on, helpers aside

    def text(self, key: str) -> str:
        return self.strings[key]


class Library:
    """The clause library, ready to assemble documents in any of its languages."""

    def __init__(self, source: LibrarySource) -> None:
        self.source = source
        self.environment = make_environment()
        self._rendered = RenderedClauses()
        self.sectors = sectors.read(source.folders, source.languages, source.statutes)
        self._conditions = {spec.id: self._compile_condition(spec) for spec in source.clauses.values()}
        self._languages = {code: self._compile_language(lang) for code, lang in source.languages.items()}
        self._plans = {document: self._plan(document) for document in DOCUMENTS}
        self._condition_templates = {document: self._compile_conditions(document) for document in DOCUMENTS}

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self._languages))

    @property
    def clause_ids(self) -> tuple[str, ...]:
        return tuple(self.source.clauses)

    def text(self, language: str, key: str) -> str:
        """A text of the library in a language, such as a section title or a choice label."""
        return self._language(language).text(key)

    def forget_rendered(self) -> None:
        """Render every clause anew at the next assembly (to measure what a first assembly costs)."""
        self._rendered = RenderedClauses()

    # --- compiling ----------------------------------------------------------------------------------

    def _compile_condition(self, spec: ClauseSpec) -> Callable[..., Any] | None:
        if spec.when is None:
            return None
        try:
            return self.environment.compile_expression(spec.when, undefined_to_none=False)
        except TemplateSyntaxError as error:
            raise LibraryError(
                f"the condition {short(spec.when)} is not valid: {error.message}",
                file=spec.where.file,
                line=spec.where.line,
                clause=spec.id,
            ) from None

    def _compile_language(self, source: LanguageSource) -> LibraryLanguage:
        templates: dict[str, Template] = {}
        trees = {}
        for clause_id, template in source.templates.items():
            try:
                tree = self.environment.parse(template.text, name=clause_id, filename=str(template.path))
                code = self.environment.compile(tree, name=clause_id, filename=str(template.path))
            except TemplateSyntaxError as error:
                kind = "" if isinstance(error, ForbiddenConstruct) else "template syntax: "
                raise LibraryError(
                    f"{kind}{error.message}",
                    file=template.path,
                    line=error.lineno,
                    clause=clause_id,
                ) from None
            templates[clause_id] = self.environment.template_class.from_code(
                self.environment, code, self.environment.make_globals(None)
            )
            trees[clause_id] = tree
        strings = dict(source.strings)
        helpers = {**self.environment.globals, **language_helpers(source.code, strings)}
        return LibraryLanguage(
            code=source.code,
            strings=strings,
            statutes=source.statutes,
            templates=templates,
            paths={clause_id: template.path for clause_id, template in source.templates.items()},
            helpers=helpers,
            reads={
                clause_id: names_read(tree, helpers, DOCUMENT_HELPERS, RECORDS)
                for clause_id, tree in trees.items()
            },
        )

    def _plan(self, document: str) -> tuple[SectionPlan, ...]:
        sections = sorted(
            (spec for spec in self.source.sections.values() if spec.document == document),
            key=lambda spec: (spec.order, spec.id),
        )
        by_section: dict[str, list[ClauseSpec]] = {}
        for spec in self.source.clauses.values():
            by_section.setdefault(spec.section, []).append(spec)
        return tuple(
            SectionPlan(
                section,
                tuple(
                    CompiledClause(spec, self._conditions[spec.id])
                    for spec in sorted(by_section.get(section.id, ()), key=lambda spec: (spec.order, spec.id))
                ),
            )
            for section in sections
        )

    # --- assembling ---------------------------------------------------------------------------------

    def assemble(
        self, answers: Mapping[str, Any], language: str = "en", *, version: str = "1.0", partial: bool = False
    ) -> Document:
        """The policy these answers call for.

        `answers` holds only the questions on the user's path. With `partial=True` (a live preview
        while the interview is still going), a clause that needs an answer not given yet is left out
        instead of being an error.
        """
        return self._build("policy", answers, language, version, partial)

    def implementation_notes(
        self, answers: Mapping[str, Any], language: str = "en", *, version: str = "1.0", partial: bool = False
    ) -> Document:
        """The steps the organisation takes to put the policy in force, as a document of its own."""
        return self._build("implementation_notes", answers, language, version, partial)

    def _language(self, code: str) -> LibraryLanguage:
        try:
            return self._languages[code]
        except KeyError:
            raise LibraryError(
                f"no texts in language {code!r} (available: {', '.join(self.languages)})"
            ) from None

    def _build(
        self, kind: str, answers: Mapping[str, Any], code: str, version: str, partial: bool
    ) -> Document:
        with budget():  # one budget of steps and seconds for the whole document
            return self._build_within_budget(kind, answers, code, version, partial)

    def _build_within_budget(
        self, kind: str, answers: Mapping[str, Any], code: str, version: str, partial: bool
    ) -> Document:
        language = self._language(code)
        facts = derive(answers, code, function_names(language.strings))
        cited: list[str] = []

        def statute(statute_id: str) -> str:
            texts = language.statutes.get(statute_id)
            if texts is None:
                raise LookupError(f"unknown statute {statute_id!r}")
            cited.append(statute_id)
            return texts["cite"]

        policy_type = answers.get("policy_type", "comprehensive")
        # Helpers come last so that nothing in the answers can stand in for them.
        context = {
            **answers,
            **language.helpers,
            "facts": facts,
            "statute": statute,
            "doc": {key: language.text(f"document.{policy_type}.{key}") for key in ("this", "This")},
            "document_title": title_of("policy", answers, language),
            **document_helpers(language.strings, facts, language.helpers["format_date"]),
            "served": self.sectors.served(answers, code),
            "whistleblowing": self.sectors.whistleblowing(answers),
        }
        if "department" in answers:
            context["department_name"] = department_name(answers, language)
        keys = self._rendered.document(code, partial, context)
        selected = iter(self._selected(kind, context, partial))
        rendered: list[tuple[SectionSpec, list[Rendered]]] = []
        for plan in self._plans[kind]:
            clauses: list[Rendered] = []
            for compiled in plan.clauses:
                if not next(selected):
                    continue
                kept = self._clause(language, compiled.spec, context, partial, cited, keys)
                if kept.rendered is not None:
                    clauses.append(kept.rendered)
            rendered.append((plan.section, clauses))
        return build_document(kind, answers, language, facts, version, rendered, self.source.statutes)

    def _clause(
        self,
        language: LibraryLanguage,
        spec: ClauseSpec,
        context: dict[str, Any],
        partial: bool,
        cited: list[str],
        keys: DocumentKeys,
    ) -> Kept:
        """The clause as it reads with `context`: as rendered before with the same values, or now."""
        key = keys.key(spec.id, language.reads[spec.id])
        kept = self._rendered.get(key)
        introduced: set[str] = context[TERMS]
        if kept is not None:
            introduced.update(kept.introduced)  # as if rendered now: a later clause does not repeat them
            return kept
        cited.clear()
        before = frozenset(introduced)
        text = self._render(language, spec, context, partial)
        kept = Kept(None, introduced - before)
        if text is not None:
            undeclared = set(cited) - set(spec.statutes)
            if undeclared:
                raise LibraryError(
                    f"cites {sorted(undeclared)} but clauses.yaml does not list it under statutes",
                    file=spec.where.file,
                    line=spec.where.line,
                    clause=spec.id,
                )
            try:
                title, blocks = _parse(text)
            except markup.MarkupError as error:
                raise LibraryError(str(error), file=language.paths[spec.id], clause=spec.id) from None
            if title is not None or blocks:
                rendered = Rendered(spec.id, title, blocks, tuple(dict.fromkeys(cited)))
                kept = Kept(rendered, introduced - before)
        self._rendered.keep(key, kept)
        return kept

    def _selected(self, kind: str, context: dict[str, Any], partial: bool) -> list[bool]:
        """Which clauses of the document apply, in plan order.

        All conditions are evaluated in one render of one compiled template: evaluating fifty-odd
        expressions one by one costs a context each and would dominate assembly. If that fails (in a
        preview, a condition may read an answer still to come), each is evaluated on its own, so an
        answer still to come leaves out only its clause, and an error names the clause at fault.
        """
        template = self._condition_templates[kind]
        try:
            return [
                bit == "1"
                for bit in "".join(template.root_render_func(template.new_context(context, shared=True)))
            ]
        except RENDER_ERRORS:
            pass  # evaluated one by one below: an answer still to come, or an error to name its clause
        return [
            self._holds(compiled, context, partial) for plan in self._plans[kind] for compiled in plan.clauses
        ]

    def _holds(self, compiled: CompiledClause, context: dict[str, Any], partial: bool) -> bool:
        spec = compiled.spec
        try:
            return compiled.condition is None or bool(compiled.condition(context))
        except RENDER_ERRORS as error:
            if partial and isinstance(error, UndefinedError):
                return False  # an answer still to come, in a preview
            raise LibraryError(
                f"the condition {short(spec.when)} failed: {error}",
                file=spec.where.file,
                line=spec.where.line,
                clause=spec.id,
            ) from None

    def _compile_conditions(self, document: str) -> Template:
        """One template printing 1 or 0 for each clause of the document, in plan order."""
        parts = [
            "1"
            if compiled.spec.when is None
            else "{% if (" + compiled.spec.when + ") %}1{% else %}0{% endif %}"
            for plan in self._plans[document]
            for compiled in plan.clauses
        ]
        return self.environment.from_string("".join(parts))

    def _render(
        self, language: LibraryLanguage, spec: ClauseSpec, context: dict[str, Any], partial: bool
    ) -> str | None:
        template = language.templates[spec.id]
        try:
            return limited_text(template.root_render_func(template.new_context(context, shared=True)))
        except UndefinedError:
            # An answer still to come, in a preview: leave the clause out. Checked before Jinja rewrites
            # the traceback, which costs time and leaves reference cycles for the garbage collector.
            if partial:
                return None
            self._raise_located(language, spec)
        except RENDER_ERRORS:
            self._raise_located(language, spec)

    def _raise_located(self, language: LibraryLanguage, spec: ClauseSpec) -> NoReturn:
        """The error being handled, as a LibraryError naming the template and its line."""
        try:
            self.environment.handle_exception()
        except RENDER_ERRORS as error:
            path = language.paths[spec.id]
            raise LibraryError(
                str(error), file=path, line=_template_line(error, path), clause=spec.id
            ) from None
        raise AssertionError("handle_exception always raises")  # pragma: no cover


def _template_line(error: BaseException, path: Path) -> int | None:
    """The template line Jinja's rewritten traceback points to."""
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == str(path):
            line = frame.lineno
    return line


def facts_for(answers: Mapping[str, Any], library: Any, language: str = "en") -> Facts:
    """The derived values templates see, for the adoption kit, the UI and the tests.

    `library` is a Library or a clauses.isolation.ForeignLibrary: the texts are taken from the folders
    as read (`source`), which both have, never from a compiled template."""
    languages = library.source.languages
    if language not in languages:
        raise LibraryError(f"no texts in language {language!r} (available: {', '.join(sorted(languages))})")
    return derive(answers, language, function_names(languages[language].strings))
