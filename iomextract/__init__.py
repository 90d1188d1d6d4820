"""iomextract: typed records from French-language press releases of the IOM (OIM) and other humanitarian bodies.

>>> import iomextract
>>> release = iomextract.parse(text)          # doctest: +SKIP
>>> release.to_dict()["organisations"]        # doctest: +SKIP
"""
from __future__ import annotations

from .api import parse, parse_many
from .evaluate import evaluate
from .frames import to_frames
from .pipeline import load
from .types import (
    Contact,
    Dateline,
    Email,
    EventDate,
    Funder,
    Location,
    Mention,
    Organisation,
    PartialDate,
    Phone,
    Release,
    Settings,
    json_schema,
)

__all__ = [
    "parse",
    "parse_many",
    "load",
    "evaluate",
    "to_frames",
    "json_schema",
    "Release",
    "Organisation",
    "Location",
    "EventDate",
    "PartialDate",
    "Funder",
    "Phone",
    "Email",
    "Contact",
    "Dateline",
    "Mention",
    "Settings",
]
