"""Punctuation, spacing, labels and dates read right in every language, on every path."""

from __future__ import annotations

import datetime
import itertools
import re
from pathlib import Path

import pytest
from jinja2 import nodes
from policy_helpers import LIBRARY, answers, block_texts, clause_text, list_items, representative_paths, text

from clauses.export import render
from clauses.library import make_environment

LANGUAGES = LIBRARY.languages

# A word glued to the punctuation before it (",the"), a word glued to a bracket, a space before a
# comma, full stop or (outside French) a colon or semicolon, doubled spaces, spaces at either end.
GLUED = re.compile(r"\w[,;:](?=[^\W\d_])|[^\W\d_]\(|\)(?=[^\W\d_])| [,.;:]|  |^\s|\s$")
# French puts a no-break space before ; : ! ? (a colon inside an address such as https: is not one).
FRENCH_BARE = re.compile(r"(?<!\u00a0)[;:!?](?!\S)")
# Words written with a bracket inside them on purpose.
BRACKETED_WORDS = ("(cyber)", "(Cyber-)")


def _edges(node: nodes.Node) -> tuple[list[str], list[str]]:
    """The constant texts a printed expression may start and end with."""
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        return [node.value], [node.value]
    if isinstance(node, nodes.CondExpr):
        first = _edges(node.expr1)
        second = _edges(node.expr2) if node.expr2 is not None else ([], [])
        return first[0] + second[0], first[1] + second[1]
    if isinstance(node, nodes.Concat):
        return _edges(node.nodes[0])[0], _edges(node.nodes[-1])[1]
    return [], []


def _templates() -> list[Path]:
    folder = Path(LIBRARY.source.folders[0])
    return sorted(folder.glob("*/clauses/*.j2"))


@pytest.mark.parametrize("path", _templates(), ids=lambda path: f"{path.parent.parent.name}/{path.stem}")
def test_no_template_prints_fixed_words_with_spaces_at_their_edges(path: Path) -> None:
    """Printed values lose their edge spaces (clauses.markup.literal): fixed words belong in the text."""
    tree = make_environment().parse(path.read_text(encoding="utf-8"))
    expressions = [node for output in tree.find_all(nodes.Output) for node in output.nodes]
    expressions += [assign.node for assign in tree.find_all(nodes.Assign)]
    for expression in expressions:
        if isinstance(expression, nodes.TemplateData):
            continue
        leading, trailing = _edges(expression)
        assert not [words for words in leading if words[:1].isspace()], (path.name, expression.lineno)
        assert not [words for words in trailing if words[-1:].isspace()], (path.name, expression.lineno)


def _spacing_problems(words: str, language: str) -> list[str]:
    for word in BRACKETED_WORDS:
        words = words.replace(word, word.strip("()-"))
    found = [match.group() for match in GLUED.finditer(words)]
    if language == "fr":
        found += [match.group() for match in FRENCH_BARE.finditer(words)]
    return found


def test_the_spacing_check_sees_what_it_must() -> None:
    assert _spacing_problems("in the private sector,the Act", "en") == ["r,"]
    assert _spacing_problems("the Act(2022) and (cyber)harassment", "en") == ["t("]
    assert _spacing_problems("a list ; and  more .", "en") == [" ;", "  ", " ."]
    assert _spacing_problems("Objet: le droit ; voir https://example.be", "fr") == [" ;", ":", ";"]
    assert _spacing_problems("Objet\u00a0: le droit\u00a0; voir https://example.be", "fr") == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_word_is_glued_to_punctuation_on_any_representative_path(language: str) -> None:
    for path_answers in representative_paths()[::3]:
        for build in (LIBRARY.assemble, LIBRARY.implementation_notes):
            for clause_id, words in block_texts(build(path_answers, language)):
                assert _spacing_problems(words, language) == [], (clause_id, words)


