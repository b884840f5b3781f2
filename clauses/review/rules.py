"""Loading the review rules: the checks (rules/checks.yaml) and the words for each language (<lang>.yaml).

Every regular expression is compiled once, when the rules load; a mistake in a rules file is a
one-line RulesError naming the file and the line.

A matcher, in a language file, is either a regular expression (matched in one sentence, case-insensitive)
or a mapping:

    all: [regex, ...]   every regex must match in the same sentence...
    within: 8           ...with at most this many words between the first and the last of them
    unless: [regex]     the sentence does not count if one of these matches in it
    negatable: true     a negation just before ("never", "niet", "jamais", "nie") cancels the match
                        (default: true for risks, false elsewhere)

A regular expression may name a group `value`: what an inference captures (an organisation's name,
a number of employees, an e-mail address).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clauses.review.errors import RulesError
from datafiles.errors import DataFileError, NotText, Unreadable
from datafiles.reading import read_yaml

RULES_FOLDER = Path(__file__).resolve().parent / "rules"
CHECKS_FILE = "checks.yaml"
CLAUSE_LIBRARY = Path(__file__).resolve().parent.parent / "library"

STATUSES = ("present", "weak", "missing")
INFERENCE_KINDS = ("choices", "choice", "yesno", "capture", "number", "email", "languages")
FLAGS = re.IGNORECASE | re.UNICODE
_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_LANGUAGE = re.compile(r"[a-z]{2}\Z")


# --- YAML that remembers lines ----------------------------------------------------------------------


def _load_yaml(path: Path) -> Any:
    """The file's data, every text with its line (datafiles.reading); RulesError naming the line."""
    try:
        return read_yaml(path, text_keys=True, text_lines=True)
    except NotText:
        raise RulesError("cannot read the file: it is not UTF-8 text", file=path, line=1) from None
    except Unreadable as error:
        raise RulesError(f"cannot read the file ({error.reason})", file=path, line=1) from None
    except DataFileError as error:
        problem = f"not valid YAML: {error.problem}" if error.syntax else error.problem
        raise RulesError(problem, file=path, line=error.line or 1) from None


def _line(value: Any, default: int) -> int:
    line = getattr(value, "line", 0)
    return line if isinstance(line, int) and line > 0 else default


# --- the compiled rules ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Matcher:
    """One way to find something in a sentence (see the module docstring)."""

    patterns: tuple[re.Pattern[str], ...]
    within: int | None = None
    unless: tuple[re.Pattern[str], ...] = ()
    negatable: bool = False


@dataclass(frozen=True, slots=True)
class Requirement:
    id: str
    label: str
    fix: tuple[str, ...]
    applies_if: str | None = None


@dataclass(frozen=True, slots=True)
class ElementCheck:
    id: str
    section: str
    title: str
    why: str
    fix: tuple[str, ...]
    requires: tuple[Requirement, ...]


@dataclass(frozen=True, slots=True)
class RiskCheck:
    id: str
    title: str
    why: str
    fix: tuple[str, ...]
    from_element: str | None = None
    from_status: tuple[str, ...] = ()
    from_requirement: str | None = None
    unless_met: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Inference:
    question: str
    kind: str
    choices: tuple[str, ...] = ()
    from_element: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    if_answer: tuple[tuple[str, str], ...] = ()  # only when these inferred answers hold (or include)


