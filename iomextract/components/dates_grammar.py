"""A French grammar of event dates: finding date expressions in text and normalising them to ISO strings.

Pure Python, no spaCy: :func:`find_dates` is what the ``iom_dates`` component runs over ``doc.text``.

Finding is a small set of regular expressions compiled once from the word lists of ``models/dates/`` (month and
weekday names, day words, prepositions, relative words), run over the whole text; overlapping candidates are
resolved longest first. Every repetition in the patterns is bounded, and whitespace between words is "a few spaces
or one line break", so the scan is linear in the text. Normalising is plain calendar arithmetic (no
``dateparser``: its ``search_dates`` invents years and reads phone numbers as dates).

Values (see :mod:`iomextract.components.extensions`):

- ``start``/``end``: ``"2016-03-17"`` (day with a year), ``"--03-24"`` (day, no year known), ``"2016-03"`` (month
  with a year). A single day has ``end == start``; "jusqu'au 16 janvier 2017" and "depuis le 5 avril" are single days.
- ``year_source``: ``"expression"`` (the year is written in the expression, or shared by a range: "du 30 mars au
  2 avril 2016"), ``"sentence"`` (another dated expression of the same sentence gives exactly one year),
  ``"published"`` (the nearest sensible year to the publication date, or the one a qualifier such as "dernier" or
  "de cette année" points to), or ``None``.
- ``relative``: True when the expression writes no calendar day or month of its own ("hier", "lundi dernier",
  "la semaine dernière") or a month whose year only the publication date gives ("mars dernier", "entre janvier et
  avril de cette année"). Without a publication date such items have ``start = end = None``: nothing is invented and
  the clock is never read. Corpus gold does not count bare relative words as event dates; consumers filter on this
  flag.

Choices:

- A list of days ("les 21 et 24 février") gives one match per day, each with its own offsets (span values are keyed
  by offsets, so two values cannot share one span): "les 21" and "24 février".
- A month without a day and without a year ("en août") is not a date (month precision needs a year) and is not
  matched, unless a qualifier ties it to the publication date ("en mars dernier"); a range of months without a
  year ("de janvier à mars") is kept only when its sentence gives the year.
- The sentence year comes from dated expressions only, never from a bare year ("fondée en 1951, ... le 3 mars").
- Bare years, quarters, durations, numbers and phone numbers never match: every expression needs a month name, a
  weekday or relative word, or a full numeric date (``17/03/2016``; ``01/11`` only in brackets or after le/du/au).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..resources import load_json

__all__ = ["DateMatch", "DateGrammar", "find_dates", "load_grammar", "parse_published"]

# A few horizontal spaces, or one line break with spaces around it: pages wrap lines inside dates ("avril\n2012").
WS = r"(?:[^\S\n]{1,3}|[^\S\n]{0,3}\n[^\S\n]{0,3})"
APOS = "['’]"
DASH = r"[-‐‑–—]"
# characters scanned before and after a trigger word: more than the longest expression around its month or weekday
# ("au cours de la journée du 30 au 31 décembre" holds 35 characters before its month, "les 10, 11, ..., 16 et
# 17 mai" about 40; a weekday is itself a trigger)
WINDOW_BEFORE, WINDOW_AFTER = 80, 40


@dataclass(frozen=True)
class DateMatch:
    """One date expression: its text and character offsets in the input, and its normalised value."""

    text: str
    start_char: int
    end_char: int
    start: str | None
    end: str | None
    year_source: str | None
    relative: bool

    def value(self) -> dict[str, Any]:
        """The ``iom_date`` value of the span: ``{"start", "end", "year_source", "relative"}``."""
        return {"start": self.start, "end": self.end, "year_source": self.year_source, "relative": self.relative}


@dataclass(frozen=True)
class _Expr:
    """A parsed expression before year resolution. Days are None for month precision."""

    begin: int
    stop: int
    m1: int | None = None
    d1: int | None = None
    y1: int | None = None
    m2: int | None = None
    d2: int | None = None
    y2: int | None = None
    qualifier: str | None = None  # "past", "next", "this_year", "last_year", "next_year"
    rel_unit: str | None = None  # "day", "week", "month", "weekday" for purely relative expressions
    rel_offset: int = 0
    weekday: int | None = None
    weekday_mode: str | None = None  # "past", "next", "recent"
    named_weekday: int | None = None  # "le lundi 3 juin": helps choose the year from the publication date


def _phrase(text: str) -> str:
    """Regex for a phrase of the word lists: apostrophes match both forms, spaces match WS, hyphens any dash."""
    out = []
    for ch in text.lower():
        if ch in "'’":
            out.append(APOS)
        elif ch == " ":
            out.append(WS)
        elif ch == "-":
            out.append(DASH)
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _alt(phrases, *, joined: bool = False) -> str:
    """Alternation of phrases, longest first so "depuis le" wins over "depuis".

    With ``joined`` each phrase carries its own separator to what follows: WS after a word, nothing after an
    apostrophe or a hyphen ("d'août", "mi-mars").
    """
    parts = []
    for p in sorted(set(phrases), key=lambda s: (-len(s), s)):
        pat = _phrase(p)
        if joined:
            pat += r"\s?" if p[-1] in "'’-" else WS
        parts.append(pat)
    return "(?:" + "|".join(parts) + ")"


def _lower(text: str) -> str:
    """Lower case with the same length, so offsets stay valid ("İ".lower() has two characters: kept as is)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low


