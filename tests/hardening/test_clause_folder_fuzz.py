"""Fuzzing clause folders: 2,200 generated templates and folders, each loaded or refused in one line, quickly.

Templates (1,200 examples) are put together from pieces of template code, hostile and ordinary, and
assembled into a whole policy as clause 'x' of a library compiled once; folders (1,000 examples) are
files of generated YAML, texts with fields, and files of every kind, read by the loader. Whatever comes
out, it is a document or a LibraryError of one line naming the folder, never another exception, a
hang or a memory bomb. The whole module takes about a minute.
"""

from __future__ import annotations

import os
import resource
import shutil
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import TemplateSyntaxError

from clauses import loader, safefiles
from clauses.errors import LibraryError
from clauses.library import DEFAULT_FOLDER, Library

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = dict(yaml.safe_load((ROOT / "examples" / "comprehensive-brussels.yaml").read_text("utf-8")))
QUICK = 5.0  # seconds for any one example: the render deadline is 2 s
GROWTH = 300  # MB the whole run may add to the test process's peak memory
TEMPLATE_EXAMPLES = 1_200
FOLDER_EXAMPLES = 1_000


@pytest.fixture(scope="module")
def peak_before() -> int:
    """The test process's peak memory before this module's examples ran."""
    return _peak_mb()


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, peak_before: int) -> Library:
    """Ours with clause 'x' added, compiled once; each example replaces x's template."""
    folder = tmp_path_factory.mktemp("fuzz") / "firm"
    folder.mkdir()
    (folder / "clauses.yaml").write_text("clauses:\n  - {id: x, section: scope, order: 99}\n", "utf-8")
    for language in ("en", "nl", "fr", "de"):
        (folder / language / "clauses").mkdir(parents=True)
        (folder / language / "clauses" / "x.j2").write_text("Fine.\n", "utf-8")
    return Library(loader.read((DEFAULT_FOLDER, folder)))


def _peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


