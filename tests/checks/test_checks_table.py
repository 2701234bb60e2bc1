"""The table of checks (scripts/core/checks.py) drives the Makefile, pre-commit and the
docs' checks tables (scripts/write_generated_sections.py), and `make lint` fails when they drift."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from scripts import write_generated_sections
from scripts.core.checks import CHECKS
from scripts.core.paths import ROOT

from .conftest import run_check

DRIVEN = ("Makefile", ".pre-commit-config.yaml", "README.md", "CONTRIBUTING.md", "dev/checks.md")


def plan(target: str) -> str:
    """What `make -n target` would run (nothing is run)."""
    return subprocess.run(
        ["make", "-n", "--no-print-directory", target], cwd=ROOT, capture_output=True, text=True
    ).stdout


def test_the_driven_files_are_current(capsys):
    assert run_check(write_generated_sections.main, capsys, "--check") == (
        0,
        "write_generated_sections: current\n",
    )


def test_make_check_runs_the_fast_checks_and_make_test_all_of_them():
    check, test = plan("check"), plan("test")
    for row in CHECKS:
        commands = [command.replace("$(BIN)", ".venv/bin") for command in row.commands]
        for command in commands:
            command = command.replace(" $(AUDIT_FLAGS)", "")
            assert (command in check) == row.fast, (row.target, command)
    assert "pytest" in test and "pytest" not in check
    assert "scripts.check_diagrams" in check  # the parse most likely to catch a mistake
    # make test runs pytest alone, and pytest runs every row of the table once.
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q",
         "tests/checks/test_every_check_passes.py"],
        cwd=ROOT, capture_output=True, text=True,
    ).stdout  # fmt: skip
    rows = re.findall(r"test_the_repository_passes\[(\w+)\]", collected)
    assert rows == [row.target for row in CHECKS], collected


def test_pre_commit_runs_each_check_through_its_target():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = config["repos"][0]["hooks"]
    assert [hook["id"] for hook in hooks] == [row.target for row in CHECKS]
    for hook, row in zip(hooks, CHECKS, strict=True):
        assert hook["entry"] == f"make --no-print-directory {row.target}"
        assert hook["language"] == "system"
        assert hook["files"] == row.reads
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "pre-commit"), "validate-config", ".pre-commit-config.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_docs_list_every_check():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    rows = [line for line in guide.splitlines() if line.startswith("| `make ")]
    assert [row.split("`")[1] for row in rows] == [f"make {c.target}" for c in CHECKS]
    assert all(row.count(" | ") == 1 for row in rows)
    details = (ROOT / "dev" / "checks.md").read_text(encoding="utf-8")
    headings = [line for line in details.splitlines() if line.startswith("### `make ")]
    assert headings == [f"### `make {c.target}`" for c in CHECKS]


def test_the_readme_holds_what_make_help_prints():
    printed = subprocess.run(
        ["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- make help:", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    assert block == printed


def test_a_hand_edit_of_a_driven_file_is_caught_at_its_line(capsys, tmp_path: Path):
    for name in DRIVEN:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, tmp_path / name)
    makefile = tmp_path / "Makefile"
    lines = makefile.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("links: build")) + 2
    lines[number - 1] = "\t$(BIN)/python -m scripts.check_links site --no-such-flag"
    makefile.write_text("\n".join(lines), encoding="utf-8")
    code, output = run_check(
        write_generated_sections.main, capsys, "--check", "--root", str(tmp_path)
    )
    assert code == 1
    assert f"{makefile}:{number}: out of step with scripts/core/checks.py" in output
    # Without --check it writes the files back as the table says.
    assert write_generated_sections.main(["--root", str(tmp_path)]) == 0
    assert makefile.read_text(encoding="utf-8") == (ROOT / "Makefile").read_text(encoding="utf-8")
