"""The ``iom_locations`` component: every named place of a release, with its country.

Mentions come from four sources, strongest first:

1. the compiled gazetteer (``models/locations/gazetteer.jsonl``: countries, areas, regions, GeoNames cities), looked
   up over token n-grams by an accent- and punctuation-free key, so "Ali Sabieh" and "Ali-Sabieh", "San\\nLorenzo"
   and "San Lorenzo" are one form;
2. a capitalised name after a place noun ("la ville de San Lorenzo", "l'Etat d'Unité", "camps de Lolo et de Gado");
3. the dateline (``doc.user_data["iom_dateline"]``): each of "Genève/Port-au-Prince" is a place;
4. the model's LOC entities that look like places (capitalised, a proper noun, no menu word, no demonym).

Mentions inside an organisation's or a plan's name are dropped ("Plan d'action de Ouagadougou"), except an acronym
followed by its country ("OIM Niger", "l'OIM au Tchad"). A name the gazetteer gives several places is resolved by
the countries the document names ("Tripoli" is in Libya in a release about Libya); a place the gazetteer does not
know takes its country from the nearest place of its sentence, else from the document's main country.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .base import RuleComponent
from ..resources import load_json, load_jsonl, load_lines
from .extensions import DATELINE_KEY, SPAN_KEYS, ensure_extensions

NON_ALNUM = re.compile(r"[^a-z0-9]+")
# tokens a place name never spans ("Genève/Port-au-Prince" is two places, "Niger, Mali" two)
BREAKERS = frozenset(",;:()[]{}/–—.!?«»\"“”|")
ELIDED = ("l'", "l’", "d'", "d’")
# words no place name starts with in a French text ("à Ali Sabieh" is not the town "Aali" + "Sabieh")
PREPOSITIONS = frozenset({"à", "au", "aux", "en", "dans", "vers", "par", "pour", "sur", "chez", "et", "ou", "de", "du",
                          "des", "d'", "d’"})


@lru_cache(maxsize=1 << 16)  # called for every token and n-gram of every page: words repeat, so cache
def fold(text: str) -> str:
    """Lower-case, accent-free, letters and digits only: the key all spellings of one name share."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return NON_ALNUM.sub("", ascii_text.lower())


def is_capitalised(text: str) -> bool:
    """True when the first letter of ``text`` is upper-case ("Goma", "M'Bera"; not "veuillez", not "-")."""
    for c in text:
        if c.isalpha():
            return c.isupper()
    return False


def strip_elision(text: str) -> str:
    """``text`` without a leading elided article or preposition ("l'Union" -> "Union", "d’Abyei" -> "Abyei")."""
    if len(text) > 2 and text[0] in "lLdD" and text[1] in "'’":
        return text[2:]
    return text


def is_demonym(word: str, suffixes: Iterable[str]) -> bool:
    """True for a capitalised single word ending like a French or English demonym ("Haïtiens", "Bhoutanais")."""
    low = word.lower()
    return " " not in word and len(low) > 4 and any(low.endswith(s) for s in suffixes)


def dominant_country(counts: Counter, share: float = 0.3) -> str | None:
    """The country the document is about: the most named one, if it has ``share`` of the mentions and no tie."""
    if not counts:
        return None
    top = counts.most_common(2)
    total = sum(counts.values())
    if top[0][1] / total < share or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    return top[0][0]


@dataclass(frozen=True)
class Place:
    """One gazetteer place."""

    id: str
    name: str
    kind: str
    country: str | None
    geonameid: int | None
    population: int
    curated: bool


@dataclass
class Mention:
    """A place mention found in a doc, before it is resolved: token offsets into the doc, its candidates."""

    start: int
    end: int
    source: str  # "gazetteer", "extended" (a longer unknown name), "trigger", "dateline" or "ner"
    candidates: tuple[tuple[int, bool], ...] = ()  # (place index, written as the place's main name)
    kind: str | None = None  # for places unknown to the gazetteer
    place: Place | None = None
    country: str | None = None


@dataclass(frozen=True)
class LocationSettings:
    """Options of the component (all from the factory's config)."""

    spans_key: str = SPAN_KEYS["locations"]
    gazetteer: str = "locations/gazetteer.jsonl"
    rules: str = "locations/rules.json"
    not_places: str = "locations/not_places.txt"
    org_key: str = SPAN_KEYS["organisations"]
    use_ner: bool = True


