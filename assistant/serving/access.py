"""Who may open the served assistant, and where each person's drafts live.

A browser proves who it is with an access token: one for the whole server (`--token`, the
POLICY_ASSISTANT_TOKEN variable, or one generated at start), or one per person from a users file
(`--users FILE`). Tokens are compared as SHA-256 digests with `hmac.compare_digest`, against every
person every time, so how long a check takes says nothing about any token. A users file may hold each
token's digest (`sha256:...`) instead of the token, so the file need not hold a secret at all.

Each person of a users file has their own data folder, `<data folder>/people/<name>/` (mode 0700): their
tab runs with it as POLICY_ASSISTANT_HOME, so their drafts, cache and exports are theirs alone.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

TOKEN_VARIABLE = "POLICY_ASSISTANT_TOKEN"
MIN_TOKEN_LENGTH = 16
# A name becomes a folder name and appears in the server's log: plain, short, unambiguous.
NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")
HASHED = re.compile(r"sha256:([0-9a-f]{64})")
# Printable, no spaces: a token travels in an address (?token=...) and is typed or pasted by people.
TOKEN_CHARACTERS = re.compile(r"[!-~]+")


class AccessError(Exception):
    """A token or users file that cannot be used; the message is one line and never holds a token."""


@dataclass(frozen=True)
class Person:
    """Someone who may open the assistant. `name` is None on a server with one token for everyone."""

    name: str | None
    digest: bytes = b""  # SHA-256 of their token
    home: Path | None = None  # their POLICY_ASSISTANT_HOME; None: the serving user's own data folder

    @property
    def label(self) -> str:
        """How the server's log names them (never by their token)."""
        return self.name or "-"


def new_token() -> str:
    """A token nobody can guess: 256 random bits, in characters an address carries as they are."""
    return secrets.token_urlsafe(32)


def digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8")).digest()


def token_problem(token: str) -> str | None:
    """Why `token` cannot be an access token, or None when it can. Never repeats the token."""
    if len(token) < MIN_TOKEN_LENGTH:
        return f"it is shorter than {MIN_TOKEN_LENGTH} characters"
    if not TOKEN_CHARACTERS.fullmatch(token):
        return "it may hold only visible characters, no spaces"
    return None


@dataclass(frozen=True)
class Access:
    """The people who may open the assistant: one (a single token) or several (a users file)."""

    people: tuple[Person, ...]
    shared: bool = False  # True: one token for everyone, with the serving user's own drafts

    @classmethod
    def single(cls, token: str) -> Access:
        problem = token_problem(token)
        if problem is not None:
            raise AccessError(f"the access token cannot be used: {problem}")
        return cls((Person(None, digest(token)),), shared=True)

    def person_with(self, token: str) -> Person | None:
        """The person whose token this is, or None; takes as long whoever it is, or if it is nobody's."""
        given = digest(token)
        found = None
        for person in self.people:  # never stops early
            if hmac.compare_digest(given, person.digest):
                found = person
        return found

    def homes(self) -> list[Path]:
        return [person.home for person in self.people if person.home is not None]


def data_root() -> Path:
    """The serving user's data folder: $POLICY_ASSISTANT_HOME, else the platform's user data folder."""
    from dialogue.drafts import HOME_VARIABLE

    home = os.environ.get(HOME_VARIABLE)
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_path

    return user_data_path("policy-assistant", appauthor=False)


def home_of(name: str, root: Path) -> Path:
    return root / "people" / name


