"""Datelines (must / must not) and title choice."""
from __future__ import annotations

import pytest

from iomextract.prepare.chrome import split_lines
from iomextract.prepare.heading import dateline_at, find_heading, place_like

BODY = "les équipes de l'OIM ont distribué des kits d'urgence à plus de 3 000 familles déplacées par les pluies."


@pytest.mark.parametrize("text, places, date, dateline", [
    (f"Niger - Les {BODY}", ["Niger"], None, "Niger - "),
    (f"Italy - Les {BODY}", ["Italy"], None, "Italy - "),
    (f"Genève/Bamako – Les {BODY}", ["Genève", "Bamako"], None, "Genève/Bamako – "),
    (f"Genève / Maputo / Beira – Les {BODY}", ["Genève", "Maputo", "Beira"], None, "Genève / Maputo / Beira – "),
    (f"PARIS – Les {BODY}", ["PARIS"], None, "PARIS – "),
    (f"DAKAR / NEW YORK, le 5 juillet 2017 - Les {BODY}", ["DAKAR", "NEW YORK"], "2017-07-05",
     "DAKAR / NEW YORK, le 5 juillet 2017 - "),
    (f"GENÈVE, 17 décembre 2019 – Les {BODY}", ["GENÈVE"], "2019-12-17", "GENÈVE, 17 décembre 2019 – "),
    (f"Mopti – Le 03 avril 2024, {BODY}", ["Mopti"], "2024-04-03", "Mopti – Le 03 avril 2024, "),
    (f"République démocratique du Congo - Les {BODY}", ["République démocratique du Congo"], None,
     "République démocratique du Congo - "),
    (f"Le Caire – Les {BODY}", ["Le Caire"], None, "Le Caire – "),
    (f"NAIROBI, le 2 mars – Les {BODY}", ["NAIROBI"], "--03-02", "NAIROBI, le 2 mars – "),
    (f"12 FÉVRIER 2008 -- Les {BODY}", [], "2008-02-12", "12 FÉVRIER 2008 -- "),
    ("Lausanne (ots)", ["Lausanne"], None, "Lausanne (ots)"),
    (f"Bern (ots) - Les {BODY}", ["Bern"], None, "Bern (ots) - "),
    ("Mombasa, Kenya, le 4 mai 2021", ["Mombasa", "Kenya"], "2021-05-04", "Mombasa, Kenya, le 4 mai 2021"),
])
def test_dateline_found(text, places, date, dateline):
    found = dateline_at(text, 10)
    assert found is not None
    assert text[found.start - 10:found.end - 10] == dateline
    assert [text[a - 10:b - 10] for a, b in found.places] == places
    assert found.date == date
    if date:
        assert found.date_span is not None


@pytest.mark.parametrize("text", [
    f"Les provinces de la région sahélienne du pays - dont le Soum - restent touchées ; {BODY}",
    f"Selon le rapport – publié hier – {BODY}",
    f"Cette année, {BODY}",
    f"L'OIM - l'organisme des Nations Unies chargé des migrations - a déclaré que {BODY}",
    "Inondations au Tchad - La Croix-Rouge double son aide",
    f"Merci pour votre patience – N'hésitez pas à revenir voir les changements du site. {BODY}",
    f"CountrySTAT - Stratégie de communication {BODY}",
    "6 novembre 2007",
    f"Il y a 20 ans - {BODY}",
])
def test_no_dateline(text):
    assert dateline_at(text) is None


def test_period_dateline_only_when_allowed():
    text = f"Genève. L'OIM a appris hier que {BODY}"
    assert dateline_at(text) is None
    found = dateline_at(text, allow_period=True)
    assert found is not None and text[found.start:found.end] == "Genève. "


@pytest.mark.parametrize("text, expected", [
    ("Genève", True), ("Port-au-Prince", True), ("NEW YORK", True), ("Burkina Faso", True),
    ("Côte d'Ivoire", True), ("Les provinces du pays", False), ("Selon le rapport", False), ("Il y a 20 ans", False),
    ("L'OIM et ses partenaires ont", False),
])
def test_place_like(text, expected):
    assert place_like(text) is expected


def _title(text, hint=None):
    lines = split_lines(text)
    candidates = [i for i, line in enumerate(lines) if line.text]
    heading = find_heading(lines, candidates, hint)
    return lines[heading.title].text if heading.title is not None else None


