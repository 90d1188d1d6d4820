"""Long and pathological texts: tokenise in pieces, run the model chunk by chunk, merge into one exact Doc.

Two limits of spaCy are handled here, both without changing a character of the text:

- ``nlp.max_length``: a text longer than it is cut into chunks at paragraph breaks (else after a sentence end, else
  at a space, else anywhere); the model's own pipes (tagger, parser, NER) run on each chunk, the chunks are merged
  with ``Doc.from_docs`` (``doc.text`` is the whole text again), and our rule components then run once on the
  merged Doc, so every id they give is document-wide: the same organisation in chunk 1 and chunk 3 is one body.
- the tokenizer splits affixes in time quadratic in the length of a whitespace-free run ("((((…", "&&&&…": 1,000
  characters take 0.4 s, 10,000 take 30 s); runs longer than :data:`LONG_RUN` are tokenised in pieces of
  :data:`MAX_RUN` characters, which bounds the cost per character. No word or ordinary URL is that long.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .pipeline import COMPONENT_NAMES

__all__ = ["LONG_RUN", "MAX_RUN", "MODEL_DONE_KEY", "chunk_bounds", "tokenize", "model_pipes", "rule_pipes",
           "run_in_chunks"]

LONG_RUN = 300  # a whitespace-free run longer than this is cut for the tokenizer...
MAX_RUN = 100  # ...into pieces of this length
MODEL_DONE_KEY = "iom_model_done"  # doc.user_data flag: the model's pipes already ran (chunk by chunk)

_LONG_RUN = re.compile(rf"\S{{{LONG_RUN + 1},}}")
_SENTENCE_END = re.compile(r"[.!?…»][^\S\n]+")
_SPACE = re.compile(r"\s")


def chunk_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` pieces covering ``text``, none longer than ``limit``.

    Each cut falls, by preference, right after a line break (a paragraph: one paragraph a line in prepared text),
    else after the whitespace following a sentence end, else after any whitespace, searched in the second half of
    the window so that chunks stay large; only a window without any whitespace is cut at ``limit``.
    """
    if limit < 1:
        raise ValueError(f"[E024] chunk limit must be a positive int, got {limit!r}")
    bounds, start, n = [], 0, len(text)
    while n - start > limit:
        window_end = start + limit
        floor = start + limit // 2
        cut = text.rfind("\n", floor, window_end) + 1
        if cut <= floor:
            cut = max((m.end() for m in _SENTENCE_END.finditer(text, floor, window_end)), default=0)
        if cut <= floor:
            space = max((m.end() for m in _SPACE.finditer(text, floor, window_end)), default=0)
            cut = space if space > floor else window_end
        bounds.append((start, cut))
        start = cut
    bounds.append((start, n))
    return bounds


def _run_cuts(text: str) -> list[int]:
    """Positions inside whitespace-free runs longer than LONG_RUN where tokenisation restarts."""
    cuts = []
    for match in _LONG_RUN.finditer(text):
        cuts.extend(range(match.start() + MAX_RUN, match.end(), MAX_RUN))
    return cuts


def tokenize(nlp: Language, text: str) -> Doc:
    """``nlp.tokenizer(text)``, with whitespace-free runs longer than :data:`LONG_RUN` tokenised piece by piece.

    ``doc.text == text`` always; ``nlp.max_length`` is not checked here (see :func:`run_in_chunks`).
    """
    cuts = _run_cuts(text)
    if not cuts:
        return nlp.tokenizer(text)
    edges = [0, *cuts, len(text)]
    pieces = [nlp.tokenizer(text[a:b]) for a, b in zip(edges, edges[1:])]
    return Doc.from_docs(pieces, ensure_whitespace=False)


def _first_rule_pipe(nlp: Language) -> int:
    for i, name in enumerate(nlp.pipe_names):
        if nlp.get_pipe_meta(name).factory in COMPONENT_NAMES:
            return i
    return len(nlp.pipe_names)


def model_pipes(nlp: Language) -> list:
    """The pipes before our first rule component: the base model's own (tok2vec, tagger, parser, ner...)."""
    return nlp.pipeline[: _first_rule_pipe(nlp)]


def rule_pipes(nlp: Language) -> list:
    """Our rule components (and anything after them): they run once on a whole, merged Doc."""
    return nlp.pipeline[_first_rule_pipe(nlp):]


def run_in_chunks(nlp: Language, text: str) -> Doc:
    """The Doc of a text longer than ``nlp.max_length``: the model's pipes run chunk by chunk (see
    :func:`chunk_bounds`), the chunks merged with ``Doc.from_docs``; ``doc.text == text``; our rule components are
    left to run on the result (``doc.user_data[MODEL_DONE_KEY]`` is set)."""
    docs = []
    for start, end in chunk_bounds(text, nlp.max_length):
        doc = tokenize(nlp, text[start:end])
        for _, proc in model_pipes(nlp):
            doc = proc(doc)
        docs.append(doc)
    merged = Doc.from_docs(docs, ensure_whitespace=False)
    merged.user_data[MODEL_DONE_KEY] = True
    return merged