@dataclass
class Gazetteer:
    """The compiled gazetteer: places and an index from folded form to (place index, is main name)."""

    places: list[Place] = field(default_factory=list)
    index: dict[str, tuple[tuple[int, bool], ...]] = field(default_factory=dict)
    lower_ok: frozenset[str] = frozenset()  # keys of forms written in lower case ("océan Indien")
    acronyms: frozenset[str] = frozenset()  # keys of forms written in capitals ("RDC")
    weak: frozenset[str] = frozenset()  # keys that are also common words ("Trente"): never at a sentence start
    max_key: int = 0

    @classmethod
    def from_rows(cls, rows: Iterable[dict]) -> "Gazetteer":
        """Build the index from gazetteer rows (the JSONL records of ``scripts/build_locations.py``)."""
        places: list[Place] = []
        index: dict[str, list[tuple[int, bool]]] = {}
        lower_ok, acronyms, weak = set(), set(), set()
        for row in rows:
            i = len(places)
            places.append(Place(row["id"], row["name"], row["kind"], row.get("country"), row.get("geonameid"),
                                row.get("population") or 0, bool(row.get("curated"))))
            weak.update(fold(f) for f in row.get("weak", ()))
            seen = set()
            keys = row.get("keys") or [fold(f) for f in row["forms"]]  # compiled files carry their keys
            for rank, (form, key) in enumerate(zip(row["forms"], keys)):
                if not key or key in seen:
                    continue
                seen.add(key)
                index.setdefault(key, []).append((i, rank == 0))
                if form[0].islower():  # curated lower-case forms ("océan Indien", "bassin du lac Tchad")
                    lower_ok.add(key)
                if form.isupper():
                    acronyms.add(key)
        frozen = {k: tuple(v) for k, v in index.items()}
        return cls(places, frozen, frozenset(lower_ok), frozenset(acronyms), frozenset(weak),
                   max(map(len, frozen), default=0))


