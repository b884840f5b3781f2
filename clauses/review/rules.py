"""The review rules: what is checked (rules/checks.yaml) and the words that find it (rules/<lang>.yaml).

Everything is compiled once, when the rules load; a mistake in a rules file is a one-line RulesError
naming the file and the line. How a language file is written is in rules/README.md.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clauses.review.errors import RulesError
from clauses.review.matching import Grammar, Matcher

RULES_FOLDER = Path(__file__).resolve().parent / "rules"
CHECKS_FILE = "checks.yaml"
CLAUSE_LIBRARY = Path(__file__).resolve().parent.parent / "library"

STATUSES = ("present", "weak", "missing")
SEVERITIES = ("high", "medium", "low")
ACTIONS = ("delete", "replace", "add")
INFERENCE_KINDS = ("choices", "choice", "yesno", "capture", "number", "email", "languages")


@dataclass(frozen=True, slots=True)
class Requirement:
    id: str
    fix: tuple[str, ...]
    applies_if: str | None = None


JUDGES = ("language_law",)  # elements judged by a rule of the law rather than found by words
QUOTES = ("opening",)  # what a risk quotes when its element gives no passage


@dataclass(frozen=True, slots=True)
class ElementCheck:
    id: str
    section: str
    fix: tuple[str, ...]
    requires: tuple[Requirement, ...]
    judged_by: str | None = None  # "language_law": the languages the law requires (language_check.py)


@dataclass(frozen=True, slots=True)
class RiskCheck:
    id: str
    fix: tuple[str, ...]
    severity: str
    action: str
    from_element: str | None = None
    from_status: tuple[str, ...] = ()
    from_requirement: str | None = None
    unless_met: tuple[tuple[str, str], ...] = ()
    quote: str | None = None  # "opening": the policy's first sentence, where the element gives no passage


@dataclass(frozen=True, slots=True)
class Inference:
    question: str
    kind: str
    choices: tuple[str, ...] = ()
    from_element: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    if_answer: tuple[tuple[str, str], ...] = ()  # only when these inferred answers hold (or include)
    implies: tuple[tuple[str, Any], ...] = ()  # answers that follow when this one is inferred true
    # When no words answer it: whether this requirement of this element is met, if the element is there.
    else_from: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Checks:
    elements: tuple[ElementCheck, ...]
    risks: tuple[RiskCheck, ...]
    inferences: tuple[Inference, ...]

    def element(self, element_id: str) -> ElementCheck:
        return next(element for element in self.elements if element.id == element_id)

    @property
    def worded(self) -> tuple[ElementCheck, ...]:
        """The elements found by their words (each language file has words for every one of them)."""
        return tuple(element for element in self.elements if element.judged_by is None)


@dataclass(frozen=True, slots=True)
class LanguageWords:
    """One language's words: how to tell it, its grammar, and every matcher, each keyed by its meaning.

    Keys: ("topic", element), ("none", element), ("requires", element, requirement), ("risk", id),
    ("infer", question, choice) with choice "yes"/"no" for yes-or-no questions and "" for captures,
    ("courtesy",) and ("skip",) (headings of sections that are not rules, such as references).
    """

    code: str
    name: str
    detect: frozenset[str]
    grammar: Grammar
    matchers: tuple[Matcher, ...]
    heading_matchers: tuple[Matcher, ...]
    by_term: Mapping[int, tuple[int, ...]]  # term id -> indexes of the matchers it can start
    always: tuple[int, ...]  # matchers that start with a pattern: tried on every sentence
    path: Path


@dataclass(frozen=True, slots=True)
class Rules:
    checks: Checks
    languages: Mapping[str, LanguageWords]
    clause_titles: Mapping[str, str]
    clause_sections: Mapping[str, str]
    library: Any = None  # the clause library's source the titles come from (None: ours)
    texts_folder: Path = Path(__file__).resolve().parent / "texts"  # what the report says (texts.py)

    def titles_in(self, language: str) -> tuple[Mapping[str, str], Mapping[str, str]]:
        """The clauses' titles and sections as the library words them in a language (else English)."""
        if self.library is None:
            return _clause_titles(language)
        return clause_titles(self.library, language)

    @property
    def elements(self) -> tuple[ElementCheck, ...]:
        return self.checks.elements

    @property
    def risks(self) -> tuple[RiskCheck, ...]:
        return self.checks.risks

    @property
    def inferences(self) -> tuple[Inference, ...]:
        return self.checks.inferences


@functools.cache
def default_rules() -> Rules:
    """The rules shipped with the package, loaded and compiled once per process."""
    return load_rules(RULES_FOLDER)


def load_rules(folder: str | Path = RULES_FOLDER) -> Rules:
    """Load checks.yaml and every <lang>.yaml of a folder; RulesError (file and line) on any mistake."""
    from clauses.review.rules_checks import read_checks
    from clauses.review.rules_language import read_language

    folder = Path(folder)
    checks_path = folder / CHECKS_FILE
    if not checks_path.is_file():
        raise RulesError(f"there is no {CHECKS_FILE} in this folder", file=folder, line=1)
    titles, sections = _clause_titles("en")
    checks = read_checks(checks_path, set(titles))
    languages: dict[str, LanguageWords] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name != CHECKS_FILE and path.is_file():
            words = read_language(path, checks)
            languages[words.code] = words
    if "en" not in languages:
        raise RulesError("the rules need English words (en.yaml)", file=folder / "en.yaml", line=1)
    texts = folder / "texts"
    if texts.is_dir():  # a rules folder of one's own may word its report too
        return Rules(checks, languages, titles, sections, texts_folder=texts)
    return Rules(checks, languages, titles, sections)


@functools.cache
def _library_source() -> Any:
    from clauses import loader

    return loader.read((CLAUSE_LIBRARY,))


@functools.cache
def _clause_titles(language: str) -> tuple[dict[str, str], dict[str, str]]:
    return clause_titles(_library_source(), language)


def clause_titles(source: Any, language: str = "en") -> tuple[dict[str, str], dict[str, str]]:
    """Each clause's title (its template's first line) or its section's title, and its section."""
    english = source.languages.get(language) or source.languages["en"]
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
    """The rules, naming the clauses that fix a gap as a library laid over ours names them."""
    titles, sections = clause_titles(source)
    return dataclasses.replace(rules, clause_titles=titles, clause_sections=sections, library=source)
