"""How a document names the organisation's functions, the employer and the employee bodies.

Running text names a party through the helpers below, never by writing "Legal" or "the HR department"
into a template, so a policy names only the functions its organisation has (clauses/facts.py decides
who holds each role) in the grammatical form its language needs (`<lang>/strings.yaml`, `parties`).

A German term known only from practice (Betriebsrat, AGS, Gewerkschaftsdelegation) carries its French
term in brackets the first time a document uses it (shared/legal/terms-and-dates.md, section 1.2); the
strings mark it "[FR ...]", and the helpers write it once per document.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import babel
import babel.lists

from clauses.facts import Facts

FORMS = ("name", "the", "acc", "dat", "gen")
HELPERS = ("party", "parties", "role", "term")  # the names `helpers` gives templates
_FIRST_USE = re.compile(r"\s*\[([^\]]+)\]")
_locale = functools.lru_cache(maxsize=None)(babel.Locale.parse)  # parsed once, not for every list


def capitalised(text: str) -> str:
    """The text with its first letter upper-case, the rest as it is ("the HR department" -> "The HR ...")."""
    return text[:1].upper() + text[1:]


def helpers(
    strings: Mapping[str, str], facts: Facts, introduced: set[str] | None = None
) -> dict[str, Callable[..., Any]]:
    """The helpers for one document: `party`, `parties`, `role` and `term` (see clauses/library/README.md).

    Made for each document, because a term's first use is counted per document: `introduced` holds the
    terms the document has introduced so far (the library's, which also counts the clauses it reuses).
    """
    introduced = set() if introduced is None else introduced
    locale = _locale(strings["language.locale"])

    def term(key: str, word: str, bracket: str) -> str:
        """`word`, followed the first time `key` appears in the document by `bracket` in brackets:
        term('disconnect', 'Nichterreichbarkeit', 'FR droit à la déconnexion')."""
        if key in introduced:
            return word
        introduced.add(key)
        # "... (AGS)" gives "... (AGS; FR ...)", never two brackets side by side.
        if word.endswith(")"):
            return f"{word[:-1]}; {bracket})"
        return f"{word} ({bracket})"

    def party(party_id: str, form: str = "the") -> str:
        if form not in FORMS:
            raise LookupError(f"no form {form!r} of a party: use one of {', '.join(FORMS)}")
        key = f"parties.{party_id}.{form}"
        if key not in strings:
            raise LookupError(f"no party {party_id!r} in strings.yaml")
        text = strings[key]
        match = _FIRST_USE.search(text)
        if match is None:
            return text
        return term(party_id, text[: match.start()] + text[match.end() :], match.group(1))

    def parties(party_ids: Iterable[str], form: str = "the") -> str:
        return babel.lists.format_list([party(party_id, form) for party_id in party_ids], locale=locale)

    def role(name: str, form: str = "the", names: bool = True) -> str:
        """Who holds the role: the people as the user named them, else the functions in `form`."""
        holder = facts.roles[name]
        if names and holder.names:
            return holder.names
        return parties(holder.functions, form)

    return {"party": party, "parties": parties, "role": role, "term": term}
