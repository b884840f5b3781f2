"""A clause folder's strings.yaml texts never reach str.format (issue 14, item 1).

The titles, the department's name and the annex label are patterns with ``{name}`` fields. They used
to go through Python's ``str.format`` outside the sandbox: ``{title:>600000000}`` wrote a 600 MB
notes file, ``{department.__class__...}`` put ``<built-in method __subclasses__ ...>`` in the title,
and ``{nope}`` or ``{`` ended in a traceback. Now only a plain known field is allowed, anything else
is a load error naming the file, the line and the key, and the values are put in literally. The
locale and the date patterns, which Babel uses, are checked the same way.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml

from assistant.cli import main
from clauses import LibraryError, load_library

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ROOT / "examples" / "comprehensive-brussels.yaml"


def folder_with_strings(tmp_path: Path, strings: dict[str, object]) -> Path:
    """A clause folder that only replaces Dutch texts (English ones may not be replaced: they define
    which texts exist)."""
    folder = tmp_path / "firm"
    (folder / "nl").mkdir(parents=True, exist_ok=True)
    (folder / "nl" / "strings.yaml").write_text(yaml.safe_dump(strings, allow_unicode=True), "utf-8")
    return folder


def load_refusal(folder: Path) -> str:
    started = time.perf_counter()
    with pytest.raises(LibraryError) as caught:
        load_library(folder)
    assert time.perf_counter() - started < 10
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message


BAD_FIELDS = {
    "python internals": (
        {"titles": {"comprehensive": "{department.__class__.__mro__[1].__subclasses__}"}},
        "titles.comprehensive",
        "the field {department.__class__.__mro__[1].__subcl… cannot be used here "
        "(fields this text may use: {department})",
    ),
    "huge width": (
        {"titles": {"implementation_notes": "{title:>600000000}"}},
        "titles.implementation_notes",
        "the field {title:>600000000} cannot be used here (fields this text may use: {title})",
    ),
    "unknown field": ({"annex_label": "Bijlage {nope}"}, "annex_label", "the field {nope} cannot be used"),
    "positional field": ({"annex_label": "Bijlage {0}"}, "annex_label", "the field {0} cannot be used"),
    "empty field": ({"annex_label": "Bijlage {}"}, "annex_label", "the field {} cannot be used"),
    "conversion": ({"annex_label": "Bijlage {letter!r}"}, "annex_label", "the field {letter!r} cannot"),
    "index": ({"annex_label": "Bijlage {letter[0]}"}, "annex_label", "the field {letter[0]} cannot"),
    "lone open brace": ({"annex_label": "Bijlage {"}, "annex_label", "(write {{ or }} for a brace)"),
    "lone close brace": ({"annex_label": "Bijlage }"}, "annex_label", "Single '}' encountered"),
    "department attribute": (
        {"choices": {"department": {"other": "de afdeling {name.upper}"}}},
        "choices.department.other",
        "the field {name.upper} cannot be used here (fields this text may use: {name})",
    ),
    "another text's field": (
        {"titles": {"limited": "{title}"}},
        "titles.limited",
        "the field {title} cannot be used here (fields this text may use: {department})",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FIELDS))
def test_a_field_that_is_not_a_plain_known_name_is_a_load_error(tmp_path: Path, case: str) -> None:
    strings, key, expected = BAD_FIELDS[case]
    folder = folder_with_strings(tmp_path, strings)
    message = load_refusal(folder)
    assert re.match(rf"{re.escape(str(folder / 'nl' / 'strings.yaml'))}, line \d+: text '{key}': ", message)
    assert expected in message, message


def test_the_build_command_refuses_a_bad_field_with_exit_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = folder_with_strings(tmp_path, {"titles": {"implementation_notes": "{title:>600000000}"}})
    output = tmp_path / "policy.md"
    argv = ["build", "--answers", str(ANSWERS), "--clauses", str(folder), "--lang", "nl", "--notes"]
    assert main([*argv, "--output", str(output)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "text 'titles.implementation_notes'" in err
    assert list(tmp_path.glob("policy*")) == []


def test_braces_written_twice_and_braces_in_answers_stay_literal(tmp_path: Path) -> None:
    folder = folder_with_strings(
        tmp_path,
        {
            "titles": {"department": "{{Richtlijnen}}: {department}"},
            "choices": {"department": {"other": "de afdeling {name} {{x}}"}},
        },
    )
    answers = dict(yaml.safe_load(ANSWERS.read_text(encoding="utf-8")))
    answers.update(policy_type="department", department="other", department_other="{title.__class__} {0} {")
    library = load_library(folder)
    policy = library.assemble(answers, "nl")
    assert policy.title == "{Richtlijnen}: {title.__class__} {0} {"
    notes = library.implementation_notes(answers, "nl")
    assert notes.title == "Invoeringsnota's: {Richtlijnen}: {title.__class__} {0} {"


def test_our_own_texts_still_fill_their_fields() -> None:
    policy = load_library().assemble(dict(yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))), "nl")
    assert [annex.label for annex in policy.annexes][:2] == ["Bijlage A", "Bijlage B"]


BABEL_TEXTS = {
    "unknown locale": ({"language": {"locale": "xx_YY"}}, "text 'language.locale': 'xx_YY' is not a locale"),
    "a path as locale": (
        {"language": {"locale": "../../../etc/passwd"}},
        "text 'language.locale': '../../../etc/passwd' is not a locale name such as nl_BE",
    ),
    "huge date pattern": (
        {"dates": {"long": "y" * 5000}},
        "text 'dates.long': a date pattern may be at most 100 characters, not 5,000",
    ),
}


@pytest.mark.parametrize("case", list(BABEL_TEXTS))
def test_a_locale_or_date_pattern_babel_cannot_use_is_a_load_error_naming_the_folder(
    tmp_path: Path, case: str
) -> None:
    strings, expected = BABEL_TEXTS[case]
    folder = folder_with_strings(tmp_path, strings)
    try:
        load_library(folder).assemble(dict(yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))), "nl")
    except LibraryError as error:
        message = str(error)
    else:
        pytest.fail("the folder was accepted")
    assert message.startswith(f"{folder / 'nl' / 'strings.yaml'}, line "), message
    assert expected in message, message
