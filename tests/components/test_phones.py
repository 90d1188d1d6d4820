"""Phone numbers: must-match and must-not-match tables, through the ``iom_contacts`` component on a blank pipeline.

Each must-match row gives the text and every number expected, as ``(raw, start, e164, kind)``; the end offset is
``start + len(raw)``. The sentences are written for the tests in the style of release contact blocks.
"""
from __future__ import annotations

import pytest

from iomextract.components.contacts import ContactFinder
from iomextract.components.phones import compile_phone_rules, decide_kind, find_candidates, validate_phone


@pytest.fixture(scope="module")
def finder(blank_nlp):
    return ContactFinder(blank_nlp)


def phones(finder, blank_nlp, text):
    found, _, _ = finder.match(blank_nlp(text))
    return [(p.raw, p.start, p.e164, p.kind) for p in found]


MUST_MATCH = [
    ("Tél. : +41 22 717 91 11", [("+41 22 717 91 11", 7, "+41227179111", "phone")]),
    ("Portable : +41 79 555 12 34", [("+41 79 555 12 34", 11, "+41795551234", "mobile")]),
    ("Fax : +41 22 798 61 50", [("+41 22 798 61 50", 6, "+41227986150", "fax")]),
    ("Tél. portable : +33 6 12 34 56 78", [("+33 6 12 34 56 78", 16, "+33612345678", "mobile")]),
    ("Contact : Marie Durand, OIM Paris, 01 44 55 66 77", [("01 44 55 66 77", 35, "+33144556677", "phone")]),
    ("Contact :\nJean Martin\nOIM Paris\nTél. : 01.44.55.66.77",
     [("01.44.55.66.77", 39, "+33144556677", "phone")]),
    ("Contact :\nLéa Weber, Berne\nTél.: 031 325 11 00", [("031 325 11 00", 33, "+41313251100", "phone")]),
    ("Contact :\nLéa Weber, Lausanne\nNatel 079/555'12'34", [("079/555'12'34", 36, "+41795551234", "mobile")]),
    ("Tél.: (+41) 022 917 12 34", [("(+41) 022 917 12 34", 6, "+41229171234", "phone")]),
    ("Tél. +41 (0)22 917 12 34", [("+41 (0)22 917 12 34", 5, "+41229171234", "phone")]),
    ("Téléphone : 0041 22 917 12 34", [("0041 22 917 12 34", 12, "+41229171234", "phone")]),
    ("Tél. (+49-30) 2345-6789", [("(+49-30) 2345-6789", 5, "+493023456789", "phone")]),
    ("Tél. : +1 212 963 1234", [("+1 212 963 1234", 7, "+12129631234", "phone")]),
    ("Contacts presse :\nAnna Cole, UNICEF Médias, New York, 1 212 963 – 4475, acole@unicef.org",
     [("1 212 963 – 4475", 54, "+12129634475", "phone")]),
    ("Tél. : +221 33 869 62 00", [("+221 33 869 62 00", 7, "+221338696200", "phone")]),
    ("Tél. : +243 81 234 5678", [("+243 81 234 5678", 7, "+243812345678", "phone")]),
    ("Tél. : +509 2940 5566", [("+509 2940 5566", 7, "+50929405566", "phone")]),
    # an old 7-digit plan: invalid today, kept with its E.164 form because the sentence gives a way to reach someone
    ("Dès lundi, elle est joignable au 00509 381 22 33.", [("00509 381 22 33", 33, "+5093812233", "phone")]),
    ("Tél. : +227 20 72 31 63", [("+227 20 72 31 63", 7, "+22720723163", "phone")]),
    ("Téléphone: (+39) 06 5705 1234; Fax: (+39) 06 5705 4321",
     [("(+39) 06 5705 1234", 11, "+390657051234", "phone"), ("(+39) 06 5705 4321", 36, "+390657054321", "fax")]),
    ("Tél. : +32 2 287 70 00", [("+32 2 287 70 00", 7, "+3222877000", "phone")]),
    ("Tél. : +33 (0)1 45 68 10 00", [("+33 (0)1 45 68 10 00", 7, "+33145681000", "phone")]),
    ("Contact:\nLéa Weber, Croix-Rouge, Berne\n031 322 44 55 / 078 755 66 77",
     [("031 322 44 55", 39, "+41313224455", "phone"), ("078 755 66 77", 55, "+41787556677", "mobile")]),
    # a short tail after "/" is another line of the same exchange
    ("Tél. : + 593 2-299-4800/01",
     [("+ 593 2-299-4800", 7, "+59322994800", "phone"), ("01", 24, "+59322994801", "phone")]),
    ("Tél. : +212 5 37 76 41 41", [("+212 5 37 76 41 41", 7, "+212537764141", "phone")]),
    ("Tél. : +254 20 762 1234", [("+254 20 762 1234", 7, "+254207621234", "phone")]),
    ("Tel:+41 22 917 12 34;", [("+41 22 917 12 34", 4, "+41229171234", "phone")]),
    ("Tél. : +44 20 7123 4567", [("+44 20 7123 4567", 7, "+442071234567", "phone")]),
    ("Tél. : +1 514 872 1234", [("+1 514 872 1234", 7, "+15148721234", "phone")]),
    ("Tél. : +91 11 2301 2345", [("+91 11 2301 2345", 7, "+911123012345", "phone")]),
    ("Tél. : +216 71 123 456", [("+216 71 123 456", 7, "+21671123456", "phone")]),
    # a landline label on the line before overrides the mobile range
    ("Téléphone (ligne directe) :\n+41 79 917 12 34", [("+41 79 917 12 34", 28, "+41799171234", "phone")]),
    # unlabelled: a French 06 is a mobile, a Sudanese 9x stays a phone (see mobile_regions.txt)
    ("Afrique : Awa Diop : +249 91 234 5678\nEurope : Eva Roth : +33 6 41 52 00 00",
     [("+249 91 234 5678", 21, "+249912345678", "phone"), ("+33 6 41 52 00 00", 58, "+33641520000", "mobile")]),
    ("Tél. + 670 331 0123", [("+ 670 331 0123", 5, "+6703310123", "phone")]),
]


