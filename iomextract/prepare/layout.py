"""From repaired text to clean text: drop chrome, find the title, unwrap the body into one paragraph a line."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .chrome import Line, chrome_line, date_line, menu_lines, split_lines, strip_marker
from .heading import _norm, find_heading
from .offsets import Builder, OffsetMap
from .unwrap import joiner, wrap_width

_SPACES = re.compile(r" {2,}")


@dataclass(frozen=True)
class Layout:
    """Clean text (title line first, then one paragraph a line), its map to the input, and what was found."""

    text: str
    map: OffsetMap | None
    title: tuple[int, int] | None
    published: str | None     # a date from page chrome (marker, press-section line, date line), ISO
    navigation_removed: bool
    lines_unwrapped: bool


def _copy_line(builder: Builder, line: Line) -> None:
    """Copy a line, runs of spaces made single."""
    last = line.start
    for match in _SPACES.finditer(line.text):
        builder.copy(last, line.start + match.start())
        builder.replace(line.start + match.start(), line.start + match.end(), " ")
        last = line.start + match.end()
    builder.copy(last, line.end)


def lay_out(text: str, title_hint: str | None = None) -> Layout:
    """Lay ``text`` out as clean text; see :class:`Layout`."""
    lines = split_lines(text)
    first = next((i for i, line in enumerate(lines) if line.text), None)
    if first is None:
        return Layout("", None, None, None, False, False)
    unmarked, published = strip_marker(lines[first])
    marker_removed = unmarked != lines[first]
    lines[first] = unmarked
    menu = menu_lines(lines)
    candidates = [i for i, line in enumerate(lines) if line.text and i not in menu]
    heading = find_heading(lines, candidates, title_hint)
    title, body = heading.title, heading.body
    drop: set[int] = set(menu)
    dates: list[str] = []
    title_key = _norm(lines[title].text) if title is not None else None
    for i in candidates:
        if body is not None and i >= body:
            break
        if i == title:
            continue
        is_chrome, date = chrome_line(lines[i].text)
        if title is not None and i < title:
            drop.add(i)
        elif is_chrome or (title_key is not None and _norm(lines[i].text) == title_key):
            drop.add(i)
        date = date or date_line(lines[i].text)
        if date:
            dates.append(date)
    # trailing chrome: from the end back to the first line that is not interface chrome
    tail_floor = body if body is not None else (title if title is not None else -1)
    for i in reversed(candidates):
        if i <= tail_floor or not chrome_line(lines[i].text)[0]:
            break
        drop.add(i)
    published = published or (dates[0] if dates else None)

    kept = [i for i in candidates if i not in drop]
    width = wrap_width(lines, menu)
    builder = Builder(text)
    unwrapped = False
    title_span = None
    previous: int | None = None
    for i in kept:
        line = lines[i]
        if previous is not None:
            before = lines[previous]
            adjacent = i == previous + 1 and previous != title
            how = joiner(before.text, line.text, width) if adjacent else None
            if how is not None:
                builder.replace(before.end, line.start, how)
                unwrapped = True
            elif text[before.end:line.start] == "\n":
                builder.copy(before.end, line.start)
            else:
                builder.insert("\n", before.end)
        _copy_line(builder, line)
        if i == title:
            title_span = (0, builder.pos)
        previous = i
    clean, offset_map = builder.build()
    removed = marker_removed or any(lines[i].text for i in drop)
    return Layout(clean, offset_map, title_span, published, removed, unwrapped)
