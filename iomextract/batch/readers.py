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

import bz2
import datetime as dt
import gzip
import hashlib
import io
import json
import lzma
import os
import re
import stat
import tarfile
import zipfile
import zlib
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
# (zlib and lzma raise their own errors on corrupt data; zipfile raises NotImplementedError for an unknown
# compression method and RuntimeError for an encrypted member.)
READ_ERRORS = (OSError, EOFError, ValueError, zipfile.BadZipFile, tarfile.TarError, ArchiveLoadFailed, zlib.error,
               lzma.LZMAError, NotImplementedError, RuntimeError)
# Below this many decompressed bytes the expansion ratio is not checked: small, repetitive files compress very well
# and cannot be bombs.
RATIO_FLOOR = 1 << 20
# The end of a gzipped WARC file kept to check that its last member is whole (a longer last member is not checked).
_TAIL = 1 << 20
# A member name that would land outside the folder it were extracted to: "..", absolute, a drive ("C:"), a NUL.
_UNSAFE_NAME = re.compile(r"(?:^|[/\\])\.\.(?:[/\\]|$)|^[/\\]|^[A-Za-z]:|\x00")


class DecompressionBombError(ValueError):
    """A compressed stream expands more than :attr:`ReadOptions.max_ratio` times."""


@dataclass(frozen=True)
class ReadOptions:
    """How documents are read: which JSON field holds the page, which give its date, the size caps.

    ``field`` names the text or HTML field of JSON and JSON Lines records; ``date_fields`` are tried in order for a
    publication date (an ISO date or datetime; other values stay in ``meta`` and are not used); ``max_bytes`` caps one
    document (larger ones become error records); ``max_ratio`` caps how many times a compressed member or stream
    (zip member, gzip, bzip2, xz) may expand, checked past 1 MiB of output, so a decompression bomb becomes an
    error record instead of filling the memory or the CPU; ``warc_date`` feeds a WARC record's ``WARC-Date`` as
    the publication date (the capture date: an upper bound of the real one).
    """

    field: str = "text"
    date_fields: tuple[str, ...] = ("published", "date")
    max_bytes: int = 10_000_000
    max_ratio: float = 100.0
    warc_date: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.field, str) or not self.field:
            raise ValueError(f"[E801] field must be a non-empty field name, got {self.field!r}")
        if not isinstance(self.max_bytes, int) or self.max_bytes < 1:
            raise ValueError(f"[E802] max_bytes must be a positive int, got {self.max_bytes!r}")
        if isinstance(self.max_ratio, bool) or not isinstance(self.max_ratio, (int, float)) or not self.max_ratio >= 1:
            raise ValueError(f"[E808] max_ratio must be a number of at least 1, got {self.max_ratio!r}")
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
    head, seen = _peek(stream), 0
    # an uncompressed record ends with blank lines warcio leaves out of its length; a gzip member has no such tail
    tail = 0 if head.startswith(b"\x1f\x8b") else len(b"\r\n\r\n")
    counted = _Counting(stream, keep=0 if tail else _TAIL)
    records = ArchiveIterator(io.BufferedReader(counted))
    for rec in records:
        seen += 1
        if not (rec.rec_headers.get_header("Content-Length") or "").strip().isdigit():  # a cut header block
            raise ArchiveLoadFailed("a WARC record without Content-Length: truncated or malformed")
        headers = rec.http_headers
        ctype = ((headers.get_header("Content-Type") if rec.rec_type == "response" and headers is not None
                  else rec.rec_headers.get_header("Content-Type")) or "")
        if (rec.rec_type not in ("response", "resource")
                or (rec.rec_type == "response" and (headers is None or headers.get_statuscode() != "200"))
                or ctype.split(";")[0].strip().lower() not in HTML_TYPES):
            _skip_whole(rec)
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
        missing = getattr(rec.raw_stream, "limit", 0)  # what the record's Content-Length promised but never came
        if missing:
            yield Record(cur.file, ordinal, error=f"truncated WARC record: {missing} bytes missing", meta=meta,
                         **where)
            continue
        fallback = _iso_or_none(warc_date) if options.warc_date else None
        yield Record(cur.file, ordinal, content=data, sha256=_sha(data), published_fallback=fallback, meta=meta,
                     **where)
    # warcio ends quietly on a few bytes that hold no record (a cut in a gzip member's header)
    if not seen and head:
        raise ArchiveLoadFailed("no WARC record in the file: truncated or not a WARC file")
    left = counted.count - records.get_record_offset() - records.get_record_length() if seen else 0
    if left > tail:
        raise ArchiveLoadFailed(f"{left} bytes after the last WARC record hold no record: truncated")
    # nor does warcio check a gzip member's trailer: a cut there would end the file quietly after a whole record
    length = records.get_record_length() if seen and not tail else 0
    if 0 < length <= len(counted.tail) and not _gzip_whole(bytes(counted.tail[-length:])):
        raise ArchiveLoadFailed("the last gzip member of the file is cut short: truncated")


