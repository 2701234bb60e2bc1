"""The table of checks: the one place that says what each check is.

Each row is a make target: what it needs, the commands it runs, the files whose
change makes pre-commit run it, and its words for people (the `make help` line,
what it runs and catches, how to fix what it reports). scripts/write_generated_sections.py
writes, from this table, the Makefile's checks section, the pre-commit hooks and
the checks lists of CONTRIBUTING.md and dev/checks.md, and `make lint` fails when one
of them is stale. dev/checks.md ("Add a check") says how to add a row.
"""

from __future__ import annotations

from dataclasses import dataclass

# Commands are written as the Makefile runs them: $(BIN) is .venv/bin.
PYTHON = "$(BIN)/python"


@dataclass(frozen=True, slots=True)
class Check:
    target: str  # `make <target>`
    needs: tuple[str, ...]  # make prerequisites: $(VENV)/.site, $(VENV)/.dev, build, chromium
    commands: tuple[str, ...]  # the recipe, one command a line
    reads: str  # a regex of repository paths: pre-commit runs the check when one changes
    purpose: str  # one line, for `make help` and CONTRIBUTING.md's table
    runs: str  # dev/checks.md: the tool, in words
    catches: str  # dev/checks.md: what makes it fail
    fix: str  # dev/checks.md: how to fix what it reports
    fast: bool = True  # part of `make check` (seconds); else only `make test`


