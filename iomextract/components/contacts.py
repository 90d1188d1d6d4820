"""The ``iom_contacts`` component: phone numbers, e-mail addresses and the people (or press services) they reach.

It writes three span groups (contract in :mod:`iomextract.components.extensions`):

- ``doc.spans["iom_phones"]``, ``span._.iom_phone = {"e164", "kind", "raw"}``;
- ``doc.spans["iom_emails"]``, ``span._.iom_email = {"address", "raw"}``;
- ``doc.spans["iom_contacts"]``, one span per person or named service given as a contact, with
  ``span._.iom_contact = {"phones": [[start, end], ...], "emails": [[start, end], ...]}`` (offsets of the phone
  and e-mail spans tied to that person).

Spans are token-aligned (``alignment_mode="expand"``): where the tokenizer keeps a number glued to its neighbours
("948/49", "Tel:+41"), the span is wider than the number, and ``raw`` holds the number exactly as written.

How contacts are found, with or without the model's entities:

1. Contact blocks open with a header line ("Pour plus d'informations, veuillez contacter :", "Contact:", "Contacts
   presse") and run until a footer ("À propos de …"), a prose line or the end of the text. A long
   line opening with a person's name, with no sentence end and its items on the next line, is that person's entry.
2. In a block, each line is cut into fields (at commas, bars, " : ", labels and the items themselves); a field
   starting with a run of 2–5 capitalised words that are no role, unit, label or place ("Christine McNab",
   "Ana María Guzmán") names a person. The model's PER entities add names the rules miss.
3. A block whose first line names no person but a service ("Information DFAE") before any item has that service
   as its contact. A named service given where a person would be, headed by a noun of ``service_heads.txt``
   ("À Genève : Service de presse de l'OIM, Tél. : …", "Porte-parolat du ministère de … : +33 …") opens an entry of
   its own, once the entry before it has its items.
4. Items go to the person whose entry they follow. When every person's line carries its own items inline, an item
   printed on its own line after the last person is shared and goes to nobody; so do the items of a line labelled
   as a shared press address ("Presse : presse@…", ``shared_labels.txt``). An e-mail whose local part spells one
   person's name always goes to that person.
5. Outside blocks, a phone or e-mail in a sentence saying how to reach someone ("elle peut être atteinte par
   téléphone au …", "veuillez vous adresser à X … au …") goes to the nearest person named before it in the
   paragraph. Other items in running text (a fax number for accreditations) belong to nobody.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span
from phonenumbers.geodata.locale import LOCALE_DATA

from .base import RuleComponent
from ..resources import load_lines
from .emails import EmailMatch, find_emails
from .extensions import DATELINE_KEY, SPAN_KEYS, ensure_extensions
from .phones import PhoneMatch, PhoneRules, compile_phone_rules, country_code_regions, find_phones, fold

_HONORIFICS = {"m", "mme", "mlle", "dr", "pr", "prof", "mr", "mrs", "ms", "me", "docteur", "professeur"}
_PARTICLES = {"de", "du", "des", "d'", "d’", "van", "von", "der", "den", "da", "dos", "das", "del", "della", "di",
              "al", "el", "bin", "ben", "ibn", "le", "la", "ter", "ten", "y", "e"}
_NAME_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’.-]{0,30}|(?:d['’]|al-|el-)[A-ZÀ-ÖØ-Þ][\w'’-]{0,30}")
_FIELD_SEP = re.compile(r"\s*(?:[,;|•\t]|\s[:–-]\s|:(?=\s)|\(|\))\s*")
_BULLET = re.compile(r"[ \t\u00a0•*>·–-]*")
_SENTENCE_END = re.compile(r"[.!?»](?=\s)")
_WORDS = re.compile(r"\S+")
_PROSE_WORDS = 14  # a line of more words, without an item, is running text and ends a contact block
_SENTENCE_WINDOW = 1000  # characters looked back for the start of the sentence holding an item
_SERVICE_WORDS = 12  # a named service is a noun phrase, not a sentence
_SERVICE_LINKS = {"de", "du", "des", "presse", "medias", "media"}
_ELIDED = re.compile(r"d['’]\w")
_ACRONYM = re.compile(r"[A-Z]{2,10}")


@dataclass(frozen=True)
class ContactSettings:
    """Where the component's word lists live (paths inside ``models/``)."""

    labels: str = "contacts/labels.tsv"
    headers: str = "contacts/headers.txt"
    block_stops: str = "contacts/block_stops.txt"
    contact_verbs: str = "contacts/contact_verbs.txt"
    not_name_words: str = "contacts/not_name_words.txt"
    amount_words: str = "contacts/amount_words.tsv"
    places: str = "contacts/places.tsv"
    mobile_regions: str = "contacts/mobile_regions.txt"
    service_heads: str = "contacts/service_heads.txt"
    shared_labels: str = "contacts/shared_labels.txt"
    use_entities: bool = True


