"""Run iomextract on a Dask bag: the pipeline is loaded once per worker process, documents are parsed a partition
at a time with ``nlp.pipe``.

Recipe: many archives into a bag, a bag of records out, written as JSON Lines::

    import dask.bag as db
    from dask.distributed import Client, LocalCluster
    from iomextract.dask import extract_bag, records_bag

    client = Client(LocalCluster(n_workers=4, threads_per_worker=1))   # one process per core; spaCy holds the GIL
    paths = sorted(glob.glob("crawl/*.warc.gz")) + ["pages.zip", "dump.jsonl.gz"]
    records = records_bag(paths)          # one partition per archive, read lazily on the workers
    out = extract_bag(records)            # dicts: Release.to_dict() + "source", or "source" + "error"
    out.map(json.dumps).to_textfiles("out/part-*.jsonl")

``records_bag`` reads with :func:`iomextract.batch.iter_records` (the same readers, provenance and size cap as
``iomextract batch``); any bag of ``str`` or ``bytes`` pages, or of :class:`~iomextract.batch.Record`, works with
:func:`extract_bag` too. Keep ``threads_per_worker=1``: each worker process holds one pipeline (about 1 GB).
Needs ``dask[distributed]`` (not a dependency of iomextract).
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any, Union

from .api import PublishedLike, normalise_published
from .batch.readers import FileDone, ReadOptions, Record, iter_records
from .batch.work import parse_items
from .pipeline import DEFAULT_MODEL

__all__ = ["extract_bag", "extract_partition", "records_bag", "read_partition"]


def extract_partition(items: Iterable[Union[str, bytes, Record]], *, published: PublishedLike = None,
                      batch_size: int = 64, model: str = DEFAULT_MODEL) -> list[dict[str, Any]]:
    """Parse one partition: a ``map_partitions`` function. One dict per item, in order.

    A page (``str`` / ``bytes``) gives ``Release.to_dict()``; a :class:`Record` gives that plus ``"source"``, or
    ``{"source": ..., "stage": "read" | "parse", "error": {"type", "message"}}`` when it could not be read or parsed.
    The pipeline is :func:`iomextract.load`'s cached one: loaded on a worker's first partition, then reused.
    """
    default = normalise_published(published)
    out: list[dict[str, Any]] = []
    chunk: list[Union[str, bytes, Record]] = []

    def flush() -> None:
        pages = [(it.content, it.published or default, it.published_fallback) if isinstance(it, Record)
                 else (it, default, None)
                 for it in chunk if not (isinstance(it, Record) and it.error is not None)]
        results = iter(parse_items(pages, model))
        for it in chunk:
            if isinstance(it, Record) and it.error is not None:
                out.append({"source": it.source(), "stage": "read",
                            "error": {"type": "ReadError", "message": it.error}})
                continue
            status, payload = next(results)
            if not isinstance(it, Record):
                out.append(payload if status == "ok" else {"stage": "parse", "error": payload})
            elif status == "ok":
                out.append({**payload, "source": it.source()})
            else:
                out.append({"source": it.source(), "stage": "parse", "error": payload})
        chunk.clear()

    for item in items:
        chunk.append(item)
        if len(chunk) >= batch_size:
            flush()
    flush()
    return out


def extract_bag(bag: Any, *, published: PublishedLike = None, batch_size: int = 64,
                model: str = DEFAULT_MODEL) -> Any:
    """A bag of records (see :func:`extract_partition`) from a bag of pages or :class:`Record` objects."""
    normalise_published(published)  # a bad date fails here, not later on every worker
    return bag.map_partitions(extract_partition, published=published, batch_size=batch_size, model=model)


def read_partition(paths: Iterable[Union[str, os.PathLike]], *, options: ReadOptions = ReadOptions()) -> list[Record]:
    """The records of some input files (a ``map_partitions`` function for a bag of paths)."""
    return [r for r in iter_records(list(paths), options) if not isinstance(r, FileDone)]


def records_bag(paths: Sequence[Union[str, os.PathLike]], *, options: ReadOptions = ReadOptions(),
                npartitions: Union[int, None] = None) -> Any:
    """A bag of :class:`Record` read from ``paths`` (files, folders, archives), one partition per path by default.

    A partition holds the records of its archives in memory, so split big inputs into several files.
    """
    import dask.bag as db

    names = [str(p) for p in paths]
    bag = db.from_sequence(names, npartitions=npartitions or max(1, len(names)))
    return bag.map_partitions(read_partition, options=options)
