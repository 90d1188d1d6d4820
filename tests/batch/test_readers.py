"""Readers: every input kind, provenance, metadata dates, size caps and broken archives become error records."""
from __future__ import annotations

import gzip
import hashlib
import json
import tarfile
import zipfile

import pytest

from iomextract.batch.readers import FileDone, ReadOptions, Record, count_records, iter_records

from .helpers import PAGES, html, write_jsonl, write_warc


def records(inputs, options=ReadOptions(), **kw):
    return [r for r in iter_records([str(p) for p in inputs], options, **kw) if isinstance(r, Record)]


def text_of(record):
    return record.content.decode("utf-8") if isinstance(record.content, bytes) else record.content


def test_folder_is_walked_recursively_in_sorted_order_with_supported_files_only(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(PAGES[0], encoding="utf-8")
    (tmp_path / "b" / "c.html").write_text(html(PAGES[1]), encoding="utf-8")
    (tmp_path / "b" / "d.htm").write_text(html(PAGES[2]), encoding="utf-8")
    (tmp_path / "b" / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "notes.md").write_text("rien", encoding="utf-8")
    got = records([tmp_path])
    assert [r.file for r in got] == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "c.html"),
                                     str(tmp_path / "b" / "d.htm")]
    assert text_of(got[0]) == PAGES[0]
    assert got[1].sha256 == hashlib.sha256(html(PAGES[1]).encode("utf-8")).hexdigest()
    assert [r.ordinal for r in got] == [0, 0, 0]


def test_every_file_is_closed_by_a_file_done_marker_after_its_records(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [{"text": PAGES[0]}, {"text": PAGES[1]}])
    (tmp_path / "b.txt").write_text(PAGES[2], encoding="utf-8")
    kinds = [(type(x).__name__, x.file) for x in iter_records([tmp_path])]
    a, b = str(tmp_path / "a.jsonl"), str(tmp_path / "b.txt")
    assert kinds == [("Record", a), ("Record", a), ("FileDone", a), ("Record", b), ("FileDone", b)]


def test_jsonl_field_metadata_and_publication_date(tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", [
        {"html": html(PAGES[0]), "url": "https://example.org/1", "date": "2021-03-05T09:00:00Z", "lang": "fr"},
        {"html": html(PAGES[1]), "date": "5 mars 2021"},  # not ISO: kept as metadata, not used
        {"html": html(PAGES[2]), "published": "2020-01-02", "date": "2021-01-01"},
    ])
    got = records([path], ReadOptions(field="html"))
    assert [r.line for r in got] == [1, 2, 3]
    assert got[0].content == html(PAGES[0])
    assert got[0].url == "https://example.org/1"
    assert got[0].meta == {"url": "https://example.org/1", "date": "2021-03-05T09:00:00Z", "lang": "fr"}
    assert [r.published for r in got] == ["2021-03-05", None, "2020-01-02"]
    assert got[1].meta == {"date": "5 mars 2021"}


@pytest.mark.parametrize("line, message", [
    ('{"text": ', "invalid JSON line"),
    ('["une", "liste"]', "expected a JSON object, got list"),
    ('{"titre": "sans texte"}', "field 'text' is missing, expected a string"),
    ('{"text": 42}', "field 'text' is a int, expected a string"),
])
def test_bad_jsonl_lines_become_error_records_and_reading_goes_on(tmp_path, line, message):
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"text": PAGES[0]}) + "\n" + line + "\n\n" + json.dumps({"text": PAGES[1]}) + "\n",
                    encoding="utf-8")
    got = records([path])
    assert [(r.line, r.error is None) for r in got] == [(1, True), (2, False), (4, True)]
    assert message in got[1].error


def test_gzipped_jsonl_and_json_object_and_list(tmp_path):
    write_jsonl(tmp_path / "a.jsonl.gz", [{"text": PAGES[0]}, {"text": PAGES[1]}], gz=True)
    (tmp_path / "b.json").write_text(json.dumps({"id": "007", "text": PAGES[2]}), encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps([{"text": PAGES[3]}, {"text": PAGES[4]}]), encoding="utf-8")
    got = records([tmp_path])
    assert [text_of(r) for r in got] == PAGES[:5]
    assert got[2].meta == {"id": "007"} and got[2].line is None
    assert [r.line for r in got[3:]] == [0, 1]


