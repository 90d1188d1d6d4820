"""Hostile and broken inputs: truncated and corrupt archives, path traversal, links and special files in tar,
decompression bombs, over-size and undecodable documents. Each becomes an error record, the run goes on with the
other members and exits 1, and nothing is written outside the output (archives are read in memory, never
extracted)."""
from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import random
import stat
import tarfile
import uuid
import zipfile
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from iomextract.batch import ReadOptions, run
from iomextract.cli import main

from . import fakes
from .helpers import PAGES, html, write_jsonl, write_warc


@pytest.fixture(autouse=True)
def fake_model(monkeypatch):
    monkeypatch.setattr(fakes.work, "parse_items", fakes.fake_parse_items)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def tar_bytes(members: list[tuple[tarfile.TarInfo, bytes]], mode: str = "w") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tar:
        for info, data in members:
            info.size = len(data) if info.isfile() else 0
            tar.addfile(info, io.BytesIO(data) if info.isfile() else None)
    return buf.getvalue()


def member(name: str, kind: bytes = tarfile.REGTYPE, link: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, link
    return info


# ------------------------------------------------------------------------------- truncated and corrupt archives
def archives(folder: Path) -> dict[str, bytes]:
    """One intact archive of each kind, six pages each (long enough that a cut falls inside a member)."""
    pages = [(p + "\n") * 12 for p in PAGES]
    built = {}
    with zipfile.ZipFile(folder / "a.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for i, page in enumerate(pages):
            archive.writestr(f"x/{i}.txt", page)
    built["a.zip"] = (folder / "a.zip").read_bytes()
    regular = [(member(f"x/{i}.txt"), page.encode("utf-8")) for i, page in enumerate(pages)]
    for mode, name in (("w", "a.tar"), ("w:gz", "a.tar.gz"), ("w:bz2", "a.tar.bz2"), ("w:xz", "a.tar.xz")):
        built[name] = tar_bytes(regular, mode)
    built["a.jsonl.gz"] = gzip.compress("".join(json.dumps({"text": p}) + "\n" for p in pages).encode("utf-8"))
    for name in ("a.warc.gz", "a.warc"):
        write_warc(folder / name, [(f"https://example.org/{i}", "200 OK", "text/html", html(p).encode("utf-8"))
                                   for i, p in enumerate(pages)])
        built[name] = (folder / name).read_bytes()
    for name in built:
        (folder / name).unlink(missing_ok=True)
    return built


def record_boundaries(data: bytes) -> set[int]:
    """Where the records of a WARC file start: a WARC has no end marker, so a cut there (or in the blank lines just
    before) cannot be told from a shorter file."""
    with io.BytesIO(data) as stream:
        records = ArchiveIterator(stream)
        return {records.get_record_offset() for _ in records} | {len(data)}


def damaged(data: bytes, seed: int, boundaries: set[int] = frozenset()) -> list[tuple[str, bytes]]:
    """The archive cut at several points (moved off ``boundaries``), and with a few bytes flipped in its middle."""
    cuts = sorted({1, 30, len(data) // 4, len(data) // 2, 3 * len(data) // 4, len(data) - 7})
    cuts = [c + 5 if any(0 <= b - c <= 4 for b in boundaries) else c for c in cuts]
    out = [(f"cut{c}", data[:c]) for c in cuts]
    rng = random.Random(seed)
    for n in range(6):
        flipped = bytearray(data)
        for _ in range(1 + n % 3):
            at = rng.randrange(len(data) // 4, 3 * len(data) // 4)
            flipped[at] ^= rng.randrange(1, 256)
        out.append((f"flip{n}", bytes(flipped)))
    return out


KINDS = ["a.zip", "a.tar", "a.tar.gz", "a.tar.bz2", "a.tar.xz", "a.jsonl.gz", "a.warc.gz", "a.warc"]


@pytest.mark.parametrize("kind", KINDS)
def test_truncated_and_corrupt_archives_become_errors_and_the_run_goes_on(tmp_path, kind):
    intact = archives(tmp_path)[kind]
    good_before, good_after = tmp_path / "in" / "0.txt", tmp_path / "in" / "z.jsonl"
    (tmp_path / "in").mkdir()
    good_before.write_text(PAGES[0], encoding="utf-8")
    write_jsonl(good_after, [{"text": PAGES[1]}, {"text": PAGES[2]}])
    (tmp_path / "in" / kind).write_bytes(intact)
    whole = run([tmp_path / "in"], tmp_path / "intact.jsonl", progress=False)
    assert whole.failed == 0 and whole.documents == 9
    intact_records = [r for r in read_jsonl(tmp_path / "intact.jsonl") if r["source"]["file"].endswith(kind)]
    boundaries = record_boundaries(intact) if ".warc" in kind else set()
    for label, data in damaged(intact, seed=KINDS.index(kind), boundaries=boundaries):
        (tmp_path / "in" / kind).write_bytes(data)
        out = tmp_path / f"{label}.jsonl"
        summary = run([tmp_path / "in"], out, progress=False)
        records, errors = read_jsonl(out), read_jsonl(tmp_path / f"{label}.errors.jsonl")
        assert summary.documents == len(records) + len(errors)
        assert [r["title"] for r in records if not r["source"]["file"].endswith(kind)] == [
            p.split("\n")[0] for p in PAGES[:3]], f"{label}: the good files around the damaged one were lost"
        mine = [e for e in errors if e["source"]["file"].endswith(kind)]
        assert all(e["stage"] == "read" and e["error"]["message"] for e in mine)
        if label.startswith("cut"):  # what is read of a cut archive is whole, and a loss is always reported
            read = [r for r in records if r["source"]["file"].endswith(kind)]
            assert read == intact_records[: len(read)], f"{label}: a truncated {kind} gave damaged records"
            assert mine or len(read) == len(intact_records), f"{label}: a truncated {kind} lost records silently"


def test_a_broken_archive_makes_the_command_exit_1_with_the_rest_parsed(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(PAGES[0], encoding="utf-8")
    data = archives(tmp_path)["a.zip"]
    (tmp_path / "in" / "b.zip").write_bytes(data[: len(data) // 2])  # no central directory left
    assert main(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out.jsonl"), "--quiet"]) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert [r["source"]["file"] for r in read_jsonl(tmp_path / "out.jsonl")] == [str(tmp_path / "in" / "a.txt")]
    [error] = read_jsonl(tmp_path / "out.errors.jsonl")
    assert error["source"]["file"].endswith("b.zip") and "BadZipFile" in error["error"]["message"]


# ------------------------------------------------------------------------- names, links and special members
UNSAFE = ["../../etc/passwd", "/etc/passwd", "C:\\x", "../../evil.txt", "x/../../evil.html", "C:\\Windows\\a.txt"]


def test_path_traversal_names_are_errors_and_nothing_is_written_outside_the_output(tmp_path, monkeypatch):
    absolute = f"/tmp/iomextract-test-{uuid.uuid4().hex}/evil.txt"
    names = UNSAFE + [absolute]
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as archive:
        archive.writestr("ok.txt", PAGES[0])
        for name in names:
            archive.writestr(zipfile.ZipInfo(name), "<p>Texte déposé hors du dossier.</p>")
    (tmp_path / "b.tar").write_bytes(tar_bytes([(member("ok.txt"), PAGES[1].encode("utf-8"))]
                                               + [(member(n), b"Texte hors du dossier.") for n in names]))
    assert [i.filename for i in zipfile.ZipFile(tmp_path / "a.zip").infolist()][1:] == names
    assert [m.name for m in tarfile.open(tmp_path / "b.tar").getmembers()][1:] == names
    work = tmp_path / "w" / "deep" / "er"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)  # a "../../x" member extracted from here would land in tmp_path
    before = tree(tmp_path)
    summary = run([tmp_path / "a.zip", tmp_path / "b.tar"], work / "out.jsonl", progress=False)
    assert tree(tmp_path) - before == {f"w/deep/er/{n}" for n in ("out.jsonl", "out.errors.jsonl",
                                                                   "out.jsonl.journal")}
    assert not Path(absolute).parent.exists()
    assert [r["title"] for r in read_jsonl(work / "out.jsonl")] == [PAGES[0].split("\n")[0], PAGES[1].split("\n")[0]]
    errors = read_jsonl(work / "out.errors.jsonl")
    assert [e["source"]["member"] for e in errors] == names * 2
    assert all(e["error"]["message"].startswith("unsafe member name") for e in errors)
    assert summary.failed == 2 * len(names)


@pytest.mark.parametrize("info, message", [
    (member("lien.txt", tarfile.SYMTYPE, "/etc/passwd"), "symbolic link to '/etc/passwd'"),
    (member("lien", tarfile.SYMTYPE, "../../../etc/shadow"), "symbolic link to '../../../etc/shadow'"),
    (member("dur.txt", tarfile.LNKTYPE, "ok.txt"), "hard link to 'ok.txt'"),
    (member("dev/null", tarfile.CHRTYPE), "device file"),
    (member("disque.txt", tarfile.BLKTYPE), "device file"),
    (member("tube.txt", tarfile.FIFOTYPE), "FIFO"),
])
def test_links_devices_and_fifos_in_a_tar_are_errors_and_are_not_followed(tmp_path, monkeypatch, info, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.tar.gz").write_bytes(tar_bytes([(member("ok.txt"), PAGES[0].encode("utf-8")), (info, b""),
                                                   (member("suite.txt"), PAGES[1].encode("utf-8"))], "w:gz"))
    before = tree(tmp_path)
    assert main(["batch", str(tmp_path / "a.tar.gz"), "-o", str(tmp_path / "out.jsonl"), "--quiet"]) == 1
    assert tree(tmp_path) - before == {"out.jsonl", "out.errors.jsonl", "out.jsonl.journal"}
    assert [r["source"]["member"] for r in read_jsonl(tmp_path / "out.jsonl")] == ["ok.txt", "suite.txt"]
    [error] = read_jsonl(tmp_path / "out.errors.jsonl")
    assert error["source"]["member"] == info.name and message in error["error"]["message"]


def test_a_symbolic_link_in_a_zip_is_an_error(tmp_path):
    link = zipfile.ZipInfo("lien.txt")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as archive:
        archive.writestr(link, "/etc/passwd")
        archive.writestr("ok.txt", PAGES[0])
    run([tmp_path / "a.zip"], tmp_path / "out.jsonl", progress=False)
    assert [r["source"]["member"] for r in read_jsonl(tmp_path / "out.jsonl")] == ["ok.txt"]
    [error] = read_jsonl(tmp_path / "out.errors.jsonl")
    assert "symbolic link" in error["error"]["message"]


def test_a_fifo_in_an_input_folder_is_an_error_not_a_hang(tmp_path):
    (tmp_path / "in").mkdir()
    os.mkfifo(tmp_path / "in" / "a.txt")
    (tmp_path / "in" / "b.txt").write_text(PAGES[0], encoding="utf-8")
    summary = run([tmp_path / "in"], tmp_path / "out.jsonl", progress=False)
    assert (summary.documents, summary.failed) == (2, 1)
    [error] = read_jsonl(tmp_path / "out.errors.jsonl")
    assert "not a regular file" in error["error"]["message"]


# --------------------------------------------------------------------------------------- decompression bombs
ZEROS = 24 << 20  # 24 MiB that compress to a few kilobytes: over the ratio cap, under the default size cap x 3


def zip_bomb(path: Path, name: str, data: bytes) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("avant.txt", PAGES[0])
        archive.writestr(name, data)
        archive.writestr("apres.txt", PAGES[1])


@pytest.mark.parametrize("name", ["bombe.txt", "bombe.jsonl"])
def test_a_zip_member_expanding_over_the_ratio_cap_is_an_error(tmp_path, name):
    zip_bomb(tmp_path / "a.zip", name, b" " * ZEROS)
    summary = run([tmp_path / "a.zip"], tmp_path / "out.jsonl", options=ReadOptions(max_bytes=50 << 20),
                  progress=False)
    assert [r["source"]["member"] for r in read_jsonl(tmp_path / "out.jsonl")] == ["avant.txt", "apres.txt"]
    [error] = read_jsonl(tmp_path / "out.errors.jsonl")
    assert error["source"]["member"] == name and "[E809]" in error["error"]["message"]
    assert "decompression bomb" in error["error"]["message"] and summary.failed == 1


@pytest.mark.parametrize("mode, name", [("w:gz", "a.tar.gz"), ("w:bz2", "a.tar.bz2"), ("w:xz", "a.tar.xz")])
def test_a_compressed_tar_expanding_over_the_ratio_cap_stops_with_an_error(tmp_path, mode, name):
    (tmp_path / name).write_bytes(tar_bytes([(member("avant.txt"), PAGES[0].encode("utf-8")),
                                             (member("zeros.bin"), bytes(ZEROS)),
                                             (member("apres.txt"), PAGES[1].encode("utf-8"))], mode))
    run([tmp_path / name], tmp_path / "out.jsonl", progress=False)
    assert [r["source"]["member"] for r in read_jsonl(tmp_path / "out.jsonl")] == ["avant.txt"]
    [error] = read_jsonl(tmp_path / "out.errors.jsonl")
    assert "DecompressionBombError" in error["error"]["message"] and "[E809]" in error["error"]["message"]


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress, lzma.compress], ids=["gzip", "bzip2", "xz"])
def test_a_compressed_json_lines_bomb_is_an_error(tmp_path, compress):
    name = "a.jsonl.gz"  # read by its magic number whatever the name says
    rows = json.dumps({"text": PAGES[0]}) + "\n" + "\n" * ZEROS + json.dumps({"text": PAGES[1]}) + "\n"
    (tmp_path / name).write_bytes(compress(rows.encode("utf-8")))
    run([tmp_path / name], tmp_path / "out.jsonl", progress=False)
    assert [r["source"]["line"] for r in read_jsonl(tmp_path / "out.jsonl")] == [1]
    [error] = read_jsonl(tmp_path / "out.errors.jsonl")
    assert "[E809]" in error["error"]["message"]


def test_the_ratio_cap_is_an_option_and_a_flag(tmp_path, capsys):
    # One long release repeated 1000 times: very repetitive, it gzips several hundred times (deflate tops at 1032).
    rows = (json.dumps({"text": PAGES[0] * 10}) + "\n") * 1000
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(rows.encode("utf-8"), 9))
    capped = run([tmp_path / "a.jsonl.gz"], tmp_path / "capped.jsonl", progress=False)
    assert capped.failed == 1 and 0 < capped.documents - 1 < 1000
    loose = run([tmp_path / "a.jsonl.gz"], tmp_path / "loose.jsonl", options=ReadOptions(max_ratio=5000),
                progress=False)
    assert (loose.documents, loose.failed) == (1000, 0)
    command = ["batch", str(tmp_path / "a.jsonl.gz"), "--quiet", "-o"]
    assert main(command + [str(tmp_path / "cli.jsonl"), "--max-ratio", "5000"]) == 0
    assert main(command + [str(tmp_path / "cli2.jsonl"), "--max-ratio", "0.5"]) == 2
    assert "[E808]" in capsys.readouterr().err
    with pytest.raises(ValueError, match="E808"):
        ReadOptions(max_ratio=True)


# ------------------------------------------------------------------------- over-size and undecodable documents
def test_over_size_and_undecodable_documents_are_error_records(tmp_path):
    small, big = PAGES[0][:60], PAGES[1] * 20
    (tmp_path / "in").mkdir()
    folder = tmp_path / "in"
    (folder / "a_big.txt").write_text(big, encoding="utf-8")
    (folder / "b_small.txt").write_text(small, encoding="utf-8")
    (folder / "c.jsonl").write_bytes(json.dumps({"text": small}).encode() + b"\n"
                                     + json.dumps({"text": big}).encode() + b"\n"
                                     + b'{"text": "d\xe9plac\xe9s"}\n')  # Latin-1 in a UTF-8 file
    (folder / "d.json").write_bytes(json.dumps({"text": "é"}, ensure_ascii=False).encode("latin-1"))
    (folder / "e.jsonl.gz").write_bytes(gzip.compress(b'{"text": "\xff\xfe"}\n'))
    with zipfile.ZipFile(folder / "f.zip", "w") as archive:
        archive.writestr("grand.html", html(big))
        archive.writestr("petit.txt", small)
    (folder / "g.tar").write_bytes(tar_bytes([(member("grand.txt"), big.encode()), (member("p.txt"), small.encode())]))
    write_warc(folder / "h.warc.gz", [("https://example.org/g", "200 OK", "text/html", html(big).encode()),
                                      ("https://example.org/p", "200 OK", "text/html", small.encode())])
    summary = run([folder], tmp_path / "out.jsonl", options=ReadOptions(max_bytes=300), progress=False)
    records, errors = read_jsonl(tmp_path / "out.jsonl"), read_jsonl(tmp_path / "out.errors.jsonl")
    assert [r["body"] for r in records] == [small] * 5
    where = [(Path(e["source"]["file"]).name, e["source"]["member"] or e["source"]["line"]) for e in errors]
    assert where == [("a_big.txt", None), ("c.jsonl", 2), ("c.jsonl", 3), ("d.json", None), ("e.jsonl.gz", 1),
                     ("f.zip", "grand.html"), ("g.tar", "grand.txt"), ("h.warc.gz", None)]
    assert all(e["stage"] == "read" for e in errors) and summary.failed == 8
    messages = [e["error"]["message"] for e in errors]
    assert sum("over the cap of 300" in m for m in messages) == 5
    assert sum("can't decode" in m for m in messages) == 3
