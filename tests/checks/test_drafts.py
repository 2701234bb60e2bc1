"""From a notes file to a pull request: scripts/draft_lessons.py (`make drafts`) against a
local bare repository as `origin`, with a stand-in `gh` on PATH (stand_in_gh.py), and the
workflow that runs it. Issue 18: nothing a contributor pushes is lost."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts import draft_lessons
from scripts.importer.frontmatter import sha256

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "drafts.yml"
DAY_TWO = ROOT / "tests" / "importer" / "fixtures" / "frame" / "lesson.txt"  # "Day 2: ..."
STAND_IN_GH = Path(__file__).with_name("stand_in_gh.py")
BOT = "github-actions[bot]"


def git(repo: Path, *args: str, who: str = "Test") -> str:
    command = ["git", "-c", f"user.name={who}", "-c", f"user.email={who}@example.com", *args]
    return subprocess.run(command, cwd=repo, check=True, capture_output=True, text=True).stdout


class Course:
    """The course's repository as the path meets it: `origin`, a bare repository; `main`,
    the instructor's clone of it; a stand-in `gh` on PATH whose pull requests and calls
    are kept in `gh_state`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.origin = root / "origin.git"
        self.main = root / "main"
        self.gh_state = root / "gh.json"

    def commit_notes(self, name: str, text: str, message: str = "") -> str:
        (self.main / "notes" / name).write_text(text, encoding="utf-8")
        git(self.main, "add", "notes")
        git(self.main, "commit", "-q", "-m", message or f"Notes: {name}", who="Instructor")
        git(self.main, "push", "-q", "origin", "main")
        return git(self.main, "rev-parse", "HEAD").strip()

    def draft(self, *args: str, capsys=None) -> tuple[int, str, str]:
        """The drafter as the workflow runs it, from the instructor's checkout."""
        code = draft_lessons.main([*args, "--repo", str(self.main)])
        captured = capsys.readouterr() if capsys else None
        return code, captured.out if captured else "", captured.err if captured else ""

    def tip(self, branch: str) -> str | None:
        result = subprocess.run(
            ["git", "rev-parse", "--verify", "-q", f"refs/heads/{branch}"],
            cwd=self.origin,
            capture_output=True,
            text=True,
        )
        return result.stdout.strip() or None

    def show(self, revision: str, path: str) -> str:
        return git(self.origin, "show", f"{revision}:{path}")

    @property
    def pulls(self) -> list[dict]:
        return json.loads(self.gh_state.read_text())["prs"] if self.gh_state.exists() else []

    def calls(self, *command: str) -> list[dict]:
        """The stand-in gh's calls that start with `command` (e.g. "pr", "create")."""
        if not self.gh_state.exists():
            return []
        calls = json.loads(self.gh_state.read_text())["calls"]
        return [call for call in calls if call["argv"][: len(command)] == list(command)]

    def contributor(self, name: str = "contributor") -> Path:
        """A contributor's clone of origin, on draft/day-02."""
        clone = self.root / name
        git(self.root, "clone", "-q", "--branch", "draft/day-02", str(self.origin), str(clone))
        return clone


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Course:
    """origin (bare) holding what drafting needs: the importer, mkdocs.yml, Day 1's
    hand-finished page and its notes; the instructor's clone; gh stand-in on PATH."""
    course = Course(tmp_path)
    repo = course.main
    shutil.copytree(
        ROOT / "scripts", repo / "scripts", ignore=shutil.ignore_patterns("__pycache__")
    )
    (repo / "docs" / "days").mkdir(parents=True)
    (repo / "notes").mkdir()
    for name in (".gitignore", "mkdocs.yml", "docs/index.md", "docs/days/day-01.md"):
        shutil.copyfile(ROOT / name, repo / name)
    shutil.copyfile(ROOT / "notes" / "day-01.txt", repo / "notes" / "day-01.txt")
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(course.origin))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "The course so far")
    git(repo, "remote", "add", "origin", str(course.origin))
    git(repo, "push", "-q", "origin", "main")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{STAND_IN_GH}" "$@"\n')
    gh.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("STAND_IN_GH_STATE", str(course.gh_state))
    return course


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file, folder and link under `folder` (.git included), by path: its bytes'
    hash. Equal fingerprints: no branch, no index, no work tree was touched."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[key] = "link " + os.readlink(path)
        elif path.is_dir():
            found[key] = "dir"
        else:
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


# -- A first draft --


