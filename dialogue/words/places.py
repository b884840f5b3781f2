"""Belgian places typed as answers, and the language region each lies in.

People answer "where are your operating seats?" with a town: "Antwerpen", "alleen in Gent en Luik",
"1040", "Gentbrugge". This module knows every municipality (Statbel, from 2025), every place a postcode
serves (its sub-municipalities), the provinces and the postcodes (see data/README.md for the sources),
and says which language region each lies in: what decides the language of a policy (art. 52 of the
coordinated laws of 18 July 1966; the Community decrees).

- Statbel puts the nine German-speaking municipalities in the Walloon Region; for the language law they
  are the German-speaking region.
- Municipalities with language facilities keep their region's language: `Municipality.facilities`
  lets the caller explain that the Brussels rule does not apply there.

The index is built once, on the first look-up (about 20 ms), and a look-up takes microseconds.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from datafiles.cache import cached_parse

DATA = Path(__file__).parent / "data"
REGIONS = ("flanders", "wallonia", "brussels", "german")
_STATBEL_REGIONS = {"02000": "flanders", "03000": "wallonia", "04000": "brussels"}
# The language each region's own name for a place is in, for the languages with no name of their own.
_REGION_LANGUAGE = {"flanders": "nl", "wallonia": "fr", "brussels": "fr", "german": "nl"}
_POSTCODE = re.compile(r"^[1-9]\d{3}$")
_SAINTS = {"sint": "st", "saint": "st", "sankt": "st", "sainte": "ste", "st": "st", "ste": "ste"}
_PROVINCE_WORD = re.compile(r"^(?:Provincie|Province|Provinz)\s+(?:de\s+|du\s+|d[’']\s*)?")
_FUZZY_SCORE = 88
_FUZZY_MIN_LENGTH = 5
_LONGEST_NAME = 6  # words: "Sint-Martens-Lennik", "Braine-l'Alleud" and "Ottignies-Louvain-la-Neuve" fit


@dataclass(frozen=True, eq=False)
class Municipality:
    code: str  # REFNIS
    names: dict[str, tuple[str, ...]]  # by language: the name said first, then others understood
    region: str
    facilities: bool

    def name(self, language: str) -> str:
        """The name a speaker of `language` uses: Gent for nl, Gand for fr, Ghent for en."""
        names = self.names.get(language) or self.names[_REGION_LANGUAGE[self.region]]
        return names[0]


@dataclass(frozen=True, eq=False)
class Province:
    code: str
    names: dict[str, str]
    region: str

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names[_REGION_LANGUAGE[self.region]]


@dataclass(frozen=True)
class Place:
    """A place someone named: a municipality, a place a postcode serves, a province or a postcode."""

    kind: str  # "municipality", "locality", "province" or "postcode"
    official: str  # what it is called where it is: "Gentbrugge", "9050", "Provincie Limburg"
    municipalities: tuple[Municipality, ...] = ()  # several for a postcode that serves several
    province: Province | None = None

    @property
    def regions(self) -> tuple[str, ...]:
        if self.province is not None:
            return (self.province.region,)
        return tuple(dict.fromkeys(m.region for m in self.municipalities))

    @property
    def with_facilities(self) -> tuple[Municipality, ...]:
        return tuple(m for m in self.municipalities if m.facilities)

    def name(self, language: str) -> str:
        """The place named to a speaker of `language`: "Ghent", "Gentbrugge (Gent)", "9000 Gent"."""
        if self.province is not None:
            return self.province.name(language)
        first = self.municipalities[0].name(language)
        if self.kind == "municipality":
            return first
        if self.kind == "postcode":
            return f"{self.official} {first}"
        if key(self.official) in {key(n) for m in self.municipalities for ns in m.names.values() for n in ns}:
            return first
        return f"{self.official} ({first})"


@dataclass(frozen=True)
class Found:
    """Where in the typed words a place was named (word positions), and what it may be."""

    start: int
    end: int
    places: tuple[Place, ...]


@dataclass
class _Index:
    by_key: dict[str, list[Place]] = field(default_factory=dict)
    postcodes: dict[str, Place] = field(default_factory=dict)
    before: frozenset[str] = frozenset()
    prepositions: frozenset[str] = frozenset()
    keys: tuple[str, ...] = ()

    def add(self, name: str, place: Place) -> None:
        entry = self.by_key.setdefault(key(name), [])
        if place not in entry:
            entry.append(place)


def key(text: str) -> str:
    """How names are compared: no case, accents, hyphens or apostrophes; "Sint", "Saint" and "St" alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[\W_]+", " ", plain).split()
    return " ".join(_SAINTS.get(word, word) for word in words)


def find(text: str) -> tuple[Place, ...]:
    """The places `text` names as a whole (a name, a postcode), best kind first; () if none.

    A municipality's name wins over a sub-municipality's: "Forest" is the Brussels municipality, not the
    village in Hainaut. Several places are returned when the name is shared ("Haren", "Berchem").
    """
    index = _index()
    typed = key(text)
    if not typed:
        return ()
    if _POSTCODE.match(typed):
        place = index.postcodes.get(typed)
        return (place,) if place else ()
    for words in _without_words_before(typed.split(), index.before):
        found = index.by_key.get(" ".join(words))
        if found:
            return _best(found)
    return ()


