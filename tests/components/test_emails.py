"""E-mail addresses: must-match and must-not-match tables for :func:`find_emails` (pure, no spaCy)."""
from __future__ import annotations

import pytest

from iomextract.components.emails import find_emails

# (text, [(raw, start, address)])
MUST_MATCH = [
    ("Courriel : jdupont@iom.int", [("jdupont@iom.int", 11, "jdupont@iom.int")]),
    ("E-mail : JDupont@IOM.INT", [("JDupont@IOM.INT", 9, "jdupont@iom.int")]),
    ("Email : a.b.diallo@afdb.org", [("a.b.diallo@afdb.org", 8, "a.b.diallo@afdb.org")]),
    ("écrire à jean-paul.rey@oim.org.ec.", [("jean-paul.rey@oim.org.ec", 9, "jean-paul.rey@oim.org.ec")]),
    ("presse+geneve@unhcr.org", [("presse+geneve@unhcr.org", 0, "presse+geneve@unhcr.org")]),
    ("bureau@iom.example.co.uk", [("bureau@iom.example.co.uk", 0, "bureau@iom.example.co.uk")]),
    # a broken mailto fragment repeats the address: one match, the visible one
    ('E-mail : "mailto:lroux@iom.int">lroux@iom.int', [("lroux@iom.int", 32, "lroux@iom.int")]),
    ('E-mail : "mailto:lroux@iom.int" target="_blank" title=\n"">lroux@iom.int',
     [("lroux@iom.int", 58, "lroux@iom.int")]),
    ("écrire à lroux@iom.\nint pour", [("lroux@iom.\nint", 9, "lroux@iom.int")]),
    ("lroux@\niom.int", [("lroux@\niom.int", 0, "lroux@iom.int")]),
    ("lroux [at] iom.int", [("lroux [at] iom.int", 0, "lroux@iom.int")]),
    ("lroux(at)iom.int", [("lroux(at)iom.int", 0, "lroux@iom.int")]),
    ("lroux arobase iom point int", [("lroux arobase iom point int", 0, "lroux@iom.int")]),
    ("lroux [at] iom [dot] int.", [("lroux [at] iom [dot] int", 0, "lroux@iom.int")]),
    ("(lroux@iom.int)", [("lroux@iom.int", 1, "lroux@iom.int")]),
    ("<lroux@iom.int>", [("lroux@iom.int", 1, "lroux@iom.int")]),
    ("lroux@iom.int / pblanc@iom.int",
     [("lroux@iom.int", 0, "lroux@iom.int"), ("pblanc@iom.int", 16, "pblanc@iom.int")]),
    ("E-mail:lroux@iom.int", [("lroux@iom.int", 7, "lroux@iom.int")]),
    ("Contact: LROUX@IOM.INT.\nLes", [("LROUX@IOM.INT", 9, "lroux@iom.int")]),
]


@pytest.mark.parametrize("text,expected", MUST_MATCH)
def test_email_found(text, expected):
    found = [(m.raw, m.start, m.address) for m in find_emails(text)]
    assert found == expected
    for raw, start, _ in found:
        assert text[start:start + len(raw)] == raw


MUST_NOT_MATCH = [
    "Twitter: @EDA_DFAE",
    "Email: [email protected] Web: www.countrystat.org",
    "Internet: www.redcross.ch",
    "https://www.iom.int/fr/news",
    "user@localhost",
    "contact@",
    "@iom.int",
    "#protegeonsnous #stopCOVID19",
    "suivez @OIM sur Twitter",
    "a@b.c",
    "jean at iom dot int",  # unbracketed English words: too ambiguous to read as an address
    "le prix @ 5 francs",
    "mailto:",
    "x@@iom.int",
    "la CEDEAO et l'UA @ Abuja",
    "point de presse à Genève",
]


@pytest.mark.parametrize("text", MUST_NOT_MATCH)
def test_no_email(text):
    assert find_emails(text) == []


def test_sentence_after_address_is_not_joined():
    text = "écrire à lroux@iom.int.\nLes demandes"
    assert [m.address for m in find_emails(text)] == ["lroux@iom.int"]