def make_private(folder: Path) -> None:
    """Create `folder` (and its parents) readable only by the serving user; AccessError if it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.chmod(0o700)  # also when it existed with looser modes, or the umask narrowed mkdir's
    except OSError as error:
        raise AccessError(f"{folder} cannot be made ({error.strerror or error})") from None


# --- the users file ---------------------------------------------------------------------------------


USERS_FORMAT = "one line per person, 'name: token' (or 'name: sha256:<digest of the token>')"


def load_people(path: Path, root: Path) -> Access:
    """The people of a users file, each with their own folder under `root`; AccessError says what is wrong.

    The file is a YAML mapping of a person's name to their token or its digest:

        anna: 4nN4-s-t0ken-n0b0dy-guesses
        bram: sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
    """
    from datafiles.errors import DataFileError
    from datafiles.marks import line_of
    from datafiles.reading import read_yaml

    where = f"--users {path}"
    _check_private(path, where)
    try:
        data = read_yaml(path)
    except DataFileError as error:
        line = f", line {error.line}" if error.line else ""
        raise AccessError(f"{where}{line}: {error.problem}") from None
    if not isinstance(data, dict):
        raise AccessError(f"{where}: expected {USERS_FORMAT}")
    if not data:
        raise AccessError(f"{where}: no people in it; expected {USERS_FORMAT}")
    people: list[Person] = []
    owners: dict[bytes, str] = {}
    for name, value in data.items():
        at = f"{where}, line {line_of(data, name)}"
        if not isinstance(name, str):  # yes, no, on, 12...: YAML reads them as something else
            raise AccessError(f"{at}: {str(name)[:40]} cannot be a person's name (write it in quotes)")
        if not NAME.fullmatch(name):
            raise AccessError(
                f"{at}: {name[:40]!r} cannot be a person's name: use up to 32 lowercase letters, "
                "digits, '-' and '_', starting with a letter or digit (such as anna or anna-peeters)"
            )
        if not isinstance(value, str):
            raise AccessError(f"{at}: {name}'s token must be text (write it in quotes)")
        hashed = HASHED.fullmatch(value)
        if hashed:
            token_digest = bytes.fromhex(hashed.group(1))
        else:
            problem = token_problem(value)
            if problem is not None:
                raise AccessError(
                    f"{at}: {name}'s token cannot be used: {problem} "
                    f"(policy-assistant serve --users {path} --add-user {name} makes one)"
                )
            token_digest = digest(value)
        if token_digest in owners:
            raise AccessError(
                f"{at}: {name} has the same token as {owners[token_digest]}; each needs their own"
            )
        owners[token_digest] = name
        people.append(Person(name, token_digest, home_of(name, root)))
    return Access(tuple(people))


def _check_private(path: Path, where: str) -> None:
    """A users file that other accounts can read gives their tokens away: refuse it, as ssh does its keys."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise AccessError(f"{where}: there is no such file") from None
    except OSError as error:
        raise AccessError(f"{where}: cannot be read ({error.strerror or error})") from None
    if not stat.S_ISREG(mode):
        raise AccessError(f"{where}: not a file")
    if os.name == "posix" and mode & 0o077:
        raise AccessError(f"{where}: other accounts on this computer may read it; chmod 600 {path}")


def add_person(path: Path, name: str, root: Path) -> str:
    """Give `name` a new token in the users file (made, readable only by you, if missing): the token.

    The file keeps only the token's digest; the token itself is shown once, to hand to that person.
    """
    if not NAME.fullmatch(name):
        raise AccessError(
            f"--add-user {name[:40]!r}: not a usable name: use up to 32 lowercase letters, digits, '-' and "
            "'_', starting with a letter or digit (such as anna or anna-peeters)"
        )
    token = new_token()
    line = f"{name}: sha256:{digest(token).hex()}\n"
    if path.exists():
        access = load_people(path, root)
        if any(person.name == name for person in access.people):
            raise AccessError(
                f"--users {path}: {name} is in it already; remove their line to give a new token"
            )
        text = path.read_text(encoding="utf-8")
        with path.open("a", encoding="utf-8") as file:
            file.write(("" if not text or text.endswith("\n") else "\n") + line)
        return token
    header = "# policy-assistant serve --users: one line per person, 'name: token' or its sha256 digest.\n"
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        raise AccessError(f"--users {path}: cannot be made ({error.strerror or error})") from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(header + line)
    return token
