"""Writes risky_de.docx, the German test policy, with python-docx (headings, a list and a table).

Run from the repository root: /work/venv/bin/python tests/review/policies/make_risky_de_docx.py
"""

from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent

document = docx.Document()
document.core_properties.title = "Social-Media-Richtlinie"
document.add_heading("Social-Media-Richtlinie der Ostbelgien Logistik GmbH", level=0)
document.add_paragraph(
    "Diese Richtlinie gilt für alle Mitarbeiter der Ostbelgien Logistik GmbH (das Unternehmen) in Eupen. "
    "Das Unternehmen beschäftigt 45 Mitarbeiter."
)
document.add_heading("1. Loyalität", level=1)
document.add_paragraph("Kritik am Unternehmen oder an der Geschäftsleitung ist in sozialen Medien verboten.")
document.add_heading("2. Persönliche Konten", level=1)
document.add_paragraph(
    "Die Mitarbeiter müssen der Personalabteilung auf Verlangen die Passwörter ihrer privaten Konten "
    "mitteilen.",
    style="List Bullet",
)
document.add_paragraph(
    "Jeder Mitarbeiter ist verpflichtet, sich mit seinem Vorgesetzten auf LinkedIn zu vernetzen.",
    style="List Bullet",
)
document.add_heading("3. Überwachung", level=1)
document.add_paragraph(
    "Das Unternehmen darf sämtliche Kommunikation der Mitarbeiter jederzeit und ohne vorherige Ankündigung "
    "überwachen. Mit ihrer Unterschrift erteilen die Mitarbeiter ihre Einwilligung in die Überwachung ihrer "
    "E-Mails."
)
document.add_heading("4. Erreichbarkeit", level=1)
document.add_paragraph("Die Mitarbeiter müssen auch abends und am Wochenende auf Nachrichten antworten.")
document.add_heading("5. Sanktionen", level=1)
table = document.add_table(rows=2, cols=2)
table.cell(0, 0).text = "Verstoß"
table.cell(0, 1).text = "Folge"
table.cell(1, 0).text = "Jeder Verstoß gegen diese Richtlinie"
table.cell(1, 1).text = "gilt als schwerwiegender Grund für eine fristlose Entlassung."
document.save(HERE / "risky_de.docx")
