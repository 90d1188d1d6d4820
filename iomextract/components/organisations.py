"""The ``iom_organisations`` component: one span per organisation mention, every mention of a body sharing an id.

Candidates come, in order of trust, from

1. the gazetteer (``models/organisations/gazetteer.jsonl``, compiled by ``scripts/build_org_gazetteer.py``): names
   and descriptors matched without regard to case, accents or hyphens, acronyms matched exactly; acronyms that are
   also ordinary words ("Sida", "CE") count only when the document names the body otherwise;
2. acronym definitions written in the text (:mod:`iomextract.acronyms`), both ways round; later bare uses of a
   defined acronym link back to the definition;
3. names found from their shape (``name_grammar.json``): a head noun ("ministère", "Agence nationale",
   "Direction générale", "Croix-Rouge") and the complements French name grammar lets follow it
   (:func:`name_extent`): "le ministère de l'Intérieur et de la Décentralisation", "la Croix-Rouge du Vanuatu";
   these replace the model's entities over the same words, which often stop short;
4. the model's ORG/MISC entities, kept only when they open (or, in English, close) on an organisation head noun
   and are no generic group, plan, unit ("Comité de pilotage") or page furniture (``not_organisations.txt``).

Then mentions are tied together: "USAID/OFDA" is one body; a name followed by "du/de la" and another body
("Bureau de la Population, des Réfugiés et des Migrations du Département d'Etat américain") stays two bodies, the
long phrase an alias of the first; "l'Organisation" refers back to the last body whose name opens on that noun;
forms that differ slightly are merged with rapidfuzz. Each span gets ``span._.iom_org = {"id", "name", "acronym",
"source"}`` where ``name`` is the fullest form written in the text and ``acronym`` the one the text uses (else the
gazetteer's first).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc, Span

from .base import RuleComponent
from ..acronyms import WordSets, find_definitions, looks_like_acronym
from ..resources import load_json, load_jsonl, load_lines
from .extensions import SPAN_KEYS, ensure_extensions

SPAN_KEY = SPAN_KEYS["organisations"]
LABEL = "ORG"
_TERMINAL = "\0"
_CONNECTORS = (("du",), ("des",), ("de", "la"), ("de", "l'"), ("d'",))
_DETERMINERS = frozenset({"l'", "la", "le", "les", "cette", "ce"})
# kinds of mention: a name as written, a definition's long form, a model entity, an acronym, a descriptor, a
# phrase holding the name of a second body, a back-reference ("l'Organisation")
NAME_KINDS = ("name", "long", "ner")


def fold(text: str) -> str:
    """The comparison key of a name: lower case, no accents, one apostrophe, hyphens and spaces as one space."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("œ", "oe").replace("Œ", "Oe"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(text.replace("-", " ").split())


def collapse(text: str) -> str:
    """Whitespace runs (line breaks included) as one space."""
    return " ".join(text.split())


def distinct_word(a: str, b: str) -> bool:
    """True when two folded names of as many words differ by a content word that is no variant of its counterpart
    (its first three letters differ): "croix rouge malienne" / "croix rouge italienne" name two bodies, however
    close their letters; "pour les migrations" / "pour la migration" stay variants."""
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) and any(x[:3] != y[:3] for x, y in zip(wa, wb) if len(x) > 3 and len(y) > 3)


@dataclass(frozen=True)
class OrgSettings:
    """Options of the component (all from the factory's config)."""

    spans_key: str = SPAN_KEY
    gazetteer: str = "organisations/gazetteer.jsonl"
    use_ner: bool = True
    ner_labels: tuple[str, ...] = ("ORG", "MISC")
    fuzzy_threshold: int = 90
    use_grammar: bool = True


@dataclass(frozen=True)
class Pattern:
    """One gazetteer row as the matcher needs it."""

    id: str
    kind: str
    weak: bool
    acronym: str | None
    has_upper: bool
    single: bool


@dataclass(frozen=True)
class Mention:
    """A candidate mention: token offsets, the body it names and how it was found."""

    start: int
    end: int
    id: str
    kind: str  # name | long | ner | acronym | alias | compound | backref
    source: str  # gazetteer | definition | ner
    weak: bool = False


