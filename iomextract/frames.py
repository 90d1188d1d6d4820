"""pandas export: tidy tables of many releases, one row per record, ready for ``groupby``.

pandas is an optional extra (``pip install "iomextract[pandas]"``): it is imported when a function here is called,
never when ``iomextract`` is imported.

``to_frames(releases)`` returns a :class:`Frames` holding one DataFrame per kind of record (``releases``,
``organisations``, ``locations``, ``event_dates``, ``funders``, ``phones``, ``emails``, ``contacts``, ``mentions``).
Every table starts with ``release_id`` (the mapping key, the ``ids`` given, or the position) and ``item`` (the
record's position in its field), so tables join on ``(release_id, item)`` and a funder's ``organisation`` joins the
``organisations`` table on ``(release_id, name)``. Dates keep their ISO strings (``start``, ``end``, which may be
partial: "--03-24", "2016-03") next to ``start_date``/``end_date`` (pandas timestamps, day precision only, else NaT)
and a ``precision`` column. Multi-valued cells (aliases, a contact's phones) are tuples.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Optional

from .types import PartialDate, Release

if TYPE_CHECKING:  # pandas is optional: only for the annotations
    import pandas as pd

__all__ = ["Frames", "to_frames", "release_frame", "COLUMNS"]

COLUMNS: dict[str, tuple[str, ...]] = {
    "releases": ("release_id", "title", "dateline", "dateline_places", "dateline_date", "published",
                 "organisations", "locations", "event_dates", "relative_dates", "funders", "phones", "emails",
                 "contacts", "warnings", "body_chars"),
    "organisations": ("release_id", "item", "name", "acronym", "aliases", "mentions", "first_offset"),
    "locations": ("release_id", "item", "name", "country", "kind", "geonameid", "aliases", "mentions",
                  "first_offset"),
    "event_dates": ("release_id", "item", "text", "start", "end", "start_date", "end_date", "precision",
                    "year_source", "relative", "mentions", "first_offset"),
    "funders": ("release_id", "item", "name", "acronym", "aliases", "organisation", "country", "evidence",
                "confidence", "mentions", "first_offset"),
    "phones": ("release_id", "item", "raw", "e164", "kind", "contact", "mentions", "first_offset"),
    "emails": ("release_id", "item", "address", "contact", "mentions", "first_offset"),
    "contacts": ("release_id", "item", "name", "phones", "emails", "mentions", "first_offset"),
    "mentions": ("release_id", "field", "item", "value", "text", "start", "end"),
}

_RECORD_COLUMNS = ("field", "item", "value", "acronym", "country", "kind", "start", "end", "organisation",
                   "evidence", "confidence", "phones", "emails", "aliases", "mentions", "first_offset")


def _pandas():
    try:
        import pandas
    except ImportError as err:  # the optional extra is missing: say how to get it
        raise ImportError(
            "[E070] iomextract's DataFrame export needs pandas: pip install \"iomextract[pandas]\""
        ) from err
    return pandas


@dataclasses.dataclass(frozen=True)
class Frames:
    """One DataFrame per kind of record, each row carrying its ``release_id``."""

    releases: "pd.DataFrame"
    organisations: "pd.DataFrame"
    locations: "pd.DataFrame"
    event_dates: "pd.DataFrame"
    funders: "pd.DataFrame"
    phones: "pd.DataFrame"
    emails: "pd.DataFrame"
    contacts: "pd.DataFrame"
    mentions: "pd.DataFrame"

    def as_dict(self) -> dict[str, "pd.DataFrame"]:
        """The tables by name, in a fixed order (e.g. to write each one to a CSV file)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


def precision(date: Optional[PartialDate]) -> Optional[str]:
    """How precise a date is: "day", "month", "year", "month-day" (no year), or None."""
    if date is None:
        return None
    if date.year is None:
        return "month-day"
    return "day" if date.day is not None else ("month" if date.month is not None else "year")


