"""Test helper: where a piece of the clean text came from in the original."""
from __future__ import annotations

from iomextract.prepare import Prepared


def mapped(prepared: Prepared, clean: str) -> tuple[str, int]:
    """The original characters behind the first occurrence of ``clean`` in the clean text, and their end offset."""
    start = prepared.text.index(clean)
    a, b = prepared.to_original(start, start + len(clean))
    return prepared.original[a:b], b
