"""prepare() end to end on pages written in the style of real ones, and the offset guarantee."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from iomextract.errors import Warnings
from iomextract.prepare import prepare

from .mapping import mapped

# An agency page as text: menu block, title, hard-wrapped body with a lost letter, contact block with a mailto remnant.
WRAPPED_PAGE = """-
Notre mission
Notre missionL'Agence soutient les pays membres depuis 1960 dans la gestion des frontières.
Organisation
Organisation
- Direction
- Bureaux régionaux
-
S'impliquer
S'impliquer
- Publications
- AGENDA 2063
L'Agence et le HCR lancent un plan pour les migrants du Sahel
L'Agence s'associe au Haut-Commissariat des
Nations Unies pour les réfugiés et à la Communauté
économique des Etats de l'Afrique de l'Ouest pour la mise en
uvre d'un plan d'action, présenté à Niamey le 4 mars.
Le plan sera financé par le Royaume-
Uni et la Suède.
Pour plus d'informations, veuillez contacter:
Moussa Keita
Tél. +227 90 12 34 56
E-mail :
"mailto:mkeita@agence.org">mkeita@agence.org"""

WRAPPED_CLEAN = """L'Agence et le HCR lancent un plan pour les migrants du Sahel
L'Agence s'associe au Haut-Commissariat des Nations Unies pour les réfugiés et à la Communauté économique des Etats \
de l'Afrique de l'Ouest pour la mise en œuvre d'un plan d'action, présenté à Niamey le 4 mars.
Le plan sera financé par le Royaume-Uni et la Suède.
Pour plus d'informations, veuillez contacter:
Moussa Keita
Tél. +227 90 12 34 56
E-mail :
mkeita@agence.org"""

# A press page with a header, a dateline and footer chrome after the contact block.
FOOTER_PAGE = """Skip to Main Navigation
COMMUNIQUÉS DE PRESSE 9 mai 2022

La Banque et ses partenaires mobilisent 300 millions de dollars pour le Sahel

NIAMEY, 9 mai 2022 – La Banque a annoncé aujourd'hui un financement de 300 millions de dollars pour soutenir les \
communautés d'accueil des personnes déplacées dans la région du Sahel.

Contact presse :
Fatou Sow
Tél. : +227 20 00 00 00

Partager sur Facebook

Weitere Storys: Beispiel
Recherche"""


def test_wrapped_page():
    prepared = prepare(WRAPPED_PAGE)
    assert prepared.text == WRAPPED_CLEAN
    assert prepared.title == (0, len("L'Agence et le HCR lancent un plan pour les migrants du Sahel"))
    assert prepared.dateline is None
    for code in (Warnings.NAVIGATION_REMOVED, Warnings.LINES_UNWRAPPED, Warnings.LOST_LETTERS_REPAIRED,
                 Warnings.HTML_REMNANTS_REPAIRED):
        assert code in prepared.warnings
    assert mapped(prepared, "Nations Unies pour")[0] == "Nations Unies pour"
    assert mapped(prepared, "Haut-Commissariat des Nations")[0] == "Haut-Commissariat des\nNations"
    assert mapped(prepared, "mkeita@agence.org") == ("mkeita@agence.org", len(WRAPPED_PAGE))
    assert mapped(prepared, "Royaume-Uni")[0] == "Royaume-\nUni"


def test_footer_page():
    prepared = prepare(FOOTER_PAGE)
    lines = prepared.text.split("\n")
    assert lines[0] == "La Banque et ses partenaires mobilisent 300 millions de dollars pour le Sahel"
    assert lines[-3:] == ["Contact presse :", "Fatou Sow", "Tél. : +227 20 00 00 00"]
    assert prepared.published == "2022-05-09" and prepared.published_source == "page_chrome"
    dateline = prepared.dateline
    assert prepared.text[dateline.start:dateline.end] == "NIAMEY, 9 mai 2022 – "
    assert [prepared.text[a:b] for a, b in dateline.places] == ["NIAMEY"]
    assert dateline.date == "2022-05-09"
    assert prepared.text[slice(*dateline.date_span)] == "9 mai 2022"


def test_reliefweb_marker_and_no_title():
    text = (" date 2021-04 Le 2 avril 2021, les premiers bus de rapatriés sont partis du camp de Minawao vers "
            "Banki, au Nigéria. Les familles ont reçu des kits d'hygiène et une aide en espèces.\n\n"
            "Le HCR prévoit d'autres convois dans les prochaines semaines.")
    prepared = prepare(text)
    assert prepared.text.startswith("Le 2 avril 2021, les premiers bus")
    assert prepared.title is None and Warnings.NO_TITLE in prepared.warnings
    assert prepared.published == "2021-04"
    a, b = prepared.to_original(0, 2)
    assert text[a:b] == "Le"


def test_odd_spaces_become_plain_spaces():
    text = "Un titre de communiqué assez long\n\nL'OIM a aidé 30\u00a0000 migrants\u202f: «\u00a0Ken\u00a0» est rentré."
    prepared = prepare(text)
    assert prepared.text.split("\n")[1] == "L'OIM a aidé 30 000 migrants : « Ken » est rentré."


def _norm(text: str) -> str:
    return " ".join(text.split())


WORDS = st.sampled_from(["Genève", "l'OIM", "des", "migrants", "Nations", "Unies", "de", "la", "mise", "en",
                         "œuvre", "Niger", "«", "»", "30", "000", "réfugiés,", "aide."])
LINE = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)
SEPARATOR = st.sampled_from(["\n", "\n\n", "\n \n", "  \n", "\n\n\n"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(LINE, SEPARATOR), min_size=1, max_size=12), st.data())
def test_every_clean_span_maps_to_the_same_words(pieces, data):
    text = "".join(line + sep for line, sep in pieces)
    prepared = prepare(text)
    assert prepared.original == text
    for match in re.finditer(r"\S+", prepared.text):
        a, b = prepared.to_original(*match.span())
        assert prepared.original[a:b] == match.group()
    if not prepared.text:
        return
    # a span inside one clean line maps to the same words; across lines, dropped chrome lines may lie between, so
    # the clean words appear in order inside the mapped span
    start = data.draw(st.integers(0, len(prepared.text) - 1))
    end = data.draw(st.integers(start + 1, len(prepared.text)))
    a, b = prepared.to_original(start, end)
    clean, raw = prepared.text[start:end], prepared.original[a:b]
    if "\n" not in clean:
        assert _norm(raw) == _norm(clean)
    else:
        rest = iter(raw.split())
        assert all(word in rest for word in clean.split())


def test_long_input_is_truncated_but_original_kept():
    text = "Un titre de communiqué assez long\n\n" + "L'OIM aide les migrants. " * 100
    prepared = prepare(text, max_chars=200)
    assert prepared.original == text and Warnings.TRUNCATED in prepared.warnings
    assert len(prepared.text) <= 200
    a, b = prepared.to_original(0, len(prepared.text))
    assert b <= 200
