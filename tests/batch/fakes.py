"""A light stand-in for the pipeline, for tests where the model is not the point (readers, writers, resume)."""
from __future__ import annotations

import os
import re
import signal
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


KILL = re.compile(r"KILL-WORKER(?: once=(\S+))?")


def dying_parse_items(items, model="fake"):
    """``fake_parse_items``, except that a page holding "KILL-WORKER" kills its own process with SIGKILL (as the
    kernel's out-of-memory killer would). "KILL-WORKER once=PATH" kills only while PATH does not exist (and makes
    it first), so the page parses when it is tried again."""
    for page, _, _ in items:
        text = page.decode("utf-8", "replace") if isinstance(page, bytes) else page
        marker = KILL.search(text)
        if marker:
            flag = marker.group(1)
            if flag is None or not os.path.exists(flag):
                if flag is not None:
                    open(flag, "w").close()
                os.kill(os.getpid(), signal.SIGKILL)
    return fake_parse_items(items, model)


def fake_warm(model):
    """Pool initializer standing in for loading the pipeline: nothing to load."""