def test_a_notes_file_becomes_a_draft_branch_and_a_pull_request(course: Course, capsys) -> None:
    after = course.commit_notes("day-02.txt", DAY_TWO.read_text(encoding="utf-8"))
    code, out, err = course.draft(capsys=capsys)
    assert code == 0, err
    assert "notes/day-02.txt: drafted on draft/day-02 (new); opened https://github.test/" in out
    # The branch: one commit on top of main, the page and the nav entry only.
    tip = course.tip("draft/day-02")
    assert git(course.origin, "rev-parse", f"{tip}~1").strip() == after
    changed = git(course.origin, "diff", "--name-only", after, tip).split()
    assert changed == ["docs/days/day-02.md", "mkdocs.yml"]
    page = course.show(tip, "docs/days/day-02.md")
    assert page.count("```mermaid") == 2 and page.count("TODO(frame)") == 4
    assert '- "Day 2: Continuous Integration": days/day-02.md' in course.show(tip, "mkdocs.yml")
    log = git(course.origin, "log", "-1", "--format=%an%n%(trailers:only)", tip)
    assert log.strip().splitlines() == [
        BOT,
        "Drafted-by: scripts/draft_lessons.py",
        "Draft-notes: notes/day-02.txt",
        f"Draft-notes-from: {after}",
    ]
    (pull,) = course.pulls
    assert pull["title"] == "Draft Day 2: Continuous Integration from notes/day-02.txt"
    assert (pull["headRefName"], pull["baseRefName"]) == ("draft/day-02", "main")
    assert "Turn a draft into a lesson" in pull["body"] and "TODO(frame)" in pull["body"]
    assert "never rewrites a commit you pushed" in pull["body"]


def test_drafting_twice_in_a_row_adds_nothing(course: Course, capsys) -> None:
    course.commit_notes("day-02.txt", DAY_TWO.read_text(encoding="utf-8"))
    assert course.draft(capsys=capsys)[0] == 0
    refs = git(course.origin, "for-each-ref")
    code, out, _ = course.draft(capsys=capsys)
    assert code == 0
    assert "notes/day-02.txt: draft/day-02 carries these notes already; nothing to do" in out
    assert git(course.origin, "for-each-ref") == refs
    assert len(course.calls("pr", "create")) == 1 and course.calls("pr", "comment") == []


def test_a_branch_pushed_without_its_pull_request_gets_one_next_time(
    course: Course, capsys
) -> None:
    """gh failed after the push (a network error): the next run opens the pull request."""
    course.commit_notes("day-02.txt", DAY_TWO.read_text(encoding="utf-8"))
    assert course.draft(capsys=capsys)[0] == 0
    course.gh_state.unlink()  # as if `gh pr create` had never happened
    code, out, _ = course.draft(capsys=capsys)
    assert code == 0
    assert "draft/day-02 carries these notes already; opened https://github.test/" in out
    assert len(course.pulls) == 1


# -- Defect 1: a re-draft wiped the contributor's commits --


def contribute(course: Course, edit_page: bool) -> str:
    """A contributor pushes a commit to draft/day-02: "Fill in the questions" on the
    page, or (edit_page False) a row on the home page. Its id."""
    clone = course.contributor()
    if edit_page:
        page = clone / "docs" / "days" / "day-02.md"
        text = page.read_text(encoding="utf-8")
        page.write_text(
            text.replace(
                "- TODO(frame): the questions this lesson answers",
                "- What does a CI pipeline do, step by step?",
                1,
            ),
            encoding="utf-8",
        )
        message = "Fill in the questions"
    else:
        index = clone / "docs" / "index.md"
        index.write_text(index.read_text(encoding="utf-8") + "\nDay 2: CI.\n", encoding="utf-8")
        message = "Add Day 2 to the home page"
    git(clone, "commit", "-q", "-am", message, who="Contributor")
    git(clone, "push", "-q", "origin", "draft/day-02")
    return git(clone, "rev-parse", "HEAD").strip()


NEW_LINE = "\tA step the instructor added later: Deploy\n"


