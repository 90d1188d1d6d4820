"""Read the rule resources shipped in ``models/`` (gazetteers, patterns, alias tables).

In a wheel the folder is installed as ``iomextract/models``; in a source checkout (editable install) it is the
top-level ``models/`` folder next to the package. Files are read lazily and cached, never at import time.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ResourceNotFound


@lru_cache(maxsize=1)
def models_dir() -> Path:
    """The folder holding the package's rule resources."""
    installed = Path(str(resources.files("iomextract"))) / "models"
    if installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parent.parent / "models"
    if checkout.is_dir():
        return checkout
    raise ResourceNotFound(f"[E001] iomextract's models folder is missing (looked in {installed} and {checkout}).")


def resource_path(name: str) -> Path:
    """Path of one resource file, e.g. ``resource_path("organisations/gazetteer.jsonl")``."""
    path = models_dir() / name
    if not path.is_file():
        raise ResourceNotFound(f"[E002] resource {name!r} not found in {models_dir()}.")
    return path


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """A JSON resource, parsed once."""
    return json.loads(resource_path(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def load_jsonl(name: str) -> tuple[dict, ...]:
    """A JSON Lines resource as a tuple of dicts (blank lines and lines starting with '//' skipped)."""
    rows = []
    for line in resource_path(name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("//"):
            rows.append(json.loads(line))
    return tuple(rows)


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """A plain word list: one entry a line, '#' starts a comment."""
    out = []
    for line in resource_path(name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)