@dataclass(frozen=True)
class Block:
    """A contact block: ``start`` of its header, ``content`` where its entries begin, ``end``."""

    start: int
    content: int
    end: int


@dataclass
class Person:
    """A contact found in the text, with the offsets of its phones and e-mails."""

    start: int
    end: int
    phones: list = field(default_factory=list)
    emails: list = field(default_factory=list)


@dataclass(frozen=True)
class Lexicon:
    """Everything compiled from ``models/contacts`` (built once, in the component's constructor)."""

    phone_rules: PhoneRules
    header_re: re.Pattern
    stop_prefixes: tuple
    verb_re: re.Pattern
    not_name: frozenset
    stop_words: frozenset
    place_re: re.Pattern
    place_regions: dict
    service_heads: frozenset = frozenset()
    shared_labels: frozenset = frozenset()


def _tsv(name: str) -> list[tuple[str, str]]:
    rows = []
    for line in load_lines(name):
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 2 or not all(parts):
            raise ValueError(f"[E304] {name}: expected two tab-separated columns, got {line!r}.")
        rows.append((parts[0], parts[1]))
    return rows


def _country_names() -> list[tuple[str, str]]:
    """French and English display names of every region, from phonenumbers' locale data."""
    out = []
    for region, names in LOCALE_DATA.items():
        if len(region) != 2:
            continue
        for lang in ("fr", "aa"):
            name = names.get(lang)
            while name and name.startswith("*"):
                name = names.get(name[1:])
            if name:
                out.append((name, region))
    return out


def build_lexicon(settings: ContactSettings, stop_words: Iterable[str]) -> Lexicon:
    """Compile the word lists of ``settings`` (paths in ``models/``) into a :class:`Lexicon`."""
    rules = compile_phone_rules(_tsv(settings.labels), _tsv(settings.amount_words),
                                load_lines(settings.mobile_regions))
    headers = "|".join(f"(?:{h})" for h in load_lines(settings.headers))
    header_re = re.compile(rf"(?:{headers})(?:\s*[:：])?", re.IGNORECASE)
    stops = tuple(fold(s) for s in load_lines(settings.block_stops))
    verbs = "|".join(re.escape(fold(v)) for v in load_lines(settings.contact_verbs))
    verb_re = re.compile(rf"(?<!\w)(?:{verbs})")
    not_name = frozenset(fold(w) for w in load_lines(settings.not_name_words))
    places = {fold(name): region.upper() for name, region in _country_names() + _tsv(settings.places)}
    alternatives = "|".join(re.escape(p) for p in sorted(places, key=len, reverse=True))
    place_re = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    stop = frozenset(fold(w) for w in stop_words) - _PARTICLES
    return Lexicon(rules, header_re, stops, verb_re, not_name, stop, place_re, places,
                   service_heads=frozenset(fold(w) for w in load_lines(settings.service_heads)),
                   shared_labels=frozenset(fold(w) for w in load_lines(settings.shared_labels)))


