"""Loading clause libraries: ours, a user's on top, and one clear line for every mistake in them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from policy_helpers import LIBRARY, answers, text

import clauses
from clauses import LibraryError, load_library
from clauses.library import DEFAULT_FOLDER


def user_library(tmp_path: Path, files: dict[str, str]) -> Path:
    """A user's folder; each English template is given in every other language of the library too,
    since a clause must exist in all of them."""
    folder = tmp_path / "mine"
    files = dict(files)
    for name, content in list(files.items()):
        if name.startswith("en/clauses/"):
            for language in LIBRARY.languages:
                files.setdefault(name.replace("en/", f"{language}/", 1), content)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return folder


def load_error(tmp_path: Path, files: dict[str, str]) -> str:
    with pytest.raises(LibraryError) as caught:
        load_library(user_library(tmp_path, files))
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_the_default_library_is_built_once_and_complete() -> None:
    assert load_library() is load_library()
    with_texts = {folder.name for folder in DEFAULT_FOLDER.iterdir() if (folder / "strings.yaml").is_file()}
    assert "en" in LIBRARY.languages and set(LIBRARY.languages) == with_texts
    assert len(LIBRARY.clause_ids) > 60


def test_a_users_folder_overrides_clauses_by_id_and_adds_new_ones(tmp_path: Path) -> None:
    folder = user_library(
        tmp_path,
        {
            "clauses.yaml": (
                "clauses:\n"
                "  - {id: brand_guidelines, section: brand, order: 10, when: 'false'}\n"
                "  - {id: our_hashtags, section: conduct, order: 99, when: \"policy_type != 'limited'\"}\n"
            ),
            "en/clauses/our_hashtags.j2": "# Hashtags\nUse #{{ org_name | replace(' ', '') }} in posts.\n",
            "en/clauses/scope_purpose.j2": "# Purpose\nOur own words for {{ org_name }}.\n",
        },
    )
    library = load_library(folder)
    document = library.assemble(answers(org_name="Acme NV"))
    assert "brand_guidelines" not in document.clause_ids()
    assert "Use #AcmeNV in posts." in text(document)
    assert document.clause("scope_purpose").blocks[0].runs[0].text == "Our own words for Acme NV."
    # Ours is untouched.
    assert "brand_guidelines" in LIBRARY.assemble(answers()).clause_ids()


def test_a_missing_translation_is_a_load_error_naming_the_clause(tmp_path: Path) -> None:
    folder = tmp_path / "xx-only"
    shutil.copytree(DEFAULT_FOLDER / "en", folder / "xx")
    (folder / "xx" / "clauses" / "monitoring_never.j2").unlink()
    with pytest.raises(LibraryError) as caught:
        load_library(folder)
    message = str(caught.value)
    assert "clauses.yaml, line" in message and "clause 'monitoring_never'" in message
    assert "xx/clauses/monitoring_never.j2" in message


def test_a_missing_text_in_another_language_is_a_load_error(tmp_path: Path) -> None:
    folder = tmp_path / "xx-text"
    shutil.copytree(DEFAULT_FOLDER / "en", folder / "xx")
    strings = folder / "xx" / "strings.yaml"
    strings.write_text(strings.read_text(encoding="utf-8").replace("  cited_in: Cited in\n", ""), "utf-8")
    with pytest.raises(LibraryError, match=r"xx/strings\.yaml: missing text 'references\.cited_in'"):
        load_library(folder)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"clauses.yaml": "clauses:\n  - {id: x, section: scope, order: 1\n"},
            r"clauses\.yaml, line \d+: not valid YAML",
        ),
        (
            {"clauses.yaml": "clauses:\n  - id: x\n    id: y\n    section: scope\n    order: 1\n"},
            r"clauses\.yaml, line 3: duplicate key 'id'",
        ),
        (
            {"clauses.yaml": "clauses:\n  - {id: x, section: nowhere, order: 1}\n", "en/clauses/x.j2": "Hi"},
            r"clauses\.yaml, line 2: clause 'x': unknown section 'nowhere'",
        ),
        (
            {"clauses.yaml": "clauses:\n  - {id: x, section: scope, order: 1, colour: red}\n"},
            r"clauses\.yaml, line 2: clause 'x': unknown key 'colour'",
        ),
        (
            {"clauses.yaml": "clauses:\n  - {id: x, section: scope, order: one}\n"},
            r"line 2: clause 'x': order must be a whole number",
        ),
        (
            {
                "clauses.yaml": 'clauses:\n\n  - {id: x, section: scope, order: 1, when: "headcount >="}\n',
                "en/clauses/x.j2": "Hi",
            },
            r"clauses\.yaml, line 3: clause 'x': the condition 'headcount >=' is not valid",
        ),
        (
            {
                "clauses.yaml": "clauses:\n  - {id: x, section: scope, order: 1}\n",
                "en/clauses/x.j2": "# Title\nfine\n{% if org_name %}\nnever closed\n",
            },
            r"x\.j2, line \d: clause 'x': template syntax",
        ),
        (
            {"en/clauses/nobody.j2": "Hi"},
            r"nobody\.j2: clause 'nobody': template for a clause that clauses\.yaml",
        ),
        ({"clauses.yaml": "clauses:\n  - {id: x, section: scope, order: 1}\n"}, r"clause 'x': no template"),
        (
            {"clauses.yaml": "clauses:\n  - {id: x, section: scope, order: 1, statutes: [made_up_act]}\n"},
            r"clause 'x': unknown statute 'made_up_act'",
        ),
        (
            {"en/strings.yaml": "titles:\n  limitd: Typo\n"},
            r"strings\.yaml, line 2: text 'titles\.limitd' is not one the library uses",
        ),
        ({"en/statutes.yaml": "gdpr: {cite: x}\n"}, r"statutes\.yaml, line 1: statute 'gdpr' needs exactly"),
        (
            {"sectors.yaml": "sectors: 3\n"},
            r"mine/sectors\.yaml: expected a mapping with a list under 'sectors'",
        ),
        (
            {"sectors.yaml": "sectors:\n  - {id: bakery, served: loaves, whistleblowing: private}\n"},
            r"mine/sectors\.yaml: the people served 'loaves' have no words in \w\w \(give them in a",
        ),
        (
            {"sectors.yaml": "sectors:\n  - {id: bakery, served: customers, whistleblowing: sometimes}\n"},
            r"sectors\.yaml, line 2: sector 'bakery': whistleblowing must be one of private, either, public",
        ),
    ],
)
def test_every_mistake_in_a_library_is_one_line_naming_file_and_line(
    tmp_path: Path, files: dict[str, str], expected: str
) -> None:
    import re

    assert re.search(expected, load_error(tmp_path, files))


def test_a_template_failing_at_assembly_names_its_clause_file_and_line(tmp_path: Path) -> None:
    folder = user_library(
        tmp_path,
        {
            "clauses.yaml": "clauses:\n  - {id: x, section: scope, order: 1}\n",
            "en/clauses/x.j2": "Fine.\n\n{{ no_such_answer }}\n",
        },
    )
    library = load_library(folder)
    with pytest.raises(LibraryError) as caught:
        library.assemble(answers())
    assert str(caught.value).startswith(f"{folder / 'en' / 'clauses' / 'x.j2'}, line 3: clause 'x':")
    assert "no_such_answer" in str(caught.value)


def test_citing_a_statute_the_clause_does_not_declare_is_an_error(tmp_path: Path) -> None:
    folder = user_library(
        tmp_path,
        {
            "clauses.yaml": "clauses:\n  - {id: y, section: scope, order: 2}\n",
            "en/clauses/y.j2": "{{ statute('gdpr') }}\n",
        },
    )
    with pytest.raises(
        LibraryError, match=r"clause 'y': cites \['gdpr'\] but clauses\.yaml does not list it"
    ):
        load_library(folder).assemble(answers())


def test_a_hostile_template_cannot_reach_python_internals(tmp_path: Path) -> None:
    folder = user_library(
        tmp_path,
        {
            "clauses.yaml": "clauses:\n  - {id: x, section: scope, order: 1}\n",
            "en/clauses/x.j2": "{{ org_name.__class__.__mro__[1].__subclasses__() }}\n",
        },
    )
    with pytest.raises(LibraryError, match="clause 'x'"):
        load_library(folder).assemble(answers())


def test_partial_answers_give_a_preview_of_what_is_known() -> None:
    known = {"policy_type": "employee_rules", "org_name": "Acme NV", "regions": ["flanders"], "headcount": 30}
    with pytest.raises(LibraryError):
        LIBRARY.assemble(known)
    preview = LIBRARY.assemble(known, partial=True)
    assert preview.title == "Social Media Rules for Employees"
    assert "scope_purpose" in preview.clause_ids()
    assert "monitoring_none" not in preview.clause_ids()


def test_an_unknown_language_is_a_clear_error() -> None:
    available = ", ".join(sorted(LIBRARY.languages))
    with pytest.raises(LibraryError, match=rf"no texts in language 'xx' \(available: {available}\)"):
        LIBRARY.assemble(answers(), "xx")


yaml_text = st.text(alphabet=st.sampled_from(list("abc:-[]{}'\" \n\t#&*!|>%@`0123456789_")), max_size=120)


@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(clauses_yaml=yaml_text, template=st.text(max_size=80))
def test_any_broken_library_fails_with_one_line_naming_a_file(
    tmp_path: Path, clauses_yaml: str, template: str
) -> None:
    folder = tmp_path / "fuzz"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "en" / "clauses").mkdir(parents=True)
    (folder / "clauses.yaml").write_text(clauses_yaml, encoding="utf-8")
    (folder / "en" / "clauses" / "scope_purpose.j2").write_text(template, encoding="utf-8")
    try:
        library = load_library(folder)
        library.assemble(answers())
    except LibraryError as error:
        message = str(error)
        assert "\n" not in message
        assert str(folder) in message or "clause '" in message
    assert clauses.load_library() is LIBRARY


@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sectors_yaml=yaml_text, nouns_yaml=yaml_text)
def test_any_broken_sectors_file_fails_with_one_line_naming_it(
    tmp_path: Path, sectors_yaml: str, nouns_yaml: str
) -> None:
    folder = tmp_path / "sectors"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "nl").mkdir(parents=True)
    (folder / "sectors.yaml").write_text(sectors_yaml, encoding="utf-8")
    (folder / "nl" / "sectors.yaml").write_text(nouns_yaml, encoding="utf-8")
    try:
        load_library(folder).assemble(answers(), "nl")
    except LibraryError as error:
        message = str(error)
        assert "\n" not in message
        assert "sectors.yaml" in message, message


def test_a_library_of_ones_own_needs_no_sectors(tmp_path: Path) -> None:
    from clauses.library import Library
    from clauses.loader import read

    folder = tmp_path / "own"
    files = {
        "clauses.yaml": "clauses:\n  - {id: x, section: scope, order: 1}\n",
        "en/clauses/x.j2": "# Ours\nOnly this.\n",
        **{
            name: (DEFAULT_FOLDER / name).read_text(encoding="utf-8")
            for name in ("en/strings.yaml", "en/statutes.yaml", "statutes.yaml", "sections.yaml")
        },
    }
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    library = Library(read((folder,)))
    assert "Only this." in text(library.assemble(answers(), library.languages[0]))
