"""HTML display of a ``Release``: its text with every mention highlighted by type, then compact tables of the records.

``render_html(release)`` is what ``Release._repr_html_`` shows in Jupyter. Mentions' offsets index the ORIGINAL input,
which a ``Release`` does not keep, so there are two ways to place them:

- ``render_html(release, original)``: exact. The original string is checked against every mention
  (``original[start:end] == text``) and shown from the title line on, as given (an HTML page is shown as its source).
- ``render_html(release)``: the title is highlighted exactly (``title_mention`` holds its original text), and each body
  mention is *located* in ``Release.body`` by :func:`locate_in_body`: mentions are taken in original order and each is
  searched, whitespace-insensitively, between the body position of the previous one and the furthest the original
  distance allows (page preparation only removes and condenses text). A mention that cannot be placed is listed under
  the text, never guessed.

Everything from the release is HTML-escaped; styles are inline (notebook viewers drop ``<style>`` blocks) and marks
carry their own dark text colour, so the display reads the same in light and dark themes.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Optional

from .types import Mention, Release

__all__ = ["KINDS", "Highlight", "highlights", "locate_in_body", "highlight_html", "render_html"]


@dataclass(frozen=True)
class Kind:
    """A type of mention as displayed: a short label and a background colour (displaCy's palette)."""

    name: str
    label: str
    colour: str


# Order matters: a mention covered by several kinds of the same length is drawn in the first kind's colour.
KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("organisation", "ORG", "#7aecec"),
        Kind("place", "LIEU", "#feca74"),
        Kind("date", "DATE", "#bfe1d9"),
        Kind("funder", "BAILLEUR", "#ff9561"),
        Kind("person", "CONTACT", "#aa9cfc"),
        Kind("phone", "TÉL", "#bfeeb7"),
        Kind("email", "E-MAIL", "#9cc9cc"),
    )
}
_RANK = {name: i for i, name in enumerate(KINDS)}

_MARK = ("background:{bg};color:#1b1b1b;padding:0.1em 0.3em;margin:0 0.1em;border-radius:0.3em;"
         "line-height:1.9;box-decoration-break:clone;-webkit-box-decoration-break:clone;{extra}")
_BADGE = ("font-size:0.65em;font-weight:bold;letter-spacing:0.02em;margin-left:0.35em;"
          "vertical-align:middle;color:#1b1b1b;opacity:0.75")
_CELL = "padding:0.15em 0.6em;text-align:left;vertical-align:top;border-bottom:1px solid rgba(127,127,127,0.3)"
_MAX_CELL = 120  # characters shown in one table cell


@dataclass(frozen=True)
class Highlight:
    """One mention to draw: its kind, its span in the original input, its surface text and a tooltip."""

    kind: str
    start: int
    end: int
    text: str
    tip: str
    forms: tuple[str, ...] = ()  # the record's clean surface forms: a fallback when ``text`` is not in the body


def _join(*parts: Optional[str], sep: str = " · ") -> str:
    return sep.join(p for p in parts if p)


def highlights(release: Release) -> list[Highlight]:
    """Every mention of the release's records as a ``Highlight``, sorted by original offsets (outer spans first)."""
    out: list[Highlight] = []

    def add(kind: str, mentions: Iterable[Mention], tip: str, *forms: Optional[str]) -> None:
        clean = tuple(f for f in forms if f)
        for m in mentions:
            out.append(Highlight(kind, m.start, m.end, m.text, tip, clean))

    for o in release.organisations:
        add("organisation", o.mentions, _join(o.name, o.acronym and f"({o.acronym})", sep=" "),
            o.name, o.acronym, *o.aliases)
    for loc in release.locations:
        add("place", loc.mentions, _join(loc.name, loc.country, loc.kind), loc.name, *loc.aliases)
    for d in release.event_dates + release.relative_dates:
        span = "" if d.start is None else (str(d.start) if d.end in (None, d.start) else f"{d.start} → {d.end}")
        add("date", d.mentions, _join(span or "relative, unresolved", d.relative and "relative"), d.text)
    for f in release.funders:
        confidence = None if f.confidence is None else f"confidence {f.confidence:.2f}"
        add("funder", f.mentions, _join(f.name, f.organisation and f"organisation: {f.organisation}",
                                        f.country and f"country: {f.country}", f.evidence and f"« {f.evidence} »",
                                        confidence), f.name, f.acronym, *f.aliases)
    for c in release.contacts:
        add("person", c.mentions, _join(c.name, *c.phones, *c.emails), c.name)
    for p in release.phones:
        add("phone", p.mentions, _join(p.e164 or p.raw, p.kind), p.raw)
    for e in release.emails:
        add("email", e.mentions, e.address, e.address)
    out.sort(key=lambda h: (h.start, -h.end, _RANK[h.kind]))
    return out


# ------------------------------------------------------------------ placing mentions in the body
_SLACK = 24  # characters the body may run ahead of the original distance (a repaired letter, an inserted break)


