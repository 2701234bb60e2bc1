#!/usr/bin/env python3
"""Draft a lesson pull request for every notes file whose page is missing or out of date.

    python -m scripts.draft_lessons [--dry-run] [notes/day-02.txt ...]
    make drafts                  # what the Draft lessons workflow runs on each push to main
    make drafts DRY_RUN=1        # the same steps; prints what it would push and say

Which notes: every notes/*.txt of HEAD whose page `make notes` finds missing or out
of date (the importer's `--check --json` says so; nothing here re-implements it),
or only those named. So each run catches up on whatever an earlier run missed.

Each is handled on its own, in a temporary clone of the checkout (the checkout
itself, its branches, index and work tree, are never touched), against the
remote's branch `draft/<page>` (`draft/day-03` for notes/Day 03.txt, as the
importer names the page):

- no such branch: the importer's draft of the page and its nav entry, committed
  on HEAD, is pushed there, and a pull request opened (`gh`);
- the branch already carries these notes: nothing (drafting twice in a row adds
  nothing the second time);
- every commit on it is the drafter's own (verified by content, below): it is
  drafted again from HEAD and pushed over, with a lease on what was read;
- anything else, someone's work is on it, and it is never rewritten. A commit on
  top brings the new notes: re-imported with the page and its nav entry when
  nobody edited the page, else the notes alone (the page is theirs). A comment on
  the pull request gives the notes' diff and says which it was.

A commit counts as the drafter's when its trailers name the notes and the commit of
main they came from, and its tree is exactly what the importer makes from its
parent and those notes: a commit that passes holds nothing but the importer's
output, whoever made it (author, committer and trailers are easily copied; the tree
is not). dev/drafts.md has the design, CONTRIBUTING.md what contributors see.

Every failure is reported at the end, the others drafted all the same. Exit codes:
0 done (or nothing to draft), 1 a notes file was not drafted (bad notes, a page
edited by hand on main, two notes files for one page), 2 a git or gh command
failed, or bad usage.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .importer.frontmatter import sha256 as notes_sha256
from .importer.frontmatter import split_page

NOTES_DIR = "notes"
BRANCH_PREFIX = "draft/"
REMOTE_DRAFTS = "refs/remote-drafts/"  # the remote's draft branches, in the scratch clone
# Who commits a draft: the workflow's bot (its commits link to no person).
AUTHOR = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")
TRAILER_BY, TRAILER_NOTES, TRAILER_FROM = "Drafted-by", "Draft-notes", "Draft-notes-from"
DRAFTER = "scripts/draft_lessons.py"
DIFF_LIMIT = 60_000  # characters of notes diff in a comment (GitHub takes 65,536)
OK, NOT_DRAFTED, FAILED = 0, 1, 2
# What the importer's --check --json says of a page that needs no draft.
CURRENT, BAD = "current", "bad"


class GitError(RuntimeError):
    """A git or gh command failed; the message holds its output."""


class NotDrafted(RuntimeError):
    """A notes file that cannot be drafted as it is; the message says why."""


def run(command: list[str], cwd: Path, stdin: str | None = None) -> str:
    """Run a command; its output, or GitError with everything it said. Output is
    read as UTF-8, any other byte replaced (notes in Windows-1252 stay readable)."""
    result = subprocess.run(
        command, cwd=cwd, input=stdin, capture_output=True, encoding="utf-8", errors="replace"
    )
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


def branch_for(page: str) -> str:
    """draft/<page name>: the page's file name when it makes a plain branch name
    (day-03), else an ASCII form of it with a hash of the name, so that two pages
    never share a branch ("café" -> draft/cafe-1b2e3f40, 'a"b' -> draft/a-b-...)."""
    stem = PurePosixPath(page).stem
    plain = re.fullmatch(r"[a-z0-9][a-z0-9._-]*", stem) and ".." not in stem
    if plain and not stem.endswith((".", ".lock")):  # what git refuses in a ref
        return BRANCH_PREFIX + stem
    ascii_ = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "notes"
    digest = hashlib.sha256(stem.encode("utf-8")).hexdigest()[:8]
    return f"{BRANCH_PREFIX}{slug[:40]}-{digest}"


@dataclass(frozen=True, slots=True)
class Notes:
    """A notes file to draft, as the importer's --check saw it on HEAD."""

    path: str  # notes/day-02.txt
    page: str  # docs/days/day-02.md
    state: str  # missing, changed, other-notes, not-generated

    @property
    def branch(self) -> str:
        return branch_for(self.page)


