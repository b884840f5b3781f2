"""Words of a sentence as the rules see them: tokens, their stems, and the terms of a rules file.

A term is written in a rules file the way a person would write the word ("password", "mots de passe",
"Passwörter"): the Snowball stemmer of the file's language reduces both the term and the text to stems,
so every inflection of a word matches without a pattern for each form. Accents are folded after
stemming ("privé" and "prive" match). Beside the stem, a word also matches when it is the term plus a
short ending (Dutch "wachtwoorden" for "wachtwoord": the Dutch stemmer cuts those two differently).

    password          a word, in any of its forms
    mots de passe     words in a row
    haben ... zu      these words in this order, with up to six others between (haben dem Chef zu folgen)
    wachtwoord*       a word that starts with it (folded): wachtwoordbeheerder
    *wachtwoord*      a word that contains it: a compound such as facebookwachtwoord
    =würde            this word as spelled, in any case, not stemmed and its umlauts kept (ü or ue): for
                      words that only an umlaut tells apart (German "würde" is conditional, "wurde" past)
    @concept          any term of a concept (a list of synonyms in the same file)

Everything here runs in time linear in the text: one regular expression without nesting finds the
words, and each distinct word is stemmed and looked up once (a cache per language).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import snowballstemmer

from clauses.review.compounds import Compounds

# Letters and digits; an apostrophe or hyphen ends a word ("l'employeur" is "l" and "employeur").
_WORD = re.compile(r"[^\W_]+")
# A mark that ends the reach of a negation: "not" in "not this; that" says nothing about "that".
_BOUNDARY = re.compile(r"[;:()\[\]]|,\s(?=(?:and|but|en|maar|et|mais|und|aber)\b)", re.IGNORECASE)
INFLECTION = 3  # a word may carry this many more letters than a term and still be that term
MIN_INFLECTED = 5  # ... when the term has at least this many letters ("not" is never "notes")
STEM_SHARE = 0.5
GAP_MARK = "..."  # in a term, up to GAP words of any kind: "haben ... zu" (haben dem Chef zu folgen)
GAP = 6
NONE: frozenset[int] = frozenset()
CACHE_LIMIT = 200_000  # distinct words remembered per language; beyond, the cache starts afresh

_CONTRACTED = {"can": "can", "won": "will", "don": "do", "shan": "shall"}
STEMMERS = {"en": "english", "nl": "dutch", "fr": "french", "de": "german"}


def spelled(text: str) -> str:
    """Lower case with umlauts written out: "Würde" and "wuerde" -> "wuerde", "wurde" stays "wurde"."""
    return text.lower().translate(_SPELLED)


_SPELLED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(text: str) -> str:
    """Lower case without accents: "Privé" -> "prive", "Überwachung" -> "uberwachung", "ß" -> "ss"."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    found = _FOLDED.get(lowered)
    if found is None:
        if len(_FOLDED) > CACHE_LIMIT:
            _FOLDED.clear()
        normal = unicodedata.normalize("NFKD", lowered.replace("ß", "ss"))
        found = _FOLDED[lowered] = "".join(c for c in normal if not unicodedata.combining(c))
    return found


_FOLDED: dict[str, str] = {}


@dataclass(frozen=True, slots=True)
class Atom:
    """How one word of a term matches a word of the text."""

    kind: str  # "word", "prefix", "suffix", "infix" or "spelled"
    text: str  # the stem (word), the letters as spelled() (spelled) or the folded letters (the others)
    norm: str = ""  # the word's folded form (word), for the short-ending match


