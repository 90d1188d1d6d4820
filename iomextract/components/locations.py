"""The ``iom_locations`` component: every named place of a release, with its country.

Mentions come from four sources, strongest first:

1. the compiled gazetteer (``models/locations/gazetteer.jsonl``: countries, areas, regions, GeoNames cities), looked
   up over token n-grams by an accent- and punctuation-free key, so "Ali Sabieh" and "Ali-Sabieh", "San\\nLorenzo"
   and "San Lorenzo" are one form;
2. a capitalised name after a place noun ("la ville de San Lorenzo", "l'Etat d'Unité", "camps de Lolo et de Gado");
3. the dateline (``doc.user_data["iom_dateline"]``): each of "Genève/Port-au-Prince" is a place;
4. the model's LOC entities that look like places (capitalised, a proper noun, no menu word, no demonym).

Before them, a lower-case feature noun and its name make one place ("le lac Tchad", "le golfe d'Aden", "la vallée de
Sula": ``models/locations/features.json``); after them, a capitalised name after "à" is a place ("à Spin Boldak").
"l'Etat de Borno" keeps its noun; a name after "province de", "région de"... is a region (a compass word too: "le
département de l'Ouest"). Storm names, people's names (after a title or a speech verb, before ", porte-parole"), plural
demonyms and places inside a name defined by its acronym are dropped, and so is a small town of a country the
document never names.

Mentions inside an organisation's or a plan's name are dropped ("Plan d'action de Ouagadougou"), except an acronym
followed by its country ("OIM Niger", "l'OIM au Tchad"). A name the gazetteer gives several places is resolved by
the countries the document names ("Tripoli" is in Libya in a release about Libya); a place the gazetteer does not
know takes its country from the nearest place of its sentence, else from the document's main country.
"""
from __future__ import annotations

import gc
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, NamedTuple, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .base import RuleComponent
from ..resources import load_json, load_jsonl, load_lines
from .extensions import DATELINE_KEY, SPAN_KEYS, TITLE_KEY, ensure_extensions

NON_ALNUM = re.compile(r"[^a-z0-9]+")
# tokens a place name never spans ("Genève/Port-au-Prince" is two places, "Niger, Mali" two)
BREAKERS = frozenset(",;:()[]{}/–—.!?«»\"“”|")
ELIDED = ("l'", "l’", "d'", "d’")
# words no place name starts with in a French text ("à Ali Sabieh" is not the town "Aali" + "Sabieh")
PREPOSITIONS = frozenset({"à", "au", "aux", "en", "dans", "vers", "par", "pour", "sur", "chez", "et", "ou", "de", "du",
                          "des", "d'", "d’"})