def _timestamp(date: Optional[PartialDate]) -> Any:
    pd = _pandas()
    if date is None or precision(date) != "day":
        return pd.NaT
    try:
        return pd.Timestamp(year=date.year, month=date.month, day=date.day)
    except ValueError:  # 31 February and the like: a date the text wrote that the calendar refuses
        return pd.NaT


def _first(mentions) -> Optional[int]:
    return mentions[0].start if mentions else None


def _iso(date: Optional[PartialDate]) -> Optional[str]:
    return None if date is None else date.isoformat()


def _owners(release: Release) -> tuple[dict[str, str], dict[str, str]]:
    """The contact listing each phone (by E.164 or raw) and each e-mail, first contact first."""
    phones: dict[str, str] = {}
    emails: dict[str, str] = {}
    for c in release.contacts:
        for p in c.phones:
            phones.setdefault(p, c.name)
        for e in c.emails:
            emails.setdefault(e, c.name)
    return phones, emails


def _rows(rid: Any, r: Release) -> dict[str, list[tuple]]:
    phone_owner, email_owner = _owners(r)
    dates = r.event_dates + r.relative_dates
    rows: dict[str, list[tuple]] = {
        "releases": [(
            rid, r.title, r.dateline.text if r.dateline else None, r.dateline.places if r.dateline else (),
            r.dateline.date if r.dateline else None, r.settings.published if r.settings else None,
            len(r.organisations), len(r.locations), len(r.event_dates), len(r.relative_dates), len(r.funders),
            len(r.phones), len(r.emails), len(r.contacts), r.warnings, len(r.body),
        )],
        "organisations": [(rid, i, o.name, o.acronym, o.aliases, len(o.mentions), _first(o.mentions))
                          for i, o in enumerate(r.organisations)],
        "locations": [(rid, i, x.name, x.country, x.kind, x.geonameid, x.aliases, len(x.mentions), _first(x.mentions))
                      for i, x in enumerate(r.locations)],
        "event_dates": [(rid, i, d.text, _iso(d.start), _iso(d.end), _timestamp(d.start), _timestamp(d.end),
                         precision(d.start), d.year_source, d.relative, len(d.mentions), _first(d.mentions))
                        for i, d in enumerate(dates)],
        "funders": [(rid, i, f.name, f.acronym, f.aliases, f.organisation, f.country, f.evidence, f.confidence,
                     len(f.mentions), _first(f.mentions)) for i, f in enumerate(r.funders)],
        "phones": [(rid, i, p.raw, p.e164, p.kind, phone_owner.get(p.e164 or p.raw), len(p.mentions),
                    _first(p.mentions)) for i, p in enumerate(r.phones)],
        "emails": [(rid, i, e.address, email_owner.get(e.address), len(e.mentions), _first(e.mentions))
                   for i, e in enumerate(r.emails)],
        "contacts": [(rid, i, c.name, c.phones, c.emails, len(c.mentions), _first(c.mentions))
                     for i, c in enumerate(r.contacts)],
    }
    mentions = []
    for field, records, value in (
        ("organisations", r.organisations, lambda o: o.name),
        ("locations", r.locations, lambda x: x.name),
        ("event_dates", dates, lambda d: _iso(d.start) or d.text),
        ("funders", r.funders, lambda f: f.name),
        ("phones", r.phones, lambda p: p.e164 or p.raw),
        ("emails", r.emails, lambda e: e.address),
        ("contacts", r.contacts, lambda c: c.name),
    ):
        for i, record in enumerate(records):
            mentions += [(rid, field, i, value(record), m.text, m.start, m.end) for m in record.mentions]
    rows["mentions"] = mentions
    return rows


def _frame(name: str, rows: list[tuple]) -> "pd.DataFrame":
    pd = _pandas()
    frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS[name]))
    for col in ("start_date", "end_date"):
        if col in frame.columns:
            frame[col] = pd.to_datetime(frame[col])
    return frame


