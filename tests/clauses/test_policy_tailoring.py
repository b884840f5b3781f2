"""The policy and its notes change with the answers the way a Belgian employment lawyer expects."""

from __future__ import annotations

import datetime

import pytest
from policy_helpers import LIBRARY, answers, block_texts, clause_text, notes_text, policy_text, text


def rules_word_count(language: str = "en", **changes: object) -> int:
    """The words of the rules themselves: the numbered sections, without the cover, notice and annexes."""
    document = LIBRARY.assemble(answers(**changes), language)
    return sum(
        len(text.split())
        for clause_id, text in block_texts(document)
        if clause_id in {clause.id for section in document.sections for clause in section.clauses}
    )


def section_titles(**changes: object) -> list[str]:
    return [section.title for section in LIBRARY.assemble(answers(**changes)).sections]


def word_count(**changes: object) -> int:
    return len(policy_text(**changes).split())


# --- depth per policy type ----------------------------------------------------------------------------


def test_the_limited_list_is_short_plain_and_made_of_dos_and_donts() -> None:
    titles = section_titles(policy_type="limited")
    assert "Do" in titles and "Don't" in titles
    # About two pages for the rules themselves, in every language (French runs longest).
    assert 600 <= rules_word_count(policy_type="limited", headcount=12) <= 950
    for language in LIBRARY.languages:
        assert rules_word_count(language, policy_type="limited", headcount=60) <= 1150, language
    assert "Brand guidelines" not in titles and "Definitions" not in titles


def test_the_comprehensive_policy_adds_brand_crisis_and_gdpr_measures() -> None:
    document = LIBRARY.assemble(answers(policy_type="comprehensive"))
    ids = set(document.clause_ids())
    assert {"brand_guidelines", "crisis_protocol", "data_protection_measures", "holding_statements"} <= ids
    assert 4000 <= len(text(document).split()) <= 5900
    rules = set(LIBRARY.assemble(answers(policy_type="employee_rules")).clause_ids())
    assert not {"brand_guidelines", "crisis_protocol", "data_protection_measures"} & rules
    assert {"crisis_alert", "data_protection_basis", "rights_never"} <= rules


@pytest.mark.parametrize(
    ("department", "clause", "phrase"),
    [
        ("marketing", "duties_marketing", "recognisable as advertising"),
        ("customer_service", "duties_customer_service", "moves every personal matter to a private channel"),
        ("hr", "duties_hr", "does not search or monitor candidates' private social media accounts"),
        ("other", "duties_other", "Duties of the Sales department"),
    ],
)
def test_department_guidelines_carry_that_departments_duties(
    department: str, clause: str, phrase: str
) -> None:
    document = LIBRARY.assemble(answers(policy_type="department", department=department))
    assert clause in document.clause_ids()
    duties = {"duties_marketing", "duties_customer_service", "duties_hr", "duties_other"} - {clause}
    assert not duties & set(document.clause_ids())
    assert phrase in text(document)


def test_the_title_names_the_department_and_other_types_have_their_own_title() -> None:
    assert LIBRARY.assemble(answers(policy_type="department", department="other")).title == (
        "Social Media Guidelines: Sales"
    )
    assert LIBRARY.assemble(answers(policy_type="department", department="hr")).title.endswith(
        "HR and Recruitment"
    )
    assert LIBRARY.assemble(answers(policy_type="limited")).title == "Social Media Do's and Don'ts"


def test_customer_service_guidelines_include_customer_rules_even_without_public_answers() -> None:
    ids = LIBRARY.assemble(
        answers(policy_type="department", department="customer_service", customer_service=False)
    )
    assert "customers_rules" in ids.clause_ids()
    assert "customers_rules" not in LIBRARY.assemble(answers(customer_service=False)).clause_ids()


# --- right to disconnect ------------------------------------------------------------------------------


@pytest.mark.parametrize("policy_type", ["comprehensive", "employee_rules", "department", "limited"])
def test_the_right_to_disconnect_appears_from_20_employees(policy_type: str) -> None:
    at_19 = policy_text(policy_type=policy_type, headcount=19)
    at_20 = policy_text(policy_type=policy_type, headcount=20)
    assert "right not to be reachable outside your working hours" in at_20
    assert "Act of 3 October 2022" in at_20
    assert "Act of 3 October 2022" not in at_19
    # Below 20 the policy still never expects replies outside working hours.
    assert "not expected to read or answer work messages" in at_19
    assert "Act of 3 October 2022" in notes_text(policy_type=policy_type, headcount=20)
    assert "Act of 3 October 2022" not in notes_text(policy_type=policy_type, headcount=19)


# --- monitoring ---------------------------------------------------------------------------------------