def _skip_whole(rec: Any) -> None:
    """Read past a record that is not kept, checking that it is whole (warcio would skip a cut one quietly)."""
    _drain(rec.raw_stream)
    if getattr(rec.raw_stream, "limit", 0):
        raise ArchiveLoadFailed("the file ends inside a WARC record: truncated")


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


class _Counting(io.RawIOBase):
    """Reads ``raw`` and counts the bytes read: the compressed side of a decompressed stream. Keeps the last
    ``keep`` bytes read (at least) in ``tail``."""

    def __init__(self, raw: IO[bytes], keep: int = 0) -> None:
        self.raw = raw
        self.count = 0
        self.keep = keep
        self.tail = bytearray()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.count += len(data)
        if self.keep:
            self.tail += data
            if len(self.tail) > 2 * self.keep:  # trimmed now and then, not at every read
                del self.tail[: -self.keep]
        return len(data)


def _gzip_whole(member: bytes) -> bool:
    """Whether ``member`` is one whole gzip member (its 8-byte trailer included); output is dropped as it comes."""
    inflate = zlib.decompressobj(31)
    data = member
    try:
        while data and not inflate.eof:
            inflate.decompress(data, _CHUNK)
            data = inflate.unconsumed_tail
    except zlib.error:
        return False
    return inflate.eof


class _Guarded(io.RawIOBase):
    """The decompressed side of a stream, stopped by a :class:`DecompressionBombError` past ``max_ratio``."""

    def __init__(self, stream: IO[bytes], compressed: _Counting, max_ratio: float, name: str) -> None:
        self.stream, self.compressed, self.max_ratio, self.name = stream, compressed, max_ratio, name
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        # read1: what one step of decompression gives, so data before a truncation reaches the reader first
        data = self.stream.read1(len(buffer))  # type: ignore[attr-defined]
        buffer[: len(data)] = data
        self.count += len(data)
        if self.count > RATIO_FLOOR and self.count > self.max_ratio * max(self.compressed.count, 1):
            raise DecompressionBombError(
                f"[E809] {self.name} expands more than {self.max_ratio:g} times ({self.count} bytes from "
                f"{self.compressed.count} compressed ones): a decompression bomb? (see max_ratio)")
        return len(data)


_COMPRESSIONS: tuple[tuple[bytes, Callable[[IO[bytes]], IO[bytes]]], ...] = (
    (b"\x1f\x8b", lambda f: gzip.GzipFile(fileobj=f)),  # type: ignore[arg-type, return-value]
    (b"BZh", lambda f: bz2.BZ2File(f)),  # type: ignore[arg-type, return-value]
    (b"\xfd7zXZ\x00", lambda f: lzma.LZMAFile(f)),  # type: ignore[arg-type, return-value]
)


def _decompressed(raw: IO[bytes], name: str, options: ReadOptions, *, gz: bool = False,
                  buffered: bool = True) -> IO[bytes]:
    """``raw`` decompressed (gzip, bzip2 or xz by magic number, else as it is; gzip anyway when ``gz``), guarded
    against decompression bombs by ``options.max_ratio``. Unless ``buffered``, each read gives what one step of
    decompression gives (a buffer would drop the data read before a truncation is found)."""
    stream = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[arg-type]
    head = stream.peek(6)[:6]
    opener = next((opener for magic, opener in _COMPRESSIONS if head.startswith(magic)), None)
    if opener is None and gz:
        opener = _COMPRESSIONS[0][1]  # gzip, to say that the file is not gzip
    if opener is None:
        return stream
    compressed = _Counting(stream)
    guarded = _Guarded(opener(compressed), compressed, options.max_ratio, name)
    return io.BufferedReader(guarded) if buffered else guarded  # type: ignore[return-value]


