"""`policy-assistant serve` refuses to start without what it needs, in one line, with exit code 2."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.serving.access import digest, load_people

TOKEN = "a-test-token-of-forty-characters-or-so-x"


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["serve", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    error = captured.err
    assert error.startswith("policy-assistant: ") and error.count("\n") == 1, error
    return error


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])
def test_another_address_needs_a_token(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, host: str
) -> None:
    monkeypatch.delenv("POLICY_ASSISTANT_TOKEN", raising=False)
    error = refused(capsys, "--host", host)
    assert f"--host {host}: other computers could open the assistant; give an access token" in error


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--token", "short"], "the access token cannot be used: it is shorter than 16 characters"),
        (["--token", TOKEN, "--users", "people.yaml"], "--token and --users cannot be used together"),
        (["--new-token", "--token", TOKEN], "--token and --new-token cannot be used together"),
        (["--users", "missing.yaml"], "--users missing.yaml: there is no such file"),
        (["--port", "70000"], "--port 70000: a port is a number from 1 to 65535"),
        (["--max-tabs", "0"], "--max-tabs 0: at least 1"),
        (["--certificate", "cert.pem"], "--certificate and --key go together"),
        (["--lang", "xx"], "--lang xx: not a language the assistant talks in"),
        (["--add-user", "anna"], "--add-user needs --users FILE"),
        (["--clauses", "no-such-folder"], "no-such-folder"),
    ],
)
def test_bad_options_are_one_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    error = refused(capsys, *argv)
    assert message in error
    assert TOKEN not in error


def test_a_certificate_that_cannot_be_read_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    certificate = tmp_path / "cert.pem"
    certificate.write_text("not a certificate", encoding="utf-8")
    error = refused(capsys, "--certificate", str(certificate), "--key", str(certificate))
    assert "cannot be used" in error


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_bad_users_file_stops_the_start(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    people = tmp_path / "people.yaml"
    people.write_text(f"anna: {TOKEN}\n", encoding="utf-8")
    people.chmod(0o644)
    error = refused(capsys, "--users", str(people))
    assert "other accounts on this computer may read it; chmod 600" in error
    people.chmod(0o600)
    people.write_text("anna: [\n", encoding="utf-8")
    assert "line 2" in refused(capsys, "--users", str(people))


def test_add_user_prints_the_token_once_and_keeps_its_digest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    people = tmp_path / "people.yaml"
    assert main(["serve", "--users", str(people), "--add-user", "anna"]) == 0
    printed = capsys.readouterr().out
    token = next(line.strip() for line in printed.splitlines() if line.startswith("    "))
    assert printed.count(token) == 2  # on its own, and in the address to open
    assert f"anna: sha256:{digest(token).hex()}" in people.read_text(encoding="utf-8")
    assert load_people(people, tmp_path).person_with(token).name == "anna"
