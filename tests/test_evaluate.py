"""The evaluation rules (same as the project's corpus scorer) and the corpus reader."""
from __future__ import annotations

import json

import pytest

from iomextract.errors import GoldFormatError
from iomextract.evaluate import (
    Report,
    date_similarity,
    email_similarity,
    evaluate,
    match_items,
    name_similarity,
    normalise_name,
    phone_similarity,
    score_document,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("L'Organisation internationale pour les migrations", "organisation internationale pour les migrations"),
        ("la Communauté économique des États", "communaute economique des etats"),
        ("  Nigéria ", "nigeria"),
        ("du Département d’Etat", "departement d etat"),
        ("USAID/OFDA", "usaid ofda"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalise_name(text, expected):
    assert normalise_name(text) == expected


@pytest.mark.parametrize(
    "pred, gold, matches",
    [
        ({"name": "OIM"}, {"name": "Organisation internationale pour les migrations", "acronym": "OIM"}, True),
        ({"name": "Union Africaine"}, {"name": "Union africaine"}, True),
        ({"name": "l'Union européenne"}, {"name": "Union européenne"}, True),
        ({"name": "Union européenne"}, {"name": "Banque mondiale"}, False),
        ({"name": "Nations Unies"}, {"name": "Nations Unies contre la drogue"}, False),
        ({"name": "X", "aliases": ["Bureau de la Population"]}, {"name": "Bureau de la population"}, True),
    ],
)
def test_name_similarity_threshold(pred, gold, matches):
    assert (name_similarity(pred, gold) >= 90) is matches


@pytest.mark.parametrize(
    "pred, gold, matches",
    [
        ({"start": "2016-03-24", "end": "2016-03-26"}, {"start": "--03-24", "end": "--03-26"}, True),
        ({"start": "--03-24", "end": "--03-26"}, {"start": "--03-24", "end": "--03-26"}, True),
        ({"start": "--03-24"}, {"start": "--03-24", "end": "--03-24"}, True),
        ({"start": "--03-24", "end": "--03-24"}, {"start": "2016-03-24", "end": "2016-03-24"}, False),
        ({"start": "2016-03", "end": "2016-03"}, {"start": "2016-03", "end": "2016-03"}, True),
        ({"start": None, "end": None}, {"start": "--03-24", "end": "--03-24"}, False),
    ],
)
def test_date_similarity(pred, gold, matches):
    assert (date_similarity(pred, gold) == 100) is matches


@pytest.mark.parametrize(
    "pred, gold, matches",
    [
        ({"raw": "+41 22 791 3215", "e164": "+41227913215"}, {"raw": "x", "e164": "+41227913215"}, True),
        ({"raw": "022 791 3215", "e164": None}, {"raw": "+41 22 791 3215", "e164": "+41227913215"}, True),
        ({"raw": "+41 22 791 3215", "e164": "+41227913215"}, {"raw": "", "e164": "+41227913216"}, False),
        ("+41227913215", {"raw": "", "e164": "+41227913215"}, True),
    ],
)
def test_phone_similarity(pred, gold, matches):
    assert (phone_similarity(pred, gold) == 100) is matches


def test_email_similarity_ignores_case():
    assert email_similarity({"address": "X@IOM.int"}, "x@iom.int") == 100
    assert email_similarity("y@iom.int", "x@iom.int") == 0


def test_matching_is_one_to_one_and_ignores_optional_gold():
    preds = [{"name": "OIM"}, {"name": "OIM"}, {"name": "Nations Unies"}]
    golds = [{"name": "OIM"}, {"name": "Nations Unies", "optional": True}, {"name": "HCR"}]
    tp, false_pos, missed, matched = match_items(preds, golds, name_similarity)
    assert (tp, matched) == (1, [(0, 0)])
    assert false_pos == [{"name": "OIM"}]
    assert missed == [{"name": "HCR"}]


def test_score_document_counts_contact_links_and_attributes():
    gold = {"id": "1", "title": "Titre", "organisations": [{"name": "Union africaine", "acronym": "UA"}],
            "locations": [{"name": "Niger", "country": "NE"}], "event_dates": [], "funders": [], "phones": [],
            "emails": [], "contacts": [{"name": "Ana Diallo", "phones": ["+22720752341"], "emails": ["a@iom.int"]}]}
    pred = {"title": "titre", "organisations": [{"name": "Union Africaine", "acronym": None}],
            "locations": [{"name": "Niger", "country": "ne"}],
            "contacts": [{"name": "Ana Diallo", "phones": ["+22720752341"], "emails": ["b@iom.int"]}]}
    report = Report()
    score_document(report, gold, pred)
    d = report.as_dict()
    assert d["title_accuracy"] == 1.0
    assert d["organisations"]["tp"] == 1
    assert d["organisation_acronym_accuracy"] == 0.0
    assert d["location_country_accuracy"] == 1.0
    assert (d["contact_links"]["tp"], d["contact_links"]["fp"], d["contact_links"]["fn"]) == (1, 1, 1)


def test_evaluate_reads_a_corpus_and_scores_a_system(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "001.json").write_text(json.dumps({"id": "001", "text": "Texte"}))
    (tmp_path / "gold" / "001.json").write_text(json.dumps({"id": "001", "title": "Texte", "emails": ["a@b.org"]}))
    report = evaluate(tmp_path, system=lambda text: {"title": text, "emails": ["a@b.org", "c@d.org"]})
    assert report.documents == 1
    assert report.fields["emails"].as_dict() == {"p": 0.5, "r": 1.0, "f1": 0.667, "tp": 1, "fp": 1, "fn": 0}


def test_evaluate_counts_a_crash_as_nothing_found(tmp_path):
    (tmp_path / "001.json").write_text(json.dumps({"id": "001", "text": "T", "emails": ["a@b.org"]}))

    def broken(text):
        raise RuntimeError("boom")

    report = evaluate(tmp_path, system=broken)
    assert report.crashed == 1
    assert report.fields["emails"].fn == 1
    assert report.errors == [{"id": "001", "crash": "RuntimeError: boom"}]


@pytest.mark.parametrize(
    "files, code",
    [({}, "E030"), ({"001.json": "{not json"}, "E031"), ({"001.json": "[]"}, "E032"),
     ({"001.json": '{"id": "001"}'}, "E033")],
)
def test_bad_corpora_raise_clear_errors(tmp_path, files, code):
    for name, content in files.items():
        (tmp_path / name).write_text(content)
    with pytest.raises(GoldFormatError, match=code):
        evaluate(tmp_path, system=lambda text: {})