def test_an_edited_page_keeps_the_contributors_commit_and_gets_the_notes_on_top(
    course: Course, capsys
) -> None:
    notes = DAY_TWO.read_text(encoding="utf-8")
    course.commit_notes("day-02.txt", notes)
    assert course.draft(capsys=capsys)[0] == 0
    theirs = contribute(course, edit_page=True)
    head = course.commit_notes("day-02.txt", notes + NEW_LINE, "Notes: a step added")
    code, out, err = course.draft(capsys=capsys)
    tip = course.tip("draft/day-02")
    assert git(course.origin, "rev-parse", f"{tip}~1").strip() == theirs  # on top, kept
    assert code == 0, err
    assert git(course.origin, "diff", "--name-only", theirs, tip).split() == ["notes/day-02.txt"]
    page = course.show(tip, "docs/days/day-02.md")
    assert "- What does a CI pipeline do, step by step?" in page  # their edit, untouched
    assert "draft/day-02 holds others' commits, kept; its page is edited: the notes on top" in out
    (comment,) = course.pulls[0]["comments"]
    assert f"The notes changed on `main` (commit {head[:12]})" in comment
    assert "has been edited on this branch, so it is yours" in comment
    assert f"`source_sha256: {sha256((notes + NEW_LINE).encode())}`" in comment
    assert "```diff\n" in comment and "+\tA step the instructor added later: Deploy" in comment
    # Once more: nothing new, no second comment.
    refs = git(course.origin, "for-each-ref")
    assert course.draft(capsys=capsys)[0] == 0
    assert git(course.origin, "for-each-ref") == refs
    assert len(course.calls("pr", "comment")) == 1


def test_an_untouched_page_is_reimported_on_top_of_the_contributors_commit(
    course: Course, capsys
) -> None:
    notes = DAY_TWO.read_text(encoding="utf-8")
    course.commit_notes("day-02.txt", notes)
    assert course.draft(capsys=capsys)[0] == 0
    theirs = contribute(course, edit_page=False)
    course.commit_notes("day-02.txt", notes + NEW_LINE, "Notes: a step added")
    code, out, err = course.draft(capsys=capsys)
    tip = course.tip("draft/day-02")
    assert git(course.origin, "rev-parse", f"{tip}~1").strip() == theirs
    assert code == 0, err
    changed = git(course.origin, "diff", "--name-only", theirs, tip).split()
    assert changed == ["docs/days/day-02.md", "notes/day-02.txt"]
    assert "A step the instructor added later: Deploy" in course.show(tip, "docs/days/day-02.md")
    assert "Day 2: CI." in course.show(tip, "docs/index.md")  # their commit's work
    assert "draft/day-02 holds others' commits, kept; re-imported on top" in out
    (comment,) = course.pulls[0]["comments"]
    assert "was not edited on this branch, so the drafter imported it again" in comment
    assert "Your commits are kept" in comment


def test_a_draft_nobody_touched_is_drafted_again_from_main(course: Course, capsys) -> None:
    notes = DAY_TWO.read_text(encoding="utf-8")
    course.commit_notes("day-02.txt", notes)
    assert course.draft(capsys=capsys)[0] == 0
    first = course.tip("draft/day-02")
    head = course.commit_notes("day-02.txt", notes + NEW_LINE, "Notes: a step added")
    code, out, err = course.draft(capsys=capsys)
    assert code == 0, err
    assert "draft/day-02 held only the drafter's commits: drafted again" in out
    tip = course.tip("draft/day-02")
    assert tip != first and git(course.origin, "rev-parse", f"{tip}~1").strip() == head
    assert "A step the instructor added later" in course.show(tip, "docs/days/day-02.md")
    (comment,) = course.pulls[0]["comments"]
    assert "Nobody else had pushed to this branch" in comment


def test_a_commit_that_copies_the_drafters_name_and_trailers_is_still_kept(
    course: Course, capsys
) -> None:
    """Identity and trailers are easy to copy; the drafter checks the commit's tree."""
    notes = DAY_TWO.read_text(encoding="utf-8")
    course.commit_notes("day-02.txt", notes)
    assert course.draft(capsys=capsys)[0] == 0
    drafted = course.tip("draft/day-02")
    clone = course.contributor()
    page = clone / "docs" / "days" / "day-02.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMy own paragraph.\n", encoding="utf-8")
    message = git(clone, "log", "-1", "--format=%B", drafted)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": BOT,
        "GIT_COMMITTER_NAME": BOT,
        "GIT_AUTHOR_EMAIL": draft_lessons.AUTHOR[1],
        "GIT_COMMITTER_EMAIL": draft_lessons.AUTHOR[1],
    }
    subprocess.run(["git", "commit", "-q", "-a", "-m", message], cwd=clone, env=env, check=True)
    git(clone, "push", "-q", "origin", "draft/day-02")
    forged = git(clone, "rev-parse", "HEAD").strip()
    course.commit_notes("day-02.txt", notes + NEW_LINE, "Notes: a step added")
    code, out, err = course.draft(capsys=capsys)
    tip = course.tip("draft/day-02")
    assert git(course.origin, "rev-parse", f"{tip}~1").strip() == forged
    assert "My own paragraph." in course.show(tip, "docs/days/day-02.md")
    assert code == 0, err
    assert "holds others' commits, kept" in out


