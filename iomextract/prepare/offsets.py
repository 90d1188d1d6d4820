"""Offset maps: every rewrite of the text keeps a way back to the characters it came from.

A stage (decoding, HTML extraction, repairs, unwrapping) builds its output with a :class:`Builder` as a sequence of
segments: a *copy* of an input range, or a *replacement* text standing for an input range (possibly empty, for an
inserted paragraph break). The resulting :class:`OffsetMap` maps an output span back to the input span that produced
it by bisecting over segment starts, so the map costs one entry per segment, never one per character.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Iterable, Sequence


class OffsetMap:
    """Map output spans of one rewrite back to its input (see :meth:`span`)."""

    __slots__ = ("_out", "_in_start", "_in_end", "_copy", "out_len", "in_len")

    def __init__(self, out: list[int], in_start: list[int], in_end: list[int], copy: list[bool],
                 out_len: int, in_len: int) -> None:
        self._out = out
        self._in_start = in_start
        self._in_end = in_end
        self._copy = copy
        self.out_len = out_len
        self.in_len = in_len

    def __len__(self) -> int:
        return len(self._out)

    def _start(self, pos: int) -> int:
        i = bisect_right(self._out, pos) - 1
        if self._copy[i]:
            return self._in_start[i] + pos - self._out[i]
        return self._in_start[i]

    def _end(self, pos: int) -> int:
        # ``pos`` is an exclusive end: look at the segment holding the last character, pos - 1.
        i = bisect_right(self._out, pos - 1) - 1
        if self._copy[i]:
            return self._in_start[i] + pos - self._out[i]
        return self._in_end[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The input range ``[a, b)`` whose characters produced output ``[start, end)``.

        A range touching a replacement covers the whole replaced input; an empty range maps to a point.
        """
        if not 0 <= start <= end <= self.out_len:
            raise ValueError(f"[E203] span ({start}, {end}) outside the text (length {self.out_len})")
        if not self._out:
            return (0, 0) if self.in_len == 0 else (self.in_len, self.in_len)
        if start == end:
            point = self._start(start) if start < self.out_len else self._in_end[-1]
            return point, point
        return self._start(start), self._end(end)


class Builder:
    """Assemble a rewritten text from copies of the input and replacement strings, keeping the offset map."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self._out: list[int] = []
        self._in_start: list[int] = []
        self._in_end: list[int] = []
        self._copy: list[bool] = []
        self.pos = 0  # length of the output so far

    def copy(self, start: int, end: int) -> None:
        """Append ``source[start:end]`` unchanged."""
        if end <= start:
            return
        self._parts.append(self.source[start:end])
        if self._copy and self._copy[-1] and self._in_end[-1] == start:
            self._in_end[-1] = end  # extend the previous copy: contiguous input, contiguous output
        else:
            self._out.append(self.pos)
            self._in_start.append(start)
            self._in_end.append(end)
            self._copy.append(True)
        self.pos += end - start

    def replace(self, start: int, end: int, text: str) -> None:
        """Append ``text`` standing for ``source[start:end]`` (an empty text deletes; an empty range inserts)."""
        if not text:
            return
        if text == self.source[start:end]:
            self.copy(start, end)
            return
        self._parts.append(text)
        self._out.append(self.pos)
        self._in_start.append(start)
        self._in_end.append(end)
        self._copy.append(False)
        self.pos += len(text)

    def insert(self, text: str, at: int) -> None:
        """Append ``text`` that stands for no input character (mapped to the point ``at``)."""
        self.replace(at, at, text)

    def build(self) -> tuple[str, OffsetMap]:
        """The output text and its map back to the source."""
        text = "".join(self._parts)
        return text, OffsetMap(self._out, self._in_start, self._in_end, self._copy, len(text), len(self.source))


def apply_edits(text: str, edits: Iterable[tuple[int, int, str]]) -> tuple[str, OffsetMap | None]:
    """Apply sorted, non-overlapping ``(start, end, replacement)`` edits; ``None`` map when nothing changed."""
    builder = Builder(text)
    last = 0
    changed = False
    for start, end, replacement in edits:
        if start < last:
            continue  # overlapping edit: the earlier one wins
        builder.copy(last, start)
        builder.replace(start, end, replacement)
        changed = changed or replacement != text[start:end]
        last = end
    if not changed:
        return text, None
    builder.copy(last, len(text))
    return builder.build()


def chain_span(maps: Sequence[OffsetMap], start: int, end: int) -> tuple[int, int]:
    """Map a span of the last stage's output back through every stage (applied in reverse order)."""
    for offset_map in reversed(maps):
        start, end = offset_map.span(start, end)
    return start, end