@pytest.mark.parametrize("mode, name", [("w", "a.tar"), ("w:gz", "a.tar.gz"), ("w:bz2", "a.tar.bz2"),
                                        ("w:xz", "a.tar.xz")])
def test_tar_members_are_read_in_order(tmp_path, mode, name):
    src = tmp_path / "src"
    src.mkdir()
    (src / "un.txt").write_text(PAGES[0], encoding="utf-8")
    (src / "deux.html").write_text(html(PAGES[1]), encoding="utf-8")
    write_jsonl(src / "trois.jsonl", [{"text": PAGES[2]}, {"text": PAGES[3]}])
    (src / "ignore.csv").write_text("a,b", encoding="utf-8")
    with tarfile.open(tmp_path / name, mode) as tar:
        for member in ("un.txt", "deux.html", "trois.jsonl", "ignore.csv"):
            tar.add(src / member, arcname=f"lot/{member}")
    got = records([tmp_path / name])
    assert [(r.member, r.line, r.ordinal) for r in got] == [("lot/un.txt", None, 0), ("lot/deux.html", None, 1),
                                                           ("lot/trois.jsonl", 1, 2), ("lot/trois.jsonl", 2, 3)]
    assert text_of(got[3]) == PAGES[3]


def test_zip_is_recognised_by_content_whatever_its_name(tmp_path):
    path = tmp_path / "export.bin"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a/1.txt", PAGES[0])
        archive.writestr("a/2.htm", html(PAGES[1]))
        archive.writestr("a/", "")
    got = records([path])
    assert [(r.member, text_of(r)) for r in got] == [("a/1.txt", PAGES[0]), ("a/2.htm", html(PAGES[1]))]


def test_warc_keeps_html_responses_with_status_200_and_their_provenance(tmp_path):
    path = write_warc(tmp_path / "crawl.warc.gz", [
        ("https://example.org/a", "200 OK", "text/html; charset=utf-8", html(PAGES[0]).encode("utf-8")),
        ("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG..."),
        ("https://example.org/gone", "404 Not Found", "text/html", b"<html>introuvable</html>"),
        ("https://example.org/b", "200 OK", "text/html", html(PAGES[1]).encode("latin-1", "replace")),
    ])
    got = records([path])
    assert [r.url for r in got] == ["https://example.org/a", "https://example.org/b"]
    assert got[0].content == html(PAGES[0]).encode("utf-8")
    assert got[0].warc_record_id.startswith("<urn:uuid:")
    assert got[0].offset > 0 and got[1].offset > got[0].offset  # each response follows its request record
    assert got[0].published is None and got[0].published_fallback == got[0].meta["warc_date"][:10]
    assert records([path], ReadOptions(warc_date=False))[0].published_fallback is None


def test_warc_offset_points_at_the_record(tmp_path):
    path = write_warc(tmp_path / "crawl.warc", [("https://example.org/a", "200 OK", "text/html",
                                                  html(PAGES[0]).encode("utf-8"))])
    (got,) = records([path])
    data = path.read_bytes()
    assert data[got.offset:].startswith(b"WARC/1.")
    assert b"WARC-Type: response" in data[got.offset:got.offset + 200]


def test_documents_over_the_size_cap_become_errors(tmp_path):
    (tmp_path / "big.txt").write_text("x" * 200, encoding="utf-8")
    (tmp_path / "small.txt").write_text("OIM", encoding="utf-8")
    write_jsonl(tmp_path / "c.jsonl", [{"text": "y" * 300}, {"text": "court"}])
    with zipfile.ZipFile(tmp_path / "d.zip", "w") as archive:
        archive.writestr("grand.txt", "z" * 500)
        archive.writestr("petit.txt", "ok")
    got = records([tmp_path], ReadOptions(max_bytes=100))
    assert [(r.file.rsplit("/", 1)[1], r.member, r.error is None) for r in got] == [
        ("big.txt", None, False), ("c.jsonl", None, False), ("c.jsonl", None, True),
        ("d.zip", "grand.txt", False), ("d.zip", "petit.txt", True), ("small.txt", None, True)]
    assert "over the cap of 100" in got[0].error


