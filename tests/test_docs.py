"""The documentation site: generated pages, every code example executed, the CLI examples accepted, a strict build."""
from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import iomextract
from iomextract.cli import build_parser

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
PAGES = sorted(p.name for p in DOCS.glob("*.md"))
FENCE = re.compile(r"^```(\w+)[^\n]*\n(.*?)^```", re.M | re.S)
# examples that load the model (or run batch) are slow
NEEDS_MODEL = re.compile(r"\b(parse|parse_many|evaluate|run|load|records_bag)\(")


def blocks(page: str, lang: str) -> list[str]:
    return [body for kind, body in FENCE.findall((DOCS / page).read_text(encoding="utf-8")) if kind == lang]


def hook():
    spec = importlib.util.spec_from_file_location("docs_site_hook", DOCS / "hooks" / "site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fence_reader_finds_blocks():
    assert len(blocks("getting-started.md", "python")) >= 4 and len(blocks("cli.md", "sh")) == 3


def test_schema_page_lists_every_object_and_key():
    schema = iomextract.json_schema()
    page = hook().schema_markdown(schema)
    objects = {"Release": schema, **schema["$defs"]}
    for name, obj in objects.items():
        assert f"## {name}\n" in page
        for key in obj["properties"]:
            assert f"| `{key}` |" in page, (name, key)
    assert "| `organisations` | array of [Organisation](#organisation) |  |" in page
    assert "| `name` | string | yes |" in page
    assert "| `start` | string (ISO date) or null |  |" in page  # PartialDate is written as an ISO string


def test_schema_page_is_built_from_the_committed_schema_which_is_in_sync():
    committed = json.loads((DOCS / "release.schema.json").read_text(encoding="utf-8"))
    assert committed == iomextract.json_schema(), "run `make schema` to regenerate docs/release.schema.json"
    assert "<!-- schema-tables -->" in (DOCS / "schema.md").read_text(encoding="utf-8")


def test_floors_table():
    table = hook().floors_markdown({"history": [], "main": {"floors": {"organisations": 0.98, "phones": 1.0}},
                                    "contacts": {"floors": {"phones": 0.97}}})
    assert table.splitlines() == ["| field | main | contacts |", "| --- | --- | --- |",
                                  "| organisations | 0.98 |  |", "| phones | 1.00 | 0.97 |"]


def test_every_page_is_in_the_nav():
    nav = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert [p for p in PAGES if f": {p}" not in nav] == []


CLI_LINES = [line for page in PAGES for block in blocks(page, "sh") for line in block.splitlines()
             if re.search(r"(^|\| )iomextract ", line)]


@pytest.mark.parametrize("line", CLI_LINES)
def test_cli_examples_are_accepted_by_the_parser(line):
    words = shlex.split(line.split("#", 1)[0].split("| ", 1)[-1], posix=True)
    redirect = next((i for i, w in enumerate(words) if re.match(r"^\d?>", w)), len(words))
    words = words[:redirect]  # "2> errors.jsonl" is the shell's, not the command's
    assert words[0] == "iomextract"
    args = build_parser().parse_args(words[1:])
    assert callable(args.run)


def python_examples():
    for page in PAGES:
        code = blocks(page, "python")
        if code:
            marks = [pytest.mark.slow] if any(NEEDS_MODEL.search(c) for c in code) else []
            yield pytest.param(page, code, marks=marks, id=page)


@contextlib.contextmanager
def chdir(path: Path):
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


@pytest.mark.parametrize("page, code", list(python_examples()))
def test_python_examples_run(page, code, capsys):
    """The ```python blocks of a page run in order, in one namespace, from the repository root."""
    namespace: dict = {"__name__": "__docs__"}
    with chdir(REPO):
        for i, source in enumerate(code):
            needs = re.match(r"# needs: ([\w, ]+)", source)
            for module in (needs.group(1).split(",") if needs else ()):
                pytest.importorskip(module.strip(), reason=f"{page} block {i} needs {module.strip()}")
            exec(compile(source, f"{page}[python block {i}]", "exec"), namespace)


@pytest.mark.slow
def test_mkdocs_build_strict(tmp_path):
    pytest.importorskip("mkdocs")
    pytest.importorskip("mkdocstrings")
    mkdocs = shutil.which("mkdocs", path=str(Path(sys.executable).parent)) or shutil.which("mkdocs")
    result = subprocess.run([mkdocs, "build", "--strict", "-q", "-d", str(tmp_path / "site")], cwd=REPO,
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    schema_page = (tmp_path / "site" / "schema" / "index.html").read_text(encoding="utf-8")
    assert "<!-- schema-tables -->" not in schema_page and "PartialDate" not in schema_page
    assert "year_source" in schema_page
    api_page = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    assert "::: iomextract" not in api_page and "from one press release" in api_page  # docstrings rendered
