# MLOps Certification Course site. Two commands matter: `make serve` and `make test`;
# both set everything up on a fresh machine. `make help` lists every target.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
# `make serve PORT=8001` when 8000 is taken.
PORT ?= 8000
# `make audit AUDIT_FLAGS=--require-service` fails when no vulnerability service answers (CI).
AUDIT_FLAGS ?=
# pytest's workers in `make test` and `make test-fast` (pytest-xdist).
WORKERS ?= 2
# `make pdf BUILDER=zensical` and `make offline BUILDER=zensical` start from Zensical's build.
BUILDER ?= mkdocs
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes
# Material prints an end-of-life notice on every build; it is known (dev/known-issues.md).
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve zensical test test-fast lock vendor chromium pdf offline clean drafts

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# The site's pinned requirements, in a virtual environment of our own.
$(VENV)/.site: requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	@touch $@

# Everything the checks need on top of the site's requirements.
$(VENV)/.dev: $(VENV)/.site requirements-dev.txt
	$(PIP_INSTALL) -r requirements-dev.txt
	@touch $@

# Zensical, Material's successor, beside MkDocs: the browser tests build with both.
$(VENV)/.zensical: $(VENV)/.site requirements-zensical.txt
	$(PIP_INSTALL) -r requirements-zensical.txt
	@touch $@

serve: $(VENV)/.site ## Serve the site with live reload on http://127.0.0.1:8000/ (PORT=8001 for another)
	$(BIN)/python -m scripts.serve_site --port $(PORT)

# Zensical reads mkdocs.yml as it is; it runs no hooks and skips the plugins it has
# not re-implemented (dev/zensical.md). Never deployed.
zensical: $(VENV)/.zensical ## Build the site with Zensical into site-zensical/ (strict)
	SITE_DIR=site-zensical $(BIN)/python -m scripts.build_site --builder zensical

chromium: ## Make sure a Chromium is installed for the browser tests
	@if [ -x "$(CHROMIUM)" ]; then echo "chromium: $(CHROMIUM)"; \
	else \
	  echo "installing Debian's chromium (the browser tests drive it)"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

# -- Checks (written by scripts/write_generated_sections.py from scripts/core/checks.py) 
# Edit the table, then run `.venv/bin/python -m scripts.write_generated_sections`:
# `make lint` fails while this section is stale. `make check` while editing
# (seconds); `make test` before a pull request (everything). The pre-commit hooks
# call the same targets (.pre-commit-config.yaml, written from the same table).

CHECKS_FAST := lint spell notes symlinks lessons build links diagrams
CHECKS_SLOW := security audit workflows
.PHONY: check $(CHECKS_FAST) $(CHECKS_SLOW)

lint: $(VENV)/.dev ## Lint Python, YAML, Markdown, JavaScript, templates, layers, docs, generated sections
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/yamllint --strict .
	$(BIN)/python -m scripts.check_markdown
	$(BIN)/python -m scripts.check_javascript
	$(BIN)/djlint overrides --lint
	$(BIN)/python -m scripts.check_layers
	$(BIN)/python -m scripts.write_generated_sections --check

spell: $(VENV)/.dev ## Spell-check all but notes/ (.codespellrc; words: .codespell-words)
	$(BIN)/codespell

notes: $(VENV)/.site ## Fail when a notes file changed after its page was imported, or is gone
	$(BIN)/python -m scripts.import_notes --check notes/*.txt

symlinks: $(VENV)/.site ## Fail on a symlink in notes/, docs/, includes/ or overrides/
	$(BIN)/python -m scripts.check_symlinks

lessons: $(VENV)/.site ## Fail a lesson page without its frame, or with TODO(frame) left
	$(BIN)/python -m scripts.check_lessons

build: $(VENV)/.site ## Build the site into site/, strictly, each page with its Content Security Policy
	$(BIN)/python -m scripts.build_site

links: build ## Check every link and anchor in the built site; links out only, no loads
	$(BIN)/python -m scripts.check_links site

diagrams: $(VENV)/.dev chromium ## Parse every Mermaid diagram with the vendored Mermaid (Chromium)
	$(BIN)/python -m scripts.check_diagrams

security: $(VENV)/.dev build ## Scan the built site as a browser parses it: policy, allowlist, off-site loads
	$(BIN)/python -m scripts.check_security site

audit: $(VENV)/.dev ## pip-audit the pinned requirements (says SKIPPED when offline)
	$(BIN)/python -m scripts.audit_requirements $(AUDIT_FLAGS)

workflows: $(VENV)/.dev ## Validate the GitHub workflows (schemas, zizmor, SHA pins)
	$(BIN)/python -m scripts.check_workflows

check: $(CHECKS_FAST) ## Fast checks while editing: lint, spell, notes, symlinks, lessons, build, links, diagrams

# -- end of checks ------------------------------------------------------------

# The checks run inside pytest (tests/checks/test_every_check_passes.py), once, beside the
# rest of the suite: two workers, each build's browser tests in one of them.
test: $(VENV)/.dev $(VENV)/.zensical chromium ## Every check and every test, browser tests on both builds (about 9 min)
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadgroup

# The edit loop: no browser (tests/browser/ and whatever launches Chromium, which
# CHROMIUM pointing nowhere makes fail if unmarked), a tenth of Hypothesis' examples.
test-fast: $(VENV)/.dev ## Everything but the browser, for the edit loop (about a minute)
	CHROMIUM=/nonexistent/test-fast-runs-no-browser HYPOTHESIS_PROFILE=dev \
	  $(BIN)/python -m pytest -n $(WORKERS) --dist loadgroup -m "not browser" -q

lock: $(VENV)/.dev ## Re-pin requirements*.txt (with hashes) from the *.in files
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements-dev.txt requirements-dev.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements-zensical.txt requirements-zensical.in

vendor: $(VENV)/.site ## Refresh the vendored Mermaid and search shim (needs npm), recording checksums
	$(BIN)/python -m scripts.vendor_assets

drafts: $(VENV)/.site ## Draft a lesson pull request per notes file whose page is missing or stale (DRY_RUN=1: show only)
	$(BIN)/python -m scripts.draft_lessons $(if $(DRY_RUN),--dry-run)

# The Zensical build's requirements, when BUILDER=zensical asks for that build.
ZENSICAL_IF_ASKED := $(if $(filter zensical,$(BUILDER)),$(VENV)/.zensical)

pdf: $(VENV)/.dev chromium $(ZENSICAL_IF_ASKED) ## Print the whole course to docs/downloads/mlops-course.pdf (BUILDER=zensical: from Zensical's build)
	$(BIN)/python -m scripts.build_pdf --builder $(BUILDER)

offline: $(VENV)/.site $(ZENSICAL_IF_ASKED) ## Zip a copy of the site that works from file:// into build/ (BUILDER=zensical too)
	$(BIN)/python -m scripts.build_offline --builder $(BUILDER)

clean: ## Remove the built sites, build/, the PDF, Zensical's cache and the virtual environment
	rm -rf site site-zensical .cache build docs/downloads $(VENV)