def _open_member(raw: IO[bytes], name: str, options: ReadOptions) -> IO[bytes]:
    """A buffered byte stream of a member or file, gunzipped for ``.jsonl.gz`` (warcio gunzips WARC itself)."""
    if _has_suffix(name, (".jsonl.gz", ".ndjson.gz")):
        return _decompressed(raw, name, options, gz=True)
    return raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[arg-type]


def _peek(stream: IO[bytes]) -> bytes:
    peek = getattr(stream, "peek", None)
    return peek(8)[:8] if peek else b""


def _stream_records(raw: IO[bytes], name: str, options: ReadOptions, cur: _Cursor,
                    member: Optional[str]) -> Iterator[Record]:
    stream = _open_member(raw, name, options)
    yield from _reader_for(name, _peek(stream))(stream, options, cur, member)


def _archive_error(cur: _Cursor, member: Optional[str], err: BaseException) -> Iterator[Record]:
    ordinal = cur.take()
    if ordinal is not None:
        message = str(err)
        if len(message) > 300:  # libraries quote the bytes they choked on: keep the start
            message = message[:300] + "..."
        yield Record(cur.file, ordinal, member=member, error=f"unreadable archive: {type(err).__name__}: {message}")


def _refused(cur: _Cursor, member: str, reason: str) -> Iterator[Record]:
    ordinal = cur.take()
    if ordinal is not None:
        yield Record(cur.file, ordinal, member=member, error=reason)


def _name_problem(name: str) -> Optional[str]:
    # Members are read in memory, never extracted; such a name still marks a hostile or broken archive.
    if _UNSAFE_NAME.search(name):
        return f"unsafe member name {name!r} (absolute, a drive or going up with '..'): not read"
    return None


def _size_problem(name: str, size: int, options: ReadOptions) -> Optional[str]:
    if _reader_for(name, b"") is _single and size > options.max_bytes:
        return f"member of {size} bytes is over the cap of {options.max_bytes}"
    return None


def _zip_problem(info: zipfile.ZipInfo, options: ReadOptions) -> Optional[str]:
    """Why a zip member is not read (None: read it)."""
    if stat.S_ISLNK(info.external_attr >> 16):
        return "member is a symbolic link: links are not followed"
    size = _size_problem(info.filename, info.file_size, options)
    if size:
        return size
    # zipfile never gives more than the declared size, so the declared sizes bound the expansion
    if info.file_size > RATIO_FLOOR and info.file_size > options.max_ratio * max(info.compress_size, 1):
        return (f"[E809] member expands more than {options.max_ratio:g} times ({info.file_size} bytes from "
                f"{info.compress_size} compressed ones): a decompression bomb? (see max_ratio)")
    return None


def _zip(path: Path, options: ReadOptions, cur: _Cursor) -> Iterator[Record]:
    try:
        archive = zipfile.ZipFile(path)
    except READ_ERRORS as err:  # no central directory: truncated, or not a zip despite its name
        yield from _archive_error(cur, None, err)
        return
    with archive:
        for info in archive.infolist():
            problem = _name_problem(info.filename)
            if problem is None and (info.is_dir() or not _has_suffix(info.filename, MEMBER_SUFFIXES)):
                continue
            problem = problem or _zip_problem(info, options)
            if problem:
                yield from _refused(cur, info.filename, problem)
                continue
            try:
                with archive.open(info) as raw:
                    yield from _stream_records(raw, info.filename, options, cur, info.filename)
            except READ_ERRORS as err:
                yield from _archive_error(cur, info.filename, err)


def _tar_problem(info: tarfile.TarInfo) -> Optional[str]:
    """Why a tar member that is neither a regular file nor a folder is not read."""
    if info.issym():
        return f"member is a symbolic link to {info.linkname!r}: links are not followed"
    if info.islnk():
        return f"member is a hard link to {info.linkname!r}: links are not followed"
    if info.ischr() or info.isblk():
        return "member is a device file: not read"
    if info.isfifo():
        return "member is a FIFO: not read"
    return f"member of tar type {info.type!r} is not a regular file: not read"


