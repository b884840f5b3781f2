"""A foreign clause folder is loaded and rendered in a separate process with resource limits (issue 14,
item 2 of what to build).

The sandbox bounds each clause; the process is the second wall, for what a folder can still do within
the sandbox (a hundred clauses of 190,000 characters each, thousands of templates to compile) or what
the sandbox may miss. A folder that breaks a limit gets one line naming the folder and the limit, exit
code 2, and nothing written; the chat's preview keeps working, in a new process.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from pathlib import Path

import pytest
import yaml

from assistant.cli import main
from assistant.commands.chat import clause_drafter
from clauses import LibraryError, isolation, load_library, loader
from clauses.isolation import ForeignLibrary
from clauses.library import DEFAULT_FOLDER, Library

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "custom-clauses"
ANSWERS = dict(yaml.safe_load((ROOT / "examples" / "comprehensive-brussels.yaml").read_text("utf-8")))
LANGUAGES = ("en", "nl", "fr", "de")


def folder_of(tmp_path: Path, templates: dict[str, str]) -> Path:
    """A clause folder adding each clause of `templates` (id -> text) to the scope, in every language."""
    folder = tmp_path / "firm"
    folder.mkdir()
    lines = ["clauses:"] + [
        f"  - {{id: {clause_id}, section: scope, order: {100 + number}}}"
        for number, clause_id in enumerate(templates)
    ]
    (folder / "clauses.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for language in LANGUAGES:
        (folder / language / "clauses").mkdir(parents=True)
        for clause_id, text in templates.items():
            (folder / language / "clauses" / f"{clause_id}.j2").write_text(text, encoding="utf-8")
    return folder


def alive(library: ForeignLibrary) -> bool:
    process = library._process
    return process is not None and process.poll() is None


def test_a_foreign_folder_renders_exactly_as_it_would_in_process() -> None:
    isolated = load_library(EXAMPLE)
    assert isinstance(isolated, ForeignLibrary)
    ours = Library(loader.read((DEFAULT_FOLDER, EXAMPLE)))
    assert isolated.languages == ours.languages and isolated.clause_ids == ours.clause_ids
    for language in ours.languages:
        for partial in (False, True):
            assert isolated.assemble(ANSWERS, language, partial=partial) == ours.assemble(
                ANSWERS, language, partial=partial
            )
        assert isolated.implementation_notes(ANSWERS, language) == ours.implementation_notes(
            ANSWERS, language
        )
    assert isolated.text("nl", "sections.brand") == ours.text("nl", "sections.brand")
    isolated.close()


@pytest.mark.skipif(not Path("/proc/self/limits").exists(), reason="reads the limits in /proc")
def test_the_process_runs_with_its_limits() -> None:
    library = load_library(EXAMPLE)
    assert alive(library)
    limits = Path(f"/proc/{library._process.pid}/limits").read_text(encoding="utf-8")  # type: ignore[union-attr]
    rows = {line[:26].strip(): line[26:].split() for line in limits.splitlines()[1:]}
    assert rows["Max address space"][:2] == [str(isolation.MAX_MEMORY)] * 2
    assert rows["Max file size"][:2] == ["0", "0"]
    assert int(rows["Max cpu time"][0]) <= isolation.LOAD_CPU + 60  # set afresh before each document
    library.close()
    assert not alive(library)


def test_a_folder_making_too_much_output_is_refused_in_one_line_with_exit_2_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Each clause keeps within the sandbox (190,000 characters); together they make 19 MB.
    folder = folder_of(tmp_path, {f"big{number}": "{{ 'x' * 190000 }}\n" for number in range(100)})
    output = tmp_path / "policy.md"
    argv = ["build", "--answers", str(ROOT / "examples" / "comprehensive-brussels.yaml"), "--clauses"]
    assert main([*argv, str(folder), "--output", str(output)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"policy-assistant: {folder}: the clause folder made more than 16 MB of output while assembling "
        "the policy\n"
    )
    assert not output.exists()


def test_a_folder_too_slow_to_compile_is_stopped_at_its_cpu_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 400 templates of 300 conditions each: some 20 s of CPU to compile (ours take 0.5 s).
    slow = "{% if org_name %}{{ org_name }}{% endif %}\n" * 300
    folder = folder_of(tmp_path, {f"slow{number}": slow for number in range(100)})
    monkeypatch.setattr(isolation, "LOAD_CPU", 1)
    with pytest.raises(LibraryError) as caught:
        load_library(folder)
    assert (
        str(caught.value)
        == f"{folder}: the clause folder went over its CPU time limit (1 s) while loading it"
    )


@pytest.mark.parametrize(
    ("limit", "value", "expected"),
    [
        ("MAX_MEMORY", 20 * 1024 * 1024, "went over its memory limit (20 MB) while loading it"),
        ("LOAD_SECONDS", 0.05, "took more than 0.05 s while loading it"),
    ],
)
def test_a_limit_broken_while_loading_is_one_line_naming_the_folder_and_the_limit(
    monkeypatch: pytest.MonkeyPatch, limit: str, value: float, expected: str
) -> None:
    monkeypatch.setattr(isolation, limit, value)
    with pytest.raises(LibraryError) as caught:
        load_library(EXAMPLE)
    assert str(caught.value) == f"{EXAMPLE}: the clause folder {expected}"


def test_a_crash_is_one_line_naming_the_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(isolation, "_BOOTSTRAP", "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)")
    with pytest.raises(LibraryError) as caught:
        load_library(EXAMPLE)
    assert str(caught.value) == (
        f"{EXAMPLE}: the process rendering the clause folder crashed while loading it (signal SIGSEGV)"
    )


def test_after_a_limit_or_a_lost_process_the_next_document_starts_a_new_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A clause of the policy (not of the notes) that renders until the sandbox's 2-second deadline.
    slow = "{% for i in range(99999) %}{{ ('&#1' * 66666)|striptags|length }}{% endfor %}\n"
    library = load_library(folder_of(tmp_path, {"slow": slow}))
    first = library._process
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    assert library.implementation_notes(ANSWERS).kind == "implementation_notes"
    monkeypatch.setattr(isolation, "REQUEST_SECONDS", 0.5)
    with pytest.raises(
        LibraryError, match=r"the clause folder took more than 0\.5 s while assembling the policy"
    ):
        library.assemble(ANSWERS)
    assert library.implementation_notes(ANSWERS, "fr").language == "fr"
    library.close()


def test_documents_asked_for_from_several_threads_at_once_all_arrive() -> None:
    library = load_library(EXAMPLE)
    expected = {language: library.assemble(ANSWERS, language) for language in LANGUAGES}
    results: dict[str, object] = {}

    def assemble(language: str) -> None:
        results[language] = library.assemble(ANSWERS, language, partial=True)

    threads = [threading.Thread(target=assemble, args=(language,)) for language in LANGUAGES]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results == expected
    library.close()


def test_the_process_ends_with_the_library() -> None:
    library = load_library(EXAMPLE)
    process = library._process
    del library
    gc.collect()
    assert process.wait(timeout=10) is not None


def test_the_process_never_imports_code_from_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A folder received from someone else may hold a Python package named like ours; the user may
    # well run the command from inside it.
    marker = tmp_path / "owned"
    fake = tmp_path / "clauses"
    fake.mkdir()
    (fake / "__init__.py").write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    (fake / "worker.py").write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", [entry for entry in sys.path if entry not in ("", ".")])
    library = load_library(EXAMPLE)
    library.assemble(ANSWERS)
    library.close()
    assert not marker.exists()


def test_the_chat_preview_keeps_working_after_its_process_was_lost() -> None:
    drafter = clause_drafter([EXAMPLE])
    process = drafter.library()._process
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    document = drafter.assemble(ANSWERS, "nl", partial=True)
    assert "events_and_trade_fairs" in document.clause_ids()
