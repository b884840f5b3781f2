"""Who may open the served assistant: access tokens, the users file, each person's folder (no browser)."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.serving.access import (
    Access,
    AccessError,
    add_person,
    digest,
    load_people,
    make_private,
    new_token,
)
from assistant.serving.logs import COOKIE, Redacting
from assistant.serving.web import browser_language

ANNA = "anna-s-token-nobody-guesses-1234"
BRAM = "bram-s-token-nobody-guesses-5678"


def users_file(folder: Path, text: str, mode: int = 0o600) -> Path:
    path = folder / "people.yaml"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


# --- tokens ---------------------------------------------------------------------------------------


def test_a_made_token_is_long_random_and_fits_in_an_address() -> None:
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(token) >= 43 and token.replace("-", "").replace("_", "").isalnum() for token in tokens)


@pytest.mark.parametrize(
    ("token", "problem"),
    [
        ("short-token", "shorter than 16 characters"),
        ("a token with spaces in it", "only visible characters, no spaces"),
        ("tab\tseparated-token-here", "only visible characters, no spaces"),
    ],
)
def test_a_weak_token_is_refused_without_repeating_it(token: str, problem: str) -> None:
    with pytest.raises(AccessError) as refused:
        Access.single(token)
    assert problem in str(refused.value)
    assert token not in str(refused.value)


def test_the_right_token_finds_its_person_and_any_other_finds_nobody(tmp_path: Path) -> None:
    access = load_people(users_file(tmp_path, f"anna: {ANNA}\nbram: sha256:{digest(BRAM).hex()}\n"), tmp_path)
    assert access.person_with(ANNA).name == "anna"
    assert access.person_with(BRAM).name == "bram", "a digest in the file stands for the token"
    for wrong in ("", ANNA[:-1], ANNA + "x", ANNA.upper(), f"sha256:{digest(BRAM).hex()}"):
        assert access.person_with(wrong) is None


def test_tokens_are_compared_in_constant_time() -> None:
    # Compared as digests with hmac.compare_digest, against every person (the loop never stops early).
    import inspect

    from assistant.serving import access

    source = inspect.getsource(access.Access.person_with)
    assert "hmac.compare_digest" in source and "break" not in source and "return person" not in source


# --- the users file -------------------------------------------------------------------------------


def test_each_person_gets_their_own_folder(tmp_path: Path) -> None:
    access = load_people(users_file(tmp_path, f"anna: {ANNA}\nbram: {BRAM}\n"), tmp_path / "data")
    assert [person.home for person in access.people] == [
        tmp_path / "data" / "people" / "anna",
        tmp_path / "data" / "people" / "bram",
    ]
    assert not access.shared


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_person_folders_are_readable_only_by_the_serving_user(tmp_path: Path) -> None:
    folder = tmp_path / "people" / "anna"
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)
    make_private(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[anna, bram]\n", "expected one line per person, 'name: token'"),
        ("# nobody yet\n", "expected one line per person"),
        ("{}\n", "no people in it"),
        (f"anna: {ANNA}\nAnna Peeters: {BRAM}\n", "line 2: 'Anna Peeters' cannot be a person's name"),
        (f"anna: {ANNA}\nno: {BRAM}\n", "line 2: False cannot be a person's name (write it in quotes)"),
        ("anna: 12345678901234567890\n", "line 1: anna's token must be text (write it in quotes)"),
        ("anna: too-short\n", "line 1: anna's token cannot be used: it is shorter than 16 characters"),
        (f"anna: {ANNA}\nbram: {ANNA}\n", "line 2: bram has the same token as anna; each needs their own"),
        (f"anna: {ANNA}\nanna: {BRAM}\n", "line 2: duplicate key 'anna'"),
        ("anna: [unclosed\n", "line 2:"),
    ],
)
def test_a_bad_users_file_is_one_clear_line(tmp_path: Path, text: str, message: str) -> None:
    path = users_file(tmp_path, text)
    with pytest.raises(AccessError) as refused:
        load_people(path, tmp_path)
    said = str(refused.value)
    assert said.startswith(f"--users {path}")
    assert message in said
    assert "\n" not in said
    assert ANNA not in said and BRAM not in said and "too-short" not in said


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_users_file_other_accounts_can_read_is_refused(tmp_path: Path) -> None:
    path = users_file(tmp_path, f"anna: {ANNA}\n", mode=0o644)
    with pytest.raises(AccessError, match=r"other accounts on this computer may read it; chmod 600 "):
        load_people(path, tmp_path)


def test_a_missing_users_file_is_said(tmp_path: Path) -> None:
    with pytest.raises(AccessError, match=r"people\.yaml: there is no such file"):
        load_people(tmp_path / "people.yaml", tmp_path)


@given(st.text(max_size=300))
def test_any_users_file_loads_or_is_refused_in_one_line(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    folder = tmp_path_factory.mktemp("users")
    path = users_file(folder, text)
    try:
        access = load_people(path, folder)
    except AccessError as refused:
        assert "\n" not in str(refused)
    else:
        assert access.people and all(person.home is not None for person in access.people)


def test_adding_a_person_keeps_only_the_digest(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    anna = add_person(path, "anna", tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert anna not in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n"), encoding="utf-8")  # no final newline
    bram = add_person(path, "bram", tmp_path)
    access = load_people(path, tmp_path)
    assert access.person_with(anna).name == "anna"
    assert access.person_with(bram).name == "bram"
    with pytest.raises(AccessError, match="anna is in it already"):
        add_person(path, "anna", tmp_path)
    with pytest.raises(AccessError, match="not a usable name"):
        add_person(path, "Anna P", tmp_path)


# --- the browser's language -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("nl-BE,nl;q=0.9,en;q=0.8", "nl"),
        ("de-DE,fr;q=0.7,en;q=0.5", "fr"),
        ("en;q=0.2, fr-BE;q=0.9", "fr"),
        ("fr;q=0, nl", "nl"),
        ("ja, zh", None),
        ("", None),
        (None, None),
    ],
)
def test_the_tab_talks_in_the_browsers_language(header: str | None, language: str | None) -> None:
    assert browser_language(header, ("en", "nl", "fr")) == language


@given(st.text(max_size=200))
def test_any_accept_language_header_gives_a_language_we_talk_in_or_none(header: str) -> None:
    assert browser_language(header, ("en", "nl", "fr")) in ("en", "nl", "fr", None)


# --- the log --------------------------------------------------------------------------------------


def test_the_log_never_shows_a_token_a_session_or_a_query() -> None:
    formatter = Redacting([ANNA], "%(message)s", "%H:%M:%S")

    def formatted(message: str) -> str:
        return formatter.format(logging.LogRecord("x", logging.INFO, "", 0, message, None, None))

    assert ANNA not in formatted(f"bad request: GET /?token={ANNA} HTTP/1.1")
    assert ANNA not in formatted(f"something quoted the token {ANNA} itself")
    assert "s3cret-session" not in formatted(f"Cookie: {COOKIE}=s3cret-session; other=1")
    assert "t0ken" not in formatted("Authorization: Bearer t0ken")
    assert "fontsize=20" not in formatted('"GET /?fontsize=20 HTTP/1.1" 200')
    assert formatted("anna opened a tab (1 open)") == "anna opened a tab (1 open)"