def test_a_draft_whose_pull_request_was_closed_is_left_alone(course: Course, capsys) -> None:
    """People closed the draft (they finish the lesson elsewhere): new notes push nothing."""
    notes = DAY_TWO.read_text(encoding="utf-8")
    course.commit_notes("day-02.txt", notes)
    assert course.draft(capsys=capsys)[0] == 0
    contribute(course, edit_page=True)
    state = json.loads(course.gh_state.read_text())
    state["prs"][0]["state"] = "CLOSED"
    course.gh_state.write_text(json.dumps(state))
    tip = course.tip("draft/day-02")
    course.commit_notes("day-02.txt", notes + NEW_LINE, "Notes: a step added")
    code, out, _ = course.draft(capsys=capsys)
    assert code == 0
    assert "draft/day-02: its pull request was closed or merged; left alone" in out
    assert course.tip("draft/day-02") == tip
    assert course.calls("pr", "comment") == [] and len(course.calls("pr", "create")) == 1


# -- Defect 2: a dry run reset local draft/* branches --


def test_a_dry_run_touches_no_branch_index_or_work_tree(course: Course, capsys) -> None:
    repo = course.main
    course.commit_notes("day-02.txt", DAY_TWO.read_text(encoding="utf-8"))
    # An unpushed commit on a local draft/day-02, and an uncommitted edit in the checkout.
    git(repo, "checkout", "-q", "-b", "draft/day-02")
    git(repo, "commit", "-q", "--allow-empty", "-m", "Local work")
    local = git(repo, "rev-parse", "draft/day-02").strip()
    git(repo, "checkout", "-q", "main")
    (repo / "docs" / "index.md").write_text("# Work in progress\n", encoding="utf-8")
    before = fingerprint(repo)
    code, out, err = course.draft("--dry-run", capsys=capsys)
    assert git(repo, "rev-parse", "draft/day-02").strip() == local
    assert fingerprint(repo) == before
    assert course.tip("draft/day-02") is None and course.calls() == []
    assert code == 0, err
    assert "dry run: would push" in out and "to draft/day-02" in out
    assert "would open a pull request into main, unless one is open:" in out
    assert "Draft Day 2: Continuous Integration from notes/day-02.txt" in out


# -- Defect 3: ordinary file names broke the run --


def test_file_names_make_valid_branches_and_each_notes_file_is_drafted_on_its_own(
    course: Course, capsys
) -> None:
    """`Day 03.txt`, `a"quote.txt` and `café.txt`, and a bad notes file in the same push."""
    for name, day in (("Day 03.txt", 3), ('a"quote.txt', 4), ("café.txt", 5)):
        (course.main / "notes" / name).write_text(
            f"Day {day}: {17 + day}th Nov. 2025\nTopic {day} :::\n\tA line\n", encoding="utf-8"
        )
    (course.main / "notes" / "day-06.txt").write_bytes(b"Day 6\n\x00\x01binary")
    course.commit_notes("day-07.txt", "Day 7: 24th Nov. 2025\nSeven :::\n\tA line\n")
    code, _, err = course.draft(capsys=capsys)
    branches = git(course.origin, "for-each-ref", "--format=%(refname:short)", "refs/heads/draft")
    names = branches.split()
    assert "draft/day-03" in names and "draft/day-07" in names
    quote = next(name for name in names if name.startswith("draft/a-quote-"))
    cafe = next(name for name in names if name.startswith("draft/cafe-"))
    assert len(names) == 4
    assert 'source: "notes/a\\"quote.txt"' in course.show(quote, 'docs/days/a"quote.md')
    assert 'source: "notes/café.txt"' in course.show(cafe, "docs/days/café.md")
    assert len(course.pulls) == 4
    assert code == 1  # one notes file was not drafted, and said so at the end
    assert err.splitlines()[-2].startswith("notes/day-06.txt: bad notes: notes/day-06.txt:2:")
    assert err.splitlines()[-1] == "draft_lessons: 1 notes file(s) not drafted"
    # Branches are named after the page: the same name for the same page, every time.
    assert draft_lessons.branch_for("docs/days/café.md") == cafe


