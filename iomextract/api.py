"""``parse`` and ``parse_many``: from a page to a ``Release``."""
from __future__ import annotations

import datetime as dt
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sized
from importlib import metadata
from typing import Any, Union

from spacy.language import Language
from spacy.tokens import Doc

from .assemble import assemble
from .chunking import MODEL_DONE_KEY, rule_pipes, run_in_chunks, tokenize
from .components.extensions import DATELINE_KEY, PUBLISHED_KEY, TITLE_KEY
from .pipeline import load, model_description
from .prepare import Prepared, prepare
from .types import Release, Settings

Source = Union[str, bytes, "os.PathLike[str]"]
PublishedLike = Union[dt.date, str, None]


def _version() -> str:
    try:
        return metadata.version("iomextract")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def normalise_published(published: PublishedLike) -> str | None:
    """An ISO date string from a ``date``, ``datetime`` or ISO string; ``ValueError`` for anything else."""
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return published.date().isoformat()
    if isinstance(published, dt.date):
        return published.isoformat()
    if isinstance(published, str):
        try:
            return dt.date.fromisoformat(published.strip()[:10]).isoformat()
        except ValueError:
            raise ValueError(f"[E020] published must be an ISO date (YYYY-MM-DD), got {published!r}") from None
    raise TypeError(f"[E021] published must be a date, a datetime or an ISO date string, got {type(published).__name__}")


def _full_date(iso: str | None) -> str | None:
    """``iso`` when it is a whole calendar date (a page may only give "2019-10"), else None."""
    try:
        return dt.date.fromisoformat(iso).isoformat() if iso else None
    except ValueError:
        return None


def _make_doc(
    nlp: Language, prepared: Prepared, published: str | None, fallback: str | None = None
) -> tuple[Doc, str | None]:
    """The Doc of the clean text, with the inputs our components read in ``user_data``.

    A text longer than ``nlp.max_length`` goes through the model chunk by chunk (:func:`run_in_chunks`); the Doc
    then only waits for our rule components (see :func:`_pipes`).
    """
    text = prepared.text
    doc = run_in_chunks(nlp, text) if len(text) > nlp.max_length else tokenize(nlp, text)
    # the caller's date, else the page's own (HTML metadata, page chrome, dateline), else the caller's fallback
    page_date = _full_date(prepared.published) or _full_date(prepared.dateline.date if prepared.dateline else None)
    anchor = published or page_date or fallback
    if anchor:
        doc.user_data[PUBLISHED_KEY] = anchor
    if prepared.title is not None:
        doc.user_data[TITLE_KEY] = tuple(prepared.title)
    if prepared.dateline is not None:
        doc.user_data[DATELINE_KEY] = (prepared.dateline.start, prepared.dateline.end)
    return doc, anchor


def _pipes(nlp: Language, doc: Doc) -> list:
    """The pipes still to run on ``doc``: all of them, or only ours when the model already ran in chunks."""
    return rule_pipes(nlp) if doc.user_data.get(MODEL_DONE_KEY) else nlp.pipeline


def _pipeline(nlp: Language | None) -> Language:
    """``nlp``, or the default pipeline; a clear error for anything that is not a spaCy pipeline."""
    if nlp is None:
        return load()
    if not isinstance(nlp, Language):
        raise TypeError(f"[E025] nlp must be a spaCy Language such as iomextract.load(), got {type(nlp).__name__}")
    return nlp


def _settings(nlp: Language, published: str | None) -> Settings:
    model, version = model_description(nlp)
    return Settings(iomextract_version=_version(), model=model, model_version=version, published=published)


def _finish(doc: Doc, prepared: Prepared, nlp: Language, published: str | None) -> Release:
    return assemble(doc, prepared, _settings(nlp, published))


def parse(
    source: Source,
    *,
    published: PublishedLike = None,
    published_fallback: PublishedLike = None,
    nlp: Language | None = None,
) -> Release:
    """Extract a ``Release`` from one press release.

    ``source`` is the page as text (plain or HTML), as bytes (the encoding is detected), or a path to a file.
    ``published`` (a date or ISO string) anchors dates written without a year and relative dates ("hier");
    without it, the page's own date (HTML metadata, dateline) is used, and failing that ``published_fallback``
    (e.g. a crawl date). ``nlp`` defaults to :func:`load`.
    """
    nlp = _pipeline(nlp)
    prepared = prepare(source)
    doc, anchor = _make_doc(nlp, prepared, normalise_published(published), normalise_published(published_fallback))
    for _, proc in _pipes(nlp, doc):
        doc = proc(doc)
    return _finish(doc, prepared, nlp, anchor)


def parse_many(
    sources: Iterable[Any],
    *,
    published: PublishedLike = None,
    as_tuples: bool = False,
    batch_size: int = 16,
    n_process: int = 1,
    progress: bool | None = None,
    nlp: Language | None = None,
) -> Iterator[Any]:
    """Parse many releases lazily, in order, with ``nlp.pipe``; any iterable works, a one-shot generator included.

    With ``as_tuples=True`` each item is ``(source, context)`` and ``(release, context)`` pairs come out; a context
    dict may carry its own ``"published"`` date, which wins over the ``published`` argument, and a
    ``"published_fallback"`` date used only when the page gives none (see :func:`parse`).

    ``progress`` shows a progress bar (tqdm.auto: a widget in notebooks) on stderr; ``None`` shows it when stderr is
    a terminal. Its total is known when ``sources`` has a length.
    """
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"[E022] batch_size must be a positive int, got {batch_size!r}")
    if not isinstance(n_process, int) or n_process < 1:
        raise ValueError(f"[E023] n_process must be a positive int, got {n_process!r}")
    nlp = _pipeline(nlp)
    default = normalise_published(published)
    # one entry per source, in order: (prepared, anchor, context, release or None while nlp.pipe still holds it)
    pending: deque[tuple[Prepared, str | None, Any, Release | None]] = deque()

    def docs() -> Iterator[Doc]:
        for item in sources:
            source, context = item if as_tuples else (item, None)
            own = context.get("published") if isinstance(context, dict) else None
            fallback = context.get("published_fallback") if isinstance(context, dict) else None
            prepared = prepare(source)
            doc, anchor = _make_doc(nlp, prepared, normalise_published(own) or default, normalise_published(fallback))
            if doc.user_data.get(MODEL_DONE_KEY):
                # a text over nlp.max_length ran through the model in chunks here: finish it without nlp.pipe
                for _, proc in _pipes(nlp, doc):
                    doc = proc(doc)
                pending.append((prepared, anchor, context, _finish(doc, prepared, nlp, anchor)))
                continue
            pending.append((prepared, anchor, context, None))
            yield doc

    def ready() -> Iterator[Any]:
        while pending and pending[0][3] is not None:
            _, _, context, release = pending.popleft()
            bar.update(1)
            yield (release, context) if as_tuples else release

    from tqdm.auto import tqdm  # imported here: a widget in notebooks, text in terminals

    if progress is None:
        progress = sys.stderr.isatty()
    bar = tqdm(total=len(sources) if isinstance(sources, Sized) else None, unit="doc", disable=not progress,
               file=sys.stderr)
    try:
        # nlp.pipe keeps order: the k-th doc out belongs to the first entry of `pending` not finished already
        for doc in nlp.pipe(docs(), batch_size=batch_size, n_process=n_process):
            yield from ready()
            prepared, anchor, context, _ = pending.popleft()
            release = _finish(doc, prepared, nlp, anchor)
            bar.update(1)
            yield (release, context) if as_tuples else release
        yield from ready()
    finally:
        bar.close()
