"""Custom clause libraries (--clauses DIR): a law firm's folder is laid over ours; a hostile one is refused.

Its YAML is read safely and its templates render only in the hardened sandbox (clauses/sandbox.py). Each
attack below is refused with one line that names the file (and the line where there is one), never a
traceback, never executed, and quickly: reading files, reaching Python's internals, running a command,
and exhausting time or memory with loops, recursion, huge values, aliases or a huge file.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from uihelp import answers_file, async_test, chat_of, make_app, session_at, wait_for, write_draft

import clauses
from assistant.cli import main
from assistant.commands.chat import clause_drafter
from clauses import LibraryError, load_library

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "custom-clauses"
LANGUAGES = clauses.load_library().languages
COMPREHENSIVE = answers_file("comprehensive-brussels.yaml")
SECRET = "s3cret-do-not-leak"
# Seconds on the clock for loading ours and the folder in the child process (clauses.isolation) and
# assembling: no hang. Each refusal is the sandbox's (its message says which limit); that the sandbox
# stops within its 2 s of processor time is timed in test_sandbox_budgets.py. On this shared machine
# (load 10 on 2 cores) the child got a fifth of a core: 8 s of the clock was missed 11 times in a run.
QUICK = 40.0


def folder_with(tmp_path: Path, template: str, clauses_yaml: str | None = None) -> Path:
    """A clause folder adding clause `x` (in every language) with `template` as its text."""
    folder = tmp_path / "firm"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    (folder / "clauses.yaml").write_text(
        clauses_yaml or "clauses:\n  - {id: x, section: scope, order: 99}\n", encoding="utf-8"
    )
    for language in LANGUAGES:
        (folder / language / "clauses").mkdir(parents=True)
        (folder / language / "clauses" / "x.j2").write_text(template, encoding="utf-8")
    return folder


def refusal(folder: Path) -> str:
    """The one-line message for a folder, from loading it or from assembling a policy with it."""
    started = time.perf_counter()
    with pytest.raises(LibraryError) as caught:
        load_library(folder).assemble(COMPREHENSIVE)
    assert time.perf_counter() - started < QUICK
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message, message
    assert str(folder) in message, f"the message names the file: {message}"
    assert SECRET not in message
    return message


TEMPLATE_ATTACKS = {
    # Python's internals, to reach os or open()
    "mro": ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "cannot be used in a clause"),
    "cycler globals": ("{{ cycler.__init__.__globals__.os }}", "the attribute '__globals__' cannot be"),
    "template reference": ("{{ self._TemplateReference__context }}", "the attribute '_TemplateReference"),
    "lipsum globals": ("{{ lipsum.__globals__['os'].popen('id').read() }}", "'__globals__' cannot be"),
    "item access": ("{{ org_name['__class__'] }}", "the item '__class__' cannot be used"),
    "attr filter": ("{{ org_name|attr('__class__') }}", "the filter 'attr' cannot be used"),
    "helper globals": ("{{ statute.__globals__ }}", "the attribute '__globals__' cannot be used"),
    "str.format": ("{{ '{0.__class__}'.format(org_name) }}", "access to attribute 'format' of 'str'"),
    # other files
    "include": ("{% include '/etc/passwd' %}", "{% include %} cannot be used in a clause"),
    "import": ("{% import '/etc/passwd' as p %}", "{% import %} cannot be used in a clause"),
    "from import": ("{% from '/etc/passwd' import x %}", "{% from ... import %} cannot be used"),
    "extends": ("{% extends '/etc/passwd' %}", "{% extends %} cannot be used in a clause"),
    # time
    "range": ("{% for i in range(10**9) %}x{% endfor %}", "Range too big"),
    "nested loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "more than 200,000 loop steps, calls and operations",
    ),
    "recursion": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "maximum recursion depth exceeded"),
    "fan-out": (
        "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}",
        "more than 200,000 loop steps",
    ),
    "recursive loop": ("{% for x in [1] recursive %}{{ loop([x]) }}{% endfor %}", "a recursive loop"),
    # memory
    "repeat": ("{{ 'x' * 10**9 }}", "the repeated value would be 1,000,000,000 long"),
    "list repeat": ("{{ ([1] * 10**9)|length }}", "the repeated value would be 1,000,000,000 long"),
    "power": ("{{ 2 ** 100000000 }}", "a number of more than 1,000 digits"),
    "center": ("{{ 'x'|center(10**9) }}", "the filter 'center' cannot be used"),
    "method": ("{{ 'x'.ljust(10**9) }}", "access to attribute 'ljust' of 'str' object is unsafe"),
    "percent": ("{{ '%0999999999d' % 1 }}", "a % format wider than 1,000 characters"),
    "doubling ~": (
        "{% set ns = namespace(s='xxxxxxxxxx') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}",
        "a text joined with ~ would be",
    ),
    "doubling +": (
        "{% set ns = namespace(s='xxxxxxxxxx') %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}"
        "{% endfor %}",
        "the sum would be",
    ),
    "doubling join": (
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = [ns.s, ns.s]|join %}"
        "{% endfor %}",
        "the joined text would be",
    ),
    "replace": ("{{ ('x' * 100000)|replace('', 'yyyyyyyyyy') }}", "the text after replace would be"),
    "append": (
        "{% set l = [1] %}{% for i in range(60) %}{{ l.extend(l) }}{% endfor %}",
        "access to attribute 'extend' of 'list' object is unsafe",
    ),
    "nested lists": (
        "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}"
        "{{ ns.l|string }}",
        "a list or mapping holding more than 200,000 values",
    ),
    "output": (
        "{% for i in range(100000) %}{{ 'x' * 100000 }}{% endfor %}",
        "grew past 200,000 characters",
    ),
    "block set": (
        "{% set ns = namespace(s='x' * 1000) %}{% for i in range(60) %}{% set t %}{{ ns.s }}{{ ns.s }}"
        "{% endset %}{% set ns.s = t %}{% endfor %}",
        "would be 256,004 long, more than the 200,000 a clause may make",
    ),
}


@pytest.mark.parametrize("attack", list(TEMPLATE_ATTACKS))
def test_a_hostile_template_is_refused_in_one_line_naming_the_file(tmp_path: Path, attack: str) -> None:
    template, expected = TEMPLATE_ATTACKS[attack]
    folder = folder_with(tmp_path, "# Title\n\n" + template + "\n")
    message = refusal(folder)
    if "loop steps" in expected and "rendering took more than 2 seconds" in message:
        expected = "rendering took more than 2 seconds"  # a busy machine reaches the deadline first
    assert expected in message, message
    # The line, except where the text is measured after the template has run.
    line = "" if attack == "output" else ", line 3"
    assert re.search(rf"/clauses/x\.j2{line}: clause 'x': ", message), message


def test_nothing_in_a_template_runs_a_command_or_reads_a_file(tmp_path: Path) -> None:
    marker = tmp_path / "owned"
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    for template in (
        f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}",
        f"{{{{ ''.__class__.__mro__[1].__subclasses__()[0]('{secret}') }}}}",
        f"{{% include '{secret}' %}}",
        f"{{{{ lipsum.__globals__['os'].popen('touch {marker}').read() }}}}",
    ):
        refusal(folder_with(tmp_path, template))
    assert not marker.exists()


YAML_ATTACKS = {
    "python object": (
        "clauses:\n  - !!python/object/apply:os.system ['touch {marker}']\n",
        r"clauses\.yaml, line 2: not valid YAML: could not determine a constructor",
    ),
    "billion laughs": (
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(8)
        )
        + "clauses:\n  - {id: x, section: scope, order: 1, when: *i}\n",
        r"clauses\.yaml: holds more than 200,000 values once its aliases",
    ),
    "5,000 digits": (
        "clauses:\n  - {id: x, section: scope, order: " + "9" * 5000 + "}\n",
        r"clauses\.yaml, line 2: 9{24}… has too many digits to be a number",
    ),
    "a huge value quoted": (
        "clauses:\n  - {id: x, section: scope, order: [" + ", ".join(["yes"] * 50_000) + "]}\n",
        r"clauses\.yaml, line 2: clause 'x': order must be a whole number, "
        r"not \[True, True, True, True, \.\.\.\]",
    ),
}


@pytest.mark.parametrize("attack", list(YAML_ATTACKS))
def test_a_hostile_clauses_file_is_refused_in_one_line(tmp_path: Path, attack: str) -> None:
    marker = tmp_path / "owned"
    text, expected = YAML_ATTACKS[attack]
    folder = folder_with(tmp_path, "Fine.\n", text.replace("{marker}", str(marker)))
    assert re.search(expected, refusal(folder))
    assert not marker.exists()


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "Fine.\n")
    with (folder / "en" / "clauses" / "x.j2").open("w", encoding="utf-8") as big:
        big.write("{{ org_name }} " * (50 * 1024 * 1024 // 15))
    message = refusal(folder)
    assert message.endswith("x.j2: the template is 50.0 MB; a clause library file may be at most 1 MB")


@pytest.mark.parametrize("target", ["template", "language folder"])
def test_a_link_out_of_the_folder_is_refused(tmp_path: Path, target: str) -> None:
    folder = folder_with(tmp_path, "Fine.\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.j2").write_text(SECRET, encoding="utf-8")
    if target == "template":
        (folder / "en" / "clauses" / "x.j2").unlink()
        (folder / "en" / "clauses" / "x.j2").symlink_to(outside / "x.j2")
        named = folder / "en" / "clauses" / "x.j2"
    else:
        shutil.rmtree(folder / "nl")
        (outside / "clauses").mkdir()
        (outside / "clauses" / "x.j2").write_text(SECRET, encoding="utf-8")
        (folder / "nl").symlink_to(outside)
        named = folder / "nl"
    assert refusal(folder) == (
        f"{named}: is a link to something outside the clause folder; copy the file itself into the folder"
    )


JINJA_PIECES = [
    *(template for template, _ in TEMPLATE_ATTACKS.values()),
    "{{ org_name }}",
    "{% if headcount > 10 %}",
    "{% endif %}",
    "{% for p in platforms %}",
    "{% endfor %}",
    "{{ p }}",
    "{{ facts.owner }}",
    "{{ choices('platforms', platforms) }}",
    "{% set ns = namespace(n=1) %}",
    "{{ ns.n * 10 }}",
    "**",
    "- ",
    "\n",
    "# ",
    "|",
    "{{",
    "}}",
    "{%",
    "%}",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.sampled_from(JINJA_PIECES), min_size=1, max_size=6))
def test_any_mix_of_template_code_renders_or_is_refused_in_one_line(
    tmp_path: Path, pieces: list[str]
) -> None:
    folder = folder_with(tmp_path, "".join(pieces))
    started = time.perf_counter()
    try:
        load_library(folder).assemble(COMPREHENSIVE)
    except LibraryError as error:
        assert "\n" not in str(error) and str(folder) in str(error)
    assert time.perf_counter() - started < QUICK


# --- the commands -----------------------------------------------------------------------------------


def test_the_example_folder_adds_its_clause_in_every_language(capsys: pytest.CaptureFixture[str]) -> None:
    titles = {
        "en": "Events and trade fairs",
        "nl": "Evenementen en beurzen",
        "fr": "Événements et salons",
        "de": "Veranstaltungen und Messen",
    }
    assert set(titles) == set(LANGUAGES)
    for language, title in titles.items():
        argv = ["build", "--answers", str(ROOT / "examples" / "comprehensive-brussels.yaml")]
        assert main([*argv, "--clauses", str(EXAMPLE), "--lang", language]) == 0
        out = capsys.readouterr().out
        assert f"### 7.4 {title}" in out
        assert "Kanaalzone Logistics NV vertegenwoordigt" in out or language != "nl"
    assert "## 10. Brand and tone of voice" in _built(capsys, "comprehensive-brussels.yaml")
    assert "Events and trade fairs" not in _built(capsys, "limited-small.yaml")  # its `when`


def _built(capsys: pytest.CaptureFixture[str], example: str) -> str:
    argv = ["build", "--answers", str(ROOT / "examples" / example), "--clauses", str(EXAMPLE), "--lang", "en"]
    assert main(argv) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", ["build", "review", "chat"])
def test_every_command_refuses_a_hostile_folder_in_one_line_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    folder = folder_with(tmp_path, "{% include '/etc/passwd' %}")
    policy = tmp_path / "policy.md"
    policy.write_text("# Social media policy\n\nEmployees may use social media.\n", encoding="utf-8")
    argv = {
        "build": ["build", "--answers", str(ROOT / "examples" / "limited-small.yaml")],
        "review": ["review", str(policy)],
        "chat": ["--new"],  # the chat checks the folder before it takes over the terminal
    }[command]
    assert main([*argv, "--clauses", str(folder)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1, err
    assert err.startswith(f"policy-assistant: {folder}/") and "{% include %} cannot be used" in err


def test_review_names_the_fixes_as_the_firms_library_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "firm"
    for language in LANGUAGES:
        template = folder / language / "clauses" / "monitoring_never.j2"
        template.parent.mkdir(parents=True)
        template.write_text("# Our firm's monitoring limits\nNever read private messages.\n", "utf-8")
    policy = tmp_path / "policy.md"
    policy.write_text(
        "# Social media policy\n\nThe company monitors all private messages of employees.\n", "utf-8"
    )
    assert main(["review", str(policy), "--format", "md", "--clauses", str(folder)]) == 0
    with_firm = capsys.readouterr().out
    assert main(["review", str(policy), "--format", "md"]) == 0
    ours = capsys.readouterr().out
    # The fix is named, and its text shown, as the firm's library words it.
    assert "Our firm's monitoring limits (monitoring\\_never)" in with_firm
    assert "> Never read private messages." in with_firm
    assert "Our firm's" not in ours and "(monitoring\\_never)" in ours


@async_test
async def test_the_chat_drafts_with_the_firms_clauses(home: Path) -> None:
    write_draft(home, session_at("effective_date", COMPREHENSIVE), "firm")
    app = make_app(home, resume="firm", drafter=clause_drafter([EXAMPLE]))
    async with app.run_test(size=(130, 40)) as pilot:
        chat = chat_of(app)
        await wait_for(
            pilot, lambda: chat.conversation.policy.document is not None, what="the preview's policy"
        )
        assert "events_and_trade_fairs" in chat.conversation.policy.document.clause_ids()
        preview = chat.side_preview
        await wait_for(pilot, lambda: preview.rendered is not None)
        # A firm in Flanders sees the Dutch version first: the one the law requires.
        assert any("Evenementen en beurzen" in strip.text for strip in preview.rendered.lines)


@async_test
async def test_the_chat_preview_says_why_a_firms_clause_fails(home: Path, tmp_path: Path) -> None:
    loops = "{% for i in range(100000) %}{% for j in range(9) %}{% endfor %}{% endfor %}"
    folder = folder_with(tmp_path, loops)
    write_draft(home, session_at("effective_date", COMPREHENSIVE), "firm")
    app = make_app(home, resume="firm", drafter=clause_drafter([folder]))
    async with app.run_test(size=(130, 40)) as pilot:
        chat = chat_of(app)
        await wait_for(
            pilot, lambda: chat.conversation.policy.problem is not None, what="the preview's problem"
        )
        assert chat.conversation.policy.problem.startswith("The preview is not available: ")
        assert "x.j2, line 1: clause 'x': more than 200,000 loop steps" in chat.conversation.policy.problem
        assert app.is_running


def test_os_environment_is_not_changed_by_a_library(tmp_path: Path) -> None:
    before = dict(os.environ)
    load_library(EXAMPLE).assemble(COMPREHENSIVE)
    assert dict(os.environ) == before


def test_what_a_clause_legitimately_does_still_renders(tmp_path: Path) -> None:
    """The limits leave ordinary template code alone: loops, conditions, macros, a namespace, the
    allowed filters and methods, joins of generated items, arithmetic."""
    template = (
        "# Our platforms\n"
        "{% macro label(p) %}{{ choice('platforms', p) }}{% endmacro %}"
        "{% set ns = namespace(count=0) %}"
        "{% for p in platforms if p != 'x' %}{% set ns.count = ns.count + 1 %}{% endfor %}"
        "{{ org_name|upper|replace(' NV', '') }} uses {{ ns.count }} platforms: "
        "{{ ', '.join(platforms|map('upper')) }}; {{ platforms|map('title')|join(' / ') }}. "
        "{{ label('linkedin') }} first{% if headcount * 2 > 100 %}, for {{ headcount // 10 * 10 }}+ staff"
        "{% endif %}. {{ '%d%%' % 50 }} {{ 'a-b'.split('-')|length }} {{ (org_name ~ '!')|length }}"
    )
    document = load_library(folder_with(tmp_path, template)).assemble(COMPREHENSIVE)
    text = document.clause("x").blocks[0].runs[0].text
    assert text.startswith("KANAALZONE LOGISTICS uses 6 platforms: LINKEDIN, FACEBOOK, INSTAGRAM, X, TIKTOK")
    assert "Linkedin / Facebook / Instagram" in text
    assert "LinkedIn first, for 240+ staff. 50% 2 24" in text
