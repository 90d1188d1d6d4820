"""Phone numbers in release text: candidates by a bounded pattern, then validated with phonenumbers.

The flow follows presidio's pattern recognizers: a loose pattern proposes candidates, ``validate_phone`` (the
``validate_result`` hook) keeps those phonenumbers accepts for the regions the context suggests. Pure functions:
the caller gives the regions to try at a position and says where the text is a contact context; nothing here
knows spaCy.

Decisions (checked against the contact gold):

- A run of digits joined by "/" is first read whole ("079/637'62'85" is one Swiss mobile); when the whole is no
  number, it is split at the slashes: "031 387 74 08 / 076 372 41 84" gives two numbers, and a short tail
  ("+ 593 2-22-53-948/49") is an alternative line, the tail's digits replacing the end of the number before it.
- A number written in international form ("+41", "0041", "(+41)", "+41 (0)22") needs no region. One that
  phonenumbers calls invalid for its country (an old numbering plan, "00509 551 18 81") is kept, with its E.164
  form, only in a contact context (a label or a contact block).
- A number in national form ("031 324 91 68") is kept only in a contact context, and gets an E.164 form when it is
  valid for one of the regions given (tried in order); otherwise it keeps its raw text with ``e164`` None.
- Kind: a "fax" or "mobile" label wins; a landline label ("fixe", "bureau") says phone; else a number phonenumbers
  types MOBILE is "mobile" in the regions of ``mobile_regions.txt`` and "phone" elsewhere.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberType

KINDS = ("phone", "mobile", "fax")

# A candidate: an optional international or area prefix, then digits and in-number separators (never a line
# break), ending on a digit. One repetition over one character class: no nested quantifiers.
_CANDIDATE = re.compile(
    r"(?<![\w@+/'’\-–])(?<!\d[.,])"
    r"(?:\(\s?\+\s?\d{1,3}(?:[ \-]?\d{1,4})?\s?\)|\+[ \u00a0]?\d|\(\d{1,5}\)|\d)"
    r"[\d \t\u00a0\u202f.\-–/'’()]{0,40}\d"
    r"(?![\d@]|[A-Za-z]\w)"
)
_DATE = re.compile(r"\d{1,2}\s?[./-]\s?\d{1,2}\s?[./-]\s?(?:19|20)?\d\d")
_YEARS = re.compile(r"(?:19|20)\d\d\s?[-–/]\s?(?:19|20)?\d\d")
_ACCOUNT = re.compile(r"\d{1,2}\s?[-–]\s?\d{3,6}\s?[-–]\s?\d")  # Swiss postal account "30-4200-3"
_THOUSANDS = re.compile(r"\d{1,3}(?:[ \u00a0\u202f.'’]\d{3})+")
_SPLIT = re.compile(r"\s*/\s*|\s*;\s*|\s+[-–]\s+")
_INTL = re.compile(r"\(?\s?(?:\+|00(?=[1-9]))")
_TRUNK_IN_PARENS = re.compile(r"\(\s?0\s?\)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*|[%€$]")


@dataclass(frozen=True)
class PhoneMatch:
    """A validated phone number: raw text and its offsets, E.164 form (None if the region is unknown), kind."""

    start: int
    end: int
    raw: str
    e164: str | None
    kind: str


@dataclass(frozen=True)
class PhoneRules:
    """Compiled label and context data (built once, at component construction)."""

    label_re: re.Pattern
    label_kinds: dict
    amount_after: frozenset
    account_before: re.Pattern
    mobile_regions: frozenset


def fold(text: str) -> str:
    """Lower-case and strip accents, keeping the length (one character in, one out), so offsets carry over."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base.lower() if len(base.lower()) == 1 else ch)
    return "".join(out)


def compile_phone_rules(labels: Iterable[tuple[str, str]], amount_words: Iterable[tuple[str, str]],
                        mobile_regions: Iterable[str]) -> PhoneRules:
    """Build :class:`PhoneRules` from the rows of ``labels.tsv``, ``amount_words.tsv`` and ``mobile_regions.txt``."""
    kinds = {}
    for word, kind in labels:
        if kind not in {"phone", "fixed", "mobile", "fax", "email"}:
            raise ValueError(f"[E301] label {word!r} has kind {kind!r}; allowed: phone, fixed, mobile, fax, email.")
        kinds[fold(word)] = kind
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(kinds, key=len, reverse=True))
    label_re = re.compile(rf"(?<![\w-])({alternatives})(?![\w-])\.?")
    after, before = set(), []
    for side, word in amount_words:
        if side == "after":
            after.add(fold(word))
        elif side == "before":
            before.append(re.escape(fold(word)))
        else:
            raise ValueError(f"[E302] amount word {word!r} has side {side!r}; allowed: after, before.")
    account_before = re.compile(rf"(?<!\w)(?:{'|'.join(before)})(?!\w)")
    regions = frozenset(r.upper() for r in mobile_regions)
    unknown = sorted(r for r in regions if r not in phonenumbers.SUPPORTED_REGIONS)
    if unknown:
        raise ValueError(f"[E303] unknown regions in mobile_regions.txt: {unknown}.")
    return PhoneRules(label_re, kinds, frozenset(after), account_before, regions)


