"""Offset maps: copies, replacements, insertions, deletions, and chains of stages."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from iomextract.prepare.offsets import Builder, apply_edits, chain_span


def test_builder_copy_replace_insert():
    source = "ab  cd&amp;ef"
    builder = Builder(source)
    builder.copy(0, 2)            # "ab"
    builder.replace(2, 4, " ")    # "  " -> " "
    builder.copy(4, 6)            # "cd"
    builder.replace(6, 11, "&")   # "&amp;" -> "&"
    builder.insert("\n", 11)      # stands for nothing
    builder.copy(11, 13)          # "ef"
    text, offset_map = builder.build()
    assert text == "ab cd&\nef"
    assert offset_map.span(0, 2) == (0, 2)
    assert offset_map.span(2, 3) == (2, 4)
    assert offset_map.span(3, 5) == (4, 6)
    assert offset_map.span(5, 6) == (6, 11)
    assert offset_map.span(6, 7) == (11, 11)
    assert offset_map.span(7, 9) == (11, 13)
    assert offset_map.span(3, 9) == (4, 13)
    assert offset_map.span(4, 4) == (5, 5)
    assert offset_map.span(9, 9) == (13, 13)


def test_builder_merges_contiguous_copies():
    builder = Builder("abcdef")
    builder.copy(0, 2)
    builder.copy(2, 4)
    builder.copy(4, 6)
    text, offset_map = builder.build()
    assert text == "abcdef" and len(offset_map) == 1


def test_span_outside_text_raises():
    _, offset_map = apply_edits("abc", [(0, 1, "x")])
    with pytest.raises(ValueError):
        offset_map.span(2, 5)


def test_apply_edits_without_change_gives_no_map():
    assert apply_edits("abc", [(1, 2, "b")]) == ("abc", None)


def test_deletion_then_chain():
    first, map1 = apply_edits("a<b>c d", [(1, 4, "")])        # "ac d"
    second, map2 = apply_edits(first, [(2, 3, "\n")])          # "ac\nd"
    assert second == "ac\nd"
    assert chain_span([map1, map2], 0, 2) == (0, 5)             # "a<b>c"
    assert chain_span([map1, map2], 3, 4) == (6, 7)


@given(st.text(alphabet="ab &;\n", max_size=60), st.data())
def test_untouched_characters_map_to_themselves(text, data):
    # replace every "&" by "and" and delete every ";": characters left alone map back exactly
    edits = [(i, i + 1, "and") if ch == "&" else (i, i + 1, "") for i, ch in enumerate(text) if ch in "&;"]
    out, offset_map = apply_edits(text, edits)
    if offset_map is None:
        assert out == text
        return
    kept = [i for i, ch in enumerate(text) if ch not in "&;"]
    pos = 0
    for i, ch in enumerate(text):
        if ch == "&":
            assert offset_map.span(pos, pos + 3) == (i, i + 1)
            pos += 3
        elif ch != ";":
            assert out[pos] == ch and offset_map.span(pos, pos + 1) == (i, i + 1)
            pos += 1
    assert pos == len(out) and len(kept) <= len(out)
