"""Acronym definitions written in a text: "Organisation internationale pour les migrations (OIM)" and
"l'OIM (Organisation internationale pour les migrations)".

The letter matching is the algorithm of A. S. Schwartz and M. A. Hearst, "A simple algorithm for identifying
abbreviation definitions in biomedical text", Pacific Symposium on Biocomputing 8:451-462 (2003): walk the short
form and the candidate long form from their ends, each letter of the short form found in order in the long form,
the first one at the start of a word; the long form is bounded to min(|A| + 5, 2|A|) words before the parenthesis.

Adapted to French press releases:

- French function words ("de", "du", "des", "la", "l'", "d'", "pour", "et", "en", "à", "aux", "sur", "contre"...)
  are not counted in the word bound: "Bureau de la Population, des Réfugiés et des Migrations (PRM)" is three words.
- Clause words ("a", "par", "qui", "avec"...) end the search, as sentence punctuation does.
- A long form whose letter match stops inside a name is extended left to the name's head noun: the letters of
  UNODC stop at "Unies contre la drogue et le crime"; the head "Office" gives "Office des Nations Unies contre la
  drogue et le crime".
- Many acronyms follow the English name (UNODC, UNHCR, ECHO, IOM): when the letters do not match but the acronym is
  known (a gazetteer's), or when no letters match and the phrase opens on a head noun ("Ministère ... (BMZ)"), the
  long form is the phrase from its head noun to the parenthesis, found with the same bounds.
- "(de l'acronyme espagnol AECID)": a short lower-case lead-in before the acronym inside the parentheses is allowed.

Everything here is a pure function of strings and word sets; the word lists live in ``models/organisations/``
(see :func:`default_word_sets`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .resources import load_lines

# Bounded patterns only: one quantifier per alternative, no nesting.
_WORD_RE = re.compile(r"(?:[cdjlmnst]|qu)['’](?=\w)|\w[\w&-]{0,60}", re.IGNORECASE)
_PAREN_RE = re.compile(r"\(([^()\n]{1,200})\)")
_LOOKBACK = 1_000  # characters a long form (or the acronym before a parenthesis) is looked for in
_BOUNDARY_CHARS = frozenset(".;:!?()[]«»\"“”\n")
_LEAD_IN_RE = re.compile(r"(?:[a-zà-ÿ'’]{1,15}\s{1,3}){1,5}(?=\S{2,12}$)")

_COORDINATION = frozenset({"et", "ou", "and", "or"})
MAX_EXTENSION_WORDS = 4
"""How far left (in content words) a long form may be extended to reach its head noun."""


@dataclass(frozen=True)
class WordSets:
    """The word lists the finder needs: function words, clause (boundary) words and organisation head nouns."""

    function_words: frozenset[str]
    boundary_words: frozenset[str]
    heads: frozenset[str]


@dataclass(frozen=True)
class Definition:
    """One acronym definition: the short form, the long form and their character offsets in the text.

    ``method`` says how the long form was found: "letters" (Schwartz–Hearst letter match), "known" (the acronym is
    known and the long form opens on a head noun) or "head" (no letter match, but a head noun opens the phrase).
    """

    short: str
    short_start: int
    short_end: int
    long: str
    long_start: int
    long_end: int
    method: str


@lru_cache(maxsize=1)
def default_word_sets() -> WordSets:
    """The word lists shipped in ``models/organisations/`` (read once)."""
    return WordSets(
        function_words=frozenset(w.lower() for w in load_lines("organisations/function_words.txt")),
        boundary_words=frozenset(w.lower() for w in load_lines("organisations/boundary_words.txt")),
        heads=frozenset(load_lines("organisations/heads.txt")),
    )


def looks_like_acronym(token: str) -> bool:
    """True for a short-form candidate: 2-12 characters, no space, opens on a capital, at least two capitals.

    >>> looks_like_acronym("OIM"), looks_like_acronym("AfDB"), looks_like_acronym("Niger")
    (True, True, False)
    """
    if not 2 <= len(token) <= 12 or not token[0].isupper() or not token[0].isalpha():
        return False
    if not all(c.isalnum() or c in "-&" for c in token):
        return False
    return sum(c.isupper() for c in token) >= 2


def match_letters(short: str, long: str) -> int | None:
    """Schwartz–Hearst best long form: the offset in ``long`` where the long form starts, or None.

    Each letter or digit of ``short``, from the last, is looked for backwards in ``long``; the first letter of
    ``short`` must open a word. Case is ignored.

    >>> match_letters("OIM", "l'Organisation internationale pour les migrations")
    2
    """
    s, lf = _base_letters(short), _base_letters(long)
    s_i, l_i = len(s) - 1, len(lf) - 1
    while s_i >= 0:
        c = s[s_i]
        if not c.isalnum():
            s_i -= 1
            continue
        while l_i >= 0 and (lf[l_i] != c or (s_i == 0 and l_i > 0 and lf[l_i - 1].isalnum())):
            l_i -= 1
        if l_i < 0:
            return None
        l_i -= 1
        s_i -= 1
    return l_i + 1


def _base_letters(text: str) -> str:
    """Lower case without accents, one character for one ("É" -> "e"), so offsets are kept."""
    return "".join(unicodedata.normalize("NFD", c)[0] for c in text.lower())


def words_with_offsets(text: str) -> list[tuple[str, int, int]]:
    """The words of ``text`` with their offsets; elided articles stand alone ("l'", "d'")."""
    return [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]


def _rstrip_end(text: str, pos: int) -> int:
    """``len(text[:pos].rstrip())`` without copying the text before ``pos``."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def _norm_word(word: str) -> str:
    return word.lower().replace("’", "'")