def _fold(text: str) -> str:
    """Key for the lookup tables: lower case, one kind of apostrophe and dash, single spaces."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"[‐‑–—]", "-", text)
    return " ".join(text.split())


class DateGrammar:
    """The compiled grammar. Build it once (load time) and call :meth:`find` per text."""

    def __init__(self, months: dict, weekdays: dict, day_words: dict, relative: dict, prefixes: dict) -> None:
        self.month_of = {_fold(k): v for k, v in months["full"].items()}
        self.month_of.update({_fold(k): v for k, v in months["abbreviations"].items()})
        self.weekday_of = {_fold(k): v for k, v in weekdays.items()}
        self.day_word_of = {_fold(k): v for k, v in day_words["words"].items()}
        self.first_ordinals = {_fold(k) for k in day_words["first_day_ordinals"]}
        self.rel_days = {_fold(k): v for k, v in relative["days"].items()}
        self.rel_weeks = {_fold(k): v for k, v in relative["weeks"].items()}
        self.rel_months = {_fold(k): v for k, v in relative["months"].items()}
        self.weekday_qualifier = {_fold(k): v for k, v in relative["weekday_qualifiers"].items()}
        self.date_qualifier = {_fold(k): v for k, v in relative["date_qualifiers"].items()}

        dotted = list(months["abbreviations"])
        undotted = [a for a in months["abbreviations"] if a not in set(months["abbreviations_needing_dot"])]
        full = _alt(months["full"]) + r"(?!\w)"
        month_any = f"(?:{full}|{_alt(dotted)}\\.)"
        # after a day number an abbreviation may drop its dot ("17 oct 2016"); never on its own
        # ... and is not the first half of a reduplicated name ("12 Mai-Mai": a militia)
        month_after_day = f"(?:{full}|{_alt(dotted)}\\.|{_alt(undotted)}(?!\\w))(?!{DASH}[^\\W\\d_])"
        weekday = _alt(weekdays) + r"(?!\w)"
        first = _alt(day_words["first_day_ordinals"])
        words = _alt(day_words["words"])
        day = rf"(?:(?<![\w-]){first}(?!\w)|(?<![\w-]){words}(?!\w)|(?<![\d.,/])(?:3[01]|[12]\d|0?[1-9])(?!\w)(?![.,/]\d))"
        year = r"(?:(?<!\d)(?:19|20)\d\d(?!\w)(?![.,/]\d))"
        qual = _alt(relative["date_qualifiers"]) + r"(?!\w)"
        time_of_day = [f"{t} du" for t in prefixes["time_of_day"]]
        single_prefix = _alt(prefixes["single"] + time_of_day, joined=True)
        range_open = _alt(prefixes["day_range_openers"] + time_of_day, joined=True)
        range_sep = _alt(prefixes["day_range_separators"], joined=True)
        month_open = _alt(prefixes["month_range_openers"], joined=True)
        month_sep = _alt(prefixes["month_range_separators"], joined=True)
        list_open = _alt(prefixes["list_openers"], joined=True)
        anchor = _alt(relative["days"])
        wd_opt = rf"(?:{weekday},?{WS})?"
        start = r"\b"  # a match starts at a word start ("d'août 2020" included); \b fails fast

        def g(name: str, pat: str) -> str:
            return f"(?P<{name}>{pat})"

        day_list = rf"{wd_opt}{day}(?:[^\S\n]?,{WS}{wd_opt}{day}){{0,6}}{WS}et{WS}(?:le{WS})?{wd_opt}{day}"
        self._day_re = re.compile(f"{wd_opt}(?P<d>{day})")
        rules = {
            # du 24 au 26 mars ; du 30 mars au 2 avril 2016 ; entre le 3 et le 5 mai ; dans la nuit du 3 au 4 juin
            "day_range": (
                f"{start}{range_open}{wd_opt}{g('d1', day)}(?:{WS}{g('m1', month_after_day)}(?:{WS}{g('y1', year)})?)?"
                f"{WS}{range_sep}{wd_opt}{g('d2', day)}{WS}{g('m2', month_after_day)}(?:,?{WS}{g('y2', year)})?"
                f"(?:{WS}{g('q', qual)})?"
            ),
            # les 27-29 août ; 5-6 septembre ; 30 mars - 2 avril 2016
            "day_dash": (
                f"{start}(?:{list_open}|du{WS})?(?<!\\d{DASH}){g('d1', day)}(?:{WS}{g('m1', month_after_day)})?"
                f"[^\\S\\n]?{DASH}[^\\S\\n]?{g('d2', day)}{WS}{g('m2', month_after_day)}(?:,?{WS}{g('y2', year)})?"
                f"(?:{WS}{g('q', qual)})?"
            ),
            # les 21 et 24 février ; les 3, 4 et 5 mai 2016 ; samedi 3 et dimanche 4 juin
            "day_list": (
                f"{start}(?:{list_open})?{g('days', day_list)}"
                f"{WS}{g('m2', month_after_day)}(?:,?{WS}{g('y2', year)})?(?:{WS}{g('q', qual)})?"
            ),
            # le 17 mars 2016 ; Vendredi 14 octobre ; hier, 28 juillet ; hier (1er mars) ; le 17 mars dernier
            "day": (
                f"{start}(?:{g('anchor', anchor)}(?:[^\\S\\n]?,{WS}|[^\\S\\n]?{g('paren', '[(]')}[^\\S\\n]?))?"
                f"(?:{single_prefix})?(?:{g('wd', weekday)},?{WS})?{g('d1', day)}{WS}{g('m1', month_after_day)}"
                f"(?:,?{WS}{g('y1', year)})?(?:{WS}{g('q', qual)})?(?(paren)[^\\S\\n]?[)])"
            ),
            # de juillet 2020 à juin 2023 ; entre mai 2017 et mai 2019 ; entre janvier et avril de cette année
            "month_range": (
                f"{start}{month_open}{g('m1', month_any)}(?:{WS}{g('y1', year)})?{WS}{month_sep}"
                f"{g('m2', month_any)}(?:,?{WS}{g('y2', year)})?(?:{WS}{g('q', qual)})?"
            ),
            # janvier-mars 2016
            "month_dash": (
                f"{start}{g('m1', month_any)}(?:{WS}{g('y1', year)})?[^\\S\\n]?{DASH}[^\\S\\n]?"
                f"{g('m2', month_any)}{WS}{g('y2', year)}"
            ),
            # en janvier 2010 ; mars 2016 ; fin mars 2016 ; en mars dernier ; mai de cette année
            "month": (
                f"{start}(?:{single_prefix})?{g('m1', month_any)}"
                f"(?:,?{WS}{g('y1', year)}|{WS}{g('q', qual)})"
            ),
            # 17/03/2016 ; 17.03.2016 ; 17-03-2016 ; 17/03/16 ; 2016-03-17 ; (01/11) ; le 01/11
            "numeric": (
                f"{start}(?:{single_prefix})?(?<![\\w/.+-])(?:"
                r"(?P<nd>0?[1-9]|[12]\d|3[01])(?P<sep>[/.-])(?P<nm>0?[1-9]|1[0-2])(?P=sep)(?P<ny>(?:19|20)\d\d)"
                r"|(?P<sd>0?[1-9]|[12]\d|3[01])/(?P<sm>0?[1-9]|1[0-2])/(?P<sy>\d\d)"
                r"|(?P<iy>(?:19|20)\d\d)-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])"
                r")(?![\w/]|[.-]\d)"
            ),
            "short_numeric": (
                rf"(?:[(][^\S\n]?(?P<pd>0[1-9]|[12]\d|3[01])/(?P<pm>0[1-9]|1[0-2])[^\S\n]?[)]"
                rf"|{start}{_alt(['le', 'du', 'au', 'depuis le', 'jusqu’au'], joined=True)}"
                r"(?P<ld>0[1-9]|[12]\d|3[01])/(?P<lm>0[1-9]|1[0-2])(?![\w/]|[.-]\d))"
            ),
            # hier ; lundi dernier ; la semaine dernière ; plus tôt ce mois-ci ; samedi
            "relative": (
                f"{start}(?:{g('rel', _alt(list(relative['days']) + list(relative['weeks']) + list(relative['months'])))}"
                f"|(?:{_alt(relative['weekday_determiners'], joined=True)})?{g('wd', weekday)}"
                f"(?:{WS}{g('wq', _alt(relative['weekday_qualifiers']))})?)(?!\\w)"
            ),
        }
        # patterns are lower case and run over a lower-cased copy of the text: case-insensitive matching of long
        # alternations is several times slower in `re`
        self._rules = [(name, re.compile(pat)) for name, pat in rules.items()]
        # Every expression holds a month or weekday name, a relative phrase or a numeric date: the rules only run in
        # windows around these triggers (a page has few), wide enough to hold the longest expression.
        trigger_words = (list(months["full"]) + list(months["abbreviations"]) + list(weekdays)
                         + list(relative["days"]) + list(relative["weeks"]) + list(relative["months"]))
        self._trigger = re.compile(rf"\b{_alt(trigger_words)}(?!\w)|\d[/.-]\d")
        self._priority = {name: i for i, (name, _) in enumerate(self._rules)}
        self._sentence_break = re.compile(r"(?<=[.!?…])\s+|\n[^\S\n]*\n")

    # ------------------------------------------------------------------ reading matched words
    def _day(self, text: str | None) -> int | None:
        if text is None:
            return None
        key = _fold(text)
        if key in self.first_ordinals:
            return 1
        if key in self.day_word_of:
            return self.day_word_of[key]
        return int(key)

    def _month(self, text: str | None) -> int | None:
        return None if text is None else self.month_of[_fold(text).rstrip(".")]

    @staticmethod
    def _year(text: str | None) -> int | None:
        return None if text is None else int(text)

    def _qualifier(self, text: str | None) -> str | None:
        return None if text is None else self.date_qualifier[_fold(text)]

    # ------------------------------------------------------------------ finding
    def scan(self, text: str) -> list[_Expr]:
        """Every expression of the text, non-overlapping, in text order (longest candidate wins an overlap)."""
        text = _lower(text)
        windows: list[list[int]] = []
        for t in self._trigger.finditer(text):
            begin, stop = max(0, t.start() - WINDOW_BEFORE), t.end() + WINDOW_AFTER
            if windows and begin <= windows[-1][1]:
                windows[-1][1] = stop
            else:
                windows.append([begin, stop])
        candidates = []
        for name, rx in self._rules:
            for begin, stop in windows:
                for m in rx.finditer(text, begin, stop):
                    candidates.append((m.end() - m.start(), -self._priority[name], m.start(), name, m))
        candidates.sort(key=lambda c: (-c[0], -c[1], c[2]))
        # taken intervals, kept sorted and disjoint: a candidate overlaps one only if it overlaps a neighbour
        taken_starts: list[int] = []
        taken_ends: list[int] = []
        chosen = []
        for _, _, begin, name, m in candidates:
            i = bisect_right(taken_starts, begin)
            if (i > 0 and taken_ends[i - 1] > begin) or (i < len(taken_starts) and taken_starts[i] < m.end()):
                continue
            taken_starts.insert(i, begin)
            taken_ends.insert(i, m.end())
            chosen.append((name, m))
        exprs = []
        for name, m in sorted(chosen, key=lambda c: c[1].start()):
            exprs.extend(getattr(self, f"_read_{name}")(m))
        return exprs

    def _read_day_range(self, m: re.Match) -> list[_Expr]:
        gd = m.groupdict()
        d1, d2 = self._day(gd["d1"]), self._day(gd["d2"])
        m2 = self._month(gd["m2"])
        # "du 28 au 3 avril": the first day lies in the month before
        m1 = self._month(gd["m1"]) if gd["m1"] else (m2 if d1 <= d2 else (m2 - 2) % 12 + 1)
        return [_Expr(m.start(), m.end(), m1, d1, self._year(gd.get("y1")), m2, d2, self._year(gd["y2"]),
                      self._qualifier(gd["q"]))]

    _read_day_dash = _read_day_range

    def _read_day_list(self, m: re.Match) -> list[_Expr]:
        month, year, qual = self._month(m["m2"]), self._year(m["y2"]), self._qualifier(m["q"])
        offset = m.start("days")
        days = list(self._day_re.finditer(m["days"]))
        out = []
        for i, dm in enumerate(days):
            begin = m.start() if i == 0 else offset + dm.start()
            stop = m.end() if i == len(days) - 1 else offset + dm.end()
            d = self._day(dm["d"])
            out.append(_Expr(begin, stop, month, d, year, month, d, year, qual))
        return out

    def _read_day(self, m: re.Match) -> list[_Expr]:
        d, mo, y = self._day(m["d1"]), self._month(m["m1"]), self._year(m["y1"])
        wd = self.weekday_of[_fold(m["wd"])] if m["wd"] else None
        return [_Expr(m.start(), m.end(), mo, d, y, mo, d, y, self._qualifier(m["q"]), named_weekday=wd)]

    def _read_month_range(self, m: re.Match) -> list[_Expr]:
        gd = m.groupdict()
        return [_Expr(m.start(), m.end(), self._month(gd["m1"]), None, self._year(gd["y1"]),
                      self._month(gd["m2"]), None, self._year(gd["y2"]), self._qualifier(gd.get("q")))]

    _read_month_dash = _read_month_range

    def _read_month(self, m: re.Match) -> list[_Expr]:
        mo, y = self._month(m["m1"]), self._year(m["y1"])
        return [_Expr(m.start(), m.end(), mo, None, y, mo, None, y, self._qualifier(m["q"]))]

    def _read_numeric(self, m: re.Match) -> list[_Expr]:
        if m["nd"]:
            d, mo, y = int(m["nd"]), int(m["nm"]), int(m["ny"])
        elif m["sd"]:
            d, mo, y = int(m["sd"]), int(m["sm"]), 2000 + int(m["sy"])
        else:
            d, mo, y = int(m["id"]), int(m["im"]), int(m["iy"])
        return [_Expr(m.start(), m.end(), mo, d, y, mo, d, y)]

    def _read_short_numeric(self, m: re.Match) -> list[_Expr]:
        d, mo = (int(m["pd"]), int(m["pm"])) if m["pd"] else (int(m["ld"]), int(m["lm"]))
        return [_Expr(m.start(), m.end(), mo, d, None, mo, d, None)]

    def _read_relative(self, m: re.Match) -> list[_Expr]:
        if m["rel"]:
            key = _fold(m["rel"])
            for unit, table in (("day", self.rel_days), ("week", self.rel_weeks), ("month", self.rel_months)):
                if key in table:
                    return [_Expr(m.start(), m.end(), rel_unit=unit, rel_offset=table[key])]
            raise KeyError(key)  # unreachable: the pattern is built from these tables
        mode = self.weekday_qualifier[_fold(m["wq"])] if m["wq"] else "recent"
        return [_Expr(m.start(), m.end(), rel_unit="weekday", weekday=self.weekday_of[_fold(m["wd"])],
                      weekday_mode=mode)]

    # ------------------------------------------------------------------ resolving
    def sentence_starts(self, text: str) -> list[int]:
        """Character offsets where sentences start (a light splitter: end punctuation or a blank line)."""
        return [0] + [m.end() for m in self._sentence_break.finditer(text)]

    def find(self, text: str, published: date | None = None) -> list[DateMatch]:
        """All date expressions of ``text`` with their values; see :func:`find_dates`."""
        exprs = self.scan(text)
        starts = self.sentence_starts(text)
        sentence_of = [bisect_right(starts, e.begin) for e in exprs]
        years: dict[int, set[int]] = {}
        for e, s in zip(exprs, sentence_of):
            if e.rel_unit is None and (e.y1 or e.y2) and _valid(e):
                years.setdefault(s, set()).update(y for y in (e.y1, e.y2) if y)
        out = []
        for e, s in zip(exprs, sentence_of):
            sentence_years = years.get(s, set())
            sentence_year = next(iter(sentence_years)) if len(sentence_years) == 1 else None
            value = _resolve(e, sentence_year, published)
            if value is not None:
                out.append(DateMatch(text[e.begin:e.stop], e.begin, e.stop, *value))
        return out


def _valid(e: _Expr) -> bool:
    """Whether the days exist in their months (a leap year is assumed when the year is unknown)."""
    for y, m, d in ((e.y1, e.m1, e.d1), (e.y2, e.m2, e.d2)):
        if d is not None:
            try:
                date(y or 2000, m, d)
            except ValueError:
                return False
    return True


def _iso(y: int | None, m: int, d: int | None) -> str:
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"--{m:02d}-{d:02d}" if y is None else f"{y:04d}-{m:02d}-{d:02d}"


def _months_between(a: tuple[int, int], b: tuple[int, int]) -> int:
    return (b[0] - a[0]) * 12 + b[1] - a[1]


def _fill_years(e: _Expr, y1: int | None, y2: int | None) -> tuple[int | None, int | None]:
    """Give a range's missing year from its other end: "du 28 décembre au 3 janvier 2017" starts in 2016."""
    first, last = (e.m1, e.d1 or 1), (e.m2, e.d2 or 1)
    if y1 is None and y2 is not None:
        y1 = y2 if first <= last else y2 - 1
    elif y2 is None and y1 is not None:
        y2 = y1 if last >= first else y1 + 1
    return y1, y2


