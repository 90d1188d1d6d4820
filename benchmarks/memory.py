"""Peak memory of ``iomextract batch`` over N generated documents (one process, no pool).

    python benchmarks/memory.py /work/shared/corpus --docs 2000
    python benchmarks/memory.py /work/shared/corpus --docs 20000

Runs ``iomextract.batch.run`` in this process on a JSON Lines file of ``--docs`` documents (cycled raw pages, see
corpus.py) written to a temporary folder, and samples the resident set size every 0.5 s. Prints one JSON line:
peak RSS, RSS once the pipeline is loaded, RSS at each tenth of the run, documents per second.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from pathlib import Path

import psutil

from corpus import raw_pages, write_jsonl


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of raw/NNN.json pages (field 'text')")
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    import iomextract
    from iomextract.batch import run

    proc = psutil.Process()
    samples: list[tuple[float, int]] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            samples.append((time.perf_counter(), proc.memory_info().rss))
            stop.wait(0.5)

    with tempfile.TemporaryDirectory() as tmp:
        source = write_jsonl(Path(tmp) / "docs.jsonl", raw_pages(args.corpus), args.docs)
        iomextract.load()
        loaded = proc.memory_info().rss
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        summary = run([source], Path(tmp) / "out.jsonl", batch_size=args.batch_size, progress=False)
        stop.set()
        sampler.join()
    mb = 1 << 20
    t0, t1 = samples[0][0], samples[-1][0]
    deciles = []
    for k in range(1, 11):
        cut = t0 + (t1 - t0) * k / 10
        deciles.append(round(max(r for t, r in samples if t <= cut) / mb))
    print(json.dumps({"docs": args.docs, "failed": summary.failed, "seconds": round(summary.seconds, 1),
                      "docs_per_second": round(summary.docs_per_second, 2), "rss_loaded_mb": round(loaded / mb),
                      "peak_rss_mb": round(max(r for _, r in samples) / mb),
                      "peak_rss_by_tenth_mb": deciles}))


if __name__ == "__main__":
    main()
