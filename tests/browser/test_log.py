"""The real server's log (its own lines, aiohttp's and textual-serve's) never shows a secret, whatever
arrives: good requests, wrong tokens, broken ones."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from served import TOKEN, start

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])


def send(port: int, raw: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(raw)
        return connection.recv(4096)


def test_no_token_or_session_reaches_the_log(tmp_path: Path) -> None:
    served = start(tmp_path, env={"POLICY_ASSISTANT_TOKEN": TOKEN})
    port = urlsplit(served.base).port
    assert port is not None
    try:
        answer = send(port, f"GET /?token={TOKEN}&fontsize=18 HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        assert answer.startswith(b"HTTP/1.1 303")
        session = answer.split(b"policy_assistant_session=", 1)[1].split(b";", 1)[0].decode()
        cookie = f"Cookie: policy_assistant_session={session}\r\n"
        assert send(port, f"GET /assistant/page.js HTTP/1.1\r\nHost: x\r\n{cookie}\r\n".encode()).startswith(
            b"HTTP/1.1 200"
        )
        for raw in (
            f"GET /?token={TOKEN} HTTP/9.9\r\n\r\n",  # aiohttp logs the bad request line
            f"GET /?token={TOKEN} HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n",
            f"GET /static/x HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\n\r\n",
            f"GET /download/{session} HTTP/1.1\r\nHost: x\r\n{cookie}\r\n",
        ):
            send(port, raw.encode())
    finally:
        assert served.stop() == 0
    log = served.log
    assert '"GET /assistant/page.js" 200' in log, "requests are logged"
    assert "Bad status line" in log, "aiohttp's own error lines are there too"
    assert TOKEN not in log
    assert session not in log
    assert "fontsize" not in log, "no query string"