@Language.factory(
    "iom_organisations",
    assigns=["doc.spans", "span._.iom_org"],
    default_config={"spans_key": SPAN_KEY, "gazetteer": "organisations/gazetteer.jsonl", "use_ner": True,
                    "fuzzy_threshold": 90, "use_grammar": True},
)
def make_organisations(nlp: Language, name: str, spans_key: str, gazetteer: str, use_ner: bool,
                       fuzzy_threshold: int, use_grammar: bool) -> "OrganisationFinder":
    """Build the ``iom_organisations`` component (``nlp.add_pipe("iom_organisations")``)."""
    settings = OrgSettings(spans_key=spans_key, gazetteer=gazetteer, use_ner=use_ner,
                           fuzzy_threshold=fuzzy_threshold, use_grammar=use_grammar)
    return OrganisationFinder(nlp, name, settings=settings)


class Trie:
    """Token-sequence trie; keys are tuples of sub-token strings."""

    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, key: tuple[str, ...], value: Pattern) -> None:
        node = self.root
        for part in key:
            node = node.setdefault(part, {})
        node.setdefault(_TERMINAL, []).append(value)

    def longest(self, units: list[tuple[str, int, bool]], i: int) -> tuple[int, list[Pattern]] | None:
        """The longest key starting at unit ``i`` and ending on a token's last unit: (end unit, patterns)."""
        node, best = self.root, None
        for j in range(i, len(units)):
            node = node.get(units[j][0])
            if node is None:
                break
            if _TERMINAL in node and units[j][2]:
                best = (j + 1, node[_TERMINAL])
        return best


def _fold_parts(text: str) -> list[str]:
    return fold(text).split()


def _exact_parts(text: str) -> list[str]:
    return [p for p in text.replace("’", "'").replace("-", " ").split() if p]


def _units(tokens: Iterable, parts) -> list[tuple[str, int, bool]]:
    """(part, token index, is the token's last part) for every part of every non-space token."""
    units = []
    for tok in tokens:
        if tok.is_space:
            continue
        pieces = parts(tok.text)
        for k, piece in enumerate(pieces):
            units.append((piece, tok.i, k == len(pieces) - 1))
    return units


def _cut_off(span: Span) -> bool:
    """A name cut by the end of the stored text ("Direction haïtienne de la p"): fewer than 15 characters follow
    it, with no sentence end among them."""
    rest = span.doc.text[span.end_char:]
    return len(rest.strip()) < 15 and not any(c in rest for c in ".!?»")


# ---------------------------------------------------------------------- name grammar
_VERB_TAGS = frozenset({"VERB", "AUX"})


def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


@dataclass(frozen=True)
class NameGrammar:
    """The words of French body-name grammar (``models/organisations/name_grammar.json``): connectors between a
    head noun and its complements, which of them only formal (capitalised) names take, what ends a name."""

    connectors: tuple[tuple[str, ...], ...]  # longest first
    naming_connectors: frozenset[tuple[str, ...]]
    purpose_words: frozenset[str]
    place_words: frozenset[str]
    coordinators: frozenset[str]
    stop_words: frozenset[str]
    adjective_suffixes: tuple[str, ...]
    adjectives: frozenset[str]
    max_tokens: int
    max_red_cross_segments: int


def load_name_grammar(data: dict, function_words: Iterable[str] = (), boundary_words: Iterable[str] = ()
                      ) -> NameGrammar:
    """The grammar from its JSON resource; function and clause words never open a name's complement."""
    def split(phrase: str) -> tuple[str, ...]:
        return tuple(_norm(p) for p in phrase.replace("'", "' ").split())

    connectors = sorted({split(c) for c in data["connectors"]}, key=len, reverse=True)
    return NameGrammar(
        connectors=tuple(connectors),
        naming_connectors=frozenset(split(c) for c in data["naming_connectors"]),
        purpose_words=frozenset(data["purpose_words"]),
        place_words=frozenset(data["place_words"]),
        coordinators=frozenset(data["coordinators"]),
        stop_words=frozenset(_norm(w) for w in [*data["stop_words"], *function_words, *boundary_words]),
        adjective_suffixes=tuple(data["adjective_suffixes"]),
        adjectives=frozenset(data["adjectives"]),
        max_tokens=int(data["max_tokens"]),
        max_red_cross_segments=int(data["max_red_cross_segments"]),
    )


def is_adjective(word: str, tag: str, grammar: NameGrammar) -> bool:
    """A lower-case word that may qualify a name's noun ("fédéral", "sociales", "camerounaise"): tagged ADJ by
    the model, or (without tags) ending like a French adjective; never a verb or a function word."""
    if not word[:1].isalpha() or not word.islower() or tag in _VERB_TAGS:
        return False
    w = _norm(word)
    if w in grammar.stop_words:
        return False
    if w in grammar.adjectives or tag == "ADJ":
        return True
    return any(w.endswith(s) or w.rstrip("sx").endswith(s) for s in grammar.adjective_suffixes)


