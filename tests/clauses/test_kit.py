"""The adoption kit: which documents HR gets for which organisation, the dates they carry, the texts in
each language, the staff list, and every document read back from Word and PDF."""

from __future__ import annotations

import datetime
import io
import re

import docx
import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st
from policy_helpers import LIBRARY, answers

from clauses.export import render
from clauses.kit import StaffListError, StaffMember, adoption_kit
from clauses.kit.dates import procedure_dates
from clauses.kit.staff import parse_staff
from clauses.kit.texts import default_texts
from clauses.model import SignatureBlock

POSTED = datetime.date(2027, 2, 1)
# A Flemish manufacturer with a works council, monitoring on.
FLEMISH = answers(regions=["flanders"], employee_bodies=["works_council", "cppw"], headcount=180)
# The same without any employee body, and without monitoring.
SMALL = answers(regions=["flanders"], employee_bodies=[], headcount=30, monitoring=False)


def kit(given_answers=FLEMISH, languages=("nl",), staff=(), posted=POSTED):
    return adoption_kit(LIBRARY, given_answers, languages, posting_date=posted, staff=staff)


def text(document) -> str:
    return " ".join(str(render(document, "txt")).split())


def by_id(found) -> dict[str, str]:
    return {item.id: text(item.document) for item in found.documents}


# --- dates -----------------------------------------------------------------------------------------


def test_dates_without_a_works_council_follow_the_fifteen_days_and_the_eight() -> None:
    dates = procedure_dates(datetime.date(2027, 3, 1), works_council=False)
    assert dates.remarks_until == datetime.date(2027, 3, 15)  # 15 days, the posting day included
    assert dates.in_force == datetime.date(2027, 3, 16)  # the 15th day after posting
    assert dates.copy_by == datetime.date(2027, 3, 24)  # 8 days after entry into force
    assert dates.council_from is None


def test_dates_with_a_works_council_give_its_meeting_window_and_no_entry_into_force() -> None:
    dates = procedure_dates(datetime.date(2027, 12, 20), works_council=True)
    assert (dates.council_from, dates.council_until) == (
        datetime.date(2028, 1, 4),
        datetime.date(2028, 1, 19),
    )
    assert dates.in_force is None and dates.copy_by is None


@given(st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2099, 1, 1)), st.booleans())
def test_every_date_follows_the_posting(posted: datetime.date, council: bool) -> None:
    dates = procedure_dates(posted, council)
    assert (dates.remarks_until - posted).days == 14
    if council:
        assert (dates.council_from - posted).days == 15 and (dates.council_until - posted).days == 30
    else:
        assert (dates.in_force - posted).days == 15 and (dates.copy_by - dates.in_force).days == 8


# --- which documents --------------------------------------------------------------------------------


def test_a_company_with_a_works_council_and_monitoring_gets_the_councils_procedure_and_cba_81_notes() -> None:
    found = kit()
    assert [item.id for item in found.documents] == [
        "posting_notice",
        "inspection_note",
        "monitoring_information",
        "monitoring_letter",
        "acknowledgement_list",
    ]
    assert found.documents[0].stem == "01-aanplakbericht-nl"
    texts = by_id(found)
    notice = texts["posting_notice"]
    assert "De ondernemingsraad vergadert erover: tussen 16 februari 2027 en 3 maart 2027" in notice
    assert "register" not in notice.lower(), "with a works council there is no register of remarks"
    assert "Aan: De ondernemingsraad" in texts["monitoring_information"]
    assert "met de ondernemingsraad" in texts["monitoring_information"]


