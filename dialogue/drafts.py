"""Drafts on disk: the whole session after every answer, so nothing is ever lost.

A draft is one YAML file in the user's data folder (platformdirs), readable only by the user, written
atomically: a temporary file in the same folder, flushed and fsynced, then renamed over the old draft.
A crash part-way leaves the previous draft intact. A damaged draft is reported and never overwritten.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from platformdirs import user_data_path

from datafiles.cache import HOME_VARIABLE
from datafiles.errors import DataFileError, FileTooLarge, NotText, Unreadable
from dialogue.draft_locks import DraftLocks, Holder
from dialogue.errors import DialogueError
from dialogue.model import Interview
from dialogue.session import Session
from dialogue.snapshot import DraftFormatError, DraftProblem, draft_problem, from_dict, moment, to_dict

_SUFFIX = ".yaml"
_MAX_DRAFT_BYTES = 5 * 1024 * 1024


class DraftError(DialogueError):
    """A draft that cannot be read, found or written. The message says which file and why, in English.

    `kind` and `details` (such as `path`, `reason`, `line`) let a UI say the same in its own language;
    `problem` is set when a readable draft cannot be resumed.
    """

    def __init__(self, message: str, kind: str, problem: DraftProblem | None = None, **details: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.problem = problem
        self.details = details


def default_folder() -> Path:
    """Where drafts live: $POLICY_ASSISTANT_HOME/drafts, else the platform's user data folder."""
    home = os.environ.get(HOME_VARIABLE)
    if home:
        return Path(home).expanduser() / "drafts"
    return user_data_path("policy-assistant", appauthor=False) / "drafts"


@dataclass(frozen=True)
class DraftInfo:
    """One line of the list of drafts."""

    id: str
    path: Path
    title: str | None
    progress: int | None
    saved: datetime | None
    language: str | None = None  # the language the interview is held in
    fault: DraftError | None = None  # set when the draft is damaged: why, for a UI to say in its words

    @property
    def problem(self) -> str | None:
        """Why the draft is damaged, in English; None when it is not."""
        return str(self.fault) if self.fault is not None else None

    @property
    def is_damaged(self) -> bool:
        return self.fault is not None


