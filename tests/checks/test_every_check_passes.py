"""Every check of the table (scripts/core/checks.py) passes on the repository as it
is: each row's commands, run from the root exactly as its make target runs them.

This is where `make test` runs the checks: once, inside pytest, beside the rest of
the suite (pytest-xdist), instead of once before pytest and again inside it. The
other tests in tests/checks/ feed each check broken examples; `make check` runs the
fast checks while you edit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from scripts.core.checks import CHECKS, Check
from scripts.core.paths import ROOT

BIN = str(Path(sys.executable).parent)
# The rows that read or write site/ (`make build` and what needs it) take turns, under a
# lock, wherever pytest-xdist runs them: a build into site/ while another row reads it
# would race.
ON_THE_BUILT_SITE = {"build"} | {check.target for check in CHECKS if "build" in check.needs}
SITE_LOCK = FileLock(str(ROOT / ".site.lock"))


def shell(command: str) -> subprocess.CompletedProcess:
    """One line of a make recipe, with make's variables as the Makefile sets them."""
    command = command.replace("$(BIN)", BIN)
    command = command.replace("$(AUDIT_FLAGS)", os.environ.get("AUDIT_FLAGS", ""))
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        ["bash", "-c", command], cwd=ROOT, capture_output=True, text=True, env=environ
    )


def run_row(check: Check) -> None:
    for command in check.commands:
        result = shell(command)
        assert result.returncode == 0, (
            f"make {check.target}: {command}\n{result.stdout}{result.stderr}"
        )


@pytest.fixture(scope="session")
def built_site() -> Path:
    """site/, as `make build` leaves it for the checks that read it."""
    with SITE_LOCK:
        run_row(next(check for check in CHECKS if check.target == "build"))
    return ROOT / "site"


def marks(check: Check) -> list[pytest.MarkDecorator]:
    found = []
    if "chromium" in check.needs:
        found.append(pytest.mark.browser)
    return found


@pytest.mark.parametrize(
    "check", [pytest.param(check, id=check.target, marks=marks(check)) for check in CHECKS]
)
def test_the_repository_passes(check: Check, request: pytest.FixtureRequest) -> None:
    if check.target not in ON_THE_BUILT_SITE:
        run_row(check)
        return
    site = request.getfixturevalue("built_site")
    with SITE_LOCK:  # another worker's build may be rewriting site/: wait for its end
        if check.target == "build":
            assert (site / "index.html").is_file()
        else:
            run_row(check)