def find_candidates(text: str) -> list[tuple[int, int]]:
    """Offsets of the digit runs that may hold one or more phone numbers."""
    return [m.span() for m in _CANDIDATE.finditer(text)]


def label_kind(text: str, start: int, floor: int, rules: PhoneRules) -> str | None:
    """The kind named by the nearest label before ``start`` (not before ``floor``), or None.

    A number alone at the start of its line takes the label ending the line before ("Téléphone (pour les
    journalistes uniquement):").
    """
    line_start = text.rfind("\n", 0, start) + 1
    lo = max(floor, line_start, start - 60)
    window = fold(text[lo:start])
    if not window.strip(" \t:–-(") and line_start > 0 and floor < line_start:
        prev_end = line_start - 1
        while prev_end > 0 and text[prev_end - 1] in " \t\n":
            prev_end -= 1
        prev_start = text.rfind("\n", 0, prev_end) + 1
        prev = text[prev_start:prev_end]
        if prev.rstrip().endswith(":") and prev_start >= floor:
            window = fold(prev)
    kinds = [rules.label_kinds[fold(re.sub(r"\s+", " ", m.group(1)))] for m in rules.label_re.finditer(window)]
    kinds = [k for k in kinds if k != "email"]
    return kinds[-1] if kinds else None


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _is_figure(text: str, start: int, end: int, rules: PhoneRules) -> bool:
    """True when the run reads as a date, a year range, an account, an amount or a count."""
    raw = text[start:end]
    if _DATE.fullmatch(raw) or _YEARS.fullmatch(raw) or _ACCOUNT.fullmatch(raw):
        return True
    after = _WORD.search(fold(text[end:end + 20]))
    if after and after.start() <= 2 and after.group() in rules.amount_after:
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return bool(rules.account_before.search(fold(text[max(line_start, start - 30):start])))


