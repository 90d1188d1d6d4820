"""Stream documents out of folders, archives, JSON Lines and WARC files, each with where it came from.

:func:`iter_records` walks the inputs lazily and yields :class:`Record` objects (one per document, or one per bad
document or unreadable archive, carrying an ``error``) and :class:`FileDone` markers after the last record of each
physical file. Nothing holds a whole archive in memory: zip and tar members are read one at a time, JSON Lines
line by line, WARC records through warcio's streaming iterator.

Inputs are recognised by content first (zip and tar signatures, a ``WARC/`` header) and then by extension:

=====================================  =====================================================================
folder                                 walked recursively in sorted order; files below by their own kind
``.zip``, ``.tar`` (``.gz .bz2 .xz``)  each member by its extension (documents, ``.json``, JSON Lines, WARC)
``.jsonl``, ``.ndjson`` (``.gz``)      one document per line: ``options.field`` holds the text or HTML,
                                       the other fields travel along as ``source["meta"]``
``.json``                              an object (one document) or a list of objects, read like a JSON line
``.warc``, ``.warc.gz``                HTML and text ``response``/``resource`` records with status 200
``.txt``, ``.html``, ``.htm``          one document (a named file of another extension is read the same way)
=====================================  =====================================================================
"""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import tarfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Optional, Union

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..api import normalise_published

__all__ = ["ReadOptions", "Record", "FileDone", "iter_records", "count_records", "DOCUMENT_SUFFIXES"]

DOCUMENT_SUFFIXES = (".txt", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
# What a folder walk picks up: documents, JSON, JSON Lines and the archives that hold them.
MEMBER_SUFFIXES = DOCUMENT_SUFFIXES + (".json",) + JSONL_SUFFIXES + WARC_SUFFIXES  # archives are not nested
FOLDER_SUFFIXES = MEMBER_SUFFIXES + TAR_SUFFIXES + (".zip",)
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_CHUNK = 1 << 16
# What a truncated or corrupt file raises while it is streamed: it becomes an error record, the run goes on.
READ_ERRORS = (OSError, EOFError, ValueError, zipfile.BadZipFile, tarfile.TarError, ArchiveLoadFailed)


@dataclass(frozen=True)
class ReadOptions:
    """How documents are read: which JSON field holds the page, which give its date, the size cap.

    ``field`` names the text or HTML field of JSON and JSON Lines records; ``date_fields`` are tried in order for a
    publication date (an ISO date or datetime; other values stay in ``meta`` and are not used); ``max_bytes`` caps one
    document (larger ones become error records); ``warc_date`` feeds a WARC record's ``WARC-Date`` as the
    publication date (the capture date: an upper bound of the real one).
    """

    field: str = "text"
    date_fields: tuple[str, ...] = ("published", "date")
    max_bytes: int = 10_000_000
    warc_date: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.field, str) or not self.field:
            raise ValueError(f"[E801] field must be a non-empty field name, got {self.field!r}")
        if not isinstance(self.max_bytes, int) or self.max_bytes < 1:
            raise ValueError(f"[E802] max_bytes must be a positive int, got {self.max_bytes!r}")
        if isinstance(self.date_fields, str):
            object.__setattr__(self, "date_fields", (self.date_fields,))


