"""Belgian places and their language regions, number words, and details typed beside an answer."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words

from dialogue.interpret import Understood, interpret
from dialogue.loader import load_interview
from dialogue.session import Session
from dialogue.words import places
from dialogue.words.numbers import NotANumber, read_whole_number
from dialogue.words.vocabulary import vocabulary

interview = load_interview()
WORDS = vocabulary(interview.source)
MUNICIPALITIES = list(places.municipalities())


# --- the data and the language law -----------------------------------------------------------------


def test_every_municipality_is_there_with_its_region() -> None:
    assert len(MUNICIPALITIES) == 565  # from 1 January 2025
    by_region = {region: [m for m in MUNICIPALITIES if m.region == region] for region in places.REGIONS}
    assert len(by_region["brussels"]) == 19
    assert sorted(m.name("nl") for m in by_region["german"]) == [
        "Amel",
        "Burg-Reuland",
        "Büllingen",
        "Bütgenbach",
        "Eupen",
        "Kelmis",
        "Lontzen",
        "Raeren",
        "Sankt Vith",
    ]


def test_the_27_municipalities_with_language_facilities_keep_their_regions_language() -> None:
    facilities = [m for m in MUNICIPALITIES if m.facilities]
    assert len(facilities) == 27
    regions = {m.name("nl"): m.region for m in facilities}
    assert {
        name: regions[name] for name in ("Kraainem", "Sint-Genesius-Rode", "Voeren", "Ronse")
    } == dict.fromkeys(("Kraainem", "Sint-Genesius-Rode", "Voeren", "Ronse"), "flanders")
    assert {regions[name] for name in ("Moeskroen", "Malmedy", "Weismes", "Edingen")} == {"wallonia"}
    assert not any(m.region == "brussels" for m in facilities)


def test_every_postcode_and_place_it_serves_leads_to_a_municipality() -> None:
    index = places._index()
    assert len(index.postcodes) > 1100
    for place in index.postcodes.values():
        assert place.municipalities and len(place.regions) == 1, place.official


@pytest.mark.parametrize(
    ("typed", "region", "said"),
    [
        ("Gent", "flanders", "Ghent"),
        ("Gand", "flanders", "Ghent"),
        ("Lüttich", "wallonia", "Liège"),
        ("9050", "flanders", "9050 Ghent"),
        ("Ledeberg", "flanders", "Ledeberg (Ghent)"),
        ("Rhode-St-Genèse", "flanders", "Sint-Genesius-Rode"),
        ("Forest", "brussels", "Forest"),  # the Brussels municipality, not the village in Hainaut
        ("provincie Antwerpen", "flanders", "province of Antwerpen"),
    ],
)
def test_a_place_gives_its_region(typed: str, region: str, said: str) -> None:
    found = places.find(typed)
    assert found and found[0].regions == (region,)
    assert found[0].name("en") == said


def test_a_misspelt_place_is_found_only_when_one_is_clearly_closest() -> None:
    assert places.find_close("Antwerpn")[0].name("nl") == "Antwerpen"
    assert places.find_close("Xyzzyville") == ()


def test_inside_a_sentence_only_a_place_that_reads_like_one_counts() -> None:
    named = [f.places[0].name("en") for f in places.scan("our head office is in Ghent, the depot in Liège")]
    assert named == ["Ghent", "Liège"]
    assert places.scan("as a ham we spa") == []  # As, Ham and Spa are places, but not here


@given(st.text(max_size=80))
@settings(max_examples=200, deadline=None)
def test_any_text_is_a_place_or_not_never_a_crash(text: str) -> None:
    for place in places.find(text) + places.find_close(text):
        assert place.regions and set(place.regions) <= set(places.REGIONS)
    for found in places.scan(text):
        assert 0 <= found.start < found.end


# --- number words -----------------------------------------------------------------------------------


@given(number=st.integers(min_value=1, max_value=2000), language=st.sampled_from(["en", "nl", "fr_BE", "de"]))
@settings(max_examples=300, deadline=None)
def test_a_number_written_in_words_is_read_back(number: int, language: str) -> None:
    words = num2words(number, lang=language)
    assert read_whole_number(words, language[:2], WORDS) == number, words


@given(months=st.integers(min_value=1, max_value=60), language=st.sampled_from(["en", "nl", "fr_BE", "de"]))
@settings(max_examples=100, deadline=None)
def test_months_in_words_are_read_back(months: int, language: str) -> None:
    unit = {"en": "months", "nl": "maanden", "fr_BE": "mois", "de": "Monate"}[language]
    typed = f"{num2words(months, lang=language)} {unit}"
    assert read_whole_number(typed, language[:2], WORDS, months=True) == months, typed


@pytest.mark.parametrize("typed", ["a few weeks", "drie weken", "ten or twenty", "beaucoup", ""])
def test_what_is_not_one_number_of_months_is_refused(typed: str) -> None:
    with pytest.raises(NotANumber):
        read_whole_number(typed, "en", WORDS, months=True)


# --- details typed beside an answer ---------------------------------------------------------------------

_TO_WHISTLEBLOWING = {
    "policy_type": "employee_rules",
    "org_name": "Acme",
    "regions": ["flanders"],
    "headcount": 60,
    "sector": "other",
    "employee_bodies": [],
    "functions": ["management", "hr"],
    "platforms": [],
    "spokesperson_functions": ["management"],
    "spokespersons": "HR",
    "advocacy": False,
    "personal_use": "breaks",
    "company_devices": True,
    "monitoring": False,
    "customer_service": False,
    "crisis_function": "management",
    "crisis_contact": "Jan",
    "crisis_escalation": "the CEO",
    "confidential_info": [],
    "staff_images": False,
    "ai_content": "not_allowed",
    "sanctions_in_work_rules": True,
    "disconnect_rules": True,
    "dp_contact": "hr",
}


def _at_whistleblowing(language: str = "en") -> Session:
    session = Session.start(interview, language)
    while session.current is not None and session.current.id in _TO_WHISTLEBLOWING:
        session.answer(_TO_WHISTLEBLOWING[session.current.id])
    assert session.current is not None and session.current.id == "whistleblowing_channel"
    return session


def test_details_typed_with_yes_are_offered_in_the_follow_up_question() -> None:
    with _at_whistleblowing() as session:
        result = session.answer_text("yes, via the SpeakUp platform")
        assert isinstance(result, Understood) and result.value is True
        assert result.said == 'I noted "Yes" and will offer "via the SpeakUp platform" when I ask about it.'
        assert session.current is not None and session.current.id == "whistleblowing_how"
        assert session.previous_answer() == "via the SpeakUp platform"


def test_details_the_answer_has_no_room_for_are_said_not_kept() -> None:
    with _at_whistleblowing("nl") as session:
        result = session.answer_text("nee, maar we zijn ermee bezig")
        assert isinstance(result, Understood) and result.value is False
        assert result.said == (
            'Genoteerd: "Nee". "maar we zijn ermee bezig" past niet bij deze vraag en werd niet bewaard; '
            "typ /terug om uw antwoord te wijzigen."
        )
        assert "whistleblowing_how" not in session.suggestions


def test_a_detail_must_name_a_later_text_question(tmp_path: object) -> None:
    from pathlib import Path
    from shutil import copytree

    from dialogue.definition import read_interview
    from dialogue.errors import DefinitionError

    folder = Path(str(tmp_path)) / "interview"
    copytree(interview.source, folder)
    questions = folder / "questions.yaml"
    questions.write_text(
        questions.read_text(encoding="utf-8").replace("detail: ai_tools", "detail: headcount"),
        encoding="utf-8",
    )
    with pytest.raises(DefinitionError, match="'detail' names 'headcount', which is not a text question"):
        read_interview(folder)


def test_a_place_is_said_back_in_the_language_we_talk_in() -> None:
    for code, said in (
        ("en", "Ghent, so Flanders (Dutch-speaking region); Liège, so Wallonia (French-speaking region)."),
        ("nl", "Gent, dus Vlaanderen (Nederlands taalgebied); Luik, dus Wallonië (Frans taalgebied)."),
        (
            "fr",
            "Gand, donc Flandre (région de langue néerlandaise); "
            "Liège, donc Wallonie (région de langue française).",
        ),
        (
            "de",
            "Gent, also Flandern (niederländisches Sprachgebiet); "
            "Lüttich, also Wallonie (französisches Sprachgebiet).",
        ),
    ):
        result = interpret(interview, interview["regions"], "alleen in Gent en Luik", code)
        assert isinstance(result, Understood) and result.value == ["flanders", "wallonia"]
        assert result.said == said


# --- ready before the first typed answer -----------------------------------------------------------


def test_prepare_builds_what_the_first_typed_number_date_or_place_would_otherwise_build() -> None:
    from dialogue import interpret as reading
    from dialogue.words import dates, numbers

    built = (places._index, numbers._patterns, dates._month_names, reading._ordinary_words)
    for kept in built:
        kept.cache_clear()
    reading.prepare(interview)
    assert [kept.cache_info().currsize for kept in built] == [1, 1, 1, 1]
    before = [kept.cache_info().misses for kept in built]
    for question, text in (
        ("headcount", "zes honderd"),
        ("regions", "alleen Antwerpen"),
        ("effective_date", "1 maart 2027"),
    ):
        assert isinstance(interpret(interview, interview[question], text, "nl"), Understood), question
    assert [kept.cache_info().misses for kept in built] == before, "a typed answer built something again"


@pytest.mark.parametrize(
    ("code", "typed", "value", "told"),
    [
        ("fr", "une trentaine", 30, "Noté : 30"),
        ("fr", "environ 40 personnes", 40, "Noté : 40"),
        ("nl", "ongeveer 350", 350, "Genoteerd als 350"),
        ("nl", "een veertigtal", 40, "Genoteerd als 40"),
        ("de", "etwa zweihundert", 200, "Notiert als 200"),
        ("en", "roughly 120", 120, "Noted as 120"),
    ],
)
def test_an_approximate_headcount_is_taken_and_said_back(
    code: str, typed: str, value: int, told: str
) -> None:
    reading = interpret(interview, interview["headcount"], typed, code)
    assert isinstance(reading, Understood) and reading.value == value
    assert reading.said.startswith(told)


@pytest.mark.parametrize(
    ("code", "typed"), [("en", "120"), ("nl", "zes honderd"), ("fr", "quarante"), ("de", "200")]
)
def test_an_exact_number_is_not_said_back(code: str, typed: str) -> None:
    reading = interpret(interview, interview["headcount"], typed, code)
    assert isinstance(reading, Understood) and reading.said == ""


def test_a_duration_in_months_is_not_said_back_as_a_headcount() -> None:
    reading = interpret(interview, interview["monitoring_retention_months"], "ongeveer zes maanden", "nl")
    assert isinstance(reading, Understood) and reading.value == 6 and reading.said == ""