@contextmanager
def no_gc():
    """Pause the cyclic garbage collector: building 40,000 places allocates only acyclic objects, and the collector's
    repeated passes over the growing heap would otherwise take two thirds of the load time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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


class Place(NamedTuple):
    """One gazetteer place (a named tuple: 40,000 of them are built at load time, faster than dataclasses)."""

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
    feature: str | None = None  # a geographic feature's class ("water", "named", "context"), see features.json
    inner: tuple[tuple[int, bool], ...] = ()  # gazetteer candidates of a feature's name ("Cameroun" in "mont Cameroun")
    prefix: int = 0  # tokens of a generic noun the name starts with ("Etat de" in "Etat de Borno")
    admin: bool = False  # written after an administrative noun ("province de Huambo"): a region, not a town


@dataclass(frozen=True)
class LocationSettings:
    """Options of the component (all from the factory's config)."""

    spans_key: str = SPAN_KEYS["locations"]
    gazetteer: str = "locations/gazetteer.jsonl"
    rules: str = "locations/rules.json"
    not_places: str = "locations/not_places.txt"
    features: str = "locations/features.json"
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
        with no_gc():
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
        self.features: dict[str, str] = dict(load_json(settings.features)["nouns"])
        # administrative nouns whose name may be a compass word ("le département de l'Ouest", "région du Centre-Nord")
        self.admin_nouns = frozenset(k for k, v in self.triggers.items()
                                     if v == "region" and k not in ("zone", "zones"))
        self.compass = frozenset(fold(w) for w in rules["compass_names"])
        self.storm_nouns = frozenset(rules["storm_nouns"])
        self.storm_adjectives = frozenset(rules["storm_adjectives"])
        self.speech_verbs = frozenset(rules["speech_verbs"])
        self.person_titles = frozenset(rules["person_titles"])
        self.role_nouns = frozenset(rules["role_nouns"])
        self.plural_determiners = frozenset(rules["plural_determiners"])
        self.small_town = int(rules["small_town_population"])
        self.address_words = frozenset(rules["address_words"])

    # ------------------------------------------------------------------ finding
    def match(self, doc: Doc) -> list[Mention]:
        """All place mentions of ``doc``, filtered and resolved, in text order."""
        words = [t.i for t in doc if not t.is_space]
        blocked: set[int] = set()
        features = self.feature_mentions(doc, words)  # before the gazetteer: "fleuve Niger" is not the country
        mentions = self.gazetteer_mentions(doc, words, blocked, {i for m in features for i in range(m.start, m.end)})
        mentions += features
        taken = {i for m in mentions for i in range(m.start, m.end)} | blocked
        for extra in (self.trigger_mentions(doc, words, taken), self.dateline_mentions(doc, words, taken),
                      self.locative_mentions(doc, words, taken), self.ner_mentions(doc, taken)):
            for m in extra:
                if not any(i in taken for i in range(m.start, m.end)):
                    mentions.append(m)
                    taken.update(range(m.start, m.end))
        index = SpanIndex(doc, self.settings.org_key)
        mentions = [m for m in mentions if self.keep(doc, m, index)]
        mentions.sort(key=lambda m: m.start)
        for m in mentions:
            self.mark_generic_noun(doc, m)
        self.resolve(doc, mentions)
        return mentions

    def feature_mentions(self, doc: Doc, words: Sequence[int]) -> list[Mention]:
        """A lower-case feature noun and the name after it, as one place: "le lac Tchad", "le golfe d'Aden",
        "la vallée de Sula", "le bassin du lac Tchad". A form the gazetteer knows keeps its place ("îles Salomon")."""
        gz = self.gazetteer
        out: list[Mention] = []
        w = 0
        while w < len(words):
            found = self._feature_end(doc, words, w)
            if found is None:
                w += 1
                continue
            end, name_pos = found
            start_tok, end_tok = words[w], words[end - 1] + 1
            key = fold(doc[start_tok:end_tok].text)
            if key in gz.index:
                out.append(Mention(start_tok, end_tok, "gazetteer", gz.index[key]))
            else:
                inner = gz.index.get(fold(doc[words[name_pos]:end_tok].text), ())
                out.append(Mention(start_tok, end_tok, "feature", kind="area",
                                   feature=self.features[doc[start_tok].lower_], inner=inner))
            w = end
        return out

    def _feature_end(self, doc: Doc, words: Sequence[int], w: int, nested: bool = False) -> tuple[int, int] | None:
        """(end, start of the name) in word positions of a feature noun + name starting at ``w``, or None.

        The noun is written in lower case ("la mer Rouge"), or capitalised at a sentence start; the name may itself
        be a feature ("bassin du lac Tchad", one level deep)."""
        tok = doc[words[w]]
        if tok.lower_ not in self.features:
            return None
        if not (tok.text[0].islower() or (not nested and (tok.i == 0 or tok.is_sent_start))):
            return None
        pos = self._skip_link(doc, words, w + 1)
        if pos is None:
            pos = w + 1
        if pos >= len(words):
            return None
        nxt = doc[words[pos]]
        if nxt.lower_ in self.features and nxt.text[0].islower():
            if nested:
                return None
            inner = self._feature_end(doc, words, pos, nested=True)
            return None if inner is None else (inner[0], pos)
        end = self._name_chain(doc, words, pos)
        if end > pos and end + 1 < len(words) and doc[words[end]].text == "/" and words[end + 1] == words[end] + 1 \
                and not doc[words[end - 1]].whitespace_ and not doc[words[end]].whitespace_:
            end = max(end, self._name_chain(doc, words, end + 1))  # two names of one river: "Bahr-al-arab/Kiir"
        return (end, pos) if end > pos else None

    def mark_generic_noun(self, doc: Doc, m: Mention) -> None:
        """Note the administrative noun before a name: "l'Etat de Borno" is one place (the gold writes the State
        with its noun), "la province de Huambo" and "les régions de Jhapa et de Morang" are regions, not towns."""
        i = m.start - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i < 1 or fold(doc[i].text) not in ("de", "d", "du"):
            return
        links_only = True  # only "de", "de la", "de l'" between the noun and the name
        j = i - 1
        while j > 0 and (doc[j].is_space or fold(doc[j].text) in ("la", "l")):
            j -= 1
        if doc[j].lower_ not in self.admin_nouns and doc[j].text not in (",", "et"):
            return  # "la région de l'Extrême-Nord du Cameroun": Cameroun is not the region's name
        for j in range(i - 1, max(-1, i - 16), -1):
            tok = doc[j]
            if tok.lower_ in self.admin_nouns:
                m.admin = True
                if links_only and tok.text in ("Etat", "État") and doc[i].lower_ != "du":
                    m.prefix = m.start - j  # the State's noun is part of its name
                    m.start = j
                return
            if tok.is_space or fold(tok.text) in ("la", "l"):
                continue
            links_only = False
            if not (tok.text in (",", "et", "-", "'", "’") or is_capitalised(tok.text)
                    or fold(tok.text) in ("de", "d", "du", "des")):
                return

    def gazetteer_mentions(self, doc: Doc, words: Sequence[int], blocked: set[int],
                           skip: set[int] | frozenset[int] = frozenset()) -> list[Mention]:
        """Longest gazetteer forms over the doc's word tokens, left to right (line breaks inside skipped), never
        across the end of the title: "… dans la province du Lac" + "N'Djamena – …" are two places.

        Tokens of a ``not_places`` phrase ("Boko Haram") are added to ``blocked`` so no other source takes them;
        tokens in ``skip`` (features already found) are not looked up.
        """
        gz = self.gazetteer
        dateline = self._dateline_tokens(doc)
        title_end = (doc.user_data.get(TITLE_KEY) or (-1, -1))[1]
        found: list[Mention] = []
        lower_later: list[tuple[Mention, str]] = []
        seen_keys: set[str] = set()
        w = 0
        while w < len(words):
            if words[w] in skip:
                w += 1
                continue
            stop = self._not_place_at(doc, words, w)
            if stop:  # "Boko Haram" is not the towns Boko and Haram
                blocked.update(range(words[w], words[w + stop - 1] + 1))
                w += stop
                continue
            best, best_key, key, inner_lower = 0, "", "", False
            for n in range(1, min(12, len(words) - w) + 1):
                tok = doc[words[w + n - 1]]
                if tok.text in BREAKERS or tok.i in skip:
                    break
                if n > 1 and doc[words[w + n - 2]].idx < title_end <= tok.idx:
                    break
                key += fold(tok.text)
                if len(key) > gz.max_key:
                    break
                if not fold(tok.text):
                    continue
                if (n > 1 and not is_capitalised(tok.text) and tok.lower_ not in self.inner_words
                        and not self._after_apostrophe(tok)):  # "Cox's Bazar" is tokenised "Cox'" "s" "Bazar"
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
            head = self._hyphen_head(doc, words, w)
            if head is not None and not (found and found[-1].end > words[head]):
                # "Gourma" in "Liptako-Gourma": the whole compound is one unknown name
                end_w = self._name_chain(doc, words, head)
                found.append(Mention(words[head], words[end_w - 1] + 1, "extended", kind="city"))
                w = end_w
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

    @staticmethod
    def _after_apostrophe(tok: Token) -> bool:
        """True for a token glued to a preceding word that ends with an apostrophe (the "s" of "Cox's")."""
        if tok.i == 0:
            return False
        prev = tok.doc[tok.i - 1]
        return not prev.whitespace_ and len(prev.text) > 1 and prev.text[-1] in "'’" and prev.text[0].isupper()

    def _hyphen_head(self, doc: Doc, words: Sequence[int], w: int) -> int | None:
        """Word position of the capitalised word a match at ``w`` is hyphened to ("Liptako" before "-Gourma")."""
        if w < 2 or words[w - 1] != words[w] - 1 or words[w - 2] != words[w] - 2:
            return None
        hyphen, head = doc[words[w - 1]], doc[words[w - 2]]
        if hyphen.text != "-" or hyphen.whitespace_ or head.whitespace_ or not is_capitalised(head.text):
            return None
        if fold(head.text) in self.not_places or head.lower_ in self.particles:
            return None
        return w - 2

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
        elif is_capitalised(nxt.text) and nxt.lower_ not in self.particles and self._town_only(fold(nxt.text)):
            start = pos  # "Dollo Ado": a second word that is at most a town's name elsewhere continues the name
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

    def _town_only(self, key: str) -> bool:
        """True when ``key`` is no gazetteer form, or only the name of towns (no country, area or region)."""
        places = self.gazetteer.places
        return all(places[i].kind == "city" for i, _ in self.gazetteer.index.get(key, ()))

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
                if end == pos and doc[i].lower_ in self.admin_nouns:
                    end = self._compass_chain(doc, words, pos)  # "le département de l'Ouest", "région du Centre-Nord"
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

    def _compass_chain(self, doc: Doc, words: Sequence[int], pos: int) -> int:
        """End of a capitalised compass name at ``pos`` ("Ouest", "Nord-Est", "Centre-Nord"), else ``pos``."""
        best = pos
        for n in range(1, 4):
            if (pos + n > len(words) or words[pos + n - 1] != words[pos] + n - 1
                    or doc[words[pos + n - 1]].text in BREAKERS):
                break
            toks = doc[words[pos]:words[pos + n - 1] + 1]
            if is_capitalised(toks.text) and fold(toks.text) in self.compass and not toks[-1].text == "-":
                best = pos + n
        return best

    def locative_mentions(self, doc: Doc, words: Sequence[int], taken: set[int]) -> list[Mention]:
        """Capitalised names after "à" that no other source knows: "à Spin Boldak", "à Bar Elias et Qab Elias"
        (not after a verb addressing a person, "a déclaré à"; bodies are dropped later by the organisation spans)."""
        out: list[Mention] = []
        for w, i in enumerate(words[:-1]):
            if doc[i].lower_ != "à" or (w > 0 and doc[words[w - 1]].lower_ in self.address_words):
                continue
            pos = w + 1
            for _ in range(4):  # the place, then at most three coordinated ones ("et X", ", X")
                end = self._name_chain(doc, words, pos)
                if end == pos or end - pos > 3:
                    break
                start_tok, end_tok = words[pos], words[end - 1] + 1
                if any(t in taken for t in range(start_tok, end_tok)) or not self._plain_name(doc[start_tok:end_tok]):
                    break
                out.append(Mention(start_tok, end_tok, "locative", kind="city"))
                if end + 1 < len(words) and doc[words[end]].text in (",", "et"):
                    pos = end + 1
                    continue
                break
        return out

    def _plain_name(self, span: Span) -> bool:
        """A name that can be a place's: no digit, acronym, head word, title, or body the model sees."""
        text = span.text
        if any(c.isdigit() or c == "@" for c in text) or text.replace("-", "").isupper():
            return False
        if fold(text) in self.not_places or any(fold(t.text) in self.not_places for t in span if fold(t.text)):
            return False
        if self._has_head([t for t in span if fold(t.text)]):
            return False
        return not any(e.label_ == "ORG" and e.start < span.end and span.start < e.end for e in span.doc.ents)

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
            end = ent.end
            if (end + 1 < len(doc) and doc[end - 1].whitespace_ == " " and is_capitalised(doc[end].text)
                    and end not in taken and doc[end].lower_ not in self.particles and not doc[end].text.isupper()
                    and fold(doc[end].text) not in self.not_places and self._town_only(fold(doc[end].text))
                    and not (doc[end].ent_iob_ == "B")):
                end += 1  # the model cut the name: "Dollo" of "Dollo Ado"
            span = doc[start:end]
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
    def keep(self, doc: Doc, m: Mention, index: "SpanIndex | None" = None) -> bool:
        """False for a mention inside an organisation's, a plan's or a person's name."""
        index = index if index is not None else SpanIndex(doc, self.settings.org_key)
        span = doc[m.start:m.end]
        key = fold(strip_elision(span.text))
        if key in self.not_places and not (m.source == "trigger" and key in self.compass):
            return False
        kinds = {self.gazetteer.places[i].kind for i, _ in m.candidates}
        if not kinds & {"country", "area"}:
            if self._after_storm_noun(doc, m.start) or self._person_context(doc, m, kinds):
                return False
            if self._plural_demonym(doc, m, kinds):
                return False
        if m.source != "feature" and self._in_defined_name(doc, m):
            return False
        if m.source == "extended":
            # an unknown name a town's name starts: not a plan's or a body's name ("Ouagadougou Action Plan")
            if self._has_head([t for t in span if fold(t.text)]):
                return False
            if any(e.label_ == "ORG" for e in index.entities(m.start, m.end)):
                return False
        if self._inside_name(doc, m.start, self.plan_heads):
            return False
        if index.has_orgs:
            for org in index.orgs(m.start, m.end):
                if not self._org_compound(doc, org, m):
                    return False
        else:
            if self._inside_name(doc, m.start, self.org_heads):
                return False
            for ent in index.entities(m.start, m.end):
                if (ent.label_ == "ORG" and ent.start <= m.start and m.end <= ent.end
                        and not self._org_compound(doc, ent, m)
                        and any(t.text in self.org_heads for t in doc[ent.start:m.start])):
                    return False
        for ent in index.entities(m.start, m.end):
            if ent.label_ != "PER" or m.source == "trigger":
                continue
            # a place's name inside a person's ("Dominique Martin", "Brad Mellicker"); a whole PER entity only
            # when no gazetteer knows it as a country or a town
            if (ent.start, ent.end) != (m.start, m.end) or not kinds:
                return False
        return True

    def _after_storm_noun(self, doc: Doc, start: int) -> bool:
        """True for the name of a storm: "l'ouragan Iota", "le cyclone tropical Freddy", "les ouragans Eta et Iota"."""
        for j in range(start - 1, max(-1, start - 6), -1):
            tok = doc[j]
            if tok.lower_ in self.storm_nouns:
                return True
            if not (tok.is_space or tok.lower_ in self.storm_adjectives or tok.text in (",", "et")
                    or (is_capitalised(tok.text) and j < start - 1)):
                return False
        return False

    def _person_context(self, doc: Doc, m: Mention, kinds: set[str]) -> bool:
        """True for a person's name: after a title ("Mme Rana Haddad") or a speech verb ("a déclaré Rana Haddad"),
        or a name of two words before ", cheffe de mission" (a role noun, optionally after an article)."""
        prev = [t for t in doc[max(0, m.start - 3):m.start] if not t.is_space]
        if prev and (prev[-1].text in self.person_titles or prev[-1].lower_ in self.speech_verbs):
            return True
        names = len([t for t in doc[m.start:m.end] if fold(t.text)])
        first = m.start - 1  # a first name before a surname the gazetteer knows: "Adam Ouaddai"
        if first >= 0 and doc[first].text.isalpha() and is_capitalised(doc[first].text) \
                and doc[first].lower_ not in PREPOSITIONS and doc[first].lower_ not in self.particles:
            names += 1
        if names < 2:
            return False
        after = [t for t in doc[m.end:m.end + 4] if not t.is_space]
        if len(after) < 2 or after[0].text != ",":
            return False
        role = after[2] if after[1].lower_ in ("le", "la", "l'", "l’", "un", "une") and len(after) > 2 else after[1]
        return role.lower_ in self.role_nouns

    def _plural_demonym(self, doc: Doc, m: Mention, kinds: set[str]) -> bool:
        """True for a nationality noun in the plural: "les Afghans", "des Kényans" (a town's name in GeoNames)."""
        text = doc[m.start:m.end].text
        if " " in text or not text.endswith(("s", "x")) or not is_demonym(text, self.demonym_suffixes):
            return False
        if kinds - {"city"}:
            return False
        prev = [t for t in doc[max(0, m.start - 2):m.start] if not t.is_space]
        return bool(prev) and prev[-1].lower_ in self.plural_determiners

    def _in_defined_name(self, doc: Doc, m: Mention) -> bool:
        """True for a place inside a capitalised name followed by its acronym that no organisation span covers:
        "Coopérative pour le développement du Congo (CODECO)"; also the acronym itself, "(CODECO)"."""
        toks = [t for t in doc[m.start:m.end] if not t.is_space]
        if (len(toks) == 1 and toks[0].text.isupper() and len(toks[0].text) > 1 and m.start > 0
                and doc[m.start - 1].text == "(" and m.end < len(doc) and doc[m.end].text == ")"
                and fold(toks[0].text) not in self.gazetteer.acronyms):
            return True  # an acronym defined in parentheses is a body's, not a place's
        after = [t for t in doc[m.end:m.end + 3] if not t.is_space]
        if len(after) < 3 or after[0].text != "(" or after[2].text != ")":
            return False
        acronym = after[1].text
        if (not (acronym.isupper() and acronym.isalpha() and len(acronym) >= 2)
                or fold(acronym) in self.gazetteer.acronyms):
            return False
        lower = 0
        for j in range(m.start - 1, max(-1, m.start - 12), -1):
            tok = doc[j]
            if tok.is_space or tok.lower_ in self.particles or tok.lower_ in ELIDED:
                continue
            if tok.text in BREAKERS:
                return False
            if is_capitalised(tok.text) and fold(tok.text)[:1] == fold(acronym)[:1]:
                return True
            if not is_capitalised(tok.text):
                lower += 1
                if lower > 4:
                    return False
        return False

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
        """Pick each gazetteer mention's place by the document's countries; give unknown places a country.

        A small foreign town is dropped when the document names other countries but never its own ("Ratu" is a
        title in a release about Fiji, not the Indian town); a feature's country comes from its class."""
        places = self.gazetteer.places
        counts: Counter = Counter()
        for m in mentions:
            countries = {places[i].country for i, _ in m.candidates if places[i].kind == "country"}
            if not countries:
                countries = {places[i].country for i, _ in m.candidates}
            if len(countries) == 1 and None not in countries:
                counts[next(iter(countries))] += 1
        named = self.named_countries(mentions)
        admin_keys = {self._name_key(doc, m) for m in mentions
                      if m.admin and not any(places[i].kind == "country" for i, _ in m.candidates)}
        dateline = self._dateline_tokens(doc)
        chosen: dict[str, Place] = {}
        kept: list[Mention] = []
        starts = [m.start for m in mentions]  # mentions are in text order
        for m in mentions:
            if m.candidates:
                key = self._name_key(doc, m)
                # "l'Etat de Bolívar" next to "Venezuela"; only needed the first time a name is resolved
                near = self._near_countries(m, mentions, starts) if key not in chosen else {}
                if key not in chosen and key in admin_keys:
                    # "la province de Huambo" is the province, not the town; "les régions de Morang" is no foreign
                    # town of that name: without a region of the name, an unknown region of the context
                    candidates = (tuple(c for c in m.candidates if places[c[0]].kind in ("region", "area", "camp"))
                                  or tuple(c for c in m.candidates if places[c[0]].country in near))
                    if not candidates:
                        m.candidates, m.kind = (), "region"
                        kept.append(m)
                        continue
                    m.candidates = candidates
                if key not in chosen:
                    best = max(m.candidates, key=lambda c: self._rank(places[c[0]], c[1], counts, named, near))
                    chosen[key] = places[best[0]]
                m.place = chosen[key]
                m.country = m.place.country
                if named and m.start not in dateline and self._stray_town(m.place, named):
                    continue
            kept.append(m)
        mentions[:] = kept
        main = dominant_country(Counter(m.country for m in mentions if m.place and m.country))
        placed = [o for o in mentions if o.place is not None and o.country]
        placed_starts = [o.start for o in placed]
        for m in mentions:
            if m.place is not None or m.feature == "water":
                continue  # a lake, a sea, a river: shared or crossing borders, no country
            if m.feature == "named" and m.inner:  # "mont Cameroun", "île Maurice": the country of the name
                best = max(m.inner, key=lambda c: self._rank(places[c[0]], c[1], counts, named))
                m.country = places[best[0]].country
                continue
            sent = doc[m.start].sent if doc.has_annotation("SENT_START") else doc[:]
            near = placed[bisect_left(placed_starts, sent.start):bisect_left(placed_starts, sent.end)]
            nearest = min(near, key=lambda o: (abs(o.start - m.start), o.place.kind != "country"), default=None)
            if nearest is not None and abs(nearest.start - m.start) <= self.context_window:
                m.country = nearest.country  # "à Korogh, dans la province de Badakhshan"
            elif main is not None or nearest is None:
                m.country = main  # the country the release is about
            else:
                m.country = nearest.country

    def named_countries(self, mentions: Sequence[Mention]) -> set[str]:
        """Countries the document names: by their own name, or through a region, a camp or a big city of theirs
        (a small town alone does not say which country it is in)."""
        places = self.gazetteer.places
        named: set[str] = set()
        for m in mentions:
            cands = [places[i] for i, _ in m.candidates]
            countries = {p.country for p in cands if p.kind == "country"}
            if not countries and any(p.kind != "city" or p.curated or p.population >= self.small_town for p in cands):
                countries = {p.country for p in cands}
                countries = countries if len(countries) == 1 else set()
            named |= countries - {None}
        return named

    def _near_countries(self, m: Mention, mentions: Sequence[Mention], starts: Sequence[int]) -> dict[str, int]:
        """Countries named by their own name within the context window of ``m``, with their distance in tokens
        (``mentions`` in text order, ``starts`` their start tokens: only the window is looked at)."""
        places = self.gazetteer.places
        near: dict[str, int] = {}
        lo = bisect_left(starts, m.start - self.context_window)
        hi = bisect_right(starts, m.start + self.context_window)
        for o in mentions[lo:hi]:
            gap = abs(o.start - m.start)
            if o is m:
                continue
            for i, _ in o.candidates:
                if places[i].kind == "country":
                    near[places[i].country] = min(gap, near.get(places[i].country, gap))
        return near

    def _stray_town(self, place: Place, named: set[str]) -> bool:
        return (place.kind == "city" and not place.curated and place.population < self.small_town
                and place.country not in named)

    def _name_key(self, doc: Doc, m: Mention) -> str:
        """The lookup key of a mention's name, without a generic noun it starts with ("Etat de")."""
        return fold(doc[m.start + m.prefix:m.end].text)

    @staticmethod
    def _rank(place: Place, main_name: bool, counts: Counter, named: set[str] = frozenset(),
              near: dict[str, int] | None = None) -> tuple:
        # a country's name is the country, an area's the area ("Sahel", not Burkina's Sahel region); then a place in
        # a country the document names, the document's most named country, curated over ISO/GeoNames, the country
        # named nearest, a city over a region of its name ("Genève"), a main name over an alternate one, the bigger
        # city
        distance = (near or {}).get(place.country, 1 << 20)
        return (place.kind == "country", place.kind == "area", place.country in named, counts.get(place.country, 0),
                place.curated, -distance, place.kind == "city", main_name, place.population)

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
                if ((fold(text) in self.not_places and not (end > pos and fold(text) in self.compass))
                        or (end == pos and text.lower() in self.particles)):
                    break
                end += 1
                if end - 1 > pos and fold(text) in self.compass:
                    break  # a compass word ends a name ("Makatam Sud") but never is one
            elif text == "-" and end > pos and end + 1 < limit and is_capitalised(doc[words[end + 1]].text):
                end += 1
            elif (text == "-" and end > pos and end + 1 < limit and not tok.whitespace_
                  and not doc[words[end - 1]].whitespace_ and doc[words[end + 1]].text.isalpha()):
                end += 1  # "Bahr-al-arab": lower-case parts glued by hyphens
            elif end > pos and doc[words[end - 1]].text == "-" and not doc[words[end - 1]].whitespace_:
                end += 1
            elif (end > pos and self._after_apostrophe(tok) and end + 1 < limit
                  and is_capitalised(doc[words[end + 1]].text)):
                end += 1  # the "s" of "Cox's Bazar"
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


class SpanIndex:
    """The organisation spans and entities of a Doc by token, so each place looks only at those over its tokens
    (scanning them all for every place is quadratic on long pages naming many of both)."""

    def __init__(self, doc: Doc, org_key: str) -> None:
        self.has_orgs = org_key in doc.spans
        self._orgs = self._by_token(doc.spans[org_key] if self.has_orgs else ())
        self._ents = self._by_token(doc.ents)

    @staticmethod
    def _by_token(spans: Iterable[Span]) -> dict[int, list[Span]]:
        out: dict[int, list[Span]] = {}
        for span in spans:
            for i in range(span.start, span.end):
                out.setdefault(i, []).append(span)
        return out

    @staticmethod
    def _over(table: dict[int, list[Span]], start: int, end: int) -> list[Span]:
        seen: dict[tuple[int, int, str], Span] = {}
        for i in range(start, end):
            for span in table.get(i, ()):
                seen.setdefault((span.start, span.end, span.label_), span)
        return sorted(seen.values(), key=lambda s: (s.start, s.end))

    def orgs(self, start: int, end: int) -> list[Span]:
        """Organisation spans sharing a token with ``[start, end)``."""
        return self._over(self._orgs, start, end)

    def entities(self, start: int, end: int) -> list[Span]:
        """Model entities sharing a token with ``[start, end)``."""
        return self._over(self._ents, start, end)
