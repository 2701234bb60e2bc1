"""Command line: notes files -> lesson pages (+ nav), or a freshness check.

Exit codes: 0 done; 1 a check failed, or a page was refused (edited by hand,
or made from other notes) or could not be written; 2 bad input or usage. Every
problem and warning is one line on stderr shaped ``path:line: message``.

A page is named after its notes file: notes/day-03.txt -> docs/days/day-03.md
(and "Day 3"), whatever the banner inside says; a banner that disagrees is
reported. A page belongs to the notes file its front matter names (`source`),
and the importer writes no other notes over it without --force, unless that
file is gone (renamed).

Notes are read only from regular files inside the project: a symlink, or a
path that leads out of it, is refused (it could pull any file of the machine
into a page, the search index and a pull request). Writing a page and its
nav entry is one step: both are staged beside their targets first, so an
unwritable page, folder or mkdocs.yml leaves both as they were; and the
read-modify-write of mkdocs.yml holds a lock (`.mkdocs.yml.lock`), so two
imports at once both land in the nav.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from ..core.config import load_text as load_config
from ..core.files import LockTimeout, locked, remove_stale_temporaries, replacing, write_synced
from .announce import AnnounceError, follow_newest
from .errors import NotesError
from .frontmatter import FrontMatter, lf, page_edited, read_page, sha256
from .nav import NavError, add_to_nav
from .parse import HR, day_in_name, lesson_title
from .pipeline import Page, convert

OK, FAILED, BAD_INPUT = 0, 1, 2


@dataclass(slots=True)
class Job:
    """One notes file and where its page goes."""

    source: Path
    shown: str  # the source path as front matter and messages show it
    page: Page
    output: Path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="import_notes.py",
        description="Turn class notes (plain text) into lesson pages of the site.",
    )
    parser.add_argument(
        "sources", nargs="+", metavar="SOURCE", help="notes file(s), e.g. notes/day-01.txt"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="PAGE",
        help="page to write (one SOURCE only); default: named after the notes file,"
        " DOCS/days/day-NN.md for day-NN.txt, else DOCS/days/<name>.md",
    )
    parser.add_argument("--stdout", action="store_true", help="print the page; touch nothing")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace a page edited by hand or made from other notes"
        " (fields the importer does not own, such as description, are kept)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if a notes file changed since its page was generated, or a page's"
        " notes file is gone; touch nothing",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="with --check: also print each notes file's page and state as JSON on stdout"
        " (what scripts/draft_lessons.py reads)",
    )
    parser.add_argument("--root", default=".", help="project root holding mkdocs.yml (default: .)")
    parser.add_argument("--no-nav", action="store_true", help="leave mkdocs.yml alone")
    parser.add_argument(
        "--no-diagrams", action="store_true", help="draft no Mermaid diagrams of the notes' flows"
    )
    return parser


def _shown(path: Path, root: Path) -> str:
    """Path relative to the project root, with forward slashes: as given when it
    is inside the project that way, else with its folder resolved (the project
    reached through a linked folder). A symlink is shown by its own name."""
    absolute = Path(os.path.abspath(path))
    shown = absolute
    for candidate in (absolute, absolute.parent.resolve() / absolute.name):
        try:
            shown = Path(os.path.relpath(candidate, root))
        except ValueError:  # another drive on Windows
            return candidate.as_posix()
        if shown.parts[:1] != ("..",):
            break
    return shown.as_posix()


def _docs_dir(root: Path) -> Path:
    """docs_dir from mkdocs.yml (default docs/)."""
    config = root / "mkdocs.yml"
    docs = "docs"
    if config.is_file():
        try:
            loaded = load_config(config.read_text(encoding="utf-8"))
            if isinstance(loaded, dict) and isinstance(loaded.get("docs_dir"), str):
                docs = loaded["docs_dir"]
        except Exception:  # a broken config is mkdocs' to report, not ours
            pass
    return root / docs


def default_output(stem: str, docs: Path) -> Path:
    """The page a notes file makes, named after the file: DOCS/days/day-NN.md
    for a file named day-N (day-3, day_03 ...), else DOCS/days/<stem>.md."""
    day = day_in_name(stem)
    name = f"day-{day:02d}" if day is not None else stem
    return docs / "days" / f"{name}.md"


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _read_page(path: Path) -> str | None:
    """A page's text (line ends as written), or None if there is no such file."""
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None


