"""On the development corpus: title accuracy and the offset guarantee (skipped without the corpus)."""
from __future__ import annotations

import json
import re

from iomextract.evaluate import normalise_name
from iomextract.prepare import prepare


def test_title_accuracy(corpus_dir):
    ok = total = 0
    for path in sorted((corpus_dir / "raw").glob("*.json")):
        gold = json.loads((corpus_dir / "gold" / path.name).read_text(encoding="utf-8"))
        prepared = prepare(json.loads(path.read_text(encoding="utf-8"))["text"])
        title = prepared.text[slice(*prepared.title)] if prepared.title else None
        ok += normalise_name(title) == normalise_name(gold.get("title"))
        total += 1
    assert total and ok / total >= 0.95


def test_words_map_back_unchanged(corpus_dir):
    paths = sorted((corpus_dir / "raw").glob("*.json")) + sorted((corpus_dir / "contacts" / "raw").glob("*.json"))
    for path in paths:
        prepared = prepare(json.loads(path.read_text(encoding="utf-8"))["text"])
        for match in re.finditer(r"\S+", prepared.text):
            a, b = prepared.to_original(*match.span())
            raw = prepared.original[a:b]
            # only repaired words may differ ("œuvre" from "uvre")
            assert raw == match.group() or "œ" in match.group(), (path.name, match.group(), raw)
