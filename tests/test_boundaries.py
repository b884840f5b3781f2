"""The layers hold: the import contracts in pyproject.toml (`lint-imports`), and the core packages load
no UI when imported, as harlequin keeps its core free of Textual.

`lint-imports` reads every import, function-local ones too; importing every module also catches what it
cannot see, such as a name given to `importlib.import_module`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = {
    "dialogue": {"textual", "assistant", "clauses"},
    "clauses": {"textual", "assistant", "dialogue"},
    "datafiles": {"textual", "assistant", "dialogue", "clauses"},
}


def lint_imports() -> str:
    here = str(Path(sys.executable).parent)
    found = shutil.which("lint-imports", path=here) or shutil.which("lint-imports")
    assert found, "import-linter is part of the test extra: pip install -e '.[test]'"
    return found


def test_the_import_contracts_hold() -> None:
    result = subprocess.run(
        [lint_imports(), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert " broken" in result.stdout and "0 broken" in result.stdout, result.stdout


@pytest.mark.parametrize("package", sorted(CORE))
def test_importing_every_module_loads_no_ui(package: str) -> None:
    modules = [
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in (ROOT / package).rglob("*.py")
    ]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({sorted(CORE[package])!r})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]", result.stdout


def test_the_contracts_catch_an_offending_import(tmp_path: Path) -> None:
    """The same contracts, over stand-ins for the packages: a dialogue module that imports the UI."""
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    # The contracts between the packages (those within the app need its modules).
    parts = config[config.index("\n[tool.importlinter]") :].split("\n[[tool.importlinter.contracts]]")
    contracts = "\n[[tool.importlinter.contracts]]".join(parts[:3])
    (tmp_path / "pyproject.toml").write_text(contracts, encoding="utf-8")
    for package in ("assistant", "dialogue", "clauses", "datafiles"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "dialogue" / "bad.py").write_text("def f():\n    import textual.app\n", encoding="utf-8")
    result = subprocess.run([lint_imports(), "--no-cache"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "dialogue.bad -> textual (l.2)" in result.stdout, result.stdout
