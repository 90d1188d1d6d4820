"""Write records as JSON Lines, Parquet or CSV, a whole batch at a time, so a killed run leaves valid files.

Every writer buffers what :meth:`add` gives it and makes it durable in :meth:`commit` (write, flush, fsync), which
returns the writer's committed state; :meth:`restore` brings the files back to such a state (cutting off whatever a
killed run wrote after it), or empties them. JSON Lines and CSV grow by appending whole batches (a ``.gz`` output
gets one gzip member per batch, which gzip readers read as one stream); Parquet writes one part file per commit and
table, through a temporary name and a rename.

The tidy tables (Parquet and CSV) are ``releases`` (one row per document: its source and scalar fields) and one table
per field of :attr:`Release.FIELDS` (``event_dates`` also holds the ``relative_dates``, told apart by ``group``),
joined by ``release_id``. Their columns follow the dataclasses of :mod:`iomextract.types`; nested values are Arrow
structs and lists in Parquet, JSON text in CSV.
"""
from __future__ import annotations

import csv
import dataclasses
import gzip
import io
import json
import os
import typing
from pathlib import Path
from types import UnionType
from typing import Any, Optional, Union

import pyarrow as pa
import pyarrow.parquet as pq

from ..types import PartialDate, Release
from .files import append_durably, writing

__all__ = ["JsonlWriter", "CsvWriter", "ParquetWriter", "TABLES", "table_schema", "tidy_rows", "FORMATS"]

FORMATS = ("jsonl", "parquet", "csv")
TABLES = ("releases",) + Release.FIELDS
SOURCE_COLUMNS = (
    ("source_file", pa.string()), ("source_member", pa.string()), ("source_line", pa.int64()),
    ("source_warc_record_id", pa.string()), ("source_offset", pa.int64()), ("source_url", pa.string()),
    ("source_sha256", pa.string()), ("source_published", pa.string()), ("source_meta", pa.string()),
)
_ELEMENT = {name: typing.get_args(hint)[0] for name, hint in typing.get_type_hints(Release).items()
            if name in Release.FIELDS}


def _arrow_type(tp: Any) -> pa.DataType:
    """The Arrow type of a field of the result dataclasses (the JSON form of ``to_dict``)."""
    origin = typing.get_origin(tp)
    if origin in (Union, UnionType):
        return _arrow_type(next(a for a in typing.get_args(tp) if a is not type(None)))
    if origin is tuple:
        return pa.list_(_arrow_type(typing.get_args(tp)[0]))
    if tp is PartialDate:
        return pa.string()
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        return pa.struct([(f.name, _arrow_type(hints[f.name])) for f in dataclasses.fields(tp)])
    simple = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    if tp in simple:
        return simple[tp]
    raise TypeError(f"no Arrow type for {tp!r}")  # a new field type in types.py needs a mapping here


def table_schema(table: str) -> pa.Schema:
    """The Arrow schema of one tidy table (see the module docstring)."""
    if table == "releases":
        hints = typing.get_type_hints(Release)
        own = [(f.name, _arrow_type(hints[f.name])) for f in dataclasses.fields(Release)
               if f.name not in Release.FIELDS and f.name != "relative_dates"]
        return pa.schema([("release_id", pa.string()), *SOURCE_COLUMNS, *own])
    if table not in Release.FIELDS:
        raise ValueError(f"[E803] unknown table {table!r}; tables: {list(TABLES)}")
    item = _ELEMENT[table]
    head = [("release_id", pa.string()), ("position", pa.int64())]
    if table == "event_dates":
        head.append(("group", pa.string()))
    hints = typing.get_type_hints(item)
    return pa.schema([*head, *((f.name, _arrow_type(hints[f.name])) for f in dataclasses.fields(item))])


