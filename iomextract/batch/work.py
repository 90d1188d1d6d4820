"""The work of one batch, the same in the main process and in pool workers.

The worker functions live here, at module level, so a ``spawn`` pool (the only kind that is safe with spaCy on
macOS, and the one notebooks can use) finds them by import instead of pickling code.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Optional, Union

from ..api import parse, parse_many
from ..errors import IomExtractError
from ..pipeline import DEFAULT_MODEL, load

__all__ = ["parse_items", "Outcome", "ordered_map", "BatchWorkerError", "MAX_WORKER_DEATHS"]

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


class BatchWorkerError(IomExtractError, RuntimeError):
    """Worker processes kept dying (killed, out of memory, a crash in native code): the run stopped."""


# How many pages may kill their worker (each then becomes an error record) before the run stops with
# BatchWorkerError: a few poisoned pages are the pages' fault, many are the machine's (memory, a broken install).
MAX_WORKER_DEATHS = 5
WORKER_DIED = "WorkerDied"


class _Pool:
    """A pool of spawned workers that is replaced by a fresh one when one of its processes dies."""

    def __init__(self, func: Callable[..., Any], workers: int, model: str) -> None:
        self.func, self.workers, self.model = func, workers, model
        self.context = multiprocessing.get_context("spawn")
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=self.context, initializer=_warm,
                                   initargs=(self.model,))

    def submit(self, items: Any) -> Future:
        try:
            return self.executor.submit(self.func, items, self.model)
        except BrokenProcessPool as err:  # a worker died while idle: seen, like any death, when the result is read
            failed: Future = Future()
            failed.set_exception(err)
            return failed

    def renew(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._new()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def alone(self, items: Any) -> Optional[Any]:
        """``func(items)`` with nothing else in flight; None when it kills its worker (the pool is then renewed)."""
        try:
            return self.submit(items).result()
        except BrokenProcessPool:
            self.renew()
            return None


def _succeeded(future: Future) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def ordered_map(func: Callable[..., Any], batches: Iterator[Any], *, workers: int, model: str = DEFAULT_MODEL,
                ahead: int = 2, max_deaths: Optional[int] = None) -> Iterator[tuple[Any, Any]]:
    """``(batch, func(batch.items, model))`` for each batch, in order, computed by ``workers`` spawned processes.

    At most ``ahead * workers`` batches are in flight, so memory stays bounded however long ``batches`` is. Each
    batch object must have an ``items`` attribute (what ``func`` receives), and ``func`` must return one outcome
    per item. When a worker process dies (``os._exit``, SIGKILL, out of memory, a segfault), every batch in flight
    is lost with it: they are run again in a fresh pool, the first alone and, if it kills its worker again, page by
    page, so only the page that kills a worker becomes an error outcome (``WorkerDied``). After ``max_deaths`` such
    pages (default :data:`MAX_WORKER_DEATHS`) a :class:`BatchWorkerError` stops the run.
    """
    limit = MAX_WORKER_DEATHS if max_deaths is None else max_deaths
    deaths = 0
    pool = _Pool(func, workers, model)
    pending: deque[tuple[Any, Future]] = deque()

    def next_result() -> tuple[Any, Any]:
        nonlocal deaths
        batch, future = pending.popleft()
        try:
            return batch, future.result()
        except BrokenProcessPool:
            pool.renew()
        # The batches in flight died with the pool; which page killed it is unknown: the first batch runs alone
        # (page by page if it kills a worker again), the others are sent again.
        outcomes = pool.alone(batch.items)
        if outcomes is None:
            outcomes = []
            for item in batch.items:
                one = pool.alone([item])
                if one is None:
                    deaths += 1
                    if deaths > limit:
                        raise BatchWorkerError(f"[E820] {deaths} pages killed the worker process parsing them "
                                               f"(the limit is {limit}): the machine may be out of memory; what "
                                               "was committed is kept, run the same command with resume to go on")
                    one = [("error", {"type": WORKER_DIED, "message": "[E822] the worker process parsing this "
                                      "page died (killed, out of memory or a crash in native code)"})]
                outcomes.extend(one)
        again = list(pending)
        pending.clear()
        pending.extend((b, f if _succeeded(f) else pool.submit(b.items)) for b, f in again)
        return batch, outcomes

    try:
        for batch in batches:
            pending.append((batch, pool.submit(batch.items)))
            if len(pending) >= ahead * workers:
                yield next_result()
        while pending:
            yield next_result()
    finally:
        for _, future in pending:
            future.cancel()
        pool.close()
