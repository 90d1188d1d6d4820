"""mkdocs hook: pages built from committed data files when the site is built, so they cannot drift from them.

- ``<!-- schema-tables -->`` in schema.md becomes one table per object of ``docs/release.schema.json``;
- ``<!-- eval-floors -->`` in evaluation.md becomes the table of the evaluation gate's floors
  (``tests/eval_baseline.json``).

The functions are pure (data in, Markdown out) and tested in tests/test_docs.py.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "docs" / "release.schema.json"
BASELINE = ROOT / "tests" / "eval_baseline.json"


def _type(prop: dict[str, Any]) -> str:
    """A short type string for a JSON Schema property: "string", "array of Mention", "integer or null"..."""
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in prop:
        return " or ".join(_type(p) for p in prop["anyOf"])
    if prop.get("type") == "array":
        return "array of " + _type(prop.get("items", {}))
    if "pattern" in prop:
        return f"{prop.get('type', 'string')} (ISO date)"
    return str(prop.get("type", "any"))


def _table(title: str, obj: dict[str, Any], level: str = "##") -> list[str]:
    required = set(obj.get("required", ()))
    lines = [f"{level} {title}", "", obj.get("description", ""), "",
             "| key | type | required |", "| --- | --- | --- |"]
    for key, prop in obj.get("properties", {}).items():
        lines.append(f"| `{key}` | {_type(prop)} | {'yes' if key in required else ''} |")
    return lines + [""]


def schema_markdown(schema: dict[str, Any]) -> str:
    """Markdown tables for a JSON Schema made by ``iomextract.json_schema()``: the root, then each definition."""
    lines = _table("Release", schema)
    for name, obj in schema.get("$defs", {}).items():
        lines += _table(name, obj)
    return "\n".join(lines)


def floors_markdown(baseline: dict[str, Any]) -> str:
    """The floors of the evaluation gate, one column per corpus."""
    corpora = [k for k, v in baseline.items() if isinstance(v, dict) and "floors" in v]
    metrics = list(dict.fromkeys(m for c in corpora for m in baseline[c]["floors"]))
    lines = ["| field | " + " | ".join(corpora) + " |", "| --- |" + " --- |" * len(corpora)]
    for metric in metrics:
        cells = [baseline[c]["floors"].get(metric) for c in corpora]
        lines.append(f"| {metric} | " + " | ".join("" if v is None else f"{v:.2f}" for v in cells) + " |")
    return "\n".join(lines)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if "<!-- schema-tables -->" in markdown:
        schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
        markdown = markdown.replace("<!-- schema-tables -->", schema_markdown(schema))
    if "<!-- eval-floors -->" in markdown:
        baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
        markdown = markdown.replace("<!-- eval-floors -->", floors_markdown(baseline))
    return markdown
