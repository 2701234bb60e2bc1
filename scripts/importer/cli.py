"""Command line: notes files -> lesson pages (+ nav), or a freshness check.

Exit codes: 0 done; 1 a check failed or a page was refused (edited by hand,
or made from other notes); 2 bad input or usage. Every problem and warning
is one line on stderr shaped ``path:line: message``.

A page is named after its notes file: notes/day-03.txt -> docs/days/day-03.md
(and "Day 3"), whatever the banner inside says; a banner that disagrees is
reported. A page belongs to the notes file its front matter names (`source`),
and the importer writes no other notes over it without --force.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ..core.config import load_text as load_config
from ..core.files import atomic_write, remove_stale_temporaries
from .announce import AnnounceError, follow_newest
from .errors import NotesError
from .frontmatter import FrontMatter, lf, page_edited, read_page, sha256
from .nav import NavError, add_to_nav
from .parse import day_in_name, lesson_title
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
    parser.add_argument("--root", default=".", help="project root holding mkdocs.yml (default: .)")
    parser.add_argument("--no-nav", action="store_true", help="leave mkdocs.yml alone")
    parser.add_argument(
        "--no-diagrams", action="store_true", help="draft no Mermaid diagrams of the notes' flows"
    )
    return parser


def _shown(path: Path, root: Path) -> str:
    """Path relative to the project root, with forward slashes."""
    try:
        return Path(os.path.relpath(path.resolve(), root)).as_posix()
    except ValueError:  # another drive on Windows
        return path.resolve().as_posix()


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


def _load(args: argparse.Namespace, root: Path) -> tuple[list[Job], int]:
    """Read and convert every source; (jobs, exit code so far)."""
    docs = _docs_dir(root)
    jobs: list[Job] = []
    status = OK
    for name in args.sources:
        source = Path(name)
        shown = _shown(source, root)
        try:
            data = source.read_bytes()
        except OSError as err:
            _say(f"{shown}:1: cannot read: {err.strerror or err}")
            status = BAD_INPUT
            continue
        try:
            page = convert(data, shown, source.stem, diagrams=not args.no_diagrams)
        except NotesError as err:
            _say(str(err))
            status = BAD_INPUT
            continue
        for warning in page.warnings:
            _say(f"{warning} (warning)")
        if not page.document.blocks:
            _say(
                f"{shown}:1: no notes in this file (it is empty, or holds only a title):"
                " no lesson written"
            )
            status = BAD_INPUT
            continue
        output = Path(args.output) if args.output else default_output(source.stem, docs)
        jobs.append(Job(source, shown, page, output))
    return jobs, status


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


def _check(jobs: list[Job], root: Path) -> int:
    """--check: is every page generated from the notes as they are now, and
    does every generated page still have its notes?"""
    status = OK
    for job in jobs:
        page_path = _shown(job.output, root)
        text = _read_page(job.output)
        if text is None:
            command = f"python -m scripts.import_notes {job.shown}"
            _say(f"{job.shown}:1: no page {page_path} yet; run {command}")
            status = FAILED
            continue
        page = read_page(text)
        recorded = page.get("source_sha256") if page else None
        owner = _owner(page)
        if recorded is None:
            _say(f"{page_path}:1: not generated from {job.shown} (no source_sha256)")
            status = FAILED
        elif owner != job.shown:
            _say(
                f"{job.shown}:1: its page {page_path} was made from {owner}, not from this file;"
                f" import {job.shown} with --force to make the page its own again"
            )
            status = FAILED
        elif recorded != sha256(job.page.source_bytes):
            _say(
                f"{job.shown}:1: changed since {page_path} was generated; "
                f"run python -m scripts.import_notes {job.shown}"
            )
            status = FAILED
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


def _write(job: Job, root: Path, force: bool) -> int:
    """Write one page, unless it was edited by hand or belongs to other notes;
    report what happened."""
    page_path = _shown(job.output, root)
    try:
        existing = _read_page(job.output)
    except (OSError, UnicodeDecodeError) as err:
        _say(f"{page_path}:1: cannot read the existing page: {err}")
        return FAILED
    old = read_page(existing) if existing is not None else None
    kept = old.foreign if old else ()
    text = job.page.text_keeping(kept)
    if existing is not None and lf(existing) == text:
        _say(f"{page_path}: up to date")
        return OK
    owner = _owner(old)
    if existing is not None and not force:
        if owner is not None and owner != job.shown:
            _say(
                f"{page_path}:1: refusing to write {job.shown} over this page: it was made from"
                f" {owner} (its front matter says so). Pages are named after their notes"
                f" file; write elsewhere with -o, or replace it with --force"
            )
            return FAILED
        if owner is None:
            _say(
                f"{page_path}:1: refusing to overwrite: this page was not made from notes"
                f" (no source_sha256 in its front matter); use -o, or --force to replace it"
            )
            return FAILED
        if page_edited(existing):
            _say(
                f"{page_path}:1: refusing to overwrite: edited since it was imported (front"
                " matter included); commit your edits, then use --force, which keeps fields"
                " such as description but replaces the body and title"
            )
            return FAILED
    atomic_write(job.output, text)
    extra = f"; kept {', '.join(f.key or 'comments' for f in kept)}" if kept else ""
    _say(f"{page_path}: written from {job.shown}{extra}")
    return OK


def _update_config(job: Job, root: Path) -> None:
    """List the page under Lessons in mkdocs.yml (if it lives in the docs), and
    let the announcement follow the newest lesson."""
    config = root / "mkdocs.yml"
    if not config.is_file():
        return
    docs = _docs_dir(root).resolve()
    try:
        relative = job.output.resolve().relative_to(docs).as_posix()
    except ValueError:
        return  # not part of the site: nothing to list
    raw = config.read_bytes().decode("utf-8")
    crlf = "\r\n" in raw  # edit with LF, write back the file's own line ends
    text = lf(raw)
    document = job.page.document
    listed = text
    try:
        listed = add_to_nav(text, lesson_title(document), relative, document.day)
    except NavError as err:
        _say(f"mkdocs.yml:1: nav not updated for {relative}: {err}")
    updated = listed
    try:
        updated = follow_newest(listed, document)
    except AnnounceError as err:
        _say(f"mkdocs.yml:1: extra.announce not updated: {err}")
    if updated != text:
        atomic_write(config, updated.replace("\n", "\r\n") if crlf else updated)
    if listed != text:
        _say(f"mkdocs.yml: nav lists {relative} under Lessons")
    if updated != listed:
        _say(f"mkdocs.yml: extra.announce now announces {relative}")


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
    jobs, status = _load(args, root)
    if status != OK:
        return status  # bad input: nothing is written
    _warn_about_days(jobs, root)
    if args.check:
        return _check(jobs, root)
    if args.stdout:
        for job in jobs:
            sys.stdout.write(job.page.text)
        return OK
    for job in jobs:
        remove_stale_temporaries(job.output.parent)
        result = _write(job, root, args.force)
        status = max(status, result)
        if result == OK and not args.no_nav:
            _update_config(job, root)
    return status
