"""The sandbox's budgets cover every step of a clause (issue 14, item 2).

Before: helpers ran outside the budget (format_list on 99,999 items took 18-42 s, choices() 31 s), the
2-second deadline was read only every 256 steps (a |striptags loop ran 10.7 s), a named % format
(``%(a)3000000000s``) slipped past the width guard (2.96 GB), and a tuple nested 198,000 deep, tested
with ``in {}``, crashed Python itself (SIGSEGV). Now each is refused in one line naming the clause's
file and line, within the deadline and a small amount of memory.

Each attack runs in a child process with a memory limit (tests/hardening/childrun.py), so an attack
that is not refused fails its test (MemoryError, a crash, a timeout) instead of taking the test run or
the machine down. The child renders in-process, as our own library does: this tests the sandbox itself,
not the separate process a foreign folder renders in (tests/hardening/test_isolated_folders.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from childrun import assert_refused, run_library


def folder_with(tmp_path: Path, template: str, when: str | None = None) -> Path:
    folder = tmp_path / "firm"
    folder.mkdir()
    condition = "" if when is None else f", when: {json.dumps(when)}"
    (folder / "clauses.yaml").write_text(
        f"clauses:\n  - {{id: x, section: scope, order: 99{condition}}}\n", encoding="utf-8"
    )
    for language in ("en", "nl", "fr", "de"):
        (folder / language / "clauses").mkdir(parents=True)
        (folder / language / "clauses" / "x.j2").write_text(template, encoding="utf-8")
    return folder


ATTACKS = {
    "format_list on 99,999 items": (
        "{{ format_list(range(99999)|map('string')|list) }}",
        "a list of more than 1,000 items for a helper (format_list, choices)",
    ),
    "format_list on a generator": (
        "{{ format_list(range(99999)|map('string')) }}",
        "a list of more than 1,000 items for a helper (format_list, choices)",
    ),
    "choices on 99,999 items": (
        "{{ choices('platforms', ['linkedin'] * 99999) }}",
        "a list of more than 1,000 items for a helper (format_list, choices)",
    ),
    "a slow filter in a loop": (
        "{% set s = '&#1' * 66666 %}{% for i in range(99999) %}{{ (s|striptags)|length }}{% endfor %}",
        "rendering took more than 2 seconds",
    ),
    "a slow method in a loop": (
        "{% set s = ' x' * 99999 %}{% for i in range(99999) %}{{ s.split()|length }}{% endfor %}",
        "",  # the steps or the deadline, whichever comes first on this machine
    ),
    "named % width": (
        '{{ ("%(a)3000000000s" % {"a": "x"})|length }}',
        "a % format wider than 1,000 characters",
    ),
    "% width with a key in nested parentheses": (
        '{{ ("%((a))3000000000s" % {"(a)": "x"})|length }}',
        "a % format wider than 1,000 characters",
    ),
    "% width from the values": ('{{ ("%*s" % (300000000, "x"))|length }}', "takes its width from the values"),
    "a % field repeated": (
        "{{ (('%(a)s' * 20000) % {'a': 'x' * 100000})|length }}",
        "the text after % would be",
    ),
    "% fields with a namespace": (
        "{% set ns = namespace(a='x' * 100000) %}{{ (('%(a)s' * 20000) % ns)|length }}",
        "a % format with %(name) fields takes a mapping",
    ),
    "a tuple nested 198,000 deep, tested with in {}": (
        "{% set ns = namespace(t=()) %}{% for j in range(2) %}{% for i in range(99000) %}"
        "{% set ns.t = (ns.t,) %}{% endfor %}{% endfor %}{{ ns.t in {} }}",
        "lists or mappings nested more than 100 deep",
    ),
    "a macro's varargs nested 198,000 deep": (
        "{% set ns = namespace(t=()) %}{% macro f() %}{% set ns.t = varargs %}{% endmacro %}"
        "{% for j in range(2) %}{% for i in range(99000) %}{{ f(ns.t) }}{% endfor %}{% endfor %}"
        "{{ ns.t in {} }}",
        "lists or mappings nested more than 100 deep",
    ),
    "a list holding itself twice, printed": (
        "{% set ns = namespace(l=[1]) %}{% for i in range(26) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}"
        "{{ ns.l }}",
        "a list or mapping holding more than 200,000 values",
    ),
    "a long text repeated in a tuple": (
        "{% set s = 'x' * 100000 %}{{ (('%s' * 2000) % ((s,) * 2000))|length }}",
        "a list or mapping holding more than 200,000 values",
    ),
    "strip with 200,000 characters": (
        "{% set s = 'x' * 200000 %}{{ s.strip('y' * 199999 ~ 'x')|length }}",
        "more than 1,000 characters to strip",
    ),
    "trim with 200,000 characters": (
        "{% set s = 'x' * 200000 %}{{ s|trim('y' * 199999 ~ 'x')|length }}",
        "more than 1,000 characters to strip",
    ),
    "brackets nested 5,000 deep": ("{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}", "nested too deeply"),
    "lists nested 5,000 deep": ("{{ " + "[" * 5000 + "1" + "]" * 5000 + " }}", "nested too deeply"),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_an_attack_on_the_budget_is_refused_quickly_in_one_line(tmp_path: Path, attack: str) -> None:
    template, expected = ATTACKS[attack]
    folder = folder_with(tmp_path, "# Title\n\n" + template + "\n")
    message = assert_refused(run_library(folder), expected, folder)
    assert "/clauses/x.j2" in message and "clause 'x': " in message


def test_a_condition_nested_too_deeply_is_a_load_error_naming_clauses_yaml(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, "Fine.\n", when="(" * 5000 + "true" + ")" * 5000)
    message = assert_refused(run_library(folder), "nested too deeply", folder)
    assert message.startswith(f"{folder / 'clauses.yaml'}, line 2: clause 'x': ")


def test_ordinary_template_code_still_renders_within_the_budget(tmp_path: Path) -> None:
    template = (
        "# Our platforms\n"
        "{{ '%s has %d staff (%.1f%%)' % (org_name, headcount, 12.5) }} {{ '%(n)s' % {'n': org_name} }} "
        "{{ format_list(platforms) }}; {{ choices('platforms', platforms) }}; "
        "{{ [1, (2, 3), {'a': [4, platforms]}]|length }} {{ {'a': 1}.items()|list|length }} "
        "{% macro m() %}{{ varargs|length }}{% endmacro %}{{ m(platforms, [platforms]) }} "
        "{{ (platforms|list + ['x'])|unique|list|length }} {{ ('  x  ' ~ org_name)|trim }}"
    )
    report = run_library(folder_with(tmp_path, template))
    assert report["outcome"] == "accepted", report
