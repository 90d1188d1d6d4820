"""Undo hard line breaks inside sentences and names, keeping paragraph, list and contact-block boundaries."""
from __future__ import annotations

import re
from functools import lru_cache

from ..resources import load_lines
from .chrome import Line

# the end of a line cut inside an e-mail address ("name@", "name@iom.") and the rest of it on the next line
_EMAIL_CUT = re.compile(r"[\w.+-]{1,64}@(?:[\w-]{1,63}\.){0,4}$")
_ENDS_WITH_CONTACT = re.compile(r"(?:[\w.+-]@[\w-]+(?:\.[\w-]+){1,4}|\d(?:[ .()/'–-]{0,3}\d){6})\W{0,2}$")
_EMAIL_REST = re.compile(r"[\w-]{1,63}(?:\.[\w-]{1,63}){0,4}(?![\w@])")
_LIST_ITEM = re.compile(r"^(?:[-–—•·*▪►]\s|\d{1,2}[.)]\s|[a-z][.)]\s)")
_STARTS_CONTACTISH = re.compile(r"^(?:\+\s?\d|\(\+?\d|\d{2,4}[ ./-]\d{2}|[\w.+-]{1,64}@|https?://|www\.|\"?mailto:)")
_SENTENCE_END = (".", "!", "?", "…", ":", ";")
_CLOSERS = "»)]”\"’,.;:!?"
_CONTINUING = (",", "«", "(", "–", "-", "/", "&", "'", "’")  # a line ending so goes on
_HYPHENATED = re.compile(r"[^\W\d_]-$")


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    out = set()
    for row in load_lines("prepare/function_words.txt"):
        out.update(w.replace("’", "'") for w in row.split())
    return frozenset(out)


@lru_cache(maxsize=1)
def _label_pattern() -> re.Pattern[str]:
    labels = sorted(load_lines("prepare/contact_labels.txt"), key=len, reverse=True)
    alternatives = "|".join(re.escape(label) for label in labels)
    return re.compile(rf"^(?:{alternatives})(?=[\s.:]|$)", re.IGNORECASE)


def starts_block(text: str) -> bool:
    """A line that opens its own block: a list item, a contact label, a phone, an address, a link."""
    return bool(_LIST_ITEM.match(text) or _label_pattern().match(text) or _STARTS_CONTACTISH.match(text))


def wrap_width(lines: list[Line], skip: frozenset[int] | set[int] = frozenset()) -> int:
    """The wrapping width of a hard-wrapped text (many single line breaks fall before a lower-case word), else 0.

    Lines in ``skip`` (menu blocks) are left out of the count."""
    lengths = []
    lowercase = 0
    for i, (a, b) in enumerate(zip(lines, lines[1:])):
        if a.text and b.text and i not in skip and i + 1 not in skip:
            lengths.append(len(a.text))
            lowercase += b.text[0].islower()
    if len(lengths) < 4 or lowercase * 5 < len(lengths):
        return 0
    lengths.sort()
    return lengths[int(len(lengths) * 0.9)]


def joiner(a: str, b: str, width: int = 0) -> str | None:
    """How to join line ``a`` with the next line ``b`` of the same block: " ", "" (a word cut at a hyphen) or
    None (keep the break). ``width`` is the text's wrapping width (0: not hard-wrapped)."""
    if not a or not b or starts_block(b):
        return None
    if a.endswith(":"):
        return None  # a label and its value, "veuillez contacter:" and a name
    if _EMAIL_CUT.search(a) and _EMAIL_REST.match(b):
        return ""  # an address cut after "@" or a dot: "ngobassa@\nunhcr.org" -> "ngobassa@unhcr.org"
    first = b[0]
    if first.isupper() and _ENDS_WITH_CONTACT.search(a):
        return None  # one contact per line: "…, Courriel : x@iom.int" then "Diego Morales, …"
    if a.endswith(_SENTENCE_END) or a.endswith(("»", "”")) and not first.islower():
        return " " if first.islower() and (width or not a.endswith((".", "!", "?"))) else None
    if first.islower() or first in _CLOSERS:
        if _HYPHENATED.search(a):
            return "" if width else None  # "sous-\nrégional" -> "sous-régional"
        return " "
    full_line = width > 0 and len(a) >= 0.6 * width
    if _HYPHENATED.search(a) and first.isalnum():
        return ""  # "Royaume-\nUni" -> "Royaume-Uni"
    last = a.rsplit(None, 1)[-1].replace("’", "'")
    if "'" in last[:-1]:
        last = last.split("'", 1)[1]
    if a.endswith(_CONTINUING) or last.lower() in _function_words() or last in _function_words():
        return " "
    if full_line:
        return " "  # a long line of a hard-wrapped paragraph ends mid-name: "de San\nLorenzo"
    return None