def _drain(stream: IO[bytes]) -> int:
    """How many bytes are left in ``stream`` (read and dropped)."""
    left = 0
    while chunk := stream.read(_CHUNK):
        left += len(chunk)
    return left


def _tar(path: Path, options: ReadOptions, cur: _Cursor) -> Iterator[Record]:
    # Stream mode ("r|"): members are read in order without seeking, so a compressed tar is decompressed once,
    # by _decompressed, which stops a decompression bomb.
    member_name: Optional[str] = None
    try:
        with open(path, "rb") as raw, tarfile.open(
                fileobj=_decompressed(raw, path.name, options, buffered=False), mode="r|") as archive:
            for info in archive:
                member_name = info.name
                problem = _name_problem(info.name)
                if problem is None and (info.isdir() or (info.isfile()
                                                         and not _has_suffix(info.name, MEMBER_SUFFIXES))):
                    continue
                problem = problem or (None if info.isfile() else _tar_problem(info))
                problem = problem or _size_problem(info.name, info.size, options)
                if problem:
                    yield from _refused(cur, info.name, problem)
                    continue
                member = archive.extractfile(info)
                if member is not None:
                    yield from _stream_records(member, info.name, options, cur, info.name)  # type: ignore[arg-type]
            member_name = None
            # tarfile ends quietly where the data ends; a whole archive has a second zero block (and any padding)
            # after the first one, which ended the loop. Reading to the end also checks a gzip trailer's CRC.
            if _drain(archive.fileobj) < tarfile.BLOCKSIZE:  # type: ignore[arg-type]
                raise tarfile.ReadError("the archive ends before its end-of-archive marker: truncated")
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
    if zipfile.is_zipfile(path) or _has_suffix(path.name, (".zip",)):  # a broken .zip is an error, not a page
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
            if not path.is_file():  # gone, or a FIFO or device (reading one could block forever)
                missing = "not a regular file" if path.exists() else "no such file"
                yield from _archive_error(cur, None, FileNotFoundError(f"{missing}: {name}"))
            else:
                try:
                    yield from readers[_kind(path)](path, options, cur)
                except Exception as err:  # noqa: BLE001 - hostile bytes can make a library raise anything
                    yield from _archive_error(cur, None, err)
        yield FileDone(name)


def count_records(inputs: Iterable[Union[str, os.PathLike]], options: ReadOptions = ReadOptions()) -> Optional[int]:
    """How many records :func:`iter_records` will yield, when that is cheap to know; else None.

    Known for documents, ``.json`` files, uncompressed JSON Lines (one pass counting non-blank lines) and zip
    archives of documents; unknown for tar, gzip and WARC, which would need a full decompression.
    """
    total = 0
    for path in physical_files(inputs):
        try:
            count = _count_file(path, options)
        except READ_ERRORS:  # a broken file: reading it will say why
            return None
        if count is None:
            return None
        total += count
    return total


def _count_file(path: Path, options: ReadOptions) -> Optional[int]:
    if not path.is_file():
        return 1
    kind = _kind(path)
    if kind == "zip":
        with zipfile.ZipFile(path) as archive:
            names = [i.filename for i in archive.infolist()
                     if _name_problem(i.filename) or (not i.is_dir() and _has_suffix(i.filename, MEMBER_SUFFIXES))]
        if any(not _has_suffix(n, DOCUMENT_SUFFIXES) and not _name_problem(n) for n in names):
            return None
        return len(names)
    if kind == "tar" or _has_suffix(path.name, WARC_SUFFIXES + (".gz",)):
        return None
    if _has_suffix(path.name, JSONL_SUFFIXES):
        with open(path, "rb") as stream:
            return sum(1 for _, line in _lines(stream, options.max_bytes) if line is None or line.strip())
    if _has_suffix(path.name, (".json",)) and path.stat().st_size <= options.max_bytes:
        try:
            obj = json.loads(path.read_bytes().decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            obj = None
        return len(obj) if isinstance(obj, list) else 1
    return 1
