# One command builds the book, one runs the tests; each sets itself up on a fresh clone.
#   make book      set up .venv with the book's requirements, build the site -> book/_build/html
#   make test      also install the test tools, build the site, run every test
#   make pipeline  re-execute every chapter, write data/derived, build (after editing src/, data/ or a chapter)
#   make bench     time the build and the pipeline, size the pages (changes no file)
# PYTHON picks the interpreter (3.11 or newer), e.g. make test PYTHON=python3.12
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BOOK_STAMP := $(VENV)/.book-$(shell cat requirements/book.txt pyproject.toml | cksum | cut -d' ' -f1)
TEST_STAMP := $(VENV)/.test-$(shell cat requirements/book.txt requirements/test.txt pyproject.toml | cksum | cut -d' ' -f1)
export PATH := $(abspath $(BIN)):$(PATH)
PIP := $(BIN)/python -m pip install --progress-bar on --disable-pip-version-check

.PHONY: setup setup-test book test pipeline bench clean

$(BOOK_STAMP): requirements/book.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed: make ... PYTHON=python3.11" if sys.version_info < (3, 11) else 0)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "== installing the book's requirements into $(VENV) (first time: a few minutes)"
	$(PIP) -r requirements/book.txt
	$(PIP) --no-deps -e .
	rm -f $(VENV)/.book-*
	touch $(BOOK_STAMP)

$(TEST_STAMP): $(BOOK_STAMP) requirements/test.txt
	@echo "== installing the test tools into $(VENV)"
	$(PIP) -r requirements/test.txt
	rm -f $(VENV)/.test-*
	touch $(TEST_STAMP)

setup: $(BOOK_STAMP)

setup-test: $(TEST_STAMP)

book: setup
	$(BIN)/jupyter-book build book -W -n --keep-going

test: setup-test book
	$(BIN)/ruff check src tests book/_ext
	$(BIN)/python -m pytest

pipeline: setup
	$(BIN)/dltrends pipeline

bench: setup-test
	$(BIN)/dltrends bench

clean:
	rm -rf book/_build
