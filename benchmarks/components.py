"""Load time of each iomextract component, and the time each adds per page, next to the French model's own.

    python benchmarks/components.py /work/shared/corpus --rounds 3

The pages are prepared once (page preparation is timed on its own), run through the base model, then each of our
components is timed over the same annotated docs, in pipeline order. Prints one JSON line: load seconds per
component, milliseconds per page for preparation, the model and each component, and each one's share of the model.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from corpus import raw_pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    import spacy

    from iomextract.pipeline import COMPONENTS, DEFAULT_MODEL
    from iomextract.prepare import prepare

    pages = raw_pages(args.corpus)
    nlp = spacy.load(DEFAULT_MODEL)
    load_seconds = {}
    for name, _ in COMPONENTS:
        started = time.perf_counter()
        nlp.add_pipe(name)
        load_seconds[name] = round(time.perf_counter() - started, 3)

    best: dict[str, float] = {}

    def timed(key: str, seconds: float) -> None:
        best[key] = min(best.get(key, float("inf")), seconds)

    ours = [name for name, _ in COMPONENTS]
    for _ in range(args.rounds):
        started = time.perf_counter()
        texts = [prepare(page).text for page in pages]
        timed("prepare", time.perf_counter() - started)
        with nlp.select_pipes(disable=ours):
            started = time.perf_counter()
            docs = list(nlp.pipe(texts))
            timed("model", time.perf_counter() - started)
        for name in ours:
            component = nlp.get_pipe(name)
            started = time.perf_counter()
            docs = [component(doc) for doc in docs]
            timed(name, time.perf_counter() - started)

    per_page = {k: round(1000 * v / len(pages), 2) for k, v in best.items()}
    share = {k: round(v / best["model"], 3) for k, v in best.items() if k != "model"}
    print(json.dumps({"pages": len(pages), "load_seconds": load_seconds, "ms_per_page": per_page,
                      "share_of_model": share}))


if __name__ == "__main__":
    main()
