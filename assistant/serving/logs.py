"""The served assistant's log: who opened a tab, and each request, never a secret.

aiohttp's own access log writes the request line, query string and all; this one writes the address,
the person's name, the method, the path and the status. A formatter on every log line (aiohttp's,
textual-serve's, ours) also blanks out anything that looks like a token, a session or a query string.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from assistant.serving.access import Person

COOKIE = "policy_assistant_session"
PERSON = web.RequestKey("person", Person)  # who a request is from, once the guard has let it in


class Redacting(logging.Formatter):
    """Formats a record, then blanks out every token, session and query value it might hold.

    The access log below never writes them; this also covers aiohttp's and textual-serve's own
    messages and tracebacks, whatever they quote.
    """

    PATTERNS = (
        re.compile(r"(?i)(token=)[^&\s\"'>]+"),
        re.compile(r"(?i)(bearer\s+)\S+"),
        re.compile(rf"({COOKIE}=)[^;\s\"']+"),
        re.compile(r"(\?)[^\s\"']+"),  # any query string at all
    )

    def __init__(self, known: Iterable[str], fmt: str, datefmt: str) -> None:
        super().__init__(fmt, datefmt)
        self.known = known  # read at each record: sessions are added while the server runs

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in list(self.known):
            text = text.replace(secret, "[hidden]")
        for pattern in self.PATTERNS:
            text = pattern.sub(r"\1[hidden]", text)
        return text


class AccessLog(AbstractAccessLogger):
    """One line per request: who, what, the outcome. Never the query string, a cookie or a header."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        person = request.get(PERSON)
        path = request.path
        if path.startswith("/download/"):
            path = "/download/…"  # the key is the file's one-time address
        label = person.label if isinstance(person, Person) else "?"
        self.logger.info(
            '%s %s "%s %s" %s %.0f ms',
            request.remote,
            label,
            request.method,
            path,
            response.status,
            time * 1000,
        )


def configure_logging(known: Iterable[str]) -> None:
    """Every log line to standard error, through `Redacting`; `known` gives the secrets of the moment."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(Redacting(known, "%(asctime)s %(message)s", "%H:%M:%S"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.INFO)
