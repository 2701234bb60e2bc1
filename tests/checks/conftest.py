"""Fixtures for the checks' tests: copies of the project to break on purpose.

A copy holds the working files as a source tarball would (no .git, no .venv, no
built site); `build_copy()` runs `mkdocs build --strict` on it, with pages that are
not in the nav allowed, so a test can add a broken page without touching the nav.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.core import csp
from scripts.core.checks import by_target

ROOT = Path(__file__).resolve().parent.parent.parent
# What a source tarball would not hold: history, environments, build output, caches.
NOT_IN_A_TARBALL = shutil.ignore_patterns(
    ".git",
    ".venv",
    "site",
    "build",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
)
# Inherits the project's mkdocs.yml; extra pages need not be in the nav.
CHECKS_CONFIG = """INHERIT: mkdocs.yml
validation:
  omitted_files: info
"""


def copy_project(dest: Path) -> Path:
    """The working files, without .git: what `git archive` or a tarball gives."""
    shutil.copytree(ROOT, dest, ignore=NOT_IN_A_TARBALL)
    return dest


def build_copy(project: Path, *, allow_extra_pages: bool = True) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a copy into project/site, then its Content Security
    Policy written into every page, as every build of the site does."""
    config = project / "mkdocs.yml"
    if allow_extra_pages:
        config = project / "mkdocs.checks.yml"
        config.write_text(CHECKS_CONFIG)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode == 0:
        csp.write_policy(project / "site")
    return result


def add_pages(project: Path, pages: dict[str, str]) -> None:
    for name, text in pages.items():
        path = project / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh copy of the project for one test module."""
    return copy_project(tmp_path_factory.mktemp("project") / "project")


def built(project: Path, pages: dict[str, str]) -> Path:
    """Add pages to a copy, build it strictly (which must pass), return site/."""
    add_pages(project, pages)
    result = build_copy(project)
    assert result.returncode == 0, f"the broken pages must still build:\n{result.stderr}"
    return project / "site"


def run_as_make(target: str, tool: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run the command of `make <target>` that names `tool`, exactly as the table of
    checks gives it to the Makefile, in `cwd` (a copy of the project)."""
    [command] = [line for line in by_target(target).commands if tool in line]
    command = command.replace("$(BIN)", str(Path(sys.executable).parent))
    return subprocess.run(command, shell=True, cwd=cwd, capture_output=True, text=True)


def run_check(main, capsys, *argv: str) -> tuple[int, str]:
    """Run a check's main() as the command line would; its exit code and all it printed."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.err + captured.out
