"""Funders: the organisations and governments a release says pay for the work it describes.

The component ``iom_funders`` writes one span per funder mention to ``doc.spans["iom_funders"]`` with
``span._.iom_funder = {"id", "name", "acronym", "org_id", "loc_id", "evidence", "confidence"}``.

How a mention is found:

- *after a trigger* ("financé par", "grâce au financement de", "avec le soutien financier de", "un don de",
  "de la part de", ...): token patterns from ``models/funders/triggers.jsonl``; the funder's name starts right
  after the match, possibly after an amount ("un financement de 900 000 euros de la part de X");
- *as the agent* (``obl:agent``) of a funding participle when the parse puts words between it and "par";
- *as the subject* of a funding verb in the active voice ("X finance", "X a versé 2 millions de dollars",
  "X soutient le projet" in a sentence about money): the parse's ``nsubj`` first, then, where the parse of a
  title or a lead fails, the name run that ends right before the verb;
- *as a donor* described by "bailleur de fonds" (apposition or copula), or listed after it ("Ses principaux
  bailleurs sont X, Y et Z"); *as thanked* for money ("remercie X pour son don, ainsi que Y pour sa contribution");
- *as an intermediary*: the body a funder pays through ("X, par l'intermédiaire de son Bureau ... (BHA)", "par
  l'entremise de", "par le biais de", "via", "à travers", "X (via ECHO)") when its head noun names a body, not an
  activity or a mechanism ("par le biais d'ateliers"); a little less confident than the funder it follows.

The name itself is read by a small left-to-right grammar of French organisation names (head, adjectives,
prepositional complements, comma and "et" lists inside the name, a parenthesised acronym) that also splits
coordinated funders ("le Royaume-Uni (volet ...) et la France"): the model's parse of long names is too
unreliable to give their extent. Confidence says how sure the rule is (explicit funding 0.9+, support with a money
word 0.75, support without money 0.4); mentions below ``min_confidence`` are not written.

Mentions of one funder share an id: the organisation's id where the organisations component tagged it, else
the location's id, else the country ("gouvernement italien" and "Italie" are one funder), else the name; an acronym,
its initials or a shorter prefix of a longer name join the longer name's group.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .base import RuleComponent
from ..resources import load_json, load_jsonl, load_lines, resource_path
from .extensions import SPAN_KEYS, ensure_extensions

ORG_KEY = SPAN_KEYS["organisations"]
LOC_KEY = SPAN_KEYS["locations"]
FUNDER_KEY = SPAN_KEYS["funders"]

_ACRONYM_RE = re.compile(r"[A-Z][A-Za-z0-9]{0,11}(?:[/&-][A-Z][A-Za-z0-9]{0,11}){0,3}")
_LOWER_RUN_RE = re.compile(r"[a-z]{3}")
_PARTICIPLE_RE = re.compile(r"(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|ert|erte|erts|ertes|is|ise)$")
_LEADING_ARTICLES = {"l", "la", "le", "les", "de", "du", "des", "d"}
_MAX_SUBJECT_TOKENS = 25  # how far left of a verb a subject name may start
_MAX_PAREN_TOKENS = 15  # a parenthesised acronym or gloss is short
_MONEY_WINDOW = 12  # tokens after a giving verb searched for its money object
_NOT_IN_NAMES = ("VERB", "AUX", "ADV", "PRON", "DET", "SCONJ", "CCONJ", "ADP", "NUM")  # lower-case words ending a name
_MULTIPLIERS = ("million", "millions", "milliard", "milliards")
_MAX_SENTENCE_TOKENS = 150  # a sentence is searched this far either side of a trigger


# ----------------------------------------------------------------------------------------------- pure helpers
def norm_name(text: str) -> str:
    """Accent-free, lower-case words of a name without its leading articles ("l'Union européenne" -> "union
    europeenne"), used to compare mentions."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.findall(r"\w+", text)
    while words and words[0] in _LEADING_ARTICLES:
        words = words[1:]
    return " ".join(words)


def is_acronym_like(text: str) -> bool:
    """True for an acronym as written in releases: "UE", "ECHO", "USAID/OFDA", "GCFF", "DfID" (two capitals or
    more, no run of three lower-case letters: "Royaume-Uni" is a name)."""
    return (bool(_ACRONYM_RE.fullmatch(text)) and sum(c.isupper() for c in text) >= 2
            and not _LOWER_RUN_RE.search(text))


def initials(name: str, skip: Iterable[str] = ("de", "du", "des", "d", "la", "le", "l", "les", "et", "pour", "à",
                                                "au", "aux", "en", "contre", "sur")) -> str:
    """Upper-case initials of a name's content words ("Union européenne" -> "UE")."""
    words = re.findall(r"\w+", name.replace("’", "'"))
    skipped = set(skip)
    return "".join(w[0].upper() for w in words if w.lower() not in skipped)


def is_acronym_of(acronym: str, name: str) -> bool:
    """True when ``acronym`` spells the initials of ``name`` ("DDC" of "Direction du développement et de la
    coopération", "UE" of "Union européenne")."""
    letters = re.sub(r"[^A-Za-z]", "", acronym).upper()
    spelled = unicodedata.normalize("NFKD", initials(name)).encode("ascii", "ignore").decode()
    return len(letters) >= 2 and letters == spelled


def conjugate_er(infinitive: str) -> set[str]:
    """Common indicative forms and the past participle of a regular -er verb ("financer" -> "finance",
    "financent", "financé", "financera", "finançait", ...). ``c`` and ``g`` take their spelling before a/o."""
    if not infinitive.endswith("er"):
        return set()
    stem = infinitive[:-2]
    soft = stem[:-1] + "ç" if stem.endswith("c") else stem + "e" if stem.endswith("g") else stem
    forms = {stem + s for s in ("e", "es", "ent", "é", "ée", "és", "ées", "era", "eront", "erait", "eraient", "ez")}
    forms |= {soft + s for s in ("ait", "aient", "ant", "ons")}
    return forms


def inflect_adjective(masculine: str) -> set[str]:
    """The four forms of a French nationality adjective ("italien" -> italien, italienne, italiens, italiennes)."""
    m = masculine.lower()
    irregular = {"grec": "grecque", "turc": "turque"}
    if m in irregular:
        fem = irregular[m]
    elif m.endswith(("e", "è", "bé")):  # "belge", "burkinabè": invariable in gender
        fem = m
    elif m.endswith("en") or m.endswith("on"):
        fem = m + "ne"
    else:
        fem = m + "e"
    plural = m if m.endswith(("s", "x")) else m + "s"
    fem_plural = fem + "s"
    return {m, fem, plural, fem_plural}


# ----------------------------------------------------------------------------------------------- lexicon
@dataclass(frozen=True)
class Trigger:
    """One funding trigger of ``triggers.jsonl``."""

    id: str
    evidence: str
    confidence: float
    bare_confidence: float
    skip_amount: bool
    money_head: bool
    state_confidence: float  # without money, when the funder is a state ("la contribution de la France")
    not_after: frozenset[str]  # "bailleur de fonds de l'OIM", "remises de fonds": fixed phrases, not a trigger


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``models/funders/``, read once when the component is built."""

    triggers: tuple[tuple[Trigger, list], ...]
    determiners: frozenset[str]
    genitive_preps: frozenset[str]
    name_preps: frozenset[str]
    place_preps: frozenset[str]
    stop_bigrams: frozenset[tuple[str, str]]
    funder_heads: frozenset[str]
    state_heads: frozenset[str]
    generic: frozenset[str]
    amount_words: frozenset[str]
    amount_units: frozenset[str]
    source_links: tuple[tuple[str, ...], ...]
    money_words: frozenset[str]
    verb_forms: dict
    verb_lemmas: dict
    support_nouns: frozenset[str]
    auxiliaries: frozenset[str]
    adverbs: frozenset[str]
    window_stops: frozenset[str]
    pronouns: frozenset[str]
    generic_groups: frozenset[str]
    country_names: dict  # name as written -> ISO
    adjective_country: dict  # inflected adjective -> ISO
    channels: tuple[tuple[str, ...], ...] = ()  # "par l'intermédiaire de": the body through which a funder pays
    channel_not_heads: frozenset[str] = frozenset()  # "par le biais d'ateliers": an activity, not a body
    copulas: frozenset[str] = frozenset()  # "Ses bailleurs sont X et Y"
    list_links: frozenset[str] = frozenset()  # "sont notamment X", "sont : X"
    donor_nouns: frozenset[str] = frozenset()  # "bailleur", "donateur"
    partner_nouns: frozenset[str] = frozenset()  # "partenaires" + "financiers"
    thanks_nouns: frozenset[str] = frozenset()  # "exprime sa gratitude à", "est reconnaissante envers"
    thanks_preps: frozenset[str] = frozenset()


def load_lexicon(folder: str = "funders") -> Lexicon:
    """Read the funders resources (triggers, grammar words, verbs, money words, countries) from ``models/``."""
    grammar = load_json(f"{folder}/grammar.json")
    verbs = load_json(f"{folder}/verbs.json")
    triggers = []
    for row in load_jsonl(f"{folder}/triggers.jsonl"):
        trig = Trigger(row["id"], row["evidence"], float(row["confidence"]), float(row["bare_confidence"]),
                       bool(row.get("skip_amount")), bool(row.get("money_head")),
                       float(row.get("state_confidence", row["bare_confidence"])),
                       frozenset(w.lower() for w in row.get("not_after", ())))
        triggers.append((trig, row["pattern"]))
    verb_forms, verb_lemmas = {}, {}
    for lemma, spec in verbs["verbs"].items():
        verb_lemmas[lemma] = spec["class"]
        for form in conjugate_er(lemma) | set(spec.get("forms", [])):
            verb_forms[form] = spec["class"]
    country_names, adjective_country = {}, {}
    for line in resource_path(f"{folder}/countries.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso, names, adjectives = (line.split("\t") + ["", ""])[:3]
        for name in filter(None, names.split("|")):
            country_names[name.strip()] = iso
        for adj in filter(None, adjectives.split("|")):
            for form in inflect_adjective(adj.strip()):
                adjective_country.setdefault(form, iso)
    low = lambda xs: frozenset(x.lower() for x in xs)  # noqa: E731
    return Lexicon(
        triggers=tuple(triggers),
        determiners=low(grammar["determiners"]),
        genitive_preps=low(grammar["genitive_preps"]),
        name_preps=low(grammar["name_preps"]),
        place_preps=low(grammar["place_preps"]),
        stop_bigrams=frozenset(tuple(b) for b in grammar["stop_bigrams"]),
        funder_heads=low(grammar["funder_heads"]),
        state_heads=low(grammar["state_heads"]),
        generic=frozenset(norm_name(g) for g in grammar["generic"]),
        amount_words=low(grammar["amount_words"]),
        amount_units=low(grammar["amount_units"]),
        source_links=tuple(tuple(s) for s in grammar["source_links"]),
        money_words=low(load_lines(f"{folder}/money_words.txt")),
        verb_forms=verb_forms,
        verb_lemmas=verb_lemmas,
        support_nouns=low(verbs["support_nouns"]),
        auxiliaries=low(verbs["auxiliaries"]),
        adverbs=low(verbs["adverbs"]),
        window_stops=low(verbs["window_stops"]),
        pronouns=low(grammar["pronouns"]),
        generic_groups=frozenset(norm_name(g) for g in grammar["generic_groups"]),
        country_names=country_names,
        adjective_country=adjective_country,
        channels=tuple(tuple(w.lower() for w in c) for c in grammar["channels"]),
        channel_not_heads=low(grammar["channel_not_heads"]),
        copulas=low(grammar["copulas"]),
        list_links=low(grammar["list_links"]),
        donor_nouns=low(grammar["donor_nouns"]),
        partner_nouns=low(grammar["partner_nouns"]),
        thanks_nouns=low(grammar["thanks_nouns"]),
        thanks_preps=low(grammar["thanks_preps"]),
    )


# ----------------------------------------------------------------------------------------------- name reading
@dataclass(frozen=True)
class NameChunk:
    """One name read from the text: tokens ``[start, end)`` (no article), its parenthesised acronym if any, and
    ``next``, the token after the name and its parenthesis."""

    start: int
    end: int
    acronym: str | None
    acronym_span: tuple[int, int] | None
    next: int


@dataclass
class Mention:
    """A funder mention before ids are given."""

    start: int
    end: int
    acronym: str | None
    evidence: str
    confidence: float
    iso: str | None


class _DocReader:
    """The name grammar applied to one Doc, with the Doc's country, organisation and entity spans indexed."""

    def __init__(self, doc: Doc, lex: Lexicon, country_matcher: PhraseMatcher):
        self.doc = doc
        self.lex = lex
        self.country_at: dict[int, tuple[int, str]] = {}
        for match_id, s, e in country_matcher(doc):
            iso = doc.vocab.strings[match_id]
            if s not in self.country_at or self.country_at[s][0] < e:
                self.country_at[s] = (e, iso)
        self.org_spans = list(doc.spans[ORG_KEY]) if ORG_KEY in doc.spans else []
        self.loc_spans = list(doc.spans[LOC_KEY]) if LOC_KEY in doc.spans else []
        self.named_starts = {s.start for s in self.org_spans} | {s.start for s in self.loc_spans}
        self.named_starts |= {e.start for e in doc.ents if e.label_ in ("ORG", "LOC")}
        self.country_end_tokens = {e for e, _ in self.country_at.values()}

    # -- token classes
    def wordlike(self, t: Token) -> bool:
        return any(c.isalpha() for c in t.text) and not t.is_space

    def capitalised(self, t: Token) -> bool:
        return self.wordlike(t) and t.text[0].isupper()

    def participle(self, i: int) -> bool:
        """A past participle opening a clause ("et coordonné par", "basée à"), whatever tag the model gave it."""
        t = self.doc[i]
        if "Part" in t.morph.get("VerbForm") and t.pos_ in ("VERB", "AUX"):
            return True
        follower = self.doc[i + 1].lower_ if i + 1 < len(self.doc) else ""
        return bool(_PARTICIPLE_RE.search(t.lower_)) and follower in ("par", "en", "à", "au", "aux", "dans")

    def skip_determiners(self, i: int, end: int) -> int:
        while i < end and self.doc[i].lower_ in self.lex.determiners:
            i += 1
        return i

    def funder_like(self, i: int, *, loose: bool) -> bool:
        """Does a funder's name start at token ``i``? ``loose`` also accepts any capitalised word (used between
        names, not inside one)."""
        if i >= len(self.doc):
            return False
        t = self.doc[i]
        if t.lower_ in self.lex.funder_heads or i in self.country_at or i in self.named_starts:
            return True
        return loose and self.capitalised(t) and not t.is_sent_start

    def line_bounds(self, i: int) -> tuple[int, int]:
        """The sentence of token ``i``: from the previous to the next full stop, cut at line breaks (a title line
        never runs into the body). The model's own sentence splits break on names like "Royaume-Uni"."""
        doc = self.doc

        def boundary(t: Token) -> bool:
            return (t.is_space and "\n" in t.text) or t.text in (".", "!", "?", ";")

        lo = i
        while lo > 0 and i - lo < _MAX_SENTENCE_TOKENS and not boundary(doc[lo - 1]):
            lo -= 1
        hi = i
        while hi < len(doc) and hi - i < _MAX_SENTENCE_TOKENS and not boundary(doc[hi]):
            hi += 1
        return lo, hi

    # -- the grammar
    def read_name(self, i: int, end: int) -> NameChunk | None:
        """Read one organisation or state name starting at token ``i`` (articles skipped)."""
        doc, lex = self.doc, self.lex
        i = self.skip_determiners(i, end)
        if i >= end:
            return None
        head = doc[i]
        if not self.wordlike(head) or head.like_num or head.lower_ in lex.name_preps or head.lower_ == "et":
            return None
        if head.pos_ in ("PRON", "SCONJ", "CCONJ", "ADP") or head.lower_ in lex.pronouns:
            return None
        if head.pos_ in ("VERB", "AUX", "ADV") and (not self.capitalised(head) or head.is_sent_start):
            return None
        if not self.capitalised(head) and (head.lower_ in lex.money_words or head.lower_ in lex.amount_units):
            return None
        if i in self.country_at:  # a country is a whole name: "la France", "le Royaume-Uni"
            last = min(self.country_at[i][0], end)
        elif is_acronym_like(head.text):  # "l'OIM à la réponse": an acronym is a whole name ("USAID/OFDA" too)
            last = i + 1
            while (last + 1 < end and doc[last].text == "/" and not doc[last - 1].whitespace_
                   and not doc[last].whitespace_):
                last += 2
        else:
            last = self._extend(i, end)
        while last - 1 > i and (doc[last - 1].lower_ in lex.name_preps or doc[last - 1].lower_ in lex.determiners
                                or doc[last - 1].text in (",", "-") or doc[last - 1].lower_ == "et"):
            last -= 1
        acronym, acronym_span, nxt = self._parenthesis(last, end)
        return NameChunk(i, last, acronym, acronym_span, nxt)

    def _extend(self, i: int, end: int) -> int:
        doc, lex = self.doc, self.lex
        state_head = doc[i].lower_ in lex.state_heads
        j = last = i + 1
        depth = 0  # 1 once inside a prepositional complement: lists there belong to the name
        while j < end:
            t = doc[j]
            low = t.lower_
            nxt = doc[j + 1] if j + 1 < end else None
            if t.is_space or t.text == "(":
                break
            if nxt is not None and (low, nxt.lower_) in lex.stop_bigrams:
                break
            if low in lex.name_preps:
                k = j + 1
                while k < end and doc[k].lower_ in ("la", "le", "l'", "l’", "les"):
                    k += 1
                if k >= end:
                    break
                w = doc[k]
                if not self.wordlike(w) or w.like_num or (w.pos_ in ("VERB", "AUX") and not self.capitalised(w)):
                    break
                if not self.capitalised(w) and (w.lower_ in lex.money_words or w.lower_ in lex.amount_units):
                    break
                if low in lex.place_preps and self.capitalised(w) and w.lower_ not in lex.funder_heads:
                    break  # "au Niger", "à Dakar": a place after the name
                depth = 1
                j = last = k + 1
                if k in self.country_at:
                    j = last = self.country_at[k][0]
                    if state_head:  # "gouvernement des Etats-Unis" ends with its country
                        break
                continue
            if t.text == "," and nxt is not None:
                if depth and nxt.lower_ in lex.genitive_preps:  # "Bureau de la Population, des Réfugiés ..."
                    j += 1
                    continue
                if depth and self._list_item(j + 1, end):
                    j = last = self._list_item(j + 1, end)
                    continue
                break
            if low == "et" and nxt is not None:
                # "... de la protection civile et de la coopération"; with no complement yet, "X et de Y" joins
                # two names ("Affaires mondiales Canada et de la Direction générale ...")
                if depth and nxt.lower_ in lex.name_preps:
                    j += 1
                    continue
                if depth and self._list_item(j + 1, end):
                    j = last = self._list_item(j + 1, end)
                    continue
                if (not self.capitalised(nxt) and nxt.pos_ in ("NOUN", "ADJ") and nxt.lower_ not in lex.money_words
                        and not self.funder_like(j + 1, loose=False) and not self.participle(j + 1)):
                    j = last = j + 2  # "protection civile et opérations ..."
                    continue
                if (self.capitalised(nxt) and not is_acronym_like(nxt.text) and j + 1 not in self.country_at
                        and nxt.lower_ not in lex.funder_heads):
                    j = last = j + 2  # "Fondation Bill et Melinda Gates": no article, one name
                    continue
                break
            if t.text in ("-", "–", "/") and not doc[j - 1].whitespace_ and not t.whitespace_ and nxt is not None:
                j = last = j + 2  # "Royaume-Uni", "USAID/OFDA" split by the tokenizer
                continue
            if not self.wordlike(t) or t.like_num:
                break
            if not self.capitalised(t):
                if t.pos_ in _NOT_IN_NAMES or self.participle(j):
                    break
                if low in lex.money_words or low in lex.amount_units or low in lex.determiners:
                    break
            j = last = j + 1
        return last

    def _list_item(self, k: int, end: int) -> int:
        """Inside a name's complement, ``la tuberculose`` in "contre le sida, la tuberculose et le paludisme": the
        index after the item, or 0 when what follows is not such an item (another funder, a verb, ...)."""
        doc = self.doc
        if k < end and doc[k].lower_ in ("la", "le", "l'", "l’", "les"):
            w = k + 1
            if (w < end and self.wordlike(doc[w]) and doc[w].pos_ not in ("VERB", "AUX")
                    and not self.funder_like(w, loose=False)):
                return w + 1
        return 0

    def _parenthesis(self, p: int, end: int) -> tuple[str | None, tuple[int, int] | None, int]:
        doc = self.doc
        if p >= end or doc[p].text != "(":
            return None, None, p
        for q in range(p + 1, min(end, p + _MAX_PAREN_TOKENS)):
            if doc[q].text == ")":
                inner = doc[p + 1:q]
                if is_acronym_like(inner.text.replace(" ", "")) and len(inner) <= 3:
                    return inner.text.replace(" ", ""), (p + 1, q), q + 1
                for t in reversed(inner):  # "(de l'acronyme espagnol AECID)"
                    if is_acronym_like(t.text):
                        return t.text, (t.i, t.i + 1), q + 1
                return None, None, q + 1
            if doc[q].text == "(":
                break
        return None, None, p

    def read_run(self, i: int, end: int) -> list[NameChunk]:
        """Read a name and the names coordinated with it: "l'Union européenne (UE) et la Norvège", "par X, par Y
        et par Z", "le Royaume-Uni (volet information) et la France (volet retour)". Names joined by a bare comma
        count only when an "et" or "par" later closes the list ("X, Y et Z"): in "grâce au financement de X, l'OIM
        a distribué" the comma ends a clause."""
        items: list[NameChunk] = []
        last_closed = 0  # index of the last name joined by "et" / "par"
        while True:
            chunk = self.read_name(i, end)
            if chunk is None:
                break
            items.append(chunk)
            k = chunk.next
            comma = k < end and self.doc[k].text == ","
            k += comma
            conj = k < end and self.doc[k].lower_ == "et"
            k += conj
            hop = k
            while hop < min(end, k + 3) and self.doc[hop].lower_ in self.lex.adverbs:
                hop += 1  # "et en partie par", "et également par"
            if hop < end and self.doc[hop].lower_ == "par":
                k = hop
            strong = k < end and self.doc[k].lower_ == "par"
            k += strong
            if conj and not strong and k < end and self.doc[k].lower_ in self.lex.genitive_preps:
                k += 1  # "les contributions de l'Australie et de la Nouvelle-Zélande"
            if not (comma or conj):
                break
            if not self.funder_like(self.skip_determiners(k, end), loose=True):
                break  # also "par le biais de", "par l'intermédiaire de": a channel, not another funder
            if conj or strong:
                last_closed = len(items)
            i = k
        return items[:last_closed + 1]

    def runs_ending_at(self, stop: int, lo: int) -> list[NameChunk]:
        """The longest name run that ends right before token ``stop`` (a subject before its verb)."""
        doc = self.doc
        for s in range(max(lo, stop - _MAX_SUBJECT_TOKENS), stop):
            t = doc[s]
            if not (t.lower_ in self.lex.determiners or self.capitalised(t)):
                continue
            if s > lo and (self.wordlike(doc[s - 1]) and doc[s - 1].lower_ not in self.lex.determiners
                           and not doc[s - 1].is_punct):
                continue  # a name starts after a boundary, not in the middle of a phrase
            run = self.read_run(s, stop)
            if run and run[-1].next == stop:
                return run
        return []

    # -- intermediaries
    def channel_start(self, k: int, end: int) -> int | None:
        """Where a body's name starts when a channel phrase opens at token ``k`` (after an optional comma): "par
        l'intermédiaire de son Bureau ...", "par l'entremise d'Affaires mondiales Canada", "via l'Agence ...", "à
        travers sa Direction ..."; None when there is no channel phrase."""
        doc = self.doc
        if k < end and doc[k].text == ",":
            k += 1
        for phrase in self.lex.channels:
            n = len(phrase)
            if k + n < end and tuple(t.lower_ for t in doc[k:k + n]) == phrase:
                j = k + n
                if doc[j].lower_ in self.lex.genitive_preps:
                    j += 1
                return self.skip_determiners(j, end)  # possessives too: "par le biais de sa Direction"
        return None

    def channel_run(self, k: int, end: int) -> list[NameChunk]:
        """The bodies a channel phrase at ``k`` introduces (with those coordinated after them: "par l'intermédiaire
        d'Affaires mondiales Canada et de la Direction générale ..."), or [] when it introduces an activity, a
        project, a mechanism or a place ("par le biais d'ateliers", "via un programme", "via la Libye")."""
        start = self.channel_start(k, end)
        if start is None:
            return []
        run = self.read_run(start, end)
        if not run or not self.is_channel_body(run[0]):
            return []
        return run  # names coordinated after the body are funders too ("..., et par le Royaume-Uni")

    def is_channel_body(self, c: NameChunk) -> bool:
        """Is the name after a channel phrase an organisation? Decided by its head noun: not a project, an activity or
        a mechanism (unless the organisations component knows the name as a body), not a country or a place."""
        if not self.is_named(c):
            return False
        if any(o.start <= c.start < o.end for o in self.org_spans):
            return True
        if self.doc[c.start].lower_ in self.lex.channel_not_heads:
            return False
        if c.start in self.country_at and self.country_at[c.start][0] >= c.end:
            return False
        places = {s.start for s in self.loc_spans} | {e.start for e in self.doc.ents if e.label_ == "LOC"}
        return c.start not in places or bool(c.acronym)

    # -- validity and states
    def is_named(self, c: NameChunk) -> bool:
        """A proper name, not a generic group ("les donateurs", "les Etats membres")."""
        span = self.doc[c.start:c.end]
        if norm_name(span.text) in self.lex.generic:
            return False
        head_words = []
        for t in span:  # "les Etats membres de l'Union": a group named by its members
            if t.lower_ in self.lex.name_preps:
                break
            head_words.append(t.text)
        if norm_name(" ".join(head_words)) in self.lex.generic_groups:
            return False
        if c.acronym or any(self.capitalised(t) for t in span):
            return True
        if self.iso_of(c) or span[0].lower_ in self.lex.state_heads and self._countries_in(c):
            return True
        return any(o.start <= c.start < o.end for o in self.org_spans)

    def _countries_in(self, c: NameChunk) -> list[str]:
        isos = [self.lex.adjective_country[t.lower_] for t in self.doc[c.start:c.end]
                if t.lower_ in self.lex.adjective_country]
        isos += [iso for s, (e, iso) in self.country_at.items() if c.start <= s and e <= c.end]
        return isos

    def iso_of(self, c: NameChunk) -> str | None:
        """The country a state funder is: "la France", "le gouvernement italien", "le peuple japonais"."""
        if c.start in self.country_at and self.country_at[c.start][0] == c.end:
            return self.country_at[c.start][1]
        if self.doc[c.start].lower_ in self.lex.state_heads:
            isos = set(self._countries_in(c))
            if len(isos) == 1:
                return isos.pop()
        return None

    # -- money
    def has_money(self, lo: int, hi: int, exclude: set[int]) -> bool:
        """Is there a money word in tokens ``[lo, hi)`` outside ``exclude``?"""
        words = self.lex.money_words | self.lex.amount_units
        return any(self.doc[j].lower_ in words for j in range(lo, hi) if j not in exclude)

    def money_after(self, v: int, hi: int) -> bool:
        """Is the object of a giving verb money ("a versé 2 millions de dollars")?"""
        words = self.lex.money_words | self.lex.amount_units
        for j in range(v + 1, min(hi, v + 1 + _MONEY_WINDOW)):
            t = self.doc[j]
            if t.lower_ in self.lex.window_stops or t.text in (",", ";", ".", ":"):
                return False
            if t.lower_ in words:
                return True
        return False

    def skip_amount(self, j: int, hi: int) -> int:
        """After "un financement de", skip "900 000 euros de la part de" to where the funder's name starts."""
        doc, lex = self.doc, self.lex
        k, seen = j, False
        while k < hi:
            t = doc[k]
            if t.like_num or t.lower_ in lex.amount_units or t.lower_ in _MULTIPLIERS:
                seen = True
            elif t.lower_ in lex.genitive_preps:
                if not (k + 1 < hi and (doc[k + 1].like_num or doc[k + 1].lower_ in lex.amount_words
                                        or doc[k + 1].lower_ in lex.amount_units)):
                    break
            elif t.lower_ not in lex.amount_words:
                break
            k += 1
        if not seen:
            return j
        for link in lex.source_links:
            if tuple(t.lower_ for t in doc[k:k + len(link)]) == link:
                return k + len(link)
        return hi  # an amount with no payer after it


# ----------------------------------------------------------------------------------------------- component
class FundersComponent(RuleComponent):
    """Find funders and write them to ``doc.spans["iom_funders"]`` (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "iom_funders", *, min_confidence: float = 0.5,
                 resources: str = "funders"):
        ensure_extensions()
        if not 0.0 <= min_confidence <= 1.0:
            raise ValueError(f"[E501] iom_funders: min_confidence must lie in [0, 1], got {min_confidence!r}.")
        self.name = name
        self.min_confidence = min_confidence
        self.lex = load_lexicon(resources)
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.triggers: dict[int, Trigger] = {}
        for trig, pattern in self.lex.triggers:
            key = nlp.vocab.strings.add(f"iom_funders.{trig.id}")
            self.triggers[key] = trig
            self.matcher.add(f"iom_funders.{trig.id}", [pattern])
        self.countries = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_iso: dict[str, list[str]] = {}
        for country, iso in self.lex.country_names.items():
            by_iso.setdefault(iso, []).append(country)
        for iso, names in by_iso.items():
            self.countries.add(iso, list(nlp.tokenizer.pipe(names)))

    # -- finding mentions
    def match(self, doc: Doc) -> list[Mention]:
        """All funder mentions of ``doc`` with their evidence and confidence (before filtering and ids)."""
        reader = _DocReader(doc, self.lex, self.countries)
        found: dict[tuple[int, int], Mention] = {}

        def add(run: Sequence[NameChunk], evidence: str, confidence: float, depth: int = 0) -> None:
            for c in run:
                if not reader.is_named(c):
                    continue
                iso = reader.iso_of(c)
                acronym = c.acronym
                paren_channel = c.end < len(doc) and doc[c.end].text == "(" and c.acronym_span is not None \
                    and reader.channel_start(c.end + 1, c.acronym_span[0] + 1) is not None  # "l'UE (via ECHO)"
                if (iso or paren_channel) and acronym and c.acronym_span:
                    # "gouvernement des Etats-Unis (USAID/OFDA)", "l'Union européenne (via ECHO)": its agency
                    s, e = c.acronym_span
                    _keep(found, Mention(s, e, acronym, evidence, round(confidence * 0.9, 3), None))
                    acronym = None
                _keep(found, Mention(c.start, c.end, acronym, evidence, confidence, iso))
                if depth < 2:  # the body a funder pays through funds too ("le Japon, par l'intermédiaire de la JICA")
                    channel = reader.channel_run(c.next, reader.line_bounds(c.start)[1])
                    if channel:
                        add(channel, f"{evidence} (intermédiaire)", round(confidence * 0.9, 3), depth + 1)

        self._after_triggers(doc, reader, add)
        self._agents(doc, reader, add)
        self._subjects(doc, reader, add)
        self._donors(doc, reader, add)
        self._thanked(doc, reader, add)
        return sorted(found.values(), key=lambda m: (m.start, m.end))

    def _after_triggers(self, doc, reader, add) -> None:
        best: dict[int, tuple[int, int]] = {}  # longest match per start
        for key, s, e in self.matcher(doc):
            if s not in best or best[s][1] < e:
                best[s] = (key, e)
        covered = -1
        for s in sorted(best):
            key, e = best[s]
            if s < covered:
                continue
            covered = e
            trig = self.triggers[key]
            if s >= 2 and doc[s - 1].lower_ in self.lex.genitive_preps and doc[s - 2].lower_ in trig.not_after:
                continue
            lo, hi = reader.line_bounds(s)
            start = reader.skip_amount(e, hi) if trig.skip_amount else e
            run = reader.read_run(start, hi)
            exclude = set(range(s, e)) | {t for c in run for t in range(c.start, c.next)}
            if trig.money_head:
                money = self._money_head(doc, reader, s)
            else:
                money = reader.has_money(lo, hi, exclude)
            if money:
                add(run, trig.evidence, trig.confidence)
            else:
                for c in run:
                    bare = trig.state_confidence if reader.iso_of(c) else trig.bare_confidence
                    add([c], trig.evidence, max(bare, trig.bare_confidence))

    def _money_head(self, doc, reader, s) -> bool:
        """Does the participle at ``s`` qualify money ("un fonds d'un million de dollars accordé par")?"""
        words = self.lex.money_words | self.lex.amount_units
        if doc[s].dep_ in ("acl", "amod") and doc[s].head.lower_ in words:
            return True
        if any(c.dep_ == "nsubj:pass" and c.lower_ in words for c in doc[s].children):
            return True  # "le financement du projet est assuré par X"
        for j in range(s - 1, max(-1, s - 4), -1):
            if doc[j].lower_ in words:
                return True
            if doc[j].pos_ == "NOUN":
                return False
        return False

    def _agents(self, doc, reader, add) -> None:
        """``obl:agent`` of a funding participle when words separate it from "par" ("financé depuis 2015 par")."""
        for t in doc:
            if self._verb_class(t) != "funding" or not _PARTICIPLE_RE.search(t.lower_):
                continue
            for child in t.children:
                if child.dep_ != "obl:agent":
                    continue
                par = [c for c in child.children if c.dep_ == "case" and c.lower_ == "par"]
                if par and par[0].i > t.i + 1:
                    _, hi = reader.line_bounds(t.i)
                    add(reader.read_run(par[0].i + 1, hi), f"{t.text} par", 0.9)

    def _verb_class(self, t: Token) -> str | None:
        cls = self.lex.verb_forms.get(t.lower_)
        if cls is None and t.pos_ == "VERB":
            cls = self.lex.verb_lemmas.get(t.lemma_.lower())
        return cls

    def _subjects(self, doc, reader, add) -> None:
        """Subjects of funding verbs in the active voice."""
        lex = self.lex
        for v in doc:
            cls = self._verb_class(v)
            if cls is None or v.i == 0:
                continue
            if doc[v.i - 1].lower_ in lex.determiners:  # "la finance", "le don": nouns
                continue
            p = v.i
            while p - 1 >= 0 and (doc[p - 1].lower_ in lex.auxiliaries or doc[p - 1].lower_ in lex.adverbs):
                p -= 1
            if _PARTICIPLE_RE.search(v.lower_) and p == v.i:
                continue  # a bare participle is passive or adjectival: the triggers read it
            lo, hi = reader.line_bounds(v.i)
            parsed = self._parsed_subject(doc, reader, v, p, lo)
            linear = self._linear_subject(doc, reader, p, lo)
            # the parse often drops the first of coordinated subjects ("L'UE, la Norvège et l'Allemagne soutiennent")
            run = linear if linear and (not parsed or linear[0].start < parsed[0].start) else parsed
            if not run:
                continue
            subject_tokens = {t for c in run for t in range(c.start, c.next)}
            money = reader.has_money(lo, hi, subject_tokens)
            if cls == "funding":
                confidence = 0.9
            elif cls == "giving":
                if not reader.money_after(v.i, hi):
                    continue
                confidence = 0.8
            elif cls == "support":
                confidence = 0.75 if money else 0.45
            else:  # change: "renforce son soutien", "a triplé le montant"
                obj = [doc[j] for j in range(v.i + 1, min(hi, v.i + 4))
                       if doc[j].lower_ in lex.support_nouns]
                if not obj:
                    continue
                confidence = 0.75 if money else 0.45
            add(run, f"{v.text} (sujet)", confidence)

    def _parsed_subject(self, doc, reader, v: Token, p: int, lo: int) -> list[NameChunk]:
        subjects = [c for c in v.children if c.dep_ == "nsubj"]
        if not subjects and v.dep_ == "conj":
            subjects = [c for c in v.head.children if c.dep_ == "nsubj"]
        if subjects and subjects[0].lower_ in ("qui",) and v.dep_ == "acl:relcl":
            subjects = [v.head]
        for h in subjects:
            start = h.i
            while start - 1 >= lo and doc[start - 1].head.i == h.i and doc[start - 1].dep_ in ("det", "amod"):
                start -= 1
            if start < lo:
                continue
            run = reader.read_run(start, p)
            if run and any(c.start <= h.i < c.end for c in run) and self._reaches(doc, run[-1].next, p):
                return run
        return []

    def _reaches(self, doc: Doc, end: int, verb: int) -> bool:
        """The subject ends right before the verb, or before an incise between commas ("X, principal bailleur de
        fonds, a versé", "le Fonds ..., géré par OCHA, a alloué")."""
        if end == verb:
            return True
        between = doc[end:verb]
        return (len(between) >= 2 and between[0].text == "," and between[-1].text == ","
                and not any(self._ends_incise(t) or t.is_space for t in between))

    def _ends_incise(self, t: Token) -> bool:
        """A verb an incise between commas cannot hold: a finite verb, or a funding participle ("L'OIM, financée par
        l'UE, a fourni ...": the subject there is the recipient). "géré par OCHA", "basé à Genève" may stand."""
        if t.pos_ not in ("VERB", "AUX"):
            return False
        return "Part" not in t.morph.get("VerbForm") or self._verb_class(t) is not None

    def _linear_subject(self, doc, reader, p: int, lo: int) -> list[NameChunk]:
        stop = p
        if stop - 1 >= lo and doc[stop - 1].lower_ in ("qui",):  # "l'UE, qui finance ..."
            stop -= 1
            if stop - 1 >= lo and doc[stop - 1].text == ",":
                stop -= 1
        run = reader.runs_ending_at(stop, lo)
        if not run and stop - 1 >= lo and doc[stop - 1].text == ",":
            # "Le Royaume-Uni, à travers son Département ... (DFID), finance": skip the incise between commas
            for k in range(stop - 2, max(lo, stop - _MAX_SUBJECT_TOKENS) - 1, -1):
                if self._ends_incise(doc[k]) or doc[k].is_space:
                    break
                if doc[k].text == ",":
                    run = reader.runs_ending_at(k, lo)
                    if run:
                        return run
        return run

    def _thanked(self, doc, reader, add) -> None:
        """"L'OIM remercie le gouvernement japonais pour son soutien financier": thanks for money name a funder. Each
        body thanked further on with its own reason counts too ("..., ainsi que la BAD pour son don")."""
        lex = self.lex
        for v in doc:
            if v.lower_.startswith("remerci"):
                first = v.i + 1
            elif v.lower_ in lex.thanks_nouns and v.i + 1 < len(doc) and doc[v.i + 1].lower_ in lex.thanks_preps:
                first = v.i + 2  # "exprime sa gratitude au gouvernement japonais pour ..."
            else:
                continue
            _, hi = reader.line_bounds(v.i)
            starts = [first]
            while starts:
                start = starts.pop(0)
                run = reader.read_run(start, hi)
                reason = self._thanks_reason(doc, run[-1].next, hi) if run else None
                if reason is None:
                    continue
                k, confidence = reason
                add(run, f"{v.text} pour {doc[k].text}", confidence)
                starts = self._next_thanked(doc, k + 1, hi)

    def _thanks_reason(self, doc, k: int, hi: int) -> tuple[int, float] | None:
        """After a thanked name, "pour son don" / "de leur soutien financier": the reason's noun and the confidence
        it gives (money 0.8, support without money 0.4), or None."""
        lex = self.lex
        if k + 2 >= hi or doc[k].lower_ not in ("pour", "de", "d'", "d’"):
            return None
        k += 1
        while k < hi and doc[k].lower_ in lex.determiners | {"leur", "leurs", "généreux", "généreuse", "précieux"}:
            k += 1
        if k >= hi or doc[k].lower_ not in lex.support_nouns | {"générosité"}:
            return None
        financial = doc[k].lower_ in lex.money_words or (k + 1 < hi and doc[k + 1].lower_.startswith("financi"))
        return k, 0.8 if financial or doc[k].lower_ == "générosité" else 0.4

    @staticmethod
    def _next_thanked(doc, k: int, hi: int) -> list[int]:
        """Where another thanked name may start after a reason: after "ainsi que", "et" or a comma (bounded)."""
        out = []
        for j in range(k, min(hi, k + _MAX_SUBJECT_TOKENS)):
            if doc[j].lower_ == "que" and j > k and doc[j - 1].lower_ == "ainsi":
                out.append(j + 1)
            elif doc[j].lower_ == "et" or doc[j].text == ",":
                out.append(j + 1)
        return out

    def _donors(self, doc, reader, add) -> None:
        """"le Japon, principal bailleur de fonds du projet" (apposition), "X est le premier donateur" (copula)."""
        lex = self.lex
        for t in doc:
            financial_partner = t.lower_ in lex.partner_nouns and any(  # "partenaires (techniques et) financiers"
                w.lower_.startswith("financi") for w in doc[t.i + 1:t.i + 4])
            if t.lower_ not in lex.donor_nouns and not financial_partner:
                continue
            lo, hi = reader.line_bounds(t.i)
            heads = []
            if t.dep_ == "appos":
                heads.append(t.head)
            heads += [c for c in t.children if c.dep_ == "nsubj"]
            for h in heads:
                start = h.i
                while start - 1 >= lo and doc[start - 1].head.i == h.i and doc[start - 1].dep_ == "det":
                    start -= 1
                run = reader.read_run(start, t.i)
                if any(c.start <= h.i < c.end for c in run):  # "La Suède et la Norvège sont les principaux bailleurs"
                    add(run, f"{t.text} (apposition)", 0.85)
            run = self._predicate_list(doc, reader, t.i, hi)
            if run:
                add(run, f"{t.text} (attribut)", 0.85)

    def _predicate_list(self, doc, reader, i: int, hi: int) -> list[NameChunk]:
        """"Ses principaux bailleurs (de fonds de l'opération) sont (notamment) X, Y et Z": the names after the copula
        whose subject is the donor noun at ``i``."""
        for j in range(i + 1, min(hi, i + _MAX_PAREN_TOKENS)):
            t = doc[j]
            if t.lower_ in self.lex.copulas:
                k = j + 1
                while k < hi and (doc[k].lower_ in self.lex.list_links or doc[k].lower_ in self.lex.adverbs):
                    k += 1
                return reader.read_run(k, hi)
            if t.pos_ in ("VERB", "AUX") or t.text in (",", ";", "(") or t.lower_ in ("qui", "que", "dont"):
                return []
        return []

    # -- writing spans
    def set_annotations(self, doc: Doc, mentions: Iterable[Mention]) -> None:
        """Give ids to the kept mentions and write them to ``doc.spans["iom_funders"]``."""
        kept = [m for m in mentions if m.confidence >= self.min_confidence]
        spans = [doc[m.start:m.end] for m in kept]
        org_index, loc_index = _overlap_index(doc, ORG_KEY, "iom_org"), _overlap_index(doc, LOC_KEY, "iom_loc")
        org_ids = [_overlapping_id(org_index, s) for s in spans]
        loc_ids = [_overlapping_id(loc_index, s) for s in spans]
        texts = [" ".join(s.text.split()) for s in spans]
        groups = _group(kept, texts, org_ids, loc_ids)
        values = []
        for members in groups:
            names = [texts[i] for i in members if not is_acronym_like(texts[i])] or [texts[i] for i in members]
            name = max(names, key=len)
            acronym = next((kept[i].acronym for i in members if kept[i].acronym), None)
            if acronym is None and is_acronym_like(name):
                acronym = name
            org = next((org_ids[i] for i in members if org_ids[i]), None)
            loc = next((loc_ids[i] for i in members if loc_ids[i]), None)
            iso = next((kept[i].iso for i in members if kept[i].iso), None)
            group_id = org or loc or (f"country:{iso}" if iso else f"funder:{norm_name(name).replace(' ', '-')}")
            for i in members:
                values.append((i, {"id": group_id, "name": name, "acronym": acronym, "org_id": org_ids[i],
                                   "loc_id": loc_ids[i], "evidence": kept[i].evidence,
                                   "confidence": kept[i].confidence}))
        out = []
        for i, value in sorted(values):
            spans[i]._.iom_funder = value
            out.append(spans[i])
        doc.spans[FUNDER_KEY] = out


def _keep(found: dict, m: Mention) -> None:
    """Keep the most confident reading of a span."""
    old = found.get((m.start, m.end))
    if old is None or old.confidence < m.confidence:
        if old is not None and old.acronym and not m.acronym:
            m.acronym = old.acronym
        found[(m.start, m.end)] = m


def _overlap_index(doc: Doc, key: str, attr: str) -> dict[int, list[tuple[int, int, str]]]:
    """For each token, ``(length, -order, id)`` of the spans of ``doc.spans[key]`` covering it that have an id:
    built once per Doc, so finding the spans a mention overlaps is no scan of every span per mention."""
    index: dict[int, list[tuple[int, int, str]]] = {}
    if key not in doc.spans:
        return index
    for order, other in enumerate(doc.spans[key]):
        value = getattr(other._, attr, None)
        if value and value.get("id") is not None:
            for t in range(other.start, other.end):
                index.setdefault(t, []).append((other.end - other.start, -order, value["id"]))
    return index


def _overlapping_id(index: dict[int, list[tuple[int, int, str]]], span: Span) -> str | None:
    """The id of the longest span (the first of equals) overlapping the mention (see :func:`_overlap_index`)."""
    found = [item for t in range(span.start, span.end) for item in index.get(t, ())]
    return max(found)[2] if found else None


def _group(mentions: Sequence[Mention], texts: Sequence[str], org_ids, loc_ids) -> list[list[int]]:
    """Union mentions naming one funder: same organisation, place or country; same name; an acronym and its
    name; a shorter name that starts a longer one ("Fonds mondial" / "Fonds mondial pour la lutte ...").

    Equal values are joined through a dict (linear); only the acronym and prefix tests compare pairs, of distinct
    texts rather than of mentions, so a long text naming one funder thousands of times stays fast."""
    parent = list(range(len(mentions)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i, j):
        parent[find(i)] = find(j)

    norms = [norm_name(t) for t in texts]
    first: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        # an acronym equal to another mention's acronym or text: both go under the key ("acronym", value)
        keys = [("org", org_ids[i]), ("loc", loc_ids[i]), ("iso", m.iso), ("norm", norms[i]),
                ("acronym", m.acronym), ("acronym", texts[i])]
        for key in keys:
            if not key[1] and key[0] != "norm":
                continue
            if key in first:
                union(i, first[key])
            else:
                first[key] = i
    by_text: dict[str, int] = {}
    for i, t in enumerate(texts):
        by_text.setdefault(t, i)
    distinct = list(by_text.values())
    for n, i in enumerate(distinct):
        for j in distinct[:n]:
            for x, y in ((i, j), (j, i)):
                same = is_acronym_like(texts[x]) and not is_acronym_like(texts[y]) and is_acronym_of(texts[x], texts[y])
                short, long_ = norms[x].split(), norms[y].split()
                if same or 2 <= len(short) < len(long_) and long_[:len(short)] == short:
                    union(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


@Language.factory(
    "iom_funders",
    assigns=["doc.spans"],
    default_config={"min_confidence": 0.5, "resources": "funders"},
)
def make_funders(nlp: Language, name: str, min_confidence: float, resources: str) -> FundersComponent:
    """spaCy factory of the funders component (``nlp.add_pipe("iom_funders")``)."""
    return FundersComponent(nlp, name, min_confidence=min_confidence, resources=resources)
