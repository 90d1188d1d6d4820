"""A disk that fills up or an output that cannot be written stops the run with a message naming the path (no
traceback), leaves every output readable (whole JSON lines only) and lets ``resume`` finish the run."""
from __future__ import annotations

import builtins
import errno
import gzip
import io
import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from iomextract.batch import BatchOutputError, files, run
from iomextract.cli import main

from . import fakes
from .helpers import PAGES, write_jsonl


@pytest.fixture(autouse=True)
def fake_model(monkeypatch):
    monkeypatch.setattr(fakes.work, "parse_items", fakes.fake_parse_items)


@pytest.fixture
def docs(tmp_path):
    """40 pages, two of which fail (one unreadable line, one page that goes boom): both output files grow."""
    rows = [{"text": f"{PAGES[i % 6]} Réf. {i}" + (" BOOM" if i == 17 else "")} for i in range(40)]
    path = write_jsonl(tmp_path / "docs.jsonl", rows)
    with open(path, "a", encoding="utf-8") as f:
        f.write("pas du JSON\n")
    return path


def jsonl_lines(path: Path) -> list[dict]:
    """Every line of a JSON Lines file (gzipped or not), each required to be whole, valid JSON."""
    if not path.exists():
        return []
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    assert data == b"" or data.endswith(b"\n"), f"{path} ends in half a line"
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


class Disk:
    """A disk with ``free`` bytes left, shared by every file opened through :meth:`open`."""

    def __init__(self, free: int) -> None:
        self.free = free

    def open(self, path, mode="r", *args, **kwargs):
        real = builtins.open(path, mode, *args, **kwargs)
        return _Filling(real, self) if ("a" in mode or "w" in mode) else real


class _Filling:
    """An unbuffered file whose writes stop with ENOSPC once the disk is full (taking what fits first)."""

    def __init__(self, real, disk: Disk) -> None:
        self.real, self.disk = real, disk

    def write(self, data) -> int:
        if self.disk.free <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        take = min(len(data), self.disk.free)
        self.disk.free -= take
        return self.real.write(bytes(data[:take]))

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()


@pytest.mark.parametrize("out", ["out.jsonl", "out.jsonl.gz"])
def test_a_full_disk_stops_the_run_with_whole_lines_and_resume_finishes_it(docs, tmp_path, monkeypatch, capsys, out):
    ref = tmp_path / "ref" / out
    assert main(["batch", str(docs), "-o", str(ref), "--batch-size", "3", "--quiet"]) == 1
    ref_errors = ref.with_name(out.replace(".jsonl", ".errors.jsonl").replace(".gz", ""))
    written = sum(p.stat().st_size for p in ref.parent.iterdir())
    for n, free in enumerate((0, 40, written // 5, written // 2, written * 4 // 5, written - 30)):
        target = tmp_path / f"run{n}" / out
        errors = target.with_name(ref_errors.name)
        command = ["batch", str(docs), "-o", str(target), "--batch-size", "3", "--quiet"]
        monkeypatch.setattr(files, "open", Disk(free).open, raising=False)
        assert main(command) == 1
        message = capsys.readouterr().err
        assert "[E821] cannot write " + str(target.parent) in message and "No space left on device" in message
        assert "Traceback" not in message and message.count("\n") == 1
        records, failures = jsonl_lines(target), jsonl_lines(errors)  # whole lines only, each valid JSON
        assert records == jsonl_lines(ref)[: len(records)] and failures == jsonl_lines(ref_errors)[: len(failures)]
        monkeypatch.undo()
        monkeypatch.setattr(fakes.work, "parse_items", fakes.fake_parse_items)
        assert main(command + ["--resume"]) == 1  # the two failed pages of the input
        assert jsonl_lines(target) == jsonl_lines(ref) and jsonl_lines(errors) == jsonl_lines(ref_errors)


def test_a_failed_append_is_cut_back_to_where_it_began(tmp_path, monkeypatch):
    path = tmp_path / "out.jsonl"
    path.write_bytes(b'{"a": 1}\n')
    monkeypatch.setattr(files, "open", Disk(5).open, raising=False)
    with pytest.raises(BatchOutputError, match=r"E821.*out\.jsonl") as raised:
        files.append_durably(path, b'{"b": 2}\n{"c": 3}\n')
    assert raised.value.errno == errno.ENOSPC and isinstance(raised.value, OSError)
    assert path.read_bytes() == b'{"a": 1}\n'


def refuse_writes_below(folder: Path):
    """An ``open`` as a read-only ``folder`` would give it (root ignores the permission bits, so tests fake it)."""
    def guarded(path, mode="r", *args, **kwargs):
        if any(m in mode for m in "wax+") and Path(os.fspath(path)).resolve().is_relative_to(folder.resolve()):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real_open(path, mode, *args, **kwargs)

    real_open = builtins.open
    return guarded


@pytest.mark.parametrize("out", ["out.jsonl", "out.csv", "out.parquet"])
def test_an_unwritable_output_is_a_clear_error(docs, tmp_path, monkeypatch, capsys, out):
    locked = tmp_path / "locked"
    locked.mkdir()
    guarded = refuse_writes_below(locked)
    for module in (builtins, io, files):
        monkeypatch.setattr(module, "open", guarded, raising=False)
    assert main(["batch", str(docs), "-o", str(locked / out), "--quiet"]) == 1
    message = capsys.readouterr().err
    assert f"[E821] cannot write {locked}" in message and "Permission denied" in message
    assert "Traceback" not in message
    with pytest.raises(BatchOutputError, match="Permission denied"):
        run([docs], locked / out, progress=False)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders; the faked variant above runs")
def test_a_read_only_folder_is_a_clear_error(docs, tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert main(["batch", str(docs), "-o", str(locked / "out.jsonl"), "--quiet"]) == 1
    finally:
        locked.chmod(0o700)
    message = capsys.readouterr().err
    assert f"[E821] cannot write {locked}" in message and "Traceback" not in message


def test_a_parquet_part_that_cannot_be_renamed_leaves_no_temporary_and_resumes(docs, tmp_path, monkeypatch):
    reference = tmp_path / "ref.parquet"
    run([docs], reference, batch_size=4, rows_per_part=8, progress=False)
    real_replace = os.replace

    def failing_replace(src, dst):
        if Path(dst).parts[-2:] == ("organisations", "part-000002.parquet"):  # the third commit, half done
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(BatchOutputError, match="E821.*Permission denied"):
        run([docs], tmp_path / "out.parquet", batch_size=4, rows_per_part=8, progress=False)
    monkeypatch.setattr(os, "replace", real_replace)
    assert not list((tmp_path / "out.parquet").rglob("*.tmp"))
    run([docs], tmp_path / "out.parquet", batch_size=4, rows_per_part=8, progress=False, resume=True)
    for table in ("releases", "organisations"):
        assert (pq.read_table(tmp_path / "out.parquet" / table).to_pylist()
                == pq.read_table(reference / table).to_pylist())


def test_line_separators_inside_records_are_escaped_so_each_record_is_one_line(tmp_path):
    page = "Titre\u2028avec séparateur\nCorps\x85suite\u2029fin"
    (tmp_path / "a.txt").write_text(page, encoding="utf-8")
    run([tmp_path / "a.txt"], tmp_path / "out.jsonl", progress=False)
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()  # splits at U+2028, U+0085 too
    assert len(lines) == 1 and json.loads(lines[0])["body"] == page