def _pattern(text: str) -> Optional[re.Pattern[str]]:
    """``text`` matched with any run of whitespace between its words, and not inside a longer word."""
    words = text.split()
    if not words:
        return None
    core = r"\s+".join(re.escape(w) for w in words)
    head = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    tail = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return re.compile(head + core + tail, re.IGNORECASE)


def _candidates(h: Highlight) -> list[str]:
    """Forms to look for, most faithful first: the mention as written, unescaped, then the record's clean forms."""
    forms = [h.text, html.unescape(h.text)]
    forms += sorted((f for f in h.forms if f), key=len, reverse=True)
    seen: dict[str, None] = {}
    for f in forms:
        seen.setdefault(" ".join(f.split()), None)
    return [f for f in seen if f]


def locate_in_body(body: str, items: Sequence[Highlight], origin: int = 0) -> list[tuple[int, int, Highlight]]:
    """Place mentions of the original text in ``body``; ``origin`` is the original offset where the body begins.

    ``items`` must be in original order. Each is searched from the body position of the last placed mention, up to
    that position plus the original distance (and a small slack): page preparation only drops and condenses text,
    so a mention never lies further on in the body than in the original. Returns ``(start, end, item)`` triples in
    body offsets, for the items found; items before ``origin`` (the title) are skipped.
    """
    placed: list[tuple[int, int, Highlight]] = []
    anchor_orig, anchor_body = origin, 0
    for h in items:
        if h.start < origin:
            continue
        gap = h.start - anchor_orig
        limit = min(len(body), anchor_body + gap + gap // 10 + _SLACK)
        for form in _candidates(h):
            pattern = _pattern(form)
            # a mention that starts later in the original starts later in the body too
            lo = anchor_body + (1 if placed and gap > 0 else 0)
            m = pattern.search(body, lo, limit + len(form) + 8) if pattern else None
            if m and m.start() <= limit:
                placed.append((m.start(), m.end(), h))
                anchor_orig, anchor_body = h.start, m.start()
                break
    return placed


# ------------------------------------------------------------------ HTML
def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def highlight_html(text: str, spans: Iterable[tuple[int, int, Highlight]], *, collapse: bool = False) -> str:
    """``text`` as escaped HTML with ``<mark>``s over the spans; overlapping spans are cut into segments.

    A segment takes the colour of the shortest span covering it; when spans of another kind cover it too, it is
    underlined in that kind's colour ("gouvernement du Japon" a funder, "Japon" inside it a place). Each span's label
    closes its last segment. With ``collapse``, runs of whitespace in the text become one space.
    """
    spans = [s for s in spans if 0 <= s[0] < s[1] <= len(text)]
    cuts = sorted({0, len(text), *(s[0] for s in spans), *(s[1] for s in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = text[a:b]
        if collapse:
            piece = re.sub(r"\s+", " ", piece)
        active = [s for s in spans if s[0] <= a and b <= s[1]]
        if not active:
            out.append(_esc(piece))
            continue
        active.sort(key=lambda s: (s[1] - s[0], _RANK[s[2].kind]))
        inner = KINDS[active[0][2].kind]
        other = next((KINDS[s[2].kind] for s in active if s[2].kind != inner.name), None)
        extra = f"box-shadow:inset 0 -0.22em 0 {other.colour};" if other else ""
        tips = dict.fromkeys(f"{KINDS[s[2].kind].label}: {s[2].tip}" for s in active)
        ending = dict.fromkeys(KINDS[s[2].kind].label for s in sorted(active, key=lambda s: _RANK[s[2].kind])
                               if s[1] == b)
        badges = "".join(f'<span style="{_BADGE}">{_esc(label)}</span>' for label in ending)
        out.append(f'<mark style="{_MARK.format(bg=inner.colour, extra=extra)}" title="{_esc(chr(10).join(tips))}">'
                   f"{_esc(piece)}{badges}</mark>")
    return "".join(out)


def _cell(value: Any) -> str:
    if value is None or value == () or value == "":
        return '<td style="' + _CELL + ';opacity:0.45">—</td>'
    if isinstance(value, (tuple, list)):
        value = ", ".join(str(v) for v in value)
    text = str(value)
    if len(text) > _MAX_CELL:
        text = text[: _MAX_CELL - 1] + "…"
    return f'<td style="{_CELL}">{_esc(text)}</td>'


def _table(title: str, kind: Optional[str], header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    if not rows:
        return ""
    swatch = (f'<span style="display:inline-block;width:0.8em;height:0.8em;border-radius:0.2em;margin-right:0.4em;'
              f'background:{KINDS[kind].colour}"></span>') if kind else ""
    head = "".join(f'<th style="{_CELL};font-weight:600">{_esc(h)}</th>' for h in header)
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows)
    return (f'<div style="margin:0.8em 0 0.2em;font-weight:600">{swatch}{_esc(title)} ({len(rows)})</div>'
            f'<table style="border-collapse:collapse;font-size:0.85em;margin:0">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def _tables(release: Release) -> str:
    r = release
    dates = r.event_dates + r.relative_dates
    parts = [
        _table("Organisations", "organisation", ("name", "acronym", "aliases", "mentions"),
               [(o.name, o.acronym, o.aliases, len(o.mentions)) for o in r.organisations]),
        _table("Places", "place", ("name", "country", "kind", "aliases", "mentions"),
               [(p.name, p.country, p.kind, p.aliases, len(p.mentions)) for p in r.locations]),
        _table("Event dates", "date", ("text", "start", "end", "year from", "relative"),
               [(d.text, d.start and str(d.start), d.end and str(d.end), d.year_source, "yes" if d.relative else "")
                for d in dates]),
        _table("Funders", "funder", ("name", "acronym", "organisation", "country", "evidence", "confidence"),
               [(f.name, f.acronym, f.organisation, f.country, f.evidence,
                 None if f.confidence is None else f"{f.confidence:.2f}") for f in r.funders]),
        _table("Contacts", "person", ("name", "phones", "e-mails"),
               [(c.name, c.phones, c.emails) for c in r.contacts]),
        _table("Phones", "phone", ("as written", "E.164", "kind"), [(p.raw, p.e164, p.kind) for p in r.phones]),
        _table("E-mails", "email", ("address",), [(e.address,) for e in r.emails]),
    ]
    return "".join(parts)


def _legend(counts: dict[str, int]) -> str:
    items = "".join(
        f'<span style="{_MARK.format(bg=k.colour, extra="")}font-size:0.8em">{_esc(k.name)} {counts.get(name, 0)}</span>'
        for name, k in KINDS.items()
    )
    return f'<div style="margin:0.2em 0 0.6em">{items}</div>'


def _footer(release: Release, unplaced: Sequence[Highlight]) -> str:
    notes = []
    if unplaced:
        listed = ", ".join(f"{KINDS[h.kind].label} « {' '.join(h.text.split())} » @{h.start}" for h in unplaced[:20])
        more = f" and {len(unplaced) - 20} more" if len(unplaced) > 20 else ""
        notes.append(f"Not placed in the body ({len(unplaced)}): {listed}{more}. "
                     "Pass the original text to render_html for exact placement.")
    if release.warnings:
        notes.append("Warnings: " + ", ".join(release.warnings))
    s = release.settings
    if s is not None:
        notes.append(_join(f"iomextract {s.iomextract_version}", f"{s.model} {s.model_version}",
                           s.published and f"published {s.published}"))
    return "".join(f'<div style="font-size:0.8em;opacity:0.7;margin-top:0.4em">{_esc(n)}</div>' for n in notes)


def _check_original(release: Release, text: str) -> None:
    mentions = [release.title_mention] if release.title_mention else []
    mentions += [Mention(h.text, h.start, h.end) for h in highlights(release)]
    for m in mentions:
        if text[m.start:m.end] != m.text:
            raise ValueError(
                f"[E060] render_html: the text given is not the release's original input: "
                f"text[{m.start}:{m.end}] is {text[m.start:m.end]!r}, the mention says {m.text!r}"
            )


def render_html(release: Release, text: Optional[str] = None) -> str:
    """The release as HTML: its text with mentions highlighted by type, then a table per field.

    ``text``, when given, must be the original input the release was parsed from (the string; decode bytes first):
    mentions are then drawn at their exact offsets. Without it the clean ``Release.body`` is shown and mentions are
    placed by :func:`locate_in_body`; those it cannot place are listed under the text.
    """
    items = highlights(release)
    counts: dict[str, int] = {}
    for h in items:
        counts[h.kind] = counts.get(h.kind, 0) + 1
    box = 'style="white-space:pre-wrap;line-height:1.9;margin:0.4em 0;max-width:60em"'
    if text is not None:
        if not isinstance(text, str):
            raise TypeError(f"[E061] render_html: text must be the original input as a str, got {type(text).__name__}")
        _check_original(release, text)
        first = min([h.start for h in items] + ([release.title_mention.start] if release.title_mention else []),
                    default=0)
        lo = text.rfind("\n", 0, first) + 1
        spans = [(h.start - lo, h.end - lo, h) for h in items if h.start >= lo]
        heading = ""
        main = f"<div {box}>{highlight_html(text[lo:], spans)}</div>"
        unplaced: list[Highlight] = []
    else:
        tm = release.title_mention
        in_title = [h for h in items if tm and tm.start <= h.start and h.end <= tm.end]
        if tm:
            title_spans = [(h.start - tm.start, h.end - tm.start, h) for h in in_title]
            heading = highlight_html(tm.text, title_spans, collapse=True)
        else:
            heading = _esc(release.title) if release.title else ""
        origin = tm.end if tm else 0
        rest = [h for h in items if h not in in_title]
        placed = locate_in_body(release.body, rest, origin)
        found = {id(p[2]) for p in placed}
        unplaced = [h for h in rest if id(h) not in found]
        main = f"<div {box}>{highlight_html(release.body, placed)}</div>"
        if heading:
            heading = f'<div style="font-size:1.15em;font-weight:600;line-height:1.9">{heading}</div>'
    return (
        '<div class="iomextract-release" style="font-family:inherit;color:inherit">'
        f"{_legend(counts)}{heading}{main}{_tables(release)}{_footer(release, unplaced)}</div>"
    )