@dataclass(slots=True)
class Vocabulary:
    """Every atom of one language's terms, indexed so that each word of a text is looked up once."""

    stemmer: str
    atoms: list[Atom] = field(default_factory=list)
    _ids: dict[Atom, int] = field(default_factory=dict)
    _by_stem: dict[str, list[int]] = field(default_factory=dict)
    _by_norm: dict[str, list[int]] = field(default_factory=dict)
    _by_prefix: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # (atom, max extra)
    _by_suffix: dict[str, list[int]] = field(default_factory=dict)
    _infixes: list[tuple[str, int]] = field(default_factory=list)
    _by_spelling: dict[str, list[int]] = field(default_factory=dict)
    _cache: dict[str, tuple[frozenset[int], frozenset[int]]] = field(default_factory=dict)
    _stems: dict[str, str] = field(default_factory=dict)
    _stemmer: Any = field(default=None, init=False, repr=False)
    _words: dict[str, tuple[str, frozenset[int], frozenset[int]]] = field(default_factory=dict)
    # Dutch and German: a word the rules do not know whole matches what its known parts match.
    compounds: Compounds | None = None
    not_parts: frozenset[int] = frozenset()  # atoms a part of a compound never gives (negations: "Nicht...")

    def __post_init__(self) -> None:
        self._stemmer = snowballstemmer.stemmer(self.stemmer)

    def split_compounds(self, part: int) -> None:
        """Read a word the terms do not hold whole as its parts of at least `part` letters (compounds.py)."""
        self.compounds = Compounds(part)
        for atom in self.atoms:
            if atom.kind == "word":
                self.compounds.learn(atom.norm, atom.text)
        self._cache.clear()
        self._words.clear()

    def stem(self, lowered: str) -> str:
        found = self._stems.get(lowered)
        if found is None:
            if len(self._stems) > CACHE_LIMIT:
                self._stems.clear()
            found = fold(self._stemmer.stemWord(lowered))
            self._stems[lowered] = found
        return found

    def atom(self, written: str) -> int:
        """The id of the atom a word of a term is (see the module docstring for the syntax)."""
        word = written.strip()
        if word.startswith("=") and len(word) > 1:
            atom = Atom("spelled", spelled(word[1:]))
        elif word.startswith("*") and word.endswith("*") and len(word) > 2:
            atom = Atom("infix", fold(word[1:-1]))
        elif word.endswith("*") and len(word) > 1:
            atom = Atom("prefix", fold(word[:-1]))
        elif word.startswith("*") and len(word) > 1:
            atom = Atom("suffix", fold(word[1:]))
        else:
            atom = Atom("word", self.stem(word.lower()), fold(word))
        if atom not in self._ids:
            self._add(atom)
        return self._ids[atom]

    def _add(self, atom: Atom) -> None:
        index = len(self.atoms)
        self.atoms.append(atom)
        self._ids[atom] = index
        self._cache.clear()
        self._words.clear()
        if atom.kind == "word":
            if self.compounds is not None:
                self.compounds.learn(atom.norm, atom.text)
            # A stem much shorter than its word cut a suffix that carries meaning (Dutch "overheid" is
            # stemmed "over"): such a term matches by its own forms only.
            if len(atom.text) >= STEM_SHARE * len(atom.norm):
                self._by_stem.setdefault(atom.text, []).append(index)
            self._by_norm.setdefault(atom.norm, []).append(index)
            if len(atom.norm) >= MIN_INFLECTED:
                self._by_prefix.setdefault(atom.norm, []).append((index, INFLECTION))
            # A verb form the stemmer leaves whole ("contrôlons", "surveillons") still starts with the stem.
            if len(atom.text) >= max(MIN_INFLECTED, 0.7 * len(atom.norm)) and atom.text != atom.norm:
                self._by_prefix.setdefault(atom.text, []).append((index, INFLECTION + 1))
        elif atom.kind == "prefix":
            self._by_prefix.setdefault(atom.text, []).append((index, 1_000))
        elif atom.kind == "suffix":
            self._by_suffix.setdefault(atom.text, []).append(index)
        elif atom.kind == "spelled":
            self._by_spelling.setdefault(atom.text, []).append(index)
        else:
            self._infixes.append((atom.text, index))

    def lookup(self, lowered: str) -> tuple[str, frozenset[int], frozenset[int]]:
        """A word's folded form, the atoms it matches and those only its modifiers match (compounds),
        worked out once per distinct word."""
        found = self._words.get(lowered)
        if found is None:
            if len(self._words) > CACHE_LIMIT:
                self._words.clear()
            norm = fold(lowered)
            ids, modifiers = self.atoms_of(norm, lowered)
            # By its spelling, not its folded form: "wurde" and "würde" fold alike (atoms_of's cache).
            exact = self._by_spelling.get(spelled(lowered)) if self._by_spelling else None
            if exact:
                ids = ids.union(exact)
            found = self._words[lowered] = (norm, ids, modifiers)
        return found

    def atoms_of(self, norm: str, lowered: str) -> tuple[frozenset[int], frozenset[int]]:
        """The atoms a word of the text matches, and those its modifiers match when it is a compound
        (cached: each distinct word is worked out once)."""
        found = self._cache.get(norm)
        if found is not None:
            return found
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
        stem = self.stem(lowered)
        ids: set[int] = set()
        for index in self._by_stem.get(stem, ()):
            # A stemmer that rewrote both words has conflated them: French "publicité" and "publications"
            # are both "publiqu". A shared stem counts when one of the two words spells it (Dutch cuts a
            # "ge-" too: "geheimhouden" is "heimhoud").
            if stem in norm or stem in self.atoms[index].norm:
                ids.add(index)
        ids.update(self._by_norm.get(norm, ()))
        for size in range(1, len(norm) + 1):
            for index, extra in self._by_prefix.get(norm[:size], ()):
                if len(norm) - size <= extra:
                    ids.add(index)
            ids.update(self._by_suffix.get(norm[-size:], ()))
        ids.update(index for text, index in self._infixes if text in norm)
        modifiers: frozenset[int] = NONE
        parts = self.compounds.split(norm) if self.compounds is not None else []
        if parts:
            # The words around a compound speak of its head ("alle onlineactiviteit": all activity); its
            # modifiers speak of the head only ("privésmartphone": private is the phone, not what follows).
            ids.update(self.atoms_of(parts[-1], parts[-1])[0] - self.not_parts)
            modifiers = NONE.union(*(self.atoms_of(part, part)[0] for part in parts[:-1]))
            modifiers = modifiers - self.not_parts - ids
        found = self._cache[norm] = (frozenset(ids), modifiers)
        return found