def find_close(text: str) -> tuple[Place, ...]:
    """The places whose name is clearly closest to a misspelt `text` ("Antwerpn", "Laken")."""
    index = _index()
    typed = " ".join(next(iter(_without_words_before(key(text).split(), index.before)), []))
    if len(typed) < _FUZZY_MIN_LENGTH:
        return ()
    from rapidfuzz import fuzz, process

    matches = process.extract(typed, index.keys, scorer=fuzz.ratio, limit=2, score_cutoff=_FUZZY_SCORE)
    if not matches:
        return ()
    if len(matches) > 1 and matches[1][1] == matches[0][1]:
        places = index.by_key[matches[0][0]] + index.by_key[matches[1][0]]
        return _best(places)
    return _best(index.by_key[matches[0][0]])


def scan(text: str) -> list[Found]:
    """The places named inside a sentence: "our head office is in Ghent, the depot in Liège".

    Inside a sentence a short common word may also be a place ("as", "ham", "spa"), so a one-word name
    counts only when it has four letters or more and is capitalised (not as the first word) or follows a
    word such as "in" or "à"; a name of several words or a postcode always counts.
    """
    index = _index()
    words = re.findall(r"\w+", unicodedata.normalize("NFC", text))
    keys = [key(word) for word in words]
    found: list[Found] = []
    position = 0
    while position < len(words):
        for size in range(min(_LONGEST_NAME, len(words) - position), 0, -1):
            name = " ".join(keys[position : position + size])
            if size == 1 and _POSTCODE.match(name) and name in index.postcodes:
                found.append(Found(position, position + 1, (index.postcodes[name],)))
                break
            places = index.by_key.get(name)
            if not places:
                continue
            capitalised = position > 0 and words[position][:1].isupper()
            after_preposition = position > 0 and keys[position - 1] in index.prepositions
            if size > 1 or (len(name) >= 4 and (capitalised or after_preposition)):
                found.append(Found(position, position + size, _best(places)))
                break
        else:
            position += 1
            continue
        position = found[-1].end
    return found


def words_before() -> frozenset[str]:
    """Words that may come before a place and say nothing of it: "only", "in", "alleen", "à", "nur"."""
    return _index().before


def municipalities() -> Iterator[Municipality]:
    seen: set[str] = set()
    for places in _index().by_key.values():
        for place in places:
            for municipality in place.municipalities:
                if place.kind == "municipality" and municipality.code not in seen:
                    seen.add(municipality.code)
                    yield municipality


def _best(places: Iterable[Place]) -> tuple[Place, ...]:
    ordered = list(dict.fromkeys(places))
    # A municipality or province, never a village of the same name; a province and a municipality of
    # the same name are both kept ("Limburg": the Flemish province or the Walloon municipality).
    chosen = [place for place in ordered if place.kind in ("municipality", "province")]
    return tuple(chosen or ordered)


def _without_words_before(words: list[str], before: frozenset[str]) -> Iterator[list[str]]:
    """The words as typed, then without the leading words that only lead to a place ("alleen in")."""
    yield words
    start = 0
    while start < len(words) - 1 and words[start] in before:
        start += 1
        yield words[start:]


def prepare() -> None:
    """Build the index now, before the first place anyone types (25 to 35 ms)."""
    _index()


@cache
def _index() -> _Index:
    extra = _read_yaml(DATA / "places.yaml")
    german = set(extra["german_speaking"])
    facilities = set(extra["facilities"])
    other_names: dict[str, dict[str, list[str]]] = extra.get("names") or {}
    index = _Index(
        before=frozenset(key(word) for word in extra["before"]),
        prepositions=frozenset(key(word) for word in extra["prepositions"]),
    )

    municipalities: dict[str, Municipality] = {}
    for record in _read_json("municipalities.json"):
        code = record["id"]
        names = {language: (name,) for language, name in record["name"].items()}
        for language, words in other_names.get(code, {}).items():
            names[language] = tuple(words)
        region = "german" if code in german else _STATBEL_REGIONS[record["region"]]
        municipality = Municipality(code, names, region, code in facilities)
        municipalities[code] = municipality
        place = Place("municipality", record["name"][_REGION_LANGUAGE[region]], (municipality,))
        for language_names in names.values():
            for name in language_names:
                index.add(name, place)

    for record in _read_json("provinces.json"):
        region = _STATBEL_REGIONS[record["region"]]
        names = dict(record["name"])
        local = _PROVINCE_WORD.sub("", names[_REGION_LANGUAGE[region]])
        names.setdefault("en", f"province of {local}")
        province = Province(record["id"], names, region)
        place = Place("province", province.names["nl"], province=province)
        for name in province.names.values():
            index.add(name, place)
            for prefix in extra["province_words"]:
                if key(name).startswith(key(prefix) + " "):
                    index.add(key(name)[len(key(prefix)) + 1 :], place)

    served: dict[str, list[Municipality]] = {}
    for record in _read_json("postal-codes.json"):
        served.setdefault(record["postalCode"], []).append(municipalities[record["municipality"]])
    for code, serving in served.items():
        index.postcodes[code] = Place("postcode", code, tuple(serving))
    with (DATA / "localities.tsv").open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            code, name = line.rstrip("\n").split("\t")
            if code in served:
                index.add(name, Place("locality", name, tuple(served[code])))
    index.keys = tuple(index.by_key)
    return index


def _read_json(name: str) -> Any:
    with (DATA / name).open(encoding="utf-8") as stream:
        return json.load(stream)


def _read_yaml(path: Path) -> Any:
    def parse(content: bytes) -> Any:
        # The one YAML reader, with its guards, as for every data file; only when the cache has no entry.
        from datafiles.reading import parse_yaml

        return parse_yaml(content.decode("utf-8"), path)

    return cached_parse(path, parse, "places")
