"""The contributor's path: the guide and the pull-request template, "Edit this page"
and "Last update" on every page, a build from a tarball, and the make targets."""

from __future__ import annotations

import subprocess
from pathlib import Path

from bs4 import BeautifulSoup

import check_links

from .conftest import ROOT, build_copy, copy_project

CONFIG = check_links.load_config()
EDIT = f"{CONFIG['repo_url']}/{CONFIG['edit_uri']}"
CHECK_TARGETS = ("lint", "spell", "notes", "lessons", "build", "links")
TEST_TARGETS = ("diagrams", "security", "audit", "workflows")


def pages(site: Path) -> list[Path]:
    """The built pages that come from Markdown (not the 404 page)."""
    return [p for p in sorted(site.rglob("index.html")) if p.parent.name != "search"]


def test_guide_walks_the_whole_path():
    guide = (ROOT / "CONTRIBUTING.md").read_text()
    for step in (
        "notes/day-02.txt",
        ".venv/bin/python scripts/import_notes.py notes/day-02.txt",
        "--force",
        "make notes",
        "make serve",
        "make check",
        "make test",
        "accTitle:",
        "accDescr:",
        "fence_mermaid_custom",
        "No diagram on the home page",
        "4 spaces",
        "No new warnings from `mkdocs build`",
        "Edit this page",
        "site-preview",
        # The lesson frame, the pattern of every lesson (scripts/check_lessons.py).
        '!!! question "Questions"',
        '!!! abstract "Objectives"',
        '!!! info "Before you start"',
        '!!! success "Key points"',
        "TODO(frame)",
        "make lessons",
        '!!! beyond "Beyond the class',
    ):
        assert step in guide, step


def test_pull_request_template_has_the_checklist():
    template = (ROOT / ".github" / "pull_request_template.md").read_text()
    assert template.count("- [ ]") >= 5
    for item in ("make test", "accTitle", "no new warnings", "import_notes.py"):
        assert item.lower() in template.lower(), item


def test_every_page_has_edit_link_and_last_update(site_dir: Path):
    built = pages(site_dir)
    assert len(built) >= 2
    for html in built:
        soup = BeautifulSoup(html.read_text(), "html.parser")
        edit = soup.select_one(f'a.md-content__button[href^="{EDIT}"]')
        assert edit, f"{html}: no Edit this page link"
        source = ROOT / CONFIG.get("docs_dir", "docs") / edit["href"].removeprefix(EDIT)
        assert source.is_file(), f"{html}: edit link to {edit['href']}, no such source"
        date = soup.select_one(".md-source-file .git-revision-date-localized-plugin")
        assert date and date.get_text(strip=True), f"{html}: no Last update date"


def test_revision_dates_fall_back_without_git():
    plugins = [p for p in CONFIG["plugins"] if isinstance(p, dict)]
    dates = next(
        p["git-revision-date-localized"] for p in plugins if "git-revision-date-localized" in p
    )
    assert dates["fallback_to_build_date"] is True


def test_a_copy_without_git_history_builds_strictly(tmp_path: Path):
    """What a source tarball (`git archive HEAD`) or a downloaded zip gives."""
    project = copy_project(tmp_path / "tarball")
    assert not (project / ".git").exists()
    result = build_copy(project, allow_extra_pages=False)
    assert result.returncode == 0, result.stdout + result.stderr
    soup = BeautifulSoup((project / "site" / "index.html").read_text(), "html.parser")
    assert soup.select_one(".git-revision-date-localized-plugin"), "no build date shown"


def test_make_help_lists_every_check():
    out = subprocess.run(["make", "help"], cwd=ROOT, capture_output=True, text=True).stdout
    for target in ("check", "test", *CHECK_TARGETS, *TEST_TARGETS):
        assert f"make {target} " in out, target


def test_make_check_is_the_fast_subset_and_test_runs_everything():
    def plan(target: str) -> str:
        # -n: print the commands, run nothing.
        return subprocess.run(
            ["make", "-n", target], cwd=ROOT, capture_output=True, text=True
        ).stdout

    check, test = plan("check"), plan("test")
    for command in (
        "ruff check",
        "yamllint",
        "check_markdown.py",
        "codespell",
        "import_notes.py --check",
        "check_lessons.py",
        "build_site.py",
        "check_links.py",
    ):
        assert command in check, command
        assert command in test, command
    for command in (
        "check_diagrams.py",
        "check_security.py",
        "audit_requirements.py",
        "check_workflows.py",
        "pytest",
    ):
        assert command not in check, command
        assert command in test, command


def test_pre_commit_hooks_are_local_and_cover_the_checks():
    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = config["repos"][0]["hooks"]
    assert {hook["language"] for hook in hooks} == {"system"}
    entries = " ".join(hook["entry"] for hook in hooks)
    for needed in (
        "ruff check",
        "ruff format",
        "yamllint",
        "check_markdown.py",
        "make --no-print-directory spell",
        "notes",
        "check_lessons.py",
        "links",
        "diagrams",
        "security",
        "workflows",
    ):
        assert needed in entries, needed
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "pre-commit"), "validate-config", ".pre-commit-config.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