TEMPLATE_PIECES = [
    # ordinary
    *("{{ org_name }}", "{{ headcount }}", "{{ facts.owner }}", "{{ doc.this }}", "{{ p }}", "\n", "- "),
    *("{% if headcount > 10 %}", "{% endif %}", "{% for p in platforms %}", "{% endfor %}", "# ", "**"),
    *(
        "{{ choices('platforms', platforms) }}",
        "{{ format_list(platforms) }}",
        "{{ choice('platforms', p) }}",
    ),
    *("{% set ns = namespace(n=1, t=(), l=[1]) %}", "{{ ns.n * 10 }}", "{% set ns.n = ns.n + 1 %}"),
    *(
        "{{ platforms|join(', ') }}",
        "{{ org_name|upper|replace('NV', 'nv') }}",
        "{{ '%s-%d' % (org_name, 3) }}",
    ),
    *("{% macro m(x) %}{{ x }}{{ varargs|length }}{% endmacro %}", "{{ m(org_name, platforms) }}", "|", "}}"),
    *("{{", "{%", "%}", "(", ")", "[", "]", "{", "}", ",", "'", "~", "*", "%", " in ", " is ", "not "),
    # hostile
    *("{% for i in range(99999) %}", "{% for j in range(99999) %}", "{{ 'x' * 190000 }}", "{{ 2 ** 99999 }}"),
    *("{% set ns.t = (ns.t,) %}", "{% set ns.l = [ns.l, ns.l] %}", "{{ ns.t in {} }}", "{{ ns.l }}"),
    *(
        "{{ ('%(a)3000000000s' % {'a': 1}) }}",
        "{{ '%*s' % (10**9, 1) }}",
        "{{ ('%s' * 9999) % ((p,) * 9999) }}",
    ),
    *("{{ format_list(range(99999)|list) }}", "{{ choices('platforms', ['x'] * 99999) }}"),
    *(
        "{{ ('&#1' * 66666)|striptags }}",
        "{{ ('x' * 199999).strip('y' * 199999) }}",
        "{{ org_name|center(10**9) }}",
    ),
    *("{{ ''.__class__ }}", "{{ lipsum }}", "{% include 'x' %}", "{{ self }}", "{{ org_name.format }}"),
    *("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "{% for x in [1] recursive %}", "((((((((((("),
    *("[[[[[[[[[[[[", "{{ statute('gdpr') }}", "{{ range(10**9) }}", "{{ platforms|sum(start=[]) }}"),
]


@settings(
    max_examples=TEMPLATE_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    pieces=st.lists(st.sampled_from(TEMPLATE_PIECES), min_size=1, max_size=8),
    language=st.sampled_from(["en", "nl"]),
)
def test_any_template_renders_or_is_refused_in_one_line(
    library: Library, pieces: list[str], language: str
) -> None:
    text = "".join(pieces)
    environment = library.environment
    path = library._language(language).paths["x"]
    started = time.perf_counter()
    try:
        code = environment.compile(text, name="x", filename=str(path))
    except TemplateSyntaxError:
        return  # the library reports it as one LibraryError naming the file and line (test_custom_clauses)
    finally:
        assert time.perf_counter() - started < QUICK
    # The only place the library keeps compiled templates: swapped for this example.
    library._language(language).templates["x"] = environment.template_class.from_code(  # type: ignore[index]
        environment, code, environment.make_globals(None)
    )
    started = time.perf_counter()
    try:
        document = library.assemble(ANSWERS, language)
    except LibraryError as error:
        message = str(error)
        assert "\n" not in message and message.startswith(f"{path.parents[2]}/"), message  # the folder
    else:
        assert document.language == language
    assert time.perf_counter() - started < QUICK


# --- folders -----------------------------------------------------------------------------------------

SCALARS = st.one_of(
    st.sampled_from(
        ["1:30", "1:1:1:1", "'1:30'", "!!int 1:30", "0x1F", "0b101", "1_000", "9" * 5000, "~", "[]"]
    ),
    st.sampled_from(
        ["{department}", "'{department.__class__}'", "'{title:>99999999}'", "'{'", "'}}'", "'{0}'"]
    ),
    st.sampled_from(
        ["&a [x, x]", "*a", "!!python/object/apply:os.system ['true']", "'" + "x" * 120_000 + "'"]
    ),
    st.text(max_size=30),
)
KEYS = st.sampled_from(
    [
        "titles",
        "comprehensive",
        "annex_label",
        "sections",
        "scope",
        "language",
        "locale",
        "dates",
        "long",
        "x",
        "<<",
    ]
)


@st.composite
def yaml_texts(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        indent = "  " * draw(st.integers(0, 2))
        lines.append(f"{indent}{draw(KEYS)}: {draw(SCALARS)}")
    return "\n".join(lines) + "\n"


FILE_KINDS = (
    "text",
    "text",
    "text",
    "fifo",
    "loop",
    "dangling",
    "folder",
    "hard link",
    "outside link",
    "big",
)


def _make(path: Path, kind: str, text: str, scratch: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "text":
        path.write_text(text, encoding="utf-8")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "loop":
        path.symlink_to(path.name)
    elif kind == "dangling":
        path.symlink_to("nowhere")
    elif kind == "folder":
        path.mkdir()
    elif kind in ("hard link", "outside link"):
        outside = scratch / f"outside-{path.name}"
        outside.write_text(text, encoding="utf-8")
        os.link(outside, path) if kind == "hard link" else path.symlink_to(outside)
    elif kind == "big":
        with path.open("wb") as big:
            big.truncate(2 * 1024 * 1024)  # sparse: 2 MB that cost nothing to make


FOLDER_FILES = ("clauses.yaml", "sections.yaml", "statutes.yaml", "en/strings.yaml", "nl/strings.yaml")
FOLDER_FILES += ("nl/statutes.yaml", "nl/clauses/x.j2", "fr/clauses/y.j2")


@settings(
    max_examples=FOLDER_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    files=st.dictionaries(
        st.sampled_from(FOLDER_FILES), st.tuples(st.sampled_from(FILE_KINDS), yaml_texts()), max_size=5
    )
)
def test_any_folder_is_read_or_refused_in_one_line(tmp_path: Path, files: dict[str, tuple[str, str]]) -> None:
    scratch = tmp_path / "fuzz"
    shutil.rmtree(scratch, ignore_errors=True)
    folder = scratch / "firm"
    folder.mkdir(parents=True)
    for name, (kind, text) in files.items():
        _make(folder / name, kind, text, scratch)
    started = time.perf_counter()
    try:
        # The foreign folder alone, as loader.read reads each folder (ours is read the same way).
        with safefiles.folder(folder):
            loader._read_folder(folder, loader.LibrarySource())
    except LibraryError as error:
        message = str(error)
        assert "\n" not in message and message.startswith(str(folder)), message
    assert time.perf_counter() - started < QUICK


def test_the_fuzzing_left_the_memory_alone(peak_before: int) -> None:
    # Runs after the two above in this module: no example raised the process's peak by much.
    assert _peak_mb() - peak_before < GROWTH
