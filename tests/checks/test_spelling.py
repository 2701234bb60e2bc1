"""codespell with the project's settings (.codespellrc, .codespell-words)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

CODESPELL = Path(sys.executable).parent / "codespell"
# Misspelt on purpose, and built at run time so that this file itself stays clean.
RECEIVE, SEPARATE, ENVIRONMENT = "rec" + "ieve", "Sep" + "erate", "envir" + "oment"


def codespell(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CODESPELL)], cwd=cwd, capture_output=True, text=True)


def test_misspelling_fails_with_file_and_line_but_notes_are_left_alone(tmp_path: Path):
    for name in (".codespellrc", ".codespell-words"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "day-02.md").write_text(f"# Day 2\n\nWe {RECEIVE} the build.\n")
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "pull_request_template.md").write_text(f"- [ ] {SEPARATE} commits\n")
    # The instructor's notes are kept exactly as received, typos and all.
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "day-02.txt").write_text(f"{RECEIVE} the {ENVIRONMENT}\n")
    result = codespell(tmp_path)
    assert result.returncode != 0
    assert f"./docs/day-02.md:3: {RECEIVE} ==> receive" in result.stdout
    assert f"./.github/pull_request_template.md:1: {SEPARATE} ==> Separate" in result.stdout
    assert "notes/" not in result.stdout
