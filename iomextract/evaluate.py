"""Score iomextract on an annotated corpus: per-field precision, recall and F1.

The gold format and the matching rules are those of the project's corpus guidelines (GUIDELINES.md): names match when
their normalised forms (accents, case, punctuation and leading articles removed) are equal or have a rapidfuzz ratio
of at least 90 over all forms (name, acronym, aliases); dates match on exact ISO start and end (month-day only when
the gold has no year); phones on E.164 digits (else the last 8 digits); e-mails exactly. Items are matched greedily
one to one, best score first; gold items marked ``"optional"`` neither reward nor punish.

A corpus folder holds ``gold/NNN.json`` and ``raw/NNN.json`` (the raw file's ``text`` is the page; a gold file may
carry its own ``text``).
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from .errors import GoldFormatError

FIELDS = ("organisations", "locations", "event_dates", "funders", "phones", "emails", "contacts")
_LEADING_ARTICLES = frozenset({"l", "la", "le", "les", "de", "du", "des", "d", "the"})
_THRESHOLD = 90


def normalise_name(text: Any) -> str:
    """Lower-case, strip accents and punctuation and leading articles: the form names are compared in."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower().replace("’", "'")
    words = re.sub(r"[^\w]+", " ", plain).split()
    while words and words[0] in _LEADING_ARTICLES:
        words.pop(0)
    return " ".join(words)


def _name_forms(item: Any) -> set[str]:
    if isinstance(item, str):
        forms = {normalise_name(item)}
    else:
        forms = {normalise_name(item.get("name")), normalise_name(item.get("acronym"))}
        forms.update(normalise_name(a) for a in item.get("aliases") or ())
    forms.discard("")
    return forms


def name_similarity(pred: Any, gold: Any) -> float:
    """Best similarity (0-100) between any form of ``pred`` and any form of ``gold``."""
    best = 0.0
    for a in _name_forms(pred):
        for b in _name_forms(gold):
            best = max(best, 100.0 if a == b else fuzz.ratio(a, b))
    return best


def _month_day(iso: str) -> str | None:
    m = re.fullmatch(r"(?:\d{4}|-)-(\d\d-\d\d)", iso)
    return m.group(1) if m else None


def date_similarity(pred: dict, gold: dict) -> float:
    """100 when the ISO start and end agree (month-day only when the gold gives no year), else 0."""
    ps = str(pred.get("start") or "")
    if not ps:
        return 0.0
    pe = str(pred.get("end") or ps)
    gs = str(gold.get("start") or "")
    ge = str(gold.get("end") or gs)
    if gs.startswith("--"):
        return 100.0 if (_month_day(ps), _month_day(pe)) == (_month_day(gs), _month_day(ge)) else 0.0
    return 100.0 if (ps, pe) == (gs, ge) else 0.0


def _digits(value: Any) -> str:
    return re.sub(r"\D", "", str(value or ""))


def phone_similarity(pred: Any, gold: Any) -> float:
    """100 when the E.164 numbers agree, or (without one) the last eight digits do."""
    pe, pr = (_digits(pred.get("e164")), _digits(pred.get("raw"))) if isinstance(pred, dict) else (_digits(pred), "")
    ge, gr = _digits(gold.get("e164")), _digits(gold.get("raw"))
    if pe and ge:
        return 100.0 if pe == ge else 0.0
    a, b = pe or pr, ge or gr
    return 100.0 if a and b and a[-8:] == b[-8:] else 0.0


def email_similarity(pred: Any, gold: Any) -> float:
    """100 when the addresses agree, case aside."""
    p = pred.get("address") if isinstance(pred, dict) else pred
    g = gold.get("address") if isinstance(gold, dict) else gold
    return 100.0 if str(p).strip().lower() == str(g).strip().lower() else 0.0


SIMILARITY: dict[str, Callable[[Any, Any], float]] = {
    "organisations": name_similarity,
    "locations": name_similarity,
    "funders": name_similarity,
    "contacts": name_similarity,
    "event_dates": date_similarity,
    "phones": phone_similarity,
    "emails": email_similarity,
}


def _optional(item: Any) -> bool:
    return isinstance(item, dict) and bool(item.get("optional"))