def test_with_monitoring_every_cba_81_element_is_in_the_policy() -> None:
    policy = policy_text(monitoring=True, monitoring_retention_months=9)
    for element in (
        "CBA No. 81",
        # the four purposes, in the words of CBA No. 81
        "preventing unlawful or defamatory acts, acts contrary to good morals",
        "protecting the organisation's confidential economic, commercial and financial interests",
        "the security and proper technical operation of the organisation's IT network systems",
        "compliance in good faith with the organisation's rules on the use of online technologies",
        # proportionality
        "intrudes no further than these purposes require",
        "overall data that identify nobody",
        # prior collective and individual information
        "Before monitoring starts, the organisation informs the works council",
        "informs each employee individually",
        "whether it is permanent",
        "Monitoring runs permanently.",
        # where the data are kept and who may see them
        "kept on the organisation's own systems",
        "Only the IT department and the data protection officer may see them",
        # individualisation, with the stricter rule for the fourth purpose
        "may link the data directly to the employee concerned",
        "only after all staff have been warned of the irregularity found, and only if it happens again",
        # hearing the employee
        "the employee concerned is heard",
        # retention
        "for at most 9 months",
        # what is never done
        "never reads private messages",
        "never installs monitoring software on personal devices",
        # regular evaluation and the legal basis
        "evaluates the monitoring every year with the works council",
        "never consent",
    ):
        assert element in policy, element
    assert "does not monitor employees' online communications" not in policy


def test_only_the_chosen_purposes_are_listed() -> None:
    policy = policy_text(monitoring_purposes=["it_security"], monitoring_retention_months=1)
    assert "the security and proper technical operation" in policy
    assert "preventing unlawful or defamatory acts" not in policy
    assert "only after all staff have been warned" not in policy
    assert "for at most 1 month, then deleted" in policy


@pytest.mark.parametrize(
    ("bodies", "informed"),
    [
        (["works_council", "cppw", "union_delegation"], "the works council"),
        (["cppw", "union_delegation"], "the committee for prevention and protection at work"),
        (["union_delegation"], "the trade union delegation"),
    ],
)
def test_monitoring_information_goes_to_the_right_body_first(bodies: list[str], informed: str) -> None:
    policy = policy_text(employee_bodies=bodies)
    assert f"Before monitoring starts, the organisation informs {informed} of" in policy
    assert f"It evaluates the monitoring every year with {informed} (CBA No. 81)" in policy
    notes = notes_text(employee_bodies=bodies)
    assert "Inform each employee, then evaluate" in notes
    assert f"inform {informed}." in notes.lower()
    assert f"Evaluate the monitoring every year with {informed};" in notes
    assert f"6. when the monitoring will be evaluated with {informed}: every year." in notes


def test_without_employee_bodies_monitoring_information_goes_to_every_employee_once() -> None:
    policy = clause_text(LIBRARY.assemble(answers(employee_bodies=[])), "monitoring_information")
    assert "the organisation informs all employees, each of them individually, of" in policy
    assert " also " not in policy
    assert "It evaluates the monitoring every year and tells the employees the outcome (CBA No. 81)" in policy
    notes = notes_text(employee_bodies=[])
    assert "inform the employees themselves" in notes
    assert "Evaluate the monitoring every year, and tell the employees the outcome" in notes


def test_without_monitoring_the_policy_says_plainly_that_nothing_is_monitored() -> None:
    policy = policy_text(monitoring=False)
    assert "The organisation does not monitor employees' online communications" in policy
    assert "Linking data to a named employee" not in policy
    assert "Before any monitoring starts" not in notes_text(monitoring=False)


def test_the_limited_list_never_claims_that_nothing_is_monitored() -> None:
    limited = policy_text(policy_type="limited")
    assert "does not monitor" not in limited
    assert "These rules introduce no monitoring of your online communications" in limited
    assert "CBA No. 81" in limited


# --- work rules, sanctions, enforcement -----------------------------------------------------------------


def test_the_notes_describe_the_works_council_procedure_when_there_is_one() -> None:
    with_council = notes_text(employee_bodies=["works_council"])
    assert "Procedure with a works council" in with_council
    assert "no earlier than 15 days and no later than 30 days after posting" in with_council
    assert "register open" not in with_council
    without = notes_text(employee_bodies=["cppw"])
    assert "Procedure without a works council" in without
    for step in (
        "For 15 days, keep a register open",
        "within 4 days",
        "within 30 days",
        "15th day after posting",
    ):
        assert step in without
    for notes in (with_council, without):
        assert "within 8 days of their entry into force" in notes
        assert "joint committee" in notes


def test_without_sanctions_in_the_work_rules_the_policy_announces_none_and_the_notes_say_how() -> None:
    policy = policy_text(sanctions_in_work_rules=False)
    assert "may lead to the sanctions listed in the work rules" not in policy
    assert "only once the work rules list it" in policy
    notes = notes_text(sanctions_in_work_rules=False)
    assert "Your work rules do not list sanctions for breaches yet" in notes
    assert "may lead to the sanctions listed in the work rules" in policy_text(sanctions_in_work_rules=True)


def test_enforcement_keeps_the_whistleblowing_and_authority_carve_outs() -> None:
    for policy_type in ("comprehensive", "employee_rules", "department", "limited"):
        policy = policy_text(policy_type=policy_type)
        assert "No measure is ever taken against an employee for a report protected" in policy
        assert "Not every breach" in policy and "serious cause" in policy


# --- scope, accounts, people ---------------------------------------------------------------------------


def test_the_scope_refers_to_the_it_policy_by_name() -> None:
    assert "The organisation's ICT Charter governs" in policy_text(
        it_policy=True, it_policy_name="ICT Charter"
    )
    assert "ICT Charter" not in policy_text(it_policy=False)


def test_whistleblowing_points_to_the_channel_when_there_is_one() -> None:
    assert "use the internal reporting channel: the SpeakUp platform" in policy_text()
    without = policy_text(whistleblowing_channel=False)
    assert "use the internal reporting channel" not in without
    assert "turn to HR (hr@acme.be) or report to a competent authority" in without
    notes = notes_text(whistleblowing_channel=False, headcount=60)
    assert "You told us you have none: set one up" in notes


def test_advocacy_is_voluntary_and_incentives_make_labels_mandatory() -> None:
    policy = policy_text(advocacy=True, advocacy_incentives=True)
    assert "Taking part is voluntary" in policy
    assert "make clear that you work for it" in policy
    assert "#reclame" in policy and "#publicité" in policy and "#Werbung" in policy
    assert "#reclame" not in policy_text(advocacy=True, advocacy_incentives=False)
    assert "Brand advocacy" not in section_titles(advocacy=False)


def test_staff_images_need_separate_revocable_consent_and_come_down_on_departure() -> None:
    policy = policy_text(staff_images=True)
    assert "consent, given separately and freely for each use" in policy
    assert "withdraw your consent at any time" in policy
    assert "removes images of employees who leave" in policy
    assert "decision 35/2024 of 20 February 2024" in policy
    assert "does not publish photos or videos of employees" in policy_text(staff_images=False)


def test_confidentiality_lists_the_chosen_kinds_and_keeps_the_carve_outs() -> None:
    document = LIBRARY.assemble(answers(confidential_info=["financial", "security"]))
    duty = text(document).split("What you must not disclose")[1].split("What this does not prevent")[0]
    assert "- financial information that has not been published; - security measures and IT systems;" in duty
    assert "customer and client data" not in duty
    assert "article 17, 3° of the Employment Contracts Act of 3 July 1978" in duty
    carve_outs = text(document).split("What this does not prevent")[1]
    for carve_out in ("whistleblower protection law", "competent authority", "trade union representatives"):
        assert carve_out in carve_outs


@pytest.mark.parametrize(
    ("sector", "phrase"),
    [
        ("finance", "could affect the price of financial instruments"),
        ("finance", "Never ask a customer for a PIN, a card code, a password"),
        ("finance", "refers the person to the organisation's complaints service"),
        ("healthcare", "Professional secrecy is protected by the Criminal Code"),
        (
            "healthcare",
            "never answer with health information or individual medical advice, in public or in private",
        ),
        ("public", "no post you publish in your own name needs prior approval"),
        ("education", "Communicate with pupils and their parents only through the school's own platforms"),
        ("industry", "Do not photograph, film or post anything from the shop floor"),
        ("marketing", "before the release date agreed with the client"),
        ("marketing", "Never put a client's brief, unreleased material"),
        ("retail", "Never post images from surveillance cameras"),
        ("professional", "never confirm or deny that someone is a client"),
        ("nonprofit", "not its volunteers"),
    ],
)
def test_regulated_sectors_get_their_own_rules(sector: str, phrase: str) -> None:
    assert phrase in policy_text(sector=sector)
    assert phrase not in policy_text(sector="other")


def test_public_sector_notes_say_specific_rules_must_be_checked() -> None:
    notes = notes_text(sector="public")
    assert "Specific public-sector rules may apply" in notes
    assert "Specific public-sector rules" not in notes_text(sector="finance")


def test_ai_rules_follow_the_choice_and_always_require_deepfake_disclosure() -> None:
    assert "only with the tools the organisation has approved (Microsoft Copilot)" in policy_text()
    assert "may not be used to create content" in policy_text(ai_content="not_allowed")
    for choice in ("allowed_reviewed", "approved_tools", "not_allowed"):
        assert "generated or altered with AI" in policy_text(ai_content=choice)
    assert "generated or altered with AI" in policy_text(policy_type="limited")


# --- adoption: acknowledgement, owner, review, languages ------------------------------------------------


def test_the_acknowledgement_matches_the_signature_method() -> None:
    paper = LIBRARY.assemble(answers(acknowledgement="paper")).clause("acknowledgement_receipt")
    qes = LIBRARY.assemble(answers(acknowledgement="qualified_esignature")).clause("acknowledgement_receipt")
    assert paper.blocks[-1].fields[-1] == "Signature"
    assert qes.blocks[-1].fields[-1] == "Qualified electronic signature"
    assert "Sign on paper" in policy_text(policy_type="limited")


@pytest.mark.parametrize(
    ("cadence", "review"),
    # 31 August + 6 months has no 31st: the review falls on the month's last day, 29 February 2028.
    [("half_yearly", "29 February 2028"), ("yearly", "31 August 2028"), ("two_yearly", "31 August 2029")],
)
def test_the_review_date_follows_the_effective_date_and_cadence(cadence: str, review: str) -> None:
    changes = {"review_cadence": cadence, "effective_date": datetime.date(2027, 8, 31)}
    policy = LIBRARY.assemble(answers(**changes))
    assert ("Next review", review) in policy.details
    assert f"next by {review}" in text(policy)
    assert f"next review is due by {review}" in notes_text(**changes)


def test_the_limited_list_still_names_an_owner_and_a_yearly_review() -> None:
    policy = LIBRARY.assemble(answers(policy_type="limited", effective_date=datetime.date(2026, 6, 1)))
    assert ("Next review", "1 June 2027") in policy.details
    # The short list does not ask for functions: a 120-person organisation is taken to have HR.
    assert "Owner: HR" in text(policy)
    small = LIBRARY.assemble(answers(policy_type="limited", headcount=12))
    assert "Owner: management" in text(small)


def test_the_english_text_is_labelled_a_courtesy_translation_naming_the_binding_versions() -> None:
    policy = LIBRARY.assemble(answers(regions=["flanders", "brussels", "wallonia", "german"]))
    assert policy.notice[0].id == "courtesy_translation"
    notice = text(policy).split("1. Purpose and scope")[0]
    for phrase in ("Courtesy translation", "Dutch", "French", "German", "Flemish Decree of 19 July 1973"):
        assert phrase in notice


@pytest.mark.parametrize(
    ("regions", "staff_languages", "expected", "absent"),
    [
        (["flanders"], None, ["the Dutch version"], ["French version", "German version"]),
        (["wallonia"], None, ["the French version"], ["Dutch version"]),
        (["german"], None, ["the German version"], ["Dutch version", "French version"]),
        (["brussels"], ["nl", "fr"], ["Dutch version to Dutch-speaking staff and the French version"], []),
        (["brussels"], ["fr"], ["the French version, as your staff there are French-speaking"], []),
    ],
)
def test_the_notes_require_the_language_versions_of_each_region(
    regions: list[str], staff_languages: list[str] | None, expected: list[str], absent: list[str]
) -> None:
    notes = notes_text(regions=regions, staff_languages=staff_languages)
    for phrase in [*expected, "courtesy translation"]:
        assert phrase in notes, phrase
    for phrase in absent:
        assert phrase not in notes, phrase


def test_the_notes_cover_stakeholders_gdpr_records_and_acknowledgements() -> None:
    notes = notes_text(monitoring=True)
    for phrase in (
        "HR, for explaining the policy, collecting the acknowledgements and applying it",
        "the legal department, for the employment, data protection and advertising rules",
        "the communication team and management, for the official accounts and the advocacy programme",
        "information notice (article 13 of the GDPR)",
        "register of processing activities (article 30 of the GDPR)",
        "Collect each employee's acknowledgement signed on paper",
    ):
        assert phrase in notes, phrase


def test_the_whistleblowing_channel_note_follows_headcount_and_the_financial_sector() -> None:
    assert "Internal reporting channel" not in notes_text(headcount=49, sector="other")
    small_bank = notes_text(headcount=30, sector="finance", whistleblowing_channel=False)
    assert "the Act of 28 November 2022 requires an internal reporting channel whatever the headcount" in (
        small_bank
    )
    assert "set one up, then point the policy to it" in small_bank
    assert "You told us you have none" in notes_text(headcount=50, whistleblowing_channel=False)