# ------------------------------------------------------------------------------------------------ blocks
def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _lines_between(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of ``text`` (as in :func:`_lines`) with ``s < end`` and ``e > start``, found from ``start``
    instead of splitting the whole text (once per contact block, that was quadratic)."""
    out, s = [], text.rfind("\n", 0, start) + 1
    while s < end:
        e = text.find("\n", s)
        e = len(text) if e < 0 else e
        if e > start:
            out.append((s, e))
        s = e + 1
    return out


def _header_at(text: str, start: int, end: int, lex: Lexicon) -> int | None:
    """End offset of a contact header at ``start`` (None if none): the header must close its line or a colon."""
    m = lex.header_re.match(text, start, end)
    if not m:
        return None
    rest = text[m.end():end]
    closed = m.group().rstrip().endswith((":", "：")) or not rest.strip()
    # unclosed, the header must run straight into a name ("Contact Information DFAE", a line joined by unwrapping)
    if not closed and not (rest[:1].isspace() and rest.strip()[:1].isupper()):
        return None
    return m.end()


def find_blocks(text: str, lex: Lexicon) -> list[Block]:
    """The contact blocks of ``text``, in order."""
    blocks: list[Block] = []
    lines = _lines(text)
    i = 0
    while i < len(lines):
        start, end = lines[i]
        head = _find_header(text, start, end, lex)
        if head is None:
            i += 1
            continue
        h_start, content = head
        block_end = end
        j = i + 1
        while j < len(lines):
            s, e = lines[j]
            line = text[s:e]
            folded = fold(line.strip(" \t\u00a0•*"))
            if folded and (folded.startswith(lex.stop_prefixes) or _find_header(text, s, e, lex)):
                break
            if (len(_WORDS.findall(line)) > _PROSE_WORDS and not _has_item(line)
                    and not _opens_entry(text, s, e, lines[j + 1:], lex)):
                break
            if folded:
                block_end = e
            j += 1
        blocks.append(Block(h_start, content, block_end))
        i = j
    return blocks


def _find_header(text: str, start: int, end: int, lex: Lexicon) -> tuple[int, int] | None:
    """A header at the line's start or after a sentence end in the line: ``(header start, content start)``."""
    lead = _BULLET.match(text, start, end).end()
    positions = [lead] + [m.end() + 1 for m in _SENTENCE_END.finditer(text, start, end)]
    for pos in positions:
        while pos < end and text[pos] in " \t\u00a0":
            pos += 1
        found = _header_at(text, pos, end, lex)
        if found is not None:
            return pos, found
    return None


def _has_item(line: str) -> bool:
    return "@" in line or re.search(r"\+\s?\d|\d{2}[ ./]\d{2}[ ./]\d{2}", line) is not None


def _opens_entry(text: str, start: int, end: int, following: Sequence[tuple[int, int]], lex: Lexicon) -> bool:
    """Whether a long line without items is a contact's entry, not prose: it names a person in one of its first two
    fields ("Laura Pérez, OIM Panama, Bureau régional pour …"), holds no sentence end, and the next non-empty line
    carries the items."""
    if _SENTENCE_END.search(text, start, end) or text[start:end].rstrip().endswith("."):
        return False
    nxt = next((text[s:e] for s, e in following if text[s:e].strip()), "")
    if not _has_item(nxt):
        return False
    lead = _BULLET.match(text, start, end).end()
    for f_start, f_end in _fields(text, lead, end, (), lex)[:2]:
        name = name_in_field(text, f_start, f_end, lex)
        if name is not None and not text[name[1]:f_end].strip():
            return True
    return False


# ------------------------------------------------------------------------------------------------ names
def name_in_field(text: str, start: int, end: int, lex: Lexicon) -> tuple[int, int] | None:
    """The person's name opening the field ``text[start:end]``, as offsets, or None.

    A name is a run of 2–5 capitalised words (particles such as "de" between them), after an optional honorific,
    none of them a role/unit word, a French stop word or a label, not opening with an acronym, and not a place.
    """
    words = [(m.start(), m.end(), m.group()) for m in _WORDS.finditer(text, start, end)]
    k = 0
    if words and fold(words[0][2]).rstrip(".") in _HONORIFICS:
        k = 1
    run: list[tuple[int, int, str]] = []
    while k < len(words):
        s, e, w = words[k]
        w_clean = w.rstrip(",;:")
        key = fold(w_clean).rstrip(".")
        if key in _PARTICLES and run and k + 1 < len(words) and _is_name_word(words[k + 1][2].rstrip(",;:"), lex):
            run.append((s, s + len(w_clean), w_clean))
        elif _is_name_word(w_clean, lex):
            run.append((s, s + len(w_clean), w_clean))
            if w_clean != w:
                break
        else:
            break
        k += 1
    capitalised = [w for w in run if fold(w[2]) not in _PARTICLES]
    if not 2 <= len(capitalised) <= 5:
        return None
    first = capitalised[0][2]
    if len(first) > 1 and first.isupper():
        return None  # "OIM Quito", "UNICEF NY"
    n_start, n_end = run[0][0], run[-1][1]
    while text[n_end - 1] in ".":
        n_end -= 1
    name = fold(text[n_start:n_end])
    if lex.place_re.fullmatch(name) or lex.place_re.fullmatch(fold(capitalised[-1][2])):
        return None
    return n_start, n_end


def _is_name_word(word: str, lex: Lexicon) -> bool:
    if not _NAME_WORD.fullmatch(word) or word.endswith("."):
        return False
    key = fold(word)
    if key in lex.not_name or key in lex.stop_words or any(c.isdigit() for c in word):
        return False
    return not lex.phone_rules.label_re.fullmatch(key)


def _fields(text: str, start: int, end: int, cuts: Sequence[tuple[int, int]], lex: Lexicon) -> list[tuple[int, int]]:
    """Cut a line into fields at separators, labels and the given item offsets."""
    holes = sorted([c for c in cuts if c[0] < end and c[1] > start] +
                   [(start + m.start(), start + m.end())
                    for m in lex.phone_rules.label_re.finditer(fold(text[start:end]))])
    out, pos = [], start
    for h_start, h_end in holes + [(end, end)]:
        if h_start > pos:
            seg_pos = pos
            for m in _FIELD_SEP.finditer(text, pos, h_start):
                if m.start() > seg_pos:
                    out.append((seg_pos, m.start()))
                seg_pos = m.end()
            if seg_pos < h_start:
                out.append((seg_pos, h_start))
        pos = max(pos, h_end)
    return [(s, e) for s, e in out if text[s:e].strip()]


def _service_line(text: str, start: int, end: int, lex: Lexicon) -> tuple[int, int] | None:
    """A named service as a whole line ("Information DFAE", "Service de presse et d'information"), or None."""
    s, e = start, end
    while s < e and text[s] in " \t\u00a0•*":
        s += 1
    while e > s and text[e - 1] in " \t\u00a0:,.":
        e -= 1
    line = text[s:e]
    words = line.split()
    if not 1 <= len(words) <= 8 or not line[:1].isupper() or any(c.isdigit() for c in line) or "@" in line:
        return None
    folded = fold(line)
    if lex.phone_rules.label_re.match(folded) or lex.place_re.fullmatch(folded) or ":" in line:
        return None
    if len(words) == 1:
        return None
    return s, e


def service_in_field(text: str, start: int, end: int, lex: Lexicon) -> tuple[int, int] | None:
    """A named service making up the field ``text[start:end]`` ("Service de presse de l'OIM", "Porte-parolat du
    ministère de …", "Centre de crise et de soutien"), as offsets, or None.

    The field opens with a capitalised head noun of ``service_heads.txt``, followed (after at most one lower-case
    adjective) by de/du/des/d', "presse"/"médias" or an acronym; it has 2–12 words, no digit and no "@". Label words
    closing the field ("… de l'OIM Tél.") are left out.
    """
    words = [(m.start(), m.end(), m.group()) for m in _WORDS.finditer(text, start, end)]
    while words and lex.phone_rules.label_re.fullmatch(fold(words[-1][2].rstrip(":"))):
        words.pop()
    if not 2 <= len(words) <= _SERVICE_WORDS or not words[0][2][:1].isupper():
        return None
    s, e = words[0][0], words[-1][1]
    while e > s and text[e - 1] in ":,.;":
        e -= 1
    if "@" in text[s:e] or any(c.isdigit() for c in text[s:e]) or fold(words[0][2]) not in lex.service_heads:
        return None
    rest = [w for _, _, w in words[1:]]
    if len(rest) > 1 and rest[0].islower() and fold(rest[0]) not in _SERVICE_LINKS and not _ELIDED.match(rest[0]):
        rest = rest[1:]  # "Service régional de …"
    link = rest[0]
    if fold(link) in _SERVICE_LINKS or _ELIDED.match(link) or _ACRONYM.fullmatch(link.rstrip(":,")):
        return s, e
    return None


def _service_entry(text: str, start: int, first_item: int, lex: Lexicon) -> tuple[int, int] | None:
    """A named service given where a person would be, in the fields of a line before its first item
    ("À Genève : Service de presse de l'OIM, Tél. : …"); place labels before it are passed over."""
    pos = _BULLET.match(text, start, first_item).end()
    for m in list(_FIELD_SEP.finditer(text, pos, first_item)) + [None]:
        f_end = m.start() if m else first_item
        if f_end > pos:
            found = service_in_field(text, pos, f_end, lex)
            if found is not None:
                return found
        if m is None:
            break
        pos = m.end()
    return None


def _line_service(text: str, lines: Sequence[tuple[int, int]], n: int, items: Sequence[tuple[int, int, str]],
                  last_contact: int | None, lex: Lexicon) -> tuple[int, int] | None:
    """A named service opening a new entry on line ``n`` of a block (a line naming no person), or None.

    The service is given before the line's own items ("Centre de crise et de soutien, Portable : …"), or makes up the
    whole line with its items on the next line, the entry before it closed by a blank line or an e-mail. Either way
    the contact before it (starting at ``last_contact``) must already have items: a unit line under a person
    ("Marie Durand\nDirection de la communication, Tél. : …") belongs to that person.
    """
    s, e = lines[n]
    if last_contact is not None and not any(last_contact <= i_start < s for i_start, _, _ in items):
        return None
    first_on_line = next((i_start for i_start, _, _ in items if s <= i_start < e), None)
    if first_on_line is not None:
        return _service_entry(text, s, first_on_line, lex)
    nxt = next(((a, b) for a, b in lines[n + 1:] if text[a:b].strip()), None)
    if nxt is None or not any(nxt[0] <= i_start < nxt[1] for i_start, _, _ in items):
        return None
    prev = lines[n - 1] if n else None
    closed = (last_contact is None or prev is None or not text[prev[0]:prev[1]].strip()
              or any(prev[0] <= i_start < prev[1] for i_start, _, kind in items if kind == "e"))
    return service_in_field(text, s, e, lex) if closed else None


def _shared_line(text: str, start: int, first_item: int, lex: Lexicon) -> bool:
    """Whether a line's items are a shared press address or number: its label before the first item is one of
    ``shared_labels.txt`` ("Presse : presse@…", "Médias, e-mail : …"), once item labels are left out."""
    label = lex.phone_rules.label_re.sub(" ", fold(text[start:first_item]))
    label = " ".join(label.replace(":", " ").replace(",", " ").strip(" \t\u00a0•*-–.;").split())
    return label in lex.shared_labels


def _persons_in_text(text: str, start: int, end: int, lex: Lexicon, per: Sequence[tuple[int, int]]
                     ) -> list[tuple[int, int]]:
    """Names in running text between ``start`` and ``end``: capitalised runs after a non-name word, PER spans."""
    out = []
    for m in re.finditer(r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ]", text[start:end]):
        pos = start + m.start()
        if out and pos < out[-1][1]:
            continue
        found = name_in_field(text, pos, min(end, pos + 120), lex)
        if found:
            out.append(found)
    for s, e in per:
        if start <= s and e <= end and not any(a < e and s < b for a, b in out):
            if len(text[s:e].split()) >= 2:
                out.append((s, e))
    return sorted(out)


def _local_matches(address: str, name: str) -> bool:
    """An e-mail's local part spells the person's name ("pmccormick" for "Patrick McCormick")."""
    local = re.sub(r"[^a-z]", "", fold(address.split("@", 1)[0]))
    words = [re.sub(r"[^a-z]", "", fold(w)) for w in name.split()]
    words = [w for w in words if len(w) >= 3 and w not in _PARTICLES]
    return bool(local) and len(words) >= 1 and any(w in local for w in words[1:] or words)


# ------------------------------------------------------------------------------------------------ linking
def link_block(text: str, block: Block, phones: Sequence[PhoneMatch], emails: Sequence[EmailMatch], lex: Lexicon,
               per: Sequence[tuple[int, int]] = ()) -> list[Person]:
    """The contacts of one block, each with the offsets of its own phones and e-mails."""
    items = sorted([(p.start, p.end, "p") for p in phones if block.content <= p.start < block.end] +
                   [(m.start, m.end, "e") for m in emails if block.content <= m.start < block.end])
    cuts = [(s, e) for s, e, _ in items]
    persons: list[Person] = []
    shared: list[tuple[int, int]] = []
    lines = [(max(s, block.content), e) for s, e in _lines_between(text, block.content, block.end)]
    for n, (s, e) in enumerate(lines):
        found = 0
        for f_start, f_end in _fields(text, s, e, cuts, lex):
            name = name_in_field(text, f_start, f_end, lex)
            if name is None:
                name = next(((a, b) for a, b in per if f_start <= a and b <= f_end
                             and len(text[a:b].split()) >= 2 and not lex.place_re.fullmatch(fold(text[a:b]))), None)
            if name is not None:
                persons.append(Person(*name))
                found += 1
        if found:
            continue
        first_on_line = next((i_start for i_start, _, _ in items if s <= i_start < e), None)
        if first_on_line is not None and _shared_line(text, s, first_on_line, lex):
            shared.append((s, e))
            continue
        service = _line_service(text, lines, n, items, persons[-1].start if persons else None, lex)
        if service is not None:
            persons.append(Person(*service))
    first_item = items[0][0] if items else block.end
    if items and not any(p.start < first_item for p in persons):
        first_line = next(((s, e) for s, e in lines if text[s:e].strip()), None)
        if first_line is not None:
            service = _service_line(text, *first_line, lex)
            if service is not None and service[1] <= first_item:
                persons.insert(0, Person(*service))
    if not persons:
        return []
    line_of = {}
    for s, e in lines:
        for person in persons:
            if s <= person.start < e:
                line_of[id(person)] = (s, e)
    inline = len(persons) >= 2 and all(
        any(line_of[id(p)][0] <= i_start < line_of[id(p)][1] for i_start, _, _ in items) for p in persons)
    last_line_end = line_of[id(persons[-1])][1]
    for i_start, i_end, kind in items:
        owner = None
        if kind == "e":
            address = text[i_start:i_end]
            spelled = [p for p in persons if _local_matches(address, text[p.start:p.end])]
            if len(spelled) == 1:
                owner = spelled[0]
        if owner is None:
            before = [p for p in persons if p.start <= i_start]
            if not before or (inline and i_start >= last_line_end) or any(a <= i_start < b for a, b in shared):
                continue
            owner = before[-1]
        (owner.phones if kind == "p" else owner.emails).append([i_start, i_end])
    return persons


def link_running_text(text: str, phones: Sequence[PhoneMatch], emails: Sequence[EmailMatch], blocks: Sequence[Block],
                      lex: Lexicon, per: Sequence[tuple[int, int]] = ()) -> list[Person]:
    """Contacts named in sentences saying how to reach them, for the items outside every block."""
    persons: dict[tuple[int, int], Person] = {}
    items = [(p.start, p.end, "p") for p in phones] + [(m.start, m.end, "e") for m in emails]
    for i_start, i_end, kind in sorted(items):
        if any(b.content <= i_start < b.end for b in blocks):
            continue
        if not contact_sentence(text, i_start, lex):
            continue
        para_start = text.rfind("\n", 0, i_start) + 1
        names = _persons_in_text(text, max(para_start, i_start - 400), i_start, lex, per)
        if not names:
            continue
        person = persons.setdefault(names[-1], Person(*names[-1]))
        (person.phones if kind == "p" else person.emails).append([i_start, i_end])
    return list(persons.values())


def contact_sentence(text: str, pos: int, lex: Lexicon) -> bool:
    """Whether the sentence around ``pos`` says how to reach someone ("veuillez contacter", "atteinte au")."""
    # the look-back is bounded: a per-item scan to the start of a very long line would make the text quadratic
    floor = max(0, pos - _SENTENCE_WINDOW)
    line_start = max(text.rfind("\n", floor, pos) + 1, floor)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, line_start, pos)]
    start = ends[-1] if ends else line_start
    return lex.verb_re.search(fold(text[start:pos])) is not None


