"""The interview in Dutch and French: complete, really translated, and understood in the user's words."""

from __future__ import annotations

import re
from datetime import date
from string import Formatter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dialogue.errors import NavigationError
from dialogue.interpret import Unclear, Understood, fold, interpret
from dialogue.loader import load_interview
from dialogue.model import Kind
from dialogue.session import Session

interview = load_interview()
ENGLISH = interview.languages["en"]
TRANSLATIONS = ("nl", "fr")
# Names that are the same in every language.
PROPER_NAMES = frozenset(
    {"LinkedIn", "Facebook", "Instagram", "X (Twitter)", "TikTok", "YouTube", "WhatsApp Business"}
)


def texts_of(code: str) -> dict[str, str]:
    """Every text of one language, by a readable key: sections, questions, hints, labels, messages."""
    language = interview.languages[code]
    found = {f"section {key}": value for key, value in language.sections.items()}
    for question in interview.questions:
        texts = language.questions[question.id]
        found[f"{question.id}.text"] = texts.text
        found[f"{question.id}.why"] = texts.why
        if texts.hint:
            found[f"{question.id}.hint"] = texts.hint
        for choice, label in texts.choices.items():
            found[f"{question.id}.choices.{choice}"] = label
    found.update({f"message {key}": value for key, value in language.messages.items()})
    return found


def placeholders(message: str) -> list[str]:
    return sorted(name for _, name, _, _ in Formatter().parse(message) if name is not None)


def read(question_id: str, text: str, code: str) -> object:
    result = interpret(interview, interview[question_id], text, code)
    assert isinstance(result, Understood), result
    return result.value


def unclear(question_id: str, text: str, code: str) -> str:
    result = interpret(interview, interview[question_id], text, code)
    assert isinstance(result, Unclear), result
    return result.message


# --- complete and translated ---------------------------------------------------------------------


def test_the_interview_exists_in_english_dutch_french_and_german() -> None:
    assert set(interview.languages) == {"en", "nl", "fr", "de"}
    assert interview.languages["nl"].name == "Nederlands"
    assert interview.languages["fr"].name == "Français"
    assert interview.languages["de"].name == "Deutsch"


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_every_english_text_has_a_translation_and_nothing_more(code: str) -> None:
    assert set(texts_of(code)) == set(texts_of("en"))


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_nothing_is_left_in_english(code: str) -> None:
    english = texts_of("en")
    left = [
        key
        for key, text in texts_of(code).items()
        if text.strip() == english[key].strip() and text not in PROPER_NAMES
    ]
    assert not left, f"{code}: still in English: {left}"


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_every_message_keeps_exactly_the_english_placeholders(code: str) -> None:
    language = interview.languages[code]
    for key, message in ENGLISH.messages.items():
        assert placeholders(language.messages[key]) == placeholders(message), (code, key)
        values = dict.fromkeys(placeholders(message), "X")
        assert language.message(key, **values)


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_aliases_are_the_language_own_words_not_the_english_ones_again(code: str) -> None:
    for question in interview.questions:
        english = ENGLISH.questions[question.id]
        for choice, words in interview.languages[code].questions[question.id].aliases.items():
            known = {fold(word) for word in english.aliases.get(choice, ())}
            known |= {fold(english.choices[choice]), fold(choice.replace("_", " "))}
            repeated = [word for word in words if fold(word) in known]
            assert not repeated, (code, question.id, choice, repeated)


@pytest.mark.parametrize("code", ["en", *TRANSLATIONS])
def test_every_label_and_alias_of_every_language_picks_its_own_choice(code: str) -> None:
    """No word of one language makes another language's answer ambiguous."""
    for question in interview.questions:
        if not question.kind.has_choices:
            continue
        for language in interview.languages.values():
            texts = language.questions[question.id]
            for choice in question.choices:
                expected = choice if question.kind is Kind.SINGLE else [choice]
                for name in (texts.choices[choice], *texts.aliases.get(choice, ())):
                    assert read(question.id, name, code) == expected, (language.code, question.id, name)


def test_french_typography_puts_a_space_before_double_punctuation() -> None:
    for key, text in texts_of("fr").items():
        assert not re.search(r"\S[?!:;»]|«\S", text), (key, text)


