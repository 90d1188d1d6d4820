"""Page chrome by shape: menu blocks, interface lines, aggregator markers."""
from __future__ import annotations

import pytest

from iomextract.prepare.chrome import chrome_line, date_line, menu_lines, split_lines, strip_marker

# Menus written in the shapes of real sites (labels are invented): a lone "-", labels doubled, a label glued to its
# blurb, "- " items.
MENU_DOUBLED = """-
Notre mission
Notre missionL'Agence soutient les pays membres depuis 1960 dans la gestion des frontières et des retours.
Organisation
Organisation
- Direction
- Bureaux régionaux
-
Nos actions
Nos actionsDans plus de 80 pays, nos équipes mènent des programmes d'urgence et de développement.
S'impliquer
S'impliquer
- Publications
- AGENDA 2063
Un titre de communiqué qui suit le menu du site
"""

MENU_BULLETS = """Accueil
Accueil
Actualités
Actualités
• Presse
• Vidéos
Contact
Contact
Nouvelle aide aux sinistrés
"""

CONTACT_BLOCK = """Pour plus d'informations, veuillez contacter :
Awa Traoré
OIM Bamako
Tél. +223 20 00 00 00
E-mail : atraore@iom.int
"""

LIST_IN_BODY = """Les pièces à fournir sont les suivantes :
- une lettre de mission signée par le rédacteur en chef
- une copie de la carte de presse
- une photo d'identité récente
"""


def _menu_texts(text):
    lines = split_lines(text)
    return [lines[i].text for i in sorted(menu_lines(lines))]


def test_doubled_label_menu_is_one_block_ending_at_its_last_item():
    found = _menu_texts(MENU_DOUBLED)
    assert found[0] == "-" and found[-1] == "- AGENDA 2063"
    assert "Un titre de communiqué qui suit le menu du site" not in found
    assert len(found) == 14


def test_bullet_menu_block():
    assert _menu_texts(MENU_BULLETS) == ["Accueil", "Accueil", "Actualités", "Actualités", "• Presse", "• Vidéos",
                                         "Contact", "Contact"]


@pytest.mark.parametrize("text", [CONTACT_BLOCK, LIST_IN_BODY])
def test_release_lines_are_not_menus(text):
    assert _menu_texts(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Skip to main content", (True, None)),
    ("Aller au contenu principal", (True, None)),
    ("Centre de presse", (True, None)),
    ("Communiqué de presse", (True, None)),
    ("Comunicado", (True, None)),
    ("COMMUNIQUÉS DE PRESSE 3 mars 2021", (True, "2021-03-03")),
    ("Partager sur Facebook", (True, None)),
    ("Accueil > Actualités > Communiqués", (True, None)),
    ("Nous utilisons des cookies pour améliorer votre navigation. Accepter", (True, None)),
    ("Weitere Storys: Stiftung Beispiel", (True, None)),
    ("[ 012 ]", (True, None)),
    ("Recherche", (True, None)),
    # release lines
    ("Awa Traoré", (False, None)),
    ("Tél. +223 20 00 00 00", (False, None)),
    ("+41 58 460 55 55", (False, None)),  # a number on its own line, last in a contact block
    ("031 387 74 08 / 076 372 41 84", (False, None)),
    ("Presse : presse@exemple.org", (False, None)),  # a label of chrome words, but a shared press address
    ("Contact:", (False, None)),
    ("Pour plus d'informations, veuillez contacter :", (False, None)),
    ("L'OIM ouvre un centre à Agadez", (False, None)),
    ("Genève/Niamey – L'OIM a ouvert un centre.", (False, None)),
    ("12 mars 2020", (False, "2020-03-12")),
])
def test_chrome_line(text, expected):
    assert chrome_line(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("6 Novembre 2007", "2007-11-06"),
    ("25/06/2010", "2010-06-25"),
    ("lundi 3 février 2020", "2020-02-03"),
    ("Le 3 février 2020, l'OIM a", None),
])
def test_date_line(text, expected):
    assert date_line(text) == expected


def test_strip_marker():
    line = split_lines(" date 2021-04 Le 2 avril 2021, les premiers bus sont partis.")[0]
    stripped, date = strip_marker(line)
    assert stripped.text == "Le 2 avril 2021, les premiers bus sont partis." and date == "2021-04"
    assert stripped.start == 14
