"""The sectors as data: the people each sector serves, in every language, and its whistleblowing rules.

A library folder may hold

    sectors.yaml          each sector: the people it serves (a noun id), the follow-up question that
                          refines it and what each of its answers changes, and which whistleblowing
                          rules apply to it
    <lang>/sectors.yaml   each noun id in that language, in the grammatical forms the language needs

Templates see two helpers built from these and the answers:

    served          the noun for the people the organisation serves, e.g. {{ served.many }} is
                    "patients" in a hospital's English policy and "Bewohnern" (dative) is
                    {{ served.dat_many }} in a German care home's; every noun of a language has the
                    same forms, so a template written for one sector reads right for all of them
    whistleblowing  `regime`: "private" (the Act of 28 November 2022 applies), "either" (the sector has
                    private and public employers, so the text says "in the private sector") or "public"
                    (never the private-sector Act); `statute`: the statute id of the public instrument
                    the answers point to, or None where the references name none for that body

Before the sector is answered (a live preview), the `other` sector's words are used. A library with no
sectors.yaml in any folder (a library of one's own, written without sectors) has none: `served` is empty
and `whistleblowing` says "either", the wording that holds for any employer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clauses import safefiles, yamlfile
from clauses.errors import LibraryError

FALLBACK = "other"
REGIMES = ("private", "either", "public")
_SECTOR_KEYS = {"id", "served", "detail", "by_detail", "whistleblowing"}
_DETAIL_KEYS = {"served", "whistleblowing_statute"}
# Forms every language has; a language adds the ones its grammar needs (German cases, French elision).
_REQUIRED_FORMS = ("one", "a_one", "many")


@dataclass(frozen=True, slots=True)
class Sector:
    id: str
    served: str
    detail: str | None
    by_detail: Mapping[str, Mapping[str, str]]
    whistleblowing: str


@dataclass(slots=True)
class Sectors:
    """Every sector and every language's nouns, checked against each other when the library loads."""

    sectors: dict[str, Sector] = field(default_factory=dict)
    nouns: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # language -> noun -> forms

    def sector(self, answers: Mapping[str, Any]) -> Sector:
        return self.sectors.get(str(answers.get("sector", FALLBACK)), self.sectors[FALLBACK])

    def _detail(self, sector: Sector, answers: Mapping[str, Any]) -> Mapping[str, str]:
        if sector.detail is None:
            return {}
        return sector.by_detail.get(str(answers.get(sector.detail, "")), {})

    def served(self, answers: Mapping[str, Any], language: str) -> Mapping[str, str]:
        if not self.sectors:
            return {}
        sector = self.sector(answers)
        noun = self._detail(sector, answers).get("served", sector.served)
        return self.nouns[language][noun]

    def whistleblowing(self, answers: Mapping[str, Any]) -> Mapping[str, str | None]:
        if not self.sectors:
            return {"regime": "either", "statute": None}
        sector = self.sector(answers)
        return {
            "regime": sector.whistleblowing,
            "statute": self._detail(sector, answers).get("whistleblowing_statute"),
        }


def read(folders: Iterable[Path], languages: Iterable[str], statutes: Iterable[str]) -> Sectors:
    """The sectors of these library folders, later folders replacing a sector or a noun with the same id."""
    result = Sectors()
    nouns_from: dict[tuple[str, str], Path] = {}
    wanted_by: dict[str, Path] = {}  # a noun, and the sectors.yaml that last asked for it
    for folder in folders:
        # A clause folder's files are opened by its rules (clauses.safefiles): regular files of the
        # folder only, no hard link, within its sizes; a --clauses folder may be built to hurt.
        with safefiles.folder(Path(folder)):
            _read_folder(Path(folder), languages, set(statutes), result, nouns_from, wanted_by)
    _check(result, list(languages), folders, nouns_from, wanted_by)
    return result


def _read_folder(
    folder: Path,
    languages: Iterable[str],
    statutes: set[str],
    result: Sectors,
    nouns_from: dict[tuple[str, str], Path],
    wanted_by: dict[str, Path],
) -> None:
    path = folder / "sectors.yaml"
    if path.exists():
        for sector in _sectors(path, statutes):
            result.sectors[sector.id] = sector
            for changes in (*sector.by_detail.values(), {"served": sector.served}):
                if "served" in changes:
                    wanted_by[changes["served"]] = path
    for language in languages:
        words = folder / language / "sectors.yaml"
        if words.exists():
            for noun, forms in _nouns(words).items():
                result.nouns.setdefault(language, {})[noun] = forms
                nouns_from[(language, noun)] = words