def match_connector(words: list[str], i: int, grammar: NameGrammar) -> tuple[str, ...] | None:
    """The longest connector ("de la", "du", "aux", "chargé de") starting at word ``i``, or None."""
    for conn in grammar.connectors:
        if tuple(_norm(w) for w in words[i:i + len(conn)]) == conn:
            return conn
    return None


def _compound_end(words: list[str], m: int, blocked: frozenset[int] | set[int]) -> int:
    """Past hyphenated pieces ("Croix" "-" "Rouge", "Asie-Pacifique" split by the tokenizer)."""
    while (m + 1 < len(words) and words[m] == "-" and words[m + 1][:1].isalpha()
           and m not in blocked and m + 1 not in blocked):
        m += 2
    return m


def noun_phrase_end(words: list[str], tags: list[str], k: int, grammar: NameGrammar,
                    blocked: frozenset[int] | set[int] = frozenset()) -> int | None:
    """The end of the complement opening at word ``k`` after a connector: a content word (capitalised, or a lower-case
    word that is no verb, determiner or clause word) and its adjectives or capitalised words; None when none opens."""
    if k >= len(words) or k in blocked:
        return None
    w = words[k]
    if not w[:1].isalpha() or _norm(w) in grammar.stop_words or (w[0].islower() and tags[k] in _VERB_TAGS):
        return None
    m = _compound_end(words, k + 1, blocked)
    while m < len(words) and m not in blocked:
        w2 = words[m]
        if (w2[:1].isupper() and w2[0].isalpha()) or is_adjective(w2, tags[m], grammar):
            m = _compound_end(words, m + 1, blocked)
            continue
        break
    return m


def name_extent(words: list[str], tags: list[str], start: int, grammar: NameGrammar, *, formal: bool = True,
                red_cross: bool = False, blocked: frozenset[int] | set[int] = frozenset()) -> tuple[int, int, bool]:
    """Where a body's name whose head ends at word ``start`` ends, following French name grammar.

    Returns ``(end, segments, modified)``: the end (exclusive), how many "connector + complement" segments the name
    holds and whether adjectives (or capitalised words) follow the head. The name takes adjectives after the head
    ("ministère fédéral"), then segments: a connector and a complement ("des Affaires étrangères", "de la protection
    civile", "d'aide humanitaire"); "et" + a segment whose complement has the case of the one before ("de
    l'Intérieur et de la Décentralisation", "de préparation et de réponse"); a comma list of such segments, kept
    only when an "et" segment closes it ("de l'Environnement, de l'Agriculture et de l'Élevage"). It stops at
    anything else (a verb, a determiner phrase, a relative pronoun, a parenthesis, a sentence end) and at a
    ``blocked`` word (another body's mention, a line break). Only ``formal`` (capitalised) names take
    "pour/contre/sur" segments; "à/au/aux" + a capitalised word after a first segment is a place ("au Mali"), not
    the name. A ``red_cross`` society takes one or two nationality adjectives or "de/du/des + capitalised place"
    segments only ("Croix-Rouge du Vanuatu").

    >>> from iomextract.resources import load_json
    >>> g = load_name_grammar(load_json("organisations/name_grammar.json"))
    >>> w = "le ministère des Affaires sociales a annoncé".split()
    >>> name_extent(w, [""] * len(w), 2, g, formal=False)
    (5, 1, False)
    """
    n = min(len(words), start + grammar.max_tokens)
    i = start
    while i < n and i not in blocked:
        w = words[i]
        capital = w[:1].isupper() and w[0].isalpha() and not w.isupper()
        if not (is_adjective(w, tags[i], grammar) or (formal and not red_cross and capital)):
            break
        i = _compound_end(words, i + 1, blocked)
        if red_cross and i - start >= 2:
            break
    modified = i > start
    committed, kept = i, 0
    prev_upper: bool | None = None
    segments, in_list = 0, False
    while i < n:
        j, coord = i, None
        if words[j] == ",":
            coord, j = ",", j + 1
        if j < n and _norm(words[j]) in grammar.coordinators:
            coord, j = "et", j + 1
        if coord and prev_upper is None:
            break  # coordination needs a segment before it
        conn = match_connector(words, j, grammar) if j < n else None
        if conn is None or any(x in blocked for x in range(j, j + len(conn))):
            break
        if red_cross and (conn not in grammar.naming_connectors or segments >= grammar.max_red_cross_segments):
            break
        k = j + len(conn)
        np_end = noun_phrase_end(words, tags, k, grammar, blocked)
        if np_end is None or np_end > n:
            break
        upper = words[k][0].isupper()
        if red_cross and not upper:
            break
        if conn[0] in grammar.purpose_words and not formal:
            break
        if conn[0] in grammar.place_words and upper and (segments or conn == ("à",)):
            break
        if coord and upper != prev_upper:
            break
        segments, prev_upper, i = segments + 1, upper, np_end
        if coord == ",":
            in_list = True
        elif coord == "et":
            in_list = False
        if not in_list:  # an unclosed comma list is no part of the name
            committed, kept = i, segments
    return committed, kept, modified


