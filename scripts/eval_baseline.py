"""Measure the development corpus and print (or --write) the eval gate's baseline: floors per field.

    python scripts/eval_baseline.py ../shared/corpus           # show measured values against the floors
                                                               # (the dev corpus, its contact pages, corpora/heldout)
    python scripts/eval_baseline.py ../shared/corpus --raise   # raise floors to what is measured now (never lowers)

A floor is the measured value rounded down to two decimals. Lowering a floor is a manual edit of
tests/eval_baseline.json with a line in its "history" saying why.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from test_eval_gate import BASELINE, corpus_digest, measured, part_path  # noqa: E402

KEYS = {
    "main": ["organisations", "locations", "event_dates", "funders", "phones", "emails", "contacts",
             "contact_links", "title_accuracy", "organisation_acronym_accuracy", "location_country_accuracy"],
    "contacts": ["phones", "emails", "contacts", "contact_links"],
}
KEYS["heldout"] = KEYS["main"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--raise", dest="raise_floors", action="store_true", help="raise floors to the measured values")
    args = ap.parse_args()
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {"history": []}
    for part, keys in KEYS.items():
        corpus = part_path(part, args.corpus)
        report = measured(corpus)
        entry = baseline.setdefault(part, {"digest": "", "floors": {}})
        entry["digest"] = corpus_digest(corpus / "gold")
        for key in keys:
            value = report[key]["f1"] if isinstance(report[key], dict) else report[key]
            value = 0.0 if value is None else value
            floor = entry["floors"].get(key, 0.0)
            proposed = math.floor(value * 100) / 100
            print(f"{part:9} {key:30} measured {value:.3f}  floor {floor:.2f}")
            if args.raise_floors and proposed > floor:
                entry["floors"][key] = proposed
    if args.raise_floors:
        BASELINE.write_text(json.dumps(baseline, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {BASELINE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