def _sectors(path: Path, statutes: set[str]) -> list[Sector]:
    data = yamlfile.load(path)
    if not isinstance(data, Mapping) or not isinstance(data.get("sectors"), list):
        raise LibraryError("expected a mapping with a list under 'sectors'", file=path)
    found: list[Sector] = []
    seen: set[str] = set()
    for entry in data["sectors"]:
        line = yamlfile.line_of(entry)
        if not isinstance(entry, Mapping):
            raise LibraryError("each sector must be a mapping", file=path, line=yamlfile.line_of(data))
        extra = sorted(set(entry) - _SECTOR_KEYS)
        if extra:
            raise LibraryError(
                f"unknown key {extra[0]!r} (allowed: {', '.join(sorted(_SECTOR_KEYS))})", file=path, line=line
            )
        sector_id, served = entry.get("id"), entry.get("served")
        if not isinstance(sector_id, str) or not isinstance(served, str):
            raise LibraryError("a sector needs an id and a served noun id", file=path, line=line)
        if sector_id in seen:
            raise LibraryError(f"sector {sector_id!r} is listed twice", file=path, line=line)
        seen.add(sector_id)
        regime = entry.get("whistleblowing")
        if regime not in REGIMES:
            raise LibraryError(
                f"sector {sector_id!r}: whistleblowing must be one of {', '.join(REGIMES)}",
                file=path,
                line=line,
            )
        detail = entry.get("detail")
        by_detail = entry.get("by_detail") or {}
        if by_detail and not isinstance(detail, str):
            raise LibraryError(
                f"sector {sector_id!r}: by_detail needs a detail question", file=path, line=line
            )
        if not isinstance(by_detail, Mapping) or not all(
            isinstance(changes, Mapping) and set(changes) <= _DETAIL_KEYS for changes in by_detail.values()
        ):
            raise LibraryError(
                f"sector {sector_id!r}: by_detail maps each answer to {', '.join(sorted(_DETAIL_KEYS))}",
                file=path,
                line=line,
            )
        for changes in by_detail.values():
            statute = changes.get("whistleblowing_statute")
            if statute is not None and statute not in statutes:
                raise LibraryError(f"sector {sector_id!r}: unknown statute {statute!r}", file=path, line=line)
        found.append(
            Sector(
                sector_id,
                served,
                detail if isinstance(detail, str) else None,
                {str(key): dict(value) for key, value in by_detail.items()},
                regime,
            )
        )
    return found


def _nouns(path: Path) -> dict[str, dict[str, str]]:
    data = yamlfile.load(path)
    served = data.get("served") if isinstance(data, Mapping) else None
    if not isinstance(served, Mapping):
        raise LibraryError("expected a mapping with the nouns under 'served'", file=path)
    nouns: dict[str, dict[str, str]] = {}
    for noun, forms in served.items():
        if not isinstance(forms, Mapping) or not all(
            isinstance(value, str) and value.strip() for value in forms.values()
        ):
            raise LibraryError(
                f"noun {noun!r} needs its forms as texts", file=path, line=yamlfile.line_of(forms)
            )
        nouns[noun] = {key: " ".join(value.split()) for key, value in forms.items()}
    return nouns


def _check(
    result: Sectors,
    languages: list[str],
    folders: Iterable[Path],
    nouns_from: Mapping[tuple[str, str], Path],
    wanted_by: Mapping[str, Path],
) -> None:
    first = next(iter(folders), Path("."))
    if not result.sectors and not result.nouns:
        return  # a library without sectors
    if FALLBACK not in result.sectors:
        raise LibraryError(f"no sector {FALLBACK!r}, whose words a preview uses", file=first / "sectors.yaml")
    wanted = {sector.served for sector in result.sectors.values()}
    wanted |= {
        changes["served"]
        for sector in result.sectors.values()
        for changes in sector.by_detail.values()
        if "served" in changes
    }
    for language in languages:
        nouns = result.nouns.get(language, {})
        for noun in sorted(wanted - set(nouns)):
            raise LibraryError(
                f"the people served {noun!r} have no words in {language} "
                f"(give them in a {language}/sectors.yaml)",
                file=wanted_by.get(noun, first / "sectors.yaml"),
            )
        forms: set[str] | None = None
        for noun in sorted(wanted):
            keys = set(nouns[noun])
            missing = [form for form in _REQUIRED_FORMS if form not in keys]
            if missing or (forms is not None and keys != forms):
                needed = sorted(set(_REQUIRED_FORMS) | (forms or set()))
                raise LibraryError(
                    f"noun {noun!r} must have the same forms as the others ({', '.join(needed)}), "
                    f"not {', '.join(sorted(keys))}",
                    file=nouns_from[(language, noun)],
                )
            forms = keys
