"""The language law, in the one module that holds it: the seats decide the binding versions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from clauses import language_law as law

REGIONS = ("flanders", "wallonia", "brussels", "german")


def test_each_region_requires_its_language() -> None:
    assert law.required_languages({"regions": ["flanders"]}) == ("nl",)
    assert law.required_languages({"regions": ["wallonia"]}) == ("fr",)
    assert law.required_languages({"regions": ["german"]}) == ("de",)


def test_brussels_follows_the_staff_and_needs_both_until_they_are_known() -> None:
    assert law.required_languages({"regions": ["brussels"]}) == ("nl", "fr")
    assert law.required_languages({"regions": ["brussels"], "staff_languages": ["fr"]}) == ("fr",)
    assert not law.seats_known({"regions": ["brussels"]})
    assert law.seats_known({"regions": ["brussels"], "staff_languages": ["fr"]})


def test_several_seats_need_every_version_in_the_same_order() -> None:
    answers = {"regions": ["german", "brussels", "flanders"], "staff_languages": ["fr", "nl"]}
    assert law.required_languages(answers) == ("nl", "fr", "de")
    assert law.regions_requiring(answers, "nl") == ["brussels", "flanders"]
    assert law.last_seat_question(answers) == "staff_languages"
    assert law.last_seat_question({"regions": ["flanders"]}) == "regions"


def test_nothing_binds_before_the_seats_are_answered_and_english_never_does() -> None:
    assert law.required_languages({}) == ()
    assert law.explain({}) is None
    assert not law.is_binding("en", {"regions": ["flanders", "wallonia", "brussels", "german"]})


def test_the_explanation_gives_a_reason_per_region_with_its_statute() -> None:
    explained = law.explain({"regions": ["flanders", "brussels"], "staff_languages": ["nl"]})
    assert explained is not None
    assert [(r.key, r.statute) for r in explained.reasons] == [
        ("flanders", "language_flanders"),
        ("brussels_nl", "language_brussels"),
    ]
    assert explained.required == ("nl",)
    both = law.explain({"regions": ["brussels"], "staff_languages": ["nl", "fr"]})
    assert both is not None and [r.key for r in both.reasons] == ["brussels_both"]


def test_versions_are_offered_binding_first_then_english_then_the_others() -> None:
    answers = {"regions": ["wallonia"]}
    assert law.ordered_versions(answers, ("en", "nl", "fr", "de")) == ["fr", "en", "nl", "de"]
    assert law.first_version(answers, "nl", ("en", "nl", "fr", "de")) == "fr"
    assert law.first_version({}, "nl", ("en", "nl", "fr", "de")) == "nl"
    assert law.first_version({}, "xx", ("en", "nl")) == "en"


@given(
    regions=st.lists(st.sampled_from(REGIONS), min_size=1, unique=True),
    staff=st.lists(st.sampled_from(("nl", "fr")), unique=True),
)
def test_the_required_versions_are_exactly_those_some_seat_requires(
    regions: list[str], staff: list[str]
) -> None:
    answers = {"regions": regions, "staff_languages": staff}
    required = law.required_languages(answers)
    assert list(required) == [code for code in law.LANGUAGE_ORDER if code in required]
    by_region = law.languages_by_region(answers)
    assert set(required) == {code for codes in by_region.values() for code in codes}
    assert all(law.regions_requiring(answers, code) for code in required)
    assert law.COURTESY not in required
