"""A clause is rendered again only when an answer it reads changes; the policy reads the same either way."""

from __future__ import annotations

import functools
import random
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import answer_sets

from clauses import load_library
from clauses.clause_cache import Compared, RenderedClauses, names_read
from clauses.export import render
from clauses.library import DEFAULT_FOLDER, Library
from clauses.loader import read
from dialogue.loader import load_interview
from dialogue.walks import random_walk, samples_of

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = yaml.safe_load((ROOT / "examples" / "comprehensive-brussels.yaml").read_text(encoding="utf-8"))


def test_an_answer_renders_again_only_the_clauses_that_read_it() -> None:
    library = load_library()
    answers = dict(ANSWERS)
    first = library.assemble(answers, partial=True)
    renamed = library.assemble(dict(answers, org_name="Kanaalzone Logistiek BV"), partial=True)
    before = {clause.id: clause.blocks for clause in first.clauses()}
    reused = [clause.id for clause in renamed.clauses() if clause.blocks is before.get(clause.id)]
    changed = [clause.id for clause in renamed.clauses() if clause.blocks != before.get(clause.id)]
    assert reused and changed, "some clauses name the organisation, others do not"
    assert "Kanaalzone Logistiek BV" in str(render(renamed, "txt"))
    assert "Kanaalzone Logistiek BV" not in str(render(first, "txt"))


def test_the_same_answers_make_the_same_policy_from_the_cache_as_without_it() -> None:
    cached = load_library()
    cached.assemble(dict(ANSWERS, headcount=12))  # fills the cache with another policy first
    fresh = Library(read((DEFAULT_FOLDER,)))  # a library of its own, with nothing kept
    for language in ("nl", "en"):
        assert cached.assemble(ANSWERS, language) == fresh.assemble(ANSWERS, language)


def test_a_key_tells_true_from_1_and_lists_from_their_items() -> None:
    key = RenderedClauses.key
    assert key("en", "c", False, ("a",), {"a": True}) != key("en", "c", False, ("a",), {"a": 1})
    assert key("en", "c", False, ("a",), {"a": ["x"]}) == key("en", "c", False, ("a",), {"a": ["x"]})
    assert key("en", "c", False, ("a",), {}) != key("en", "c", False, ("a",), {"a": None})


def test_the_names_a_template_reads_leave_out_the_helpers() -> None:
    library = load_library()
    tree = library.environment.parse(
        "{{ org_name }} {{ statute('gdpr') }} {% for x in platforms %}{{ x }}{% endfor %}"
    )
    assert names_read(tree, ["statute"]) == ("org_name", "platforms")


def test_a_term_is_explained_at_its_first_use_whichever_clauses_come_from_the_cache(tmp_path: Path) -> None:
    # `term` (and `party` for the German bodies) adds the French term in brackets the first time a
    # document uses the word: a clause kept from a document where an earlier clause used it first must
    # not be reused where it comes first.
    (tmp_path / "clauses.yaml").write_text(
        "clauses:\n"
        "  - {id: first_mention, section: conduct, order: 91, when: advocacy}\n"
        "  - {id: second_mention, section: conduct, order: 92}\n",
        encoding="utf-8",
    )
    for code in ("en", "nl", "fr", "de"):
        folder = tmp_path / code / "clauses"
        folder.mkdir(parents=True)
        for clause in ("first_mention", "second_mention"):
            (folder / f"{clause}.j2").write_text(
                f"{clause}: {{{{ term('x', 'Wort', 'FR mot') }}}}.\n", encoding="utf-8"
            )
    # In this process: the cache is what is tested (a folder given with --clauses renders in a child
    # process, clauses.isolation, whose clauses come back as copies).
    library = Library(read((DEFAULT_FOLDER, tmp_path)))

    def mentions(advocacy: bool) -> list[str]:
        text = str(render(library.assemble(dict(ANSWERS, advocacy=advocacy), "de"), "txt"))
        return [line for line in text.splitlines() if "_mention" in line]

    both = ["first_mention: Wort (FR mot).", "second_mention: Wort."]
    assert mentions(True) == both
    first = library.assemble(dict(ANSWERS, advocacy=True), "de")
    again = library.assemble(dict(ANSWERS, advocacy=True), "de")
    pairs = zip(first.clauses(), again.clauses(), strict=True)
    assert all(a.blocks is b.blocks for a, b in pairs if a.id in library.clause_ids)  # all from the cache
    assert mentions(False) == ["second_mention: Wort (FR mot)."]
    assert mentions(True) == both


