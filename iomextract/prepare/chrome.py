"""Page chrome recognised by structure and shape: menu blocks, interface lines, markers, footers.

Nothing here lists a site's menu: a menu block is a run of short lines carrying menu *shapes* (a lone "-", a label
written twice "Agir\\nAgir", a label glued to its description "Qui sommes nousL'Organisation…", "- " items); an
interface line is a short line made only of interface words (``models/prepare/chrome_words.txt``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..resources import load_lines
from .dates import date_pattern, find_dates


class Line(NamedTuple):
    """One line of the text: ``text`` is ``source[start:end]``, trimmed of spaces."""

    start: int
    end: int
    text: str


_LINE_CONTENT = re.compile(r"[^\n]*")
_WORDS = re.compile(r"[^\W\d_](?:[\w'’.-]{0,40}[^\W_])?|\d+")
_TERMINAL = ("." , "!", "?", "…", ":", ";", "»", '"', "”")
_BULLET = re.compile(r"^(?:[-–—•·*▪►]|\d{1,2}[.)])\s")
_MARKER = re.compile(r"^date\s{1,3}((?:19|20)\d\d-[01]\d(?:-[0-3]\d)?)\s{1,3}", re.IGNORECASE)
_BREADCRUMB_SEP = re.compile(r"\s(?:>|›|»|\||/|→)\s")
_COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
_COOKIE_VERB = re.compile(r"\b(?:accept|utilis|consent|navig|paramètr|préférence|use|using|refus)", re.IGNORECASE)
_FOOTER_LABEL = re.compile(r"^([^:]{1,40}):\s")
_SYMBOLS_ONLY = re.compile(r"^[\W\d_]{0,20}$")
# an e-mail address, or a run of at least 7 digits written as a phone number is ("+41 58 460 55 55", "079/637'62'85")
_CONTACT_DATA = re.compile(r"[\w.+-]@[\w-]+\.\w|\d(?:[ .()/'–-]{0,3}\d){6}")


def split_lines(text: str) -> list[Line]:
    """Lines of ``text`` with their trimmed spans (a blank line has ``text == ''``)."""
    lines = []
    pos = 0
    length = len(text)
    while pos <= length:
        newline = text.find("\n", pos)
        if newline < 0:
            newline = length
        start, end = pos, newline
        while start < end and text[start] == " ":
            start += 1
        while end > start and text[end - 1] == " ":
            end -= 1
        lines.append(Line(start, end, text[start:end]))
        pos = newline + 1
    return lines


@lru_cache(maxsize=1)
def chrome_words() -> frozenset[str]:
    """Interface vocabulary, lower-case."""
    words = set()
    for row in load_lines("prepare/chrome_words.txt"):
        words.update(w.replace("’", "'") for w in row.lower().split())
    return frozenset(words)


def words(text: str) -> list[str]:
    """Word tokens of a line, elisions split off ("l'Organisation" -> "l'", "Organisation")."""
    out = []
    for token in _WORDS.findall(text.replace("’", "'")):
        if "'" in token[1:3]:
            head, _, tail = token.partition("'")
            out.extend((head + "'", tail) if tail else (head + "'",))
        else:
            out.append(token)
    return out


def strip_marker(line: Line) -> tuple[Line, str | None]:
    """Remove a leading aggregator marker ("date 2019-10 ") from a line; return the line and the marker's date."""
    match = _MARKER.match(line.text)
    if not match:
        return line, None
    cut = match.end()
    return Line(line.start + cut, line.end, line.text[cut:]), match.group(1)


