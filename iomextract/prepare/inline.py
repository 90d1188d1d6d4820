"""Repairs inside lines: HTML remnants, entities, odd spaces, control characters, lost letters.

Each function returns ``(text, OffsetMap | None)`` (``None`` when nothing changed), so the caller can chain maps.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

from ..resources import load_json
from .offsets import OffsetMap, apply_edits

# '"mailto:a@b.org">a@b.org', '"mailto:a@b.org" target="_blank" title=\n"">a@b.org', 'href="mailto:a@b">': the
# attribute tail of an <a> whose '<a href=' was stripped. Attribute values are bounded; the visible text after '>' is
# kept (it is the address again, or a label).
_MAILTO = re.compile(
    r"""(?:<a\s[^<>]{0,300}?)?(?:href\s*=\s*)?["']?mailto:([^"'<>\s]{1,200})["']?"""
    r"""(?:\s{0,5}[A-Za-z-]{1,20}\s{0,5}=\s{0,5}(?:"[^"<>]{0,200}"|'[^'<>]{0,200}'|[^\s"'<>]{1,200})){0,10}"""
    r"""\s{0,5}/?>""",
    re.IGNORECASE,
)
# a complete tag written into the text ('<br>', '</a>', '<span class="x">'); the name must follow '<' directly
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,15}(?:\s[^<>]{0,300})?/?>")
_BREAKING_TAG = re.compile(r"</?(?:br|p|div|li|tr|h[1-6])\b", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# no-break, thin, narrow, figure, ideographic... spaces -> ' '; zero-width characters and soft hyphens -> deleted
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\u000b\u000c]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_CR = re.compile(r"\r\n?|\u2028|\u2029|\u0085")
_CONTROL = re.compile("[\u0000-\u0008\u000e-\u001f\u007f]")
_WORD = re.compile(r"[^\W\d_]{1,30}", re.UNICODE)


def repair_remnants(text: str) -> tuple[str, OffsetMap | None]:
    """Remove mailto remnants and stray tags; decode entities. Warns as ``html_remnants_repaired``."""
    if "mailto:" not in text and "<" not in text and "&" not in text:
        return text, None
    edits: list[tuple[int, int, str]] = []
    for match in _MAILTO.finditer(text):
        address = match.group(1)
        end = match.end()
        visible = text[end:end + len(address)]
        if visible.lower() == address.lower():
            edits.append((match.start(), end, ""))  # keep the visible copy, drop the attribute tail
        else:
            edits.append((match.start(), end, address + " "))
    edits.extend((m.start(), m.end(), "\n" if _BREAKING_TAG.match(m.group()) else "") for m in _TAG.finditer(text))
    for match in _ENTITY.finditer(text):
        decoded = html.unescape(match.group())
        if decoded != match.group():
            edits.append((match.start(), match.end(), decoded))
    edits.sort()
    return apply_edits(text, edits)


def normalise_spaces(text: str) -> tuple[str, OffsetMap | None]:
    """Odd spaces and tabs -> ' ', CR/CRLF/line separators -> '\\n', invisible and control characters removed."""
    edits = [(m.start(), m.end(), "\n") for m in _CR.finditer(text)]
    edits += [(m.start(), m.end(), " ") for m in _ODD_SPACE.finditer(text)]
    edits += [(m.start(), m.end(), "") for m in _INVISIBLE.finditer(text)]
    edits += [(m.start(), m.end(), "") for m in _CONTROL.finditer(text)]
    if not edits:
        return text, None
    edits.sort()
    return apply_edits(text, edits)


@lru_cache(maxsize=1)
def _lost_letter_tables() -> tuple[re.Pattern[str], dict[str, str], dict[str, tuple[str, tuple[tuple[str, ...], ...]]]]:
    data = load_json("prepare/lost_letters.json")
    always = dict(data["always"])
    after = {row["word"]: (row["repair"], tuple(tuple(p.split()) for p in row["previous"])) for row in data["after"]}
    alternatives = "|".join(sorted((re.escape(w) for w in list(always) + list(after)), key=len, reverse=True))
    pattern = re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])", re.IGNORECASE)
    return pattern, always, after


def _with_case(word: str, repair: str) -> str:
    if word.isupper() and len(word) > 1:
        return repair.upper()
    if word[:1].isupper():
        return repair[:1].upper() + repair[1:]
    return repair


def repair_lost_letters(text: str) -> tuple[str, OffsetMap | None]:
    """Restore a dropped 'œ' ("mise en uvre" -> "mise en œuvre"); ambiguous forms only in their safe context."""
    pattern, always, after = _lost_letter_tables()
    edits = []
    for match in pattern.finditer(text):
        word = match.group()
        lower = word.lower()
        repair = always.get(lower)
        if repair is None:
            candidate, contexts = after[lower]
            previous = [w.lower() for w in _WORD.findall(text[max(0, match.start() - 60):match.start()])[-2:]]
            if any(len(previous) >= len(c) and tuple(previous[-len(c):]) == c for c in contexts):
                repair = candidate
        if repair is not None:
            edits.append((match.start(), match.end(), _with_case(word, repair)))
    return apply_edits(text, edits)
