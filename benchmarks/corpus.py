"""Benchmark documents: the raw pages of a corpus folder, cycled, never copied into the project.

Each generated document is one raw page plus a line of its own (a reference number and a place/date pair drawn
from the document number), so a long run keeps meeting new strings, as a real crawl does: a vocabulary that only
grows would show up in the memory benchmark.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

PLACES = ("Niamey", "Dakar", "Bamako", "Tripoli", "Agadez", "Genève", "N'Djamena", "Conakry", "Abidjan", "Tunis")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def raw_pages(corpus: Path) -> list[str]:
    """The "text" field of every ``raw/NNN.json`` (or ``NNN.json``) file of ``corpus``, in name order."""
    folder = corpus / "raw" if (corpus / "raw").is_dir() else corpus
    pages = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(folder.glob("*.json"))]
    if not pages:
        raise SystemExit(f"no raw pages (*.json with a 'text' field) in {folder}")
    return pages


def documents(pages: list[str], n: int) -> Iterator[str]:
    """``n`` documents cycling ``pages``, each with a unique closing line."""
    for i in range(n):
        tag = f"IOM-{i:06d}-{(i * 2654435761) % 4294967296:08x}"
        extra = f"Référence {tag} – {PLACES[i % 10]}, le {1 + i % 28} {MONTHS[i % 12]} {2000 + i % 25}."
        yield pages[i % len(pages)] + "\n" + extra


def write_jsonl(path: Path, pages: list[str], n: int) -> Path:
    """Write ``n`` generated documents to ``path`` as JSON Lines (field "text")."""
    with open(path, "w", encoding="utf-8") as out:
        for i, doc in enumerate(documents(pages, n)):
            out.write(json.dumps({"text": doc, "id": i}, ensure_ascii=False) + "\n")
    return path
