"""The work of one batch, the same in the main process and in pool workers.

The worker functions live here, at module level, so a ``spawn`` pool (the only kind that is safe with spaCy on
macOS, and the one notebooks can use) finds them by import instead of pickling code.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Optional, Union

from ..api import parse, parse_many
from ..pipeline import DEFAULT_MODEL, load

__all__ = ["parse_items", "Outcome", "ordered_map"]

Item = tuple[Union[str, bytes], Optional[str], Optional[str]]  # (page, publication date, fallback date), ISO
Outcome = tuple[str, dict[str, Any]]  # ("ok", Release.to_dict()) or ("error", {"type": ..., "message": ...})


def _error(err: BaseException) -> Outcome:
    return "error", {"type": type(err).__name__, "message": str(err)}


def parse_items(items: Sequence[Item], model: str = DEFAULT_MODEL) -> list[Outcome]:
    """Parse a batch of pages with one ``nlp.pipe`` pass; one outcome per item, in order.

    Runs inside ``nlp.memory_zone()``, so strings and lexemes the batch adds to the vocabulary are freed after it and
    a long run stays flat. When a page makes the batch fail, the batch is redone page by page so only that page
    becomes an error outcome.
    """
    nlp = load(model)
    if not items:
        return []
    try:
        with nlp.memory_zone():
            pairs = ((page, {"published": published, "published_fallback": fallback})
                     for page, published, fallback in items)
            return [("ok", release.to_dict())
                    for release, _ in parse_many(pairs, as_tuples=True, batch_size=len(items), nlp=nlp)]
    except Exception:  # noqa: BLE001 - which page failed is found, and reported, page by page
        return _one_by_one(items, nlp)


def _one_by_one(items: Sequence[Item], nlp: Any) -> list[Outcome]:
    outcomes = []
    for page, published, fallback in items:
        try:
            with nlp.memory_zone():
                release = parse(page, published=published, published_fallback=fallback, nlp=nlp)
                outcomes.append(("ok", release.to_dict()))
        except Exception as err:  # one bad page is reported as an error record; the run goes on
            outcomes.append(_error(err))
    return outcomes


def _warm(model: str) -> None:
    """Pool initializer: load the pipeline once per worker, before the first batch arrives."""
    load(model)


def ordered_map(func: Callable[..., Any], batches: Iterator[Any], *, workers: int, model: str = DEFAULT_MODEL,
                ahead: int = 2) -> Iterator[tuple[Any, Any]]:
    """``(batch, func(batch.items, model))`` for each batch, in order, computed by ``workers`` spawned processes.

    At most ``ahead * workers`` batches are in flight, so memory stays bounded however long ``batches`` is. Each
    batch object must have an ``items`` attribute (what ``func`` receives).
    """
    context = multiprocessing.get_context("spawn")
    pending: deque[tuple[Any, Future]] = deque()
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm,
                             initargs=(model,)) as pool:
        try:
            for batch in batches:
                pending.append((batch, pool.submit(func, batch.items, model)))
                if len(pending) >= ahead * workers:
                    done, future = pending.popleft()
                    yield done, future.result()
            while pending:
                done, future = pending.popleft()
                yield done, future.result()
        finally:
            for _, future in pending:
                future.cancel()