def _random_paths(count: int, seed: int) -> list[dict[str, Any]]:
    """The answers of `count` random walks through the interview, as the checked-paths benchmark
    walks it: every representative answer (dialogue.paths), a skip where one is allowed."""
    interview = load_interview()
    samples = samples_of(interview)
    chooser = random.Random(seed)
    return [random_walk(interview, samples, chooser) for _ in range(count)]


@functools.cache
def _fresh_library() -> Library:
    return Library(read((DEFAULT_FOLDER,)))


def _fresh(library: Library, answers: dict[str, Any], language: str, partial: bool = False) -> Any:
    library.forget_rendered()
    return library.assemble(answers, language, partial=partial)


def test_memoised_assembly_reads_as_a_fresh_render_on_many_random_paths() -> None:
    # Walks share many values, so most clauses come from the cache: each policy must still be the one
    # rendered afresh, whichever walks came before it, in every language, and in a preview half-way.
    memoised = Library(read((DEFAULT_FOLDER,)))
    fresh = _fresh_library()
    languages = ("en", "nl", "fr", "de")
    paths = _random_paths(160, seed=12)
    for number, answers in enumerate(paths):
        language = languages[number % len(languages)]
        assert memoised.assemble(answers, language) == _fresh(fresh, answers, language), number
        assert memoised.implementation_notes(answers, language) == (
            fresh.implementation_notes(answers, language)
        ), number
        half = dict(list(answers.items())[: len(answers) // 2])
        assert memoised.assemble(half, language, partial=True) == _fresh(fresh, half, language, True), number


@settings(max_examples=40)
@given(st.lists(answer_sets(), min_size=2, max_size=4), st.sampled_from(("en", "nl", "fr", "de")))
def test_memoised_assembly_reads_as_a_fresh_render_for_any_answers(
    answer_lists: list[dict[str, Any]], language: str
) -> None:
    memoised = load_library()
    for answers in answer_lists:
        assert memoised.assemble(answers, language) == _fresh(_fresh_library(), answers, language)


def test_a_clause_is_kept_under_the_parts_of_the_facts_it_reads() -> None:
    library = load_library()
    environment = library.environment
    made = {"role": ("facts.roles.*", "_terms"), "dated": ("facts.reference_date",)}

    def reads(text: str) -> tuple[str, ...]:
        return names_read(environment.parse(text), (), made, ("facts",))

    assert reads("{{ facts.roles.crisis.names }} {{ facts.owner }}") == (
        "facts.owner",
        "facts.roles.crisis.names",
    )
    assert reads("{{ role('crisis') }} {{ dated('x', 'applies') }}") == (
        "_terms",
        "facts.reference_date",
        "facts.roles.crisis",
    )
    assert reads("{{ role(name) }}") == ("_terms", "facts.roles", "name"), "an argument not known in advance"
    assert reads("{{ facts.roles.items() }}") == ("facts.roles",), "a method reads its object"
    assert reads("{{ facts['owner'] }}") == ("facts",), "an item lookup counts the whole record"
    assert reads("{% for f in facts %}{{ f }}{% endfor %}") == ("facts",)
    assert reads("{{ facts.owner }}{% set facts = 1 %}{{ facts }}") == ("facts",)


def test_a_number_only_compared_is_kept_by_how_it_compares() -> None:
    library = load_library()

    def reads(text: str) -> tuple[object, ...]:
        return names_read(library.environment.parse(text), ())

    compared = Compared("headcount", (20, 50))
    assert reads("{% if headcount >= 20 %}a{% endif %}{% if 50 > headcount %}b{% endif %}") == (compared,)
    assert reads("{{ headcount }}{% if headcount >= 20 %}a{% endif %}") == ("headcount",), "printed too"
    assert reads("{% if headcount in [20, 50] %}a{% endif %}") == ("headcount",)
    assert reads("{% if headcount >= limit %}a{% endif %}") == ("headcount", "limit")
    key = RenderedClauses.key
    assert key("en", "c", False, (compared,), {"headcount": 25}) == key(
        "en", "c", False, (compared,), {"headcount": 49}
    )
    for other in (19, 20, 50, True, "25", None):
        assert key("en", "c", False, (compared,), {"headcount": 25}) != key(
            "en", "c", False, (compared,), {"headcount": other}
        ), other