def test_without_a_works_council_the_notice_gives_the_register_the_dates_and_the_inspection() -> None:
    found = kit(SMALL, ("nl",))
    assert [item.id for item in found.documents] == [
        "posting_notice",
        "remarks_register",
        "inspection_note",
        "acknowledgement_list",
    ]
    texts = by_id(found)
    notice = texts["posting_notice"]
    assert "Aangeplakt op: 1 februari 2027" in notice
    assert "Opmerkingen in het register tot en met: 15 februari 2027" in notice
    assert "Van toepassing zonder opmerkingen vanaf: 16 februari 2027" in notice
    assert "Het register van opmerkingen ligt: ____" in notice
    assert "desgewenst anoniem, sturen naar de inspectiedienst Toezicht op de Sociale Wetten" in notice
    note = texts["inspection_note"]
    assert "uiterlijk op 24 februari 2027" in note and "(8 dagen na de inwerkingtreding)" in note
    register = next(item.document for item in found.documents if item.id == "remarks_register")
    table = next(
        block for clause in register.clauses() for block in clause.blocks if getattr(block, "header", [()])[0]
    )
    assert [cell[0].text for cell in table.header] == ["Nr.", "Datum", "Opmerking", "Naam en handtekening"]
    assert len(table.rows) == 12


@pytest.mark.parametrize(
    ("bodies", "to", "with_body"),
    [
        (["works_council", "cppw", "union_delegation"], "To: The works council", "with the works council"),
        (["cppw", "union_delegation"], "To: The committee for prevention", "with the committee"),
        (["union_delegation"], "To: The trade union delegation", "with the trade union delegation"),
        ([], "To: All employees of Acme Belgium NV", "Acme Belgium NV evaluates the monitoring every year"),
    ],
)
def test_the_cba_81_note_goes_to_the_body_the_cascade_names(
    bodies: list[str], to: str, with_body: str
) -> None:
    texts = by_id(kit(answers(employee_bodies=bodies), ("en",)))
    assert to in texts["monitoring_information"]
    assert with_body in texts["monitoring_information"]


def test_the_cba_81_notes_give_purposes_permanence_storage_retention_and_rights() -> None:
    texts = by_id(kit(answers(monitoring_purposes=["it_security", "policy_compliance"]), ("en",)))
    for key in ("monitoring_information", "monitoring_letter"):
        note = texts[key]
        assert "security and proper technical operation" in note
        assert "compliance in good faith" in note
        assert "The monitoring is permanent." in note and "☐" not in note.split("Your duties")[0]
        assert "at most 6 months, then deleted" in note
        assert "Data Protection Authority" in note and "heard" in note
        assert "never consent" in note or "never your consent" in note
        assert "only after all staff" in note or "all staff are first warned" in note
        # CBA No. 81's article numbers are unverified: never cited.
        assert not re.search(r"(art\.|article|artikel)\s*\d", note, re.IGNORECASE), note


def test_the_answer_on_permanence_is_used_when_the_interview_asks_it() -> None:
    note = by_id(kit({**answers(), "monitoring_permanent": False}, ("en",)))["monitoring_information"]
    assert "The monitoring is not permanent: it takes place ____" in note and "☐" not in note
    note = by_id(kit({**answers(), "monitoring_permanent": True}, ("en",)))["monitoring_information"]
    assert "The monitoring is permanent." in note and "not permanent" not in note


@pytest.mark.skipif(
    "choices.monitoring_storage.own_systems" not in LIBRARY.source.languages["en"].strings,
    reason="the interview does not ask where monitoring data are kept yet",
)
def test_answers_about_storage_and_evaluation_are_used_when_the_interview_asks_them() -> None:
    given_answers = {**answers(), "monitoring_storage": "provider", "monitoring_evaluation": "half_yearly"}
    note = by_id(kit(given_answers, ("en",)))["monitoring_information"]
    assert "The data are kept with an IT service provider" in note
    assert "evaluates the monitoring every six months with the works council" in note


