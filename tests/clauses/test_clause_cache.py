"""A clause is rendered again only when an answer it reads changes; the policy reads the same either way."""

from __future__ import annotations

from pathlib import Path

import yaml

from clauses import load_library
from clauses.clause_cache import RenderedClauses, names_read
from clauses.export import render
from clauses.library import DEFAULT_FOLDER, Library
from clauses.loader import read

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
