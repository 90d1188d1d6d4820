"""Calendar dates as pages write them in datelines and date lines ("le 5 juillet 2017", "17 décembre 2019",
"6 NOVEMBRE 2006", "06.04.2009", "25/06/2010", "2019-10"), to ISO strings."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..resources import load_json


class DateMatch(NamedTuple):
    start: int
    end: int
    iso: str


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, int], tuple[str, ...]]:
    data = load_json("prepare/dateline.json")
    return {k.lower(): v for k, v in data["months"].items()}, tuple(data["weekdays"])


@lru_cache(maxsize=1)
def date_pattern() -> re.Pattern[str]:
    """One bounded pattern for the written date forms (month names from ``models/prepare/dateline.json``)."""
    months, weekdays = _vocabulary()
    month = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    weekday = "|".join(re.escape(w) for w in weekdays)
    return re.compile(
        rf"(?:(?:{weekday})\s{{1,3}})?(?:le\s{{1,3}})?"
        rf"(?P<day>[0-3]?\d)(?:er|ᵉʳ)?\s{{1,3}}(?P<month>{month})\.?(?:\s{{1,3}}(?P<year>(?:19|20)\d\d))?(?!\w)"
        rf"|(?P<nday>[0-3]?\d)[./](?P<nmonth>[01]?\d)[./](?P<nyear>(?:19|20)\d\d)(?!\d)"
        rf"|(?<!\d)(?P<iyear>(?:19|20)\d\d)-(?P<imonth>[01]\d)(?:-(?P<iday>[0-3]\d))?(?![\d-])"
        rf"|(?P<mmonth>{month})\s{{1,3}}(?P<myear>(?:19|20)\d\d)(?!\d)",
        re.IGNORECASE,
    )


def _iso(year: str | None, month: int, day: int | None) -> str | None:
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    if day is None:
        return f"{year}-{month:02d}" if year else None
    return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def to_iso(match: re.Match[str]) -> str | None:
    """ISO form of one match of :func:`date_pattern` ("2017-07-05", "--07-05" without year, "2019-10")."""
    months, _ = _vocabulary()
    if match.group("day"):
        return _iso(match.group("year"), months[match.group("month").lower()], int(match.group("day")))
    if match.group("nday"):
        return _iso(match.group("nyear"), int(match.group("nmonth")), int(match.group("nday")))
    if match.group("iyear"):
        day = match.group("iday")
        return _iso(match.group("iyear"), int(match.group("imonth")), int(day) if day else None)
    return _iso(match.group("myear"), months[match.group("mmonth").lower()], None)


def find_dates(text: str) -> list[DateMatch]:
    """Every date of ``text`` with its span."""
    out = []
    for match in date_pattern().finditer(text):
        iso = to_iso(match)
        if iso:
            out.append(DateMatch(match.start(), match.end(), iso))
    return out


def date_at(text: str, pos: int) -> DateMatch | None:
    """The date starting exactly at ``pos``, if any."""
    match = date_pattern().match(text, pos)
    if match is None:
        return None
    iso = to_iso(match)
    return DateMatch(match.start(), match.end(), iso) if iso else None