def to_frames(releases: Iterable[Release] | Mapping[Any, Release], ids: Iterable[Any] | None = None) -> Frames:
    """Tidy DataFrames of many releases (see the module docstring for the tables and their columns).

    ``releases`` is an iterable of ``Release`` (a generator such as ``parse_many(...)`` works; it is read once) or a
    mapping from an id to a ``Release``. The ``release_id`` column holds the mapping's keys, else the ``ids`` given
    (one per release), else the position 0, 1, 2...
    """
    if isinstance(releases, Mapping):
        if ids is not None:
            raise ValueError("[E071] to_frames: give ids or a mapping of id -> Release, not both")
        pairs: Iterable[tuple[Any, Any]] = releases.items()
    elif ids is not None:
        pairs = _strict_zip(ids, releases)
    else:
        pairs = enumerate(releases)
    tables: dict[str, list[tuple]] = {name: [] for name in COLUMNS}
    for rid, release in pairs:
        if not isinstance(release, Release):
            raise TypeError(f"[E072] to_frames expects Release objects, got {type(release).__name__} for {rid!r}")
        for name, rows in _rows(rid, release).items():
            tables[name].extend(rows)
    return Frames(**{name: _frame(name, rows) for name, rows in tables.items()})


def _strict_zip(ids: Iterable[Any], releases: Iterable[Release]) -> Iterable[tuple[Any, Release]]:
    ids_it, rel_it = iter(ids), iter(releases)
    for release in rel_it:
        try:
            rid = next(ids_it)
        except StopIteration:
            raise ValueError("[E073] to_frames: fewer ids than releases") from None
        yield rid, release
    if next(ids_it, _END) is not _END:
        raise ValueError("[E073] to_frames: more ids than releases")


_END = object()


def release_frame(release: Release) -> "pd.DataFrame":
    """One DataFrame for one release: a row per record of every field, in the order of ``Release.FIELDS``.

    Columns: ``field``, ``item`` (position in the field), ``value`` (name, date expression, E.164 number or address),
    then the attributes a field has (``acronym``, ``country``, ``kind``, ``start``, ``end``, ``organisation``,
    ``evidence``, ``confidence``, ``phones``, ``emails``, ``aliases``; None where a field has no such attribute),
    ``mentions`` (how many times the text writes it) and ``first_offset``.
    """
    if not isinstance(release, Release):
        raise TypeError(f"[E072] release_frame expects a Release, got {type(release).__name__}")
    r = release
    rows: list[tuple] = []

    def row(field, i, value, mentions, **attrs):
        rows.append((field, i, value, *(attrs.get(c) for c in _RECORD_COLUMNS[3:-2]), len(mentions),
                     _first(mentions)))

    for i, o in enumerate(r.organisations):
        row("organisations", i, o.name, o.mentions, acronym=o.acronym, aliases=o.aliases)
    for i, x in enumerate(r.locations):
        row("locations", i, x.name, x.mentions, country=x.country, kind=x.kind, aliases=x.aliases)
    for i, d in enumerate(r.event_dates + r.relative_dates):
        row("event_dates", i, d.text, d.mentions, start=_iso(d.start), end=_iso(d.end),
            kind="relative" if d.relative else precision(d.start))
    for i, f in enumerate(r.funders):
        row("funders", i, f.name, f.mentions, acronym=f.acronym, country=f.country, organisation=f.organisation,
            evidence=f.evidence, confidence=f.confidence, aliases=f.aliases)
    for i, p in enumerate(r.phones):
        row("phones", i, p.e164 or p.raw, p.mentions, kind=p.kind)
    for i, e in enumerate(r.emails):
        row("emails", i, e.address, e.mentions)
    for i, c in enumerate(r.contacts):
        row("contacts", i, c.name, c.mentions, phones=c.phones, emails=c.emails)
    return _pandas().DataFrame.from_records(rows, columns=list(_RECORD_COLUMNS))
