"""Where `policy-assistant serve` listens: the address it prints, and its certificate for HTTPS."""

from __future__ import annotations

import ssl
from pathlib import Path


class TlsError(Exception):
    """A certificate or key that cannot be used; the message is one line."""


def tls_context(certificate: Path, key: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(certificate, key)
    except FileNotFoundError as error:
        raise TlsError(f"{error.filename}: there is no such file") from None
    except (ssl.SSLError, OSError) as error:
        reason = getattr(error, "reason", None) or getattr(error, "strerror", None) or error
        raise TlsError(f"--certificate {certificate} --key {key}: cannot be used ({reason})") from None
    return context


def address(host: str, port: int, secure: bool) -> str:
    """The address to open: this computer's name when listening on every address."""
    import socket

    if host in ("0.0.0.0", "::", ""):
        host = socket.gethostname()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    scheme = "https" if secure else "http"
    default = 443 if secure else 80
    return f"{scheme}://{host}/" if port == default else f"{scheme}://{host}:{port}/"