class LocationFinder(RuleComponent):
    """Find, resolve and normalise the place mentions of a doc (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "iom_locations", *, settings: LocationSettings) -> None:
        ensure_extensions()
        self.name = name
        self.settings = settings
        self.gazetteer = Gazetteer.from_rows(load_jsonl(settings.gazetteer))
        rules = load_json(settings.rules)
        self.triggers: dict[str, str] = {k.lower(): v for k, v in rules["triggers"].items()}
        self.trigger_links = frozenset(fold(w) for w in rules["trigger_links"])
        self.particles = frozenset(w.lower() for w in rules["particles"])
        self.inner_words = self.particles | frozenset(w.lower() for w in rules["inner_words"])
        self.org_heads = frozenset(rules["org_heads"])
        self.plan_heads = frozenset(rules["plan_heads"])
        self.head_keys = frozenset(fold(h) for h in rules["org_heads"] + rules["plan_heads"])
        self.org_links = frozenset(w.lower() for w in rules["org_links"])
        self.compound_links = frozenset(w.lower() for w in rules["compound_links"])
        self.demonym_suffixes = tuple(rules["demonym_suffixes"])
        self.max_tokens = int(rules["max_place_tokens"])
        self.context_window = int(rules["context_window"])
        self.not_places = frozenset(fold(w) for w in load_lines(settings.not_places))

    # ------------------------------------------------------------------ finding
    def match(self, doc: Doc) -> list[Mention]:
        """All place mentions of ``doc``, filtered and resolved, in text order."""
        words = [t.i for t in doc if not t.is_space]
        blocked: set[int] = set()
        mentions = self.gazetteer_mentions(doc, words, blocked)
        taken = {i for m in mentions for i in range(m.start, m.end)} | blocked
        for extra in (self.trigger_mentions(doc, words, taken), self.dateline_mentions(doc, words, taken),
                      self.ner_mentions(doc, taken)):
            for m in extra:
                if not any(i in taken for i in range(m.start, m.end)):
                    mentions.append(m)
                    taken.update(range(m.start, m.end))
        mentions = [m for m in mentions if self.keep(doc, m)]
        mentions.sort(key=lambda m: m.start)
        self.resolve(doc, mentions)
        return mentions

    def gazetteer_mentions(self, doc: Doc, words: Sequence[int], blocked: set[int]) -> list[Mention]:
        """Longest gazetteer forms over the doc's word tokens, left to right (line breaks inside skipped).

        Tokens of a ``not_places`` phrase ("Boko Haram") are added to ``blocked`` so no other source takes them.
        """
        gz = self.gazetteer
        dateline = self._dateline_tokens(doc)
        found: list[Mention] = []
        lower_later: list[tuple[Mention, str]] = []
        seen_keys: set[str] = set()
        w = 0
        while w < len(words):
            stop = self._not_place_at(doc, words, w)
            if stop:  # "Boko Haram" is not the towns Boko and Haram
                blocked.update(range(words[w], words[w + stop - 1] + 1))
                w += stop
                continue
            best, best_key, key, inner_lower = 0, "", "", False
            for n in range(1, min(12, len(words) - w) + 1):
                tok = doc[words[w + n - 1]]
                if tok.text in BREAKERS:
                    break
                key += fold(tok.text)
                if len(key) > gz.max_key:
                    break
                if not fold(tok.text):
                    continue
                if n > 1 and not is_capitalised(tok.text) and tok.lower_ not in self.inner_words:
                    inner_lower = True
                if key in gz.index and (not inner_lower or key in gz.lower_ok or self._all_named(key)):
                    best, best_key = n, key
            first = doc[words[w]]
            if not best or not fold(first.text) or first.lower_ in PREPOSITIONS:
                w += 1
                continue
            end = words[w + best - 1] + 1
            text = doc[first.i:end].text
            short_caps = text.replace(".", "").isupper() and len(best_key) <= 4
            if short_caps and best_key not in gz.acronyms and first.i not in dateline:
                w += 1
                continue
            if best_key in gz.weak and (w == 0 or first.is_sent_start or doc[words[w - 1]].text in BREAKERS
                                        or words[w - 1] != first.i - 1):
                w += best
                continue
            mention = Mention(first.i, end, "gazetteer", gz.index[best_key])
            longer = self._longer_name(doc, words, w + best, mention)
            if longer is not None and longer < 0:
                w = -longer
                continue
            if longer is not None:  # "Mayo-Tsanaga", "Wadi Rabii": a town's name starts a longer unknown name
                mention = Mention(first.i, words[longer - 1] + 1, "extended", kind="city")
                best = longer - w
            if is_capitalised(text) or best_key in gz.lower_ok:
                found.append(mention)
                seen_keys.add(best_key)
            else:
                lower_later.append((mention, best_key))
            w += best
        # a lower-case spelling counts once the same name was written capitalised ("Tadjourah" ... "tadjourah")
        found += [m for m, key in lower_later if key in seen_keys]
        return found

    def _all_named(self, key: str) -> bool:
        """True when every place of ``key`` is a country or an area ("Guinée équatoriale", "Afrique subsaharienne"):
        only those names hold lower-case words other than particles ("Bam a" is not the town "Bama")."""
        return all(self.gazetteer.places[i].kind in ("country", "area") for i, _ in self.gazetteer.index[key])

    def _not_place_at(self, doc: Doc, words: Sequence[int], w: int) -> int:
        """Number of words of the longest ``not_places`` phrase starting at word ``w`` (0 if none)."""
        key, best = "", 0
        for n in range(1, min(4, len(words) - w) + 1):
            part = fold(doc[words[w + n - 1]].text)
            key += part
            if n > 1 and part and key in self.not_places:
                best = n
        return best

    def _longer_name(self, doc: Doc, words: Sequence[int], pos: int, mention: Mention) -> int | None:
        """End of a longer capitalised name a city or region match starts ("Mayo" in "Mayo-Tsanaga"), or None.

        A negative end means the longer name is a person's name alone on its line: the match is no place.
        """
        kinds = {self.gazetteer.places[i].kind for i, _ in mention.candidates}
        if pos >= len(words) or words[pos] != mention.end or kinds & {"country", "area"}:
            return None  # a line break or a country ends the name
        nxt = doc[words[pos]]
        if nxt.text == "-" and not doc[mention.end - 1].whitespace_:
            start = pos + 1
        elif is_capitalised(nxt.text) and nxt.lower_ not in self.particles and fold(nxt.text) not in self.gazetteer.index:
            start = pos
        else:
            return None
        if start >= len(words) or words[start] != words[start - 1] + 1:
            return None
        end = self._name_chain(doc, words, start)
        if end <= start:
            return None
        if start == pos and self._alone_on_line(doc, mention.start, words[end - 1] + 1):
            return -end  # "Brad Mellicker" alone on its line is a contact's name: no place at all
        return end

    @staticmethod
    def _alone_on_line(doc: Doc, start: int, end: int) -> bool:
        before = start == 0 or "\n" in doc[start - 1].text or "\n" in doc[start - 1].whitespace_
        after = end >= len(doc) or "\n" in doc[end].text or "\n" in doc[end - 1].whitespace_
        return before and after

    def trigger_mentions(self, doc: Doc, words: Sequence[int], taken: set[int]) -> list[Mention]:
        """Capitalised names after a place noun: "la ville de San Lorenzo", "camps de Lolo et de Gado"."""
        out: list[Mention] = []
        for w, i in enumerate(words):
            kind = self.triggers.get(doc[i].text.lower())
            if kind is None or (fold(doc[i].text) in ("etat", "etats") and not doc[i].text[0].isupper()):
                continue
            pos = w + 1
            for _ in range(6):  # the place, then at most five coordinated ones
                pos = self._skip_link(doc, words, pos)
                if pos is None:
                    break
                end = self._name_chain(doc, words, pos)
                if end == pos:
                    break
                start_tok, end_tok = words[pos], words[end - 1] + 1
                if not any(t in taken for t in range(start_tok, end_tok)):
                    out.append(Mention(start_tok, end_tok, "trigger", kind=kind))
                pos = end
                # coordination: ", X", "et X", "et de X"
                if pos < len(words) and doc[words[pos]].text in (",", "et"):
                    pos += 1
                    continue
                break
        return out

    def dateline_mentions(self, doc: Doc, words: Sequence[int], taken: set[int]) -> list[Mention]:
        """Each capitalised name of the dateline ("Genève/Port-au-Prince – ", "Italy - ") is a place."""
        span = self._dateline_span(doc)
        if span is None:
            return []
        out: list[Mention] = []
        chunk: list[int] = []
        for tok in list(span) + [None]:
            if tok is not None and not tok.is_space and not self._separates(tok):
                chunk.append(tok.i)
                continue
            if chunk:
                text = doc[chunk[0]:chunk[-1] + 1].text
                if (is_capitalised(text) and not any(c.isdigit() for c in text)
                        and not any(i in taken for i in chunk) and fold(text) not in self.not_places
                        and all(is_capitalised(doc[i].text) or doc[i].text.lower() in self.particles
                                or not fold(doc[i].text) for i in chunk)):
                    out.append(Mention(chunk[0], chunk[-1] + 1, "dateline", kind="city"))
            chunk = []
        return out

    def ner_mentions(self, doc: Doc, taken: set[int]) -> list[Mention]:
        """The model's LOC entities that look like places and that no other source found."""
        if not self.settings.use_ner:
            return []
        out = []
        for ent in doc.ents:
            if ent.label_ not in ("LOC", "GPE"):
                continue
            start = ent.start
            while start < ent.end and (doc[start].lower_ in self.particles or doc[start].lower_ in ELIDED):
                start += 1
            if start >= ent.end or any(i in taken for i in range(start, ent.end)):
                continue
            span = doc[start:ent.end]
            if self.looks_like_place(span):
                out.append(Mention(span.start, span.end, "ner", kind="city"))
        return out

    def looks_like_place(self, span: Span) -> bool:
        """Whether a model entity can be a place: capitalised proper noun, no menu word, demonym or acronym."""
        text = strip_elision(span.text)
        words = [t for t in span if not t.is_space and fold(t.text)]
        if not words or len(words) > self.max_tokens or not is_capitalised(text):
            return False
        if any(c.isdigit() or c == "@" for c in text) or fold(text) in self.not_places:
            return False
        if any(fold(t.text) in self.not_places for t in words if len(words) == 1 or t.i == span.start):
            return False
        if self._has_head(words):
            return False
        if any(not is_capitalised(t.text) and t.lower_ not in self.particles and t.text not in ("-",)
               for t in words):
            return False
        if len(words) == 1 and (words[0].pos_ not in ("PROPN", "") or is_demonym(text, self.demonym_suffixes)):
            return False
        if text.replace(".", "").isupper() and len(fold(text)) <= 5:
            return False
        return True

    # ------------------------------------------------------------------ filtering
    def keep(self, doc: Doc, m: Mention) -> bool:
        """False for a mention inside an organisation's, a plan's or a person's name."""
        span = doc[m.start:m.end]
        if fold(strip_elision(span.text)) in self.not_places:
            return False
        if m.source == "extended":
            # an unknown name a town's name starts: not a plan's or a body's name ("Ouagadougou Action Plan")
            if self._has_head([t for t in span if fold(t.text)]):
                return False
            if any(e.label_ == "ORG" and e.start < m.end and m.start < e.end for e in doc.ents):
                return False
        if self._inside_name(doc, m.start, self.plan_heads):
            return False
        orgs = doc.spans[self.settings.org_key] if self.settings.org_key in doc.spans else None
        if orgs is not None:
            for org in orgs:
                if org.start < m.end and m.start < org.end and not self._org_compound(doc, org, m):
                    return False
        else:
            if self._inside_name(doc, m.start, self.org_heads):
                return False
            for ent in doc.ents:
                if (ent.label_ == "ORG" and ent.start <= m.start and m.end <= ent.end
                        and not self._org_compound(doc, ent, m)
                        and any(t.text in self.org_heads for t in doc[ent.start:m.start])):
                    return False
        kinds = {self.gazetteer.places[i].kind for i, _ in m.candidates}
        for ent in doc.ents:
            if ent.label_ != "PER" or not (ent.start < m.end and m.start < ent.end) or m.source == "trigger":
                continue
            # a place's name inside a person's ("Dominique Martin", "Brad Mellicker"); a whole PER entity only
            # when no gazetteer knows it as a country or a town
            if (ent.start, ent.end) != (m.start, m.end) or not kinds:
                return False
        return True

    def _has_head(self, words: Sequence[Token]) -> bool:
        """True when a name holds an organisation's or a plan's head word ("Croix-Rouge Suisse", "Action Plan")."""
        for i in range(len(words)):
            key = ""
            for tok in words[i:i + 3]:
                key += fold(strip_elision(tok.text)) if not key else fold(tok.text)
                if key in self.head_keys:
                    return True
        return False

    def _org_compound(self, doc: Doc, org: Span, m: Mention) -> bool:
        """True for an acronym followed by its place: "OIM Niger", "l'OIM au Tchad" (the place is a place)."""
        before = [t for t in doc[org.start:m.start] if not t.is_space]
        if m.start < org.start or not before:
            return False
        acronyms = [t for t in before if t.lower_ not in self.compound_links and t.lower_ not in ELIDED]
        return bool(acronyms) and all(t.text.isupper() and len(t.text) >= 2 for t in acronyms)

    def _inside_name(self, doc: Doc, start: int, heads: frozenset[str]) -> bool:
        """True when a place follows a name head and a linking word: "Plan d'action de Ouagadougou"."""
        i = start - 1
        while i >= 0 and (doc[i].is_space or doc[i].lower_ in ("la", "l'", "l’", "le", "les")):
            i -= 1
        if i < 0 or doc[i].lower_ not in self.org_links:
            return False
        lower_words = 0
        for j in range(i - 1, max(-1, i - 10), -1):
            tok = doc[j]
            if tok.is_space or tok.text in ("-", "'", "’"):
                continue
            if tok.text in BREAKERS or tok.lower_ in ("et", "and", "à", "au", "aux", "en"):
                return False
            if tok.text in heads:
                return True
            if not is_capitalised(tok.text) and tok.lower_ not in self.particles and tok.lower_ not in ELIDED:
                lower_words += 1
                if lower_words > 3:
                    return False
        return False

    # ------------------------------------------------------------------ resolving
    def resolve(self, doc: Doc, mentions: list[Mention]) -> None:
        """Pick each gazetteer mention's place by the document's countries; give unknown places a country."""
        places = self.gazetteer.places
        counts: Counter = Counter()
        for m in mentions:
            countries = {places[i].country for i, _ in m.candidates if places[i].kind == "country"}
            if not countries:
                countries = {places[i].country for i, _ in m.candidates}
            if len(countries) == 1 and None not in countries:
                counts[next(iter(countries))] += 1
        chosen: dict[str, Place] = {}
        for m in mentions:
            if not m.candidates:
                continue
            key = fold(doc[m.start:m.end].text)
            if key not in chosen:
                best = max(m.candidates, key=lambda c: self._rank(places[c[0]], c[1], counts))
                chosen[key] = places[best[0]]
            m.place = chosen[key]
            m.country = m.place.country
        main = dominant_country(Counter(m.country for m in mentions if m.place and m.country))
        for m in mentions:
            if m.place is not None:
                continue
            sent = doc[m.start].sent if doc.has_annotation("SENT_START") else doc[:]
            near = [o for o in mentions if o.place is not None and o.country and sent.start <= o.start < sent.end]
            nearest = min(near, key=lambda o: (abs(o.start - m.start), o.place.kind != "country"), default=None)
            if nearest is not None and abs(nearest.start - m.start) <= self.context_window:
                m.country = nearest.country  # "à Korogh, dans la province de Badakhshan"
            elif main is not None or nearest is None:
                m.country = main  # the country the release is about
            else:
                m.country = nearest.country

    @staticmethod
    def _rank(place: Place, main_name: bool, counts: Counter) -> tuple:
        # a country's name is the country, an area's the area ("Sahel", not Burkina's Sahel region); then the
        # document's most named country, curated over ISO/GeoNames, a city over a region of its name ("Genève"),
        # a main name over an alternate one, the bigger city
        return (place.kind == "country", place.kind == "area", counts.get(place.country, 0), place.curated,
                place.kind == "city", main_name, place.population)

    # ------------------------------------------------------------------ writing
    def set_annotations(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        """Write the mentions to ``doc.spans[spans_key]`` with their ``iom_loc`` value (shared id per place)."""
        firsts: dict[str, dict] = {}
        spans = []
        for m in mentions:
            span = doc[m.start:m.end]
            written = " ".join(span.text.split())
            if m.place is not None:
                pid, kind, gid = m.place.id, m.place.kind, m.place.geonameid
            else:
                pid, kind, gid = "loc:" + fold(written), m.kind or "city", None
            value = firsts.setdefault(pid, {"id": pid, "name": written, "country": m.country, "kind": kind,
                                            "geonameid": gid})
            span._.iom_loc = dict(value)
            spans.append(span)
        doc.spans[self.settings.spans_key] = spans

    # ------------------------------------------------------------------ helpers
    def _dateline_span(self, doc: Doc) -> Span | None:
        bounds = doc.user_data.get(DATELINE_KEY)
        if not bounds:
            return None
        return doc.char_span(bounds[0], bounds[1], alignment_mode="expand")

    def _dateline_tokens(self, doc: Doc) -> set[int]:
        span = self._dateline_span(doc)
        return set(range(span.start, span.end)) if span is not None else set()

    @staticmethod
    def _separates(tok: Token) -> bool:
        """Dateline separators: "/", ",", dashes, and a hyphen standing between spaces."""
        if tok.text in ("/", ",", "–", "—", ":", "|"):
            return True
        return tok.text == "-" and (bool(tok.whitespace_) or tok.i == 0 or bool(tok.nbor(-1).whitespace_))

    def _skip_link(self, doc: Doc, words: Sequence[int], pos: int) -> int | None:
        """Position after a trigger link ("de", "d'", "du", "de la", "de l'"), or None if there is none."""
        if pos >= len(words):
            return None
        first = fold(doc[words[pos]].text)
        if first not in self.trigger_links and first not in ("la", "l"):
            return None
        pos += 1
        if first in ("de", "d", "la", "l") and pos < len(words) and fold(doc[words[pos]].text) in ("la", "l"):
            pos += 1
        return pos

    def _name_chain(self, doc: Doc, words: Sequence[int], pos: int) -> int:
        """End (word position) of a capitalised name starting at ``pos``: "San Lorenzo", "Mayo-Tsanaga"."""
        end = pos
        limit = min(len(words), pos + self.max_tokens)
        while end < limit:
            tok = doc[words[end]]
            text = tok.text
            if is_capitalised(text) and fold(text) and not (text.isupper() and len(text) > 1 and end == pos):
                if fold(text) in self.not_places or (end == pos and text.lower() in self.particles):
                    break
                end += 1
            elif text == "-" and end > pos and end + 1 < limit and is_capitalised(doc[words[end + 1]].text):
                end += 1
            elif (end > pos and text.lower() in self.particles and text.lower() not in ("et", "en", "au", "aux")
                  and end + 1 < limit and is_capitalised(doc[words[end + 1]].text)):
                end += 1
            else:
                break
        return end


@Language.factory(
    "iom_locations",
    assigns=["doc.spans", "span._.iom_loc"],
    default_config={"spans_key": SPAN_KEYS["locations"], "gazetteer": "locations/gazetteer.jsonl",
                    "use_ner": True},
)
def make_locations(nlp: Language, name: str, spans_key: str, gazetteer: str, use_ner: bool) -> LocationFinder:
    """Build the ``iom_locations`` component (see :class:`LocationFinder`)."""
    return LocationFinder(nlp, name, settings=LocationSettings(spans_key=spans_key, gazetteer=gazetteer,
                                                               use_ner=use_ner))
