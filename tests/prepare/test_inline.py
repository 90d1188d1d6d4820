"""Repairs inside lines: HTML remnants, entities, odd spaces, lost letters (and words that must stay)."""
from __future__ import annotations

import pytest

from iomextract.prepare.inline import normalise_spaces, repair_lost_letters, repair_remnants


@pytest.mark.parametrize("text, expected", [
    ('E-mail : "mailto:kdupont@iom.int">kdupont@iom.int', "E-mail : kdupont@iom.int"),
    ('Courriel : "mailto:a.ba@oim.org.sn" target="_blank" title=\n"">a.ba@oim.org.sn', "Courriel : a.ba@oim.org.sn"),
    ('Écrire à <a href="mailto:presse@unhcr.org">presse@unhcr.org</a> avant midi',
     "Écrire à presse@unhcr.org avant midi"),
    ('Contact : "mailto:info@wfp.org">la cellule presse', "Contact : info@wfp.org la cellule presse"),
    ("Santé &amp; nutrition &eacute;t&eacute; 2019&nbsp;: bilan", "Santé & nutrition été 2019\xa0: bilan"),
    ("L&#8217;OIM et l&#x2019;UNICEF", "L’OIM et l’UNICEF"),
    ("Le camp<br/>de Kakuma</span> accueille", "Le camp\nde Kakuma accueille"),
    ("moins de 5 % des < 18 ans et a<b", "moins de 5 % des < 18 ans et a<b"),
    ("AT&T et R&D &inconnu; restent", "AT&T et R&D &inconnu; restent"),
])
def test_repair_remnants(text, expected):
    assert repair_remnants(text)[0] == expected


def test_mailto_remnant_maps_to_the_visible_address():
    text = 'E-mail : "mailto:kdupont@iom.int">kdupont@iom.int'
    clean, offset_map = repair_remnants(text)
    start = clean.index("kdupont")
    assert offset_map.span(start, len(clean)) == (len(text) - len("kdupont@iom.int"), len(text))


@pytest.mark.parametrize("text, expected", [
    ("30\u00a0000 personnes", "30 000 personnes"),
    ("«\u202fBonjour\u202f»", "« Bonjour »"),
    ("un\u2009fin\u2007espace\tici", "un fin espace ici"),
    ("mot\u00adcoupé et zéro\u200blargeur\ufeff", "motcoupé et zérolargeur"),
    ("ligne\r\nsuivante\rencore", "ligne\nsuivante\nencore"),
])
def test_normalise_spaces(text, expected):
    assert normalise_spaces(text)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("la mise en uvre du plan", "la mise en œuvre du plan"),
    ("Les projets mis en\nuvre au Mali", "Les projets mis en\nœuvre au Mali"),
    ("Uvrer pour la paix", "Œuvrer pour la paix"),
    ("les chefs-d'uvre et les manuvres", "les chefs-d'œuvre et les manœuvres"),
    ("au cur de la crise, nos vux", "au cœur de la crise, nos vœux"),
    ("elle a retrouvé sa sur à Goma", "elle a retrouvé sa sœur à Goma"),
    ("son frère et sa petite sur", "son frère et sa petite sœur"),
    ("ses frères et surs", "ses frères et sœurs"),
])
def test_lost_letters_repaired(text, expected):
    assert repair_lost_letters(text)[0] == expected


@pytest.mark.parametrize("text", [
    "la soeur du ministre et le coeur du sujet",  # two-letter spellings are valid French
    "un atelier sur la traite",
    "une personne sur cinq",
    "sur le terrain, sur place et sur 20 ans",
    "Surtout, la surface des œuvres",
    "la curie et le curé",
    "ils sont surs de revenir",
    "une sur deux",
])
def test_real_words_left_alone(text):
    assert repair_lost_letters(text) == (text, None)


def test_lost_letter_repair_maps_back_to_the_damaged_word():
    clean, offset_map = repair_lost_letters("mise en uvre rapide")
    start = clean.index("œuvre")
    assert offset_map.span(start, start + 5) == (8, 12)
    assert offset_map.span(start + 6, start + 12) == (13, 19)
