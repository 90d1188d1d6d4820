"""run() and the batch command with a light stand-in for the model: order, errors, formats, exit codes, resume."""
from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from iomextract.batch import BatchUsageError, ReadOptions, layout, run
from iomextract.cli import main

from . import fakes
from .helpers import PAGES, html, write_jsonl

TESTS = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def fake_model(monkeypatch):
    monkeypatch.setattr(fakes.work, "parse_items", fakes.fake_parse_items)


@pytest.fixture
def inputs(tmp_path):
    """A folder, a zip and a JSON Lines file: 3 + 2 + 4 records, one unreadable line and one page that fails."""
    folder = tmp_path / "in" / "pages"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(PAGES[0], encoding="utf-8")
    (folder / "b.html").write_text(html(PAGES[1]), encoding="utf-8")
    (folder / "c.txt").write_text("BOOM\n" + PAGES[2], encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "in" / "d.zip", "w") as archive:
        archive.writestr("x/1.txt", PAGES[3])
        archive.writestr("x/2.txt", PAGES[4])
    lines = tmp_path / "in" / "e.jsonl"
    write_jsonl(lines, [{"text": PAGES[5], "date": "2021-02-03"}, {"text": PAGES[0]}])
    with open(lines, "a", encoding="utf-8") as f:
        f.write('{"text": \n' + json.dumps({"text": PAGES[1]}) + "\n")
    return [str(folder), str(tmp_path / "in" / "d.zip"), str(lines)]


def read_jsonl(path):
    data = Path(path).read_bytes()
    if str(path).endswith(".gz"):
        data = gzip.decompress(data)
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def test_records_come_out_in_input_order_with_their_sources_and_errors_apart(inputs, tmp_path):
    summary = run(inputs, tmp_path / "out.jsonl", batch_size=2, progress=False)
    records = read_jsonl(tmp_path / "out.jsonl")
    pages = [PAGES[0], html(PAGES[1]), PAGES[3], PAGES[4], PAGES[5], PAGES[0], PAGES[1]]
    assert [r["title"] for r in records] == [p.split("\n")[0] for p in pages]
    assert [(Path(r["source"]["file"]).name, r["source"]["member"], r["source"]["line"]) for r in records] == [
        ("a.txt", None, None), ("b.html", None, None), ("d.zip", "x/1.txt", None), ("d.zip", "x/2.txt", None),
        ("e.jsonl", None, 1), ("e.jsonl", None, 2), ("e.jsonl", None, 4)]
    assert records[4]["settings"]["published"] == "2021-02-03" and records[5]["settings"]["published"] is None
    errors = read_jsonl(tmp_path / "out.errors.jsonl")
    assert [(Path(e["source"]["file"]).name, e["source"]["line"], e["stage"], e["error"]["type"]) for e in errors] == [
        ("c.txt", None, "parse", "ValueError"), ("e.jsonl", 3, "read", "ReadError")]
    assert errors[0]["error"]["message"] == "the page went boom"
    assert (summary.documents, summary.failed, summary.resumed, summary.total_failed) == (9, 2, 0, 2)
    assert "9 documents" in summary.text()


def test_published_argument_is_the_default_and_metadata_wins(inputs, tmp_path):
    run(inputs, tmp_path / "out.jsonl.gz", published="2020-12-31", progress=False)
    published = [r["settings"]["published"] for r in read_jsonl(tmp_path / "out.jsonl.gz")]
    assert published == ["2020-12-31"] * 4 + ["2021-02-03", "2020-12-31", "2020-12-31"]


def test_parquet_and_csv_outputs_hold_the_same_records(inputs, tmp_path):
    run(inputs, tmp_path / "out.parquet", progress=False, rows_per_part=3, batch_size=3)
    run(inputs, tmp_path / "out.csv", progress=False)
    releases = pq.read_table(tmp_path / "out.parquet" / "releases").to_pylist()
    assert len(releases) == 7 and len(list((tmp_path / "out.parquet" / "releases").glob("part-*"))) == 2  # 5 rows, then 2
    orgs = pq.read_table(tmp_path / "out.parquet" / "organisations").to_pylist()
    assert {o["release_id"] for o in orgs} <= {r["release_id"] for r in releases}
    assert len(orgs) == sum("OIM" in r["body"] for r in releases)
    csv_lines = (tmp_path / "out.csv" / "releases.csv").read_text(encoding="utf-8").splitlines()
    assert csv_lines[0].startswith("release_id,source_file,") and len(csv_lines) > 7
    assert len(read_jsonl(tmp_path / "out.csv" / "errors.jsonl")) == 2


def test_layout_names_the_side_files(tmp_path):
    assert layout(tmp_path / "r.jsonl.gz") == ("jsonl", tmp_path / "r.errors.jsonl", tmp_path / "r.jsonl.gz.journal")
    assert layout(tmp_path / "t", "parquet") == ("parquet", tmp_path / "t" / "errors.jsonl",
                                                 tmp_path / "t" / "_journal.jsonl")
    with pytest.raises(BatchUsageError, match="E810"):
        layout(tmp_path / "out.txt")


@pytest.mark.parametrize("kwargs, code", [
    ({"workers": 0}, "E814"), ({"batch_size": -1}, "E814"), ({"published": "hier"}, "E020"),
])
def test_bad_arguments_are_usage_errors(inputs, tmp_path, kwargs, code):
    with pytest.raises(BatchUsageError, match=code):
        run(inputs, tmp_path / "out.jsonl", progress=False, **kwargs)


def test_existing_results_need_resume_or_overwrite(inputs, tmp_path):
    run(inputs, tmp_path / "out.jsonl", progress=False)
    with pytest.raises(BatchUsageError, match="E817"):
        run(inputs, tmp_path / "out.jsonl", progress=False)
    again = run(inputs, tmp_path / "out.jsonl", progress=False, overwrite=True)
    assert again.documents == 9 and len(read_jsonl(tmp_path / "out.jsonl")) == 7


