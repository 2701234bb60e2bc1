"""ruff for the Python and yamllint for the YAML, with the project's settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

BIN = Path(sys.executable).parent


def tool(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / argv[0]), *argv[1:]], cwd=cwd, capture_output=True, text=True)


def test_ruff_passes_on_the_repository():
    for argv in (("ruff", "check", "."), ("ruff", "format", "--check", ".")):
        result = tool(*argv)
        assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_fails_on_broken_python(tmp_path: Path):
    script = tmp_path / "broken.py"
    script.write_text("import os\n\n\ndef main():\n    return  1\n")
    check = tool("ruff", "check", "--config", str(ROOT / "pyproject.toml"), str(script))
    assert check.returncode == 1
    assert "F401" in check.stdout and f"{script}:1:8" in check.stdout
    fmt = tool("ruff", "format", "--check", "--config", str(ROOT / "pyproject.toml"), str(script))
    assert fmt.returncode == 1
    assert str(script) in fmt.stdout + fmt.stderr


def test_yamllint_accepts_mkdocs_tags_and_workflow_triggers():
    result = tool(
        "yamllint", "--strict", "-f", "parsable", "mkdocs.yml", ".github", ".pre-commit-config.yaml"
    )
    assert result.returncode == 0, result.stdout


def test_yamllint_fails_on_broken_yaml(tmp_path: Path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\n"
        "site_url: !ENV [SITE_URL, 'https://example.org/']\n"
        "theme:\n"
        "  name: material\n"
        "  name: readthedocs\n"
        "nav:\n"
        "- Home: index.md\n"
        "  - Oops: oops.md\n"
    )
    result = tool(
        "yamllint", "--strict", "-c", str(ROOT / ".yamllint.yaml"), "-f", "parsable", str(config)
    )
    assert result.returncode == 1
    assert f'{config}:5:3: [error] duplication of key "name" in mapping' in result.stdout
    assert f"{config}:8:" in result.stdout