def match_items(preds: list, golds: list, similarity: Callable[[Any, Any], float]):
    """Greedy one-to-one matching: ``(true positives, unmatched predictions, missed gold items, matched pairs)``."""
    pairs = sorted(
        ((similarity(p, g), not _optional(g), i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)),
        key=lambda t: (-t[0], not t[1], t[2], t[3]),
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched = []
    for score, _, i, j in pairs:
        if score < _THRESHOLD or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        if not _optional(golds[j]):
            matched.append((i, j))
    false_pos = [preds[i] for i in range(len(preds)) if i not in used_p]
    missed = [g for j, g in enumerate(golds) if j not in used_g and not _optional(g)]
    return len(matched), false_pos, missed, matched


def _dedupe(items: Iterable, similarity: Callable[[Any, Any], float]) -> list:
    out: list = []
    for item in items:
        if not any(similarity(item, kept) >= _THRESHOLD for kept in out):
            out.append(item)
    return out


def _links(contact: dict) -> set[tuple[str, str]]:
    out = set()
    for phone in contact.get("phones") or ():
        value = (phone.get("e164") or phone.get("raw")) if isinstance(phone, dict) else phone
        out.add(("phone", _digits(value)[-8:]))
    for email in contact.get("emails") or ():
        value = email.get("address") if isinstance(email, dict) else email
        out.add(("email", str(value).lower()))
    return out


@dataclass
class FieldScore:
    """Counts for one field, with precision, recall and F1 derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"p": round(self.precision, 3), "r": round(self.recall, 3), "f1": round(self.f1, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Report:
    """The scores of one evaluation run, and (optionally) its errors per document."""

    documents: int = 0
    crashed: int = 0
    titles_correct: int = 0
    titled: int = 0
    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS + ("contact_links",)})
    attributes: dict[str, list[int]] = field(
        default_factory=lambda: {"location_country": [0, 0], "organisation_acronym": [0, 0]}
    )
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def title_accuracy(self) -> float | None:
        return round(self.titles_correct / self.titled, 3) if self.titled else None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"documents": self.documents, "crashed": self.crashed,
                               "title_accuracy": self.title_accuracy}
        out.update({name: score.as_dict() for name, score in self.fields.items()})
        for name, (ok, n) in self.attributes.items():
            out[f"{name}_accuracy"] = round(ok / n, 3) if n else None
        out["macro_f1"] = round(sum(self.fields[f].f1 for f in FIELDS) / len(FIELDS), 3)
        return out

    def table(self) -> str:
        """A plain-text table like the project scorer's."""
        lines = [f"{self.documents} documents, {self.crashed} crashed, title accuracy {self.title_accuracy}",
                 f"{'field':15} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
        for name, s in self.fields.items():
            lines.append(f"{name:15} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5} {s.fp:5} {s.fn:5}")
        d = self.as_dict()
        for name in self.attributes:
            lines.append(f"{name} accuracy on matched items: {d[name + '_accuracy']}")
        lines.append(f"macro-F1 over fields: {d['macro_f1']:.3f}")
        return "\n".join(lines)


def score_document(report: Report, gold: dict, pred: dict, *, keep_errors: bool = False) -> None:
    """Add one document's comparison to ``report``."""
    fields = gold.get("fields") or FIELDS
    if "fields" not in gold:
        report.titled += 1
        report.titles_correct += normalise_name(pred.get("title")) == normalise_name(gold.get("title"))
    for name in fields:
        similarity = SIMILARITY[name]
        golds = gold.get(name) or []
        preds = _dedupe(pred.get(name) or [], similarity)
        tp, false_pos, missed, matched = match_items(preds, golds, similarity)
        score = report.fields[name]
        score.tp, score.fp, score.fn = score.tp + tp, score.fp + len(false_pos), score.fn + len(missed)
        if keep_errors and (false_pos or missed):
            report.errors.append({"id": gold.get("id"), "field": name, "false_positives": false_pos, "missed": missed})
        if name == "locations":
            _attribute(report, "location_country", preds, golds, matched,
                       lambda p, g: (p.get("country") or "").upper() == g["country"], "country")
        elif name == "organisations":
            _attribute(report, "organisation_acronym", preds, golds, matched,
                       lambda p, g: (p.get("acronym") or "") == g["acronym"], "acronym")
        elif name == "contacts":
            links = report.fields["contact_links"]
            matched_gold = {j for _, j in matched}
            for i, j in matched:
                p, g = _links(preds[i]), _links(golds[j])
                links.tp += len(p & g)
                links.fp += len(p - g)
                links.fn += len(g - p)
            for j, g in enumerate(golds):
                if j not in matched_gold and not _optional(g):
                    links.fn += len(_links(g))


def _attribute(report: Report, name: str, preds, golds, matched, correct, key: str) -> None:
    for i, j in matched:
        if golds[j].get(key):
            report.attributes[name][1] += 1
            report.attributes[name][0] += bool(correct(preds[i], golds[j]))


def read_corpus(path: str | Path) -> list[tuple[dict, str]]:
    """``(gold, page text)`` pairs of a corpus folder (``gold/`` and ``raw/``, or a folder of gold files)."""
    root = Path(path)
    gold_dir = root / "gold" if (root / "gold").is_dir() else root
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise GoldFormatError(f"[E030] no gold files (*.json) in {gold_dir}")
    out = []
    for file in files:
        try:
            gold = json.loads(file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise GoldFormatError(f"[E031] {file} is not valid JSON: {err}") from err
        if not isinstance(gold, dict) or "id" not in gold:
            raise GoldFormatError(f"[E032] {file} must be a JSON object with an 'id' (see the corpus guidelines)")
        text = gold.get("text")
        if text is None:
            raw = gold_dir.parent / "raw" / f"{gold['id']}.json"
            if not raw.is_file():
                raise GoldFormatError(f"[E033] no text for {file}: neither a 'text' field nor {raw}")
            text = json.loads(raw.read_text(encoding="utf-8"))["text"]
        out.append((gold, text))
    return out


def evaluate(
    corpus: str | Path,
    *,
    system: Callable[[str], dict] | None = None,
    keep_errors: bool = False,
) -> Report:
    """Score ``system`` (default: ``iomextract.parse(text).to_dict()``) on an annotated corpus folder.

    A document whose extraction raises counts as crashed and scores as nothing found.
    """
    if system is None:
        from .api import parse

        system = lambda text: parse(text).to_dict()  # noqa: E731
    report = Report()
    for gold, text in read_corpus(corpus):
        report.documents += 1
        try:
            pred = system(text)
        except Exception as err:  # scored as a crash, and recorded: never silently
            report.crashed += 1
            report.errors.append({"id": gold.get("id"), "crash": f"{type(err).__name__}: {err}"})
            pred = {}
        score_document(report, gold, pred, keep_errors=keep_errors)
    return report
