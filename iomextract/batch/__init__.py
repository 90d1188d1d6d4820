"""Batch processing: many files, folders and archives in, JSON Lines, Parquet or CSV out, resumably.

>>> from iomextract.batch import run
>>> summary = run(["releases.warc.gz", "pages/"], "out.jsonl", workers=2, resume=True)   # doctest: +SKIP
>>> print(summary.text())                                                                # doctest: +SKIP

Needs the ``batch`` extra (pyarrow, warcio, tqdm). See :func:`run`, :mod:`.readers` for the inputs understood and
:mod:`.writers` for the output tables.
"""
from __future__ import annotations

from .files import BatchOutputError
from .readers import ReadOptions, Record, count_records, iter_records
from .run import BatchSummary, BatchUsageError, layout, run
from .work import BatchWorkerError

__all__ = ["run", "BatchSummary", "BatchUsageError", "BatchOutputError", "BatchWorkerError", "ReadOptions",
           "Record", "iter_records", "count_records", "layout"]
