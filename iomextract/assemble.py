"""Turn an annotated Doc and its prepared page into a ``Release``.

Components leave one span per mention in ``doc.spans`` with a value in a Span extension (see
``components/extensions.py``); here mentions that share an id become one record, and every offset in the clean text
is mapped back to the original input through the page-preparation offset map. Nothing here knows file formats.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Callable

from spacy.tokens import Doc, Span

from .components.extensions import SPAN_KEYS
from .prepare import Prepared
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
)

_SPACES = re.compile(r"\s+")


def collapse(text: str) -> str:
    """One space wherever the text has a run of whitespace (line breaks inside names), trimmed."""
    return _SPACES.sub(" ", text).strip()


class _Mapper:
    """Clean-text offsets -> mentions of the original string."""

    def __init__(self, prepared: Prepared) -> None:
        self.prepared = prepared

    def mention(self, start: int, end: int) -> Mention:
        ostart, oend = self.prepared.to_original(start, end)
        return Mention(self.prepared.original[ostart:oend], ostart, oend)

    def mentions(self, spans: Iterable[Span], attr: str | None = None) -> tuple[Mention, ...]:
        """The spans' mentions, each once; with ``attr``, exact offsets carried in the span's value win."""
        seen: dict[tuple[int, int], Mention] = {}
        for span in spans:
            value = span._.get(attr) if attr else None
            start, end = span.start_char, span.end_char
            if value and value.get("char_start") is not None:
                start, end = value["char_start"], value["char_end"]
            m = self.mention(start, end)
            seen.setdefault((m.start, m.end), m)
        return tuple(sorted(seen.values(), key=lambda m: (m.start, m.end)))


def _group(spans: Iterable[Span], key: Callable[[Span], Any]) -> dict[Any, list[Span]]:
    """Spans grouped by ``key``, groups in order of first mention."""
    groups: dict[Any, list[Span]] = {}
    for span in sorted(spans, key=lambda s: (s.start_char, s.end_char)):
        k = key(span)
        if k is not None:
            groups.setdefault(k, []).append(span)
    return groups


def _aliases(texts: Iterable[str], *exclude: str | None) -> tuple[str, ...]:
    """Distinct surface forms, in order, without the ones given in ``exclude``."""
    out: dict[str, None] = {}
    skip = {e for e in exclude if e}
    for t in texts:
        if t and t not in skip:
            out.setdefault(t, None)
    return tuple(out)


def _spans(doc: Doc, field: str) -> list[Span]:
    key = SPAN_KEYS[field]
    return list(doc.spans[key]) if key in doc.spans else []


def _organisations(doc: Doc, mapper: _Mapper) -> tuple[dict[str, Organisation], tuple[Organisation, ...]]:
    by_id: dict[str, Organisation] = {}
    for oid, spans in _group(_spans(doc, "organisations"), lambda s: (s._.iom_org or {}).get("id")).items():
        values = [s._.iom_org for s in spans]
        texts = [collapse(s.text) for s in spans]
        name = next((v["name"] for v in values if v.get("name")), None) or max(texts, key=len)
        acronym = next((v["acronym"] for v in values if v.get("acronym")), None)
        by_id[oid] = Organisation(
            name=name, acronym=acronym, aliases=_aliases(texts, name, acronym), mentions=mapper.mentions(spans)
        )
    return by_id, tuple(by_id.values())


def _locations(doc: Doc, mapper: _Mapper) -> tuple[dict[str, Location], tuple[Location, ...]]:
    by_id: dict[str, Location] = {}
    for lid, spans in _group(_spans(doc, "locations"), lambda s: (s._.iom_loc or {}).get("id")).items():
        first = spans[0]._.iom_loc
        texts = [collapse(s.text) for s in spans]
        name = texts[0]
        by_id[lid] = Location(
            name=name,
            country=first.get("country"),
            kind=first.get("kind"),
            geonameid=first.get("geonameid"),
            aliases=_aliases(texts, name),
            mentions=mapper.mentions(spans),
        )
    return by_id, tuple(by_id.values())


def _partial(iso: str | None) -> PartialDate | None:
    return PartialDate.fromisoformat(iso) if iso else None


def _event_dates(doc: Doc, mapper: _Mapper) -> tuple[tuple[EventDate, ...], tuple[EventDate, ...]]:
    """Calendar dates, and relative expressions ("hier", "lundi dernier"), each merged by value."""
    def key(span: Span) -> Any:
        value = span._.iom_date or {}
        if value.get("start"):
            return (value["start"], value.get("end") or value["start"])
        return ("relative", collapse(span.text).lower())

    calendar, relative = [], []
    for spans in _group(_spans(doc, "event_dates"), key).values():
        value = spans[0]._.iom_date or {}
        start = _partial(value.get("start"))
        (relative if value.get("relative") else calendar).append(
            EventDate(
                text=collapse(spans[0].text),
                start=start,
                end=_partial(value.get("end")) or start,
                year_source=value.get("year_source"),
                relative=bool(value.get("relative")),
                mentions=mapper.mentions(spans),
            )
        )
    return tuple(calendar), tuple(relative)


def _funders(
    doc: Doc, mapper: _Mapper, orgs: dict[str, Organisation], locs: dict[str, Location]
) -> tuple[Funder, ...]:
    out = []
    for spans in _group(_spans(doc, "funders"), lambda s: (s._.iom_funder or {}).get("id")).values():
        values = [s._.iom_funder for s in spans]
        texts = [collapse(s.text) for s in spans]
        name = next((v["name"] for v in values if v.get("name")), None) or max(texts, key=len)
        acronym = next((v["acronym"] for v in values if v.get("acronym")), None)
        org = next((orgs[v["org_id"]] for v in values if v.get("org_id") in orgs), None)
        loc = next((locs[v["loc_id"]] for v in values if v.get("loc_id") in locs), None)
        best = max(values, key=lambda v: v.get("confidence") or 0.0)
        if acronym is None and org is not None:
            acronym = org.acronym
        out.append(
            Funder(
                name=name,
                acronym=acronym,
                aliases=_aliases(texts, name, acronym),
                organisation=org.name if org else None,
                country=loc.country if loc else None,
                evidence=best.get("evidence"),
                confidence=best.get("confidence"),
                mentions=mapper.mentions(spans),
            )
        )
    return tuple(out)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _phones(doc: Doc, mapper: _Mapper) -> tuple[tuple[Phone, ...], dict[tuple[int, int], str]]:
    """Phone records, and for each phone span's offsets the value a contact lists (E.164, else raw)."""
    records, by_offsets = [], {}
    groups = _group(_spans(doc, "phones"),
                    lambda s: (s._.iom_phone or {}).get("e164") or _digits((s._.iom_phone or {}).get("raw") or s.text))
    for spans in groups.values():
        value = spans[0]._.iom_phone or {}
        raw = collapse(value.get("raw") or spans[0].text)
        records.append(Phone(raw=raw, e164=value.get("e164"), kind=value.get("kind") or "phone",
                             mentions=mapper.mentions(spans, "iom_phone")))
        for s in spans:
            by_offsets[(s.start_char, s.end_char)] = value.get("e164") or raw
    return tuple(records), by_offsets


