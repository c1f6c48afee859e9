# Two commands do everything: `make book` and `make test`. `make` alone lists the targets.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Written when the environment matches requirements.txt and pyproject.toml.
INSTALLED := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9]*.ipynb))
# Everything a notebook's output depends on besides its own code.
ANALYSIS_INPUTS := $(sort $(shell find src seeds annotations story heldout -type f ! -name '*.pyc' 2>/dev/null))
BOOK_INPUTS := $(sort $(wildcard *.md *.yml *.bib _static/* notebooks/*.ipynb)) $(ANALYSIS_INPUTS)
# Sphinx options shared by every build: -W warnings are errors, -n nitpicky references.
BOOK_FLAGS := -W -n --keep-going
# Notebook execution that leaves no volatile metadata behind (no per-cell timings).
EXECUTE := $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	--ExecutePreprocessor.record_timing=False --ExecutePreprocessor.timeout=600

export PYTHONHASHSEED := 0
# make peers reads these from the environment (see its recipe).
export PASSIM_SRC PEERS_ENV PASSIM_COMMIT
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help venv fit book notebooks test test-serial test-unit test-slow test-notebooks test-browser bench pdf peers lock clean distclean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  make \1\t/' | expand -t 22

$(INSTALLED): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	$(BIN)/python -c "from newscompare.ingest.nlp import check_model_installed; check_model_installed()"
	@touch $@

# The wheel of every pinned requirement, fetched while there is a network (pip's cache makes
# it quick), so that the slow test builds a report made by new-report offline, as a reader
# with no network would (PIP_NO_INDEX=1 PIP_FIND_LINKS=.wheelhouse).
WHEELHOUSE := .wheelhouse
WHEELHOUSE_FILLED := $(WHEELHOUSE)/.complete
$(WHEELHOUSE_FILLED): requirements.txt | $(INSTALLED)
	$(BIN)/python -m pip download --quiet --no-deps --require-hashes -r requirements.txt -d $(WHEELHOUSE)
	@touch $@

venv: $(INSTALLED) $(WHEELHOUSE_FILLED) ## create .venv with the pinned requirements, the model and the package (and .wheelhouse/)

fit: $(INSTALLED) ## refit the learned parameters on the development events (writes ingest/data/line_model.json, analysis/data/pair_model.json)
	$(BIN)/python tools/fit_parameters.py

# jupyter-cache keys a notebook on its code cells only, so a change in src/, seeds/ or
# annotations/ alone would be served from the cache: a fingerprint of those inputs names a
# stamp file, and a new fingerprint drops the cache and the previous build.
ANALYSIS_FINGERPRINT := $(shell cat $(ANALYSIS_INPUTS) 2>/dev/null | sha256sum | cut -c1-16)
ANALYSIS_STAMP := _build/.analysis-inputs-$(ANALYSIS_FINGERPRINT)
$(ANALYSIS_STAMP):
	rm -rf _build
	mkdir -p _build
	@touch $@

JUPYTER_CACHE := _build/.jupyter_cache

_build/html/index.html: $(INSTALLED) $(ANALYSIS_STAMP) $(BOOK_INPUTS)
	@# Pages glue numbers from notebooks, which Sphinx does not track: re-read every page.
	rm -rf _build/html _build/.doctrees
	@# jupyter-book executes notebooks one at a time; run the outdated ones in parallel into
	@# its own cache first. A notebook that fails here is not cached, so the build below
	@# executes it again and fails with its traceback.
	printf 'y\n' | $(BIN)/jcache notebook -p $(JUPYTER_CACHE) add $(NOTEBOOKS) > /dev/null
	$(BIN)/jcache project -p $(JUPYTER_CACHE) execute --executor local-parallel --timeout 600 --verbosity WARNING
	$(BIN)/jupyter-book build . $(BOOK_FLAGS)

book: _build/html/index.html ## execute the notebooks and build the HTML book into _build/html

notebooks: $(INSTALLED) ## re-execute every notebook in place (deterministic, for committing)
	$(EXECUTE) $(NOTEBOOKS)

test-unit: $(INSTALLED) ## run the package's unit tests
	$(BIN)/python -m pytest -m "not browser and not slow"

test-slow: $(INSTALLED) $(WHEELHOUSE_FILLED) ## run the whole pipeline twice (outputs byte-identical); build a new-report book offline
	$(BIN)/python -m pytest -m slow

test-notebooks: $(INSTALLED) ## check that every notebook runs and reproduces its stored outputs (strict nbval)
	$(BIN)/python -m pytest --nbval $(NOTEBOOKS)

test-browser: book ## open every page of the built book in headless Chromium and check it
	CI=$${CI:-} $(BIN)/python -m pytest -m browser

test: $(INSTALLED) ## run every test: unit, determinism, notebooks, browser
	@# Two streams on the two cores: the notebooks (one kernel at a time) beside the rest.
	$(MAKE) --no-print-directory -j2 --output-sync=target test-notebooks test-serial

test-serial: $(INSTALLED)
	$(MAKE) --no-print-directory -j1 test-unit test-slow test-browser

# BENCH_ARGS="--only analysis --analysis-sizes 100,1000" runs one part (see benchmarks/run.py).
BENCH_ARGS ?=
bench: $(INSTALLED) ## time the build, the tests, reuse scaling, and analyze against the parse floor
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

pdf: $(INSTALLED) $(ANALYSIS_STAMP) ## print the whole book to _build/pdf/book.pdf (headless Chromium)
	$(BIN)/jupyter-book build . --builder singlehtml $(BOOK_FLAGS)
	$(BIN)/python tools/print_book_pdf.py _build/singlehtml _build/pdf/book.pdf

# passim (https://github.com/dasmiq/passim) on Apache Spark as a measured peer: never part
# of `make book` or `make test`, since it needs Java and a Spark environment of its own.
# PASSIM_SRC is a passim source checkout (passim is not on the package index); PEERS_ENV is
# the environment to install requirements-peers.txt and passim into (created if missing;
# once installed, the run needs no network). PASSIM_COMMIT names passim's commit when
# PASSIM_SRC is not a git checkout. Writes heldout/peers/passim_pairs.{csv,json}.
PASSIM_SRC ?=
PEERS_ENV ?=
PASSIM_COMMIT ?=
peers: $(INSTALLED) ## run passim on the held-out events: make peers PASSIM_SRC=DIR PEERS_ENV=DIR (Java 17)
	@# The paths are read from the environment ($$PASSIM_SRC), never pasted into the shell
	@# line, so that a quote or $$(...) in one is a path and not a command.
	@# On make's command line, though, make itself expands a $$ in a value (PEERS_ENV=a/$$(x)b
	@# reaches the recipe as a/b, a folder the user did not name): refuse it, naming the variable
	@# (no comma in the message: it would end the $$(if) argument).
	@$(foreach v,PASSIM_SRC PEERS_ENV,$(if $(and $(filter command line,$(origin $(v))),$(findstring $$,$(value $(v)))),{ echo "error: make peers: $(v) holds a $$ that make expands on its command line (the path would not be the one given); expected a path without $$ or $(v) set in the environment: $(v)=... make peers" >&2; exit 2; };)) true
	@test -n "$${PASSIM_SRC:-}" -a -n "$${PEERS_ENV:-}" || { echo "error: make peers: expected PASSIM_SRC=<passim source checkout> PEERS_ENV=<environment folder>" >&2; exit 2; }
	@test -f "$$PASSIM_SRC/passim/seriatim.py" || { echo "error: make peers: PASSIM_SRC=$$PASSIM_SRC is not a passim checkout (no passim/seriatim.py); expected passim's source folder" >&2; exit 2; }
	@test ! -e "$$PEERS_ENV" -o -d "$$PEERS_ENV" || { echo "error: make peers: PEERS_ENV=$$PEERS_ENV exists and is not a folder; expected a folder for the environment" >&2; exit 2; }
	@test -x "$$PEERS_ENV/bin/python" || $(PYTHON) -m venv "$$PEERS_ENV"
	@test "$$PEERS_ENV/.requirements-installed" -nt requirements-peers.txt || { \
		"$$PEERS_ENV/bin/python" -m pip install --quiet --require-hashes --no-deps -r requirements-peers.txt \
		&& "$$PEERS_ENV/bin/python" -m pip install --quiet --no-deps "$$PASSIM_SRC" \
		&& touch "$$PEERS_ENV/.requirements-installed"; }
	$(BIN)/python tools/run_passim.py --passim-src "$$PASSIM_SRC" --peers-env "$$PEERS_ENV" $${PASSIM_COMMIT:+--commit "$$PASSIM_COMMIT"}

lock: ## regenerate requirements.txt (pins and hashes) from requirements.in
	@# pip-tools lives in its own environment so that it never enters the pinned one.
	@test -x .venv-lock/bin/pip-compile || ($(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet pip-tools)
	.venv-lock/bin/pip-compile --generate-hashes --no-emit-index-url --no-emit-find-links \
		--strip-extras --allow-unsafe --quiet -o requirements.txt requirements.in

clean: ## remove the built book, exports and caches (keeps .venv)
	rm -rf _build out .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -not -path './.venv/*' -exec rm -rf {} +

distclean: clean ## also remove .venv and .wheelhouse
	rm -rf $(VENV) .venv-lock $(WHEELHOUSE)
