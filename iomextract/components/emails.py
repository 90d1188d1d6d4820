"""E-mail addresses in release text: plain, in broken mailto fragments, split by a line break, or obfuscated.

Pure functions over a string; offsets refer to the string given. Addresses are lower-cased. Not addresses: Twitter
handles ("@EDA_DFAE": nothing before the "@"), the "[email protected]" masks of web archives (no "@"), websites.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_LOCAL = r"[\w!#$%&*+=?^`{|}~-](?:[\w.!#$%&'*+=?^`{|}~-]{0,63}[\w!#$%&*+=?^`{|}~-])?"
_DOMAIN = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![\w-])"
_PLAIN = re.compile(rf"(?<![\w.@+-])({_LOCAL})@({_DOMAIN})")

# "x [at] iom [dot] int", "x(at)iom.int", "x arobase iom point int"
_AT = r"(?:\s{0,3}[\[({]\s{0,2}(?:at|arobase|@)\s{0,2}[\])}]\s{0,3}|\s{1,3}arobase\s{1,3})"
_DOT = r"(?:\s{0,3}[\[({]\s{0,2}(?:dot|point)\s{0,2}[\])}]\s{0,3}|\s{1,3}point\s{1,3}|\.)"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_OBFUSCATED = re.compile(
    rf"(?<![\w.@+-])({_LOCAL}){_AT}({_LABEL}(?:{_DOT}{_LABEL}){{0,7}}){_DOT}([A-Za-z]{{2,24}})(?![\w-])",
    re.IGNORECASE,
)
_DOT_SPLIT = re.compile(_DOT, re.IGNORECASE)

# a line break inside an address: after "@", ".", "-" or "_", before a lower-case letter or digit
_BREAK = re.compile(r"(?<=[@._-])[ \t]?\n[ \t]?(?=[a-z0-9])")
_MAILTO = re.compile(r"mailto:\s?", re.IGNORECASE)


@dataclass(frozen=True)
class EmailMatch:
    """An e-mail address: raw text and its offsets in the input, lower-cased address."""

    start: int
    end: int
    raw: str
    address: str


def _unbreak(text: str) -> tuple[str, list[int]]:
    """``text`` with line breaks inside addresses removed, and the map from its offsets back to ``text``."""
    keep = [True] * len(text)
    for m in _BREAK.finditer(text):
        before = text[max(0, m.start() - 80):m.start()]
        token_before = re.split(r"\s", before)[-1]
        after = text[m.end():m.end() + 80]
        token_after = re.split(r"\s", after, maxsplit=1)[0]
        # only where the address continues: an "@" on one side, and no sentence ending before the break
        if "@" not in token_before and "@" not in token_after:
            continue
        if "@" in token_before and not re.search(r"@[\w.-]*$", token_before):
            continue
        for i in range(m.start(), m.end()):
            keep[i] = False
    chars, offsets = [], []
    for i, ch in enumerate(text):
        if keep[i]:
            chars.append(ch)
            offsets.append(i)
    offsets.append(len(text))
    return "".join(chars), offsets


def find_emails(text: str) -> list[EmailMatch]:
    """Every e-mail address of ``text`` in order; a mailto fragment repeating its address yields one match."""
    joined, back = _unbreak(text)
    found: list[EmailMatch] = []
    for m in _PLAIN.finditer(joined):
        start, end = back[m.start()], back[m.end() - 1] + 1
        found.append(EmailMatch(start, end, text[start:end], f"{m.group(1)}@{m.group(2)}".lower()))
    for m in _OBFUSCATED.finditer(joined):
        if "@" in m.group(0):
            continue  # a plain address, already found
        start, end = back[m.start()], back[m.end() - 1] + 1
        labels = [p for p in _DOT_SPLIT.split(m.group(2)) if p] + [m.group(3)]
        address = f"{m.group(1)}@{'.'.join(labels)}".lower()
        found.append(EmailMatch(start, end, text[start:end], address))
    found.sort(key=lambda e: e.start)
    return _drop_mailto_twins(text, found)


def _drop_mailto_twins(text: str, found: list[EmailMatch]) -> list[EmailMatch]:
    """In ``"mailto:x@y.org">x@y.org`` keep the visible address only."""
    out = []
    for i, match in enumerate(found):
        prefix = text[max(0, match.start - 8):match.start]
        twin = found[i + 1] if i + 1 < len(found) else None
        if (_MAILTO.search(prefix) and twin is not None and twin.address == match.address
                and twin.start - match.end <= 160):
            continue
        out.append(match)
    return out
