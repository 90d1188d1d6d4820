"""The release's title line, where its body starts, and the dateline opening the body.

The title is the first title-shaped line before the body ("title-shaped": a few words, not interface chrome, not a
date, a credit or a contact line), or the line an HTML ``<h1>`` gives, or a line the page repeats (page header and
article header). The body starts at the first line of prose: a dateline, a long line, several sentences, or a line
that continues on the next one.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_json, load_lines
from .chrome import Line, chrome_line, date_line, words
from .dates import date_at
from .unwrap import joiner, starts_block

_SENTENCES = re.compile(r"[a-zà-ÿ0-9)»”][.!?…]\s{1,5}[«\"A-ZÀ-Ý]")
_DASH = re.compile(r"\s{1,3}(?:--|[-–—])\s{1,3}")
_CREDIT = re.compile(r"^(?:©|\(c\)|photos?\s?:|crédits?\s?(?:photo)?\s?:|credits?\s?:|legende|légende)",
                     re.IGNORECASE)
_PERIOD_DATELINE = re.compile(
    r"([A-ZÀ-Ý][\w'’-]{1,30}(?: [A-ZÀ-Ý][\w'’-]{1,30}){0,2})\.\s{1,3}(?=[«\"A-ZÀ-Ý])")
_CAMEL = re.compile(r"[a-zà-ÿ][A-ZÀ-Ý]")
_PLACE_SPLIT = re.compile(r"\s{0,3}/\s{0,3}|\s{1,3}et\s{1,3}")


@dataclass(frozen=True)
class Dateline:
    """A dateline at the start of the body: ``[start, end)`` covers it up to the first word of the sentence;
    ``places`` are the places' spans, ``date`` an ISO date ("2019-12-17", "--07-05" without year) or None and
    ``date_span`` its span. All offsets in the clean text."""

    start: int
    end: int
    places: tuple[tuple[int, int], ...]
    date: str | None
    date_span: tuple[int, int] | None


@lru_cache(maxsize=1)
def _dateline_vocabulary() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    data = load_json("prepare/dateline.json")
    function = set()
    for row in load_lines("prepare/function_words.txt"):
        function.update(w.lower() for w in row.split())
    return (frozenset(data["place_connectors"]), frozenset(data["place_articles"]), frozenset(data["wire_markers"]),
            frozenset(function))


def place_like(text: str) -> bool:
    """A short capitalised segment shaped like a place name ("Genève", "DAKAR", "République démocratique du
    Congo", "Le Caire"), not a sentence start ("Les provinces de la région")."""
    connectors, articles, _, function = _dateline_vocabulary()
    text = text.strip()
    if not text or len(text) > 50 or any(ch.isdigit() for ch in text) or not text[0].isupper():
        return False
    tokens = text.replace("’", "'").split()
    if not 1 <= len(tokens) <= 6 or not tokens[-1].rsplit("'", 1)[-1][:1].isupper():
        return False
    if _CAMEL.search(text):
        return False  # "CountrySTAT", "eBay": brand names, not places
    first = tokens[0].lower()
    if first in articles or first.rstrip("'") + "'" in articles and "'" in first:
        if len(tokens) > 3 or (len(tokens) > 1 and not tokens[1][0].isupper()):
            return False
    elif first in function:
        return False
    lower = [t for t in tokens[1:] if not t[0].isupper()]
    content = [t for t in lower if t.lower() not in connectors]
    return len(content) <= 1 and all(t.replace("-", "").replace("'", "").isalpha() for t in tokens)


def _places(segment: str, offset: int) -> list[tuple[int, int]] | None:
    """Spans of the places of one comma segment ("DAKAR / NEW YORK"), or None if one is not place-like."""
    out = []
    pos = 0
    for match in list(_PLACE_SPLIT.finditer(segment)) + [None]:
        end = match.start() if match else len(segment)
        piece = segment[pos:end]
        stripped = piece.strip()
        if not place_like(stripped):
            return None
        left = pos + (len(piece) - len(piece.lstrip()))
        out.append((offset + left, offset + left + len(stripped)))
        pos = match.end() if match else len(segment)
    return out


def _prefix(text: str, end: int) -> tuple[list[tuple[int, int]], tuple[int, int, str] | None] | None:
    """Parse ``text[:end]`` as places and an optional date ("GENÈVE, 17 décembre 2019"); None if it is not."""
    places: list[tuple[int, int]] = []
    date = None
    pos = 0
    for piece in text[:end].split(","):
        stripped = piece.strip()
        left = pos + len(piece) - len(piece.lstrip())
        if date is not None:
            return None  # nothing may follow the date
        found = date_at(text, left) if stripped else None
        if found and found.end == left + len(stripped):
            date = (found.start, found.end, found.iso)
        else:
            spans = _places(stripped, left) if stripped else None
            if spans is None:
                return None
            places.extend(spans)
        pos += len(piece) + 1
    if not places and date is None:
        return None
    return places, date


def dateline_at(text: str, start: int = 0, *, allow_period: bool = False) -> Dateline | None:
    """The dateline opening the paragraph ``text`` (offsets shifted by ``start``), if it has one."""
    head = text[:160]
    _, _, wire, _ = _dateline_vocabulary()
    wire_match = re.match(r"(.{1,60}?)\s?\(([A-Za-z]{2,8})\)(?:\s{1,3}(?:--|[-–—])?\s{0,3}|$)", head)
    if wire_match and wire_match.group(2).lower() in wire:
        parsed = _prefix(text, wire_match.end(1))
        if parsed:
            return _build(parsed, wire_match.end(), start)
    dash = _DASH.search(head)
    if dash:
        parsed = _prefix(text, dash.start())
        rest = text[dash.end():].rstrip()
        if parsed and not rest[:1].islower() and (len(rest) >= 60 or rest.endswith((".", "!", "?", "»", ":"))):
            end = dash.end()
            places, date = parsed
            if date is None:
                # "Maroua – Le 03 avril 2024, ..." : the date right after the dash belongs to the dateline
                found = date_at(text, end)
                if found and text[found.end:found.end + 1] == ",":
                    date = (found.start, found.end, found.iso)
                    end = found.end + 1
                    while end < len(text) and text[end] == " ":
                        end += 1
            return _build((places, date), end, start)
    stripped = text.rstrip(" .")
    if len(stripped) <= 80 and ("," in stripped or date_at(text, 0)):
        parsed = _prefix(text, len(stripped))  # a whole line: "Khartoum, Soudan, le 5 mai 2020"
        if parsed and parsed[0] and parsed[1] is not None:
            return _build(parsed, len(text), start)
    if allow_period:
        match = _PERIOD_DATELINE.match(head)
        if match and place_like(match.group(1)):
            return _build(([(0, match.end(1))], None), match.end(), start)
    return None


def _build(parsed: tuple[list[tuple[int, int]], tuple[int, int, str] | None], end: int, start: int) -> Dateline:
    places, date = parsed
    return Dateline(start, start + end, tuple((start + a, start + b) for a, b in places),
                    date[2] if date else None, (start + date[0], start + date[1]) if date else None)


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").lower()
    return " ".join(re.findall(r"\w+", text))


def is_prose(lines: list[Line], k: int, following: int | None) -> bool:
    """Does line ``k`` start the body (``following``: index of the next line when it follows without a blank)?"""
    text = lines[k].text
    # a next line opening with a dateline ("Obock – L'OIM…") starts the body: this one does not run on into it
    continues = (following is not None and joiner(text, lines[following].text, 0) is not None
                 and dateline_at(lines[following].text) is None)
    if len(text) >= 300:
        return True
    if dateline_at(text) is not None:  # "Niger – L'OIM a…" opens the body; "Ukraine – Un fret…" alone is a headline
        return len(text) >= 150 or text.endswith((".", "!", "?", "»", ":", ";", "…")) or continues
    if len(text) >= 160 and text.endswith((".", "!", "?", "»", ":", ";", "…")):
        return True
    if len(text) >= 60 and _SENTENCES.search(text):
        return True
    return continues


def title_like(text: str, last_before_body: bool) -> bool:
    """Could this head line be the release's title?"""
    if not text or len(text) > 300 or starts_block(text) or _CREDIT.match(text):
        return False
    tokens = words(text)
    if len(tokens) < 3:
        return False
    lowercase = sum(1 for t in tokens if t[0].islower() and len(t) > 1)
    if lowercase < 2 and not (text.isupper() and len(tokens) >= 4):
        return False
    if chrome_line(text)[0] or date_line(text):
        return False
    if text.endswith(".") and not last_before_body:
        return False
    if dateline_at(text) is not None and not last_before_body:
        return False
    return True


@dataclass(frozen=True)
class Heading:
    """Where the title is (index in the lines, or None) and where the body starts (index, or None if no prose)."""

    title: int | None
    body: int | None


MAX_HEAD = 40  # lines looked at before the body: page headers are short


def find_heading(lines: list[Line], candidates: list[int], title_hint: str | None = None) -> Heading:
    """Pick the title and the body start among ``candidates`` (indices of non-blank, non-menu lines, in order).

    Without any prose line among the first ``MAX_HEAD`` lines, the body starts right after the title."""
    body_pos = None
    for pos, k in enumerate(candidates[:MAX_HEAD + 1]):
        following = candidates[pos + 1] if pos + 1 < len(candidates) else None
        if following is not None and any(not lines[j].text for j in range(k + 1, following)):
            following = None  # a blank line in between: not the same paragraph
        if is_prose(lines, k, following):
            body_pos = pos
            break
    head = candidates[:body_pos] if body_pos is not None else candidates[:MAX_HEAD]
    body = candidates[body_pos] if body_pos is not None else None
    if title_hint:
        wanted = _norm(title_hint)
        for k in (head or candidates[:3]):
            if _norm(lines[k].text) == wanted:
                return Heading(k, body if body != k else _next(candidates, k))
    seen: dict[str, int] = {}
    repeated = None
    for k in head:
        key = _norm(lines[k].text)
        if len(key.split()) >= 3 and key in seen:
            repeated = k  # the later copy: what precedes it is page header
        seen.setdefault(key, k)
    if repeated is not None:
        return Heading(repeated, body if body is not None else _next(candidates, repeated))
    # site headers ("UNICEF / Pour chaque enfant / Communiqué de presse"): the title follows the last chrome line
    last_chrome = max((pos for pos, k in enumerate(head) if chrome_line(lines[k].text)[0]), default=None)
    if last_chrome is not None and last_chrome + 1 < len(head):
        head = head[last_chrome + 1:]
    for pos, k in enumerate(head):
        if title_like(lines[k].text, pos == len(head) - 1 and body is not None):
            return Heading(k, body if body is not None else _next(candidates, k))
    return Heading(None, body if body is not None else (candidates[0] if candidates else None))


def _next(candidates: list[int], k: int) -> int | None:
    pos = candidates.index(k)
    return candidates[pos + 1] if pos + 1 < len(candidates) else None