def test_truncated_archives_keep_what_was_read_and_end_in_an_error(tmp_path):
    rows = [json.dumps({"text": f"{PAGES[i % 6]} Réf. {i * 7919 % 100003}"}) + "\n" for i in range(3000)]
    data = gzip.compress("".join(rows).encode("utf-8"))
    (tmp_path / "a.jsonl.gz").write_bytes(data[: len(data) // 2])
    with tarfile.open(tmp_path / "b.tar.gz", "w:gz") as tar:
        for i, page in enumerate(PAGES):
            (tmp_path / f"{i}.txt").write_text(page * 50, encoding="utf-8")
            tar.add(tmp_path / f"{i}.txt", arcname=f"{i}.txt")
    tar_data = (tmp_path / "b.tar.gz").read_bytes()
    (tmp_path / "b.tar.gz").write_bytes(tar_data[: len(tar_data) // 2])
    got = records([tmp_path / "a.jsonl.gz", tmp_path / "b.tar.gz"])
    for name in ("a.jsonl.gz", "b.tar.gz"):
        mine = [r for r in got if r.file.endswith(name)]
        assert all(r.error is None for r in mine[:-1]) and len(mine) >= 2
        assert mine[-1].error.startswith("unreadable archive: ")


def test_done_skips_the_first_records_of_a_file_or_the_whole_file(tmp_path):
    a = write_jsonl(tmp_path / "a.jsonl", [{"text": p} for p in PAGES[:4]])
    b = write_jsonl(tmp_path / "b.jsonl", [{"text": p} for p in PAGES[4:]])
    skip = {str(a): 3, str(b): -1}
    got = list(iter_records([a, b], done=lambda f: skip[f]))
    assert [(type(x).__name__, getattr(x, "ordinal", None), getattr(x, "line", None)) for x in got] == [
        ("Record", 3, 4), ("FileDone", None, None), ("FileDone", None, None)]
    assert got[0].key() != records([a])[0].key()


def test_release_ids_are_stable_and_distinct(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [{"text": PAGES[0]}, {"text": PAGES[0]}])
    first, second = records([tmp_path])
    assert first.release_id() != second.release_id()
    assert [r.release_id() for r in records([tmp_path])] == [first.release_id(), second.release_id()]
    assert first.source()["id"] == first.release_id() and len(first.release_id()) == 16


def test_count_records_is_known_only_when_cheap(tmp_path):
    (tmp_path / "a.txt").write_text(PAGES[0], encoding="utf-8")
    write_jsonl(tmp_path / "b.jsonl", [{"text": p} for p in PAGES[:3]])
    (tmp_path / "c.json").write_text(json.dumps([{"text": PAGES[0]}, {"text": PAGES[1]}]), encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "d.zip", "w") as archive:
        archive.writestr("1.txt", PAGES[0])
        archive.writestr("2.html", html(PAGES[1]))
    assert count_records([tmp_path]) == len(records([tmp_path])) == 8
    write_warc(tmp_path / "e.warc.gz", [("https://example.org/a", "200 OK", "text/html", b"<p>OIM</p>")])
    assert count_records([tmp_path]) is None


def test_a_missing_file_is_an_error_record(tmp_path):
    (got,) = records([tmp_path / "absent.jsonl"])
    assert "no such file" in got.error


def test_options_are_checked():
    with pytest.raises(ValueError, match="E801"):
        ReadOptions(field="")
    with pytest.raises(ValueError, match="E802"):
        ReadOptions(max_bytes=0)
    assert ReadOptions(date_fields="date").date_fields == ("date",)


def test_iter_records_reads_lazily(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [{"text": p} for p in PAGES])
    stream = iter_records([tmp_path / "a.jsonl"])
    assert isinstance(next(stream), Record)  # a generator: nothing read ahead of what is asked for
    assert not isinstance(stream, list)
    assert sum(1 for x in stream if isinstance(x, FileDone)) == 1
