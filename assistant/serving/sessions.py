"""Who is asking, in `policy-assistant serve`: browser sessions, and the language a browser asks for."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from typing import Any

from assistant.serving.access import Person

MAX_SESSIONS = 10_000  # sessions live in memory until the server stops; the oldest go beyond this


class Sessions:
    """Browser sessions: a random id in a cookie, standing for the person whose token opened it."""

    def __init__(self) -> None:
        self._people: dict[str, Person] = {}

    def open(self, person: Person) -> str:
        while len(self._people) >= MAX_SESSIONS:
            del self._people[next(iter(self._people))]
        session = secrets.token_urlsafe(32)
        self._people[session] = person
        return session

    def person(self, session: str) -> Person | None:
        return self._people.get(session)

    def __iter__(self) -> Any:
        return iter(list(self._people))


def browser_language(header: str | None, available: Iterable[str]) -> str | None:
    """The first language of an Accept-Language header ("nl-BE,nl;q=0.9,en;q=0.8") we talk in."""
    codes = set(available)
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, parameters = part.strip().partition(";")
        quality = 1.0
        match = re.fullmatch(r"\s*q\s*=\s*([0-9.]{1,5})\s*", parameters) if parameters else None
        if parameters and match is None:
            continue
        if match:
            try:
                quality = float(match.group(1))
            except ValueError:
                continue
        code = tag.strip().lower().split("-")[0]
        if code in codes and quality > 0:
            ranked.append((-quality, position, code))
    return min(ranked)[2] if ranked else None
