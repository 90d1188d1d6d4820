"""The Doc and Span extension attributes our components share, and the span-group keys they write.

Span extensions are stored by spaCy in ``doc.user_data`` keyed by the span's offsets, so each field has its own
attribute name: an organisation span and a funder span over the same characters keep separate values. Values are
plain JSON-ready dicts, so a Doc with our annotations round-trips through ``Doc.to_bytes``.

Value shapes (keys every producer fills; ``None`` where unknown):

- ``iom_org``: ``{"id", "name", "acronym", "source"}``. ``id`` is shared by every mention of one organisation;
  ``name`` is the fullest form known (text or gazetteer); ``source`` is "gazetteer", "definition", "grammar" or "ner".
- ``iom_loc``: ``{"id", "name", "country", "kind", "geonameid"}``; ``country`` ISO 3166-1 alpha-2 or None.
- ``iom_date``: ``{"start", "end", "year_source", "relative"}``; ISO strings ("2016-03-17", "--03-24", "2016-03").
- ``iom_funder``: ``{"id", "name", "acronym", "org_id", "loc_id", "evidence", "confidence"}``.
- ``iom_phone``: ``{"e164", "kind", "raw"}`` with kind "phone", "mobile" or "fax"; ``raw`` the number as written.
- ``iom_email``: ``{"address", "raw"}``, the address lower-cased.

Any value may also carry ``"char_start"``/``"char_end"``: the exact offsets of the value in the doc text when the span
had to be widened to token boundaries (a number glued to a label, "Tel:+41…"); mentions then use those.
- ``iom_contact``: ``{"phones": [[start_char, end_char], ...], "emails": [[start_char, end_char], ...]}``, the
  offsets of the phone and e-mail spans (in ``doc.spans["iom_phones"]`` / ``["iom_emails"]``) tied to the person.

Doc-level inputs set by :mod:`iomextract.pipeline` before the components run, in ``doc.user_data``:

- ``"iom_published"``: ISO date string of the publication date, or absent.
- ``"iom_title"``: ``(start_char, end_char)`` of the title line in the doc, or absent.
- ``"iom_dateline"``: ``(start_char, end_char)`` of the dateline ("Genève/Port-au-Prince – "), or absent.
"""
from __future__ import annotations

from spacy.tokens import Span

SPAN_KEYS = {
    "organisations": "iom_organisations",
    "locations": "iom_locations",
    "event_dates": "iom_dates",
    "funders": "iom_funders",
    "phones": "iom_phones",
    "emails": "iom_emails",
    "contacts": "iom_contacts",
}

SPAN_ATTRS = ("iom_org", "iom_loc", "iom_date", "iom_funder", "iom_phone", "iom_email", "iom_contact")

PUBLISHED_KEY = "iom_published"
TITLE_KEY = "iom_title"
DATELINE_KEY = "iom_dateline"


def ensure_extensions() -> None:
    """Register our Span attributes once (called from each component's constructor, never at import)."""
    for attr in SPAN_ATTRS:
        if not Span.has_extension(attr):
            Span.set_extension(attr, default=None)