def _is_head(word: str, sets: WordSets) -> bool:
    return word in sets.heads and word[0].isupper()


def window_start(text: str, end: int, short: str, sets: WordSets, *, extra: int = 0) -> int:
    """Where the search for a long form ending at ``end`` starts: the bound of Schwartz–Hearst in content words
    (min(|A| + 5, 2|A|) + ``extra``), cut at sentence punctuation and at clause words."""
    limit = min(len(short) + 5, 2 * len(short)) + extra
    start, content = end, 0
    pos = end
    lo = max(0, end - _LOOKBACK)  # bounded: a scan from the start of the text for every "(" is quadratic
    for word, w_start, w_end in reversed([(w, a + lo, b + lo) for w, a, b in words_with_offsets(text[lo:end])]):
        if any(c in _BOUNDARY_CHARS for c in text[w_end:pos]) or _norm_word(word) in sets.boundary_words:
            break
        if _norm_word(word) not in sets.function_words:
            content += 1
            if content > limit:
                break
        start = pos = w_start
    return start


def extend_to_head(text: str, start: int, lower_bound: int, sets: WordSets) -> int:
    """Move ``start`` left to the nearest head noun within :data:`MAX_EXTENSION_WORDS` content words (from
    ``lower_bound``), never across another acronym or a coordination ("Croix-Rouge et Médecins Sans Frontières
    (MSF)" keeps "Médecins Sans Frontières"); unchanged when ``start`` is on a head noun or none is found."""
    # up to the end of the word at ``start`` (words are at most 61 characters), not to the end of the text
    words = [(w, s + lower_bound, e + lower_bound) for w, s, e in words_with_offsets(text[lower_bound:start + 64])]
    at = [i for i, (_, w_start, _) in enumerate(words) if w_start == start]
    if not at or _is_head(words[at[0]][0], sets):
        return start
    content = 0  # function words are free: "Agence nationale de la gestion des ..." is two words from its head
    for word, w_start, _ in reversed(words[:at[0]]):
        if _is_head(word, sets):
            return w_start
        if looks_like_acronym(word) or _norm_word(word) in _COORDINATION or "," in text[w_start:start]:
            break
        if _norm_word(word) not in sets.function_words:
            content += 1
            if content >= MAX_EXTENSION_WORDS:
                break
    return start


def strip_leading_function_words(text: str, start: int, end: int, sets: WordSets) -> int:
    """Skip articles and prepositions at the start of a long form ("la Communauté ..." -> "Communauté ...")."""
    for word, w_start, _ in words_with_offsets(text[start:end]):
        if _norm_word(word) not in sets.function_words:
            return start + w_start
    return start