@dataclass(frozen=True, slots=True)
class ElementWords:
    topic: tuple[Matcher, ...]
    headings: tuple[Matcher, ...] = ()
    none: tuple[Matcher, ...] = ()
    requires: Mapping[str, tuple[Matcher, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LanguageWords:
    """One language's words: how to detect it, its negations and the matchers of every check."""

    code: str
    name: str
    detect: frozenset[str]
    negation: re.Pattern[str]
    negation_after: int
    negation_scope: re.Pattern[str] | None
    contrast: re.Pattern[str] | None
    skip_sections: re.Pattern[str] | None
    courtesy: tuple[Matcher, ...]
    elements: Mapping[str, ElementWords]
    risks: Mapping[str, tuple[Matcher, ...]]
    inferences: Mapping[str, Any]  # question -> matchers, or choice -> matchers, or yes/no -> matchers
    path: Path


@dataclass(frozen=True, slots=True)
class Rules:
    elements: tuple[ElementCheck, ...]
    risks: tuple[RiskCheck, ...]
    inferences: tuple[Inference, ...]
    required_languages: Mapping[str, tuple[str, ...]]
    language_rules: Mapping[str, str]
    languages: Mapping[str, LanguageWords]
    clause_titles: Mapping[str, str]
    clause_sections: Mapping[str, str]

    def element(self, element_id: str) -> ElementCheck:
        return next(element for element in self.elements if element.id == element_id)


# --- loading -------------------------------------------------------------------------------------------


@functools.cache
def default_rules() -> Rules:
    """The rules shipped with the package, loaded and compiled once per process."""
    return load_rules(RULES_FOLDER)


def load_rules(folder: str | Path = RULES_FOLDER) -> Rules:
    """Load checks.yaml and every <lang>.yaml of a folder; RulesError (file and line) on any mistake."""
    folder = Path(folder)
    checks_path = folder / CHECKS_FILE
    if not checks_path.is_file():
        raise RulesError(f"there is no {CHECKS_FILE} in this folder", file=folder, line=1)
    titles, sections = _clause_titles()
    checks = _Checks(checks_path, _load_yaml(checks_path), titles)
    languages: dict[str, LanguageWords] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name == CHECKS_FILE:
            continue
        words = _read_language(path, checks)
        if words.code in languages:
            raise RulesError(f"language {words.code!r} is already defined", file=path, line=1)
        languages[words.code] = words
    if "en" not in languages:
        raise RulesError("the rules need English words (en.yaml)", file=folder / "en.yaml", line=1)
    return Rules(
        elements=checks.elements,
        risks=checks.risks,
        inferences=checks.inferences,
        required_languages=checks.required,
        language_rules=checks.language_rules,
        languages=languages,
        clause_titles=titles,
        clause_sections=sections,
    )


@functools.cache
def _clause_titles() -> tuple[dict[str, str], dict[str, str]]:
    """Each clause's English title (its template's first line), or its section's title; and its section."""
    from clauses import loader

    return clause_titles(loader.read((CLAUSE_LIBRARY,)))


def clause_titles(source: Any) -> tuple[dict[str, str], dict[str, str]]:
    """The titles and sections of a clause library as read (clauses.loader.LibrarySource)."""
    english = source.languages["en"]
    titles: dict[str, str] = {}
    sections: dict[str, str] = {}
    for spec in source.clauses.values():
        template = english.templates.get(spec.id)
        first = template.text.lstrip().split("\n", 1)[0] if template else ""
        title = first[2:].strip() if first.startswith("# ") else ""
        section = english.strings.get(f"sections.{spec.section}", spec.section)
        titles[spec.id] = title or section
        sections[spec.id] = section
    return titles, sections


def with_clause_library(rules: Rules, source: Any) -> Rules:
    """The rules, naming the clauses that fix a gap as a library laid over ours names them (a law firm's
    own version of a clause keeps our id, with its own title)."""
    import dataclasses

    titles, sections = clause_titles(source)
    return dataclasses.replace(rules, clause_titles=titles, clause_sections=sections)


class _Checks:
    """checks.yaml, checked."""

    def __init__(self, path: Path, data: Any, clause_titles: Mapping[str, str]) -> None:
        self.path = path
        self.clauses = clause_titles
        top = self._mapping(data, 1, "the file", ("elements", "risks", "inferences", "language"))
        self.elements = tuple(self._element(item) for item in self._list(top, "elements"))
        self._unique([element.id for element in self.elements], top["elements"], "element")
        self.element_ids = {element.id: element for element in self.elements}
        self.risks = tuple(self._risk(item) for item in self._list(top, "risks"))
        self._unique([risk.id for risk in self.risks], top["risks"], "risk")
        self._raw_inferences = self._list(top, "inferences")
        self.inferences = tuple(self._inference(item) for item in self._raw_inferences)
        self._unique([inference.question for inference in self.inferences], top["inferences"], "inference")
        language = self._mapping(top.get("language"), _line(top, 1), "language", ("required", "rules"))
        required = self._mapping(language.get("required"), _line(language, 1), "language.required", None)
        self.required = {
            str(region): tuple(self._strings(codes, _line(required, 1), f"language.required.{region}"))
            for region, codes in required.items()
        }
        rules = self._mapping(language.get("rules"), _line(language, 1), "language.rules", None)
        self.language_rules = {str(region): " ".join(str(text).split()) for region, text in rules.items()}
        for element in self.elements:
            for requirement in element.requires:
                if requirement.applies_if and requirement.applies_if not in {
                    inference.question for inference in self.inferences
                }:
                    self._fail(f"requirement {requirement.id!r} applies_if an unknown inference", top)

    # -- helpers --
    def _fail(self, problem: str, where: Any, default: int = 1) -> None:
        raise RulesError(problem, file=self.path, line=_line(where, default))

    def _mapping(self, value: Any, line: int, what: str, allowed: Iterable[str] | None) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise RulesError(f"{what} must be a mapping", file=self.path, line=_line(value, line))
        if allowed is not None:
            unknown = sorted(set(value) - set(allowed))
            if unknown:
                self._fail(
                    f"{what}: unknown key {str(unknown[0])!r} (allowed: {', '.join(allowed)})",
                    unknown[0],
                    _line(value, line),
                )
        return value

    def _list(self, top: dict[str, Any], key: str) -> list[Any]:
        value = top.get(key)
        if not isinstance(value, list) or not value:
            self._fail(f"{key!r} must be a non-empty list", top)
        return value  # type: ignore[return-value]

    def _strings(self, value: Any, line: int, what: str) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise RulesError(f"{what} must be a list of texts", file=self.path, line=_line(value, line))
        return [str(item) for item in value]

    def _text(self, item: dict[str, Any], key: str) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            self._fail(f"{key!r} must be a non-empty text", item)
        return " ".join(str(value).split())

    def _id(self, item: dict[str, Any], key: str = "id") -> str:
        value = item.get(key)
        if not isinstance(value, str) or not _ID.match(value):
            self._fail(f"{key!r} must be an id in lower case (a-z, 0-9, _)", item)
        return str(value)

    def _fix(self, item: dict[str, Any], required: bool = True) -> tuple[str, ...]:
        value = item.get("fix")
        if value is None and not required:
            return ()
        fixes = self._strings(value, _line(item, 1), "'fix'")
        if required and not fixes:
            self._fail("'fix' must name at least one clause", item)
        for clause in value if isinstance(value, list) else fixes:
            if clause not in self.clauses:
                self._fail(
                    f"'fix' names {str(clause)!r}, which is not a clause of the library",
                    clause,
                    _line(item, 1),
                )
        return tuple(fixes)

    def _unique(self, ids: list[str], where: Any, what: str) -> None:
        seen: set[str] = set()
        for value in ids:
            if value in seen:
                self._fail(f"the {what} {value!r} is defined twice", value, _line(where, 1))
            seen.add(value)

    # -- entries --
    def _element(self, item: Any) -> ElementCheck:
        keys = ("id", "section", "title", "why", "fix", "requires")
        item = self._mapping(item, 1, "an element", keys)
        requires = []
        for entry in item.get("requires") or []:
            entry = self._mapping(
                entry, _line(item, 1), "a requirement", ("id", "label", "fix", "applies_if")
            )
            applies = entry.get("applies_if")
            requires.append(
                Requirement(
                    self._id(entry),
                    self._text(entry, "label"),
                    self._fix(entry),
                    str(applies) if applies else None,
                )
            )
        self._unique([requirement.id for requirement in requires], item, "requirement")
        return ElementCheck(
            id=self._id(item),
            section=self._id(item, "section"),
            title=self._text(item, "title"),
            why=self._text(item, "why"),
            fix=self._fix(item),
            requires=tuple(requires),
        )

    def _risk(self, item: Any) -> RiskCheck:
        item = self._mapping(item, 1, "a risk", ("id", "title", "why", "fix", "from", "unless_met"))
        source = item.get("from")
        element = status = requirement = None
        if source is not None:
            source = self._mapping(source, _line(item, 1), "'from'", ("element", "status", "requirement"))
            element = source.get("element")
            if element not in self.element_ids:
                self._fail(f"'from' names an unknown element {element!r}", source)
            status = source.get("status")
            requirement = source.get("requirement")
            if (status is None) == (requirement is None):
                self._fail("'from' needs either a status or a requirement", source)
            if status is not None:
                status = self._strings(status, _line(source, 1), "'from' status")
                if not status or any(value not in STATUSES for value in status):
                    self._fail(f"'from' status must be one or more of {', '.join(STATUSES)}", source)
            if requirement is not None and requirement not in {
                r.id for r in self.element_ids[str(element)].requires
            }:
                self._fail(f"'from' names an unknown requirement {requirement!r}", source)
        unless = []
        for reference in self._strings(item.get("unless_met") or [], _line(item, 1), "'unless_met'"):
            element_id, _, requirement_id = reference.partition(".")
            known = self.element_ids.get(element_id)
            if known is None or requirement_id not in {r.id for r in known.requires}:
                self._fail(f"'unless_met' names an unknown requirement {reference!r}", item)
            unless.append((element_id, requirement_id))
        return RiskCheck(
            id=self._id(item),
            title=self._text(item, "title"),
            why=self._text(item, "why"),
            fix=self._fix(item),
            from_element=str(element) if element else None,
            from_status=tuple(status or ()),
            from_requirement=str(requirement) if requirement else None,
            unless_met=tuple(unless),
        )

    def _inference(self, item: Any) -> Inference:
        keys = ("question", "kind", "choices", "from", "min", "max", "if_answer")
        item = self._mapping(item, 1, "an inference", keys)
        kind = item.get("kind")
        if kind not in INFERENCE_KINDS:
            self._fail(f"'kind' must be one of {', '.join(INFERENCE_KINDS)}", item)
        choices = tuple(self._strings(item.get("choices") or [], _line(item, 1), "'choices'"))
        if kind in ("choices", "choice", "languages") and not choices:
            self._fail(f"an inference of kind {kind!r} needs its choices", item)
        source = item.get("from")
        element = None
        if source is not None:
            source = self._mapping(source, _line(item, 1), "'from'", ("element",))
            element = source.get("element")
            if element not in self.element_ids:
                self._fail(f"'from' names an unknown element {element!r}", source)
            if kind != "yesno":
                self._fail("only a yesno inference can come from an element", item)
        bounds = []
        for key in ("min", "max"):
            value = item.get(key)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                self._fail(f"'{key}' must be a whole number", item)
            bounds.append(value)
        conditions = self._mapping(item.get("if_answer") or {}, _line(item, 1), "'if_answer'", None)
        known = {str(entry.get("question")) for entry in self._raw_inferences if isinstance(entry, dict)}
        for question in conditions:
            if question not in known:
                self._fail(f"'if_answer' names {str(question)!r}, which is not an inference", question)
        return Inference(
            self._id(item, "question"),
            str(kind),
            choices,
            element,
            bounds[0],
            bounds[1],
            tuple((str(question), str(value)) for question, value in conditions.items()),
        )


# --- a language's words -----------------------------------------------------------------------------------

_LANGUAGE_KEYS = (
    "language",
    "name",
    "detect",
    "negation",
    "negation_after",
    "negation_scope",
    "contrast",
    "skip_sections",
    "courtesy",
    "elements",
    "risks",
    "inferences",
)
_ELEMENT_KEYS = ("topic", "headings", "none", "requires")
_MATCHER_KEYS = ("all", "within", "unless", "negatable")


class _LanguageReader:
    def __init__(self, path: Path, checks: _Checks) -> None:
        self.path = path
        self.checks = checks

    def fail(self, problem: str, where: Any, default: int = 1) -> None:
        raise RulesError(problem, file=self.path, line=_line(where, default))

    def regex(self, value: Any, where: Any) -> re.Pattern[str]:
        if not isinstance(value, str) or not value.strip():
            self.fail("a pattern must be a non-empty text", value, _line(where, 1))
        try:
            return re.compile(str(value), FLAGS)
        except (re.error, RecursionError, OverflowError, ValueError) as error:
            message = getattr(error, "msg", None) or str(error)
            self.fail(f"the pattern {str(value)!r} is not a valid regular expression: {message}", value,
                      _line(where, 1))  # fmt: skip
            raise  # pragma: no cover

    def alternatives(self, value: Any, where: Any, what: str) -> re.Pattern[str]:
        """One pattern matching any of a list of patterns."""
        if not isinstance(value, list) or not value:
            self.fail(f"'{what}' must be a non-empty list of patterns", value, _line(where, 1))
        return self.regex("|".join(f"(?:{self.regex(item, where).pattern})" for item in value), value)

    def matchers(self, value: Any, where: Any, what: str, negatable: bool = False) -> tuple[Matcher, ...]:
        if not isinstance(value, list) or not value:
            self.fail(f"{what} must be a non-empty list of patterns", value, _line(where, 1))
        result = []
        for item in value:
            if isinstance(item, str):
                result.append(Matcher((self.regex(item, where),), negatable=negatable))
                continue
            if not isinstance(item, dict):
                self.fail(f"{what}: a pattern must be a text or a mapping", item, _line(where, 1))
            unknown = sorted(set(item) - set(_MATCHER_KEYS))
            if unknown:
                allowed = ", ".join(_MATCHER_KEYS)
                self.fail(
                    f"{what}: unknown key {str(unknown[0])!r} (allowed: {allowed})",
                    unknown[0],
                    _line(item, 1),
                )
            parts = item.get("all")
            if not isinstance(parts, list) or not parts:
                self.fail(f"{what}: 'all' must be a non-empty list of patterns", item)
            within = item.get("within")
            if within is not None and (not isinstance(within, int) or isinstance(within, bool) or within < 1):
                self.fail(f"{what}: 'within' must be a whole number of words, at least 1", item)
            unless = item.get("unless") or []
            if not isinstance(unless, list):
                self.fail(f"{what}: 'unless' must be a list of patterns", item)
            flag = item.get("negatable", negatable)
            if not isinstance(flag, bool):
                self.fail(f"{what}: 'negatable' must be true or false", item)
            result.append(
                Matcher(
                    tuple(self.regex(part, item) for part in parts),
                    within,
                    tuple(self.regex(part, item) for part in unless),
                    flag,
                )
            )
        return tuple(result)

    def mapping(self, value: Any, where: Any, what: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(f"{what} must be a mapping", value, _line(where, 1))
        return value  # type: ignore[return-value]

    def read(self) -> LanguageWords:
        data = _load_yaml(self.path)
        top = self.mapping(data, None, "the file")
        unknown = sorted(set(top) - set(_LANGUAGE_KEYS))
        if unknown:
            self.fail(
                f"unknown key {str(unknown[0])!r} (allowed: {', '.join(_LANGUAGE_KEYS)})", unknown[0], 1
            )
        code = top.get("language")
        if not isinstance(code, str) or not _LANGUAGE.match(code) or code != self.path.stem:
            self.fail(f"'language' must be the two-letter code of the file name ({self.path.stem!r})", top)
        name = top.get("name")
        if not isinstance(name, str) or not name.strip():
            self.fail("'name' must be the language's name in English", top)
        detect = top.get("detect")
        if not isinstance(detect, list) or len(detect) < 5 or not all(isinstance(w, str) for w in detect):
            self.fail("'detect' must list at least 5 common words of the language", detect, _line(top, 1))
        negations = top.get("negation")
        if not isinstance(negations, list) or not negations:
            self.fail("'negation' must list the words that negate (patterns)", negations, _line(top, 1))
        negation = self.alternatives(negations, top, "negation")
        scope = (
            self.alternatives(top["negation_scope"], top, "negation_scope")
            if "negation_scope" in top
            else None
        )
        contrast = self.alternatives(top["contrast"], top, "contrast") if "contrast" in top else None
        after = top.get("negation_after", 5)
        if not isinstance(after, int) or isinstance(after, bool) or not 0 <= after <= 40:
            self.fail("'negation_after' must be a number of words from 0 to 40", after, _line(top, 1))
        skip = top.get("skip_sections")
        skip_sections = self.alternatives(skip, top, "skip_sections") if skip is not None else None
        courtesy = self.matchers(top.get("courtesy"), top, "'courtesy'")
        return LanguageWords(
            code=str(code),
            name=str(name),
            detect=frozenset(str(word).lower() for word in detect),
            negation=negation,
            negation_after=after,
            negation_scope=scope,
            contrast=contrast,
            skip_sections=skip_sections,
            courtesy=courtesy,
            elements=self.elements(top),
            risks=self.risks(top),
            inferences=self.inferences(top),
            path=self.path,
        )

    def elements(self, top: dict[str, Any]) -> dict[str, ElementWords]:
        section = self.mapping(top.get("elements"), top, "'elements'")
        result = {}
        for element in self.checks.elements:
            entry = section.get(element.id)
            if entry is None:
                self.fail(f"'elements' has no words for the element {element.id!r}", section, _line(top, 1))
            entry = self.mapping(entry, section, f"elements.{element.id}")
            unknown = sorted(set(entry) - set(_ELEMENT_KEYS))
            if unknown:
                self.fail(
                    f"elements.{element.id}: unknown key {str(unknown[0])!r}", unknown[0], _line(entry, 1)
                )
            requires = self.mapping(entry.get("requires") or {}, entry, f"elements.{element.id}.requires")
            wanted = {requirement.id for requirement in element.requires}
            for key in requires:
                if key not in wanted:
                    self.fail(f"elements.{element.id}.requires: {key!r} is not a requirement in checks", key,
                              _line(requires, 1))  # fmt: skip
            for key in sorted(wanted - set(requires)):
                self.fail(
                    f"elements.{element.id}.requires has no words for {key!r}", requires, _line(entry, 1)
                )
            result[element.id] = ElementWords(
                topic=self.matchers(entry.get("topic"), entry, f"elements.{element.id}.topic"),
                headings=self.matchers(entry["headings"], entry, f"elements.{element.id}.headings")
                if "headings" in entry
                else (),
                none=self.matchers(entry["none"], entry, f"elements.{element.id}.none")
                if "none" in entry
                else (),
                requires={
                    key: self.matchers(value, requires, f"elements.{element.id}.requires.{key}")
                    for key, value in requires.items()
                },
            )
        for key in section:
            if key not in self.checks.element_ids:
                self.fail(f"'elements': {key!r} is not an element in checks", key, _line(section, 1))
        return result

    def risks(self, top: dict[str, Any]) -> dict[str, tuple[Matcher, ...]]:
        section = self.mapping(top.get("risks"), top, "'risks'")
        known = {risk.id: risk for risk in self.checks.risks}
        result = {}
        for key, value in section.items():
            risk = known.get(key)
            if risk is None:
                self.fail(f"'risks': {key!r} is not a risk in checks", key, _line(section, 1))
            elif risk.from_element or risk.id == "english_only":
                self.fail(f"'risks': {key!r} comes from an element or the language; it takes no words", key,
                          _line(section, 1))  # fmt: skip
            result[key] = self.matchers(value, section, f"risks.{key}", negatable=True)
        for risk in self.checks.risks:
            if not risk.from_element and risk.id != "english_only" and risk.id not in result:
                self.fail(f"'risks' has no words for {risk.id!r}", section, _line(top, 1))
        return result

    def inferences(self, top: dict[str, Any]) -> dict[str, Any]:
        section = self.mapping(top.get("inferences"), top, "'inferences'")
        known = {inference.question: inference for inference in self.checks.inferences}
        result: dict[str, Any] = {}
        for key, value in section.items():
            inference = known.get(key)
            if inference is None or inference.kind == "languages":
                self.fail(
                    f"'inferences': {key!r} is not an inference that takes words", key, _line(section, 1)
                )
                continue
            what = f"inferences.{key}"
            if inference.kind in ("choices", "choice"):
                value = self.mapping(value, section, what)
                for choice in value:
                    if choice not in inference.choices:
                        self.fail(f"{what}: {choice!r} is not one of its choices", choice, _line(value, 1))
                result[key] = {
                    choice: self.matchers(v, value, f"{what}.{choice}") for choice, v in value.items()
                }
            elif inference.kind == "yesno":
                value = self.mapping(value, section, what)
                for answer in value:
                    if answer not in ("yes_when", "no_when"):
                        self.fail(f"{what}: use 'yes_when' and 'no_when', not {answer!r}", answer,
                                  _line(value, 1))  # fmt: skip
                result[key] = {
                    answer == "yes_when": self.matchers(v, value, f"{what}.{answer}")
                    for answer, v in value.items()
                }
            else:
                matchers = self.matchers(value, section, what)
                if inference.kind in ("capture", "number") and not all(
                    "value" in matcher.patterns[0].groupindex for matcher in matchers
                ):
                    self.fail(
                        f"{what}: each first pattern needs a group named 'value'", value, _line(section, 1)
                    )
                result[key] = matchers
        for inference in self.checks.inferences:
            if (
                inference.from_element is None
                and inference.kind != "languages"
                and inference.question not in result
            ):
                self.fail(f"'inferences' has no words for {inference.question!r}", section, _line(top, 1))
        return result


def _read_language(path: Path, checks: _Checks) -> LanguageWords:
    return _LanguageReader(path, checks).read()
