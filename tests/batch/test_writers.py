"""Writers: tidy tables that follow the dataclasses, batch commits, and cutting back to a committed state."""
from __future__ import annotations

import csv
import dataclasses
import gzip
import json

import pyarrow.parquet as pq
import pytest

from iomextract.batch.writers import (
    TABLES, CsvWriter, JsonlWriter, ParquetWriter, release_writer, table_schema, tidy_rows,
)
from iomextract.types import (
    Contact, Email, EventDate, Funder, Location, Mention, Organisation, PartialDate, Phone, Release, Settings,
)

RELEASE = Release(
    title="L'OIM aide les familles",
    body="Dakar – L'OIM a aidé 300 familles le 4 mars 2021 et hier.",
    organisations=(Organisation("Organisation internationale pour les migrations", "OIM",
                                mentions=(Mention("OIM", 10, 13),)),),
    locations=(Location("Dakar", "SN", "city", 2253354, mentions=(Mention("Dakar", 0, 5),)),),
    event_dates=(EventDate("le 4 mars 2021", PartialDate(2021, 3, 4), PartialDate(2021, 3, 4), "expression"),),
    relative_dates=(EventDate("hier", relative=True),),
    funders=(Funder("Union européenne", "UE", country=None, confidence=0.9),),
    phones=(Phone("+221 33 869 62 00", "+221338696200"),),
    emails=(Email("presse@iom.int"),),
    contacts=(Contact("Awa Diop", phones=("+221338696200",), emails=("presse@iom.int",)),),
    warnings=("no_title",),
    settings=Settings("0.1.0", "fr_core_news_md", "3.8.0", "2021-03-05"),
)
SOURCE = {"id": "abc123", "file": "a.jsonl", "member": None, "line": 3, "warc_record_id": None, "offset": None,
          "url": "https://example.org/1", "sha256": "00ff", "published": "2021-03-05", "meta": {"lang": "fr"}}


def test_every_table_has_the_release_id_and_the_fields_of_its_dataclass():
    assert TABLES == ("releases", "organisations", "locations", "event_dates", "funders", "phones", "emails",
                      "contacts")
    assert table_schema("locations").names == ["release_id", "position"] + [f.name for f in
                                                                            dataclasses.fields(Location)]
    assert table_schema("event_dates").names[:3] == ["release_id", "position", "group"]
    releases = table_schema("releases").names
    assert releases[:2] == ["release_id", "source_file"] and "title" in releases and "organisations" not in releases
    with pytest.raises(ValueError, match="E803"):
        table_schema("people")


def test_tidy_rows_split_one_record_into_tables():
    rows = tidy_rows(RELEASE.to_dict(), SOURCE)
    assert {t: len(r) for t, r in rows.items()} == {"releases": 1, "organisations": 1, "locations": 1,
                                                    "event_dates": 2, "funders": 1, "phones": 1, "emails": 1,
                                                    "contacts": 1}
    assert rows["releases"][0]["source_line"] == 3 and rows["releases"][0]["source_meta"] == '{"lang": "fr"}'
    assert [(r["group"], r["position"], r["text"]) for r in rows["event_dates"]] == [
        ("event_dates", 0, "le 4 mars 2021"), ("relative_dates", 1, "hier")]
    assert all(r["release_id"] == "abc123" for table in rows.values() for r in table)


def test_parquet_parts_read_back_as_tables(tmp_path):
    writer = ParquetWriter(tmp_path / "out.parquet", rows_per_part=2)
    writer.restore(None)
    writer.add_release(RELEASE.to_dict(), SOURCE)
    assert not writer.ready()
    writer.add_release(Release(title="Sans rien").to_dict(), {**SOURCE, "id": "def456", "meta": {}})
    assert writer.ready()
    assert writer.commit() == {"next_part": 1}
    assert writer.commit(final=True) == {"next_part": 1}  # nothing left, every table already has a part
    releases = pq.read_table(tmp_path / "out.parquet" / "releases").to_pylist()
    assert [r["title"] for r in releases] == ["L'OIM aide les familles", "Sans rien"]
    assert releases[0]["settings"]["published"] == "2021-03-05"
    (date, relative) = pq.read_table(tmp_path / "out.parquet" / "event_dates").to_pylist()
    assert date["start"] == "2021-03-04" and relative["group"] == "relative_dates"
    locations = pq.read_table(tmp_path / "out.parquet" / "locations").to_pylist()
    assert locations[0]["mentions"] == [{"text": "Dakar", "start": 0, "end": 5}]


