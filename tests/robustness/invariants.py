"""Checks shared by the robustness tests: every mention of a record points into the original input."""
from __future__ import annotations

from typing import Any

from iomextract import Release
from iomextract.prepare import prepare


def original_of(source: Any) -> str:
    """What offsets index: the input string itself, or the decoded text of bytes."""
    return source if isinstance(source, str) else prepare(source).original


def assert_offsets_exact(source: Any, release: Release) -> None:
    """``original[start:end] == mention.text`` for every mention of ``release``."""
    original = original_of(source)
    mentions = release.all_mentions()
    for m in mentions:
        assert 0 <= m.start <= m.end <= len(original), m
        assert original[m.start:m.end] == m.text, m