def test_branch_names_are_valid_and_distinct() -> None:
    names = ["day-03", "Day 03", 'a"quote', "café", "cafe", "-x", "a..b", "x.lock", "日本"]
    branches = [draft_lessons.branch_for(f"docs/days/{name}.md") for name in names]
    assert len(set(branches)) == len(branches)
    for branch in branches:
        checked = subprocess.run(["git", "check-ref-format", "--branch", branch])
        assert checked.returncode == 0, branch
    assert branches[0] == "draft/day-03"


def test_two_notes_files_for_one_page_are_both_reported(course: Course, capsys) -> None:
    (course.main / "notes" / "day-3.txt").write_text("Day 3\nA :::\n\tx\n", encoding="utf-8")
    course.commit_notes("day-03.txt", "Day 3\nB :::\n\ty\n")
    code, _, err = course.draft(capsys=capsys)
    assert code == 1
    assert "notes/day-03.txt, notes/day-3.txt all make docs/days/day-03.md" in err
    assert course.tip("draft/day-03") is None


def test_symlinked_notes_never_reach_a_pull_request(course: Course, capsys) -> None:
    """Defect 7 through the workflow: `ln -s /etc/passwd notes/day-05.txt`, pushed."""
    (course.main / "notes" / "day-05.txt").symlink_to("/etc/passwd")
    course.commit_notes("day-06.txt", "Day 6: 23rd Nov. 2025\nSix :::\n\tA line\n")
    code, _, err = course.draft(capsys=capsys)
    assert code == 1
    assert "notes/day-05.txt: bad notes: notes/day-05.txt:1: is a symlink" in err
    assert course.tip("draft/day-05") is None and course.tip("draft/day-06") is not None
    assert all("root:" not in (pull["body"] or "") for pull in course.pulls)


# -- Defect 4: renamed notes were never drafted --