class OrganisationFinder(RuleComponent):
    """Find organisation mentions and tie the mentions of one body together."""

    def __init__(self, nlp: Language, name: str = "iom_organisations", *, settings: OrgSettings | None = None) -> None:
        ensure_extensions()
        self.name = name
        self.settings = settings or OrgSettings()
        # everything heavy is built here, once
        self.words = WordSets(
            function_words=frozenset(w.lower() for w in load_lines("organisations/function_words.txt")),
            boundary_words=frozenset(w.lower() for w in load_lines("organisations/boundary_words.txt")),
            heads=frozenset(load_lines("organisations/heads.txt")),
        )
        self.backref_heads = frozenset(load_lines("organisations/backref_heads.txt"))
        self.area_heads = frozenset(load_lines("organisations/area_heads.txt"))
        self.not_orgs = frozenset(fold(p) for p in load_lines("organisations/not_organisations.txt"))
        grammar_data = load_json("organisations/name_grammar.json")
        self.grammar = load_name_grammar(grammar_data, self.words.function_words, self.words.boundary_words)
        # head phrases as token-text tuples (the tokenizer splits "Croix-Rouge", "secrétariat d'État")
        self.grammar_heads: dict[tuple[str, ...], str] = {}
        for kind, key in (("strong", "heads_capitalised"), ("detail", "heads_need_detail"),
                          ("red_cross", "heads_red_cross"), ("any", "heads_any_case")):  # any-case last: it wins
            for head in grammar_data[key]:
                self.grammar_heads[tuple(_norm(tok.text) for tok in nlp.tokenizer(head))] = kind
        self.max_head_len = max(len(k) for k in self.grammar_heads)
        self.fold_trie, self.exact_trie = Trie(), Trie()
        self.default_acronym: dict[str, str | None] = {}
        self.names_by_id: dict[str, list[str]] = {}
        self.acronym_ids: dict[str, str] = {}
        self.head_of: dict[str, set[str]] = {}
        tokenizer = nlp.tokenizer
        for row in load_jsonl(self.settings.gazetteer):
            text = row["pattern"]
            tokens = tokenizer(text)
            exact = row["match"] == "exact"
            units = _units(tokens, _exact_parts if exact else _fold_parts)
            pattern = Pattern(id=row["id"], kind=row["kind"], weak=row["weak"], acronym=row["acronym"],
                              has_upper=any(c.isupper() for c in text), single=len(units) == 1)
            (self.exact_trie if exact else self.fold_trie).add(tuple(u[0] for u in units), pattern)
            self.default_acronym[row["id"]] = row["acronym"]
            if exact:
                self.acronym_ids.setdefault(text, row["id"])
            else:
                self.names_by_id.setdefault(row["id"], []).append(fold(text))
                first = text.split()[0].split("'")[-1].split("’")[-1]
                self.head_of.setdefault(row["id"], set()).add(first[:1].upper() + first[1:])
        self.known_acronyms = frozenset(self.acronym_ids)
        self._gazetteer_names = [(n, i) for i, names in self.names_by_id.items() for n in names]
        self._link_key = lru_cache(maxsize=4096)(self._link_folded)

    # ------------------------------------------------------------------ spaCy API
    def match(self, doc: Doc) -> list[Mention]:
        """Every organisation mention of the Doc, ids resolved (one id per body)."""
        mentions = self.gazetteer_mentions(doc, 0, len(doc))
        mentions = self.add_definitions(doc, mentions)
        mentions = self.drop_unsupported_weak(mentions)
        mentions = self.join_slash_acronyms(doc, mentions)
        mentions = self.split_nested(doc, mentions)
        if self.settings.use_grammar:
            mentions = self.add_grammar_names(doc, mentions)
        if self.settings.use_ner:
            mentions = self.add_entities(doc, mentions)
        mentions = self.merge_similar(doc, mentions)
        mentions = self.add_compounds(doc, mentions)
        mentions = self.add_backrefs(doc, mentions)
        return sorted(mentions, key=lambda m: (m.start, -m.end))

    def set_annotations(self, doc: Doc, mentions: list[Mention]) -> None:
        """Write one span per mention to ``doc.spans[spans_key]`` with ``span._.iom_org``."""
        by_id: dict[str, list[Mention]] = {}
        for m in mentions:
            by_id.setdefault(m.id, []).append(m)
        values = {oid: self.describe(doc, oid, ms) for oid, ms in by_id.items()}
        spans, seen = [], set()
        for m in mentions:
            if (m.start, m.end) in seen:
                continue
            seen.add((m.start, m.end))
            span = Span(doc, m.start, m.end, label=LABEL)
            span._.iom_org = {**values[m.id], "source": m.source}
            spans.append(span)
        doc.spans[self.settings.spans_key] = spans

    # ------------------------------------------------------------------ candidates
    def gazetteer_mentions(self, doc: Doc, start: int, end: int) -> list[Mention]:
        """Longest gazetteer matches, left to right, over tokens ``start:end``."""
        tokens = doc[start:end]
        fold_units, exact_units = _units(tokens, _fold_parts), _units(tokens, _exact_parts)
        by_token_f = {}
        for k, u in enumerate(fold_units):
            by_token_f.setdefault(u[1], k)
        by_token_e = {}
        for k, u in enumerate(exact_units):
            by_token_e.setdefault(u[1], k)
        out, i = [], start
        while i < end:
            best = None  # (end token, pattern)
            for trie, units, index in ((self.exact_trie, exact_units, by_token_e),
                                       (self.fold_trie, fold_units, by_token_f)):
                if i not in index:
                    continue
                hit = trie.longest(units, index[i])
                if hit is None:
                    continue
                end_tok = units[hit[0] - 1][1] + 1
                pattern = self._admissible(doc, i, end_tok, hit[1])
                if pattern and (best is None or end_tok > best[0]):
                    best = (end_tok, pattern)
            if best is None:
                i += 1
                continue
            end_tok, p = best
            out.append(Mention(i, end_tok, p.id, "acronym" if p.kind == "acronym" else p.kind, "gazetteer", p.weak))
            i = end_tok
        return out

    def _admissible(self, doc: Doc, start: int, end: int, patterns: list[Pattern]) -> Pattern | None:
        """The pattern a match may stand for: names need a capital where the pattern has one."""
        text = doc[start:end].text
        for p in patterns:
            if p.kind == "acronym":
                return p
            if p.single and not text[:1].isupper():
                continue
            if p.has_upper and not any(c.isupper() for c in text):
                continue
            return p
        return None

    def add_definitions(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Acronym definitions: the long form replaces the gazetteer pieces inside it; bare uses link back."""
        defined: dict[str, str] = {}
        for d in find_definitions(doc.text, self.words, self.known_acronyms):
            long_span = doc.char_span(d.long_start, d.long_end, alignment_mode="expand")
            short_span = doc.char_span(d.short_start, d.short_end, alignment_mode="expand")
            if long_span is None or short_span is None or "\n" in long_span.text:
                continue
            oid = self._definition_id(doc, d.short, long_span, mentions)
            if oid is None:
                continue
            defined[d.short] = oid
            inner = [m for m in mentions if long_span.start <= m.start and m.end <= long_span.end]
            keep = [m for m in mentions if m not in inner and not (m.start < long_span.end and long_span.start < m.end)]
            # a second body named at the end of the long form keeps its own mention (split_nested handles it)
            keep += [m for m in inner if m.id != oid and m.kind != "acronym" and m.end == long_span.end]
            source = "gazetteer" if oid in self.default_acronym else "definition"
            keep = [m for m in keep if not (m.start == short_span.start and m.end == short_span.end)]
            keep.append(Mention(long_span.start, long_span.end, oid, "long", source))
            keep.append(Mention(short_span.start, short_span.end, oid, "acronym", source))
            mentions = keep
        if not defined:
            return mentions
        taken = {t for m in mentions for t in range(m.start, m.end)}
        for tok in doc:
            oid = defined.get(tok.text)
            if oid and tok.i not in taken:
                source = "gazetteer" if oid in self.default_acronym else "definition"
                mentions.append(Mention(tok.i, tok.i + 1, oid, "acronym", source))
        return mentions

    def _definition_id(self, doc: Doc, short: str, long_span: Span, mentions: list[Mention]) -> str | None:
        """The body a definition names, or None when its long form is no organisation ("Matrice ... (DTM)")."""
        if short in self.acronym_ids:
            return self.acronym_ids[short]
        whole = [m for m in mentions if m.start == long_span.start and m.end == long_span.end and m.kind != "acronym"]
        if whole:
            return whole[0].id
        linked = self.link_name(long_span.text)
        if linked:
            return linked
        if self._opens_on_head(long_span):
            return "def:" + short
        return None

    def link_name(self, text: str) -> str | None:
        """The gazetteer body whose name is within the fuzzy threshold of ``text``, or None."""
        return self._link_key(fold(text))

    def _link_folded(self, key: str) -> str | None:
        # a scan of the whole gazetteer: cached per folded name (see __init__), a name repeated is linked once
        best, best_id = 0.0, None
        for name, oid in self._gazetteer_names:
            if abs(len(name) - len(key)) > 0.2 * max(len(name), len(key)):
                continue
            score = fuzz.ratio(key, name)
            if score > best and not distinct_word(key, name):
                best, best_id = score, oid
        return best_id if best >= self.settings.fuzzy_threshold else None

    def _opens_on_head(self, span: Span) -> bool:
        words = [t for t in span if not t.is_punct and not t.is_space]
        if len(words) < 2:
            return False
        # whole written words: the tokenizer splits "Croix-Rouge" into three tokens
        first, last = span.text.split()[0].split("'")[-1].split("’")[-1], span.text.split()[-1]
        return (first in self.words.heads and first[0].isupper()) or (last in self.words.heads and last[0].isupper())

    def drop_unsupported_weak(self, mentions: list[Mention]) -> list[Mention]:
        """Weak acronyms ("Sida", "CE") count only when the body is also named otherwise in the document."""
        supported = {m.id for m in mentions if not m.weak}
        return [m for m in mentions if not m.weak or m.id in supported]

    def join_slash_acronyms(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """"USAID/OFDA": two acronyms joined by a slash name one body; their bare uses join it too."""
        acr = {m.start: m for m in mentions if m.kind == "acronym"}
        joined: dict[str, str] = {}
        out, skip = [], set()
        for m in sorted(mentions, key=lambda m: m.start):
            if id(m) in skip:
                continue
            nxt = acr.get(m.end + 1)
            if (m.kind == "acronym" and nxt is not None and nxt.id != m.id and m.end < len(doc)
                    and doc[m.end].text == "/"):
                oid = f"{m.id}+{nxt.id}"
                joined[m.id] = joined[nxt.id] = oid
                out.append(Mention(m.start, nxt.end, oid, "acronym", m.source))
                skip.add(id(nxt))
                continue
            out.append(m)
        if joined:
            out = [replace(m, id=joined[m.id]) if m.id in joined else m for m in out]
        return out

    def split_nested(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """A name ending on "du/de la" + another body's name is two bodies and a compound alias of the first:
        "Service d'aide humanitaire de la Commission européenne" gives ECHO, the Commission and the phrase."""
        out = []
        for m in mentions:
            split = self._nested_split(doc, m) if m.kind in ("name", "long") and m.end - m.start >= 4 else None
            if split is None:
                out.append(m)
                continue
            cut, inner = split
            out += [Mention(m.start, cut, m.id, m.kind, m.source), inner,
                    Mention(m.start, m.end, m.id, "compound", m.source)]
        return out

    def _nested_split(self, doc: Doc, m: Mention) -> tuple[int, Mention] | None:
        for k in range(m.start + 2, m.end - 1):
            for conn in _CONNECTORS:
                words = [t.text.lower().replace("’", "'") for t in doc[k:k + len(conn)]]
                if tuple(words) != conn:
                    continue
                inner = self.gazetteer_mentions(doc, k + len(conn), m.end)
                if (len(inner) == 1 and inner[0].start == k + len(conn) and inner[0].end == m.end
                        and inner[0].id not in (m.id, "un") and inner[0].kind == "name"):
                    return k, inner[0]
        return None

    def add_grammar_names(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Bodies found from their shape: a head noun ("ministère", "Agence", "Croix-Rouge") and the complements
        French name grammar lets follow it (:func:`name_extent`), over words no other mention holds. A name needs a
        complement (a lower-case "ministère" one with a capitalised word or an adjective); heads that also name
        units ("Service", "Bureau") need a capitalised word or an adjective; a Red Cross society needs its country."""
        taken = {t for m in mentions for t in range(m.start, m.end)}
        blocked = taken | {t.i for t in doc if t.is_space}
        words = [t.text for t in doc]
        tags = [t.pos_ for t in doc]
        out = list(mentions)
        i = 0
        while i < len(doc):
            head = None if i in blocked else self._grammar_head(words, i)
            if head is None:
                i += 1
                continue
            length, kind = head
            formal = words[i][:1].isupper()
            end, segments, modified = name_extent(words, tags, i + length, self.grammar, formal=formal,
                                                  red_cross=kind == "red_cross", blocked=blocked)
            span = doc[i:end]
            if self._grammar_name_ok(span, kind, length, segments, modified, formal):
                oid = self.link_name(span.text) or "org:" + fold(span.text)
                out.append(Mention(i, end, oid, "ner", "grammar"))
                blocked.update(range(i, end))
                i = end
                continue
            i += 1
        return out

    def _grammar_head(self, words: list[str], i: int) -> tuple[int, str] | None:
        """(length, kind) of the longest head phrase at word ``i``; capitalised-only heads need their capital."""
        for n in range(min(self.max_head_len, len(words) - i), 0, -1):
            kind = self.grammar_heads.get(tuple(_norm(w) for w in words[i:i + n]))
            if kind is not None and (kind == "any" or words[i][:1].isupper()):
                return n, kind
        return None

    def _grammar_name_ok(self, span: Span, kind: str, head_len: int, segments: int, modified: bool,
                         formal: bool) -> bool:
        rest = span[head_len:]
        capital = any(t.text[:1].isupper() and t.text[0].isalpha() for t in rest)
        if kind == "red_cross":
            ok = segments > 0 or modified
        elif kind == "detail" or (kind == "any" and not formal):
            ok = segments > 0 and (capital or modified)
        else:
            ok = segments > 0 or (modified and capital)
        return (ok and fold(span.text) not in self.not_orgs and not self._is_area(span) and not _cut_off(span)
                and "\n" not in span.text)

    def add_entities(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """The model's ORG/MISC entities that pass the filters and overlap no mention found so far."""
        taken = {t for m in mentions for t in range(m.start, m.end)}
        out = list(mentions)
        for ent in doc.ents:
            if ent.label_ not in self.settings.ner_labels:
                continue
            span = self._trim(ent)
            if span is None or any(t in taken for t in range(span.start, span.end)):
                continue
            if not self._is_organisation_name(span) or self._is_area(span) or _cut_off(span):
                continue
            if self._generic_unit(span):
                continue
            oid = self.link_name(span.text) or "ner:" + fold(span.text)
            out.append(Mention(span.start, span.end, oid, "ner", "ner"))
            taken.update(range(span.start, span.end))
        return out

    def _trim(self, span: Span) -> Span | None:
        """The entity without leading articles and trailing function words or punctuation."""
        start, end = span.start, span.end
        doc = span.doc
        while start < end and (doc[start].is_punct or doc[start].is_space
                               or doc[start].text.lower().replace("’", "'") in self.words.function_words):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                               or doc[end - 1].text.lower().replace("’", "'") in self.words.function_words):
            end -= 1
        return doc[start:end] if end > start else None

    def _is_organisation_name(self, span: Span) -> bool:
        text = span.text
        if "\n" in text or len(text) < 3 or fold(text) in self.not_orgs:
            return False
        # words glued by a lost line break ("travailEn") are page furniture
        if any(any(a.islower() and b.isupper() for a, b in zip(t.text, t.text[1:])) for t in span):
            return False
        # a head and one lower-case word is a generic office ("Bureau régional", "Direction générale")
        words = [t for t in span if not t.is_punct]
        if len(words) == 2 and words[1].text.islower():
            return False
        return self._opens_on_head(span)

    def _generic_unit(self, span: Span) -> bool:
        """"Comité de pilotage", "Service des urgences de l'hôpital": a head that also names units or rooms
        followed by lower-case complements only (no capitalised word, no adjective after the head)."""
        head = self._grammar_head([t.text for t in span], 0)
        if head is None or head[1] != "detail":
            return False
        rest = span[head[0]:]
        if any(t.text[:1].isupper() and t.text[0].isalpha() for t in rest):
            return False
        return not (len(rest) and is_adjective(rest[0].text, rest[0].pos_, self.grammar))

    def _is_area(self, span: Span) -> bool:
        """"Département de Mayo-Tsanaga": an administrative head followed by a place is an area, not a body."""
        if span[0].text not in self.area_heads or len(span) < 3:
            return False
        rest = [t for t in span[1:] if t.text.lower().replace("’", "'") not in self.words.function_words]
        if not rest or len(rest) > 4 or not all(t.text[:1].isupper() or t.text == "-" for t in rest):
            return False
        names = [t for t in rest if t.text != "-"]
        return len(names) == 1 or any(t.text == "-" for t in rest) or all(t.ent_type_ == "LOC" for t in names)

    def merge_similar(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Ids found outside the gazetteer whose name forms are within the fuzzy threshold of another body's."""
        forms: dict[str, set[str]] = {}
        for m in mentions:
            if m.kind in NAME_KINDS:
                forms.setdefault(m.id, set()).add(fold(doc[m.start:m.end].text))
        remap: dict[str, str] = {}
        ids = list(forms)
        for i, a in enumerate(ids):
            if a in self.default_acronym:
                continue
            for b in ids[:i] + ids[i + 1:]:
                if remap.get(b) == a:
                    continue
                if any(fuzz.ratio(x, y) >= self.settings.fuzzy_threshold and not distinct_word(x, y)
                       for x in forms[a] for y in forms[b]):
                    remap[a] = remap.get(b, b)
                    break
        return [replace(m, id=remap[m.id]) if m.id in remap else m for m in mentions]

    def add_compounds(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """A name, an optional "(ACR)", "du/de la" and a second body's name: the whole phrase is an alias of
        the first body ("Bureau ... des Migrations du Département d'Etat américain")."""
        starts: dict[int, Mention] = {}
        for m in mentions:
            if m.kind in ("name", "long", "ner") and m.id != "un":
                starts.setdefault(m.start, m)
        acronym_at: dict[tuple[str, int], Mention] = {}  # an index, not a scan of every mention per mention
        for a in mentions:
            if a.kind == "acronym":
                acronym_at.setdefault((a.id, a.start), a)
        out = list(mentions)
        for m in mentions:
            if m.kind not in ("name", "long", "ner"):
                continue
            k = m.end
            acr = acronym_at.get((m.id, k + 1))
            if acr is not None and k < len(doc) and doc[k].text == "(" and acr.end < len(doc) \
                    and doc[acr.end].text == ")":
                k = acr.end + 1
            for conn in _CONNECTORS:
                words = tuple(t.text.lower().replace("’", "'") for t in doc[k:k + len(conn)])
                second = starts.get(k + len(conn))
                if words == conn and second is not None and second.id != m.id:
                    out.append(Mention(m.start, second.end, m.id, "compound", m.source))
                    break
        return out

    def add_backrefs(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """"l'Organisation", "l'Agence" after an article: the last body named whose name opens on that noun."""
        taken = {t for m in mentions for t in range(m.start, m.end)}
        ordered = sorted(mentions, key=lambda m: m.start)
        out = list(mentions)
        for tok in doc:
            if tok.i in taken or tok.text not in self.backref_heads or tok.i == 0:
                continue
            if doc[tok.i - 1].text.lower().replace("’", "'") not in _DETERMINERS:
                continue
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and nxt.text.lower().replace("’", "'") in self.words.function_words:
                continue
            antecedent = None
            for m in ordered:
                if m.start >= tok.i:
                    break
                if tok.text in self._heads_of(doc, m):
                    antecedent = m
            if antecedent is not None:
                out.append(Mention(tok.i, tok.i + 1, antecedent.id, "backref", antecedent.source))
        return out

    def _heads_of(self, doc: Doc, m: Mention) -> set[str]:
        heads = set(self.head_of.get(m.id.split("+")[0], ()))
        if m.kind in NAME_KINDS:
            heads.add(doc[m.start].text)
        return heads

    # ------------------------------------------------------------------ values
    def describe(self, doc: Doc, oid: str, mentions: list[Mention]) -> dict:
        """``{"id", "name", "acronym"}`` of one body from all its mentions."""
        texts = {kind: [collapse(doc[m.start:m.end].text) for m in mentions if m.kind == kind]
                 for kind in ("name", "long", "ner", "acronym", "alias", "compound", "backref")}
        named = texts["name"] + texts["long"] + texts["ner"]
        acronyms = texts["acronym"]
        acronym = None
        if acronyms:
            # computed once, not per mention or per candidate: a body named thousands of times stays linear
            defined = set(acronyms) if any(n.kind == "long" and n.id == oid for n in mentions) else set()
            counts = Counter(acronyms)
            first = {}
            for k, a in enumerate(acronyms):
                first.setdefault(a, k)
            default = self.default_acronym.get(oid)
            acronym = max(counts, key=lambda a: (a in defined, counts[a], a == default, -first[a]))
        elif oid in self.default_acronym:
            acronym = self.default_acronym[oid]
        if named:
            name = max(named, key=len)
        elif acronym and acronyms:
            name = acronym
        else:
            name = max(texts["alias"] + texts["compound"] + texts["backref"] + acronyms or [oid], key=len)
        return {"id": oid, "name": name, "acronym": acronym}
