"""The preview's rendering of a policy to lines, and how two assemblies are compared."""

from __future__ import annotations

import pytest
from uihelp import EXAMPLES, answers_file

from assistant.rendering import PolicyRenderer, clause_changes


@pytest.fixture(scope="module")
def library():
    import clauses

    return clauses.load_library()


def lines_of(rendered) -> str:
    return "\n".join(strip.text.rstrip() for strip in rendered.lines)


@pytest.mark.parametrize("example", sorted(path.name for path in EXAMPLES.glob("*.yaml")))
def test_every_example_renders_as_readable_text(library, example: str) -> None:
    answers = answers_file(example)
    document = library.assemble(answers)
    rendered = PolicyRenderer().render(document, 80)
    text = lines_of(rendered)
    assert document.title in text
    assert answers["org_name"] in text
    for clause in document.clauses():
        if clause.title:
            assert clause.title in text, clause.id
        assert clause.id in rendered.anchors
    assert "Clause(" not in text and "Run(" not in text  # model objects never leak as reprs
    assert all(strip.cell_length == 80 for strip in rendered.lines)
    assert rendered.words > 300


@pytest.mark.parametrize("talk", ["en", "nl", "fr"])
@pytest.mark.parametrize("language", ["en", "nl", "fr", "de"])
def test_annexes_are_headed_with_the_library_own_label_once(library, language: str, talk: str) -> None:

    from assistant.texts import load_texts
    from assistant.widgets.preview import preview_labels

    document = library.assemble(answers_file("comprehensive-brussels.yaml"), language)
    labels = preview_labels(load_texts(talk))
    text = lines_of(PolicyRenderer(labels=labels).render(document, 100))
    for annex in document.annexes:
        assert f"{annex.label}. {annex.title}" in text  # "Annex A. ...", "Bijlage A. ..."
        assert f"{annex.label.split()[0]} {annex.label}" not in text  # not "Annex Annex A"
        assert f"{annex.label} :" not in text and f"{annex.label}:" not in text


def test_a_change_is_found_and_marked_and_numbering_alone_is_no_change(library) -> None:
    answers = answers_file("comprehensive-brussels.yaml")
    before = library.assemble(answers)
    after = library.assemble({**answers, "monitoring": False})
    changes = clause_changes(before, after)
    assert changes  # monitoring clauses disappear, the statement that there is none appears
    assert set(changes.values()) <= {"new", "changed"}
    # Clauses that only moved up in numbering are not reported.
    for clause in after.clauses():
        if clause.id not in changes:
            old = before.clause(clause.id)
            assert (old.title, old.blocks) == (clause.title, clause.blocks)
    rendered = PolicyRenderer().render(after, 70, previous=before)
    assert rendered.changed == tuple(c.id for c in after.clauses() if c.id in changes)
    first = rendered.first_change
    assert first == rendered.anchors[rendered.changed[0]]
    marked = lines_of(rendered).splitlines()[first : first + 3]
    assert any(line.startswith("▌") for line in marked)


def test_nothing_is_marked_on_the_first_assembly(library) -> None:
    document = library.assemble(answers_file("limited-small.yaml"))
    rendered = PolicyRenderer().render(document, 60)
    assert rendered.changed == () and rendered.first_change is None
    assert "▌" not in lines_of(rendered)


def test_a_cancelled_rendering_returns_nothing(library) -> None:
    document = library.assemble(answers_file("limited-small.yaml"))
    assert PolicyRenderer().render(document, 60, cancelled=lambda: True) is None


def test_unchanged_clauses_are_not_rendered_again(library, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = answers_file("comprehensive-brussels.yaml")
    renderer = PolicyRenderer()
    first = library.assemble(answers)
    renderer.render(first, 80)
    rendered_blocks = []
    import assistant.rendering as rendering

    original = rendering._block
    monkeypatch.setattr(
        rendering, "_block", lambda block, colon=":": rendered_blocks.append(block) or original(block, colon)
    )
    second = library.assemble({**answers, "crisis_contact": "Someone else, +32 2 000 00 00"})
    renderer.render(second, 80, previous=first)
    changed = clause_changes(first, second)
    assert changed
    changed_blocks = sum(len(second.clause(clause_id).blocks) for clause_id in changed)
    assert len(rendered_blocks) <= changed_blocks + 10  # the changed clauses, plus the title page


def _segments(lines) -> list[list[tuple[str, object]]]:
    """Rendered lines to the last segment: what the screen, and the snapshots, are made of."""
    return [[(segment.text, segment.style or None) for segment in line] for line in lines]


def test_lists_are_drawn_as_a_grid_would_draw_them(library) -> None:
    from rich.table import Table

    from assistant.rendering import _block, _console, _text
    from clauses.model import BulletList, NumberedList, Run

    def grid(block) -> Table:  # how lists were drawn before: a label column and a text column
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True, justify="right")
        table.add_column(ratio=1)
        for number, item in enumerate(block.items, 1):
            table.add_row(f"{number}." if isinstance(block, NumberedList) else "•", _text(item))
        return table

    lists = [
        block
        for clause in library.assemble(answers_file("comprehensive-brussels.yaml")).clauses()
        for block in clause.blocks
        if isinstance(block, BulletList | NumberedList)
    ]
    address = (Run("https://www.example.be/" + "very/" * 12 + "long", False),)
    mixed = (Run("Bold at first ", True), Run("then plain words that wrap in a narrow column", False))
    lists += [
        NumberedList((mixed,) * 11 + (address, (Run("one\ntwo", False),), ())),
        BulletList((address, mixed)),
    ]
    for width in (20, 41, 62, 117):
        console = _console(width)
        for block in lists:
            drawn = console.render_lines(_block(block), console.options, pad=True)
            assert _segments(drawn) == _segments(console.render_lines(grid(block), console.options, pad=True))
