#!/usr/bin/env python3
"""Draft a lesson pull request for each notes file that a push added or changed.

    python -m scripts.draft_lessons --base BASE [--head HEAD] [--dry-run]
    python -m scripts.draft_lessons notes/day-02.txt --dry-run
    make drafts BASE=origin/main DRY_RUN=1

For each notes/*.txt added or changed between BASE and HEAD (or each file named),
in a scratch git worktree at HEAD, on the branch `draft/<notes name>`: run the
importer (the page, its diagrams and lesson frame drafted, and its nav entry in
mkdocs.yml), commit exactly those two files, push the branch and open a pull
request with the GitHub CLI (`gh`; when one is open already, the push updates
it). --dry-run does all of it but the push and the pull request, which it prints;
the branch stays, to be looked at (`git show draft/day-02`). The checkout this
runs from is never touched. The GitHub workflow `.github/workflows/drafts.yml`
runs it on every push to main.

Exit codes: 0 done (or nothing to draft), 1 a notes file was not drafted (its
page was edited by hand, or the notes are bad: the message says which), 2 a git
or gh command failed, or bad usage.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .importer.frontmatter import split_page

NOTES_DIR = "notes"
BRANCH_PREFIX = "draft/"
# Who commits a draft: the workflow's bot (its commits link to no person).
AUTHOR = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")
NO_COMMIT = re.compile(r"^0*$")  # a push that created the branch has no "before"
OK, NOT_DRAFTED, FAILED = 0, 1, 2


class GitError(RuntimeError):
    """A git or gh command failed; the message holds its output."""


@dataclass(frozen=True, slots=True)
class Draft:
    """A notes file made into a branch with its drafted page, ready for review."""

    notes: str  # notes/day-02.txt
    branch: str  # draft/day-02
    page: str  # docs/days/day-02.md
    title: str  # Day 2: Continuous Integration
    diagrams: int


def run(command: list[str], cwd: Path, stdin: str | None = None) -> str:
    """Run a command; its output, or GitError with everything it said."""
    result = subprocess.run(command, cwd=cwd, input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        said = (result.stderr or result.stdout).strip()
        raise GitError(f"`{' '.join(command)}` failed ({result.returncode}): {said}")
    return result.stdout


def git(*args: str, cwd: Path) -> str:
    return run(["git", *args], cwd)


def is_notes(path: str) -> bool:
    """notes/NAME.txt, directly in notes/ (what the workflow's paths filter matches)."""
    pure = PurePosixPath(path)
    return pure.parent == PurePosixPath(NOTES_DIR) and pure.suffix == ".txt"


def changed_notes(repo: Path, base: str, head: str) -> list[str]:
    """Notes files added or changed from BASE to HEAD (all of HEAD's, without a BASE)."""
    if NO_COMMIT.match(base):
        listed = git("ls-tree", "-r", "--name-only", "-z", head, "--", NOTES_DIR, cwd=repo)
    else:
        listed = git("diff", "--name-only", "--diff-filter=AM", "-z", base, head, cwd=repo)
    return sorted(path for path in listed.split("\0") if path and is_notes(path))


def pull_request_body(draft: Draft, commit: str) -> str:
    """What the pull request says: what it holds, and what is left to do."""
    return f"""\
Drafted by `scripts/draft_lessons.py` from `{draft.notes}` (commit {commit[:12]}):
the page `{draft.page}`, with {draft.diagrams} drafted diagram(s) and the lesson
frame to fill in, and its entry in the nav of `mkdocs.yml`.

This is a draft, not a lesson yet. CONTRIBUTING.md, "Turn a draft into a lesson",
says how to finish it; push your edits to this branch.

- [ ] Each diagram checked against the notes lines its `%% drafted from` comment names:
      kept, redrawn or removed
- [ ] The lesson frame filled in: no `TODO(frame)` left (the lesson check fails on one)
- [ ] Typos fixed on the page (never in `notes/`), headings and definitions tidied
- [ ] The day added to the home page's table, new acronyms to `includes/abbreviations.md`
- [ ] Looked at in both palettes and on a phone (`scripts/take_screenshots.py`)

Checks do not start on a pull request that a workflow opened: push a commit to this
branch (or close and reopen the pull request) to run CI.
"""


def draft_one(repo: Path, head: str, notes: str, worktree: Path) -> Draft | int:
    """Make the branch draft/<name> at HEAD with the drafted page and nav entry
    committed, in `worktree`; else (after saying why) OK when the page is up to
    date, NOT_DRAFTED when the importer refused."""
    name = PurePosixPath(notes).stem
    branch = BRANCH_PREFIX + name
    git("worktree", "add", "--force", "-B", branch, str(worktree), head, cwd=repo)
    # The importer of the commit being drafted, run as a contributor would.
    importer = [sys.executable, "-m", "scripts.import_notes", notes, "--root", "."]
    result = subprocess.run(importer, cwd=worktree, capture_output=True, text=True)
    if result.returncode != 0:
        said = result.stderr.strip()
        print(f"{notes}: not drafted (the importer refused):\n{said}", file=sys.stderr)
        return NOT_DRAFTED
    changed = [
        line[3:]
        for line in git("status", "--porcelain", "--untracked-files=all", cwd=worktree).splitlines()
    ]
    if not changed:
        print(f"{notes}: its page is up to date; nothing to draft")
        return OK
    pages = [path for path in changed if path.endswith(".md")]
    unexpected = [path for path in changed if path != "mkdocs.yml" and path not in pages]
    if len(pages) != 1 or unexpected:
        raise GitError(f"{notes}: the importer changed {changed}, not one page and mkdocs.yml")
    page = pages[0]
    text = (worktree / page).read_text(encoding="utf-8")
    fields = (split_page(text) or ({}, ""))[0]
    title = json.loads(fields["title"]) if fields.get("title", "").startswith('"') else name
    diagrams = text.count("%% drafted from ")
    git("add", "--", *changed, cwd=worktree)
    name_, email = AUTHOR
    message = f"Draft {title} from {notes}\n\nMade by scripts/draft_lessons.py (the importer)."
    git("-c", f"user.name={name_}", "-c", f"user.email={email}", "commit", "-q", "-m", message,
        cwd=worktree)  # fmt: skip
    return Draft(notes, branch, page, title, diagrams)


def publish(repo: Path, draft: Draft, base_branch: str, dry_run: bool) -> None:
    """Push the branch and open its pull request (or, dry, say so)."""
    commit = git("rev-parse", draft.branch, cwd=repo).strip()
    title = f"Draft {draft.title} from {draft.notes}"
    body = pull_request_body(draft, commit)
    if dry_run:
        print(f"dry run: would push {draft.branch} ({commit[:12]}) and open a pull request")
        print(f"  into {base_branch}: {title}")
        print("".join(f"  | {line}\n" for line in body.splitlines()), end="")
        return
    git("push", "--force", "origin", f"{draft.branch}:refs/heads/{draft.branch}", cwd=repo)
    listed = run(
        ["gh", "pr", "list", "--head", draft.branch, "--state", "open", "--json", "url"], repo
    )
    if json.loads(listed or "[]"):
        print(f"{draft.notes}: pushed {draft.branch}; its pull request is open already")
        return
    url = run(
        ["gh", "pr", "create", "--base", base_branch, "--head", draft.branch, "--title", title,
         "--body-file", "-"],
        repo,
        stdin=body,
    )  # fmt: skip
    print(f"{draft.notes}: pull request {url.strip()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notes", nargs="*", help="notes files to draft (default: BASE..HEAD)")
    parser.add_argument("--base", help="the commit before the push (0000... for none)")
    parser.add_argument("--head", default="HEAD", help="the commit pushed (default: HEAD)")
    parser.add_argument("--into", default="main", help="the pull requests' base branch")
    parser.add_argument("--repo", type=Path, default=Path.cwd(), help="the git repository")
    parser.add_argument("--dry-run", action="store_true", help="no push, no pull request")
    args = parser.parse_args(argv)
    if not args.notes and args.base is None:
        parser.error("name notes files, or give --base")
    try:
        repo = Path(git("rev-parse", "--show-toplevel", cwd=args.repo).strip())
        head = git("rev-parse", "--verify", f"{args.head}^{{commit}}", cwd=repo).strip()
        notes = [n for n in args.notes if is_notes(n)] or changed_notes(repo, args.base or "", head)
        skipped = [n for n in args.notes if not is_notes(n)]
        for name in skipped:
            print(f"{name}: not a notes file (notes/NAME.txt); skipped", file=sys.stderr)
        if not notes:
            print("draft_lessons: no notes added or changed; nothing to draft")
            return NOT_DRAFTED if skipped else OK
        status = OK
        for name in notes:
            with tempfile.TemporaryDirectory(prefix="draft-") as scratch:
                worktree = Path(scratch) / "worktree"
                try:
                    drafted = draft_one(repo, head, name, worktree)
                finally:
                    if worktree.exists():
                        git("worktree", "remove", "--force", str(worktree), cwd=repo)
            if isinstance(drafted, int):  # nothing committed: no branch to leave behind
                git("branch", "-D", BRANCH_PREFIX + PurePosixPath(name).stem, cwd=repo)
                status = max(status, drafted)
            else:
                publish(repo, drafted, args.into, args.dry_run)
        return status
    except GitError as error:
        print(f"draft_lessons: {error}", file=sys.stderr)
        return FAILED


if __name__ == "__main__":
    raise SystemExit(main())