def _nearest_year(m: int, d: int | None, published: date, qualifier: str | None,
                  weekday: int | None = None) -> int | None:
    """The year putting (month, day) nearest the publication date, or the one a qualifier points to.

    A named weekday ("le lundi 3 juin") picks, among the previous, current and next year, the one where the day
    falls on that weekday, when there is one.
    """
    if qualifier == "this_year":
        return published.year
    if qualifier == "last_year":
        return published.year - 1
    if qualifier == "next_year":
        return published.year + 1
    options = []
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            when = date(y, m, d or 1)
        except ValueError:  # 29 February
            continue
        if d is None:  # compare months, not days
            gap = _months_between((published.year, published.month), (y, m))
        else:
            gap = (when - published).days
        if qualifier == "past" and gap >= 0 or qualifier == "next" and gap <= 0:
            continue
        mismatch = weekday is not None and when.weekday() != weekday
        options.append((mismatch, abs(gap), -y, y))  # on a tie, the earlier year (releases mostly report the past)
    return min(options)[3] if options else None


def _resolve_relative(e: _Expr, published: date | None) -> tuple[str | None, str | None, str | None, bool]:
    if published is None:
        return None, None, None, True
    if e.rel_unit == "day":
        day = published + timedelta(days=e.rel_offset)
        return day.isoformat(), day.isoformat(), "published", True
    if e.rel_unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=e.rel_offset)
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "published", True
    if e.rel_unit == "month":
        index = published.year * 12 + published.month - 1 + e.rel_offset
        iso = f"{index // 12:04d}-{index % 12 + 1:02d}"
        return iso, iso, "published", True
    # weekday: "lundi dernier" is strictly before the publication day, "lundi prochain" strictly after, a bare
    # "lundi" the latest one on or before it
    back = (published.weekday() - e.weekday) % 7
    if e.weekday_mode == "past" and back == 0:
        back = 7
    if e.weekday_mode == "next":
        ahead = (e.weekday - published.weekday()) % 7 or 7
        day = published + timedelta(days=ahead)
    else:
        day = published - timedelta(days=back)
    return day.isoformat(), day.isoformat(), "published", True


