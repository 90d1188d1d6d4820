"""Shared fixtures: a blank French pipeline for rule tests, the full pipeline for slow tests, the corpus path."""
from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest
import spacy

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def blank_nlp():
    """A tokenizer-only French pipeline: fast, enough for rule components that need no model."""
    return spacy.blank("fr")


@pytest.fixture(scope="session")
def rules_nlp():
    """A blank French tokenizer with all our rule components: the whole of parse() without the statistical model,
    fast enough for property tests (components read no entities, so organisations and names come from rules)."""
    from iomextract.pipeline import COMPONENTS

    pipeline = spacy.blank("fr")
    for name, module in COMPONENTS:
        importlib.import_module(module)
        pipeline.add_pipe(name)
    return pipeline


@pytest.fixture(scope="session")
def nlp():
    """The full iomextract pipeline (the French model plus our components), loaded once per session."""
    import iomextract

    return iomextract.load()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The annotated development corpus (../shared/corpus, or $IOMEXTRACT_CORPUS); tests skip without it."""
    path = Path(os.environ.get("IOMEXTRACT_CORPUS", REPO.parent / "shared" / "corpus"))
    if not (path / "gold").is_dir():
        pytest.skip(f"no annotated corpus at {path}")
    return path
