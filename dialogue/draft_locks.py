"""Who has a draft open: a lock file beside it, with the process id and the host that hold it.

Two windows on one draft must never overwrite each other's answers silently (issue 14, item 6). The
window that opens a draft holds it: `.ID.lock` in the drafts folder names its process, host and a token
of its own. A second window sees the holder and offers to open a copy or to take the draft over; each
save first checks that the lock is still this window's, so a window whose draft was taken over learns
it at its next answer (and saves a copy) instead of writing over the other one's.

A lock whose process has ended on this host (a crash, a kill -9) is stale and is simply taken; one held
on another host (a shared drafts folder) is taken only when the user says so. The lock is plain data,
written with O_EXCL or renamed into place, and read only when it is a small regular file.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

_SUFFIX = ".lock"
_MAX_LOCK_BYTES = 4096


@dataclass(frozen=True)
class Holder:
    """A process that has a draft open."""

    pid: int
    host: str
    token: str

    @property
    def here(self) -> bool:
        return self.host == platform.node()

    def alive(self) -> bool:
        """True unless it is known to have ended (only a process on this host can be checked)."""
        if not self.here:
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # another user's process: it exists
            return True
        except OSError:
            return False
        return True

    def __str__(self) -> str:
        return f"process {self.pid} on {self.host}"


def lock_path(draft: Path) -> Path:
    return draft.with_name(f".{draft.stem}{_SUFFIX}")


class DraftLocks:
    """The locks one process holds (one per draft it has open)."""

    def __init__(self) -> None:
        # os.urandom, as secrets.token_hex: `secrets` would load hashlib's OpenSSL at the start.
        self.me = Holder(os.getpid(), platform.node(), os.urandom(8).hex())
        self._held: set[Path] = set()

    def holder(self, draft: Path) -> Holder | None:
        """Who else has `draft` open now: None when nobody does, this process does, or the lock is stale."""
        found = _read(lock_path(draft))
        if found is None or found.token == self.me.token or not found.alive():
            return None
        return found

    def holds(self, draft: Path) -> bool:
        found = _read(lock_path(draft))
        return found is not None and found.token == self.me.token

    def claim(self, draft: Path) -> Holder | None:
        """Hold `draft` unless another live process does; that one is returned (nothing changes)."""
        other = self.holder(draft)
        if other is not None:
            return other
        if not self.holds(draft):
            self.take(draft)
        return None

    def take(self, draft: Path) -> None:
        """Hold `draft`, whoever held it before (the user chose to take it over). OSError if it cannot."""
        _write(lock_path(draft), self.me)
        self._held.add(draft)

    def release(self, draft: Path) -> None:
        if draft in self._held and self.holds(draft):
            with contextlib.suppress(OSError):
                lock_path(draft).unlink()
        self._held.discard(draft)

    def release_all(self) -> None:
        for draft in list(self._held):
            self.release(draft)


def _read(path: Path) -> Holder | None:
    """The holder a lock file names; None when there is none, or it is not a small regular file of ours."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_LOCK_BYTES:
            return None
        data = json.loads(os.read(descriptor, _MAX_LOCK_BYTES))
        pid, host, token = data["pid"], data["host"], data["token"]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    finally:
        os.close(descriptor)
    if not (isinstance(pid, int) and isinstance(host, str) and isinstance(token, str)):
        return None
    return Holder(pid, host, token)


def _write(path: Path, holder: Holder) -> None:
    """Put the lock in place at once (a temporary file renamed over it: never half a lock)."""
    text = json.dumps({"pid": holder.pid, "host": holder.host, "token": holder.token})
    descriptor, temporary = tempfile.mkstemp(prefix=f"{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise
