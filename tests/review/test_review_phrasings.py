"""Each rule written in the third round finds its meaning in phrasings of its own, in every language,
and not its safe version: no rule was written for one sentence of the corpus. None of these sentences
is in the corpus."""

from __future__ import annotations

import pytest

from clauses.review import review_text

COUNTED_ELSEWHERE = {"english_only", "no_ai_rule", "no_acknowledgement_owner_review"}


def risks(text: str) -> set[str]:
    return {risk.id for risk in review_text(text, language="en").risks} - COUNTED_ELSEWHERE


FOUND = [
    # The work rules named as what allows a use of images or personal data.
    (
        "Our work rules authorise HR to use photographs of employees in recruitment campaigns.",
        "work_rules_basis",
    ),
    (
        "The labour regulations entitle the company to process the personal data of staff for marketing.",
        "work_rules_basis",
    ),
    (
        "Het arbeidsreglement machtigt de werkgever om foto's van werknemers op de website te zetten.",
        "work_rules_basis",
    ),
    (
        "Het arbeidsreglement laat toe dat we beelden van het personeel in advertenties gebruiken.",
        "work_rules_basis",
    ),
    (
        "Le règlement de travail autorise l'employeur à diffuser les photos des travailleurs sur son site.",
        "work_rules_basis",
    ),
    (
        "Le règlement de travail permet d'utiliser les données personnelles du personnel pour la publicité.",
        "work_rules_basis",
    ),
    (
        "Die Arbeitsordnung berechtigt den Arbeitgeber, Fotos der Mitarbeitenden auf der Website zu zeigen.",
        "work_rules_basis",
    ),
    (
        "Die Arbeitsordnung gestattet die Nutzung der Bilder von Beschäftigten für Werbung.",
        "work_rules_basis",
    ),
    # Contacts kept by the employer after the employee has left.
    ("The firm retains your client connections on LinkedIn once your employment ends.", "former_employees"),
    ("Your followers and connections stay with the company after you have left.", "former_employees"),
    ("Na je vertrek behoudt de werkgever je LinkedIn-contacten.", "former_employees"),
    (
        "Je netwerk van klanten blijft na het einde van de arbeidsovereenkomst bij de onderneming.",
        "former_employees",
    ),
    ("Après votre départ, l'entreprise conserve vos contacts LinkedIn.", "former_employees"),
    ("Nach Ihrem Ausscheiden behält das Unternehmen Ihre LinkedIn-Kontakte.", "former_employees"),
    ("Ihr Netzwerk bleibt auch nach dem Ende des Arbeitsverhältnisses beim Unternehmen.", "former_employees"),
    # Rules reaching posts about one's private life.
    ("This policy also governs posts about your family and your children.", "private_posts"),
    ("Staff must comply with these guidelines even in posts about their hobbies.", "private_posts"),
    ("Deze regels gelden ook voor foto's over je gezinsleven en je vakantie.", "private_posts"),
    ("Ook wat je deelt over je hobby's valt onder dit beleid.", "private_posts"),
    ("La présente politique couvre également vos messages sur votre vie familiale.", "private_posts"),
    ("Vos publications concernant vos loisirs sont soumises à ces règles.", "private_posts"),
    ("Diese Richtlinie gilt auch für Posts über Ihre Familie.", "private_posts"),
    ("Auch Beiträge zu Ihren Hobbys fallen unter diese Regeln.", "private_posts"),
    # Friending a superior, stated as what every employee does.
    ("Every employee connects with their manager on LinkedIn during the first week.", "friending"),
    ("All staff follow the managing director on Instagram.", "friending"),
    ("Elke medewerker volgt de zaakvoerder op Instagram.", "friending"),
    ("Alle werknemers sturen hun leidinggevende een vriendschapsverzoek.", "friending"),
    ("Chaque collaborateur s'abonne au compte Instagram du directeur général.", "friending"),
    ("Tout le personnel ajoute son responsable à ses amis sur Facebook.", "friending"),
    ("Jeder Mitarbeiter folgt dem Geschäftsführer auf LinkedIn.", "friending"),
    ("Alle Beschäftigten vernetzen sich auf LinkedIn mit ihrem Teamleiter.", "friending"),
    # A personal device or account, the adjective on the thing itself.
    ("HR may inspect the employees' own smartphones.", "personal_devices"),
    ("L'employeur peut contrôler les téléphones privés du personnel.", "personal_devices"),
    ("L'employeur peut inspecter vos propres appareils.", "personal_devices"),
    ("De werkgever mag de privételefoons van het personeel doorzoeken.", "personal_devices"),
    ("Der Arbeitgeber darf die Privathandys der Beschäftigten kontrollieren.", "personal_devices"),
    # Disapproval is criticism.
    ("Employees may not express disapproval of management on social media.", "criticism_ban"),
    ("Afkeurende reacties over de directie zijn niet toegestaan.", "criticism_ban"),
    ("Vous ne pouvez pas désapprouver publiquement l'entreprise.", "criticism_ban"),
    ("Missbilligende Kommentare über die Geschäftsführung sind verboten.", "criticism_ban"),
    # Rewards for sharing, with no need to say who one works for.
    (
        "Share our job ads and earn a bonus, without mentioning that you are on our staff.",
        "advocacy_without_disclosure",
    ),
    (
        "Pour chaque recommandation partagée, vous recevez un bon d'achat, sans devoir indiquer que "
        "vous travaillez chez nous.",
        "advocacy_without_disclosure",
    ),
]

SAFE = [
    "The work rules do not allow us to use your photo without your consent.",
    "Het arbeidsreglement laat niet toe dat we je foto zonder toestemming gebruiken.",
    "Your LinkedIn contacts belong to you, also after you leave.",
    "Je LinkedIn-contacten behoren jou toe, ook na je vertrek.",
    "This policy does not cover posts about your holidays or your family.",
    "Diese Richtlinie gilt nicht für Beiträge über Ihren Urlaub.",
    "Every employee may follow the managing director on LinkedIn if they wish.",
    "Elke medewerker mag de zaakvoerder volgen, als hij dat wil.",
    "The IT department checks company phones, never the staff's own devices.",
    "Vous pouvez exprimer votre désapprobation, tant que vous restez respectueux.",
    "If you share our job ads for a bonus, always mention that you work for us.",
]


@pytest.mark.parametrize(("text", "risk"), FOUND)
def test_a_rule_finds_its_meaning_in_other_words(text: str, risk: str) -> None:
    assert risk in risks(text)


@pytest.mark.parametrize("text", SAFE)
def test_the_safe_version_is_not_flagged(text: str) -> None:
    assert not risks(text) - {"monitoring_without_safeguards"}


# The fourth round: each class of the fourth part's misses, in sentences of its own (not in the corpus).
FOURTH = [
    # Unlocking a personal account, its codes, rights granted on it, a password handed over as an order.
    ("HR may ask you to unlock your private Instagram account during the interview.", "personal_passwords"),
    (
        "Le responsable peut vous demander de déverrouiller votre compte Facebook personnel.",
        "personal_passwords",
    ),
    ("De leidinggevende kan vragen dat je je persoonlijke account ontgrendelt.", "personal_passwords"),
    (
        "Die Personalabteilung kann verlangen, dass Sie Ihr persönliches Konto entsperren.",
        "personal_passwords",
    ),
    ("Give the two-factor codes of your personal accounts to your manager.", "personal_passwords"),
    ("Bezorg de verificatiecodes van je privéaccounts aan de personeelsdienst.", "personal_passwords"),
    (
        "Transmettez les codes de vérification de vos comptes personnels à votre responsable.",
        "personal_passwords",
    ),
    (
        "Teilen Sie die Sicherheitscodes Ihrer privaten Konten der Personalabteilung mit.",
        "personal_passwords",
    ),
    ("Bezorg je wachtwoord van je privé-Facebook aan de communicatieafdeling.", "personal_passwords"),
    ("Werknemers verlenen de onderneming toegang tot hun persoonlijke account.", "personal_passwords"),
    # Complaints about pay or working conditions are criticism; 'online' says where, not 'be reachable'.
    ("Complaining about your salary on Facebook is forbidden.", "criticism_ban"),
    ("Klagen over je salaris op sociale media is niet toegestaan.", "criticism_ban"),
    ("Il est interdit de se plaindre de sa rémunération sur les réseaux sociaux.", "criticism_ban"),
    ("Sich in sozialen Medien über das Gehalt zu beschweren, ist verboten.", "criticism_ban"),
    ("Employees must not criticise management online.", "criticism_ban"),
    ("Medewerkers mogen de directie online niet bekritiseren.", "criticism_ban"),
    ("Vous ne pouvez pas critiquer la direction en ligne.", "criticism_ban"),
    ("Beschäftigte dürfen die Geschäftsleitung online nicht kritisieren.", "criticism_ban"),
    ("Jeder Mitarbeiter enthält sich öffentlicher Kritik am Arbeitgeber.", "criticism_ban"),
    # New hires must connect with a superior; not declining a superior's request is accepting it.
    ("New employees follow the CEO on LinkedIn during their first month.", "friending"),
    ("Nieuwe medewerkers volgen hun teamleider op Instagram.", "friending"),
    ("Les nouvelles recrues suivent le directeur général sur LinkedIn.", "friending"),
    ("Neue Mitarbeitende folgen dem Geschäftsführer auf LinkedIn.", "friending"),
    ("You should never turn down a friend request from your supervisor.", "friending"),
    ("Een connectieverzoek van je leidinggevende weiger je niet.", "friending"),
    ("Vous ne refusez pas les demandes d'ami de votre responsable.", "friending"),
    ("Kontaktanfragen des Vorgesetzten dürfen nicht abgelehnt werden.", "friending"),
    # A personal profile set to private, with words in between; a profile the employer must be able to see.
    ("You may not make your Instagram profile private.", "public_profiles"),
    ("Je mag je account niet op privé laten zetten.", "public_profiles"),
    ("Votre compte Instagram personnel ne peut pas passer en privé.", "public_profiles"),
    ("Ihr Facebook-Profil darf nicht privat geschaltet werden.", "public_profiles"),
    ("Ensure that your personal accounts are visible to the company.", "public_profiles"),
    ("Zorg ervoor dat je persoonlijke profielen zichtbaar zijn voor de werkgever.", "public_profiles"),
    ("Veillez à ce que vos profils personnels soient visibles pour l'employeur.", "public_profiles"),
    ("Stellen Sie sicher, dass Ihre privaten Profile für den Arbeitgeber sichtbar sind.", "public_profiles"),
    # Monitoring a phone, laptop or tablet is monitoring; going through a mailbox, analysing (Auswertung) too.
    ("The employer may inspect the phone you use for work.", "monitoring_without_safeguards"),
    ("De werkgever mag de gsm van de werknemer controleren.", "monitoring_without_safeguards"),
    ("L'employeur peut contrôler la tablette du travailleur.", "monitoring_without_safeguards"),
    ("Der Arbeitgeber darf das Tablet der Beschäftigten kontrollieren.", "monitoring_without_safeguards"),
    ("HR kan je mailbox nakijken als er een klacht is.", "monitoring_without_safeguards"),
    ("Die Personalabteilung kann Ihr Postfach auswerten.", "monitoring_without_safeguards"),
    ("Sie erklären sich mit der Auswertung Ihrer E-Mails einverstanden.", "consent_basis"),
    # Serious cause for any breach, in other words.
    (
        "Any failure to observe this policy is serious fault and leads to dismissal.",
        "serious_cause_any_breach",
    ),
    (
        "La moindre inobservation de ces règles justifie un licenciement pour motif grave.",
        "serious_cause_any_breach",
    ),
    ("Bereits eine Missachtung dieser Regeln gilt als schwerwiegender Grund.", "serious_cause_any_breach"),
    # Dismissal whenever the employer pleases.
    ("We may terminate your contract as it sees fit.", "at_will"),
    ("De werkgever kan je ontslaan wanneer het hem uitkomt.", "at_will"),
    ("L'employeur peut licencier à sa guise.", "at_will"),
    ("Der Arbeitgeber kann Sie nach Belieben entlassen.", "at_will"),
    # Replies outside working hours that the employer counts on.
    ("We count on you to answer client e-mails in the evening.", "replies_outside_hours"),
    ("Je wordt geacht ook in het weekend te antwoorden op mails van klanten.", "replies_outside_hours"),
    ("On compte sur vous pour répondre aux courriels le soir.", "replies_outside_hours"),
    ("Wir zählen auf Sie, auch am Wochenende auf Nachrichten zu antworten.", "replies_outside_hours"),
    # The work rules given as the reason for using images.
    ("We put photos of the team on Instagram because the work rules provide for it.", "work_rules_basis"),
    (
        "We gebruiken foto's van het personeel in advertenties, omdat het arbeidsreglement dat voorziet.",
        "work_rules_basis",
    ),
    (
        "Parce que le règlement de travail le prévoit, nous publions les photos du personnel.",
        "work_rules_basis",
    ),
    ("Weil die Arbeitsordnung es vorsieht, veröffentlichen wir Fotos der Beschäftigten.", "work_rules_basis"),
    # Rules over posts about one's weekends and interests.
    ("This policy also applies to posts about your weekends.", "private_posts"),
    ("Dit beleid geldt ook voor berichten over je weekends.", "private_posts"),
    ("La charte s'applique aussi aux publications sur vos week-ends.", "private_posts"),
    ("Diese Richtlinie gilt auch für Beiträge über Ihre Wochenenden.", "private_posts"),
    # German: insight into chats, a network that stays after one's exit.
    ("Der Arbeitgeber hat Einblick in die privaten Nachrichten der Mitarbeitenden.", "private_messages"),
    ("Ihre Kontakte verbleiben nach Ihrem Austritt beim Unternehmen.", "former_employees"),
    # Criticism of the company's policy (a compound in German); insight into personal chats.
    ("Kritik an der Firmenpolitik ist in sozialen Medien verboten.", "criticism_ban"),
    # A rewarded post labelled as advertising and naming the employer; posts that do not mention the employer.
    # 'Tout non-respect' holds its 'non': the breach is affirmed, and serious cause for any breach is found.
    ("Tout non-respect de ces règles justifie un licenciement pour motif grave.", "serious_cause_any_breach"),
    # Nothing may be passed to anyone outside: a duty of confidentiality, whatever the information is called.
    ("Nothing about our clients may ever be discussed with outsiders.", "confidentiality_without_carve_outs"),
    ("Niets over onze klanten mag ooit aan derden worden doorgegeven.", "confidentiality_without_carve_outs"),
    (
        "Rien de ce que vous apprenez au travail ne peut sortir de l'entreprise.",
        "confidentiality_without_carve_outs",
    ),
    (
        "Nichts über unsere Kunden darf jemals an Dritte weitergegeben werden.",
        "confidentiality_without_carve_outs",
    ),
    # Copying and reviewing what passes through the systems is monitoring.
    ("IT may copy and review any file on the network at any time.", "unlimited_monitoring"),
    # A reward for sharing whose post is said to go without the advertising label: "advertising" there
    # is what is left out, not a label given.
    (
        "Employees who share our posts for a bonus do so without labelling them as advertising.",
        "advocacy_without_disclosure",
    ),
    (
        "Staff share the company posts for a bonus; there is no need to label them as advertising.",
        "advocacy_without_disclosure",
    ),
    (
        "Wie onze berichten deelt, krijgt een bonus; een vermelding als reclame is niet nodig.",
        "advocacy_without_disclosure",
    ),
]

FOURTH_SAFE = [
    "Employees get a bonus for sharing our posts and label them as advertising; sharing is not required.",
    "Wie onze berichten deelt, krijgt een bonus en vermeldt dat het reclame is; delen is niet verplicht.",
    "Hand over the access codes of the company's LinkedIn page when you leave.",
    "Bezorg de wachtwoorden van de bedrijfsaccounts aan de communicatieafdeling.",
    "Der Arbeitgeber wird Sie nie bitten, Ihr privates Konto zu entsperren.",
    "You may complain about your pay to HR or your union.",
    "Je mag online kritiek geven op je werkomstandigheden, zolang je niemand beledigt.",
    "Do not reply online to negative comments about the company; pass them on to the communications team.",
    "New employees are welcome to follow our company page, but nobody has to.",
    "You are free to decline friend requests from your manager.",
    "Je mag een vriendschapsverzoek van je leidinggevende gerust weigeren.",
    "Make sure the company accounts are visible to the communications team.",
    "You may make your personal profiles private at any time.",
    "The IT department never checks the employees' own phones.",
    "Only the works council and HR may read this policy before it is published.",
    "This policy does not apply to posts about your weekends.",
    "Wir zählen auf Sie, die Arbeitszeit einzuhalten.",
    "Belohnte Beiträge tragen immer den Vermerk #Werbung und den Namen des Arbeitgebers.",
    "Posts about your hobbies that do not mention the company are none of our business.",
    "We never copy and review the content of your messages.",
]


@pytest.mark.parametrize(("text", "risk"), FOURTH)
def test_a_fourth_round_rule_finds_its_meaning_in_other_words(text: str, risk: str) -> None:
    assert risk in risks(text)


@pytest.mark.parametrize("text", FOURTH_SAFE)
def test_the_fourth_round_safe_version_is_not_flagged(text: str) -> None:
    assert not risks(text) - {"monitoring_without_safeguards"}
