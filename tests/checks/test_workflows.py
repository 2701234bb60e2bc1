"""scripts/check_workflows.py: the workflows validate against GitHub's schema, pass
zizmor offline, pin every action by SHA, and build with full history."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from scripts import check_workflows

from .conftest import ROOT, run_check

WORKFLOWS = ROOT / ".github" / "workflows"


def run(capsys, *argv: str) -> tuple[int, str]:
    return run_check(check_workflows.main, capsys, *argv)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository holding a copy of our .github/ folder."""
    shutil.copytree(ROOT / ".github", tmp_path / ".github")
    return tmp_path


def edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / ".github" / "workflows" / name
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_unpinned_action_fails(capsys, repo: Path):
    edit(
        repo,
        "ci.yml",
        "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1",
        "actions/checkout@v7",
    )
    code, output = run(capsys, str(repo))
    assert code == 1
    assert ".github/workflows/ci.yml:" in output
    assert "actions/checkout@v7: pin the action by its full commit SHA" in output
    assert "unpinned-uses" in output  # zizmor agrees


def test_pin_without_version_comment_fails(capsys, repo: Path):
    edit(
        repo,
        "deploy.yml",
        "cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0",
        "cd2ce8fcbc39b97be8ca5fce6e763baed58fa128",
    )
    code, output = run(capsys, str(repo))
    assert code == 1
    assert "deploy.yml:" in output and "as a `# vX.Y.Z` comment" in output


def test_pull_request_target_fails(capsys, repo: Path):
    edit(repo, "preview.yml", "on:\n  pull_request:\n", "on:\n  pull_request_target:\n")
    code, output = run(capsys, str(repo))
    assert code == 1
    assert "preview.yml: `pull_request_target` runs a fork's pull request" in output


def test_shallow_clone_for_the_site_fails(capsys, repo: Path):
    edit(repo, "deploy.yml", "fetch-depth: 0", "fetch-depth: 1")
    code, output = run(capsys, str(repo))
    assert code == 1
    assert "deploy.yml: job `build` builds the site from a shallow clone" in output


def test_schema_error_fails(capsys, repo: Path):
    edit(repo, "ci.yml", "runs-on: ubuntu-24.04", "runs_on: ubuntu-24.04")
    code, output = run(capsys, str(repo))
    assert code == 1
    assert "check-jsonschema (vendor.github-workflows)" in output
    assert "ci.yml" in output


def test_template_injection_fails(capsys, repo: Path):
    edit(
        repo,
        "preview.yml",
        'echo "### Site preview"',
        'echo "### Preview of ${{ github.event.pull_request.title }}"',
    )
    code, output = run(capsys, str(repo))
    assert code == 1
    assert "template-injection" in output


def test_deploy_is_least_privilege():
    deploy = yaml.safe_load((WORKFLOWS / "deploy.yml").read_text())
    assert deploy["permissions"] == {}
    assert deploy["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["concurrency"]["group"]
    uses = [s.get("uses", "") for job in deploy["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_preview_uploads_and_never_deploys():
    text = (WORKFLOWS / "preview.yml").read_text()
    preview = yaml.safe_load(text)
    assert list(preview[True]) == ["pull_request"]
    assert preview["permissions"] == {"contents": "read"}
    assert "actions/upload-artifact@" in text
    assert "deploy-pages" not in text and "pages: write" not in text


def test_ci_runs_make_test_and_a_real_pip_audit():
    text = (WORKFLOWS / "ci.yml").read_text()
    assert "run: make test" in text
    assert "make audit AUDIT_FLAGS=--require-service" in text
