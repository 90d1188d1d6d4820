"""Page preparation: from a page (text, HTML, bytes or a file) to clean release text with a map back.

``prepare(source)`` decodes, extracts the main text of HTML, repairs mojibake, HTML remnants, odd spaces and lost
letters, removes page chrome, finds the title and the dateline and unwraps hard line breaks. Every step keeps an
offset map, so :meth:`Prepared.to_original` turns a span of the clean text into the span of ``original`` it came
from. No spaCy here.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Warnings
from .decode import decode_bytes, has_mojibake, repair_mojibake, repair_mojibake_words
from .heading import Dateline, dateline_at
from .html import extract, looks_like_html
from .inline import normalise_spaces, repair_lost_letters, repair_remnants
from .language import looks_french
from .layout import lay_out
from .offsets import OffsetMap, chain_span

__all__ = ["prepare", "Prepared", "Dateline"]

Source = str | bytes | os.PathLike


@dataclass(frozen=True)
class Prepared:
    """The clean text of a release and how it relates to the page it came from.

    ``original`` is the string every offset of :meth:`to_original` refers to; ``text`` is the clean text (the title
    line, then one paragraph a line); ``title`` and ``dateline`` are spans of ``text``; ``published`` an ISO date from
    the page (HTML metadata first, else a date in the page chrome) and ``published_source`` where it came from
    ("html_meta", "page_chrome" or None); ``warnings`` are codes of :class:`iomextract.errors.Warnings`.
    """

    original: str
    text: str
    title: tuple[int, int] | None = None
    dateline: Dateline | None = None
    published: str | None = None
    warnings: tuple[str, ...] = ()
    published_source: str | None = None
    encoding: str | None = None
    maps: tuple[OffsetMap, ...] = field(default=(), repr=False, compare=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span ``[ostart, oend)`` of ``original`` whose characters produced ``text[start:end]``."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"[E201] span ({start}, {end}) outside the clean text (length {len(self.text)})")
        if not self.maps:
            return start, end
        return chain_span(self.maps, start, end)


def _read(source: object) -> tuple[str, str | None, list[str]]:
    """The original string of a source, its encoding (None for str) and decoding warnings."""
    if isinstance(source, str):
        return source, None, []
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, os.PathLike):
        data = Path(source).read_bytes()
    else:
        raise TypeError(f"[E202] prepare() accepts str, bytes or os.PathLike, not {type(source).__name__}")
    text, encoding, guessed = decode_bytes(data)
    warnings = [Warnings.ENCODING_GUESSED] if guessed else []
    repaired = repair_mojibake(text)
    if repaired != text:
        warnings.append(Warnings.MOJIBAKE_REPAIRED)
    return repaired, encoding, warnings


MAX_CHARS = 20_000_000  # beyond this, only the start of a page is prepared (warning "truncated")


def prepare(source: Source, *, max_chars: int = MAX_CHARS) -> Prepared:
    """Prepare a release page for extraction; see :class:`Prepared`.

    ``source`` is the page as a str (plain text or HTML), bytes (any encoding) or a path to a file. Raises
    ``TypeError`` for anything else. Empty input gives an empty :class:`Prepared` with warning ``empty_input``.
    Only the first ``max_chars`` characters are prepared (``original`` stays whole), which bounds the time spent on
    huge pages (about 1 s per MB of HTML).
    """
    original, encoding, warnings = _read(source)
    if not original.strip():
        return Prepared(original, "", warnings=tuple(warnings + [Warnings.EMPTY_INPUT]), encoding=encoding)
    maps: list[OffsetMap] = []
    text = original
    if len(text) > max_chars:
        text = text[:max_chars]  # a prefix: offsets into it are offsets into the original
        warnings.append(Warnings.TRUNCATED)

    def stage(result: tuple[str, OffsetMap | None], code: str | None) -> None:
        nonlocal text
        new_text, offset_map = result
        if offset_map is not None:
            maps.append(offset_map)
            text = new_text
            if code and code not in warnings:
                warnings.append(code)

    if encoding is None and has_mojibake(text):
        stage(repair_mojibake_words(text), Warnings.MOJIBAKE_REPAIRED)
    title_hint = published = None
    if looks_like_html(text):
        page = extract(text)
        maps.append(page.map)
        text = page.text
        title_hint, published = page.title_hint, page.published
        warnings.append(Warnings.HTML_INPUT)
    stage(repair_remnants(text), Warnings.HTML_REMNANTS_REPAIRED)
    stage(normalise_spaces(text), None)
    stage(repair_lost_letters(text), Warnings.LOST_LETTERS_REPAIRED)
    layout = lay_out(text, title_hint)
    if layout.map is not None:
        maps.append(layout.map)
    if layout.navigation_removed:
        warnings.append(Warnings.NAVIGATION_REMOVED)
    if layout.lines_unwrapped:
        warnings.append(Warnings.LINES_UNWRAPPED)
    if layout.title is None:
        warnings.append(Warnings.NO_TITLE)
    source_of_date = "html_meta" if published else None
    if published is None and layout.published:
        published, source_of_date = layout.published, "page_chrome"
    if not layout.text:
        warnings.append(Warnings.EMPTY_INPUT)
    elif looks_french(layout.text) is False:
        warnings.append(Warnings.NOT_FRENCH)  # still prepared and parsed: the record says what to expect of it
    return Prepared(original, layout.text, layout.title, find_dateline(layout.text, layout.title), published,
                    tuple(warnings), source_of_date, encoding, tuple(maps))


def find_dateline(text: str, title: tuple[int, int] | None, max_paragraphs: int = 5) -> Dateline | None:
    """The dateline at the start of the body: checked on the paragraphs after the title up to the first long one."""
    pos = title[1] + 1 if title else 0
    for index in range(max_paragraphs):
        if pos >= len(text):
            return None
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        paragraph = text[pos:end]
        found = dateline_at(paragraph, pos, allow_period=index == 0)
        if found is not None:
            return found
        if len(paragraph) >= 160:
            return None
        pos = end + 1
    return None