REGION_SETS = [
    list(regions)
    for size in range(1, 5)
    for regions in itertools.combinations(("flanders", "wallonia", "brussels", "german"), size)
]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_lists_of_language_versions_end_with_a_full_stop(language: str) -> None:
    seen = 0
    for regions in REGION_SETS:
        for staff in (["nl"], ["fr"], ["nl", "fr"]):
            changes = {"regions": regions, "staff_languages": staff}
            policy = LIBRARY.assemble(answers(**changes), language)
            notes = LIBRARY.implementation_notes(answers(**changes), language)
            lists = [list_items(notes, "notes_language_versions")]
            if "courtesy_translation" in policy.clause_ids():
                lists.append(list_items(policy, "courtesy_translation"))
                seen += 1
            for items in lists:
                assert items[-1].endswith("."), items
                assert all(item.endswith((";", "\u00a0;")) for item in items[:-1]), items
    assert seen


@pytest.mark.parametrize("escalation", ["the CEO, then the legal counsel", "1. Call the CEO.\n2. Then Legal"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_step_of_the_crisis_alert_ends_with_a_full_stop_whatever_was_typed(
    language: str, escalation: str
) -> None:
    with_escalation = LIBRARY.assemble(answers(crisis_escalation=escalation), language)
    without = LIBRARY.assemble(answers(crisis_escalation=None), language)
    for document in (with_escalation, without):
        steps = list_items(document, "crisis_alert")
        assert len(steps) == 4
        assert all(step.endswith(".") for step in steps), steps
    # The typed text is printed as typed, on its own after a label.
    assert escalation in clause_text(with_escalation, "crisis_alert")


# --- labels and dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["txt", "md"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_labels_take_the_colon_of_their_language(language: str, fmt: str) -> None:
    colon = LIBRARY.text(language, "typography.colon")
    assert colon == ("\u00a0:" if language == "fr" else ":")
    for build in (LIBRARY.assemble, LIBRARY.implementation_notes):
        document = build(answers(), language)
        assert document.colon == colon
        output = str(render(document, fmt))
        if language == "fr":
            assert FRENCH_BARE.findall(output) == [], [
                line for line in output.splitlines() if FRENCH_BARE.search(line)
            ][:5]
        else:
            assert "\u00a0:" not in output


def test_the_text_export_writes_french_labels_with_a_no_break_space() -> None:
    output = str(render(LIBRARY.assemble(answers(), "fr"), "txt"))
    for label in ("Version", "Objet", "Cité dans", "Nom", "Entrée en vigueur", "Réseaux sociaux"):
        assert f"{label}\u00a0:" in output, label
        assert f"{label}:" not in output, label


FIRST_OF_MARCH = {"en": "1 March 2027", "nl": "1 maart 2027", "fr": "1er mars 2027", "de": "1. März 2027"}
FIFTEENTH = {"en": "15 March 2027", "nl": "15 maart 2027", "fr": "15 mars 2027", "de": "15. März 2027"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_on_the_first_of_the_month_take_the_form_of_the_language(language: str) -> None:
    first = answers(effective_date=datetime.date(2027, 3, 1), review_cadence="yearly")
    policy = LIBRARY.assemble(first, language)
    notes = LIBRARY.implementation_notes(first, language)
    # The cover, the body and the review date all use it.
    assert dict(policy.details)[LIBRARY.text(language, "details.effective_date")] == FIRST_OF_MARCH[language]
    assert dict(policy.details)[LIBRARY.text(language, "details.review")] == FIRST_OF_MARCH[language].replace(
        "2027", "2028"
    )
    for document in (policy, notes):
        assert FIRST_OF_MARCH[language] in text(document)
    fifteenth = LIBRARY.assemble(answers(effective_date=datetime.date(2027, 3, 15)), language)
    assert FIFTEENTH[language] in text(fifteenth)
    if language == "fr":
        assert " 1 mars" not in text(policy) + text(notes)
        assert "15er" not in text(fifteenth)