# ------------------------------------------------------------------------------------------------ regions
class RegionHints:
    """Regions to read national phone numbers with at an offset, best first (see ``regions_at``)."""

    def __init__(self, text: str, lex: Lexicon, blocks: Sequence[Block], *, locations: Sequence[tuple[int, str]] = (),
                 dateline: tuple[int, int] | None = None) -> None:
        folded = fold(text)
        self._text = text
        self._places = [(m.start(), lex.place_regions[m.group()]) for m in lex.place_re.finditer(folded)]
        self._positions = [p for p, _ in self._places]  # in text order: ranges of places by bisection
        self._blocks = blocks
        self._locations = sorted(locations)
        self._head = [r for p, r in self._places if p < 400]
        self._dateline = ([r for p, r in self._places if dateline[0] <= p < dateline[1]] if dateline else [])

    def regions_at(self, pos: int) -> list[str]:
        """Places of the line, of the contact block, international prefixes of the block, nearby located places,
        the dateline, then places of the text's head."""
        line_start = self._text.rfind("\n", 0, pos) + 1
        line_end = self._text.find("\n", pos)
        line_end = len(self._text) if line_end < 0 else line_end
        out = [r for p, r in sorted(self._between(line_start, line_end), key=lambda t: abs(t[0] - pos))]
        block = next((b for b in self._blocks if b.start <= pos < b.end), None)
        if block is not None:
            out += [r for p, r in reversed(self._between(block.start, pos))]
            out += country_code_regions(self._text[block.start:block.end])
            out += [r for p, r in self._between(block.start, block.end)]
        out += [r for p, r in reversed(self._locations) if p < pos] + [r for p, r in self._locations if p >= pos]
        out += self._dateline + self._head
        return list(dict.fromkeys(out))

    def _between(self, start: int, end: int) -> list[tuple[int, str]]:
        """The places at offsets ``start <= p < end``, in text order (a slice, not a scan of every place)."""
        return self._places[bisect_left(self._positions, start):bisect_left(self._positions, end)]

    def contact_at(self, pos: int, lex: Lexicon) -> bool:
        """Whether ``pos`` lies in a contact block or a sentence saying how to reach someone."""
        if any(b.content <= pos < b.end for b in self._blocks):
            return True
        line_start = self._text.rfind("\n", 0, pos) + 1
        line_end = self._text.find("\n", pos)
        line = self._text[line_start:len(self._text) if line_end < 0 else line_end]
        return "@" in line or contact_sentence(self._text, pos, lex)


