"""Quality gate: F1 floors per field on the development corpus, pinned in tests/eval_baseline.json.

In the manner of trafilatura's eval gate: the baseline records a digest of the gold files it was measured on, and
the floors are only ever raised (scripts/eval_baseline.py --raise); lowering one needs a written reason in the
file's "history". The development corpus parts are skipped where ../shared/corpus is absent; the held-out part
(corpora/heldout, in this repository) always runs.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import iomextract

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent
BASELINE = REPO / "tests" / "eval_baseline.json"
HELDOUT = REPO / "corpora" / "heldout"


def corpus_digest(gold_dir: Path) -> str:
    """sha256 over the gold files' names and bytes, in name order."""
    digest = hashlib.sha256()
    for file in sorted(gold_dir.glob("*.json")):
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def measured(corpus: Path) -> dict:
    return iomextract.evaluate(corpus).as_dict()


def part_path(part: str, corpus_dir: Path) -> Path:
    """The corpus of one part of the baseline: the development corpus, its contact pages, or our held-out set."""
    return {"main": corpus_dir, "contacts": corpus_dir / "contacts", "heldout": HELDOUT}[part]


@pytest.mark.parametrize("part", ["main", "contacts"])
def test_fields_stay_above_their_floors(corpus_dir, part):
    check_part(part, part_path(part, corpus_dir))


def test_heldout_fields_stay_above_their_floors():
    check_part("heldout", HELDOUT)


def check_part(part: str, corpus: Path) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))[part]
    assert corpus_digest(corpus / "gold") == baseline["digest"], (
        f"the {part} gold files changed since the floors were pinned: re-measure with scripts/eval_baseline.py"
    )
    report = measured(corpus)
    assert report["crashed"] == 0
    below = {}
    for key, floor in baseline["floors"].items():
        value = report[key]["f1"] if isinstance(report[key], dict) else report[key]
        if value is None or value < floor:
            below[key] = (value, floor)
    assert not below, f"fields below their floor (measured, floor): {below}"
