"""Bytes in several encodings, UTF-8 mojibake in bytes and in str, and what prepare() accepts."""
from __future__ import annotations

import codecs

import pytest

from iomextract.errors import Warnings
from iomextract.prepare import prepare
from iomextract.prepare.decode import decode_bytes, has_mojibake, repair_mojibake_words

TEXT = ("Le HCR et l’OIM ouvrent un centre à Zinder\n"
        "Zinder – Les deux agences ont accueilli 1 200 réfugiés « épuisés » cette semaine, "
        "a déclaré le coordinateur régional, qui a remercié l’Union européenne pour son aide financière.\n")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_bytes_decode_to_the_same_text(encoding):
    prepared = prepare(TEXT.encode(encoding))
    assert prepared.original == TEXT
    assert prepared.text == TEXT.rstrip("\n")
    assert prepared.encoding in ("utf-8", "utf-8-sig", "utf-16", "cp1252")


def test_latin1_bytes_without_curly_quotes():
    text = "Réunion à Genève des délégués du Niger et du Mali\nGenève - Les délégués se sont réunis hier à l'OIM " \
           "pour préparer la campagne de sensibilisation qui commencera en février dans les deux pays."
    prepared = prepare(text.encode("latin-1"))
    assert prepared.original == text
    assert Warnings.ENCODING_GUESSED in prepared.warnings


def test_utf16_with_bom_is_not_guessed():
    text, encoding, guessed = decode_bytes(codecs.BOM_UTF16_LE + "Été à Niamey".encode("utf-16-le"))
    assert (text, encoding, guessed) == ("Été à Niamey", "utf-16", False)


def test_double_encoded_bytes_are_repaired_and_become_original():
    mojibake = TEXT.encode("utf-8").decode("cp1252", errors="replace")
    prepared = prepare(mojibake.encode("utf-8"))
    assert prepared.original == TEXT
    assert Warnings.MOJIBAKE_REPAIRED in prepared.warnings


@pytest.mark.parametrize("word, expected", [
    ("rÃ©fugiÃ©s", "réfugiés"),
    ("lâ€™OIM", "l’OIM"),
    ("Â«", "«"),
    ("30Â\xa0000", "30\xa0000"),
])
def test_str_mojibake_repaired_per_word_with_offsets(word, expected):
    text = f"Le centre {word} ouvre"
    repaired, offset_map = repair_mojibake_words(text)
    assert repaired == f"Le centre {expected} ouvre"
    start = repaired.index(expected)
    assert offset_map.span(start, start + len(expected)) == (10, 10 + len(word))
    assert offset_map.span(0, 9) == (0, 9)


def test_prepare_str_with_mojibake_maps_words_back():
    text = "Des rÃ©fugiÃ©s arrivent Ã  Agadez aprÃ¨s une longue marche dans le dÃ©sert, selon les Ã©quipes de l'OIM."
    prepared = prepare(text)
    assert prepared.original == text
    assert prepared.text.startswith("Des réfugiés arrivent à Agadez après")
    start = prepared.text.index("Agadez")
    a, b = prepared.to_original(start, start + 6)
    assert prepared.original[a:b] == "Agadez"
    a, b = prepared.to_original(4, 12)
    assert prepared.original[a:b] == "rÃ©fugiÃ©s"
    assert Warnings.MOJIBAKE_REPAIRED in prepared.warnings


@pytest.mark.parametrize("text", ["Ça a été décidé à Genève.", "Le prix: 5 €, soit « rien »", "ÉTATS-UNIS"])
def test_clean_french_is_not_mojibake(text):
    assert not has_mojibake(text)


def test_path_input(tmp_path):
    path = tmp_path / "release.txt"
    path.write_bytes(TEXT.encode("cp1252"))
    assert prepare(path).text == TEXT.rstrip("\n")


@pytest.mark.parametrize("source", [None, 42, ["texte"], 3.5, {"text": "x"}])
def test_other_inputs_raise_type_error(source):
    with pytest.raises(TypeError, match="str, bytes or os.PathLike"):
        prepare(source)


@pytest.mark.parametrize("source", ["", "   \n\t \n", b"", b"  \n"])
def test_empty_input_gives_empty_prepared(source):
    prepared = prepare(source)
    assert prepared.text == "" and prepared.title is None and prepared.dateline is None
    assert Warnings.EMPTY_INPUT in prepared.warnings
    assert prepared.to_original(0, 0) == (0, 0)
