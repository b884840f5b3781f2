"""The regions question answered with places: "Antwerpen", "alleen in Gent en Luik", "only Brussels",
"uniquement en Wallonie, à Liège", "9000", "our head office is in Ghent".

A region's name is read as before; a town, a sub-municipality, a province or a postcode gives its
language region (dialogue.words.places), and what was understood is said back in the user's language:
"Ghent, so Flanders (Dutch-speaking region)". A municipality with language facilities is explained: a
private employer there uses its region's language, not the Brussels rule (coordinated laws of 18 July
1966, art. 52).
"""

from __future__ import annotations

import re

from dialogue.errors import AnswerError
from dialogue.interpret import Context, Reading, _either, _is_unsure, clip, separate
from dialogue.words import choices as choosing
from dialogue.words import places
from dialogue.words.choices import fold
from dialogue.words.phrases import split


def read_regions(context: Context, text: str) -> Reading:
    interview, question, language = context.interview, context.question, context.language
    folded = fold(text)
    if _is_unsure(context, text):
        raise AnswerError(language.message("unsure") + " " + language.message("regions_hint"))
    if folded in interview.words["none"] or folded in interview.words["no"]:
        return Reading([])
    if folded in interview.words["all"]:
        return Reading(list(question.choices))
    regions: list[str] = []
    named: list[tuple[places.Place, bool]] = []  # each place, and whether its name was shared
    parts = separate(text)
    if len(parts) == 1 and re.fullmatch(r"[\d\s]+", parts[0]) and not places.find(parts[0]):
        parts = parts[0].split()
    for part in parts:
        found_regions, found_places = _read_part(context, part)
        regions.extend(region for region in found_regions if region in question.choices)
        named.extend(found_places)
    return Reading(list(dict.fromkeys(regions)), said=_said(context, named))


def _read_part(context: Context, part: str) -> tuple[list[str], list[tuple[places.Place, bool]]]:
    question = context.question
    core = _core(part)
    if not core:
        return [], []
    found = choosing.candidates(context.interview, question.id)
    for text in dict.fromkeys((fold(core), fold(part))):
        if text.isdecimal() and len(text) <= 2 and 1 <= int(text) <= len(question.choices):
            return [question.choices[int(text) - 1]], []
        for rule in (choosing.exact, choosing.abbreviation):
            matched = rule(text, found)
            if len(matched) == 1:
                region = matched.pop()
                # "Eupen" is the region's alias and a municipality with its own rule: say it.
                town = [p for p in places.find(core) if p.with_facilities and p.regions == (region,)]
                return [region], [(town[0], False)] if town else []
    named = places.find(core)
    if named:
        return _regions_of(context, core, named)
    for rule in (choosing.prefix, choosing.distinctive_words):
        matched = rule(fold(core), found)
        if len(matched) == 1:
            return [matched.pop()], []
    regions: list[str] = []
    inside: list[tuple[places.Place, bool]] = []
    tokens = split(part)
    for mention in choosing.best(choosing.mentions(context.interview, question.id, tokens)):
        if not mention.negated:
            regions.append(mention.choice)
    for spot in places.scan(part):
        typed = " ".join(token.word for token in tokens[spot.start : spot.end])
        spot_regions, spot_places = _regions_of(context, typed, spot.places)
        regions.extend(spot_regions)
        inside.extend(spot_places)
    if regions:
        return regions, inside
    matched = choosing.fuzzy(fold(core), found)
    if len(matched) == 1:
        return [matched.pop()], []
    close = places.find_close(core)
    if close:
        return _regions_of(context, core, close)
    raise AnswerError(
        context.language.message("place_unknown", text=clip(part))
        + " "
        + context.language.message("regions_hint")
    )


def _core(part: str) -> str:
    """The part without the words that only lead to or follow a place: "alleen in", "only", "nur"."""
    tokens = split(part)
    before = places.words_before()
    start, end = 0, len(tokens)
    while start < end and places.key(tokens[start].word) in before:
        start += 1
    while end > start and places.key(tokens[end - 1].word) in before:
        end -= 1
    if start == end:
        return ""
    return part[tokens[start].start : tokens[end - 1].end]


def _regions_of(
    context: Context, typed: str, named: tuple[places.Place, ...]
) -> tuple[list[str], list[tuple[places.Place, bool]]]:
    """The region of the places a name may be; a question when they lie in different regions."""
    regions = list(dict.fromkeys(region for place in named for region in place.regions))
    if len(regions) == 1:
        # Villages of one name in several municipalities ("Berchem") are named as typed.
        shared = len(named) > 1 and all(place.kind == "locality" for place in named)
        return regions, [(named[0], shared)]
    language = context.language
    labels = language.questions[context.question.id].choices
    options = [
        language.message("place_is", place=place.name(language.code), region=labels[place.regions[0]])
        for place in named
    ]
    raise AnswerError(
        language.message("place_ambiguous", text=clip(typed), places=_either(options, language))
        + " "
        + language.message("regions_hint")
    )


def _said(context: Context, named: list[tuple[places.Place, bool]]) -> str:
    """ "Ghent, so Flanders (Dutch-speaking region)." and what facilities mean, in the user's language."""
    if not named:
        return ""
    language = context.language
    labels = language.questions[context.question.id].choices
    lines: list[str] = []
    notes: list[str] = []
    for place, shared in dict.fromkeys(named):
        name = place.official if shared else place.name(language.code)
        region = place.regions[0]
        lines.append(language.message("place_is", place=name, region=labels.get(region, region)))
        for municipality in place.with_facilities:
            note = language.message(
                f"place_facilities_{municipality.region}", place=municipality.name(language.code)
            )
            if note not in notes:
                notes.append(note)
    return " ".join(["; ".join(lines) + ".", *notes])
