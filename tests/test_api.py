"""parse() and parse_many() end to end, with the real model (slow)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import iomextract
from iomextract import Release

pytestmark = pytest.mark.slow

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "release.txt"

PAGE = (
    "Skip to main content\n"
    "Le PAM et l'OIM distribuent des vivres à Goma\n"
    "Goma – Le Programme alimentaire mondial (PAM) et l'Organisation internationale\n"
    "pour les migrations (OIM) ont distribué le 3 juin 2021 des rations à 12 000 personnes\n"
    "déplacées dans le Nord-Kivu, en République démocratique du Congo.\n"
    "Cette aide est financée par l'Union européenne.\n"
    "Contact : Jeanne Mukendi, OIM Goma, Tél. +243 81 555 12 34, jmukendi@iom.int\n"
)


@pytest.mark.parametrize("text", [EXAMPLE.read_text(encoding="utf-8"), PAGE], ids=["example", "page"])
def test_every_mention_points_into_the_original(text):
    mentions = iomextract.parse(text).all_mentions()
    assert mentions
    for m in mentions:
        assert text[m.start:m.end] == m.text


def test_example_release_record():
    release = iomextract.parse(EXAMPLE)
    assert release.title == "L'OIM et le HCR ouvrent un centre d'accueil pour les migrants de retour à Agadez"
    assert "navigation_removed" in release.warnings
    assert [e.address for e in release.emails] == ["amahamadou@iom.int"]
    assert [(p.raw, p.e164) for p in release.phones] == [("+227 20 75 23 41", "+22720752341")]
    assert [(c.name, c.phones, c.emails) for c in release.contacts] == [
        ("Aïssatou Mahamadou", ("+22720752341",), ("amahamadou@iom.int",))
    ]
    assert "Qui sommes nous" not in release.body


@pytest.mark.parametrize("source", [EXAMPLE, str(EXAMPLE.read_text(encoding="utf-8")).encode("cp1252")],
                         ids=["path", "cp1252-bytes"])
def test_parse_accepts_paths_and_bytes(source):
    release = iomextract.parse(source)
    assert release.title.startswith("L'OIM et le HCR")


@pytest.mark.parametrize("bad", [None, 42, ["text"], {"text": "x"}])
def test_parse_rejects_other_types_with_a_clear_error(bad):
    with pytest.raises(TypeError, match="str, bytes"):
        iomextract.parse(bad)


@pytest.mark.parametrize("published", ["17/03/2016", "hier", "2016-13-01"])
def test_bad_published_dates_raise_value_error(published):
    with pytest.raises(ValueError, match="E020"):
        iomextract.parse("Titre\nTexte.", published=published)


@pytest.mark.parametrize("text", ["", "   \n\t ", "Un titre seul"])
def test_empty_or_tiny_input_gives_a_release(text):
    release = iomextract.parse(text)
    assert isinstance(release, Release)
    assert release.organisations == () and release.phones == ()


def test_parse_many_streams_a_one_shot_generator_in_order():
    texts = [PAGE, EXAMPLE.read_text(encoding="utf-8"), "Titre\nRien à signaler."]
    releases = list(iomextract.parse_many(t for t in texts))
    assert [r.title for r in releases] == [iomextract.parse(t).title for t in texts]


def test_parse_many_with_contexts_uses_each_publication_date():
    items = [("Titre\nLa réunion a eu lieu le 3 juin.", {"published": "2021-06-10", "id": "a"}),
             ("Titre\nLa réunion a eu lieu le 3 juin.", {"id": "b"})]
    out = list(iomextract.parse_many(items, as_tuples=True))
    assert [ctx["id"] for _, ctx in out] == ["a", "b"]
    assert out[0][0].settings.published == "2021-06-10"
    assert out[1][0].settings.published is None


def test_published_accepts_dates_and_strings():
    a = iomextract.parse(PAGE, published=dt.date(2021, 6, 4))
    b = iomextract.parse(PAGE, published="2021-06-04")
    assert a == b
    assert a.settings.published == "2021-06-04"


@pytest.mark.parametrize("kwargs, code", [({"batch_size": 0}, "E022"), ({"n_process": 0}, "E023")])
def test_parse_many_rejects_bad_options(kwargs, code):
    with pytest.raises(ValueError, match=code):
        list(iomextract.parse_many(["x"], **kwargs))


def test_load_rejects_unknown_components():
    with pytest.raises(ValueError, match="valid names"):
        iomextract.load(exclude=("iom_nothing",))


def test_saved_pipeline_loads_with_plain_spacy(tmp_path):
    import spacy

    iomextract.load().to_disk(tmp_path / "pipeline")
    nlp = spacy.load(tmp_path / "pipeline")
    assert [n for n in nlp.pipe_names if n.startswith("iom_")] == list(iomextract.pipeline.COMPONENT_NAMES)


@pytest.mark.parametrize(
    "text, published, fallback, anchor",
    [
        ("Titre\nNiamey, le 3 mars 2021 – La réunion a eu lieu hier.", None, "2022-01-01", "2021-03-03"),
        ("Titre\nLa réunion a eu lieu hier.", None, "2022-01-01", "2022-01-01"),
        ("Titre\nNiamey, le 3 mars 2021 – La réunion a eu lieu hier.", "2021-03-05", "2022-01-01", "2021-03-05"),
        ("Titre\nLa réunion a eu lieu hier.", None, None, None),
    ],
    ids=["page-date-beats-fallback", "fallback-alone", "caller-date-beats-all", "no-date"],
)
def test_which_publication_date_anchors_the_dates(text, published, fallback, anchor):
    release = iomextract.parse(text, published=published, published_fallback=fallback)
    assert release.settings.published == anchor


def test_parse_many_progress_bar_counts_documents(capsys):
    list(iomextract.parse_many([PAGE, PAGE], progress=True))
    err = capsys.readouterr().err
    assert "2/2" in err