def test_a_staff_list_fills_in_the_list_a_letter_and_a_receipt_per_employee() -> None:
    staff = (StaffMember("Jan Peeters"), StaffMember("Marie Dupont", "fr"), StaffMember("An Claes", "nl"))
    found = kit(answers(regions=["brussels"], staff_languages=["nl", "fr"]), ("nl", "fr"), staff)
    documents = {(item.id, item.language): item.document for item in found.documents}
    receipts = documents["receipts", "nl"]
    assert [annex.title for annex in receipts.annexes] == [
        "Ontvangstbewijs: Jan Peeters",
        "Ontvangstbewijs: An Claes",
    ]
    signature = receipts.annexes[0].clauses[0].blocks[-1]
    assert isinstance(signature, SignatureBlock) and signature.lines()[0] == ("Naam", "Jan Peeters")
    french = documents["receipts", "fr"]
    assert [annex.title for annex in french.annexes] == [
        "Accusé de réception\u00a0: Jan Peeters",
        "Accusé de réception\u00a0: Marie Dupont",
    ]
    letters = documents["monitoring_letter", "nl"]
    assert len(letters.annexes) == 2 and "Aan: Jan Peeters" in text(letters)
    listed = text(documents["acknowledgement_list", "nl"])
    assert "1 Naam: Jan Peeters" in listed and "2 Naam: An Claes" in listed and "Marie" not in listed


def test_the_receipts_are_only_made_with_a_staff_list() -> None:
    assert "receipts" not in [item.id for item in kit().documents]


def test_a_policy_in_force_before_the_work_rules_can_apply_is_flagged() -> None:
    found = kit(answers(effective_date=datetime.date(2027, 2, 10)), ("nl",))
    assert found.warnings and "2027-02-16" in found.warnings[0]
    assert not kit(answers(effective_date=datetime.date(2027, 3, 1)), ("nl",)).warnings


@pytest.mark.parametrize("language", ["en", "nl", "fr", "de"])
@pytest.mark.parametrize("given_answers", [FLEMISH, SMALL], ids=["council", "small"])
def test_every_document_exists_in_every_language_and_names_the_organisation(
    given_answers, language: str
) -> None:
    staff = (StaffMember("Jan Peeters"),)
    found = kit(given_answers, (language,), staff)
    assert {item.language for item in found.documents} == {language}
    for item in found.documents:
        assert "Acme Belgium NV" in text(item.document), item.id
        assert item.stem.endswith(f"-{language}") and re.fullmatch(r"\d\d-[a-z0-9-]+", item.stem)
    assert len({item.stem for item in found.documents}) == len(found.documents)


def test_german_uses_the_belgian_german_terms() -> None:
    texts = by_id(kit(FLEMISH, ("de",)))
    everything = " ".join(texts.values())
    assert "Arbeitsordnung" in everything and "Kontrolle der Sozialgesetze" in everything
    assert "Betriebsrat (conseil d'entreprise)" in everything, "the French term the first time"
    assert "paritätische Kommission" in everything and "Datenschutzbehörde" in everything
    for wrong in ("Präventionsberater", "Ausschuss für Prävention", "wichtiger Grund", "Sozialinspektion"):
        assert wrong not in everything


def test_french_kit_texts_keep_french_spacing() -> None:
    for item in kit(FLEMISH, ("fr",)).documents:
        shown = text(item.document)
        assert not re.search(r"\S[;:!?](?=\s)", shown.replace("http:", "").replace("https:", "")), (
            item.id,
            re.findall(r".{20}\S[;:!?]\s", shown)[:3],
        )


def test_every_kit_text_exists_for_every_language_with_a_file_name() -> None:
    texts = default_texts()
    assert set(texts.languages) == {"en", "nl", "fr", "de"}
    for spec in texts.specs:
        for language in texts.languages:
            assert texts.strings[language]["files"][spec.id]
            assert spec.from_policy or (language, spec.id) in texts.templates


# --- read back in Word and PDF ----------------------------------------------------------------------