def head_start(text: str, start: int, end: int, sets: WordSets) -> int | None:
    """The offset of the head noun opening the name that ends at ``end``, or None.

    From the head nearest ``end``, move to the previous head while no coordination ("et", "ou", a comma) lies
    between them: "Bureau du Département d'Etat ..." opens on "Bureau", but "Union européenne et le Ministère
    fédéral ..." on "Ministère"."""
    words = [(w, s + start, e + start) for w, s, e in words_with_offsets(text[start:end])]
    heads = [i for i, (w, _, _) in enumerate(words) if _is_head(w, sets)]
    if not heads:
        return None
    chosen = heads[-1]
    for previous in reversed(heads[:-1]):
        between = text[words[previous][2]:words[chosen][1]]
        if "," in between or any(_norm_word(w) in _COORDINATION for w, _, _ in words[previous + 1:chosen]):
            break
        chosen = previous
    return words[chosen][1]


def long_form_before(text: str, paren_start: int, short: str, sets: WordSets,
                     known: frozenset[str] = frozenset()) -> tuple[int, str] | None:
    """The long form written before "(short)" at ``paren_start``: (start offset, method), or None."""
    end = _rstrip_end(text, paren_start)
    start = window_start(text, end, short, sets)
    offset = match_letters(short, text[start:end])
    if offset is not None:
        begin = strip_leading_function_words(text, start + offset, end, sets)
        wide = window_start(text, end, short, sets, extra=MAX_EXTENSION_WORDS)
        begin = extend_to_head(text, begin, wide, sets)
        if len(words_with_offsets(text[begin:end])) >= 2:
            return begin, "letters"
    wide = window_start(text, end, short, sets, extra=8)
    begin = head_start(text, wide, end, sets)
    if begin is None or len(words_with_offsets(text[begin:end])) < 2:
        return None
    return begin, ("known" if short in known else "head")


def long_form_inside(content: str, short: str, sets: WordSets,
                     known: frozenset[str] = frozenset()) -> str | None:
    """How the parenthesised ``content`` defines ``short`` written before it: the method, or None."""
    if len(words_with_offsets(content)) < 2 or not content[0].isupper():
        return None
    offset = match_letters(short, content)
    if offset is not None and not content[:offset].strip(" '’"):
        return "letters"
    first = words_with_offsets(content)[0][0]
    if short in known:
        return "known"
    return "head" if _is_head(first, sets) else None


def find_definitions(text: str, sets: WordSets | None = None,
                     known: frozenset[str] = frozenset()) -> list[Definition]:
    """Every acronym definition in ``text``, in text order, both ways round.

    ``known`` holds acronyms known to name organisations (a gazetteer's): for them a long form opening on a head
    noun is accepted even when its letters follow another language ("Service d'aide humanitaire (ECHO)").
    """
    sets = sets or default_word_sets()
    found = []
    for m in _PAREN_RE.finditer(text):
        content = m.group(1).strip()
        c_start = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        # "Long Form (ACR)" or "Long Form (de l'acronyme espagnol ACR)"
        lead = _LEAD_IN_RE.match(content)
        short = content[lead.end():] if lead else content
        if looks_like_acronym(short):
            s_start = c_start + (lead.end() if lead else 0)
            hit = long_form_before(text, m.start(), short, sets, known)
            if hit:
                begin, method = hit
                end = _rstrip_end(text, m.start())
                found.append(Definition(short, s_start, s_start + len(short), text[begin:end], begin, end, method))
            continue
        # "ACR (Long Form)"
        lo = max(0, m.start() - _LOOKBACK)
        before = [(w, a + lo, b + lo) for w, a, b in words_with_offsets(text[lo:m.start()])]
        if not before or text[before[-1][2]:m.start()].strip():
            continue
        short, s_start, s_end = before[-1]
        if not looks_like_acronym(short):
            continue
        method = long_form_inside(content, short, sets, known)
        if method:
            found.append(Definition(short, s_start, s_end, content, c_start, c_start + len(content), method))
    return found