def test_legal_terms_follow_the_legal_reference() -> None:
    dutch, french = texts_of("nl"), texts_of("fr")
    assert (
        "arbeidsreglement" in dutch["policy_type.why"] and "wet van 8 april 1965" in dutch["policy_type.why"]
    )
    assert (
        "règlement de travail" in french["policy_type.why"]
        and "loi du 8 avril 1965" in french["policy_type.why"]
    )
    assert "cao nr. 81" in dutch["employee_bodies.why"] and "CCT n° 81" in french["employee_bodies.why"]
    assert "exploitatiezetel" in dutch["regions.why"] and "siège d'exploitation" in french["regions.why"]
    assert (
        "recht op deconnectie" in dutch["headcount.why"]
        and "droit à la déconnexion" in french["headcount.why"]
    )
    assert "Wetboek van economisch recht, boek VI" in dutch["advocacy_incentives.why"]
    assert "Code de droit économique, livre VI" in french["advocacy_incentives.why"]
    assert "arbeidsovereenkomstenwet van 3 juli 1978, art. 17, 3°" in dutch["confidential_info.why"]
    assert (
        "loi du 3 juillet 1978 relative aux contrats de travail, art. 17, 3°"
        in french["confidential_info.why"]
    )
    assert "Gegevensbeschermingsautoriteit" in dutch["staff_images.why"]
    assert "Autorité de protection des données" in french["staff_images.why"]
    assert (
        "AI-verordening" in dutch["ai_content.why"]
        and "règlement européen sur l'IA" in french["ai_content.why"]
    )


# --- answers typed in Dutch and French ----------------------------------------------------------


@pytest.mark.parametrize(
    ("question_id", "text", "code", "value"),
    [
        ("department", "klantendienst", "nl", "customer_service"),
        ("department", "ressources humaines", "fr", "hr"),
        ("department", "service clientèle", "fr", "customer_service"),
        ("policy_type", "wat wel en niet mag", "nl", "limited"),
        ("policy_type", "politique complète", "fr", "comprehensive"),
        ("regions", "Vlaanderen en Brussel", "nl", ["flanders", "brussels"]),
        ("regions", "Wallonie et Bruxelles-Capitale", "fr", ["wallonia", "brussels"]),
        ("regions", "germanophone", "fr", ["german"]),
        ("staff_languages", "les deux", "fr", ["nl", "fr"]),
        ("staff_languages", "Nederlandstaligen", "nl", ["nl"]),
        ("employee_bodies", "ondernemingsraad en vakbond", "nl", ["works_council", "union_delegation"]),
        ("employee_bodies", "conseil d'entreprise, CPPT", "fr", ["works_council", "cppw"]),
        ("employee_bodies", "geen", "nl", []),
        ("employee_bodies", "aucun", "fr", []),
        ("advocacy", "oui", "fr", True),
        ("advocacy", "nee", "nl", False),
        ("advocacy", "ja, dat doen we", "nl", True),
        ("advocacy", "zeker niet", "nl", False),
        ("advocacy", "absolument pas", "fr", False),
        ("personal_use", "alleen tijdens de pauzes", "nl", "breaks"),
        ("personal_use", "non", "fr", "not_during_work"),
        ("monitoring_purposes", "veiligheid en naleving", "nl", ["it_security", "policy_compliance"]),
        ("monitoring_purposes", "dignité", "fr", ["unlawful_acts"]),
        ("confidential_info", "klantgegevens, strategie", "nl", ["customer_data", "strategy"]),
        ("ai_content", "ja", "nl", "allowed_reviewed"),
        ("acknowledgement", "signature électronique", "fr", "qualified_esignature"),
        ("review_cadence", "jaarlijks", "nl", "yearly"),
        ("review_cadence", "tous les deux ans", "fr", "two_yearly"),
        ("headcount", "ongeveer 85 werknemers", "nl", 85),
        ("headcount", "1 250 travailleurs", "fr", 1250),
        ("effective_date", "1er mars 2027", "fr", date(2027, 3, 1)),
        ("effective_date", "1 maart 2027", "nl", date(2027, 3, 1)),
        ("effective_date", "01/03/2027", "fr", date(2027, 3, 1)),
    ],
)
def test_free_text_in_dutch_and_french_is_understood(
    question_id: str, text: str, code: str, value: object
) -> None:
    assert read(question_id, text, code) == value


def test_an_unclear_answer_is_explained_in_the_interview_language() -> None:
    french = unclear("policy_type", "xyz", "fr")
    assert french.startswith("Aucun choix ne correspond à « xyz ».")
    assert "4. Une courte liste de choses à faire et à éviter" in french
    assert "could not match" not in french and "Please" not in french
    dutch = unclear("policy_type", "xyz", "nl")
    assert dutch.startswith("Ik vind geen keuze die past bij ‘xyz’.")
    assert "3. Richtlijnen voor één afdeling" in dutch


