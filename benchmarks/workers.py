"""``iomextract batch --workers 2`` against ``--workers 1`` on the same generated documents.

    python benchmarks/workers.py /work/shared/corpus --docs 600

Each run is the command line in a fresh process. Reported per run: the wall time (model loading included) and the
steady throughput, measured from the first committed batch (every pipeline loaded) to the end, read from the run's
journal as it grows. Prints one JSON line with both runs and the speed-up ratios.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import raw_pages, write_jsonl


def committed(journal: Path) -> int:
    """Documents committed so far, from the last whole line of the journal."""
    if not journal.exists():
        return 0
    lines = [ln for ln in journal.read_text(encoding="utf-8").splitlines() if ln.strip()]
    for line in reversed(lines):
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if "documents" in entry:
            return entry["documents"]
    return 0


def timed_run(source: Path, out: Path, workers: int, batch_size: int) -> dict:
    cmd = [sys.executable, "-m", "iomextract.cli", "batch", str(source), "-o", str(out), "--workers", str(workers),
           "--batch-size", str(batch_size), "--quiet", "--overwrite"]
    journal = out.with_name(out.name + ".journal")
    start = time.perf_counter()
    proc = subprocess.Popen(cmd)
    first = None
    while proc.poll() is None:
        done = committed(journal)
        if first is None and done > 0:
            first = (time.perf_counter(), done)
        time.sleep(0.1)
    end = time.perf_counter()
    if proc.returncode != 0:
        raise SystemExit(f"{cmd} exited with {proc.returncode}")
    total = committed(journal)
    steady = (total - first[1]) / (end - first[0])
    return {"workers": workers, "wall_seconds": round(end - start, 1), "first_commit_seconds": round(first[0] - start, 1),
            "steady_docs_per_second": round(steady, 2), "docs": total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = write_jsonl(Path(tmp) / "docs.jsonl", raw_pages(args.corpus), args.docs)
        one = timed_run(source, Path(tmp) / "one.jsonl", 1, args.batch_size)
        two = timed_run(source, Path(tmp) / "two.jsonl", 2, args.batch_size)
        same = (Path(tmp) / "one.jsonl").read_bytes() == (Path(tmp) / "two.jsonl").read_bytes()
    print(json.dumps({"runs": [one, two], "wall_ratio": round(one["wall_seconds"] / two["wall_seconds"], 2),
                      "steady_ratio": round(two["steady_docs_per_second"] / one["steady_docs_per_second"], 2),
                      "identical_output": same}))


if __name__ == "__main__":
    main()
