"""When two lines are one sentence (join) and when the break is a boundary (keep)."""
from __future__ import annotations

import pytest

from iomextract.prepare.chrome import split_lines
from iomextract.prepare.unwrap import joiner, wrap_width

WIDTH = 60  # a hard-wrapped text


@pytest.mark.parametrize("a, b, width, expected", [
    ("et à l'Office des", "Nations Unies contre la drogue", 0, " "),
    ("le Haut-Commissariat, l'Union", "africaine et la CEDEAO", 0, " "),
    ("dans la région de Tillabéri,", "Niger, où vivent", 0, " "),
    ("« Nous sommes prêts", "», a déclaré la directrice.", 0, " "),
    ("réunis à l'", "Union africaine", 0, " "),
    ("une coopération sous-", "régionale renforcée", WIDTH, ""),
    ("les autorités du Royaume-", "Uni ont financé", WIDTH, ""),
    ("hébergés dans les écoles de la ville de San", "Pedro, dans le sud", WIDTH, " "),
    ("le premier convoi est parti le 21 avril", "2012, vers la frontière", WIDTH, " "),
    ("Awa Traoré, +223 20 00 00 00, atraore@", "iom.int", 0, ""),  # an address cut by a line break
    ("E-mail : s.diallo@iom.", "int", WIDTH, ""),
    # boundaries kept
    ("Fin du premier paragraphe.", "Le second commence ici.", WIDTH, None),
    ("Pour plus d'informations, veuillez contacter:", "Awa Traoré", WIDTH, None),
    ("Awa Traoré", "Tél. +223 20 00 00 00", WIDTH, None),
    ("OIM Bamako", "E-mail : atraore@iom.int", WIDTH, None),
    ("Awa Traoré", "OIM Bamako", WIDTH, None),
    ("Les pièces à fournir :", "- une lettre de mission", WIDTH, None),
    ("- une lettre de mission signée", "- une copie de la carte", WIDTH, None),
    ("Un titre de communiqué sans point final", "Le texte commence", 0, None),
    ("Porte-parole, Genève", "+41 79 000 00 00", WIDTH, None),
    ("Awa Traoré, OIM Mali, Tél. : +223 20 00 00 00, Courriel : atraore@iom.int", "Jean Dupont, OIM Niger",
     WIDTH, None),
    ("Awa Traoré, OIM Mali, Portable : +223 70 00 00 00", "Jean Dupont, OIM Niger", WIDTH, None),
])
def test_joiner(a, b, width, expected):
    assert joiner(a, b, width) == expected


def test_wrap_width_of_wrapped_and_unwrapped_text():
    wrapped = ("L'OIM a commencé à distribuer de l'eau et des kits\nd'hygiène à 700 déplacés qui ont fui les\n"
               "combats entre les deux armées, et elle installe des\nlatrines d'urgence près du site où les\n"
               "familles sont installées depuis le mois\nde mars.")
    assert 40 <= wrap_width(split_lines(wrapped)) <= 60
    one_per_line = "Premier paragraphe complet.\nSecond paragraphe complet.\nTroisième.\nQuatrième.\nCinquième."
    assert wrap_width(split_lines(one_per_line)) == 0