def chrome_line(text: str) -> tuple[bool, str | None]:
    """Is this line interface chrome? Returns ``(is_chrome, iso_date_in_it)``.

    Chrome: at most 8 words, all interface words (a date may stand beside them, "COMMUNIQUÉS DE PRESSE 17 décembre
    2019"); a breadcrumb ("Accueil > Presse > …"); a cookie notice; a footer label ("Weitere Storys: …"); symbols or
    numbers only ("[ 009 ]").
    """
    if not text or _CONTACT_DATA.search(text):
        return False, None  # a line carrying an e-mail address or a phone number belongs to the release
    if _SYMBOLS_ONLY.match(text):
        return True, None
    dates = find_dates(text) if any(ch.isdigit() for ch in text) else []
    rest = text
    for found in reversed(dates):
        rest = rest[:found.start] + " " + rest[found.end:]
    date = dates[0].iso if dates else None
    vocabulary = chrome_words()
    tokens = [w.lower() for w in words(rest)]
    if tokens and len(tokens) <= 8 and all(t in vocabulary for t in tokens):
        return True, date
    if not tokens and dates:
        return False, date  # a date alone is a date line, not chrome
    if len(text) <= 400 and _COOKIE.search(text) and _COOKIE_VERB.search(text):
        return True, None
    separators = _BREADCRUMB_SEP.findall(text)
    if len(separators) >= 2 and len(text) <= 200 and len(set(separators)) == 1 and separators[0].strip() in ">›→|":
        parts = _BREADCRUMB_SEP.split(text)
        if all(len(words(p)) <= 5 for p in parts):
            return True, date
    label = _FOOTER_LABEL.match(text)
    if label:
        label_words = [w.lower() for w in words(label.group(1))]
        if label_words and all(w in vocabulary for w in label_words) and len(label_words) <= 4:
            return True, None
    return False, None


def _ends_sentence(text: str) -> bool:
    return text.endswith(_TERMINAL)


def _menu_shape(lines: list[Line], i: int, prev: int | None, nxt: int | None) -> tuple[bool, bool]:
    """``(strong, weak)`` menu shapes of line ``i`` given its non-blank neighbours."""
    text = lines[i].text
    if text in ("-", "–", "•", "*", "|", "·", "+"):
        return True, True
    n_words = len(text.split()) if len(text) <= 80 else 99
    if n_words <= 5 and len(text) <= 60:
        if (prev is not None and lines[prev].text == text) or (nxt is not None and lines[nxt].text == text):
            return True, True
    if prev is not None:
        label = lines[prev].text
        if (3 <= len(label) <= 60 and len(text) > len(label) + 1 and text.startswith(label)
                and label[-1].isalpha() and (text[len(label)].isupper() or text[len(label)] in "«\"'")):
            return True, True  # "Qui sommes nous" + "Qui sommes nousL'Organisation…": label glued to its blurb
    if _BULLET.match(text) and n_words <= 6 and not _ends_sentence(text):
        return False, True
    if n_words <= 5 and len(text) <= 50 and not _ends_sentence(text) and not any(c.isdigit() for c in text):
        return False, True
    return False, False


def menu_lines(lines: list[Line], min_strong: int = 3) -> set[int]:
    """Indices of lines in menu blocks: runs of menu-shaped lines holding at least ``min_strong`` strong shapes.

    A block spans from its first to its last strong or "- " line, so a short title right after a menu stays.
    """
    non_blank = [i for i, line in enumerate(lines) if line.text]
    out: set[int] = set()
    run: list[tuple[int, bool, bool]] = []

    def close_run() -> None:
        strong = sum(1 for _, s, _ in run if s)
        if strong >= min_strong:
            edges = [k for k, (i, s, _) in enumerate(run) if s or _BULLET.match(lines[i].text)]
            for i, _, _ in run[edges[0]:edges[-1] + 1]:
                out.add(i)
        run.clear()

    for k, i in enumerate(non_blank):
        prev = non_blank[k - 1] if k else None
        nxt = non_blank[k + 1] if k + 1 < len(non_blank) else None
        strong, weak = _menu_shape(lines, i, prev, nxt)
        if strong or weak:
            run.append((i, strong, weak))
        else:
            close_run()
    close_run()
    return out


def date_line(text: str) -> str | None:
    """ISO date when the whole line is a date ("6 Novembre 2007", "25/06/2010"), else None."""
    if len(text) > 40:
        return None
    match = date_pattern().fullmatch(text.strip(" .,-–"))
    if not match:
        return None
    found = find_dates(text)
    return found[0].iso if found else None
