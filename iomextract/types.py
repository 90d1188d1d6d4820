"""Typed results: every value keeps its normalised form and where in the original text it came from.

All classes are frozen, slotted dataclasses holding tuples, so a ``Release`` is immutable and hashable-free of
surprises. ``Release.to_dict()`` gives the JSON-ready record (lists instead of tuples) and ``Release.from_dict()``
reads it back to an equal object. Offsets (``start``, ``end``) index the ORIGINAL input string:
``original[m.start:m.end] == m.text`` for every mention.
"""
from __future__ import annotations

import dataclasses
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, ClassVar, Optional, Union

__all__ = [
    "Mention",
    "PartialDate",
    "Organisation",
    "Location",
    "EventDate",
    "Funder",
    "Phone",
    "Email",
    "Contact",
    "Dateline",
    "Settings",
    "Release",
    "json_schema",
]


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a value in the original text: ``original[start:end] == text``."""

    text: str
    start: int
    end: int


_ISO_DATE = re.compile(r"^(?:(?P<year>\d{4})|-)(?:-(?P<month>\d\d)(?:-(?P<day>\d\d))?)?$")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date whose year, month or day may be unknown.

    Serialised as ISO 8601: ``"2016-03-17"`` (full), ``"--03-24"`` (month and day, no year), ``"2016-03"`` (month of a
    year), ``"2016"`` (a year).
    """

    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None

    def __post_init__(self) -> None:
        if self.year is None and self.month is None:
            raise ValueError("[E101] a PartialDate needs at least a year or a month")
        if self.day is not None and self.month is None:
            raise ValueError("[E102] a PartialDate with a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"[E103] month must be 1..12, got {self.month}")
        if self.day is not None and not 1 <= self.day <= 31:
            raise ValueError(f"[E104] day must be 1..31, got {self.day}")

    def isoformat(self) -> str:
        """The ISO 8601 form ("2016-03-17", "--03-24", "2016-03", "2016")."""
        head = f"{self.year:04d}" if self.year is not None else "-"
        if self.month is None:
            return head
        out = f"{head}-{self.month:02d}"
        return out if self.day is None else f"{out}-{self.day:02d}"

    @classmethod
    def fromisoformat(cls, value: str) -> "PartialDate":
        """Read one of the ISO forms written by :meth:`isoformat`."""
        m = _ISO_DATE.match(value or "")
        if not m or (m.group("year") is None and m.group("month") is None):
            raise ValueError(f"[E105] not an ISO (partial) date: {value!r}; expected e.g. 2016-03-17, --03-24, 2016-03")
        to_int = lambda g: int(g) if g is not None else None  # noqa: E731
        return cls(to_int(m.group("year")), to_int(m.group("month")), to_int(m.group("day")))

    def __str__(self) -> str:
        return self.isoformat()


@dataclass(frozen=True, slots=True)
class Organisation:
    """One organisation, however many ways the text writes it."""

    name: str
    acronym: Optional[str] = None
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Location:
    """One place; ``country`` is the ISO 3166-1 alpha-2 code of the country it is or lies in (None: several)."""

    name: str
    country: Optional[str] = None
    kind: Optional[str] = None
    geonameid: Optional[int] = None
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class EventDate:
    """When something happens: a day, a month of a year, or a range of them (``end == start`` for one day).

    ``start`` is None for a relative expression ("lundi dernier") that no publication date could anchor; then
    ``relative`` is True. ``year_source`` says where the year came from: "expression", "sentence", "published" or
    None (no year known).
    """

    text: str
    start: Optional[PartialDate] = None
    end: Optional[PartialDate] = None
    year_source: Optional[str] = None
    relative: bool = False
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Funder:
    """Who finances the work, linked to its ``Organisation`` record (by name) or its country (ISO code)."""

    name: str
    acronym: Optional[str] = None
    aliases: tuple[str, ...] = ()
    organisation: Optional[str] = None
    country: Optional[str] = None
    evidence: Optional[str] = None
    confidence: Optional[float] = None
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Phone:
    """A phone number: ``raw`` as written, ``e164`` where the country is known, ``kind`` phone, mobile or fax."""

    raw: str
    e164: Optional[str] = None
    kind: str = "phone"
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Email:
    """An e-mail address, lower-cased, once however often it is written."""

    address: str
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Contact:
    """A person (or named press service) given as a contact, with their own phones (E.164 or raw) and e-mails."""

    name: str
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Dateline:
    """The dateline opening the body ("Genève/Port-au-Prince – ", "Maroua – Le 03 avril 2024,")."""

    text: str
    places: tuple[str, ...] = ()
    date: Optional[str] = None
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Settings:
    """What a record was made with, so a stored record says how to reproduce it."""

    iomextract_version: str
    model: str
    model_version: str
    published: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Release:
    """Everything extracted from one press release. Empty fields are empty tuples, never None.

    ``event_dates`` hold the dates the text writes as calendar dates ("le 3 juin", "du 24 au 26 mars", "hier, 28
    juillet"); ``relative_dates`` hold expressions that only a publication date can place ("hier", "lundi dernier",
    "la semaine dernière"): resolved when one is known, else kept with ``start`` None.
    """

    title: Optional[str] = None
    dateline: Optional[Dateline] = None
    body: str = ""
    organisations: tuple[Organisation, ...] = ()
    locations: tuple[Location, ...] = ()
    event_dates: tuple[EventDate, ...] = ()
    relative_dates: tuple[EventDate, ...] = ()
    funders: tuple[Funder, ...] = ()
    phones: tuple[Phone, ...] = ()
    emails: tuple[Email, ...] = ()
    contacts: tuple[Contact, ...] = ()
    warnings: tuple[str, ...] = ()
    settings: Optional[Settings] = None
    title_mention: Optional[Mention] = None

    FIELDS: ClassVar[tuple[str, ...]] = (
        "organisations", "locations", "event_dates", "funders", "phones", "emails", "contacts",
    )

    def all_mentions(self) -> tuple[Mention, ...]:
        """Every mention the record holds: each item of each field (relative dates too), the dateline, the title.

        Each satisfies ``original[m.start:m.end] == m.text`` for the input the release was parsed from.
        """
        out: list[Mention] = []
        for name in self.FIELDS + ("relative_dates",):
            for item in getattr(self, name):
                out.extend(item.mentions)
        if self.dateline is not None:
            out.extend(self.dateline.mentions)
        if self.title_mention is not None:
            out.append(self.title_mention)
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready record (dates as ISO strings, tuples as lists)."""
        return _to_json(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Release":
        """Read a record made by :meth:`to_dict` back into an equal ``Release``."""
        if not isinstance(data, dict):
            raise TypeError(f"[E106] Release.from_dict expects a dict, got {type(data).__name__}")
        return _from_json(cls, data)

    def _repr_html_(self) -> str:
        """Jupyter's rich display: the text with mentions highlighted, then tables (:mod:`iomextract.display`)."""
        from .display import render_html

        return render_html(self)

    def to_frame(self) -> Any:
        """A pandas DataFrame with one row per record (needs the ``pandas`` extra; :mod:`iomextract.frames`)."""
        from .frames import release_frame

        return release_frame(self)


# ------------------------------------------------------------------ (de)serialisation driven by the type hints
def _to_json(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return {f.name: _to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_to_json(v) for v in value]
    return value


@typing.no_type_check
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _from_json(tp: Any, data: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return None if data is None else _from_json(args[0], data)
    if origin is tuple:
        (item,) = typing.get_args(tp)[:1]
        return tuple(_from_json(item, v) for v in data or ())
    if tp is PartialDate:
        return PartialDate.fromisoformat(data)
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        known = {f.name for f in dataclasses.fields(tp) if f.init}
        return tp(**{k: _from_json(hints[k], v) for k, v in data.items() if k in known})
    if tp is float and isinstance(data, int):
        return float(data)
    return data


def _schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return {"anyOf": [_schema(args[0], defs), {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _schema(typing.get_args(tp)[0], defs)}
    if tp is PartialDate:
        return {"type": "string", "pattern": _ISO_DATE.pattern,
                "description": "ISO 8601 date, possibly partial: 2016-03-17, --03-24, 2016-03"}
    if dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = _hints(tp)
            props = {f.name: _schema(hints[f.name], defs) for f in dataclasses.fields(tp)}
            required = [f.name for f in dataclasses.fields(tp)
                        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
            defs[name] = {"type": "object", "description": (tp.__doc__ or "").strip().splitlines()[0],
                          "properties": props, "required": required, "additionalProperties": False}
        return {"$ref": f"#/$defs/{name}"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if tp in simple:
        return {"type": simple[tp]}
    raise TypeError(f"no JSON Schema mapping for {tp!r}")  # a programming error: a new field type needs a mapping


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``Release.to_dict()``, generated from these dataclasses."""
    defs: dict[str, Any] = {}
    root = _schema(Release, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "iomextract Release",
        **defs[root["$ref"].rsplit("/", 1)[1]],
        "$defs": {k: v for k, v in sorted(defs.items()) if k != "Release"},
    }


del field
