"""Files and the network: drafts only the user can read, no file replaced without consent, and no
code path that needs (or may use) the network."""

from __future__ import annotations

import ast
import os
import socket
import stat
from pathlib import Path

import pytest
from uihelp import answers_file, async_test, chat_of, give, make_app, wait_for

from assistant.cli import main
from assistant.drafting import PolicyDrafter
from assistant.exporting import ExportProblem, ExportRequest, export

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("assistant", "dialogue", "clauses")
LIMITED = answers_file("limited-small.yaml")


def modes(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize("existing", [False, True], ids=["new folder", "folder made 0755 by hand"])
@async_test
async def test_drafts_are_readable_only_by_the_user(home: Path, existing: bool) -> None:
    folder = home / "drafts"
    if existing:
        folder.mkdir(mode=0o755)
        folder.chmod(0o755)
    previous = os.umask(0)  # the loosest umask: the modes must not depend on it
    try:
        app = make_app(home)
        async with app.run_test(size=(80, 24)) as pilot:
            await give(pilot, "limited")
            await wait_for(pilot, lambda: chat_of(app).session.current.id == "org_name")
    finally:
        os.umask(previous)
    [draft] = folder.glob("*.yaml")
    assert modes(draft) == 0o600
    assert modes(folder) == 0o700


def test_build_never_replaces_a_file_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = str(ROOT / "examples" / "limited-small.yaml")  # a Walloon bakery: the French version
    for suffix in ("md", "html", "docx", "txt"):
        output = tmp_path / f"policy.{suffix}"
        target = tmp_path / f"policy-fr.{suffix}"
        target.write_bytes(b"mine")
        assert main(["build", "--answers", answers, "--output", str(output)]) == 2
        refused = f"policy-assistant: {target} already exists; use --force to replace it\n"
        assert capsys.readouterr().err == refused
        assert target.read_bytes() == b"mine"
        assert main(["build", "--answers", answers, "--output", str(output), "--force"]) == 0
        assert target.read_bytes() != b"mine"
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"policy-fr.{s}" for s in ("docx", "html", "md", "txt")]


def test_a_link_in_place_of_an_export_is_never_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    link = tmp_path / "policy-fr.md"  # the French version of a Walloon bakery's policy
    link.symlink_to(precious)
    answers = str(ROOT / "examples" / "limited-small.yaml")
    output = str(tmp_path / "policy.md")
    assert main(["build", "--answers", answers, "--output", output]) == 2
    assert main(["build", "--answers", answers, "--output", output, "--force"]) == 0
    capsys.readouterr()
    assert precious.read_text(encoding="utf-8") == "keep me", "--force replaces the link, not its target"
    assert not link.is_symlink()


def test_review_never_replaces_a_report_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "policy.txt"
    policy.write_text("Employees may use social media in their own time.\n", encoding="utf-8")
    report = tmp_path / "review.html"
    report.write_text("mine", encoding="utf-8")
    assert main(["review", str(policy), "-o", str(report)]) == 2
    assert "already exists; use --force to replace it" in capsys.readouterr().err
    assert report.read_text(encoding="utf-8") == "mine"


def test_a_file_that_appears_during_an_export_is_not_replaced(tmp_path: Path) -> None:
    # The app asks about files that exist when the dialog closes; one created after that is kept.
    request = ExportRequest(tmp_path, "policy", ("md", "docx"), notes=False)
    (tmp_path / "policy-en.docx").write_bytes(b"appeared meanwhile")
    with pytest.raises(ExportProblem, match=r"policy-en\.docx already exists;") as raised:
        export(PolicyDrafter(), LIMITED, request)
    assert raised.value.written == [tmp_path / "policy-en.md"]  # the app says what was written before
    assert (tmp_path / "policy-en.docx").read_bytes() == b"appeared meanwhile"


# --- the network ----------------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_no_socket_can_be_opened_in_the_tests() -> None:
    with pytest.raises(Exception, match="socket"):  # pytest-socket's SocketBlockedError
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(Exception, match="socket"):
        socket.create_connection(("127.0.0.1", 9))


NETWORK_MODULES = {
    "socket", "ssl", "http", "urllib", "ftplib", "smtplib", "poplib", "imaplib", "telnetlib", "xmlrpc",
    "webbrowser", "requests", "httpx", "aiohttp", "urllib3", "websockets",
}  # fmt: skip


# `policy-assistant serve` is the one part that listens, and only when asked to: its web server is these
# modules, which only the serve command imports (tests/browser checks what they let through).
WEB_SERVER = {ROOT / "assistant" / "serving" / name for name in ("web.py", "logs.py", "addresses.py")}


@pytest.mark.parametrize("package", PRODUCT)
def test_no_product_code_imports_a_network_module(package: str) -> None:
    for path in sorted((ROOT / package).rglob("*.py")):
        if path in WEB_SERVER:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in NETWORK_MODULES, f"{path}:{node.lineno} imports {name}"


def test_only_the_serve_command_imports_the_web_server() -> None:
    names = [f"assistant.serving.{server.stem}" for server in WEB_SERVER]
    importers = sorted(
        str(path.relative_to(ROOT))
        for package in PRODUCT
        for path in (ROOT / package).rglob("*.py")
        if path not in WEB_SERVER and any(name in path.read_text(encoding="utf-8") for name in names)
    )
    assert importers == ["assistant/commands/serve.py"]