@dataclass(slots=True)
class Outcome:
    """What happened to one notes file: said on stdout, or a failure kept for the end."""

    notes: str
    said: str
    status: int = OK


def page_title(work: Path, notes: Notes) -> str:
    """The drafted page's title (its front matter's), for commits and pull requests."""
    fields = (split_page((work / notes.page).read_text(encoding="utf-8")) or ({}, ""))[0]
    quoted = fields.get("title", "")
    return json.loads(quoted) if quoted.startswith('"') else PurePosixPath(notes.page).stem


def diff_fence(text: str) -> str:
    """A backtick fence longer than any backtick run in `text`."""
    longest = max((len(run_) for run_ in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def pull_request_body(notes: Notes, title: str, diagrams: int, commit: str) -> str:
    """What the pull request says: what it holds, and what is left to do."""
    return f"""\
Drafted by `{DRAFTER}` from `{notes.path}` (commit {commit[:12]}):
the page `{notes.page}`, with {diagrams} drafted diagram(s) and the lesson
frame to fill in, and its entry in the nav of `mkdocs.yml`.

This is a draft, not a lesson yet. CONTRIBUTING.md, "Turn a draft into a lesson",
says how to finish it; push your edits to this branch. If the notes change on main
meanwhile, the drafter never rewrites a commit you pushed: it adds one on top with
the new notes (and re-imports the page if nobody edited it) and comments here.

- [ ] Each diagram checked against the notes lines its `%% drafted from` comment names:
      kept, redrawn or removed
- [ ] The lesson frame filled in: no `TODO(frame)` left (the lesson check fails on one)
- [ ] Typos fixed on the page (never in `notes/`), headings and definitions tidied
- [ ] The day added to the home page's table, new acronyms to `includes/abbreviations.md`
- [ ] Looked at in both palettes and on a phone (`scripts/take_screenshots.py`)

Checks do not start on a pull request that a workflow opened: push a commit to this
branch (or close and reopen the pull request) to run CI.
"""


# What each comment says, by how the new notes reached the branch.
REDRAFTED = """\
Nobody else had pushed to this branch, so the drafter drafted it again from `main`
and pushed it over: it holds one commit, {commit}, made from the new notes."""
REIMPORTED = """\
`{page}` was not edited on this branch, so the drafter imported it again from the
new notes, in a commit on top of this branch ({commit}: the notes, the page and its
nav entry). Your commits are kept. Pull before you push again (`git pull`)."""
NOTES_ONLY = """\
`{page}` has been edited on this branch, so it is yours and the drafter did not
touch it: a commit on top of this branch ({commit}) brings the new notes only. Carry
the change below into the lesson by hand (keep every fact), then set
`source_sha256: {sha}` in its front matter: until then `make notes` fails here. Pull
before you push again (`git pull`)."""


def comment_body(notes: Notes, how: str, head: str, commit: str, diff: str) -> str:
    """The pull request comment that brings a change of the notes to the people
    working on the draft: what changed, what the drafter did, the notes' diff."""
    if len(diff) > DIFF_LIMIT:
        diff = diff[:DIFF_LIMIT] + f"\n... (cut: `git diff {commit[:12]}~1 {commit[:12]}`)\n"
    fence = diff_fence(diff)
    return (
        f"The notes changed on `main` (commit {head[:12]}): `{notes.path}`.\n\n"
        f"{how}\n\nThe change to the notes:\n\n{fence}diff\n{diff.rstrip()}\n{fence}\n"
    )


@dataclass
class Scratch:
    """A temporary clone of the checkout at HEAD, where every draft is made: its
    work tree holds HEAD (the importer is run from there), draft worktrees go
    beside it, and the remote's draft branches are fetched into REMOTE_DRAFTS."""

    repo: Path  # the checkout this runs from (never written to)
    head: str
    remote: str | None  # the URL pushed to; None: no remote (a dry run only)
    into: str
    dry_run: bool
    folder: Path
    worktrees: int = 0

    @property
    def clone(self) -> Path:
        return self.folder / "clone"

    def git(self, *args: str, cwd: Path | None = None) -> str:
        return git(*args, cwd=cwd or self.clone)

    def git_bytes(self, *args: str) -> bytes:
        """A git command's output as bytes (a notes file as it is)."""
        result = subprocess.run(["git", *args], cwd=self.clone, capture_output=True)
        if result.returncode != 0:
            raise GitError(
                f"`git {' '.join(args)}` failed: {result.stderr.decode(errors='replace')}"
            )
        return result.stdout

    def set_up(self) -> None:
        git("clone", "--quiet", "--shared", "--no-checkout", str(self.repo), str(self.clone),
            cwd=self.folder)  # fmt: skip
        self.git("checkout", "--quiet", "--detach", self.head)
        if self.remote is None:
            return
        try:
            self.git("fetch", "--quiet", "--no-tags", self.remote,
                     f"+refs/heads/{BRANCH_PREFIX}*:{REMOTE_DRAFTS}*")  # fmt: skip
        except GitError:
            if not self.dry_run:
                raise
            print(f"dry run: cannot read the draft branches of {self.remote}; going on as if"
                  " there were none", file=sys.stderr)  # fmt: skip

    # -- the importer, run from HEAD's work tree --

    def importer(self, root: Path, *args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "scripts.import_notes", *args, "--root", str(root)]
        return subprocess.run(command, cwd=self.clone, capture_output=True, text=True)

    def stale_notes(self, named: list[str]) -> list[dict]:
        """The importer's --check --json of HEAD's notes (or those named that HEAD has)."""
        listed = self.git("ls-tree", "-r", "-z", "--name-only", self.head, "--", NOTES_DIR)
        paths = sorted(path for path in listed.split("\0") if path and is_notes(path))
        if named:
            paths = [path for path in paths if path in named]
        if not paths:
            return []
        checked = self.importer(self.clone, "--check", "--json", *paths)
        try:
            return json.loads(checked.stdout)
        except json.JSONDecodeError:
            raise GitError(f"the importer's --check gave no states: {checked.stderr}") from None

    # -- commits --

    def worktree(self, start: str) -> Path:
        self.worktrees += 1
        path = self.folder / f"work-{self.worktrees}"
        self.git("worktree", "add", "--quiet", "--detach", str(path), start)
        return path

    def object(self, name: str) -> str | None:
        """The id of a git object (`ref^{commit}`, `commit:path`), or None."""
        result = subprocess.run(["git", "rev-parse", "--verify", "-q", name], cwd=self.clone,
                                capture_output=True, text=True)  # fmt: skip
        return result.stdout.strip() if result.returncode == 0 else None

    def blob(self, commit: str, path: str) -> str | None:
        return self.object(f"{commit}:{path}")

    def import_into(self, work: Path, notes: Notes, source: str) -> subprocess.CompletedProcess:
        """Put the notes as they are at commit `source` into `work`, and run the importer
        on them there; stage the notes, the page and mkdocs.yml."""
        self.git("checkout", "--quiet", source, "--", notes.path, cwd=work)
        result = self.importer(work, str(work / notes.path))
        paths = [p for p in (notes.path, notes.page, "mkdocs.yml") if (work / p).exists()]
        self.git("add", "--", *paths, cwd=work)
        unstaged = self.git("diff", "--name-only", "-z", cwd=work).split("\0")
        if any(unstaged):
            raise GitError(f"{notes.path}: the importer changed {unstaged}, not only its page")
        return result

    def commit(self, work: Path, notes: Notes, subject: str) -> str | None:
        """Commit what is staged as the drafter, with its trailers; None if nothing is."""
        staged = subprocess.run(["git", "diff", "--cached", "--quiet"], cwd=work)
        if staged.returncode == 0:
            return None
        name, email = AUTHOR
        message = (
            f"{subject}\n\nMade by {DRAFTER} (the importer).\n\n"
            f"{TRAILER_BY}: {DRAFTER}\n{TRAILER_NOTES}: {notes.path}\n"
            f"{TRAILER_FROM}: {self.head}\n"
        )
        # As the bot, unsigned and without hooks, whatever the user's own git config says.
        self.git("-c", f"user.name={name}", "-c", f"user.email={email}", "-c",
                 "commit.gpgsign=false", "commit", "--quiet", "--no-verify", "-m", message,
                 cwd=work)  # fmt: skip
        return self.git("rev-parse", "HEAD", cwd=work).strip()

    def trailer(self, commit: str, key: str) -> str:
        return self.git("show", "-s", f"--format=%(trailers:key={key},valueonly,separator=%x00)",
                        commit).strip()  # fmt: skip

    def is_drafters(self, commit: str, notes: Notes) -> bool:
        """Does `commit` hold nothing but what the drafter makes? Its trailers name these
        notes and a commit of main (HEAD's history) they were taken from, the notes in
        it are those, and its tree is exactly the importer's output on its parent."""
        parents = self.git("rev-list", "--parents", "-n", "1", commit).split()[1:]
        if len(parents) != 1 or self.trailer(commit, TRAILER_BY) != DRAFTER:
            return False
        source = self.trailer(commit, TRAILER_FROM)
        if self.trailer(commit, TRAILER_NOTES) != notes.path or not re.fullmatch(
            r"[0-9a-f]{40}", source
        ):
            return False
        ancestor = subprocess.run(["git", "merge-base", "--is-ancestor", source, self.head],
                                  cwd=self.clone)  # fmt: skip
        if ancestor.returncode != 0:
            return False
        taken = self.blob(source, notes.path)
        if taken is None or self.blob(commit, notes.path) != taken:
            return False
        work = self.worktree(parents[0])
        self.import_into(work, notes, source)
        made = self.git("write-tree", cwd=work).strip()
        return made == self.git("rev-parse", f"{commit}^{{tree}}").strip()

    # -- pushing and saying --

    def push(self, commit: str, branch: str, expected: str | None) -> None:
        """Set the remote's branch to `commit`, if it still is `expected` (None: absent)."""
        lease = f"--force-with-lease=refs/heads/{branch}:{expected or ''}"
        if self.dry_run:
            print(f"dry run: would push {commit[:12]} to {branch} ({lease})")
            return
        self.git("push", "--quiet", lease, self.remote, f"{commit}:refs/heads/{branch}")

    def gh(self, *args: str, stdin: str | None = None) -> str:
        return run(["gh", *args], self.repo, stdin=stdin)

    def pull_requests(self, branch: str) -> list[dict]:
        listed = self.gh("pr", "list", "--head", branch, "--state", "all",
                         "--json", "number,state,url")  # fmt: skip
        return json.loads(listed or "[]")

    def open_pull_request(self, notes: Notes, commit: str, work: Path) -> str:
        title = page_title(work, notes)
        diagrams = (work / notes.page).read_text(encoding="utf-8").count("%% drafted from ")
        pr_title = f"Draft {title} from {notes.path}"
        body = pull_request_body(notes, title, diagrams, commit)
        if self.dry_run:
            print(f"dry run: would open a pull request into {self.into}, unless one is open:"
                  f" {pr_title}")  # fmt: skip
            print("".join(f"  | {line}\n" for line in body.splitlines()), end="")
            return "(dry run)"
        url = self.gh("pr", "create", "--base", self.into, "--head", notes.branch,
                      "--title", pr_title, "--body-file", "-", stdin=body)  # fmt: skip
        return f"opened {url.strip()}"

    def tell(self, notes: Notes, body: str, commit: str, work: Path) -> str:
        """Comment on the branch's open pull request (none open: open one)."""
        if self.dry_run:
            print(f"dry run: would comment on the pull request of {notes.branch}:")
            print("".join(f"  | {line}\n" for line in body.splitlines()), end="")
            return "(dry run)"
        opened = [pr for pr in self.pull_requests(notes.branch) if pr.get("state") == "OPEN"]
        if not opened:
            return self.open_pull_request(notes, commit, work)
        number = str(opened[0]["number"])
        self.gh("pr", "comment", number, "--body-file", "-", stdin=body)
        return f"commented on pull request #{number}"

    # -- one notes file --

    def draft(self, notes: Notes) -> str:
        """Bring the notes to their draft branch; what was done."""
        tip = self.object(f"{REMOTE_DRAFTS}{notes.branch.removeprefix(BRANCH_PREFIX)}^{{commit}}")
        if tip is None:
            commit, work = self.fresh(notes)
            self.push(commit, notes.branch, None)
            opened = self.open_pull_request(notes, commit, work)
            return f"drafted on {notes.branch} (new); {opened}"
        if self.blob(tip, notes.path) == self.blob(self.head, notes.path):
            return f"{notes.branch} carries these notes already; " + self.ensure_pull_request(
                notes, tip
            )
        if not self.dry_run:
            pulls = self.pull_requests(notes.branch)
            if pulls and not any(pull.get("state") == "OPEN" for pull in pulls):
                return f"{notes.branch}: its pull request was closed or merged; left alone"
        others = self.git("rev-list", "--reverse", tip, "--not", self.head).split()
        if all(self.is_drafters(commit, notes) for commit in others):
            commit, work = self.fresh(notes)
            self.push(commit, notes.branch, tip)
            how = REDRAFTED.format(commit=commit[:12])
            done = f"{notes.branch} held only the drafter's commits: drafted again"
        else:
            commit, work, reimported = self.on_top(notes, tip)
            self.push(commit, notes.branch, tip)
            sha = notes_sha256(self.git_bytes("show", f"{self.head}:{notes.path}"))
            how = (REIMPORTED if reimported else NOTES_ONLY).format(
                page=notes.page, commit=commit[:12], sha=sha
            )
            what = "re-imported on top" if reimported else "its page is edited: the notes on top"
            done = f"{notes.branch} holds others' commits, kept; {what} ({commit[:12]})"
        try:
            said = self.tell(notes, self.comment(notes, how, tip, commit), commit, work)
        except GitError as error:  # pushed, but nobody told: say so, loudly
            raise GitError(f"{done}, but the pull request was not told: {error}") from None
        return f"{done}; {said}"

    def on_top(self, notes: Notes, tip: str) -> tuple[str, Path, bool]:
        """A commit on top of `tip` bringing HEAD's notes: re-imported with the page and
        its nav entry when the importer may (True), else the notes alone (False)."""
        work = self.worktree(tip)
        result = self.import_into(work, notes, self.head)
        if result.returncode == 2:
            raise NotDrafted(f"the importer refused the notes:\n{result.stderr.strip()}")
        # Refused (exit 1: the page was edited, or is other notes'), the importer wrote
        # nothing: only the notes are staged, and they go on top alone.
        reimported = result.returncode == 0
        subject = (
            f"Re-draft {notes.page} from {notes.path} as changed on main"
            if reimported
            else f"Bring {notes.path} as changed on main ({notes.page} is edited: not re-imported)"
        )
        commit = self.commit(work, notes, subject)
        if commit is None:
            raise GitError(f"nothing to commit on top of {notes.branch}")
        return commit, work, reimported

    def fresh(self, notes: Notes) -> tuple[str, Path]:
        """The draft made from HEAD: (its commit, the worktree holding it)."""
        work = self.worktree(self.head)
        result = self.import_into(work, notes, self.head)
        if result.returncode != 0:
            raise NotDrafted(f"the importer refused:\n{result.stderr.strip()}")
        title = page_title(work, notes)
        commit = self.commit(work, notes, f"Draft {title} from {notes.path}")
        if commit is None:
            raise NotDrafted(f"the importer wrote nothing new for {notes.page}")
        return commit, work

    def comment(self, notes: Notes, how: str, tip: str, commit: str) -> str:
        diff = self.git("diff", "--no-color", "--no-ext-diff", tip, commit, "--", notes.path)
        return comment_body(notes, how, self.head, commit, diff)

    def ensure_pull_request(self, notes: Notes, tip: str) -> str:
        """A branch pushed without its pull request (gh failed last time) gets one;
        a closed or merged one is left so."""
        if self.dry_run:
            return "nothing to do"
        found = self.pull_requests(notes.branch)
        if found:
            return "nothing to do"
        work = self.worktree(tip)
        return self.open_pull_request(notes, tip, work)


def to_draft(states: list[dict]) -> tuple[list[Notes], list[Outcome]]:
    """The notes files to draft, and those that cannot be (bad notes, two for one page)."""
    failed = [
        Outcome(entry["notes"], f"bad notes: {entry['message']}", NOT_DRAFTED)
        for entry in states
        if entry["state"] == BAD
    ]
    wanted = [
        Notes(entry["notes"], entry["page"], entry["state"])
        for entry in states
        if entry["state"] not in (CURRENT, BAD)
    ]
    pages: dict[str, list[Notes]] = {}
    for notes in wanted:
        pages.setdefault(notes.branch, []).append(notes)
    drafts = []
    for group in pages.values():
        if len(group) == 1:
            drafts += group
            continue
        names = ", ".join(notes.path for notes in group)
        failed += [
            Outcome(notes.path, f"{names} all make {notes.page}: rename all but one", NOT_DRAFTED)
            for notes in group
        ]
    return drafts, failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notes", nargs="*", help="notes files to draft (default: every one)")
    parser.add_argument("--head", default="HEAD", help="the commit of main to draft from")
    parser.add_argument("--into", default="main", help="the pull requests' base branch")
    parser.add_argument("--remote", default="origin", help="the remote holding draft/* branches")
    parser.add_argument("--repo", type=Path, default=Path.cwd(), help="the git repository")
    parser.add_argument("--dry-run", action="store_true", help="no push, no gh: say what it would")
    args = parser.parse_args(argv)
    outcomes: list[Outcome] = []
    skipped = [name for name in args.notes if not is_notes(name)]
    for name in skipped:
        outcomes.append(Outcome(name, "not a notes file (notes/NAME.txt); skipped", NOT_DRAFTED))
    try:
        repo = Path(git("rev-parse", "--show-toplevel", cwd=args.repo).strip())
        head = git("rev-parse", "--verify", f"{args.head}^{{commit}}", cwd=repo).strip()
        remotes = git("remote", cwd=repo).split()
        remote = git("remote", "get-url", args.remote, cwd=repo).strip() if (
            args.remote in remotes
        ) else None  # fmt: skip
        if remote is None and not args.dry_run:
            raise GitError(f"no remote {args.remote!r} to push the drafts to")
        with tempfile.TemporaryDirectory(prefix="draft-lessons-") as folder:
            scratch = Scratch(repo, head, remote, args.into, args.dry_run, Path(folder))
            scratch.set_up()
            drafts, failed = to_draft(scratch.stale_notes([n for n in args.notes if is_notes(n)]))
            outcomes += failed
            for notes in drafts:
                try:
                    outcomes.append(Outcome(notes.path, scratch.draft(notes)))
                except NotDrafted as why:
                    outcomes.append(Outcome(notes.path, f"not drafted: {why}", NOT_DRAFTED))
                except GitError as error:
                    outcomes.append(Outcome(notes.path, f"not drafted: {error}", FAILED))
    except GitError as error:
        print(f"draft_lessons: {error}", file=sys.stderr)
        return FAILED
    return summarise(outcomes)


def summarise(outcomes: list[Outcome]) -> int:
    """Each notes file's outcome, failures last and on stderr; the exit code."""
    if not outcomes:
        print("draft_lessons: every page is up to date; nothing to draft")
        return OK
    for outcome in outcomes:
        if outcome.status == OK:
            print(f"{outcome.notes}: {outcome.said}")
    failures = [outcome for outcome in outcomes if outcome.status != OK]
    for outcome in failures:
        print(f"{outcome.notes}: {outcome.said}", file=sys.stderr)
    if failures:
        print(f"draft_lessons: {len(failures)} notes file(s) not drafted", file=sys.stderr)
    return max((outcome.status for outcome in outcomes), default=OK)


if __name__ == "__main__":
    raise SystemExit(main())