def test_parquet_final_commit_gives_empty_tables_a_part(tmp_path):
    writer = ParquetWriter(tmp_path / "p", rows_per_part=10)
    writer.restore(None)
    writer.add_release(Release(title="Rien").to_dict(), SOURCE)
    writer.commit(final=True)
    assert pq.read_table(tmp_path / "p" / "phones").num_rows == 0
    assert pq.read_table(tmp_path / "p" / "phones").schema.names == table_schema("phones").names


def test_parquet_restore_deletes_parts_written_after_the_commit(tmp_path):
    writer = ParquetWriter(tmp_path / "p", rows_per_part=1)
    writer.restore(None)
    for _ in range(3):
        writer.add_release(RELEASE.to_dict(), SOURCE)
        writer.commit()
    (tmp_path / "p" / "releases" / ".part-000003.parquet.tmp").write_bytes(b"half")
    again = ParquetWriter(tmp_path / "p", rows_per_part=1)
    again.restore({"next_part": 2})
    assert sorted(p.name for p in (tmp_path / "p" / "releases").iterdir()) == ["part-000000.parquet",
                                                                               "part-000001.parquet"]
    assert pq.read_table(tmp_path / "p" / "releases").num_rows == 2


def test_csv_tables_with_header_once_and_json_for_nested_values(tmp_path):
    writer = CsvWriter(tmp_path / "out.csv")
    writer.restore(None)
    writer.add_release(RELEASE.to_dict(), SOURCE)
    state = writer.commit()
    writer.add_release(RELEASE.to_dict(), {**SOURCE, "id": "def456"})
    writer.commit()
    with open(tmp_path / "out.csv" / "organisations.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["release_id"] for r in rows] == ["abc123", "def456"]
    assert json.loads(rows[0]["mentions"]) == [{"text": "OIM", "start": 10, "end": 13}]
    assert rows[0]["acronym"] == "OIM"
    writer.restore(state)
    with open(tmp_path / "out.csv" / "organisations.csv", encoding="utf-8", newline="") as f:
        assert [r["release_id"] for r in csv.DictReader(f)] == ["abc123"]


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz"])
def test_jsonl_batches_append_and_restore_cuts_back(tmp_path, name):
    path = tmp_path / name
    writer = release_writer(path, "jsonl")
    writer.restore(None)
    writer.add_release(RELEASE.to_dict(), SOURCE)
    state = writer.commit()
    writer.add_release(Release(title="Deux").to_dict(), SOURCE)
    writer.commit()
    read = (lambda: gzip.decompress(path.read_bytes())) if name.endswith(".gz") else path.read_bytes
    records = [json.loads(line) for line in read().decode("utf-8").splitlines()]
    assert [r["title"] for r in records] == ["L'OIM aide les familles", "Deux"]
    assert Release.from_dict({k: v for k, v in records[0].items() if k != "source"}) == RELEASE
    assert records[0]["source"] == SOURCE
    with open(path, "ab") as f:
        f.write(b'{"title": "coup')  # a killed run's half line
    writer.restore(state)
    assert [json.loads(line)["title"] for line in read().decode("utf-8").splitlines()] == ["L'OIM aide les familles"]


def test_restore_refuses_a_file_shorter_than_its_commit(tmp_path):
    writer = JsonlWriter(tmp_path / "e.jsonl")
    (tmp_path / "e.jsonl").write_bytes(b"{}\n")
    with pytest.raises(ValueError, match="E804"):
        writer.restore({"size": 100})


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="E806"):
        release_writer(tmp_path / "x", "xlsx")
