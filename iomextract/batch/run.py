"""``run``: parse every document of many files and archives into JSON Lines, Parquet or CSV, resumably.

The main process reads records lazily (:mod:`.readers`), groups them into batches, has them parsed (in process, or
by a pool of spawned workers that each load the pipeline once) and writes the results in input order. After each
batch the writers commit (append and fsync, or write a part and rename) and the journal records what was
committed (:mod:`.state`); a run that is killed, then started again with ``resume=True``, cuts the outputs back to
the last commit and carries on from there.
"""
from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

from ..api import PublishedLike, normalise_published
from ..errors import IomExtractError
from ..pipeline import DEFAULT_MODEL
from . import work
from .readers import FileDone, ReadOptions, Record, count_records, iter_records
from .state import Journal, Progress
from .writers import FORMATS, JsonlWriter, release_writer

__all__ = ["run", "BatchSummary", "BatchUsageError", "layout"]

PathLike = Union[str, "os.PathLike[str]"]


class BatchUsageError(IomExtractError, ValueError):
    """The run was asked for something it cannot do (missing input, existing output, changed command)."""


@dataclass(frozen=True)
class BatchSummary:
    """What a run did. ``documents`` and ``failed`` count this run; ``total_*`` include earlier, resumed runs."""

    documents: int
    failed: int
    resumed: int
    seconds: float
    total_documents: int
    total_failed: int
    output: str
    errors: str

    @property
    def docs_per_second(self) -> float:
        """Documents (parsed or failed) per second of this run."""
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    def text(self) -> str:
        """A one-line human summary."""
        resumed = f", {self.resumed} done earlier" if self.resumed else ""
        return (f"{self.documents} documents in {self.seconds:.1f} s ({self.docs_per_second:.1f}/s), "
                f"{self.failed} failed{resumed}; output {self.output}, errors {self.errors}")


@dataclass
class _Batch:
    records: list[Record]
    done: list[str]
    published: Optional[str] = None

    @property
    def items(self) -> list[tuple[Union[str, bytes], Optional[str], Optional[str]]]:
        return [(r.content, r.published or self.published, r.published_fallback)  # type: ignore[misc]
                for r in self.records if r.error is None]


@dataclass
class _Tally:
    documents: int = 0
    failed: int = 0
    counts: Counter = field(default_factory=Counter)
    done: list[str] = field(default_factory=list)


def _strip(name: str, suffixes: Sequence[str]) -> str:
    for suffix in suffixes:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def layout(output: PathLike, fmt: Optional[str] = None) -> tuple[str, Path, Path]:
    """``(format, errors file, journal file)`` of an output path; the format follows its extension when not given.

    ``out.jsonl`` / ``out.jsonl.gz`` (JSON Lines) keep ``out.errors.jsonl`` and ``out.jsonl.journal`` beside them;
    a Parquet or CSV output is a folder holding the tables, ``errors.jsonl`` and ``_journal.jsonl``.
    """
    path = Path(output)
    low = path.name.lower()
    if fmt is None:
        if low.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
            fmt = "jsonl"
        elif low.endswith(".parquet"):
            fmt = "parquet"
        elif low.endswith(".csv"):
            fmt = "csv"
        else:
            raise BatchUsageError(f"[E810] cannot tell the output format from {str(output)!r}: name it .jsonl, "
                                  f".jsonl.gz, .parquet or .csv, or give the format ({', '.join(FORMATS)})")
    if fmt not in FORMATS:
        raise BatchUsageError(f"[E811] unknown output format {fmt!r}; formats: {list(FORMATS)}")
    if fmt == "jsonl":
        stem = _strip(path.name, (".jsonl.gz", ".ndjson.gz", ".jsonl", ".ndjson"))
        return fmt, path.with_name(f"{stem}.errors.jsonl"), path.with_name(f"{path.name}.journal")
    return fmt, path / "errors.jsonl", path / "_journal.jsonl"


def _batches(stream: Iterable[Union[Record, FileDone]], size: int, published: Optional[str]) -> Iterator[_Batch]:
    # A FileDone rides with the batch being filled: that batch commits after every record of the file.
    batch = _Batch([], [], published)
    for item in stream:
        if isinstance(item, FileDone):
            batch.done.append(item.file)
            continue
        batch.records.append(item)
        if len(batch.records) >= size:
            yield batch
            batch = _Batch([], [], published)
    if batch.records or batch.done:
        yield batch


def _results(batches: Iterator[_Batch], workers: int, model: str) -> Iterator[tuple[_Batch, list[work.Outcome]]]:
    if workers == 1:
        for batch in batches:
            yield batch, work.parse_items(batch.items, model)
    else:
        yield from work.ordered_map(work.parse_items, batches, workers=workers, model=model)