def _parse(raw: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None


def validate_phone(raw: str, regions: Sequence[str], *, contact: bool
                   ) -> tuple[str | None, int | None, str, bool] | None:
    """The ``validate_result`` hook: ``(e164 or None, phonenumbers type or None, region, valid)``, None to reject.

    ``valid`` says phonenumbers holds the number valid; an accepted invalid one is an international number of an
    old plan, or a national number of an unknown region (``e164`` None).

    ``regions`` are tried in order for a national number; ``contact`` says the text around is a contact context
    (a label, a contact block, a sentence saying how to reach someone).
    """
    digits = _digits(raw)
    intl = _INTL.match(raw) is not None
    if intl:
        text = _TRUNK_IN_PARENS.sub(" ", raw)
        text = re.sub(r"^\(?\s?00", "+", text.replace("(", " ").replace(")", " ").strip())
        text = "+" + _digits(text)
        if not 8 <= len(digits) <= 17:
            return None
        number = _parse(text, None)
        if number is None:
            return None
        if not phonenumbers.is_valid_number(number):
            # "+41 031 …": a trunk 0 written after the country code
            cc = str(number.country_code)
            rest = _digits(text)[len(cc):]
            if rest.startswith("0"):
                alt = _parse("+" + cc + rest[1:], None)
                if alt is not None and phonenumbers.is_valid_number(alt):
                    number = alt
        region = phonenumbers.region_code_for_number(number) or phonenumbers.region_code_for_country_code(
            number.country_code)
        if phonenumbers.is_valid_number(number):
            return _e164(number), phonenumbers.number_type(number), region, True
        nsn = phonenumbers.national_significant_number(number)
        if contact and region != "ZZ" and 6 <= len(nsn) <= 12:
            return _e164(number), None, region, False
        return None
    if not contact or not 7 <= len(digits) <= 13:
        return None
    text = raw.replace("–", "-").replace("'", " ").replace("’", " ").replace("/", " ")
    for region in regions:
        number = _parse(text, region)
        if number is not None and phonenumbers.is_valid_number(number):
            return _e164(number), phonenumbers.number_type(number), region, True
    if 8 <= len(digits) <= 12 and digits.startswith("0") and not _THOUSANDS.fullmatch(raw):
        return None, None, "", False  # a national number of an unknown region: raw only
    return None


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def decide_kind(label: str | None, number_type: int | None, region: str, rules: PhoneRules) -> str:
    """Kind from the label, else from the number type (see the module docstring)."""
    if label in ("fax", "mobile"):
        return label
    if label == "fixed":
        return "phone"
    if number_type == PhoneNumberType.MOBILE and region in rules.mobile_regions:
        return "mobile"
    return "phone"


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a run at "/", ";" and spaced dashes, keeping offsets."""
    out, pos = [], start
    for m in _SPLIT.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop unbalanced brackets and separators at the edges of a piece."""
    while start < end and text[start] in " \t\u00a0.-–)" or (start < end and text[start] == "(" and
                                                               ")" not in text[start:end]):
        start += 1
    while end > start and text[end - 1] in " \t\u00a0.-–(" or (end > start and text[end - 1] == ")" and
                                                               "(" not in text[start:end]):
        end -= 1
    return start, end


def find_phones(text: str, rules: PhoneRules, *, regions_at: Callable[[int], Sequence[str]],
                contact_at: Callable[[int], bool]) -> list[PhoneMatch]:
    """Every phone number of ``text``, in order.

    ``regions_at(offset)`` gives the regions to read a national number with, best first; ``contact_at(offset)``
    says whether the offset lies in a contact context (a block or a sentence giving a way to reach someone).
    """
    found: list[PhoneMatch] = []
    for c_start, c_end in find_candidates(text):
        c_start, c_end = _strip(text, c_start, c_end)
        if c_end - c_start < 4 or _is_figure(text, c_start, c_end, rules):
            continue
        floor = found[-1].end if found else 0
        label = label_kind(text, c_start, floor, rules)
        contact = label is not None or contact_at(c_start)
        regions = regions_at(c_start)
        whole = validate_phone(text[c_start:c_end], regions, contact=contact)
        pieces = _split_run(text, c_start, c_end, regions, contact, label, rules)
        if whole is not None and (whole[3] or not any(pieces)):
            found.append(_match(text, c_start, c_end, whole, label, rules))
        else:
            found.extend(pieces)
    return found


def _split_run(text: str, c_start: int, c_end: int, regions: Sequence[str], contact: bool, label: str | None,
               rules: PhoneRules) -> list[PhoneMatch]:
    """The numbers of a run split at its slashes (empty when the run has no split point)."""
    found: list[PhoneMatch] = []
    if not _SPLIT.search(text, c_start, c_end):
        return found
    previous: PhoneMatch | None = None
    for p_start, p_end in _pieces(text, c_start, c_end):
            p_start, p_end = _strip(text, p_start, p_end)
            raw = text[p_start:p_end]
            digits = _digits(raw)
            if previous is not None and 1 <= len(digits) <= 4 and digits == raw and previous.e164:
                # "…948/49": an alternative line sharing all but the last digits
                e164 = previous.e164[: len(previous.e164) - len(digits)] + digits
                found.append(PhoneMatch(p_start, p_end, raw, e164, previous.kind))
                continue
            result = validate_phone(raw, regions, contact=contact)
            if result is None or _is_figure(text, p_start, p_end, rules):
                continue
            previous = _match(text, p_start, p_end, result, label, rules)
            found.append(previous)
    return found if any(m.e164 for m in found) else []


def _match(text: str, start: int, end: int, result: tuple, label: str | None, rules: PhoneRules) -> PhoneMatch:
    e164, number_type, region, _ = result
    return PhoneMatch(start, end, text[start:end], e164, decide_kind(label, number_type, region, rules))


def country_code_regions(text: str) -> list[str]:
    """Regions of the international prefixes written in ``text`` ("+41 22 …" -> "CH"), in order of appearance."""
    out = []
    for m in re.finditer(r"(?:\+|(?<!\d)00(?=[1-9]))\s?\(?(\d{1,4})", text):
        digits = m.group(1)
        for n in (1, 2, 3):
            if len(digits) < n:
                break
            region = phonenumbers.region_code_for_country_code(int(digits[:n]))
            if region != "ZZ":
                out.append(region)
                break
    return out