def read_notes(source: Path, shown: str, root: Path) -> bytes:
    """The bytes of a notes file that is a regular file inside the project.

    Refused (NotesError): a symlink, wherever it points (it could pull any file
    of the machine into a page), a path that leads out of the project, and
    anything but a regular file (a FIFO would block the read). The file is
    opened without following a symlink, so one swapped in after the checks is
    refused too."""
    if source.is_symlink():
        raise NotesError(
            shown, 1, "is a symlink: notes must be a regular file in the repository; refused"
        )
    resolved = source.resolve()
    if not resolved.is_relative_to(root):
        raise NotesError(
            shown, 1, f"resolves outside the repository ({root}): notes must be inside it; refused"
        )
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(source, flags)
    except OSError as err:
        raise NotesError(shown, 1, f"cannot read: {err.strerror or err}") from None
    with open(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise NotesError(shown, 1, "is not a regular file; refused")
        try:
            return file.read()
        except OSError as err:
            raise NotesError(shown, 1, f"cannot read: {err.strerror or err}") from None


def holds_notes(page: Page) -> bool:
    """Anything but a title and separator lines (######, ------)?"""
    return any(block.kind != HR for block in page.document.blocks)


@dataclass(frozen=True, slots=True)
class Bad:
    """A notes file that could not be read or converted, and why."""

    shown: str
    message: str


def _load(args: argparse.Namespace, root: Path) -> tuple[list[Job], list[Bad]]:
    """Read and convert every source; (jobs, the files refused as bad input)."""
    docs = _docs_dir(root)
    jobs: list[Job] = []
    bad: list[Bad] = []
    for name in args.sources:
        source = Path(name)
        shown = _shown(source, root)
        try:
            data = read_notes(source, shown, root)
            page = convert(data, shown, source.stem, diagrams=not args.no_diagrams)
        except NotesError as err:
            bad.append(Bad(shown, str(err)))
            _say(str(err))
            continue
        for warning in page.warnings:
            _say(f"{warning} (warning)")
        if not holds_notes(page):
            message = (
                f"{shown}:1: no notes in this file (it is empty, or holds only a title or"
                " separator lines): no lesson written"
            )
            bad.append(Bad(shown, message))
            _say(message)
            continue
        output = Path(args.output) if args.output else default_output(source.stem, docs)
        jobs.append(Job(source, shown, page, output))
    return jobs, bad


def _warn_about_days(jobs: list[Job], root: Path) -> None:
    """Say where a banner disagrees with the file name, and where two notes
    files are for the same day or date (warnings: both may be meant)."""
    for job in jobs:
        document = job.page.document
        named = day_in_name(job.source.stem)
        if document.banner_day is not None and named is not None and document.banner_day != named:
            _say(
                f"{job.shown}:{document.title_line}: the banner says Day {document.banner_day}"
                f" but the file is named for day {named}: the file name decides, so this is"
                f" Day {named} and its page {_shown(job.output, root)}; rename the notes file"
                " if the banner is right (warning)"
            )
    seen: dict[tuple[str, object], str] = {}
    for shown, day, date in [*_lessons_on_disk(jobs, root), *_lessons_of(jobs)]:
        for key in (("day", day), ("date", date)):
            if key[1] is None:
                continue
            other = seen.setdefault(key, shown)
            if other != shown:
                what = f"Day {day}" if key[0] == "day" else f"the date {date}"
                _say(
                    f"{shown}:1: {what} is also {other}'s: two notes files for one class? (warning)"
                )


def _lessons_of(jobs: list[Job]) -> list[tuple[str, int | None, object]]:
    return [
        (job.shown, job.page.document.day, job.page.document.date and str(job.page.document.date))
        for job in jobs
    ]


def _lessons_on_disk(jobs: list[Job], root: Path) -> list[tuple[str, int | None, object]]:
    """(notes file, day, date) of the lesson pages already made, other than
    the ones this run writes."""
    days = _docs_dir(root) / "days"
    writing = {job.shown for job in jobs}
    found = []
    for path in sorted(days.glob("*.md")) if days.is_dir() else []:
        page = read_page(_read_page(path) or "")
        source = page.get("source") if page else None
        if source is None or source in writing:
            continue
        found.append((source, day_in_name(path.stem), page.get("date")))
    return found


def _owner(page: FrontMatter | None) -> str | None:
    """The notes file an imported page was made from (its `source`)."""
    if page is None or page.get("source_sha256") is None:
        return None
    return page.get("source")


def _owner_gone(owner: str, root: Path) -> bool:
    """The notes file a page names is no longer there (deleted, or renamed)."""
    return not (root / owner).is_file()


# The states --check finds a notes file's page in (--json prints them).
CURRENT, MISSING, CHANGED, OTHER_NOTES, NOT_GENERATED, BAD = (
    "current",
    "missing",
    "changed",
    "other-notes",
    "not-generated",
    "bad",
)


def _state(job: Job, root: Path) -> tuple[str, str | None]:
    """(state, the message --check prints, None when current) of one page."""
    page_path = _shown(job.output, root)
    command = f"python -m scripts.import_notes {job.shown}"
    text = _read_page(job.output)
    if text is None:
        return MISSING, f"{job.shown}:1: no page {page_path} yet; run {command}"
    page = read_page(text)
    recorded = page.get("source_sha256") if page else None
    owner = _owner(page)
    if recorded is None:
        return NOT_GENERATED, f"{page_path}:1: not generated from {job.shown} (no source_sha256)"
    if owner != job.shown:
        if _owner_gone(owner, root):
            return OTHER_NOTES, (
                f"{job.shown}:1: its page {page_path} was made from {owner}, which is gone"
                f" (renamed to this file?); run {command}"
            )
        return OTHER_NOTES, (
            f"{job.shown}:1: its page {page_path} was made from {owner}, not from this file;"
            f" import {job.shown} with --force to make the page its own again"
        )
    if recorded != sha256(job.page.source_bytes):
        return CHANGED, f"{job.shown}:1: changed since {page_path} was generated; run {command}"
    return CURRENT, None


def _check(jobs: list[Job], bad: list[Bad], root: Path, as_json: bool) -> int:
    """--check: is every page generated from the notes as they are now, and
    does every generated page still have its notes? With `as_json`, the state
    of each notes file goes to stdout too."""
    status = BAD_INPUT if bad else OK
    states = [
        {"notes": item.shown, "page": None, "state": BAD, "message": item.message} for item in bad
    ]
    for job in jobs:
        state, message = _state(job, root)
        if message is not None:
            _say(message)
            status = max(status, FAILED)
        page = _shown(job.output, root)
        states.append({"notes": job.shown, "page": page, "state": state, "message": message})
    if as_json:
        json.dump(states, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    return max(status, _check_orphans(root))


def _check_orphans(root: Path) -> int:
    """Generated pages whose notes file is gone (deleted or renamed)."""
    status = OK
    docs = _docs_dir(root)
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        owner = _owner(read_page(_read_page(path) or ""))
        if owner is not None and not (root / owner).is_file():
            _say(
                f"{_shown(path, root)}:1: its notes file {owner} is missing (deleted or"
                " renamed?): restore the notes, or delete the page and its nav entry"
            )
            status = FAILED
    return status


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do with one page: write `text` (None: leave the page), or not
    at all (`status` FAILED: refused, and said why)."""

    text: str | None
    status: int
    said: str = ""  # what to say once written


def _decide(job: Job, root: Path, force: bool) -> Decision:
    """Write the page, leave it (up to date), or refuse (edited by hand, or
    it belongs to other notes that are still there)."""
    page_path = _shown(job.output, root)
    try:
        existing = _read_page(job.output)
    except (OSError, UnicodeDecodeError) as err:
        _say(f"{page_path}:1: cannot read the existing page: {err}")
        return Decision(None, FAILED)
    old = read_page(existing) if existing is not None else None
    kept = old.foreign if old else ()
    text = job.page.text_keeping(kept)
    if existing is not None and lf(existing) == text:
        _say(f"{page_path}: up to date")
        return Decision(None, OK)
    owner = _owner(old)
    if existing is not None and not force:
        if owner is not None and owner != job.shown and not _owner_gone(owner, root):
            _say(
                f"{page_path}:1: refusing to write {job.shown} over this page: it was made from"
                f" {owner} (its front matter says so). Pages are named after their notes"
                f" file; write elsewhere with -o, or replace it with --force"
            )
            return Decision(None, FAILED)
        if owner is None:
            _say(
                f"{page_path}:1: refusing to overwrite: this page was not made from notes"
                f" (no source_sha256 in its front matter); use -o, or --force to replace it"
            )
            return Decision(None, FAILED)
        if page_edited(existing):
            _say(
                f"{page_path}:1: refusing to overwrite: edited since it was imported (front"
                " matter included); commit your edits, then use --force, which keeps fields"
                " such as description but replaces the body and title"
            )
            return Decision(None, FAILED)
    extra = f"; kept {', '.join(f.key or 'comments' for f in kept)}" if kept else ""
    if owner is not None and owner != job.shown:
        extra += f"; it was made from {owner}"
    return Decision(text, OK, f"{page_path}: written from {job.shown}{extra}")


def _nav_path(job: Job, root: Path) -> str | None:
    """The page's path in the docs, as the nav names it; None when the page is
    not part of the site (written elsewhere with -o)."""
    try:
        return job.output.resolve().relative_to(_docs_dir(root).resolve()).as_posix()
    except ValueError:
        return None


def _config_text(job: Job, text: str, relative: str) -> tuple[str, list[str]]:
    """mkdocs.yml's text with the page listed under Lessons and the announcement
    following the newest lesson (each line end as it was); and what to say once
    written."""
    document = job.page.document
    said = []
    listed = text
    try:
        listed = add_to_nav(text, lesson_title(document), relative, document.day)
    except NavError as err:
        _say(f"mkdocs.yml:{err.line}: nav not updated for {relative}: {err}")
    updated = listed
    try:
        updated = follow_newest(listed, document)
    except AnnounceError as err:
        _say(f"mkdocs.yml:{err.line}: extra.announce not updated: {err}")
    if listed != text:
        said.append(f"mkdocs.yml: nav lists {relative} under Lessons")
    if updated != listed:
        said.append(f"mkdocs.yml: extra.announce now announces {relative}")
    return updated, said


class _NotWritten(Exception):
    """A file could not be written; nothing was."""


def _write_all(writes: list[tuple[Path, str]], root: Path) -> None:
    """Write every file or none: each is staged in a temporary beside it (and
    synced), and only when all are staged do they replace their targets.
    Raises _NotWritten, after saying which file and why, when one cannot be."""
    target: Path | None = None
    try:
        with contextlib.ExitStack() as stack:
            for target, text in writes:
                write_synced(stack.enter_context(replacing(target)), text)
            target = None  # the replacements happen as the stack closes
    except OSError as err:
        if target is None:  # a replacement failed: os.replace names its target second
            target = Path(err.filename2 or err.filename or "?")
        _say(
            f"{_shown(target, root)}:1: cannot write: {err.strerror or err}; nothing was"
            " written (the page and mkdocs.yml are as they were)"
        )
        raise _NotWritten from None


def _import(job: Job, root: Path, force: bool, nav: bool) -> int:
    """Write one page and its nav entry together, mkdocs.yml locked from the
    moment it is read until it is replaced; say what happened."""
    config = root / "mkdocs.yml"
    relative = _nav_path(job, root) if nav and config.is_file() else None
    remove_stale_temporaries(job.output.parent)
    said: list[str] = []
    try:
        with locked(config) if relative else contextlib.nullcontext():
            decision = _decide(job, root, force)
            if decision.status != OK:
                return decision.status
            writes = []
            if decision.text is not None:
                writes.append((job.output, decision.text))
                said.append(decision.said)
            if relative:
                remove_stale_temporaries(config.parent)
                current = config.read_bytes().decode("utf-8")
                updated, config_said = _config_text(job, current, relative)
                if updated != current:
                    writes.append((config, updated))
                    said += config_said
            _write_all(writes, root)
    except _NotWritten:
        return FAILED
    except LockTimeout as err:
        _say(f"mkdocs.yml:1: another import held {err.lock_file} too long; nothing was written")
        return FAILED
    except OSError as err:  # taking the lock (its file beside mkdocs.yml), or reading
        why = err.strerror or str(err)
        if err.filename and Path(err.filename).name == f".{config.name}.lock":
            why = f"cannot lock it ({why})"
        _say(f"mkdocs.yml:1: cannot write: {why}; nothing was written")
        return FAILED
    except UnicodeDecodeError as err:
        _say(f"mkdocs.yml:1: not UTF-8 ({err.reason}); nothing was written")
        return FAILED
    for line in said:
        _say(line)
    return OK


def main(argv: list[str] | None = None) -> int:
    """Run the importer; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.output and len(args.sources) != 1:
            parser.error("-o/--output takes exactly one SOURCE")
    except SystemExit as exit_:  # argparse exits on --help and usage errors
        return int(exit_.code or 0)
    root = Path(args.root).resolve()
    jobs, bad = _load(args, root)
    if args.check:  # every file is checked, bad ones reported among the rest
        _warn_about_days(jobs, root)
        return _check(jobs, bad, root, args.json)
    if bad:
        return BAD_INPUT  # bad input: nothing is written
    _warn_about_days(jobs, root)
    if args.stdout:
        for job in jobs:
            sys.stdout.write(job.page.text)
        return OK
    status = OK
    for job in jobs:
        status = max(status, _import(job, root, args.force, not args.no_nav))
    return status
