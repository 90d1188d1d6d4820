"""Writing the outputs of a run: durable appends that leave whole lines behind, and one error naming the file.

A disk that fills up, a folder that is read-only or a file that vanishes must stop the run with a message naming
the path (not a traceback), and leave every output readable: an append that fails half-way is cut back to where it
began, so a JSON Lines file never ends in half a line, and the journal still says what was committed.
"""
from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Union

from ..errors import IomExtractError

__all__ = ["BatchOutputError", "writing", "append_durably"]


class BatchOutputError(IomExtractError, OSError):
    """An output file could not be written (disk full, no permission, ...); what was committed stays valid."""


@contextlib.contextmanager
def writing(path: Union[str, os.PathLike]) -> Iterator[None]:
    """Turn an ``OSError`` raised while writing ``path`` into a :class:`BatchOutputError` naming it."""
    try:
        yield
    except BatchOutputError:
        raise
    except OSError as err:
        reason = err.strerror or str(err) or type(err).__name__
        error = BatchOutputError(f"[E821] cannot write {path}: {reason}; what was committed before is kept: "
                                 "fix the cause and run the same command with resume")
        error.errno = err.errno
        raise error from err


def append_durably(path: Union[str, os.PathLike], data: bytes) -> int:
    """Append ``data`` to ``path`` and fsync it; the new size. On failure the file is cut back to its old size."""
    path = Path(path)
    with writing(path), open(path, "ab", buffering=0) as out:  # unbuffered: nothing is left to flush on close
        start = out.seek(0, os.SEEK_END)
        try:
            view = memoryview(data)
            while view:  # a raw write may take only part of the data
                written = out.write(view)
                if not written:
                    raise OSError(errno.EIO, "the write made no progress")
                view = view[written:]
            os.fsync(out.fileno())
        except OSError:
            with contextlib.suppress(OSError):  # best effort: the journal says what was committed anyway
                out.truncate(start)
            raise
        return start + len(data)
