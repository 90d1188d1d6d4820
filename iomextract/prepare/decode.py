"""Turn bytes into text (encoding detection) and repair double-encoded UTF-8 ("Ã©" for "é")."""
from __future__ import annotations

import codecs
import re

import ftfy

from .offsets import OffsetMap, apply_edits

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# charset declared in the first bytes of an HTML page or XML prologue
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)

# Mojibake of UTF-8 read as cp1252/latin-1: a lead byte shown as Ã, Â, Å, Æ, â, Ð... followed by a character
# from the continuation range 0x80-0xBF as cp1252 or latin-1 shows it.
_CONTINUATION = "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039" \
                "\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
_MOJIBAKE = re.compile(f"[\u00c2-\u00df\u00e2-\u00ef][{_CONTINUATION}]|\u00c3 ")
# a "word" for per-word repair: a run without ASCII whitespace (so "30Â\xa0000" stays one word); a word ending in
# "Ã"/"Â" takes the next space, which is often what a copy-paste left of the no-break space of "à" ("Ã\xa0")
_WORD = re.compile(r"[^ \t\r\n]{1,200}(?:(?<=[ÃÂ]) )?")


_WESTERN = ("cp1252", "latin_1", "iso8859_15")


def decode_bytes(data: bytes) -> tuple[str, str, bool]:
    """Decode ``data``: BOM, strict UTF-8, the declared charset, charset-normalizer, else cp1252.

    Returns ``(text, encoding, guessed)``; ``guessed`` is True when the encoding came from statistics.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding, False
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    declared = _DECLARED.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        try:
            encoding = codecs.lookup(name).name
        except LookupError:
            encoding = ""
        if encoding and encoding not in ("utf-8", "latin-1", "iso8859-1"):
            try:
                return data.decode(encoding), encoding, False
            except (UnicodeDecodeError, LookupError):
                pass
    encoding = _guess(data)
    return data.decode(encoding, errors="replace"), encoding, True


def _guess(data: bytes) -> str:
    """Statistical guess; latin-1 answers become cp1252, its superset for the printable range."""
    from charset_normalizer import from_bytes  # imported lazily: only undecodable bytes need it

    results = from_bytes(data[:200_000])
    best = results.best()
    if best is not None:
        # a short text often fits several code pages equally well (cp1250 reads "à" as "ŕ"): on a tie, the Western
        # European one, which is what French pages use
        best = next((m for m in results if m.encoding in _WESTERN and m.chaos <= best.chaos + 0.01
                     and m.coherence >= best.coherence - 0.05), best)
    encoding = best.encoding if best is not None else "cp1252"
    try:
        encoding = codecs.lookup(encoding).name
    except LookupError:
        encoding = "cp1252"
    if encoding in ("latin-1", "iso8859-1", "iso8859-15", "ascii"):
        encoding = "cp1252"
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        encoding = "cp1252"
    return encoding


def has_mojibake(text: str) -> bool:
    """True when the text holds a sequence typical of UTF-8 read as cp1252/latin-1."""
    return _MOJIBAKE.search(text) is not None


def repair_mojibake(text: str) -> str:
    """Repair the whole text with ftfy (used on decoded bytes, whose repaired form becomes the original)."""
    if not has_mojibake(text):
        return text
    return ftfy.fix_encoding(text)


def repair_mojibake_words(text: str) -> tuple[str, OffsetMap | None]:
    """Repair mojibake word by word, keeping a map: each repaired word maps to the word it replaced."""
    if not has_mojibake(text):
        return text, None
    edits = []
    for match in _WORD.finditer(text):
        word = match.group()
        if _MOJIBAKE.search(word) is None:
            continue
        fixed = ftfy.fix_encoding(word)
        if fixed != word:
            edits.append((match.start(), match.end(), fixed))
    return apply_edits(text, edits)
