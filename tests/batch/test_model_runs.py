"""With the real model (slow): memory zones change no result, a spawned pool and a Dask cluster give the records of a
local run."""
from __future__ import annotations

import json
import zipfile

import pytest

import iomextract
from iomextract.batch import run, work

from .helpers import PAGES, html, write_jsonl, write_warc

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def archive_inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("inputs")
    write_jsonl(root / "a.jsonl", [{"text": p, "date": "2021-03-05"} for p in PAGES[:3]] + [{"text": 7}])
    with zipfile.ZipFile(root / "b.zip", "w") as archive:
        archive.writestr("p/1.html", html(PAGES[3]))
        archive.writestr("p/2.txt", PAGES[4])
    write_warc(root / "c.warc.gz", [("https://example.org/s", "200 OK", "text/html", html(PAGES[5]).encode())])
    return [str(root / "a.jsonl"), str(root / "b.zip"), str(root / "c.warc.gz")]


@pytest.fixture(scope="module")
def local_run(archive_inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("local") / "out.jsonl"
    summary = run(archive_inputs, out, batch_size=4, progress=False)
    return summary, [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_batch_outcomes_equal_parse_of_each_page(nlp):
    items = [(PAGES[0], "2021-03-05", None), (html(PAGES[1]).encode("utf-8"), None, "2020-01-02"), (PAGES[4], None, None)]
    first = work.parse_items(items)
    again = work.parse_items(items)  # the memory zone of the first batch freed its strings
    expected = [("ok", iomextract.parse(page, published=date, published_fallback=fallback, nlp=nlp).to_dict())
                for page, date, fallback in items]
    assert first == again == expected
    assert any(o["name"].startswith("Union") for o in first[2][1]["organisations"])


def test_local_run_writes_every_record(local_run):
    summary, records = local_run
    assert (summary.documents, summary.failed) == (7, 1)
    assert [r["source"]["url"] for r in records][-1] == "https://example.org/s"
    assert records[0]["settings"]["published"] == "2021-03-05"
    assert any(loc["name"] == "Dakar" for loc in records[0]["locations"])


def test_two_spawned_workers_give_the_local_records(archive_inputs, local_run, tmp_path):
    summary = run(archive_inputs, tmp_path / "out.jsonl", batch_size=2, workers=2, progress=False)
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (summary.documents, summary.failed) == (7, 1)
    assert records == local_run[1]


def test_dask_local_cluster_gives_the_local_records(archive_inputs, local_run):
    distributed = pytest.importorskip("dask.distributed")
    from iomextract.dask import extract_bag, records_bag

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        out = extract_bag(records_bag(archive_inputs), batch_size=4).compute()
    assert [r for r in out if "error" not in r] == local_run[1]
    assert [r["source"]["line"] for r in out if "error" in r] == [4]
