"""Is a text French? A cheap, robust check: the share of distinctly French function words among its words."""
from __future__ import annotations

import re
from functools import lru_cache

from ..resources import load_lines

_WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 20  # fewer words say too little (a title, a menu): no verdict
MIN_SHARE = 0.08


@lru_cache(maxsize=1)
def _markers() -> frozenset[str]:
    return frozenset(w for row in load_lines("prepare/french_markers.txt") for w in row.split())


def looks_french(text: str, *, sample: int = 20_000) -> bool | None:
    """True when the text reads as French, False when it does not, None when it is too short to tell.

    Looks at the first ``sample`` characters: among their words (letters only), French function words ("les",
    "dans", "pour", "est"...: ``models/prepare/french_markers.txt``) make 19% or more of a French release and next
    to none of an English, Spanish or German one; below :data:`MIN_SHARE` the text is not French.
    """
    words = _WORD.findall(text[:sample])
    if len(words) < MIN_WORDS:
        return None
    markers = _markers()
    share = sum(w.lower() in markers for w in words) / len(words)
    return share >= MIN_SHARE