def tokens(text: str, vocabulary: Vocabulary) -> Words:
    """The words of `text`: where each starts and ends, its folded form, and the atoms it matches."""
    # Whole lists at a time rather than a loop with four appends per word: this runs on every sentence.
    matches = list(_WORD.finditer(text))
    lookup = vocabulary.lookup
    looked = [lookup(match.group().lower()) for match in matches]
    norms = [norm for norm, _, _ in looked]
    atoms = [found for _, found, _ in looked]
    modifiers = None
    if vocabulary.compounds is not None:
        modifiers = [found for _, _, found in looked]
        if not any(modifiers):  # most sentences hold no compound the rules split
            modifiers = None
    if "t" in norms:
        _contractions(text, matches, norms, atoms, lookup)
    return Words([m.start() for m in matches], [m.end() for m in matches], norms, atoms, modifiers)


def _contractions(
    text: str,
    matches: list[re.Match[str]],
    norms: list[str],
    atoms: list[frozenset[int]],
    lookup: Any,
) -> None:
    """English "don't", "can't", "won't": "do not", "can not", "will not"."""
    for index in range(1, len(norms)):
        before = norms[index - 1]
        if norms[index] == "t" and before.endswith("n") and text[matches[index].start() - 1] in "'’":
            norms[index - 1], atoms[index - 1], _ = lookup(_CONTRACTED.get(before, before[:-1]))
            norms[index], atoms[index], _ = lookup("not")


@dataclass(slots=True)
class Words:
    """The words of a text as parallel lists (cheaper than an object per word)."""

    starts: list[int]
    ends: list[int]
    norms: list[str]
    atoms: list[frozenset[int]]
    # Compounds (Dutch, German): what each word's modifiers match, or None for a language without them.
    modifiers: list[frozenset[int]] | None = None

    def __len__(self) -> int:
        return len(self.starts)


def boundaries(text: str, starts: list[int]) -> list[int]:
    """For each word, the number of clause marks (; : brackets) before it: a negation reaches only
    the words with the same number."""
    marks = [match.start() for match in _BOUNDARY.finditer(text)]
    if not marks:
        return [0] * len(starts)
    return [bisect.bisect_left(marks, start) for start in starts]


def words_of(text: str) -> list[str]:
    """The folded words of a text (for telling its language)."""
    return [word if word.isascii() else fold(word) for word in _WORD.findall(text.lower())]


def term_atoms(term: str, vocabulary: Vocabulary) -> tuple[int, ...]:
    """The atoms of a term of several words ("mots de passe"), each word split as the text is."""
    parts: list[str] = []
    for piece in term.split():
        star_start, star_end = piece.startswith("*"), piece.endswith("*") and len(piece) > 1
        inner = [match.group() for match in _WORD.finditer(piece)]
        if not inner:
            continue
        if piece.startswith("="):
            inner[0] = "=" + inner[0]
        elif star_start:
            inner[0] = "*" + inner[0]
        if star_end:
            inner[-1] = inner[-1] + "*"
        parts.extend(inner)
    return tuple(vocabulary.atom(part) for part in parts)


def distinct(items: Iterable[int]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(items))