def _resolve(e: _Expr, sentence_year: int | None, published: date | None):
    """(start, end, year_source, relative) of an expression, or None when it is not a usable date."""
    if e.rel_unit is not None:
        return _resolve_relative(e, published)
    if not _valid(e):
        return None
    month_only = e.d1 is None
    if e.y1 is not None or e.y2 is not None:
        y1, y2 = _fill_years(e, e.y1, e.y2)
        source = "expression"
    elif e.qualifier is not None:
        if published is None:
            if month_only:
                return None, None, None, True
            return _iso(None, e.m1, e.d1), _iso(None, e.m2, e.d2), None, False
        y1, y2 = _fill_years(e, _nearest_year(e.m1, e.d1, published, e.qualifier), None)
        source = "published"
    elif sentence_year is not None:
        y1, y2 = _fill_years(e, sentence_year, None)
        source = "sentence"
    elif published is not None and not month_only:
        y1, y2 = _fill_years(e, _nearest_year(e.m1, e.d1, published, None, e.named_weekday), None)
        source = "published"
    elif month_only:
        return None  # "en août": month precision needs a year
    else:
        return _iso(None, e.m1, e.d1), _iso(None, e.m2, e.d2), None, False
    if y1 is None or y2 is None or not _valid(_with_years(e, y1, y2)):
        return None
    return _iso(y1, e.m1, e.d1), _iso(y2, e.m2, e.d2), source, month_only and source == "published"


