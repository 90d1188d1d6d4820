# Two commands on a fresh machine (Python >= 3.10 and make): `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
EXAMPLE := examples/release.txt

.PHONY: run test test-fast eval schema docs clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Re-install when the project's metadata or these recipes change (stamp files, so repeated runs are instant).
$(VENV)/.installed: pyproject.toml Makefile | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

# The whole suite runs everything: batch (pyarrow, warcio), Dask, notebooks, pandas, the docs site, and the
# check that the committed gazetteers are what their build scripts produce (build).
$(VENV)/.installed-test: pyproject.toml Makefile $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test,batch,dask,pandas,notebook,docs,build]"
	touch $@

run: $(VENV)/.installed
	$(VENV)/bin/iomextract parse --pretty $(EXAMPLE)

test: $(VENV)/.installed-test
	$(PY) -m pytest

test-fast: $(VENV)/.installed-test
	$(PY) -m pytest -m "not slow"

eval: $(VENV)/.installed
	$(VENV)/bin/iomextract eval ../shared/corpus

schema: $(VENV)/.installed
	$(PY) -c "import json, iomextract; print(json.dumps(iomextract.json_schema(), indent=2, ensure_ascii=False))" > docs/release.schema.json

docs: $(VENV)/.installed-test
	$(VENV)/bin/mkdocs build --strict

clean:
	rm -rf $(VENV) build dist .pytest_cache