def test_resume_of_a_finished_run_does_nothing(inputs, tmp_path):
    run(inputs, tmp_path / "out.jsonl", progress=False)
    before = (tmp_path / "out.jsonl").read_bytes()
    summary = run(inputs, tmp_path / "out.jsonl", progress=False, resume=True)
    assert (summary.documents, summary.resumed, summary.total_failed) == (0, 9, 2)
    assert (tmp_path / "out.jsonl").read_bytes() == before


def test_resume_with_a_different_command_is_refused(inputs, tmp_path):
    run(inputs, tmp_path / "out.jsonl", progress=False)
    with pytest.raises(BatchUsageError, match="E815"):
        run(inputs, tmp_path / "out.jsonl", progress=False, resume=True, options=ReadOptions(field="html"))


@pytest.mark.parametrize("out", ["out.jsonl", "out.parquet", "out.csv"])
def test_an_interrupted_run_resumes_with_no_duplicate_and_no_gap(inputs, tmp_path, monkeypatch, out):
    reference = run(inputs, tmp_path / "ref" / out, batch_size=2, progress=False, rows_per_part=2)
    calls = []

    def dying(items, model="fake"):
        calls.append(len(items))
        if len(calls) == 3:
            raise KeyboardInterrupt  # Ctrl-C in the middle of the run
        return fakes.fake_parse_items(items, model)

    monkeypatch.setattr(fakes.work, "parse_items", dying)
    with pytest.raises(KeyboardInterrupt):
        run(inputs, tmp_path / out, batch_size=2, progress=False, rows_per_part=2)
    monkeypatch.setattr(fakes.work, "parse_items", fakes.fake_parse_items)
    resumed = run(inputs, tmp_path / out, batch_size=2, progress=False, rows_per_part=2, resume=True)
    assert 0 < resumed.resumed < 9 and resumed.resumed + resumed.documents == 9
    assert resumed.total_failed == reference.total_failed == 2
    assert same_output(tmp_path / "ref" / out, tmp_path / out)


def same_output(a: Path, b: Path) -> bool:
    """Equal records, ignoring where the files lie (the source paths are the same inputs)."""
    if a.suffix == ".jsonl":
        pairs = [(a, b), (a.with_name("out.errors.jsonl"), b.with_name("out.errors.jsonl"))]
        return all(read_jsonl(x) == read_jsonl(y) for x, y in pairs)
    if a.suffix == ".parquet":
        return all(pq.read_table(a / t).to_pylist() == pq.read_table(b / t).to_pylist()
                   for t in ("releases", "organisations", "event_dates"))
    return all((a / f).read_bytes() == (b / f).read_bytes() for f in ("releases.csv", "organisations.csv",
                                                                      "errors.jsonl"))


def test_cli_exit_status_and_summary(inputs, tmp_path, capsys):
    assert main(["batch", *inputs, "-o", str(tmp_path / "out.jsonl")]) == 1
    err = capsys.readouterr().err
    assert "9 documents" in err and "2 failed" in err
    good = tmp_path / "good.jsonl"
    write_jsonl(good, [{"text": PAGES[0]}])
    assert main(["batch", str(good), "-o", str(tmp_path / "g.jsonl"), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["batch", str(good), "-o", str(tmp_path / "g.jsonl"), "--quiet"]) == 2  # results exist
    assert main(["batch", str(tmp_path / "absent"), "-o", str(tmp_path / "h.jsonl")]) == 2
    assert "E813" in capsys.readouterr().err
    assert main(["batch", str(good), "-o", str(tmp_path / "h.jsonl"), "--workers", "0"]) == 2
    assert main(["batch", str(good), "-o", str(tmp_path / "h.txt")]) == 2


KILLED_RUN = """
import sys
sys.path.insert(0, {tests!r})
from batch import fakes
fakes.install(delay=0.02)
from iomextract.cli import main
sys.exit(main(["batch", {source!r}, "-o", {out!r}, "--batch-size", "5", "--quiet"] + sys.argv[1:]))
"""


def committed(journal: Path) -> int:
    for line in reversed(journal.read_text(encoding="utf-8").splitlines() if journal.exists() else []):
        try:
            return json.loads(line).get("documents", 0)
        except json.JSONDecodeError:
            continue
    return 0


def test_a_run_killed_with_sigkill_resumes_to_the_same_output(tmp_path):
    source = write_jsonl(tmp_path / "docs.jsonl", [{"text": f"{PAGES[i % 6]} Réf. {i}"} for i in range(200)])
    with open(source, "a", encoding="utf-8") as f:
        f.write("pas du JSON\n")
    ref, out = tmp_path / "ref.jsonl", tmp_path / "out.jsonl"
    script = KILLED_RUN.format(tests=str(TESTS), source=str(source), out=str(ref))
    assert subprocess.run([sys.executable, "-c", script]).returncode == 1  # one unreadable line
    script = KILLED_RUN.format(tests=str(TESTS), source=str(source), out=str(out))
    proc = subprocess.Popen([sys.executable, "-c", script])
    journal = out.with_name("out.jsonl.journal")
    deadline = time.monotonic() + 60
    while committed(journal) < 60 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 60 <= committed(journal) < 201, "the run was not killed midway"
    assert subprocess.run([sys.executable, "-c", script, "--resume"]).returncode == 1
    assert read_jsonl(out) == read_jsonl(ref)
    assert len(read_jsonl(out)) == 200
    assert read_jsonl(tmp_path / "out.errors.jsonl") == read_jsonl(tmp_path / "ref.errors.jsonl")
