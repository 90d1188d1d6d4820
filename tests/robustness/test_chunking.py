"""Texts longer than nlp.max_length are processed in chunks with exact offsets and document-wide ids; runs without
whitespace are tokenised in bounded time."""
from __future__ import annotations

import time

import pytest

import iomextract
from iomextract.chunking import LONG_RUN, MAX_RUN, chunk_bounds, tokenize

from .invariants import assert_offsets_exact


@pytest.mark.parametrize("text, limit, expected", [
    ("abc", 10, [(0, 3)]),
    ("", 10, [(0, 0)]),
    ("aaaa\nbbbb\ncccc", 10, [(0, 10), (10, 14)]),  # after the line break
    ("Une phrase. Deux mots ici", 16, [(0, 12), (12, 25)]),  # after a sentence end
    ("aaaa bbbb cccc dddd", 12, [(0, 10), (10, 19)]),  # after a space
    ("abcdefghij", 4, [(0, 4), (4, 8), (8, 10)]),  # no whitespace: anywhere
])
def test_chunk_bounds(text, limit, expected):
    bounds = chunk_bounds(text, limit)
    assert bounds == expected
    assert "".join(text[a:b] for a, b in bounds) == text


def test_chunk_bounds_rejects_a_bad_limit():
    with pytest.raises(ValueError, match="E024"):
        chunk_bounds("abc", 0)


@pytest.mark.parametrize("run", ["(", "&", "'", "’", "(&'", "a@", "-", ")"])
def test_long_whitespace_free_runs_tokenise_fast_and_exactly(blank_nlp, run):
    text = "Début " + run * (50_000 // len(run)) + " fin"
    started = time.monotonic()
    doc = tokenize(blank_nlp, text)
    assert time.monotonic() - started < 5
    assert doc.text == text
    assert max(len(t) for t in doc) <= max(MAX_RUN, 5)


def test_normal_text_tokenises_as_spacy_does(blank_nlp):
    url = "https://www.iom.int/fr/news/" + "-".join(["loim-ouvre-un-centre-daccueil-a-goma"] * 7) + "?a=1&b=2"
    assert len(url) < LONG_RUN
    text = f"L'OIM (Organisation internationale pour les migrations) aide aujourd'hui 3 000 familles ({url})."
    assert [t.text for t in tokenize(blank_nlp, text)] == [t.text for t in blank_nlp(text)]


PLACES = ["Goma", "Bukavu", "Uvira", "Beni", "Butembo", "Kindu", "Kalemie", "Bunia", "Kisangani"]
PARAGRAPHS = [
    "L'Organisation internationale pour les migrations (OIM) ouvre un centre d'accueil à Goma, au Congo.",
    *(f"Le {k + 2} juin 2021, {300 + k} familles déplacées ont reçu des abris à {place}, selon les équipes "
      f"présentes sur place depuis plusieurs semaines." for k, place in enumerate(PLACES)),
    "Cette aide est financée par l'Union européenne et par le Japon.",
    "L'OIM travaille avec le HCR dans le Nord-Kivu depuis le 1er mai 2021.",
]
LONG = "Des abris pour les familles déplacées du Nord-Kivu\n" + "\n".join(PARAGRAPHS) + \
    "\nContact : Jeanne Mukendi, OIM Goma, Tél. +243 81 555 12 34, jmukendi@iom.int"


@pytest.fixture
def small_nlp(rules_nlp, monkeypatch):
    """The rules pipeline with a max_length small enough to cut ``LONG`` into many chunks."""
    monkeypatch.setattr(rules_nlp, "max_length", 200)
    return rules_nlp


def test_a_text_over_max_length_gives_the_record_of_the_whole_text(small_nlp):
    whole = iomextract.parse(LONG, nlp=small_nlp)
    assert len(LONG) > 5 * small_nlp.max_length
    assert "truncated" not in whole.warnings
    assert_offsets_exact(LONG, whole)
    oim = next(o for o in whole.organisations if o.acronym == "OIM")
    # the same body named in the first and the last chunk is one record, with every mention
    assert [(m.text, m.start) for m in oim.mentions] == [
        ("Organisation internationale pour les migrations", 53), ("OIM", 102),
        ("OIM", LONG.index("L'OIM travaille") + 2), ("OIM", LONG.index("OIM Goma"))]
    assert [p.e164 for p in whole.phones] == ["+243815551234"]
    days = [f"2021-06-{k + 2:02d}" for k in range(9)] + ["2021-05-01"]
    assert [d.start.isoformat() for d in whole.event_dates] == days
    assert {loc.name for loc in whole.locations} >= set(PLACES)


def test_chunked_and_whole_records_are_equal(rules_nlp, monkeypatch):
    whole = iomextract.parse(LONG, nlp=rules_nlp).to_dict()
    monkeypatch.setattr(rules_nlp, "max_length", 150)
    assert iomextract.parse(LONG, nlp=rules_nlp).to_dict() == whole


def test_parse_many_keeps_order_with_chunked_texts_among_short_ones(rules_nlp, monkeypatch):
    short = ["Titre A\nL'OIM à Goma.", "Titre B\nLe PAM à Bukavu.", "Titre C\nLe HCR à Dakar."]
    expected = [iomextract.parse(t, nlp=rules_nlp).to_dict() for t in [LONG, short[0], LONG, LONG, short[1], short[2],
                                                                       LONG]]
    monkeypatch.setattr(rules_nlp, "max_length", 200)
    sources = (t for t in [LONG, short[0], LONG, LONG, short[1], short[2], LONG])
    got = [r.to_dict() for r in iomextract.parse_many(sources, nlp=rules_nlp, batch_size=2)]
    assert got == expected


@pytest.mark.slow
def test_chunks_with_the_model_keep_ids_and_offsets(nlp, monkeypatch):
    import copy

    small = copy.copy(nlp)  # a shallow copy: the same pipes, its own max_length
    small.max_length = 200
    release = iomextract.parse(LONG, nlp=small)
    assert_offsets_exact(LONG, release)
    oim = [o for o in release.organisations if o.acronym == "OIM"]
    assert len(oim) == 1 and oim[0].mentions[0].start < 100 and oim[0].mentions[-1].start > len(LONG) - 100
    assert nlp.max_length != 200