@dataclass(frozen=True)
class Record:
    """One document (``content`` set) or one failure to read one (``error`` set), with its provenance.

    ``file`` is the physical file (as given, or joined below a given folder); ``member`` the path inside a zip or tar
    archive; ``ordinal`` the record's rank in its file (counting error records too); ``line`` the JSON Lines line
    (1-based) or JSON list index; ``offset`` the byte offset of a WARC record in its (decompressed-member) stream
    as warcio reports it; ``sha256`` the hash of the document's bytes (UTF-8 for text fields).
    """

    file: str
    ordinal: int
    content: Union[str, bytes, None] = None
    error: Optional[str] = None
    member: Optional[str] = None
    line: Optional[int] = None
    warc_record_id: Optional[str] = None
    offset: Optional[int] = None
    url: Optional[str] = None
    sha256: Optional[str] = None
    published: Optional[str] = None
    # a date to use only when the page gives none of its own (a WARC capture date is not a publication date)
    published_fallback: Optional[str] = None
    meta: dict[str, Any] = field(default_factory=dict)

    def source(self) -> dict[str, Any]:
        """The provenance written next to each output record (always the same keys)."""
        return {
            "id": self.release_id(),
            "file": self.file,
            "member": self.member,
            "line": self.line,
            "warc_record_id": self.warc_record_id,
            "offset": self.offset,
            "url": self.url,
            "sha256": self.sha256,
            "published": self.published,
            "published_fallback": self.published_fallback,
            "meta": self.meta,
        }

    def key(self) -> str:
        """A string naming this record among all inputs (file, member, line or offset, rank)."""
        return "\t".join(str(v) if v is not None else "" for v in (self.file, self.member, self.line, self.offset,
                                                                     self.ordinal))

    def release_id(self) -> str:
        """A stable id of the record, joining the tidy tables: a hash of :meth:`key`, 16 hex digits."""
        return hashlib.sha256(self.key().encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class FileDone:
    """Marks that every record of the physical file ``file`` has been yielded."""

    file: str


class _Cursor:
    """Numbers the records of one physical file and builds them."""

    def __init__(self, file: str, skip: int) -> None:
        self.file = file
        self.skip = skip  # records already done (resume): counted, not built
        self.ordinal = 0

    def take(self) -> Optional[int]:
        """The next ordinal, or None when that record is to be skipped."""
        n = self.ordinal
        self.ordinal += 1
        return None if n < self.skip else n


def _sha(data: Union[str, bytes]) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def _iso_or_none(value: Any) -> Optional[str]:
    if isinstance(value, (str, dt.date)):
        try:
            return normalise_published(value)
        except ValueError:
            return None
    return None


def _lower(name: str) -> str:
    return name.lower()


def _has_suffix(name: str, suffixes: tuple[str, ...]) -> bool:
    low = _lower(name)
    return any(low.endswith(s) for s in suffixes)


# ------------------------------------------------------------------------------------------- document kinds
def _from_object(obj: Any, options: ReadOptions, cur: _Cursor, ordinal: int, **where: Any) -> Record:
    """A record from one decoded JSON object: the page field, a date field, the rest as metadata."""
    if not isinstance(obj, dict):
        return Record(cur.file, ordinal, error=f"expected a JSON object, got {type(obj).__name__}", **where)
    content = obj.get(options.field)
    if not isinstance(content, str):
        found = "missing" if content is None else f"a {type(content).__name__}"
        return Record(cur.file, ordinal, error=f"field {options.field!r} is {found}, expected a string", **where)
    meta = {k: v for k, v in obj.items() if k != options.field}
    published = next((iso for iso in (_iso_or_none(obj.get(k)) for k in options.date_fields) if iso), None)
    size = len(content.encode("utf-8"))
    if size > options.max_bytes:
        return Record(cur.file, ordinal, error=f"document of {size} bytes is over the cap of {options.max_bytes}",
                      meta=meta, **where)
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    return Record(cur.file, ordinal, content=content, sha256=_sha(content), published=published, url=url, meta=meta,
                  **where)


def _read_capped(stream: IO[bytes], cap: int) -> Optional[bytes]:
    """Up to ``cap`` bytes of ``stream``, or None when it holds more."""
    data = stream.read(cap + 1)
    return None if len(data) > cap else data


def _single(stream: IO[bytes], options: ReadOptions, cur: _Cursor, member: Optional[str]) -> Iterator[Record]:
    ordinal = cur.take()
    if ordinal is None:
        return
    data = _read_capped(stream, options.max_bytes)
    if data is None:
        yield Record(cur.file, ordinal, member=member, error=f"document is over the cap of {options.max_bytes} bytes")
        return
    yield Record(cur.file, ordinal, content=data, member=member, sha256=_sha(data))


def _json(stream: IO[bytes], options: ReadOptions, cur: _Cursor, member: Optional[str]) -> Iterator[Record]:
    # A .json file is one document (or a list of them); capped like a single document, then parsed whole.
    data = _read_capped(stream, options.max_bytes)
    if data is None:
        ordinal = cur.take()
        if ordinal is not None:
            yield Record(cur.file, ordinal, member=member, error=f"JSON file is over the cap of {options.max_bytes} bytes")
        return
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        ordinal = cur.take()
        if ordinal is not None:
            yield Record(cur.file, ordinal, member=member, error=f"invalid JSON: {err}")
        return
    if isinstance(obj, list):
        for i, item in enumerate(obj):
            ordinal = cur.take()
            if ordinal is not None:
                yield _from_object(item, options, cur, ordinal, member=member, line=i)
        return
    ordinal = cur.take()
    if ordinal is not None:
        yield _from_object(obj, options, cur, ordinal, member=member)


def _lines(stream: IO[bytes], cap: int) -> Iterator[tuple[int, Optional[bytes]]]:
    """``(line number, line)`` of a byte stream, a line longer than ``cap`` given as None (and skipped over)."""
    number = 0
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        number += 1
        if len(line) > cap and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # drain the rest of the over-long line, a chunk at a time
                line = stream.readline(_CHUNK)
            yield number, None
            continue
        yield number, line


def _jsonl(stream: IO[bytes], options: ReadOptions, cur: _Cursor, member: Optional[str]) -> Iterator[Record]:
    for number, line in _lines(stream, options.max_bytes):
        if line is not None and not line.strip():
            continue
        ordinal = cur.take()
        if ordinal is None:
            continue
        if line is None:
            yield Record(cur.file, ordinal, member=member, line=number,
                         error=f"line is over the cap of {options.max_bytes} bytes")
            continue
        try:
            obj = json.loads(line.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            yield Record(cur.file, ordinal, member=member, line=number, error=f"invalid JSON line: {err}")
            continue
        yield _from_object(obj, options, cur, ordinal, member=member, line=number)


def _warc(stream: IO[bytes], options: ReadOptions, cur: _Cursor, member: Optional[str]) -> Iterator[Record]:
    records = ArchiveIterator(stream)
    for rec in records:
        if rec.rec_type not in ("response", "resource"):
            continue
        headers = rec.http_headers
        if rec.rec_type == "response":
            if headers is None or headers.get_statuscode() != "200":
                continue
            ctype = headers.get_header("Content-Type") or ""
        else:
            ctype = rec.rec_headers.get_header("Content-Type") or ""
        if not ctype.split(";")[0].strip().lower() in HTML_TYPES:
            continue
        ordinal = cur.take()
        if ordinal is None:
            continue
        data = _read_capped(rec.content_stream(), options.max_bytes)
        # warcio knows the record's offset once its content has been read (it reads to the end to learn it)
        where = dict(member=member, warc_record_id=rec.rec_headers.get_header("WARC-Record-ID"),
                     offset=records.get_record_offset(), url=rec.rec_headers.get_header("WARC-Target-URI"))
        warc_date = rec.rec_headers.get_header("WARC-Date")
        meta = {"warc_date": warc_date, "content_type": ctype}
        if data is None:
            yield Record(cur.file, ordinal, error=f"document is over the cap of {options.max_bytes} bytes",
                         meta=meta, **where)
            continue
        fallback = _iso_or_none(warc_date) if options.warc_date else None
        yield Record(cur.file, ordinal, content=data, sha256=_sha(data), published_fallback=fallback, meta=meta,
                     **where)


Reader = Callable[[IO[bytes], ReadOptions, _Cursor, Optional[str]], Iterator[Record]]


def _reader_for(name: str, head: bytes) -> Reader:
    """The reader of one stream, by its name and first bytes (already decompressed for ``.gz`` names)."""
    if head.startswith(b"WARC/") or _has_suffix(name, WARC_SUFFIXES):
        return _warc
    if _has_suffix(name, JSONL_SUFFIXES):
        return _jsonl
    if _has_suffix(name, (".json",)):
        return _json
    return _single


def _open_member(raw: IO[bytes], name: str) -> IO[bytes]:
    """A buffered byte stream of a member or file, gunzipped for ``.jsonl.gz`` (warcio gunzips WARC itself)."""
    if _has_suffix(name, (".jsonl.gz", ".ndjson.gz")):
        return io.BufferedReader(gzip.GzipFile(fileobj=raw))  # type: ignore[arg-type]
    return raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[arg-type]


def _peek(stream: IO[bytes]) -> bytes:
    peek = getattr(stream, "peek", None)
    return peek(8)[:8] if peek else b""


def _stream_records(raw: IO[bytes], name: str, options: ReadOptions, cur: _Cursor,
                    member: Optional[str]) -> Iterator[Record]:
    stream = _open_member(raw, name)
    yield from _reader_for(name, _peek(stream))(stream, options, cur, member)


def _archive_error(cur: _Cursor, member: Optional[str], err: BaseException) -> Iterator[Record]:
    ordinal = cur.take()
    if ordinal is not None:
        yield Record(cur.file, ordinal, member=member, error=f"unreadable archive: {type(err).__name__}: {err}")


def _zip(path: Path, options: ReadOptions, cur: _Cursor) -> Iterator[Record]:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.is_dir() or not _has_suffix(info.filename, MEMBER_SUFFIXES):
                continue
            try:
                if _reader_for(info.filename, b"") is _single and info.file_size > options.max_bytes:
                    ordinal = cur.take()
                    if ordinal is not None:
                        yield Record(cur.file, ordinal, member=info.filename,
                                     error=f"member of {info.file_size} bytes is over the cap of {options.max_bytes}")
                    continue
                with archive.open(info) as raw:
                    yield from _stream_records(raw, info.filename, options, cur, info.filename)
            except READ_ERRORS as err:
                yield from _archive_error(cur, info.filename, err)


def _tar(path: Path, options: ReadOptions, cur: _Cursor) -> Iterator[Record]:
    # Stream mode ("r|*"): members are read in order without seeking, so a .tar.gz is decompressed once.
    member_name: Optional[str] = None
    try:
        with tarfile.open(path, mode="r|*") as archive:
            for info in archive:
                member_name = info.name
                if not info.isfile() or not _has_suffix(info.name, MEMBER_SUFFIXES):
                    continue
                if _reader_for(info.name, b"") is _single and info.size > options.max_bytes:
                    ordinal = cur.take()
                    if ordinal is not None:
                        yield Record(cur.file, ordinal, member=info.name,
                                     error=f"member of {info.size} bytes is over the cap of {options.max_bytes}")
                    continue
                raw = archive.extractfile(info)
                if raw is not None:
                    yield from _stream_records(raw, info.name, options, cur, info.name)  # type: ignore[arg-type]
    except READ_ERRORS as err:
        yield from _archive_error(cur, member_name, err)


def _plain(path: Path, options: ReadOptions, cur: _Cursor) -> Iterator[Record]:
    try:
        if _reader_for(path.name, b"") is _single and path.stat().st_size > options.max_bytes:
            ordinal = cur.take()
            if ordinal is not None:
                yield Record(cur.file, ordinal, error=f"file of {path.stat().st_size} bytes is over the cap of "
                                                      f"{options.max_bytes}")
            return
        with open(path, "rb") as raw:
            yield from _stream_records(raw, path.name, options, cur, None)
    except READ_ERRORS as err:  # truncated gzip, unreadable file, broken WARC
        yield from _archive_error(cur, None, err)


def _kind(path: Path) -> str:
    """"zip", "tar" or "plain" (documents, JSON, JSON Lines, WARC): by content, then by name."""
    if zipfile.is_zipfile(path):
        return "zip"
    if _has_suffix(path.name, TAR_SUFFIXES):
        return "tar"
    if _has_suffix(path.name, DOCUMENT_SUFFIXES + (".json",) + JSONL_SUFFIXES + WARC_SUFFIXES):
        return "plain"
    try:
        return "tar" if tarfile.is_tarfile(path) else "plain"
    except (OSError, EOFError, tarfile.TarError):
        return "plain"


def physical_files(inputs: Iterable[Union[str, os.PathLike]]) -> Iterator[Path]:
    """The files behind ``inputs``: a file as given, a folder's supported files in sorted (recursive) order."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if _has_suffix(name, FOLDER_SUFFIXES) and not name.startswith("."):
                        yield Path(root) / name
        else:
            yield path


def iter_records(
    inputs: Iterable[Union[str, os.PathLike]],
    options: ReadOptions = ReadOptions(),
    *,
    done: Callable[[str], int] = lambda file: 0,
) -> Iterator[Union[Record, FileDone]]:
    """Records of every document in ``inputs`` (files or folders), each physical file closed by a :class:`FileDone`.

    ``done(file)`` says how many records of ``file`` were already processed (when resuming): those are counted but
    not yielded; a negative value skips the whole file without opening it.
    """
    readers = {"zip": _zip, "tar": _tar, "plain": _plain}
    for path in physical_files(inputs):
        name = str(path)
        skip = done(name)
        if skip >= 0:
            cur = _Cursor(name, skip)
            if not path.is_file():
                yield from _archive_error(cur, None, FileNotFoundError(f"no such file: {name}"))
            else:
                yield from readers[_kind(path)](path, options, cur)
        yield FileDone(name)


def count_records(inputs: Iterable[Union[str, os.PathLike]], options: ReadOptions = ReadOptions()) -> Optional[int]:
    """How many records :func:`iter_records` will yield, when that is cheap to know; else None.

    Known for documents, ``.json`` files, uncompressed JSON Lines (one pass counting non-blank lines) and zip
    archives of documents; unknown for tar, gzip and WARC, which would need a full decompression.
    """
    total = 0
    for path in physical_files(inputs):
        if not path.is_file():
            total += 1
            continue
        kind = _kind(path)
        if kind == "zip":
            with zipfile.ZipFile(path) as archive:
                names = [i.filename for i in archive.infolist() if _has_suffix(i.filename, MEMBER_SUFFIXES)]
            if any(not _has_suffix(n, DOCUMENT_SUFFIXES) for n in names):
                return None
            total += sum(_has_suffix(n, DOCUMENT_SUFFIXES) for n in names)
        elif kind == "tar" or _has_suffix(path.name, WARC_SUFFIXES + (".gz",)):
            return None
        elif _has_suffix(path.name, JSONL_SUFFIXES):
            with open(path, "rb") as stream:
                total += sum(1 for _, line in _lines(stream, options.max_bytes) if line is None or line.strip())
        elif _has_suffix(path.name, (".json",)) and path.stat().st_size <= options.max_bytes:
            try:
                obj = json.loads(path.read_bytes().decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                obj = None
            total += len(obj) if isinstance(obj, list) else 1
        else:
            total += 1
    return total
