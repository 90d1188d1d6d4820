"""A worker process killed mid-run (SIGKILL from inside the worker, as the out-of-memory killer would) loses and
duplicates nothing: its batches are parsed again in a fresh pool, a page that keeps killing its worker becomes an
error record, and past the limit the run stops with a clear error that ``resume`` finishes."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from iomextract.batch import BatchWorkerError, run
from iomextract.cli import main

from . import fakes
from .helpers import PAGES, write_jsonl

# Each test starts a few pools of spawned processes (about a second each): not for the quick loop.
pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def fake_model(monkeypatch):
    monkeypatch.setattr(fakes.work, "parse_items", fakes.fake_parse_items)
    monkeypatch.setattr(fakes.work, "_warm", fakes.fake_warm)


def read_jsonl(path):
    data = Path(path).read_bytes()
    if str(path).endswith(".gz"):
        data = gzip.decompress(data)
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def source(tmp_path, marker: str) -> Path:
    """24 pages, the 14th holding ``marker``, and one line that is not JSON (an error record in every run)."""
    rows = [{"text": f"{PAGES[i % 6]} Réf. {i}" + (f" {marker}" if i == 13 else "")} for i in range(24)]
    path = write_jsonl(tmp_path / "docs.jsonl", rows)
    with open(path, "a", encoding="utf-8") as f:
        f.write("pas du JSON\n")
    return path


def outputs(out: Path):
    return read_jsonl(out), read_jsonl(out.with_name(out.name.replace(".jsonl", ".errors.jsonl")))


def test_a_page_that_kills_its_worker_once_is_parsed_again_and_nothing_is_lost(tmp_path, monkeypatch):
    flag = tmp_path / "killed-once"
    docs = source(tmp_path, f"KILL-WORKER once={flag}")
    reference = run([docs], tmp_path / "ref.jsonl", batch_size=4, progress=False)
    monkeypatch.setattr(fakes.work, "parse_items", fakes.dying_parse_items)
    summary = run([docs], tmp_path / "out.jsonl", batch_size=4, workers=2, progress=False)
    assert flag.exists(), "no worker was killed"
    assert outputs(tmp_path / "out.jsonl") == outputs(tmp_path / "ref.jsonl")
    assert (summary.documents, summary.failed) == (reference.documents, reference.failed) == (25, 1)


def test_a_page_that_always_kills_its_worker_becomes_an_error_record(tmp_path, monkeypatch):
    docs = source(tmp_path, "KILL-WORKER")
    run([docs], tmp_path / "ref.jsonl", batch_size=4, progress=False)
    monkeypatch.setattr(fakes.work, "parse_items", fakes.dying_parse_items)
    summary = run([docs], tmp_path / "out.jsonl", batch_size=4, workers=2, progress=False)
    (records, errors), (ref_records, ref_errors) = outputs(tmp_path / "out.jsonl"), outputs(tmp_path / "ref.jsonl")
    assert records == [r for r in ref_records if "KILL-WORKER" not in r["body"]]
    assert len(records) == 23 and summary.failed == 2
    died = [e for e in errors if e["error"]["type"] == "WorkerDied"]
    assert len(died) == 1 and died[0]["source"]["line"] == 14 and "E822" in died[0]["error"]["message"]
    assert [e for e in errors if e not in died] == ref_errors


def test_past_the_limit_the_run_stops_clearly_and_resume_finishes_it(tmp_path, monkeypatch, capsys):
    docs = source(tmp_path, "KILL-WORKER")
    ref, out = tmp_path / "ref.jsonl", tmp_path / "out.jsonl"
    assert main(["batch", str(docs), "-o", str(ref), "--batch-size", "4", "--quiet"]) == 1  # the bad JSON line
    monkeypatch.setattr(fakes.work, "parse_items", fakes.dying_parse_items)
    monkeypatch.setattr(fakes.work, "MAX_WORKER_DEATHS", 0)
    command = ["batch", str(docs), "-o", str(out), "--batch-size", "4", "--workers", "2", "--quiet"]
    assert main(command) == 1
    err = capsys.readouterr().err
    assert "[E820]" in err and "resume" in err and "Traceback" not in err
    records, _ = outputs(out)
    assert len(records) < 24 and len({r["source"]["line"] for r in records}) == len(records)  # valid, no duplicate
    monkeypatch.setattr(fakes.work, "parse_items", fakes.fake_parse_items)  # say, on a machine with more memory
    assert main(command + ["--resume"]) == 1  # the bad JSON line again
    assert outputs(out) == outputs(ref)


def test_ordered_map_raises_past_the_limit_without_hanging(tmp_path, monkeypatch):
    class Batch:
        def __init__(self, items):
            self.items = items

    batches = iter([Batch([("une page", None, None)]), Batch([("KILL-WORKER", None, None)])])
    got = fakes.work.ordered_map(fakes.dying_parse_items, batches, workers=2, model="fake", max_deaths=0)
    first = next(got)
    assert first[1][0][0] == "ok"
    with pytest.raises(BatchWorkerError, match="E820"):
        next(got)
