"""Checks shared by the robustness tests: every mention of a record points into the original input."""
from __future__ import annotations

from typing import Any, Iterator

from iomextract import Release
from iomextract.prepare import prepare


def mentions(record: dict) -> Iterator[dict]:
    """Every mention of a ``Release.to_dict()`` record: each record of each field, the dateline, the title."""
    for field in Release.FIELDS + ("relative_dates",):
        for item in record[field]:
            yield from item["mentions"]
    if record["dateline"]:
        yield from record["dateline"]["mentions"]
    if record["title_mention"]:
        yield record["title_mention"]


def original_of(source: Any) -> str:
    """What offsets index: the input string itself, or the decoded text of bytes."""
    return source if isinstance(source, str) else prepare(source).original


def assert_offsets_exact(source: Any, release: Release) -> None:
    """``original[start:end] == mention.text`` for every mention of ``release``."""
    original = original_of(source)
    for m in mentions(release.to_dict()):
        assert 0 <= m["start"] <= m["end"] <= len(original), m
        assert original[m["start"]:m["end"]] == m["text"], m