# ------------------------------------------------------------------------------------------------ component
@Language.factory(
    "iom_contacts",
    assigns=["doc.spans", "span._.iom_phone", "span._.iom_email", "span._.iom_contact"],
    default_config={"use_entities": True},
)
def make_contacts(nlp: Language, name: str, use_entities: bool) -> "ContactFinder":
    """Build the ``iom_contacts`` component."""
    return ContactFinder(nlp, name, settings=ContactSettings(use_entities=use_entities))


class ContactFinder(RuleComponent):
    """Finds phones, e-mails and contact persons (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "iom_contacts", *, settings: ContactSettings | None = None) -> None:
        ensure_extensions()
        self.name = name
        self.settings = settings or ContactSettings()
        self.lexicon = build_lexicon(self.settings, nlp.Defaults.stop_words)

    def match(self, doc: Doc) -> tuple[list[PhoneMatch], list[EmailMatch], list[Person]]:
        """Phones, e-mails and persons of ``doc``, as character offsets."""
        text, lex = doc.text, self.lexicon
        per = []
        if self.settings.use_entities and doc.has_annotation("ENT_IOB"):
            per = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PER"]
        locations = []
        for span in doc.spans.get(SPAN_KEYS["locations"], []):
            value = span._.iom_loc or {}
            if value.get("country"):
                locations.append((span.start_char, str(value["country"]).upper()))
        blocks = find_blocks(text, lex)
        hints = RegionHints(text, lex, blocks, locations=locations, dateline=doc.user_data.get(DATELINE_KEY))
        emails = find_emails(text)
        phones = find_phones(text, lex.phone_rules, regions_at=hints.regions_at,
                             contact_at=lambda pos: hints.contact_at(pos, lex))
        phones = [p for p in phones if not any(m.start <= p.start < m.end for m in emails)]
        persons = []
        for block in blocks:
            persons += link_block(text, block, phones, emails, lex, per)
        persons += link_running_text(text, phones, emails, blocks, lex, per)
        return phones, emails, persons

    def set_annotations(self, doc: Doc, matches: tuple[list[PhoneMatch], list[EmailMatch], list[Person]]) -> Doc:
        """Write the three span groups and their values."""
        phones, emails, persons = matches
        offsets: dict[tuple[int, int], tuple[int, int]] = {}
        phone_spans = _spans(doc, phones, offsets, lambda p: {"e164": p.e164, "kind": p.kind, "raw": p.raw},
                             "iom_phone")
        email_spans = _spans(doc, emails, offsets, lambda m: {"address": m.address, "raw": m.raw}, "iom_email")
        contact_spans, seen = [], set()
        for person in sorted(persons, key=lambda p: p.start):
            span = doc.char_span(person.start, person.end, alignment_mode="expand")
            if span is None or (span.start_char, span.end_char) in seen:
                continue
            seen.add((span.start_char, span.end_char))
            span._.iom_contact = {
                "phones": [list(offsets[tuple(o)]) for o in person.phones if tuple(o) in offsets],
                "emails": [list(offsets[tuple(o)]) for o in person.emails if tuple(o) in offsets],
            }
            contact_spans.append(span)
        doc.spans[SPAN_KEYS["phones"]] = phone_spans
        doc.spans[SPAN_KEYS["emails"]] = email_spans
        doc.spans[SPAN_KEYS["contacts"]] = contact_spans
        return doc


def _spans(doc: Doc, matches: Sequence, offsets: dict, value, attr: str) -> list[Span]:
    """Token-aligned spans for ``matches``; ``offsets`` maps each match's exact offsets to its span's offsets."""
    out, seen = [], set()
    for m in matches:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or (span.start_char, span.end_char) in seen:
            continue
        seen.add((span.start_char, span.end_char))
        # the span is widened to token boundaries ("948/49", `"mailto:…">…` are one token); keep the exact offsets
        span._.set(attr, {**value(m), "char_start": m.start, "char_end": m.end})
        offsets[(m.start, m.end)] = (span.start_char, span.end_char)
        out.append(span)
    return out