def _check_args(inputs: Sequence[PathLike], workers: int, batch_size: int) -> None:
    if not inputs:
        raise BatchUsageError("[E812] no input given")
    missing = [str(p) for p in inputs if not Path(p).exists()]
    if missing:
        raise BatchUsageError(f"[E813] no such input: {', '.join(missing)}")
    for name, value in (("workers", workers), ("batch_size", batch_size)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise BatchUsageError(f"[E814] {name} must be a positive int, got {value!r}")


def _start(journal: Journal, header: dict[str, Any], writer: Any, errors: JsonlWriter, *, resume: bool,
           overwrite: bool, output: Path) -> Progress:
    """Bring the outputs to where the journal says (resume) or to empty (fresh run); the progress to build on."""
    progress = journal.read() if resume else None
    if progress is not None:
        if progress.header != {"iomextract_batch": progress.header.get("iomextract_batch"), **header}:
            raise BatchUsageError(f"[E815] {journal.path} records a different command (inputs, format or options); "
                                  "resume with the same command, or start again with overwrite")
        journal.repair()
        writer.restore(progress.writer)
        errors.restore(progress.errors)
        return progress
    leftovers = [p for p in (*writer.paths(), errors.path, journal.path) if p.exists() and p.stat().st_size]
    if output.exists() and not output.is_dir() and writer.paths() != [output]:
        raise BatchUsageError(f"[E816] {output} is a file; a Parquet or CSV output is a folder")
    if leftovers and not overwrite:
        raise BatchUsageError(f"[E817] {output} already holds results; resume the run that made them, "
                              "or overwrite them")
    writer.restore(None)
    errors.restore(None)
    journal.start(header)
    return Progress(header=header)


def run(
    inputs: Sequence[PathLike],
    output: PathLike,
    *,
    fmt: Optional[str] = None,
    options: ReadOptions = ReadOptions(),
    published: PublishedLike = None,
    workers: int = 1,
    batch_size: int = 32,
    resume: bool = False,
    overwrite: bool = False,
    progress: bool = True,
    rows_per_part: int = 2000,
    model: str = DEFAULT_MODEL,
) -> BatchSummary:
    """Parse every document of ``inputs`` (files, folders, archives; see :mod:`iomextract.batch.readers`) into
    ``output``, and return a :class:`BatchSummary`.

    ``fmt`` ("jsonl", "parquet", "csv") defaults from the output's extension. Documents that cannot be read or parsed
    go to the errors file (see :func:`layout`) with their source and the reason; the run goes on. ``published`` is the
    publication date of documents whose metadata gives none. ``workers`` > 1 parses in that many spawned processes;
    ``batch_size`` documents are parsed, written and committed together (Parquet commits every ``rows_per_part``
    documents). ``resume`` finishes an interrupted run of the same command; without it, existing results are an
    error unless ``overwrite``. ``progress`` shows a progress bar on stderr.
    """
    _check_args(inputs, workers, batch_size)
    try:
        default = normalise_published(published)
    except (TypeError, ValueError) as err:
        raise BatchUsageError(str(err)) from None
    fmt, errors_path, journal_path = layout(output, fmt)
    writer = release_writer(output, fmt, rows_per_part=rows_per_part)
    errors = JsonlWriter(errors_path)
    journal = Journal(journal_path)
    # through JSON, as the journal stores it (tuples become lists), so a resumed run compares like with like
    header = json.loads(json.dumps({"inputs": [str(p) for p in inputs], "format": fmt,
                                    "options": dataclasses.asdict(options), "published": default, "model": model}))
    earlier = _start(journal, header, writer, errors, resume=resume, overwrite=overwrite, output=Path(output))
    started = time.perf_counter()
    tally, this_run = _Tally(), _Tally()
    total_done, total_failed = earlier.documents, earlier.failed

    def commit(final: bool = False) -> None:
        nonlocal total_done, total_failed
        state = writer.commit(final=final)
        total_done += tally.documents
        total_failed += tally.failed
        journal.commit(writer=state, errors=errors.commit(), counts=dict(tally.counts), done=tally.done,
                       documents=total_done, failed=total_failed)
        this_run.documents += tally.documents
        this_run.failed += tally.failed
        tally.documents, tally.failed, tally.counts, tally.done = 0, 0, Counter(), []

    if not earlier.complete:
        total = count_records(inputs, options) if progress else None
        bar = _progress_bar(total, earlier.documents, progress)
        try:
            stream = iter_records(inputs, options, done=earlier.skip)
            for batch, outcomes in _results(_batches(stream, batch_size, default), workers, model):
                _write(batch, outcomes, writer, errors, tally)
                bar.update(len(batch.records))
                if writer.ready():
                    commit()
            commit(final=True)
            journal.complete()
        finally:
            bar.close()
    return BatchSummary(documents=this_run.documents, failed=this_run.failed, resumed=earlier.documents,
                        seconds=time.perf_counter() - started, total_documents=total_done,
                        total_failed=total_failed, output=str(output), errors=str(errors_path))


def _write(batch: _Batch, outcomes: list[work.Outcome], writer: Any, errors: JsonlWriter, tally: _Tally) -> None:
    """Hand one parsed batch to the writers, in input order, and count it."""
    if len(outcomes) != len(batch.items):
        raise RuntimeError(f"a batch of {len(batch.items)} pages came back with {len(outcomes)} results")
    results = iter(outcomes)
    for record in batch.records:
        source = record.source()
        if record.error is not None:
            errors.add({"source": source, "stage": "read", "error": {"type": "ReadError", "message": record.error}})
            tally.failed += 1
        else:
            status, payload = next(results)
            if status == "ok":
                writer.add_release(payload, source)
            else:
                errors.add({"source": source, "stage": "parse", "error": payload})
                tally.failed += 1
        tally.documents += 1
        tally.counts[record.file] += 1
    tally.done.extend(batch.done)


def _progress_bar(total: Optional[int], initial: int, enabled: bool) -> Any:
    from tqdm.auto import tqdm  # a widget in notebooks, text in terminals

    return tqdm(total=total, initial=initial, unit="doc", disable=not enabled, file=sys.stderr, dynamic_ncols=True,
                smoothing=0.1)