CHECKS: tuple[Check, ...] = (
    Check(
        target="lint",
        needs=("$(VENV)/.dev",),
        commands=(
            "$(BIN)/ruff check .",
            "$(BIN)/ruff format --check .",
            "$(BIN)/yamllint --strict .",
            f"{PYTHON} -m scripts.check_markdown",
            f"{PYTHON} -m scripts.check_javascript",
            "$(BIN)/djlint overrides --lint",
            f"{PYTHON} -m scripts.check_layers",
            f"{PYTHON} -m scripts.write_generated_sections --check",
        ),
        reads=r"\.(py|pyi|toml|ya?ml|md|js|jsonc|html)$|^Makefile$",
        purpose="Lint Python, YAML, Markdown, JavaScript, templates, layers, docs, generated"
        " sections",
        runs="ruff (check, format), yamllint, `scripts/check_markdown.py` (pymarkdown +"
        " fences), `scripts/check_javascript.py` (Biome: lint, format), djLint (`overrides/`),"
        " `scripts/check_layers.py` (import-linter), `scripts/write_generated_sections.py"
        " --check`",
        catches="Python style, YAML style, Markdown rules (4-space lists, heading order, a"
        " fence without a language, inside admonitions and tabs too); JavaScript lint"
        " (Biome's recommended rules, an undeclared global) and formatting; template"
        " mistakes in `overrides/` (an orphan tag, content outside a block, a hard-coded"
        " path); an import across the layers of `scripts/` (`[tool.importlinter]` in"
        " `pyproject.toml`); a line over 120 characters in README, CONTRIBUTING, `dev/` or"
        " the benchmarks' docs; a generated section (the Makefile's checks, pre-commit,"
        " `make help` in README, the checks lists) out of step with its source",
        fix="The message names the rule, e.g. `MD040`, `PML101`, `lint/correctness/...` or"
        " djLint's `H025`, and the fix; `.venv/bin/ruff format .` formats Python,"
        " `.venv/bin/biome format --write docs/javascripts` formats JavaScript; for"
        " djLint's `J018`, pass the path through MkDocs' `url` filter (it has no `url_for`);"
        " `.venv/bin/python -m scripts.write_generated_sections` rewrites every generated"
        " section",
    ),
    Check(
        target="spell",
        needs=("$(VENV)/.dev",),
        commands=("$(BIN)/codespell",),
        reads=r".",
        purpose="Spell-check all but notes/ (.codespellrc; words: .codespell-words)",
        runs="codespell (`.codespellrc`; `notes/` and vendored files skipped)",
        catches="Misspellings outside `notes/`",
        fix="Correct it, or add a right word to `.codespell-words`",
    ),
    Check(
        target="notes",
        needs=("$(VENV)/.site",),
        commands=(f"{PYTHON} -m scripts.import_notes --check notes/*.txt",),
        reads=r"^(notes/|docs/|scripts/import_notes\.py$|scripts/importer/)",
        purpose="Fail when a notes file changed after its page was imported, or is gone",
        runs="`scripts/import_notes.py --check notes/*.txt`",
        catches="Notes changed after their page was imported; a lesson page whose notes"
        " file is gone",
        fix="`.venv/bin/python -m scripts.import_notes notes/day-NN.txt`; restore"
        " missing notes, or delete their page",
    ),
    Check(
        target="symlinks",
        needs=("$(VENV)/.site",),
        commands=(f"{PYTHON} -m scripts.check_symlinks",),
        reads=r"^(notes|docs|includes|overrides)/|^scripts/check_symlinks\.py$",
        purpose="Fail on a symlink in notes/, docs/, includes/ or overrides/",
        runs="`scripts/check_symlinks.py`",
        catches="A symlink anywhere under `notes/`, `docs/`, `includes/` or `overrides/`:"
        " the importer, a snippet or the build would read whatever it points at"
        " (`/etc/passwd`)",
        fix="`docs/x.md:1: a symlink (to T) ...`: commit the file itself instead, or"
        " delete the link",
    ),
    Check(
        target="lessons",
        needs=("$(VENV)/.site",),
        commands=(f"{PYTHON} -m scripts.check_lessons",),
        reads=r"^(docs/days/|scripts/check_lessons\.py$)",
        purpose="Fail a lesson page without its frame, or with TODO(frame) left",
        runs="`scripts/check_lessons.py` (`docs/days/*.md`)",
        catches="A lesson without its [frame](#the-lesson-frame) (Questions, Objectives,"
        " Before you start at the top; Key points at the end), one of them empty or out of"
        " place, or a `TODO(frame)` placeholder left",
        fix="`docs/days/x.md:LINE: lesson frame: ... -> ...`: add or fill in what it names",
    ),
    Check(
        target="build",
        needs=("$(VENV)/.site",),
        commands=(f"{PYTHON} -m scripts.build_site",),
        reads=r"^(docs/|includes/|overrides/|hooks/|mkdocs\.yml$|scripts/core/csp\.py$)",
        purpose="Build the site into site/, strictly, each page with its Content Security Policy",
        runs="`scripts/build_site.py` (`mkdocs build --strict`, each page warning pointed"
        " at its line; then the Content Security Policy written into every page)",
        catches="Broken links and anchors in Markdown, pages missing from the nav, any"
        " build warning; a snippet that would include a file from outside `includes/`; an"
        " inline script the policy does not list, a file (`.svg`, `.xhtml`) it cannot reach",
        fix="`docs/x.md:12: WARNING ... link 'y.md' ...`: fix line 12; add a page to `nav`;"
        " JavaScript goes into a file under `docs/javascripts/`"
        " ([dev/security.md](dev/security.md))",
    ),
    Check(
        target="links",
        needs=("build",),
        commands=(f"{PYTHON} -m scripts.check_links site",),
        reads=r"^(docs/|includes/|overrides/|hooks/|mkdocs\.yml$|scripts/check_links\.py$)",
        purpose="Check every link and anchor in the built site; links out only, no loads",
        runs="`scripts/check_links.py site`",
        catches="In the built site: links and anchors MkDocs cannot see (raw HTML,"
        " navigation, snippets, admonitions, tabs); a link out that is not http(s)/mailto;"
        " anything loaded from another site",
        fix="`docs/x.md:12: link to Y: no such page/anchor (in site/x/index.html)`: fix"
        " line 12 of `docs/x.md`",
    ),
    Check(
        target="diagrams",
        needs=("$(VENV)/.dev", "chromium"),
        commands=(f"{PYTHON} -m scripts.check_diagrams",),
        reads=r"^(docs/.*\.md$|scripts/check_diagrams\.py$|scripts/core/diagram_rules\.py$"
        r"|docs/assets/vendor/mermaid/)",
        purpose="Parse every Mermaid diagram with the vendored Mermaid (Chromium)",
        runs="`scripts/check_diagrams.py` (the vendored Mermaid's `parse`, in Chromium;"
        " the rules of `scripts/core/diagram_rules.py`, statement by statement)",
        catches="Mermaid syntax errors, a diagram without `accTitle`/`accDescr` or with an"
        " empty one, raw HTML in diagram text, interactions (`click … href/call`,"
        " `link`/`links`, `callback`, also after a `;`), an image or CSS from another site,"
        " more than Mermaid draws (50,000 characters, 500 edges), a diagram on the home page",
        fix="Fix the line the message names; a link belongs in the text beside the"
        " diagram; split a diagram that is too big",
    ),
    Check(
        target="security",
        needs=("$(VENV)/.dev", "build"),
        commands=(f"{PYTHON} -m scripts.check_security site",),
        reads=r"^(docs/|includes/|overrides/|hooks/|mkdocs\.yml$|scripts/check_security\.py$"
        r"|scripts/core/(csp|allowlist|css|html|snippets)\.py$)",
        purpose="Scan the built site as a browser parses it: policy, allowlist, off-site loads",
        runs="`scripts/check_security.py site` (an HTML5 parser, a CSS tokenizer, a"
        " WHATWG URL parser)",
        catches="A page without the agreed Content Security Policy first in `<head>`, or"
        " one that allows more; an inline script it does not list; an element or attribute"
        " the site does not use (`on...=`, `<iframe>`, `<style>`, `ping=` ...); anything"
        " loaded from another site (any URL attribute, CSS `url()`/`image-set()` after"
        " unescaping); markup in `mkdocs.yml` values or front matter that pages show"
        " unescaped; a snippet leaving `includes/`; Mermaid interactions in a built"
        " diagram; Mermaid's `securityLevel` loosened; a tampered or outdated vendored asset",
        fix="Remove the HTML, the attribute or the `click` line; plain text in settings"
        " and front matter; keep `securityLevel: strict` ([dev/security.md](dev/security.md))",
        fast=False,
    ),
    Check(
        target="audit",
        needs=("$(VENV)/.dev",),
        commands=(f"{PYTHON} -m scripts.audit_requirements $(AUDIT_FLAGS)",),
        reads=r"^requirements[-\w]*\.txt$",
        purpose="pip-audit the pinned requirements (says SKIPPED when offline)",
        runs="`scripts/audit_requirements.py` (pip-audit on the three lock files)",
        catches="Known vulnerabilities in the pinned Python packages; prints `SKIPPED`"
        " when no vulnerability service is reachable (CI passes `--require-service` and"
        " fails instead)",
        fix="Raise the pin in `requirements*.in`, then `make lock`",
        fast=False,
    ),
    Check(
        target="workflows",
        needs=("$(VENV)/.dev",),
        commands=(f"{PYTHON} -m scripts.check_workflows",),
        reads=r"^(\.github/|scripts/check_workflows\.py$)",
        purpose="Validate the GitHub workflows (schemas, zizmor, SHA pins)",
        runs="`scripts/check_workflows.py` (check-jsonschema, zizmor `--offline`)",
        catches="Invalid workflows or Dependabot config, zizmor findings, actions not"
        " pinned by SHA with a `# vX.Y.Z` comment, shallow clones where the site is built",
        fix="Pin `owner/action@<sha> # vX.Y.Z`; follow zizmor's link",
        fast=False,
    ),
)


def by_target(target: str) -> Check:
    return next(check for check in CHECKS if check.target == target)