def _with_years(e: _Expr, y1: int, y2: int) -> _Expr:
    return _Expr(e.begin, e.stop, e.m1, e.d1, y1, e.m2, e.d2, y2, e.qualifier)


@lru_cache(maxsize=1)
def load_grammar() -> DateGrammar:
    """The grammar built from ``models/dates/`` (built on first use, then cached)."""
    return DateGrammar(
        months=load_json("dates/months.json"),
        weekdays=load_json("dates/weekdays.json"),
        day_words=load_json("dates/day_words.json"),
        relative=load_json("dates/relative.json"),
        prefixes=load_json("dates/prefixes.json"),
    )


def parse_published(value: str | date | None) -> date | None:
    """A publication date from an ISO string ("2017-01-05", or a datetime string whose date part is used)."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError as err:
        raise ValueError(f"[E401] publication date {value!r} is not an ISO date (YYYY-MM-DD)") from err


def find_dates(text: str, published: date | str | None = None, *, grammar: DateGrammar | None = None) -> list[DateMatch]:
    """Find the date expressions of a French text and normalise them.

    ``published`` (a ``date`` or ISO string) resolves missing years and relative expressions; without it, days
    without a year are month-day values ("--03-24") and relative expressions have ``start = end = None``.
    Returns the matches in text order, one per expression (one per day for a list of days).
    """
    return (grammar or load_grammar()).find(text, parse_published(published))
