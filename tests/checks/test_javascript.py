"""The site's JavaScript in `make lint`: Biome (biome.jsonc) through
scripts/check_javascript.py, fed broken files in a copy of the project and run as the
Makefile runs it; each finding names its file:line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import run_as_make

# Built at run time, so that the spell check of this file stays clean.
MISSPELT = "docu" + "mnet"
BROKEN = {
    "unused variable": (
        "// Counts the diagrams, then forgets the count.\n"
        ";(() => {\n"
        '  const count = document.querySelectorAll("pre.mermaid").length\n'
        "})()\n",
        ":3:9: lint/correctness/noUnusedVariables: This variable count is unused."
        " -> https://biomejs.dev/linter/rules/no-unused-variables",
    ),
    "misspelt global": (
        f'{MISSPELT}.title = "Day 1"\n',
        f":1:1: lint/correctness/noUndeclaredVariables: The {MISSPELT} variable is undeclared.",
    ),
    "single quotes and a semicolon": (
        "// Names the search dialog.\n"
        'const dialog = document.querySelector(".md-search")\n'
        "dialog.setAttribute('aria-label', \"Search\");\n",
        ':3: format: Biome writes this line as `dialog.setAttribute("aria-label", "Search")`'
        " -> .venv/bin/biome format --write docs/javascripts/broken.js",
    ),
    "wrong indentation": (
        'for (const bar of document.querySelectorAll(".md-progress")) {\n'
        '    bar.setAttribute("aria-hidden", "true")\n'
        "}\n",
        ':2: format: Biome writes this line as `bar.setAttribute("aria-hidden", "true")`',
    ),
}


@pytest.fixture
def place(project: Path) -> Iterator:
    """Put a file into the project copy for one test; take it away after."""
    placed: list[Path] = []

    def put(name: str, text: str) -> Path:
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        placed.append(path)
        return path

    yield put
    for path in placed:
        path.unlink()


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_a_broken_script_fails_at_its_line(project: Path, place, case: str):
    source, message = BROKEN[case]
    place("docs/javascripts/broken.js", source)
    result = run_as_make("lint", "check_javascript", project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "docs/javascripts/broken.js" + message in result.stderr
    assert "check_javascript: 1 problem(s)" in result.stdout


def test_vendored_javascript_is_never_checked(project: Path, place):
    source, _ = BROKEN["single quotes and a semicolon"]
    place("docs/assets/vendor/example/index.js", source)
    result = run_as_make("lint", "check_javascript", project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_biome_config_fails_instead_of_falling_back(project: Path):
    """Biome alone would format with its defaults (tabs, semicolons) and blame every
    line of every file; the check names the configuration."""
    config = project / "biome.jsonc"
    kept = config.read_text(encoding="utf-8")
    config.write_text(kept.replace('"vcs":', 'oops "vcs":', 1), encoding="utf-8")
    try:
        result = run_as_make("lint", "check_javascript", project)
    finally:
        config.write_text(kept, encoding="utf-8")
    assert result.returncode == 1
    assert "biome ci: " in result.stderr and "biome.jsonc:" in result.stderr
    assert "format:" not in result.stderr
