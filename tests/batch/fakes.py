"""A light stand-in for the pipeline, for tests where the model is not the point (readers, writers, resume)."""
from __future__ import annotations

import time

from iomextract.batch import work
from iomextract.types import Mention, Organisation, Release, Settings


def fake_parse_items(items, model="fake"):
    """One outcome per page, like ``work.parse_items``: the first line as title, "OIM" as an organisation.

    A page containing "BOOM" fails (a parse error record); ``FAKE_DELAY`` seconds are spent per page.
    """
    outcomes = []
    for page, published, fallback in items:
        text = page.decode("utf-8", "replace") if isinstance(page, bytes) else page
        time.sleep(FAKE_DELAY)
        if "BOOM" in text:
            outcomes.append(("error", {"type": "ValueError", "message": "the page went boom"}))
            continue
        at = text.find("OIM")
        orgs = (Organisation(name="OIM", mentions=(Mention("OIM", at, at + 3),)),) if at >= 0 else ()
        release = Release(title=text.strip().splitlines()[0] if text.strip() else None, body=text,
                          organisations=orgs, settings=Settings("0", model, "0", published=published or fallback))
        outcomes.append(("ok", release.to_dict()))
    return outcomes


FAKE_DELAY = 0.0


def install(delay: float = 0.0) -> None:
    """Replace the real parsing for this process."""
    global FAKE_DELAY
    FAKE_DELAY = delay
    work.parse_items = fake_parse_items
