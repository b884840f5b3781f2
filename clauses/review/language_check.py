"""The language the law requires, checked against the languages the policy is written in.

Which languages a region requires is the language law's rule, taken from where the policy assembly
takes it (clauses.language_law), never re-coded here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clauses.language_law import languages_by_region, required_languages
from clauses.review.model import ElementFinding, Inferred, Passage
from clauses.review.rules import ElementCheck
from clauses.review.scan import Hit, quote

if TYPE_CHECKING:  # the engine passes itself; importing it here would be a cycle
    from clauses.review.engine import Review


def language_check(review: Review, inferred: dict[str, Inferred], check: ElementCheck) -> ElementFinding:
    """The element judged by the language law (`judged_by: language_law` in checks.yaml); a risk that
    comes from it (english_only) is raised by the engine like any risk from an element."""
    texts, found = review.texts, review.scan
    # Only where the policy applies: the staff's languages inferred from the policy's own language would
    # make any Brussels policy look right in whatever language it is written.
    answers = {question: item.value for question, item in inferred.items() if question != "staff_languages"}
    required = required_languages(answers)
    present = found.present_languages
    courtesy_hit = found.first(("courtesy",))
    courtesy = _passage(review, courtesy_hit)
    note = _note(review, inferred, required)
    have = [code for code in required if code in present]
    official = {"nl", "fr", "de"}
    if required and len(have) == len(required):
        status = "present"
    elif required and have:
        status = "weak"
        missing = [texts.language_name(code) for code in required if code not in present]
        note += " " + texts.message("language_version_missing", languages=texts.either(missing))
    elif not required and present & official:
        status = "present"
        note += " " + texts.message("language_check_region")
    elif courtesy is not None and "en" in present:
        status = "weak"
        note += " " + texts.message("language_courtesy_only")
    else:
        status = "missing"
    title, why = texts.element(check.id)
    return ElementFinding(check.id, title, status, why, courtesy, (), review.clauses(check.fix), note=note)


def _passage(review: Review, hit: object) -> Passage | None:
    return quote(hit) if isinstance(hit, Hit) else None


def _note(review: Review, inferred: dict[str, Inferred], required: tuple[str, ...]) -> str:
    texts, found = review.texts, review.scan
    present = sorted(found.present_languages, key=lambda code: -found.shares.get(code, 0))
    detected = ", ".join(texts.language_name(code) for code in present) or texts.message("no_language")
    regions = inferred.get("regions")
    if not regions:
        return texts.message("language_detected_unknown_region", detected=detected)
    by_region = languages_by_region({"regions": regions.value})
    rules = "; ".join(texts.region_rule(region) for region in by_region)
    needed = texts.both([texts.language_name(code) for code in required])
    where = regions.evidence.text if regions.evidence else ""
    return texts.message("language_detected", detected=detected, required=needed, rules=rules, evidence=where)
