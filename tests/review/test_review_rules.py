"""The review rules are data: a mistake in them is one line naming the file and the line; a new rule or
language needs no code."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clauses.review import RulesError, load_rules, review_text
from clauses.review.rules import RULES_FOLDER, default_rules
from clauses.review.texts import TEXTS_FOLDER

LOCATED = re.compile(r"^(?P<file>\S+\.yaml), line (?P<line>\d+): (?P<problem>.+)$")


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(RULES_FOLDER, folder)
    return folder


def error_of(folder: Path) -> tuple[str, int, str]:
    """Load the rules, expecting a RulesError: its file name, line and problem."""
    with pytest.raises(RulesError) as raised:
        load_rules(folder)
    message = str(raised.value)
    assert "\n" not in message
    found = LOCATED.match(message)
    assert found, message
    return Path(found["file"]).name, int(found["line"]), found["problem"]


def replace(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in a file; return the line it was on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def test_the_shipped_rules_load_in_four_languages() -> None:
    rules = default_rules()
    assert sorted(rules.languages) == ["de", "en", "fr", "nl"]
    assert len(rules.elements) == 19 and len(rules.risks) == 22


def test_the_language_check_and_its_risk_are_data() -> None:
    # The element judged by the language law and the risk that follows from it are entries of
    # checks.yaml like any other: no id is special-cased in the engine (issue 12).
    checks = default_rules().checks
    language = checks.element("language")
    assert (language.judged_by, language.fix) == ("language_law", ("courtesy_translation",))
    english_only = next(risk for risk in checks.risks if risk.id == "english_only")
    assert (english_only.from_element, english_only.from_status, english_only.quote) == (
        "language",
        ("missing",),
        "opening",
    )
    assert "language" not in {element.id for element in checks.worded}


def test_a_judged_element_takes_no_words_and_a_known_judge(rules: Path) -> None:
    line = replace(rules / "checks.yaml", "judged_by: language_law", "judged_by: horoscope")
    assert error_of(rules) == (
        "checks.yaml",
        line,
        "'judged_by' must be one of language_law, without 'requires'",
    )


def test_an_invalid_regular_expression_names_its_file_and_line(rules: Path) -> None:
    line = replace(rules / "nl.yaml", "'/(?P<value>[\\w.+-]{1,64}@", "'/(?P<value[\\w.+-]{1,64}@")
    name, at, problem = error_of(rules)
    assert (name, at) == ("nl.yaml", line)
    assert problem.startswith("the pattern ") and "is not a valid regular expression" in problem


def test_invalid_yaml_names_its_line(rules: Path) -> None:
    line = replace(rules / "fr.yaml", "  scope:\n", "  scope: [\n")
    name, at, problem = error_of(rules)
    assert (name, problem.startswith("not valid YAML")) == ("fr.yaml", True)
    assert at >= line


def test_an_unknown_key_names_its_line(rules: Path) -> None:
    line = replace(rules / "en.yaml", "    - {all: [-@criticism,", "    - {within: 3, all: [-@criticism,")
    assert error_of(rules) == (
        "en.yaml",
        line,
        "risks.criticism_ban: unknown key 'within' (allowed: all, none, near, span, negatable)",
    )


def test_an_unknown_concept_names_its_line(rules: Path) -> None:
    line = replace(
        rules / "de.yaml", "    - {all: ['@password', +@hand_over,", "    - {all: ['@pasword', +@hand_over,"
    )
    assert error_of(rules) == ("de.yaml", line, "risks.personal_passwords: '@pasword' is not a concept")


def test_a_duplicate_key_names_its_line(rules: Path) -> None:
    line = replace(rules / "de.yaml", "  definitions:\n", "  scope: {}\n  definitions:\n")
    assert error_of(rules) == ("de.yaml", line, "duplicate key 'scope'")


def test_a_fix_naming_no_clause_of_the_library(rules: Path) -> None:
    line = replace(rules / "checks.yaml", "fix: [rights_never]", "fix: [rights_nevr]")
    assert error_of(rules) == (
        "checks.yaml",
        line,
        "'fix' names 'rights_nevr', which is not a clause of the library",
    )


def test_a_language_missing_the_words_of_a_risk(rules: Path) -> None:
    text = (rules / "de.yaml").read_text(encoding="utf-8")
    start = text.index("  covert_evidence:\n")
    end = text.index("\ninferences:")
    (rules / "de.yaml").write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    name, _, problem = error_of(rules)
    assert (name, problem) == ("de.yaml", "'risks' has no words for 'covert_evidence'")


def test_a_risk_needs_a_known_risk(rules: Path) -> None:
    line = replace(rules / "en.yaml", "  covert_evidence:\n", "  covert_evidense:\n")
    assert error_of(rules) == ("en.yaml", line, "'risks': 'covert_evidense' is not a risk found by words")


def test_a_risk_needs_a_severity(rules: Path) -> None:
    line = replace(rules / "checks.yaml", "id: at_will, severity: high", "id: at_will, severity: dire")
    assert error_of(rules) == ("checks.yaml", line, "'severity' must be one of high, medium, low")


MUTATIONS = st.tuples(
    st.sampled_from(["checks.yaml", "en.yaml", "nl.yaml", "fr.yaml", "de.yaml"]),
    st.integers(min_value=0, max_value=10_000),
    st.sampled_from(
        [
            "",
            "  - '/(/'",
            "x: [",
            "{",
            "  : -",
            "\t",
            "- 1",
            "  topic: 3",
            "'",
            "&a *b",
            "[[[]]]",
            "    - {all: []}",
            "    - '@nope'",
            "    - '-'",
            "  concepts: 7",
        ]
    ),
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(mutation=MUTATIONS)
def test_a_damaged_rules_file_loads_or_fails_in_one_line_naming_file_and_line(
    rules: Path, mutation: tuple[str, int, str]
) -> None:
    name, where, junk = mutation
    path = rules / name
    original = (RULES_FOLDER / name).read_text(encoding="utf-8")
    lines = original.splitlines()
    lines[where % len(lines)] = junk
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        load_rules(rules)
    except RulesError as error:
        found = LOCATED.match(str(error))
        assert found, str(error)
        named = Path(found["file"]).name
        assert named in {name, "checks.yaml", "en.yaml", "nl.yaml", "fr.yaml", "de.yaml"}
        assert 1 <= int(found["line"]) <= len((rules / named).read_text(encoding="utf-8").splitlines()) + 1
    finally:
        path.write_text(original, encoding="utf-8")


# --- new rules and languages are data ------------------------------------------------------------------


def test_a_new_risk_is_data_only(rules: Path) -> None:
    replace(
        rules / "checks.yaml",
        "  - {action: add, fix: [courtesy_translation], id: english_only",
        "  - {action: delete, fix: [rights_never], id: lie_detector, severity: high}\n"
        "  - {action: add, fix: [courtesy_translation], id: english_only",
    )
    for code, words in (
        ("en", "lie detector"),
        ("nl", "leugendetector"),
        ("fr", "détecteur de mensonges"),
        ("de", "Lügendetektor"),
    ):
        replace(rules / f"{code}.yaml", "\ninferences:\n", f"\n  lie_detector: ['{words}']\n\ninferences:\n")
    texts = rules / "texts"
    shutil.copytree(TEXTS_FOLDER, texts)
    for code in ("en", "nl", "fr", "de"):
        replace(
            texts / f"{code}.yaml",
            "\nrisks:\n",
            "\nrisks:\n  lie_detector: {title: Lie detector, why: Never.}\n",
        )
    report = review_text("Staff must pass lie detector tests once a year.", rules=load_rules(rules))
    risk = report.risk("lie_detector")
    assert risk is not None and risk.passages[0].text.startswith("Staff must pass lie detector tests")
    assert ([fix.id for fix in risk.fixes], risk.severity, risk.action) == (
        ["rights_never"],
        "high",
        "delete",
    )


def test_a_new_language_is_data_only(rules: Path) -> None:
    english = yaml.safe_load((rules / "en.yaml").read_text(encoding="utf-8"))
    spanish = dict(english, language="es", name="Spanish", stemmer="spanish")
    spanish["detect"] = [
        "el",
        "la",
        "los",
        "las",
        "y",
        "que",
        "de",
        "en",
        "para",
        "con",
        "por",
        "una",
        "empleados",
    ]
    spanish["concepts"] = dict(
        english["concepts"],
        password=["contraseña"],
        recipient=["empresa", "jefe"],
        obligation=["deben"],
        hand_over=["dar"],
    )
    (rules / "es.yaml").write_text(yaml.safe_dump(spanish, allow_unicode=True), encoding="utf-8")
    loaded = load_rules(rules)
    assert sorted(loaded.languages) == ["de", "en", "es", "fr", "nl"]
    report = review_text(
        "Los empleados deben dar las contraseñas de sus cuentas personales a la empresa y para el jefe.",
        rules=loaded,
    )
    assert (report.language, report.language_name) == ("es", "Spanish")
    assert report.risk("personal_passwords") is not None  # "contraseñas" is "contraseña", stemmed
