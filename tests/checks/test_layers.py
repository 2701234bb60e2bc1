"""scripts/check_layers.py (`make lint`): the layers of scripts/ as import-linter's
contract in pyproject.toml, each import out of its layer named at its file:line."""

from __future__ import annotations

from pathlib import Path

from scripts import check_layers

from .conftest import copy_project, run_check


def test_the_repository_keeps_its_layers(capsys):
    assert run_check(check_layers.main, capsys) == (
        0,
        "check_layers: every import keeps to its layer\n",
    )


def broken(tmp_path: Path, path: str, line: str) -> Path:
    """A copy of the project with one line added at the end of scripts/<path>."""
    project = copy_project(tmp_path / "project")
    source = project / "scripts" / path
    with source.open("a", encoding="utf-8") as file:
        file.write(line)
    return project


def test_an_entry_point_importing_another_fails_at_its_line(capsys, tmp_path: Path):
    project = broken(tmp_path, "check_links.py", "from . import check_security  # noqa\n")
    line = len((project / "scripts" / "check_links.py").read_text().splitlines())
    code, output = run_check(check_layers.main, capsys, "--root", str(project))
    assert code == 1
    assert (
        f"scripts/check_links.py:{line}: imports scripts.check_security:"
        " scripts.check_links may not import scripts.check_security (pyproject.toml)"
    ) in output


def test_the_core_importing_the_importer_fails(capsys, tmp_path: Path):
    project = broken(tmp_path, "core/urls.py", "from ..importer import nav  # noqa\n")
    code, output = run_check(check_layers.main, capsys, "--root", str(project))
    assert code == 1
    assert "scripts/core/urls.py:" in output
    assert "imports scripts.importer.nav: scripts.core may not import scripts.importer" in output


def test_a_module_in_no_layer_fails(capsys, tmp_path: Path):
    project = broken(tmp_path, "check_links.py", "")
    (project / "scripts" / "check_newthing.py").write_text('"""A new command."""\n')
    code, output = run_check(check_layers.main, capsys, "--root", str(project))
    assert code == 1
    assert "scripts/check_newthing.py:1: in no layer of [tool.importlinter]" in output
