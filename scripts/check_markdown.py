"""Lint the site's Markdown as Material's dialect of it: pymarkdown plus fence checks.

pymarkdown runs with the rules and reasons in pyproject.toml ([tool.pymarkdown]):
front matter, admonitions and content tabs are understood, nested lists must be
indented 4 spaces (Python-Markdown's rule). pymarkdown reads an admonition's or a
tab's body as an indented code block, so it cannot see the fences inside it; this
script finds every fence the way pymdownx.superfences does (scripts/core/fences.py) and
fails on any without a language, or never closed.

Snippet files (`includes/`, merged into pages) and the pull-request template are
parts of pages, not pages: they need not start with a `# Heading`.

The developer docs (README.md, CONTRIBUTING.md, dev/, the benchmarks' docs) are read in
editors and diffs, not on the site: no line of theirs, tables included, runs past 120
characters. A fenced block (a command, a program's output) is left as it is.

    python -m scripts.check_markdown                 # README, CONTRIBUTING, docs/, ...
    python -m scripts.check_markdown docs/days/day-02.md

Messages: `docs/x.md:LINE:COLUMN: RULE: what is wrong [details] -> how to fix`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .core.fences import fences
from .core.paths import ROOT, markdown_files, show
from .core.report import report

CONFIG = ROOT / "pyproject.toml"
# The benchmarks' corpora hold other instructors' notes (some in Markdown): not ours
# to lint; their READMEs are.
DEV_DOCS = (
    "README.md",
    "CONTRIBUTING.md",
    "dev",
    "benchmarks/README.md",
    "benchmarks/results",
    "benchmarks/corpus/README.md",
    "benchmarks/corpus-heldout/README.md",
)
DEFAULT_PATHS = (*DEV_DOCS, "docs", "includes", ".github")
MAX_DOC_LINE = 120
# Markdown that is merged into a page or shown in a form, not a page of its own.
PARTS = (ROOT / "includes", ROOT / ".github")
PART_RULES_OFF = ("md041",)  # first-line-heading
# How to fix what contributors meet most; every rule is documented at
# https://pymarkdown.readthedocs.io/en/latest/plugins/rule_<id>/
HINTS = {
    "PML101": "indent a nested list 4 spaces from its parent item's marker",
    "MD005": "indent items of the same list level alike (4 spaces per level)",
    "MD022": "leave a blank line before and after each heading",
    "MD031": "leave a blank line before and after each ``` fence",
    "MD032": "leave a blank line before and after each list",
    "MD040": "name the language after the backticks: ```bash, ```python, ```yaml, ```text",
    "MD041": "start the page (after front matter) with a `# Title` heading",
    "MD025": "one `# Title` per page; make the others `##`",
    "MD001": "go down one heading level at a time (## then ###)",
    "MD033": "write Markdown instead (raw HTML allowed: pyproject.toml, no-inline-html)",
    "MD009": "remove the spaces at the end of the line",
    "MD012": "leave one blank line, not several",
    "MD047": "end the file with exactly one newline",
}
FENCE_HINT = (
    "name the language after the backticks: ```bash for commands, ```python, ```yaml,"
    " ```text for plain text"
)


def is_part(path: Path) -> bool:
    return any(path.resolve().is_relative_to(part) for part in PARTS)


def lint(files: list[Path], config: Path = CONFIG) -> list[tuple[str, int, str]]:
    """pymarkdown's findings as (file, line, message)."""
    from pymarkdown.api import PyMarkdownApi

    found = []
    for path in files:
        api = PyMarkdownApi().configuration_file_path(str(config))
        if is_part(path):
            for rule in PART_RULES_OFF:
                api.disable_rule_by_identifier(rule)
        result = api.scan_path(str(path))
        for failure in result.scan_failures:
            hint = HINTS.get(failure.rule_id)
            found.append(
                (
                    show(path),
                    failure.line_number,
                    f"{show(path)}:{failure.line_number}:{failure.column_number}:"
                    f" {failure.rule_id}: {failure.rule_description}"
                    f"{failure.extra_error_information or ''} ({failure.rule_name})"
                    + (f" -> {hint}" if hint else ""),
                )
            )
        for error in result.pragma_errors:
            found.append(
                (
                    show(path),
                    error.line_number,
                    f"{show(path)}:{error.line_number}: {error.pragma_error}",
                )
            )
    return found


def fence_problems(files: list[Path]) -> list[tuple[str, int, str]]:
    """Fences without a language, or never closed, wherever they are indented."""
    found = []
    for path in files:
        for fence in fences(path):
            where = f"{show(path)}:{fence.line}"
            if not fence.language:
                found.append(
                    (show(path), fence.line, f"{where}: fence without a language -> {FENCE_HINT}")
                )
            if not fence.closed:
                found.append(
                    (
                        show(path),
                        fence.line,
                        f"{where}: fence never closed: the rest of the page is code",
                    )
                )
    return found


def is_dev_doc(path: Path) -> bool:
    return any(path.resolve().is_relative_to(ROOT / doc) for doc in DEV_DOCS)


def long_lines(files: list[Path]) -> list[tuple[str, int, str]]:
    """Lines of the developer docs past MAX_DOC_LINE characters, outside fences."""
    found = []
    for path in files:
        if not is_dev_doc(path):
            continue
        fenced = {
            number
            for fence in fences(path)
            for number in range(fence.line, fence.body_line + len(fence.lines) + 1)
        }
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if len(line) > MAX_DOC_LINE and number not in fenced:
                found.append(
                    (
                        show(path),
                        number,
                        f"{show(path)}:{number}: line of {len(line)} characters -> at most"
                        f" {MAX_DOC_LINE} in the developer docs: wrap it (a table: shorter cells,"
                        " or a list)",
                    )
                )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: all)")
    args = parser.parse_args(argv)
    files = markdown_files(args.paths or [ROOT / p for p in DEFAULT_PATHS])
    found = lint(files)
    # pymarkdown's MD040 already names the fences it can see; report each fence once.
    seen = {(path, line) for path, line, message in found if ": MD040:" in message}
    found += [item for item in fence_problems(files) if item[:2] not in seen or "closed" in item[2]]
    found += long_lines(files)
    found.sort(key=lambda item: (item[0], item[1]))
    return report(
        "check_markdown",
        [message for _, _, message in found],
        f"{len(files)} Markdown file(s) clean",
        f"problem(s) in {len(files)} file(s)",
    )


if __name__ == "__main__":
    raise SystemExit(main())