@pytest.mark.parametrize("text,expected", MUST_MATCH)
def test_phone_found_with_raw_offsets_e164_and_kind(finder, blank_nlp, text, expected):
    found = phones(finder, blank_nlp, text)
    assert found == expected
    for raw, start, _, _ in found:
        assert text[start:start + len(raw)] == raw


MUST_NOT_MATCH = [
    "Ils ont parcouru 2 985 km à pied.",
    "Plus de 10 000 personnes ont fui.",
    "On compte 1 005 000 déplacés internes.",
    "Elle porte son aide à 200\n000 francs.",
    "Caritas porte son aide à 300'000 francs.",
    "L'OIM opère au Soudan depuis 2009.",
    "Communiqué du 06.04.2009, Berne.",
    "Dernière mise à jour 19.07.2023",
    "Palais fédéral ouest\nCH-3003 Berne",
    "Viale delle Terme di Caracalla, 00153 Rome, Italie",
    "Vos dons sur le compte postal : 30-4200-3",
    "Chaîne du Bonheur : 10-15000-6",
    "Caritas, 60 - 7000 - 4",
    "[ 009 ]",
    "joignable dès 14h00, heure suisse",
    "un budget de 12 500 000 dollars",
    "le plan 2015-2017",
    "les 1 234 567 habitants de la région",
    "Dons : CCP 12-3456-7",
    "la résolution 2231 (2015)",
    "publié le 25/06/2010",
    "page 12 / 24",
    "ISBN 978-92-5-108238-1",
    "IBAN CH44 3199 9123 0008 8901 2",
    "Twitter : @OIM_1234567",
    "www.iom.int/fr/news/2016/03/17",
    "Contact:\nCroix-Rouge suisse, compte 30-4200-3",
    "Contact :\nJean Dupont\nDons : 200 000 francs",
    "Contact :\nMarie Keller\n19.07.2023",
    "Contact:\nPalais fédéral ouest, 3003 Berne",
    "Contact :\nRapport annuel 2019-2020",
    "Contact : Jean Dupont, 1 500 000 migrants",
    "Contact :\nJean Dupont, 1 005 000",
    "réf. 12345678",
    "Le séisme de magnitude 7,8 a fait 8 000 morts le 25.04.2015.",
]


@pytest.mark.parametrize("text", MUST_NOT_MATCH)
def test_figure_is_no_phone(finder, blank_nlp, text):
    assert phones(finder, blank_nlp, text) == []


@pytest.mark.parametrize("raw,regions,contact,expected", [
    ("+41 22 917 12 34", (), False, ("+41229171234", True)),
    ("022 917 12 34", ("CH",), True, ("+41229171234", True)),
    ("022 917 12 34", ("CH",), False, None),  # national form outside a contact context
    ("022 917 12 34", (), True, (None, False)),  # no region: raw only
    ("01 44 55 66 77", ("CH", "FR"), True, ("+33144556677", True)),  # the first region that validates
    ("00509 381 22 33", (), False, None),  # invalid number, no contact context
    ("+99 123 456 789", (), True, None),  # no such country code
])
def test_validate_phone(raw, regions, contact, expected):
    result = validate_phone(raw, regions, contact=contact)
    assert (result if result is None else (result[0], result[3])) == expected


def test_candidates_do_not_cross_lines():
    text = "Tél. : +41 22\n917 12 34"
    assert [text[s:e] for s, e in find_candidates(text)] == ["+41 22", "917 12 34"]


@pytest.mark.parametrize("label,number_type,region,kind", [
    ("fax", 1, "CH", "fax"),
    ("mobile", 0, "SD", "mobile"),
    ("fixed", 1, "CH", "phone"),
    ("phone", 1, "CH", "mobile"),  # a generic "Tél." does not contradict a mobile range
    (None, 1, "SD", "phone"),
    (None, 1, "FR", "mobile"),
    (None, None, "", "phone"),
])
def test_decide_kind(label, number_type, region, kind):
    rules = compile_phone_rules([("tél", "phone")], [("after", "francs")], ["FR", "CH"])
    assert decide_kind(label, number_type, region, rules) == kind


def test_bad_label_kind_is_a_configuration_error():
    with pytest.raises(ValueError, match="E301"):
        compile_phone_rules([("tél", "telephone")], [], [])


def test_unknown_mobile_region_is_a_configuration_error():
    with pytest.raises(ValueError, match="E303"):
        compile_phone_rules([], [("after", "francs")], ["XX"])
