#!/usr/bin/env python3
"""Score the date grammar alone (``find_dates``, no spaCy, no publication date) against the corpus gold.

usage: eval_dates.py CORPUS_DIR [--errors] [--tools PATH_TO_score.py]

For each release gold file (GOLD_DIR/NNN.json without a "fields" restriction), the text of raw/NNN.json is cut at
the gold title line (the iom.int navigation chrome above it is not part of the release; without a title the whole
text is used), ``find_dates(text, None)`` runs on it, matches without a value are dropped (relative expressions),
and the predictions are matched to gold ``event_dates`` with ``date_score`` / ``match`` of the project's scorer
(greedy one-to-one, threshold 90, duplicates removed as the scorer does). Prints P/R/F1 and, with --errors, the
false positives and negatives per document. Also reports the time the grammar takes per page.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import time
from pathlib import Path

from iomextract.components.dates_grammar import find_dates, load_grammar

DEFAULT_SCORER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score.py"


def load_scorer(path: Path):
    """Import the project's score.py from its file (it is not a package)."""
    spec = importlib.util.spec_from_file_location("iom_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def release_text(text: str, title: str | None) -> str:
    """The text from the title line on (whitespace inside the title may differ from the raw text)."""
    if not title:
        return text
    pos = text.find(title)
    if pos < 0:
        words = [re.escape(w) for w in title.split()]
        m = re.search(r"\s+".join(words), text)
        pos = m.start() if m else 0
    return text[pos:]


def evaluate(corpus: Path, scorer_path: Path = DEFAULT_SCORER) -> dict:
    """Score ``find_dates`` on the corpus: counts, P/R/F1, the errors per document, the grammar's time per page."""
    scorer = load_scorer(scorer_path)
    grammar = load_grammar()
    tp = fp = fn = pages = 0
    seconds = 0.0
    errors = {}
    for gold_path in sorted((corpus / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if "fields" in gold:  # a corpus annotating only some fields (contacts)
            continue
        raw = json.loads((corpus / "raw" / gold_path.name).read_text(encoding="utf-8"))
        text = release_text(raw["text"], gold.get("title"))
        t0 = time.perf_counter()
        found = find_dates(text, None, grammar=grammar)
        seconds += time.perf_counter() - t0
        pages += 1
        preds = [{"text": m.text, "start": m.start, "end": m.end} for m in found if m.start]
        preds = scorer.dedupe(preds, scorer.date_score)
        t, fps, fns, _ = scorer.match(preds, gold.get("event_dates") or [], scorer.date_score)
        tp, fp, fn = tp + t, fp + len(fps), fn + len(fns)
        if fps or fns:
            errors[gold["id"]] = {"fp": fps, "fn": fns}
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"pages": pages, "tp": tp, "fp": fp, "fn": fn, "p": p, "r": r, "f1": f1, "errors": errors,
            "ms_per_page": 1000 * seconds / max(pages, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="folder holding raw/ and gold/")
    ap.add_argument("--errors", action="store_true", help="print false positives and negatives per document")
    ap.add_argument("--tools", type=Path, default=DEFAULT_SCORER, help="path of score.py")
    args = ap.parse_args(argv)
    report = evaluate(args.corpus, args.tools)
    if args.errors:
        for doc_id, errs in report["errors"].items():
            print(f"[{doc_id}]")
            for p in errs["fp"]:
                print(f"   FP {p['text']!r} {p['start']}..{p['end']}")
            for g in errs["fn"]:
                print(f"   FN {g['text']!r} {g['start']}..{g['end']}")
    print(f"event_dates on {report['pages']} releases: P {report['p']:.3f} R {report['r']:.3f} F1 {report['f1']:.3f} "
          f"(tp {report['tp']}, fp {report['fp']}, fn {report['fn']})")
    print(f"grammar time: {report['ms_per_page']:.3f} ms per page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