class DraftStore:
    def __init__(self, folder: Path | None = None, clock: Callable[[], datetime] | None = None) -> None:
        self.folder = folder or default_folder()
        # The time a draft says it was saved; tests fix it so what they show does not depend on the day.
        self.clock = clock or (lambda: datetime.now(UTC))
        # Set by a program that keeps drafts open (the app): then a draft open in another window is
        # never written over (dialogue.draft_locks). One-off commands write without holding.
        self.locks: DraftLocks | None = None

    def hold_drafts(self) -> None:
        """From now on, hold each draft this process writes, and refuse to write one held elsewhere."""
        if self.locks is None:
            self.locks = DraftLocks()

    def holder(self, draft_id: str) -> Holder | None:
        """The other live process that has the draft open, if any."""
        return self.locks.holder(self.path_of(draft_id)) if self.locks else None

    def claim(self, draft_id: str) -> Holder | None:
        """Hold the draft (None), unless another live process does (that one, and nothing changes)."""
        if self.locks is None:
            return None
        try:
            return self.locks.claim(self.path_of(draft_id))
        except OSError:
            return None  # a folder that cannot be written: the next save says so

    def take_over(self, draft_id: str) -> None:
        """Hold the draft whoever held it: the other window's next save goes to a copy."""
        if self.locks is not None:
            with contextlib.suppress(OSError):  # the next save says why the folder cannot be written
                self.locks.take(self.path_of(draft_id))

    def release_all(self) -> None:
        if self.locks is not None:
            self.locks.release_all()

    def path_of(self, draft_id: str) -> Path:
        if not draft_id or not all(c.isalnum() or c in "-_" for c in draft_id):
            raise DraftError(f"'{draft_id}' is not a draft name", "bad_name", name=draft_id)
        return self.folder / f"{draft_id}{_SUFFIX}"

    def new_id(self) -> str:
        stamp = self.clock().astimezone().strftime("%Y%m%d-%H%M%S")
        while True:
            # os.urandom, as secrets.token_hex: `secrets` would load hashlib's OpenSSL at the start.
            draft_id = f"{stamp}-{os.urandom(2).hex()}"
            # lexists: False, never an exception, for a folder that cannot be read (the save says why).
            if not os.path.lexists(self.path_of(draft_id)):
                return draft_id

    def save(self, session: Session) -> Path:
        """Write the session's draft, giving the session a draft id the first time."""
        if session.draft_id is None:
            session.draft_id = self.new_id()
        return self.write(session.draft_id, to_dict(session))

    def write(self, draft_id: str, snapshot: dict[str, Any]) -> Path:
        """Write a snapshot (dialogue.snapshot.to_dict) atomically and durably (fsynced) before returning."""
        path = self.path_of(draft_id)
        document = dict(snapshot, saved=self.clock().isoformat())
        text = reading().dump_yaml(document)
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            _keep_private(self.folder)
            other = self.locks.claim(path) if self.locks is not None else None
            if other is not None:  # checked before every save: never a silent overwrite
                raise DraftError(
                    f"The draft {path} is open in another window ({other}); it was not overwritten.",
                    "open_elsewhere",
                    path=str(path),
                    pid=str(other.pid),
                    host=other.host,
                )
            _atomic_write(path, text)
        except OSError as error:
            reason = str(error.strerror or error)
            raise DraftError(
                f"the draft could not be saved to {path} ({reason})",
                "not_saved",
                path=str(path),
                reason=reason,
            ) from None
        return path

    def load(self, draft_id: str, interview: Interview) -> Session:
        path = self.path_of(draft_id)
        data = self._read(path)
        try:
            session = from_dict(interview, data)
        except DraftFormatError as error:
            raise _cannot_resume(path, error.problem) from None
        session.draft_id = draft_id
        return session

    def delete(self, draft_id: str) -> None:
        path = self.path_of(draft_id)
        try:
            path.unlink()
        except FileNotFoundError:
            raise DraftError(f"There is no draft called '{draft_id}'.", "not_found", name=draft_id) from None
        except OSError as error:
            reason = str(error.strerror or error)
            message = f"The draft {path} could not be deleted ({reason})."
            raise DraftError(message, "not_deleted", path=str(path), reason=reason) from None

    def list(self) -> list[DraftInfo]:
        """Every draft, most recently saved first; damaged ones are listed with their problem."""
        try:
            paths = sorted(self.folder.glob(f"*{_SUFFIX}")) if self.folder.is_dir() else []
        except OSError:  # a folder that cannot be read: no drafts to offer; saving says why
            return []
        infos = []
        for path in paths:
            try:
                data = self._read(path)
                problem = draft_problem(data)
                if problem is not None:
                    raise _cannot_resume(path, problem)
                infos.append(
                    DraftInfo(
                        id=path.stem,
                        path=path,
                        title=_text(data.get("title")),
                        progress=_percent(data.get("progress")),
                        saved=_time(data.get("saved")),
                        language=_text(data.get("language")),
                    )
                )
            except DraftError as error:
                infos.append(DraftInfo(path.stem, path, None, None, _mtime(path), fault=error))
        oldest = datetime.min.replace(tzinfo=UTC)
        return sorted(infos, key=lambda info: info.saved or oldest, reverse=True)

    def _read(self, path: Path) -> Any:
        yaml_files = reading()
        _regular_file(path)
        try:
            text = yaml_files.read_text(path, max_bytes=_MAX_DRAFT_BYTES)
        except FileTooLarge:
            message = f"The draft {path} is too large to be a draft. It was kept as it is."
            raise DraftError(message, "too_large", path=str(path)) from None
        except NotText:
            message = f"The draft {path} is damaged (not text). It was kept as it is."
            raise DraftError(message, "not_text", path=str(path)) from None
        except Unreadable as error:
            if error.kind == "FileNotFoundError":
                message = f"There is no draft called '{path.stem}'."
                raise DraftError(message, "not_found", name=path.stem) from None
            message = f"The draft {path} cannot be read ({error.reason})."
            raise DraftError(message, "not_read", path=str(path), reason=error.reason) from None
        try:
            return yaml_files.parse_yaml(text, path)
        except DataFileError as error:
            if error.line:
                message = f"The draft {path} is damaged near line {error.line}. It was kept as it is."
                raise DraftError(message, "damaged_at", path=str(path), line=str(error.line)) from None
            raise DraftError(
                f"The draft {path} is damaged. It was kept as it is.", "damaged", path=str(path)
            ) from None


def reading() -> ModuleType:
    """The YAML reader (datafiles.reading), imported when a draft is first read or written: a new
    policy does not need PyYAML before its first question is on screen (docs/decisions.md)."""
    import datafiles.reading

    return datafiles.reading


def _cannot_resume(path: Path, problem: DraftProblem) -> DraftError:
    message = f"The draft {path} cannot be resumed: {problem}. It was kept as it is."
    return DraftError(message, "cannot_resume", problem, path=str(path))


def _regular_file(path: Path) -> None:
    """A draft is a regular file: a FIFO would block the read for ever, a device never end."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return  # said by the read, as "no draft called ..."
    except OSError as error:
        reason = str(error.strerror or error)
        message = f"The draft {path} cannot be read ({reason})."
        raise DraftError(message, "not_read", path=str(path), reason=reason) from None
    if not stat.S_ISREG(info.st_mode):
        reason = "not a regular file"
        message = f"The draft {path} cannot be read ({reason})."
        raise DraftError(message, "not_read", path=str(path), reason=reason)


def _keep_private(folder: Path) -> None:
    """Drafts hold what the organisation has not published yet: their folder is the user's alone, even
    when it existed before (created by hand, or copied with looser permissions)."""
    if os.name == "posix" and folder.stat().st_mode & 0o077:
        folder.chmod(0o700)


def _atomic_write(path: Path, text: str) -> None:
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    replaced = False
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:  # mkstemp makes it 0600
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
        replaced = True
    finally:
        if not replaced:  # a full disk, or the write interrupted: leave no half-written file behind
            Path(temporary).unlink(missing_ok=True)
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems cannot fsync a folder; the rename itself is still atomic
    finally:
        os.close(descriptor)


def _percent(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100 else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _time(value: Any) -> datetime | None:
    return moment(value) if value is not None else None


def _mtime(path: Path) -> datetime | None:
    try:
        return moment(datetime.fromtimestamp(path.lstat().st_mtime, tz=UTC))
    except (OSError, OverflowError, ValueError):
        return None