def tidy_rows(release: dict[str, Any], source: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows one record adds to each tidy table: ``release`` is ``Release.to_dict()``, ``source`` its provenance."""
    rid = source["id"]
    head = {"release_id": rid, **{name: source.get(name[len("source_"):]) for name, _ in SOURCE_COLUMNS}}
    head["source_meta"] = json.dumps(source.get("meta") or {}, ensure_ascii=False, sort_keys=True)
    top = {k: v for k, v in release.items() if k not in Release.FIELDS and k != "relative_dates"}
    rows: dict[str, list[dict[str, Any]]] = {"releases": [{**head, **top}]}
    for table in Release.FIELDS:
        rows[table] = [{"release_id": rid, "position": i, **item} for i, item in enumerate(release.get(table) or ())]
    for row in rows["event_dates"]:
        row["group"] = "event_dates"
    start = len(rows["event_dates"])
    rows["event_dates"] += [{"release_id": rid, "position": start + i, "group": "relative_dates", **item}
                            for i, item in enumerate(release.get("relative_dates") or ())]
    return rows


def _truncate(path: Path, size: int) -> None:
    """Cut ``path`` back to ``size`` bytes (what the last commit wrote), creating it empty when missing."""
    with writing(path), open(path, "ab") as out:
        if out.tell() < size:
            raise ValueError(f"[E804] {path} is shorter ({out.tell()} bytes) than its last commit ({size}); "
                             "it was changed outside this run: start again without --resume")
        out.truncate(size)


# Characters JSON leaves raw in strings but Python's str.splitlines (and some editors) break lines at: escaped, so
# one record is one line for every reader.
_LINE_BREAKS = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"}


class JsonlWriter:
    """One JSON object per line, appended a batch at a time; ``.gz`` names get one gzip member per batch."""

    def __init__(self, path: Union[str, os.PathLike]) -> None:
        self.path = Path(path)
        self.gzip = self.path.name.lower().endswith(".gz")
        self._lines: list[str] = []

    def add(self, obj: dict[str, Any]) -> None:
        """Buffer one object."""
        self._lines.append(json.dumps(obj, ensure_ascii=False).translate(_LINE_BREAKS))

    def ready(self) -> bool:
        """Whether a commit is due (JSON Lines commits every batch)."""
        return True

    def commit(self, *, final: bool = False) -> dict[str, Any]:
        """Append the buffered lines durably; the committed state."""
        if self._lines:
            data = ("\n".join(self._lines) + "\n").encode("utf-8")
            self._lines = []
            size = append_durably(self.path, gzip.compress(data, mtime=0) if self.gzip else data)
        else:
            size = self.path.stat().st_size if self.path.exists() else 0
        return {"size": size}

    def restore(self, state: Optional[dict[str, Any]]) -> None:
        """Cut the file back to a committed state (None: empty)."""
        with writing(self.path.parent):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        _truncate(self.path, state["size"] if state else 0)

    def paths(self) -> list[Path]:
        """The files this writer owns."""
        return [self.path]


class _ReleaseJsonl(JsonlWriter):
    def add_release(self, release: dict[str, Any], source: dict[str, Any]) -> None:
        self.add({**release, "source": source})


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, dict, bool)):
        return json.dumps(value, ensure_ascii=False)
    return value


class CsvWriter:
    """The tidy tables as ``DIR/<table>.csv`` (UTF-8, header row), appended a batch at a time."""

    def __init__(self, directory: Union[str, os.PathLike]) -> None:
        self.dir = Path(directory)
        self.columns = {t: table_schema(t).names for t in TABLES}
        self._rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}

    def add_release(self, release: dict[str, Any], source: dict[str, Any]) -> None:
        """Buffer one record's rows."""
        for table, rows in tidy_rows(release, source).items():
            self._rows[table].extend(rows)

    def ready(self) -> bool:
        """Whether a commit is due (CSV commits every batch)."""
        return True

    def commit(self, *, final: bool = False) -> dict[str, Any]:
        """Append the buffered rows durably; the committed state (each table's size)."""
        sizes = {}
        for table in TABLES:
            path = self.dir / f"{table}.csv"
            buf = io.StringIO()
            writer = csv.DictWriter(buf, fieldnames=self.columns[table], lineterminator="\n")
            if path.stat().st_size == 0:
                writer.writeheader()
            for row in self._rows[table]:
                writer.writerow({k: _csv_value(row.get(k)) for k in self.columns[table]})
            self._rows[table] = []
            data = buf.getvalue().encode("utf-8")
            sizes[table] = append_durably(path, data) if data else path.stat().st_size
        return {"sizes": sizes}

    def restore(self, state: Optional[dict[str, Any]]) -> None:
        """Cut each table back to a committed state (None: empty)."""
        with writing(self.dir):
            self.dir.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            _truncate(self.dir / f"{table}.csv", state["sizes"][table] if state else 0)

    def paths(self) -> list[Path]:
        """The files this writer owns."""
        return [self.dir / f"{t}.csv" for t in TABLES]


class ParquetWriter:
    """The tidy tables as ``DIR/<table>/part-NNNNNN.parquet``, a part per table every ``rows_per_part`` releases.

    Read a table back with ``pyarrow.parquet.read_table(DIR / table)`` or ``pandas.read_parquet``.
    """

    def __init__(self, directory: Union[str, os.PathLike], *, rows_per_part: int = 2000) -> None:
        if not isinstance(rows_per_part, int) or rows_per_part < 1:
            raise ValueError(f"[E805] rows_per_part must be a positive int, got {rows_per_part!r}")
        self.dir = Path(directory)
        self.rows_per_part = rows_per_part
        self.schemas = {t: table_schema(t) for t in TABLES}
        self._rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self.next_part = 0

    def _part(self, table: str, seq: int) -> Path:
        return self.dir / table / f"part-{seq:06d}.parquet"

    def add_release(self, release: dict[str, Any], source: dict[str, Any]) -> None:
        """Buffer one record's rows."""
        for table, rows in tidy_rows(release, source).items():
            self._rows[table].extend(rows)

    def ready(self) -> bool:
        """Whether enough releases are buffered for a part file."""
        return len(self._rows["releases"]) >= self.rows_per_part

    def commit(self, *, final: bool = False) -> dict[str, Any]:
        """Write the buffered rows as one part per table (a table still without any part gets an empty one when
        ``final``); the committed state."""
        wrote = False
        if self._rows["releases"] or final:
            for table in TABLES:
                rows = self._rows[table]
                if not rows and not (final and not any((self.dir / table).glob("part-*.parquet"))):
                    continue
                wrote = True
                path = self._part(table, self.next_part)
                self._write_part(pa.Table.from_pylist(rows, schema=self.schemas[table]), path)
                self._rows[table] = []
        if wrote:
            self.next_part += 1
        return {"next_part": self.next_part}

    @staticmethod
    def _write_part(table: pa.Table, path: Path) -> None:
        # Through a temporary name, so a part file is whole or absent; a failed write leaves no temporary behind.
        tmp = path.with_name(f".{path.name}.tmp")
        with writing(path):
            try:
                pq.write_table(table, tmp)
                with open(tmp, "rb") as written:
                    os.fsync(written.fileno())
                os.replace(tmp, path)
            except OSError:
                tmp.unlink(missing_ok=True)
                raise

    def restore(self, state: Optional[dict[str, Any]]) -> None:
        """Delete the parts written after a committed state (None: all parts)."""
        self.next_part = state["next_part"] if state else 0
        for table in TABLES:
            folder = self.dir / table
            with writing(folder):
                folder.mkdir(parents=True, exist_ok=True)
                for path in folder.glob(".part-*.parquet.tmp"):
                    path.unlink()
                for path in folder.glob("part-*.parquet"):
                    if int(path.name[len("part-"):-len(".parquet")]) >= self.next_part:
                        path.unlink()

    def paths(self) -> list[Path]:
        """The files this writer owns."""
        return sorted(p for t in TABLES for p in (self.dir / t).glob("part-*.parquet"))


def release_writer(output: Union[str, os.PathLike], fmt: str, *, rows_per_part: int = 2000) -> Any:
    """The writer of format ``fmt`` ("jsonl", "parquet" or "csv") for ``output``."""
    if fmt == "jsonl":
        return _ReleaseJsonl(output)
    if fmt == "csv":
        return CsvWriter(output)
    if fmt == "parquet":
        return ParquetWriter(output, rows_per_part=rows_per_part)
    raise ValueError(f"[E806] unknown output format {fmt!r}; formats: {list(FORMATS)}")
