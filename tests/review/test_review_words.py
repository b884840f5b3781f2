"""How the review reads words: Dutch and German compounds, sequences of words, the reach of a negation.

Each test is a sentence a policy could hold and the finding a reader would expect of it.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clauses.review import review_text
from clauses.review.compounds import Compounds
from clauses.review.rules import default_rules


def risks(text: str) -> set[str]:
    return {risk.id for risk in review_text(text, language="en").risks} - {
        "english_only",
        "no_ai_rule",
        "no_acknowledgement_owner_review",
    }


def parts(language: str, word: str) -> list[str]:
    compounds = default_rules().languages[language].grammar.vocabulary.compounds
    assert compounds is not None
    return compounds.split(word)


# -- compounds --


def test_a_compound_is_read_as_its_parts_the_rules_know() -> None:
    assert parts("nl", "bedrijfsleiding") == ["bedrijf", "leiding"]
    assert parts("nl", "whatsappgesprekken") == ["whatsapp", "gesprekken"]
    assert parts("de", "unternehmensleitung") == ["unternehmen", "leitung"]
    assert parts("de", "chatnachrichten") == ["chat", "nachrichten"]
    assert parts("de", "uberwachungssoftware") == []  # a term of the rules whole


def test_a_word_is_not_read_into_a_word_the_rules_do_not_know() -> None:
    # "vak" is too short to be a part; "bege" and "op" are no words of the rules.
    assert parts("nl", "vakbond") == []
    assert parts("nl", "begeleiding") == []
    assert parts("nl", "opleiding") == []
    # A word the rules know whole keeps its own meaning: a password manager is not a password.
    assert parts("nl", "wachtwoordbeheerder") == []


def test_english_and_french_do_not_split_words() -> None:
    for code in ("en", "fr"):
        assert default_rules().languages[code].grammar.vocabulary.compounds is None


def test_the_head_of_a_compound_carries_its_meaning() -> None:
    assert "criticism_ban" in risks("Kritische commentaren over de bedrijfsleiding zijn niet toegelaten.")
    assert "criticism_ban" in risks("Kritische Kommentare über die Unternehmensleitung sind nicht erlaubt.")
    assert "private_messages" in risks("HR leest de WhatsAppgesprekken van werknemers.")


def test_a_modifier_speaks_of_its_own_head_only() -> None:
    # "privé" is the phone's, not the mail's: no private message is read here.
    sentence = "De IT-dienst mag elke privésmartphone nakijken waarmee de bedrijfsmail wordt gelezen."
    found = risks(sentence)
    assert "personal_devices" in found
    assert not found & {"private_messages", "unlimited_monitoring"}


def test_a_union_delegate_is_no_voucher_and_no_complaint() -> None:
    assert risks("De vakbondsafgevaardigden communiceren vrij met het personeel.") == set()
    assert risks("Die Gewerkschaftsvertreter kommunizieren frei mit der Belegschaft.") == set()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzé", min_size=0, max_size=64))
def test_splitting_any_word_ends_with_known_parts_that_spell_it(word: str) -> None:
    for code in ("nl", "de"):
        found = parts(code, word)
        compounds = default_rules().languages[code].grammar.vocabulary.compounds
        assert compounds is not None
        assert len(found) in (0, 2, 3)
        for part in found:
            assert len(part) >= compounds.part and compounds.is_known(part)
        if found:
            assert word.startswith(found[0]) and word.endswith(found[-1])


def test_splitting_words_made_of_known_parts_stays_linear() -> None:
    # The worst case: every prefix a known word, and no head that ends it. At most three parts are
    # tried, so a word of 64 letters costs a few hundred look-ups, not an exponential search.
    compounds = Compounds(4, {"abcd" * n for n in range(1, 16)} | {"bcda", "cdab", "dabc"})
    started = time.perf_counter()
    for n in range(2_000):
        assert compounds.split("abcd" * 15 + f"x{n}") == []
    assert time.perf_counter() - started < 2.0


# -- stems --


def test_a_stem_two_words_were_rewritten_to_does_not_make_them_one() -> None:
    # The French stemmer makes "publicité" and "publications" both "publiqu": a like and a share of the
    # company's publications is not a post labelled as advertising.
    sentence = (
        "Le personnel gagne des points bonus pour chaque mention j'aime et chaque partage des "
        "publications de l'entreprise."
    )
    assert "advocacy_without_disclosure" in risks(sentence)
    assert "advocacy_without_disclosure" not in risks(
        "Chaque partage récompensé porte la mention #publicité et indique que vous travaillez pour nous."
    )


# -- words only an umlaut tells apart --


def test_a_term_written_as_spelled_keeps_its_umlaut() -> None:
    vocabulary = default_rules().languages["de"].grammar.vocabulary
    conditional = vocabulary.atom("=würde")
    for word in ("würde", "Würde", "WÜRDE", "wuerde"):
        assert conditional in vocabulary.lookup(word.lower())[1], word
    for word in ("wurde", "würden", "wurden"):
        assert conditional not in vocabulary.lookup(word.lower())[1], word


def status(text: str, element: str = "monitoring") -> str:
    return review_text(text, language="en").element(element).status


def test_the_past_tense_is_no_conditional() -> None:
    # German "wurde(n)", "konnte(n)" and "waren" fold to the same letters as the conditional "würde(n)",
    # "könnte(n)" and "wären": a policy saying what was done does describe its monitoring.
    for text in (
        "Die Internetnutzung am Arbeitsplatz wird kontrolliert, seit der Betriebsrat und alle "
        "Beschäftigten im Januar darüber unterrichtet wurden.",
        "Wir kontrollieren die Online-Kommunikation nur zu den Zwecken des KAA Nr. 81, die den "
        "Arbeitnehmern im Voraus mitgeteilt wurden.",
        "Die Internetnutzung am Arbeitsplatz wird kontrolliert, seit alle Beschäftigten darüber "
        "informiert worden waren.",
        "Die Online-Kommunikation wird kontrolliert, weil nur so Angriffe erkannt werden konnten.",
    ):
        assert status(text) != "missing", text
    # What would be done is still no monitoring, with or without its umlaut written out.
    for text in (
        "Eine Kontrolle der Internetnutzung würde das KAA Nr. 81 voraussetzen.",
        "Eine Kontrolle der Internetnutzung wuerde das KAA Nr. 81 voraussetzen.",
        "Eine Kontrolle der Internetnutzung WÜRDEN wir nur nach dem KAA Nr. 81 einführen.",
        "Überwachung, die nur nach diesen Vorschriften zulässig sein würde: das kollektive "
        "Arbeitsabkommen (KAA) Nr. 81.",
        "Falls die Internetnutzung kontrolliert werden müsste, wäre das KAA Nr. 81 einzuhalten.",
        "Die Internetnutzung könnte kontrolliert werden, wenn das KAA Nr. 81 es erlaubt.",
    ):
        assert status(text) == "missing", text


# -- terms with a gap --


def test_a_german_verb_frames_a_long_clause() -> None:
    # "sieht ... ein" with seven words between: German's middle field is longer than six words.
    sentence = "Die Personalabteilung sieht bei Verdacht die privaten Chatverläufe der Mitarbeitenden ein."
    assert "private_messages" in risks(sentence)
    assert "private_messages" not in risks(sentence.replace(" sieht ", " sieht nie "))


def test_a_gap_stays_in_its_clause() -> None:
    # "private ... E-Mails" across a comma: the private thing is the phone, the e-mails are the company's.
    sentence = (
        "Die IT-Abteilung darf jedes private Smartphone überprüfen, mit dem auf die dienstlichen "
        "E-Mails zugegriffen wird."
    )
    assert "private_messages" not in risks(sentence)
    assert "personal_devices" in risks(sentence)


# -- the reach of a negation --


def test_a_negation_does_not_reach_back_across_a_clause_after_a_comma() -> None:
    allowed = {
        "de": "Sie dürfen Entscheidungen des Unternehmens kritisch kommentieren, solange Sie keine "
        "vertraulichen Informationen preisgeben.",
        "nl": "Je mag beslissingen van het bedrijf kritisch bespreken, zolang je geen vertrouwelijke "
        "informatie deelt.",
        "fr": "Vous pouvez critiquer les décisions de l'entreprise, tant que vous ne divulguez aucune "
        "information confidentielle.",
    }
    for text in allowed.values():
        assert "criticism_ban" not in risks(text), text
    # Within one clause, the late German and Dutch negation still negates.
    assert "criticism_ban" in risks("Sie dürfen die Entscheidungen des Unternehmens nicht kritisieren.")
    assert "criticism_ban" in risks("Je mag de beslissingen van het bedrijf niet bekritiseren.")
    # An enumeration's commas are no clause: the negation reaches back over the list.
    assert "criticism_ban" in risks(
        "Kritik am Unternehmen, an seiner Leitung oder an seinen Produkten ist nicht erlaubt."
    )


# -- access to a device is not access to an account --


def test_access_to_a_personal_device_is_no_password_demand() -> None:
    found = risks("The employer may access the personal tablets of staff to check their social media use.")
    assert "personal_passwords" not in found and "personal_devices" in found
    assert "personal_passwords" in risks("HR may ask you to grant access to your personal LinkedIn account.")
    assert "personal_passwords" in risks("La direction peut exiger l'accès à vos comptes Facebook privés.")


# -- friending and engagement --


def test_friending_a_superior_in_any_words() -> None:
    for text in (
        "It is compulsory for employees to become friends with their team leader on Facebook.",
        "Employees must add their line manager as a friend on Facebook.",
        "Het is verplicht om op Facebook bevriend te worden met je teamleider.",
        "Je voegt je diensthoofd toe als vriend op Facebook; dat is verplicht.",
        "Chaque travailleur doit ajouter son chef d'équipe à ses amis sur Facebook.",
        "Jeder Mitarbeiter muss seinen Abteilungsleiter auf Facebook als Freund hinzufügen.",
    ):
        assert "friending" in risks(text), text
    assert "friending" not in risks("Je kan je teamleider als vriend toevoegen als je dat wil.")


def test_likes_and_shares_for_a_reward_are_advertising() -> None:
    for text in (
        "Personeelsleden verdienen bonuspunten voor elke like en elke share van bedrijfsberichten.",
        "Le personnel gagne des points pour chaque mention j'aime sur les publications de l'entreprise.",
        "Beschäftigte sammeln Bonuspunkte für jedes Like und jedes Teilen von Unternehmensbeiträgen.",
        "Staff earn bonus points for every like and share of company posts.",
    ):
        assert "advocacy_without_disclosure" in risks(text), text


def test_a_text_of_distinct_made_up_compounds_is_reviewed_in_linear_time() -> None:
    # Every word different and made of words the rules know, so that each is split afresh: the cost
    # that compounds add is per distinct word and bounded by its length.
    import os

    compounds = default_rules().languages["nl"].grammar.vocabulary.compounds
    assert compounds is not None
    known = sorted(word for word in compounds.known if 4 <= len(word) <= 8)
    words = [known[n % len(known)] + known[(n * 7) % len(known)] + f"x{n}" for n in range(20_000)]
    text = ". ".join("De medewerkers " + " ".join(words[i : i + 15]) for i in range(0, len(words), 15))
    started = time.perf_counter()
    review_text(text, "txt")
    load = max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))
    assert time.perf_counter() - started < 2.0 * load


def test_a_review_leaves_the_cycle_collector_as_it_found_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paused during a review (it only slows a big one down), back on after it, even after an error."""
    import gc

    import clauses.review as review

    assert gc.isenabled()
    seen: list[bool] = []
    real_run = review.Review.run

    def run(self: review.Review) -> object:
        seen.append(gc.isenabled())
        return real_run(self)

    monkeypatch.setattr(review.Review, "run", run)
    review_text("De medewerkers mogen sociale media gebruiken.", "txt")
    assert seen == [False] and gc.isenabled()

    def fail(self: review.Review) -> object:
        raise ValueError("a bug in a rule")

    monkeypatch.setattr(review.Review, "run", fail)
    with pytest.raises(ValueError):
        review_text("Employees may use social media.", "txt")
    assert gc.isenabled()
    monkeypatch.setattr(review.Review, "run", real_run)
    gc.disable()
    try:
        review_text("Employees may use social media.", "txt")
        assert not gc.isenabled(), "a caller that turned it off keeps it off"
    finally:
        gc.enable()