def test_a_rename_with_edits_is_drafted(course: Course, capsys) -> None:
    """notes/day-02.txt, imported on main, renamed to notes/Day 2.txt with an edit."""
    repo = course.main
    notes = DAY_TWO.read_text(encoding="utf-8")
    (repo / "notes" / "day-02.txt").write_text(notes, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "scripts.import_notes", "notes/day-02.txt"], cwd=repo, check=True
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Day 2 imported")
    git(repo, "mv", "notes/day-02.txt", "notes/Day 2.txt")
    (repo / "notes" / "Day 2.txt").write_text(notes + NEW_LINE, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Notes renamed, a step added")
    git(repo, "push", "-q", "origin", "main")
    assert "R" in git(repo, "diff", "--name-status", "-M", "HEAD~1", "HEAD")
    code, out, err = course.draft(capsys=capsys)
    assert course.tip("draft/day-02") is not None, out + err
    page = course.show("draft/day-02", "docs/days/day-02.md")
    assert 'source: "notes/Day 2.txt"' in page and "A step the instructor added later" in page
    assert code == 0, err
    assert "notes/Day 2.txt: drafted on draft/day-02 (new)" in out


# -- Defect 5: quick pushes could drop a draft --


def test_a_run_drafts_every_stale_page_not_only_its_own_pushs(course: Course, capsys) -> None:
    """Three pushes in a row; GitHub ran only the last one's workflow."""
    course.commit_notes("day-02.txt", DAY_TWO.read_text(encoding="utf-8"))
    course.commit_notes("day-03.txt", "Day 3: 19th Nov. 2025\nDocker :::\n\tdocker ps\n")
    course.commit_notes("day-04.txt", "Day 4: 20th Nov. 2025\nK8s :::\n\tkubectl get\n")
    code, out, err = course.draft(capsys=capsys)
    for day in (2, 3, 4):
        assert course.tip(f"draft/day-0{day}") is not None, out
    assert course.tip("draft/day-01") is None  # Day 1's page is up to date on main
    assert code == 0, err


def test_a_page_edited_by_hand_on_main_is_not_drafted_over(course: Course, capsys) -> None:
    notes = (course.main / "notes" / "day-01.txt").read_text(encoding="utf-8")
    course.commit_notes("day-01.txt", notes + "\n\tA line added later\n")
    code, _, err = course.draft(capsys=capsys)
    assert code == 1
    assert "notes/day-01.txt: not drafted: the importer refused" in err
    assert "docs/days/day-01.md:1: refusing to overwrite" in err
    assert course.tip("draft/day-01") is None


def test_nothing_to_draft_when_every_page_is_up_to_date(course: Course, capsys) -> None:
    code, out, _ = course.draft(capsys=capsys)
    assert code == 0
    assert "draft_lessons: every page is up to date; nothing to draft" in out


# -- The whole path, as the workflow and people run it (the "Done when") --


def run_drafter(checkout: Path) -> subprocess.CompletedProcess:
    """`python -m scripts.draft_lessons` in a checkout, as `make drafts` runs it."""
    return subprocess.run(
        [sys.executable, "-m", "scripts.draft_lessons"],
        cwd=checkout,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def test_the_whole_path_keeps_the_contributors_commit_and_tells_them(course: Course) -> None:
    """Draft; a contributor pushes "Fill in the questions" to draft/day-02; the notes
    change on main; draft again (each run in a fresh checkout of origin, as the
    workflow's): the commit is still on the branch, and the change reached the pull
    request as a commit on top and a comment with the notes' diff."""
    notes = DAY_TWO.read_text(encoding="utf-8")
    course.commit_notes("day-02.txt", notes)

    def workflow_run(name: str) -> subprocess.CompletedProcess:
        checkout = course.root / name
        git(course.root, "clone", "-q", str(course.origin), str(checkout))
        return run_drafter(checkout)

    first = workflow_run("run-1")
    assert first.returncode == 0, first.stderr
    assert len(course.calls("pr", "create")) == 1

    clone = course.contributor()
    page = clone / "docs" / "days" / "day-02.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "- TODO(frame): the questions this lesson answers", "- What runs in CI, and when?"
        ),
        encoding="utf-8",
    )
    git(clone, "commit", "-q", "-am", "Fill in the questions", who="Contributor")
    git(clone, "push", "-q", "origin", "draft/day-02")
    theirs = git(clone, "rev-parse", "HEAD").strip()

    course.commit_notes("day-02.txt", notes + NEW_LINE, "Notes: a step added")
    second = workflow_run("run-2")
    assert second.returncode == 0, second.stderr
    tip = course.tip("draft/day-02")
    ancestor = subprocess.run(
        ["git", "merge-base", "--is-ancestor", theirs, tip], cwd=course.origin
    )
    assert ancestor.returncode == 0, "the contributor's commit was lost"
    assert "- What runs in CI, and when?" in course.show(tip, "docs/days/day-02.md")
    assert course.show(tip, "notes/day-02.txt") == notes + NEW_LINE
    (comment,) = course.pulls[0]["comments"]
    assert "+\tA step the instructor added later: Deploy" in comment

    # The contributor pulls and goes on; their next push is a fast-forward.
    git(clone, "pull", "-q", "--ff-only")
    git(clone, "commit", "-q", "--allow-empty", "-m", "Objectives", who="Contributor")
    git(clone, "push", "-q", "origin", "draft/day-02")

    third = workflow_run("run-3")
    assert third.returncode == 0, third.stderr
    assert "carries these notes already; nothing to do" in third.stdout
    assert len(course.calls("pr", "comment")) == 1
    assert [call["argv"][:2] for call in course.calls()].count(["pr", "create"]) == 1


# -- Make and the workflow --


def test_make_drafts_runs_the_same_script() -> None:
    result = subprocess.run(
        ["make", "-n", "drafts", "DRY_RUN=1"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "scripts.draft_lessons --dry-run" in result.stdout


def test_the_workflow_drafts_on_notes_pushed_to_main_with_the_least_rights() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    on = workflow.get("on", workflow.get(True))
    assert on == {"push": {"branches": ["main"], "paths": ["notes/*.txt"]}}
    assert workflow["permissions"] == {}
    assert workflow["concurrency"] == {"group": "draft-lessons", "cancel-in-progress": False}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert "fork" in job["if"]
    runs = [step.get("run", "") for step in job["steps"]]
    assert "make drafts" in runs  # every stale page, not the push's own files
    checkout = job["steps"][0]
    assert checkout["with"]["persist-credentials"] is False
    assert checkout["with"]["fetch-depth"] == 0


def test_the_guide_says_how_a_draft_becomes_a_lesson_and_what_new_notes_do() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide.split("## Turn a draft into a lesson", 1)[1].split("\n## ", 1)[0]
    for step in ("%% drafted from", "TODO(frame)", "accDescr"):
        assert step in section, step
    for promise in ("never rewrites", "on top", "source_sha256", "git pull", "dev/drafts.md"):
        assert promise in section, promise
    assert "Draft lessons" in guide
    assert "make drafts DRY_RUN=1" in (ROOT / "dev" / "maintaining.md").read_text(encoding="utf-8")
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "%% drafted from" in template and "TODO(frame)" in template
