"""The journal of a batch run: what has been committed, so ``--resume`` finishes the work with no duplicate or gap.

The journal is a JSON Lines file next to the output. Its first line describes the run (inputs, format, options);
each later line is written, and fsynced, right after the writers committed a batch: the writers' committed states
(file sizes, next Parquet part), how many records of each input file that batch took, which files are finished, and
the running totals. A run killed mid-line leaves a last line that does not parse: it is ignored, and the writers are
cut back to the last whole line. Records are read in a fixed order, so "the first n records of a file" is exact.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

from .files import append_durably, writing

__all__ = ["Journal", "Progress"]

VERSION = 1


@dataclass
class Progress:
    """What a journal says was committed."""

    header: dict[str, Any]
    writer: Optional[dict[str, Any]] = None
    errors: Optional[dict[str, Any]] = None
    counts: dict[str, int] = field(default_factory=dict)
    done: set[str] = field(default_factory=set)
    documents: int = 0
    failed: int = 0
    complete: bool = False

    def skip(self, file: str) -> int:
        """For :func:`iter_records`: -1 for a finished file, else how many of its records are committed."""
        return -1 if file in self.done else self.counts.get(file, 0)


class Journal:
    """Append-only, fsynced commit log of one run."""

    def __init__(self, path: Union[str, os.PathLike]) -> None:
        self.path = Path(path)

    def exists(self) -> bool:
        """Whether an earlier run left a journal."""
        return self.path.is_file()

    def read(self) -> Optional[Progress]:
        """The committed progress, or None when there is no journal (or not even its first line)."""
        if not self.exists():
            return None
        lines = self.path.read_bytes().split(b"\n")
        entries = []
        for i, line in enumerate(lines):
            if not line.strip():
                continue
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError:
                if i < len(lines) - 1 and any(rest.strip() for rest in lines[i + 1:]):
                    raise ValueError(f"[E807] the journal {self.path} is corrupt at line {i + 1}") from None
                # the last line of a run killed while writing it: that batch never committed
        if not entries or entries[0].get("iomextract_batch") != VERSION:
            return None
        progress = Progress(header=entries[0])
        for entry in entries[1:]:
            if entry.get("complete"):
                progress.complete = True
                continue
            progress.writer = entry["writer"]
            progress.errors = entry["errors"]
            for name, n in entry["counts"].items():
                progress.counts[name] = progress.counts.get(name, 0) + n
            progress.done.update(entry["done"])
            progress.documents = entry["documents"]
            progress.failed = entry["failed"]
        return progress

    def _append(self, entry: dict[str, Any]) -> None:
        # Open, write and fsync each time: a commit is rare next to parsing, and nothing stays half-buffered.
        append_durably(self.path, json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n")

    def start(self, header: dict[str, Any]) -> None:
        """Begin a new journal (replacing any old one) with the run's description."""
        with writing(self.path):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_bytes(b"")
        self._append({"iomextract_batch": VERSION, **header})

    def repair(self) -> None:
        """Drop a half-written last line, so later commits start on a line of their own."""
        data = self.path.read_bytes()
        if data and not data.endswith(b"\n"):
            with writing(self.path), open(self.path, "r+b") as out:
                out.truncate(data.rfind(b"\n") + 1)

    def commit(self, *, writer: dict[str, Any], errors: dict[str, Any], counts: dict[str, int], done: list[str],
               documents: int, failed: int) -> None:
        """Record one committed batch."""
        self._append({"writer": writer, "errors": errors, "counts": counts, "done": done,
                      "documents": documents, "failed": failed})

    def complete(self) -> None:
        """Record that every input was read to its end."""
        self._append({"complete": True})
