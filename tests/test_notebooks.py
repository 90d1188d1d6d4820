"""The tutorial notebooks: committed without outputs, and every one runs from top to bottom (slow)."""
from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
NAMES = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))


def test_the_numbered_notebooks_are_there():
    assert NAMES == ["01-quickstart.ipynb", "02-archive.ipynb", "03-evaluate.ipynb"]


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_committed_without_outputs(name):
    nb = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    dirty = [i for i, cell in enumerate(nb["cells"]) if cell["cell_type"] == "code"
             and (cell.get("outputs") or cell.get("execution_count") is not None)]
    assert dirty == [], f"{name}: cells {dirty} keep outputs; clear them before committing"


def _execute(name: str, env: dict[str, str] | None = None):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(nb, timeout=240, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute(**({"env": {**os.environ, **env}} if env else {}))
    return nb


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Every notebook executed once, and 03 again without a corpus, in parallel kernels (each loads the model)."""
    pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    with ThreadPoolExecutor(max_workers=len(NAMES) + 1) as pool:
        futures = {name: pool.submit(_execute, name) for name in NAMES}
        nowhere = str(tmp_path_factory.mktemp("no-corpus"))
        futures["03-evaluate.ipynb without a corpus"] = pool.submit(
            _execute, "03-evaluate.ipynb", {"IOMEXTRACT_CORPUS": nowhere})
        return {name: future.exception() or future.result() for name, future in futures.items()}


def _outputs(nb, kind: str) -> list[str]:
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", ()):
            if kind in o.get("data", {}):
                out.append(o["data"][kind])
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES + ["03-evaluate.ipynb without a corpus"])
def test_notebook_runs(executed, name):
    result = executed[name]
    if isinstance(result, BaseException):
        raise result
    errors = [o for cell in result.cells for o in cell.get("outputs", ()) if o.get("output_type") == "error"]
    assert errors == []


@pytest.mark.slow
def test_quickstart_shows_the_highlighted_release(executed):
    html = "".join(_outputs(executed["01-quickstart.ipynb"], "text/html"))
    assert '<div class="iomextract-release"' in html and ">ORG</span>" in html


@pytest.mark.slow
def test_archive_notebook_draws_its_three_charts(executed):
    assert len(_outputs(executed["02-archive.ipynb"], "image/png")) == 3


@pytest.mark.slow
def test_evaluate_notebook_skips_scoring_without_a_corpus(executed):
    text = "".join(o.get("text", "") for cell in executed["03-evaluate.ipynb without a corpus"].cells
                   for o in cell.get("outputs", ()) if o.get("output_type") == "stream")
    assert "No annotated corpus at" in text and "documents" in text  # the hand-made example is still scored