@pytest.mark.parametrize(
    ("question_id", "text", "code", "message"),
    [
        (
            "advocacy",
            "blauw",
            "nl",
            'Antwoord met ja of nee. U mag een voorwaarde toevoegen: "ja, met hun toestemming".',
        ),
        (
            "advocacy",
            "misschien",
            "nl",
            "Twijfelt u, geef dan het antwoord dat het dichtst in de buurt komt; u kunt het later in het "
            "overzicht wijzigen. Antwoord met ja of nee.",
        ),
        (
            "advocacy",
            "bleu",
            "fr",
            "Répondez par oui ou par non. Vous pouvez ajouter une condition : « oui, avec leur accord ».",
        ),
        (
            "headcount",
            "veel",
            "nl",
            'Geef een geheel getal op, bijvoorbeeld 12. Cijfers of woorden werken allebei: "120", '
            '"ongeveer 1.250", "twaalf".',
        ),
        ("headcount", "0", "fr", "Indiquez un nombre supérieur ou égal à 1."),
        ("regions", "geen", "nl", "Kies er minstens 1."),
        ("effective_date", "01/01/2020", "fr", "Indiquez une date à partir du 01/01/2024."),
        ("effective_date", "01.01.2020", "de", "Bitte geben Sie ein Datum ab dem 01.01.2024 an."),
        ("effective_date", "31/02/2027", "nl", "31/02/2027 is geen bestaande datum."),
        ("contact_email", "hr bij acme", "nl", "Geef een e-mailadres op, zoals hr@example.be."),
        ("org_name", "   ", "fr", "Une réponse est nécessaire ici."),
        ("employee_bodies", "cppt, aucun", "fr", "« Aucun » ne peut pas être combiné avec d'autres choix."),
    ],
)
def test_validation_messages_are_in_the_interview_language(
    question_id: str, text: str, code: str, message: str
) -> None:
    assert unclear(question_id, text, code) == message


def test_a_whole_short_interview_in_dutch_words() -> None:
    with Session.start(interview, "nl") as session:
        with pytest.raises(NavigationError, match="Dit is de eerste vraag"):
            session.back()
        for text in (
            "korte lijst",
            "Bakkerij Peeters BV",
            "Vlaanderen",
            "12",
            "bakkerij",
            "een winkel",
            "geen",
            "alleen tijdens de pauzes",
            "ja",
            "hr@bakkerij-peeters.be",
            "1 maart 2027",
        ):
            assert isinstance(session.answer_text(text), Understood), (session.state, text)
        assert session.result()["personal_use"] == "breaks"
        assert session.result()["sanctions_in_work_rules"] is True


# Words of the translations, so generated answers also come close to real ones.
VOCABULARY = sorted(
    {word for code in TRANSLATIONS for text in texts_of(code).values() for word in text.split()[:12]}
    | {"en", "et", ",", "geen", "aucun", "alle", "tous", "ja", "oui", "nee", "non", "1er", "maart", "mars"}
)
typed = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(VOCABULARY), max_size=8).map(" ".join),
)


@given(question=st.sampled_from(interview.questions), text=typed, code=st.sampled_from(TRANSLATIONS))
def test_any_text_in_dutch_or_french_is_understood_or_explained_never_a_crash(
    question: object, text: str, code: str
) -> None:
    result = interpret(interview, question, text, code)  # type: ignore[arg-type]
    assert isinstance(result, Understood | Unclear)
    if isinstance(result, Unclear):
        assert result.message.strip()


def test_an_ambiguous_answer_names_the_candidates_in_the_interview_language() -> None:
    assert " ou " in unclear("sector", "services", "fr") and " or " not in unclear("sector", "services", "fr")
    assert "« Services professionnels (avocats, comptabilité, conseil) »" in unclear(
        "sector", "services", "fr"
    )
    assert " of " in unclear("sector", "dienst", "nl")


def test_text_defaults_are_worded_in_each_language() -> None:
    question = interview["it_policy_name"]
    assert interview.default(question, "en") == "IT and Communication Systems Policy"
    assert interview.default(question, "nl") != interview.default(question, "en")
    assert interview.default(question, "fr") != interview.default(question, "en")
    assert interview.default(interview["review_cadence"], "fr") == "yearly"


def test_a_date_is_written_back_the_way_the_language_writes_it() -> None:
    """German writes 25.11.2026; Dutch, French and English in Belgium 25/11/2026."""
    day = date(2027, 1, 1)
    assert interview.languages["de"].date(day) == "01.01.2027"
    for code in ("en", "nl", "fr"):
        assert interview.languages[code].date(day) == "01/01/2027"