def _emails(doc: Doc, mapper: _Mapper) -> tuple[tuple[Email, ...], dict[tuple[int, int], str]]:
    records, by_offsets = [], {}
    groups = _group(_spans(doc, "emails"), lambda s: (s._.iom_email or {}).get("address"))
    for address, spans in groups.items():
        records.append(Email(address=address, mentions=mapper.mentions(spans, "iom_email")))
        for s in spans:
            by_offsets[(s.start_char, s.end_char)] = address
    return tuple(records), by_offsets


def _contacts(
    doc: Doc, mapper: _Mapper, phones: dict[tuple[int, int], str], emails: dict[tuple[int, int], str]
) -> tuple[Contact, ...]:
    out = []
    for name, spans in _group(_spans(doc, "contacts"), lambda s: collapse(s.text)).items():
        person_phones: dict[str, None] = {}
        person_emails: dict[str, None] = {}
        for s in spans:
            value = s._.iom_contact or {}
            for start, end in value.get("phones", ()):
                if (start, end) in phones:
                    person_phones.setdefault(phones[(start, end)], None)
            for start, end in value.get("emails", ()):
                if (start, end) in emails:
                    person_emails.setdefault(emails[(start, end)], None)
        out.append(Contact(name=name, phones=tuple(person_phones), emails=tuple(person_emails),
                           mentions=mapper.mentions(spans)))
    return tuple(out)


def _dateline(prepared: Prepared, mapper: _Mapper) -> Dateline | None:
    dl = prepared.dateline
    if dl is None:
        return None
    text = prepared.text
    return Dateline(
        text=collapse(text[dl.start:dl.end]),
        places=tuple(collapse(text[a:b]) for a, b in dl.places),
        date=dl.date,
        mentions=(mapper.mention(dl.start, dl.end),),
    )


def assemble(doc: Doc, prepared: Prepared, settings: Settings) -> Release:
    """The ``Release`` for ``doc``, the annotated clean text of ``prepared``."""
    mapper = _Mapper(prepared)
    orgs_by_id, organisations = _organisations(doc, mapper)
    locs_by_id, locations = _locations(doc, mapper)
    phones, phone_values = _phones(doc, mapper)
    emails, email_values = _emails(doc, mapper)
    event_dates, relative_dates = _event_dates(doc, mapper)
    title = title_mention = None
    body_start = 0
    if prepared.title is not None:
        start, end = prepared.title
        title = collapse(prepared.text[start:end])
        title_mention = mapper.mention(start, end)
        body_start = end
    return Release(
        title=title,
        dateline=_dateline(prepared, mapper),
        body=prepared.text[body_start:].strip(),
        organisations=organisations,
        locations=locations,
        event_dates=event_dates,
        relative_dates=relative_dates,
        funders=_funders(doc, mapper, orgs_by_id, locs_by_id),
        phones=phones,
        emails=emails,
        contacts=_contacts(doc, mapper, phone_values, email_values),
        warnings=tuple(dict.fromkeys(prepared.warnings)),
        settings=settings,
        title_mention=title_mention,
    )
