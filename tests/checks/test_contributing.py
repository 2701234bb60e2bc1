"""The contributor's path: the guide and the pull-request template, "Edit this page"
and "Last update" on every page, a build from a tarball, and the make targets."""

from __future__ import annotations

import subprocess
from pathlib import Path

from bs4 import BeautifulSoup

from scripts.core import config
from scripts.core.checks import CHECKS

from .conftest import ROOT, build_copy, copy_project

CONFIG = config.load()
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
        ".venv/bin/python -m scripts.import_notes notes/day-02.txt",
        "--force",
        "make notes",
        "make serve",
        "make check",
        "make test-fast",
        "make test",
        "take_screenshots",
        "accTitle",
        "accDescr",
        "Edit this page",
        "site-preview",
        "TODO(frame)",
        "make lessons",
        '!!! beyond "Beyond the class',
        "Content Security Policy",
    ):
        assert step in guide, step


def test_guide_links_the_three_tasks_a_newcomer_comes_for():
    guide = (ROOT / "CONTRIBUTING.md").read_text()
    for link in ("(#add-a-day)", "(dev/checks.md#add-a-check)", "(dev/drafter.md#adding-a-shape)"):
        assert link in guide, link
    assert "## Add a day" in guide
    assert "## Add a check" in (ROOT / "dev" / "checks.md").read_text()
    assert "## Adding a shape" in (ROOT / "dev" / "drafter.md").read_text()


def test_style_guide_holds_the_frame_and_the_diagram_rules():
    guide = (ROOT / "dev" / "style-guide.md").read_text()
    for rule in (
        # The lesson frame, the pattern of every lesson (scripts/check_lessons.py).
        '!!! question "Questions"',
        '!!! abstract "Objectives"',
        '!!! info "Before you start"',
        '!!! success "Key points"',
        "accTitle:",
        "accDescr:",
        "No diagram on the home page",
        "4 spaces",
        "No line through another box",
    ):
        assert rule in guide, rule


def test_readme_shows_the_two_commands_first():
    readme = (ROOT / "README.md").read_text()
    first_block = readme.split("```bash\n", 1)[1].split("```", 1)[0]
    assert [line.split()[1] for line in first_block.splitlines()] == ["serve", "test"]
    assert len(readme.splitlines()) <= 110
    assert len((ROOT / "CONTRIBUTING.md").read_text().splitlines()) <= 160


def test_pull_request_template_has_the_checklist():
    template = (ROOT / ".github" / "pull_request_template.md").read_text()
    assert template.count("- [ ]") >= 5
    for item in ("make test", "accTitle", "no new warnings", "scripts.import_notes"):
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
    for target in ("check", "test", *(check.target for check in CHECKS)):
        assert f"make {target} " in out, target