PARAGRAPH = ("Zinder – Les équipes de l'OIM ont accueilli cette semaine plus de 400 migrants refoulés à la frontière, "
             "dont de nombreux enfants, et leur ont fourni des soins, de l'eau et un abri temporaire.")


@pytest.mark.parametrize("text, title", [
    (f"Communiqué\nGlobal\n\nL'OIM accueille 400 migrants refoulés à Zinder\n\n{PARAGRAPH}",
     "L'OIM accueille 400 migrants refoulés à Zinder"),
    (f"Skip to main content\n\nLe PAM salue un nouveau don du Japon\n\n{PARAGRAPH}",
     "Le PAM salue un nouveau don du Japon"),
    # a site notice before the section labels, a subtitle and a caption after the title
    ("Notre site fait peau neuve et change d'adresse.\nMerci de votre compréhension pendant les travaux en cours.\n\n"
     "Salle de presse\n\nCommuniqué de presse\n\nDes milliers d'enfants sur les routes du Sahel\n\n"
     "Un nouveau rapport décrit leurs trajets et les dangers qu'ils affrontent\n\n"
     f"Une fillette devant un abri du camp de Mentao\n\n{PARAGRAPH}",
     "Des milliers d'enfants sur les routes du Sahel"),
    # a title repeated by the page: page header, section label, article header
    (f"Fermer\nSearch form\n\nDes semences pour les paysans du Sahel\n\nPoints de presse\n\n"
     f"Des semences pour les paysans du Sahel\n\n4 Mars 2009\n\n{PARAGRAPH}",
     "Des semences pour les paysans du Sahel"),
    # a publisher name line without lower-case words, then the title, then a wire dateline
    ("Fondation Exemple / Stiftung Beispiel\nOuragan : la Fondation Exemple débloque une aide d'urgence\n"
     f"Lausanne (ots)\n{PARAGRAPH}", "Ouragan : la Fondation Exemple débloque une aide d'urgence"),
    # a title ending with a period, right before the body
    (f"Communiqué\nGlobal\n\nL'OIM condamne l'attaque contre un convoi humanitaire.\n\n{PARAGRAPH}",
     "L'OIM condamne l'attaque contre un convoi humanitaire."),
    # a publisher's name and motto above the section label: the title follows the last chrome line
    (f"Fonds Exemple\nPour un avenir durable\nCommuniqué de presse\nMali : le Fonds Exemple rouvre trois écoles à "
     f"Mopti\n{PARAGRAPH}", "Mali : le Fonds Exemple rouvre trois écoles à Mopti"),
    # a headline shaped like a dateline ("Pays – …"), after a breadcrumb, alone on its line before the body
    (f"Ministère des Exemples\nAccueil > Actualités > Soudan\nActualités\nSoudan – Livraison de 30 tonnes de vivres "
     f"(4 mai 2023)\n{PARAGRAPH}", "Soudan – Livraison de 30 tonnes de vivres (4 mai 2023)"),
    # a hard-wrapped page whose title ends on a capitalised word, right above a dateline
    ("Djibouti : un centre pour les migrants de la route de l'Est\nObock – L'OIM a inauguré un centre d'orientation "
     "pour les migrants qui\ntraversent le pays en route vers le Yémen, en présence des autorités de la\nrégion et "
     "des partenaires humanitaires.", "Djibouti : un centre pour les migrants de la route de l'Est"),
    # no title: the page starts with the body
    (f"{PARAGRAPH}\nLes migrants seront ensuite orientés vers les centres de transit de la région.", None),
    # a hard-wrapped page without blank lines: the title is the first line after the menu
    ("L'OIM et le HCR lancent un plan commun pour le Sahel\nLes deux agences ont présenté à\nNiamey un plan "
     "d'action commun pour les\nmigrants et les réfugiés de la région.", "L'OIM et le HCR lancent un plan commun pour le Sahel"),
])
def test_title(text, title):
    assert _title(text) == title


def test_title_hint_from_html_wins():
    text = f"Un bandeau du site sans intérêt\n\nLe vrai titre de l'article\n\n{PARAGRAPH}"
    assert _title(text, "Le vrai titre de l’article") == "Le vrai titre de l'article"
