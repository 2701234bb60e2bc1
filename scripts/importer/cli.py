"""Command line: notes files -> lesson pages (+ nav), or a freshness check.

Exit codes: 0 done; 1 a check failed or a page was refused (edited by hand);
2 bad input or usage. Every problem is one line on stderr shaped
``path:line: message``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import NotesError
from .frontmatter import body_edited, sha256, split_page
from .nav import NavError, add_to_nav, load_config
from .parse import Document, lesson_title
from .pipeline import Page, convert

OK, FAILED, BAD_INPUT = 0, 1, 2


@dataclass(slots=True)
class Job:
    """One notes file and where its page goes."""

    source: Path
    shown: str  # the source path as front matter and messages show it
    data: bytes
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
        help="page to write (one SOURCE only); "
        "default: DOCS/days/day-NN.md from 'Day N', else DOCS/days/<name>.md",
    )
    parser.add_argument("--stdout", action="store_true", help="print the page; touch nothing")
    parser.add_argument("--force", action="store_true", help="overwrite pages edited by hand")
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if a notes file changed since its page was generated; touch nothing",
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


def default_output(document: Document, stem: str, docs: Path) -> Path:
    """DOCS/days/day-NN.md for day N, else DOCS/days/<stem>.md."""
    name = f"day-{document.day:02d}" if document.day is not None else stem
    return docs / "days" / f"{name}.md"


def atomic_write(path: Path, text: str) -> None:
    """Write via a temp file in the same directory + os.replace: readers (and
    mkdocs serve) see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(text.encode("utf-8"))
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _say(message: str) -> None:
    print(message, file=sys.stderr)


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
        output = (
            Path(args.output) if args.output else default_output(page.document, source.stem, docs)
        )
        jobs.append(Job(source, shown, data, page, output))
    return jobs, status


def _check(jobs: list[Job], root: Path) -> int:
    """--check: is every page generated from the notes as they are now?"""
    status = OK
    for job in jobs:
        page = _shown(job.output, root)
        try:
            page_text = job.output.read_bytes().decode("utf-8", errors="replace")
        except FileNotFoundError:
            _say(f"{job.shown}:1: no page {page} yet; run scripts/import_notes.py {job.shown}")
            status = FAILED
            continue
        fields = (split_page(page_text) or ({}, ""))[0]
        recorded = fields.get("source_sha256")
        if recorded is None:
            _say(f"{page}:1: not generated from {job.shown} (no source_sha256)")
            status = FAILED
        elif recorded != sha256(job.data):
            _say(
                f"{job.shown}:1: changed since {page} was generated; "
                f"run scripts/import_notes.py {job.shown}"
            )
            status = FAILED
    return status


def _write(job: Job, root: Path, force: bool) -> int:
    """Write one page unless it was edited by hand; report what happened."""
    page = _shown(job.output, root)
    try:
        existing = job.output.read_bytes().decode("utf-8")  # exactly: no newline mapping
    except FileNotFoundError:
        existing = None
    except (OSError, UnicodeDecodeError) as err:
        _say(f"{page}:1: cannot read the existing page: {err}")
        return FAILED
    if existing == job.page.text:
        _say(f"{page}: up to date")
        return OK
    if existing is not None and body_edited(existing) and not force:
        _say(
            f"{page}:1: refusing to overwrite: edited since it was generated "
            f"(or not generated from notes); use --force to replace it"
        )
        return FAILED
    atomic_write(job.output, job.page.text)
    _say(f"{page}: written from {job.shown}")
    return OK


def _update_nav(job: Job, root: Path) -> None:
    """List the page under Lessons in mkdocs.yml, if it lives in the docs."""
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
    text = raw.replace("\r\n", "\n")
    try:
        updated = add_to_nav(text, lesson_title(job.page.document), relative, job.page.document.day)
    except NavError as err:
        _say(f"mkdocs.yml:1: nav not updated for {relative}: {err}")
        return
    if updated != text:
        atomic_write(config, updated.replace("\n", "\r\n") if crlf else updated)
        _say(f"mkdocs.yml: nav lists {relative} under Lessons")


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
    if args.check:
        return _check(jobs, root)
    if args.stdout:
        for job in jobs:
            sys.stdout.write(job.page.text)
        return OK
    for job in jobs:
        result = _write(job, root, args.force)
        status = max(status, result)
        if result == OK and not args.no_nav:
            _update_nav(job, root)
    return status
