"""From a notes file to a pull request: scripts/draft_lessons.py (`make drafts`) in a
scratch git repository, dry (no push, no `gh`), and the workflow that runs it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from scripts import draft_lessons

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "drafts.yml"
DAY_TWO = ROOT / "tests" / "importer" / "fixtures" / "frame" / "lesson.txt"  # "Day 2: ..."


def git(repo: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args]
    return subprocess.run(command, cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding what drafting needs: the importer, mkdocs.yml,
    Day 1's hand-finished page and its notes. One commit."""
    repo = tmp_path / "repo"
    shutil.copytree(
        ROOT / "scripts", repo / "scripts", ignore=shutil.ignore_patterns("__pycache__")
    )
    (repo / "docs" / "days").mkdir(parents=True)
    (repo / "notes").mkdir()
    shutil.copyfile(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    shutil.copyfile(ROOT / "docs" / "index.md", repo / "docs" / "index.md")
    shutil.copyfile(ROOT / "docs" / "days" / "day-01.md", repo / "docs" / "days" / "day-01.md")
    shutil.copyfile(ROOT / "notes" / "day-01.txt", repo / "notes" / "day-01.txt")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "The course so far")
    return repo


def commit_notes(repo: Path, name: str, text: str) -> tuple[str, str]:
    """Commit a notes file; (the commit before, the commit)."""
    before = git(repo, "rev-parse", "HEAD").strip()
    (repo / "notes" / name).write_text(text, encoding="utf-8")
    git(repo, "add", "notes")
    git(repo, "commit", "-q", "-m", f"Notes: {name}")
    return before, git(repo, "rev-parse", "HEAD").strip()


def test_dry_run_drafts_the_page_and_nav_on_a_branch_and_shows_the_pull_request(
    repo: Path, capsys
) -> None:
    before, after = commit_notes(repo, "day-02.txt", DAY_TWO.read_text(encoding="utf-8"))
    code = draft_lessons.main(["--base", before, "--dry-run", "--repo", str(repo)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "dry run: would push draft/day-02" in out
    assert "into main: Draft Day 2: Continuous Integration from notes/day-02.txt" in out
    assert "Turn a draft into a lesson" in out and "TODO(frame)" in out
    # The branch: one commit on top of the push, the page and the nav entry only.
    assert git(repo, "rev-parse", "draft/day-02~1").strip() == after
    changed = git(repo, "diff", "--name-only", after, "draft/day-02").split()
    assert changed == ["docs/days/day-02.md", "mkdocs.yml"]
    page = git(repo, "show", "draft/day-02:docs/days/day-02.md")
    assert page.count("```mermaid") == 2 and page.count("TODO(frame)") == 4
    nav = git(repo, "show", "draft/day-02:mkdocs.yml")
    assert '- "Day 2: Continuous Integration": days/day-02.md' in nav
    author = git(repo, "log", "-1", "--format=%an", "draft/day-02").strip()
    assert author == "github-actions[bot]"
    # The checkout it ran from is as it was: same branch, clean, no extra worktree.
    assert git(repo, "status", "--porcelain") == ""
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    assert len(git(repo, "worktree", "list").splitlines()) == 1


def test_a_page_edited_by_hand_is_not_drafted_over(repo: Path, capsys) -> None:
    notes = (repo / "notes" / "day-01.txt").read_text(encoding="utf-8")
    before, _ = commit_notes(repo, "day-01.txt", notes + "\n\tA line added later\n")
    assert draft_lessons.main(["--base", before, "--dry-run", "--repo", str(repo)]) == 1
    err = capsys.readouterr().err
    assert "notes/day-01.txt: not drafted" in err
    assert "docs/days/day-01.md:1: refusing to overwrite" in err
    assert git(repo, "branch", "--list", "draft/*") == ""  # nothing left behind


def test_nothing_to_draft_when_no_notes_changed(repo: Path, capsys) -> None:
    (repo / "README.md").write_text("# Course\n", encoding="utf-8")
    git(repo, "add", "README.md")
    git(repo, "commit", "-q", "-m", "Readme")
    assert draft_lessons.main(["--base", "HEAD~1", "--dry-run", "--repo", str(repo)]) == 0
    assert "nothing to draft" in capsys.readouterr().out


def test_a_new_branch_push_drafts_every_notes_file_it_holds(repo: Path, capsys) -> None:
    """A push that created the branch has no commit before it (0000...)."""
    commit_notes(repo, "day-02.txt", DAY_TWO.read_text(encoding="utf-8"))
    code = draft_lessons.main(["--base", "0" * 40, "--dry-run", "--repo", str(repo)])
    captured = capsys.readouterr()
    assert code == 1  # Day 1's page is hand-finished: refused, and said so
    assert "would push draft/day-02" in captured.out
    assert "notes/day-01.txt: not drafted" in captured.err


def test_make_drafts_runs_the_same_script() -> None:
    result = subprocess.run(
        ["make", "-n", "drafts", "BASE=abc123", "DRY_RUN=1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert 'scripts.draft_lessons --base "abc123" --dry-run' in result.stdout


def test_the_workflow_drafts_on_notes_pushed_to_main_with_the_least_rights() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    on = workflow.get("on", workflow.get(True))
    assert on == {"push": {"branches": ["main"], "paths": ["notes/*.txt"]}}
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert "fork" in job["if"]
    runs = [step.get("run", "") for step in job["steps"]]
    assert 'make drafts BASE="$BEFORE"' in runs
    # The push's own "before", passed through the environment (never into the script).
    (step,) = [s for s in job["steps"] if "make drafts" in s.get("run", "")]
    assert step["env"]["BEFORE"] == "${{ github.event.before }}"
    checkout = job["steps"][0]
    assert checkout["with"]["persist-credentials"] is False


def test_the_guide_says_how_a_draft_becomes_a_lesson() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide.split("## Turn a draft into a lesson", 1)[1].split("\n## ", 1)[0]
    for step in ("%% drafted from", "TODO(frame)", '!!! question "Questions"', "accDescr"):
        assert step in section, step
    assert "make drafts DRY_RUN=1" in guide and "Draft lessons" in guide
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "%% drafted from" in template and "TODO(frame)" in template