def test_the_kit_reads_back_from_word_and_pdf() -> None:
    staff = (StaffMember("Jan Peeters"), StaffMember("An Claes"))
    for item in kit(FLEMISH, ("nl",), staff).documents:
        word = docx.Document(io.BytesIO(bytes(render(item.document, "docx"))))
        assert word.paragraphs[0].text == item.document.title
        assert word.core_properties.language == "nl-BE"
        reader = pypdf.PdfReader(io.BytesIO(bytes(render(item.document, "pdf"))))
        first = " ".join(reader.pages[0].extract_text().split())
        assert item.document.title.split(":")[0] in first
        assert f"Pagina 1 van {len(reader.pages)}" in first
        if item.id in ("receipts", "monitoring_letter"):
            # Each employee's copy starts a page, the first on the first page.
            pages = [" ".join(page.extract_text().split()) for page in reader.pages]
            second = next(number for number, page in enumerate(pages) if "An Claes" in page)
            assert "Jan Peeters" in first and second >= 1 and "Jan Peeters" not in pages[second]


# --- the staff list ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Jan Peeters\nMarie Dupont\n", [("Jan Peeters", None), ("Marie Dupont", None)]),
        ("Peeters, Jan\nDupont, Marie\n", [("Peeters, Jan", None), ("Dupont, Marie", None)]),
        ("Naam;Taal\nJan Peeters;NL\nMarie Dupont;fr\n", [("Jan Peeters", "nl"), ("Marie Dupont", "fr")]),
        ("name,function\nJan Peeters,welder\n\n", [("Jan Peeters", None)]),
        ("Nom\tLangue\nMarie Dupont\tFrançais\n", [("Marie Dupont", "fr")]),
        ("\ufeffname\n  Jan   Peeters  \n", [("Jan Peeters", None)]),
    ],
)
def test_staff_lists_as_spreadsheets_save_them(content: str, expected: list) -> None:
    assert [(person.name, person.language) for person in parse_staff(content)] == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "has no names"),
        ("\n ; \n", "has no names"),
        ("language\nnl\n", "no column headed 'name'"),
        ("name;language\nJan;xx\n", "line 2: language 'xx' is not nl, fr, de or en"),
        ("name\n" + "x" * 201 + "\n", "line 2: a name longer than 200 characters"),
    ],
)
def test_a_bad_staff_list_is_one_clear_line(content: str, message: str) -> None:
    with pytest.raises(StaffListError, match=re.escape(message)) as error:
        parse_staff(content, "staff.csv")
    assert "\n" not in str(error.value) and str(error.value).startswith("staff.csv")


def test_a_staff_file_that_is_not_text_is_refused(tmp_path) -> None:
    from clauses.kit import read_staff

    (tmp_path / "staff.csv").write_bytes(b"\x00\x01PK")
    with pytest.raises(StaffListError, match="not a text file"):
        read_staff(tmp_path / "staff.csv")
    (tmp_path / "latin.csv").write_bytes("Jos\xe9".encode("latin-1"))
    with pytest.raises(StaffListError, match="not UTF-8 text; save it as 'CSV UTF-8'"):
        read_staff(tmp_path / "latin.csv")
    with pytest.raises(StaffListError, match="cannot read"):
        read_staff(tmp_path / "missing.csv")


@given(st.text(max_size=400))
def test_any_staff_text_gives_names_or_a_clear_error(content: str) -> None:
    try:
        people = parse_staff(content, "staff.csv")
    except StaffListError as error:
        assert str(error).startswith("staff.csv") and "\n" not in str(error)
        return
    assert people and all(person.name and person.name == person.name.strip() for person in people)
    assert all(person.language in (None, "nl", "fr", "de", "en") for person in people)


def test_a_public_employer_is_told_to_check_the_procedure_documents() -> None:
    warnings = kit(answers(sector="public", effective_date=datetime.date(2027, 6, 1)), ("nl",)).warnings
    assert warnings == (
        "in the public sector, other rules may take the place of the work rules procedure these "
        "documents follow: check them with your legal adviser before use",
    )
