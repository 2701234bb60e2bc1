"""Check that every lesson carries the lesson frame, filled in.

Every lesson page (`docs/days/*.md`) opens, after its `# Title` and before its first
`##` section, with three admonitions, and closes with a fourth:

    !!! question "Questions"          the questions the lesson answers
    !!! abstract "Objectives"         what a student can do after it
    !!! info "Before you start"       what a student should know first
    ...the lesson...
    !!! success "Key points"          at the end, after "Check yourself"

Each holds a bulleted list. The importer's drafts carry the frame with placeholders
marked `TODO(frame)`; any line holding that token fails here, so a drafted lesson
cannot ship with its frame empty. dev/style-guide.md shows the frame.

    python -m scripts.check_lessons                      # docs/days/*.md
    python -m scripts.check_lessons docs/days/day-02.md

Messages: `docs/days/x.md:LINE: lesson frame: what is wrong -> how to fix`.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

from .core.fences import parse
from .core.paths import DOCS, show
from .core.report import report

LESSONS = DOCS / "days"
PLACEHOLDER = "TODO(frame)"
# (admonition type, title): the opening three, in the order dev/style-guide.md shows.
OPENING = (("question", "Questions"), ("abstract", "Objectives"), ("info", "Before you start"))
CLOSING = ("success", "Key points")
WHAT = {
    "Questions": "the questions the lesson answers",
    "Objectives": "what a student can do after the lesson",
    "Before you start": "what a student should know first",
    "Key points": "the points to take away",
}
# `!!! type "Title"` (or `???`, `???+` when collapsible) at the start of a line.
ADMONITION = re.compile(
    r'^(?P<marker>!!!|\?\?\?\+?)[ \t]+(?P<type>[\w-]+)(?:[ \t]+"(?P<title>[^"]*)")?'
)
BULLET = re.compile(r"^ {4}[-*+][ \t]+\S")
HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+\S")


@dataclass
class Admonition:
    line: int  # 1-based
    marker: str
    type: str
    title: str
    body: list[str]

    @property
    def bullets(self) -> int:
        return sum(1 for row in self.body if BULLET.match(row))


def front_matter_end(lines: list[str]) -> int:
    """Index of the first line after YAML front matter (0 when there is none)."""
    if lines and lines[0].strip() == "---":
        for n in range(1, len(lines)):
            if lines[n].strip() in ("---", "..."):
                return n + 1
    return 0


def outside_fences(text: str, path: Path) -> list[bool]:
    """For each line: True unless it lies inside a fenced code block."""
    lines = text.splitlines()
    plain = [True] * len(lines)
    for fence in parse(text, path):
        last = fence.line + len(fence.lines) + (1 if fence.closed else 0)
        for n in range(fence.line - 1, min(last, len(lines))):
            plain[n] = False
    return plain


def read(path: Path) -> tuple[list[str], list[tuple[int, int]], list[Admonition]]:
    """The page's lines, its headings (line, level) and its top-level admonitions,
    leaving out what sits in front matter or in code fences."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    plain = outside_fences(text, path)
    start = front_matter_end(lines)
    headings, found = [], []
    for n in range(start, len(lines)):
        if not plain[n]:
            continue
        heading = HEADING.match(lines[n])
        if heading:
            headings.append((n + 1, len(heading["hashes"])))
            continue
        match = ADMONITION.match(lines[n])
        if match:
            body = []
            for row in lines[n + 1 :]:
                if row.strip() and not row.startswith(("    ", "\t")):
                    break
                body.append(row.expandtabs(4))
            found.append(
                Admonition(n + 1, match["marker"], match["type"], match["title"] or "", body)
            )
    return lines, headings, found


def example(kind: str, title: str) -> str:
    return f'`!!! {kind} "{title}"` with a bulleted list of {WHAT[title]}'


def problems(path: Path) -> list[tuple[int, str]]:
    lines, headings, admonitions = read(path)
    where = show(path)
    found: list[tuple[int, str]] = []

    def report(line: int, message: str) -> None:
        found.append((line, f"{where}:{line}: lesson frame: {message}"))

    title = next((line for line, level in headings if level == 1), 1)
    first_section = next((line for line, level in headings if level == 2), None)
    end_of_opening = first_section or len(lines) + 1
    by_title: dict[str, list[Admonition]] = {}
    for admonition in admonitions:
        by_title.setdefault(admonition.title, []).append(admonition)

    wanted = [(kind, name, True) for kind, name in OPENING] + [(*CLOSING, False)]
    for kind, name, opening in wanted:
        matches = by_title.get(name, [])
        if not matches:
            place = "before the first ## section" if opening else "at the end of the lesson"
            line = title if opening else len(lines)
            report(line, f'no "{name}" -> add {example(kind, name)}, {place}')
            continue
        for extra in matches[1:]:
            report(extra.line, f'"{name}" appears again (first at line {matches[0].line})')
        box = matches[0]
        if box.marker != "!!!" or box.type != kind:
            report(
                box.line,
                f'"{name}" must open with `!!! {kind} "{name}"` (not `{box.marker} {box.type}`)',
            )
        if opening and not title < box.line < end_of_opening:
            report(
                box.line,
                f'"{name}" belongs between the # title (line {title}) and the first ## section'
                + (f" (line {first_section})" if first_section else ""),
            )
        if not opening and box.line < end_of_opening:
            report(
                box.line, f'"{name}" belongs at the end of the lesson, not before its first section'
            )
        if box.bullets == 0:
            report(
                box.line,
                f'"{name}" is empty -> list {WHAT[name]}, one bullet each, indented 4 spaces',
            )

    for n, row in enumerate(lines, 1):
        if PLACEHOLDER in row:
            report(n, f"placeholder {PLACEHOLDER} left in the page -> write the text it stands for")
    return sorted(found, key=lambda item: item[0])  # stable: the frame's order within a line


def lesson_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.md")) if path.is_dir() else [path]
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "paths", nargs="*", type=Path, help="lesson pages or folders (default: docs/days)"
    )
    args = parser.parse_args(argv)
    files = lesson_files(args.paths or [LESSONS])
    missing = [path for path in files if not path.is_file()]
    by_page = {path: [m for _, m in problems(path)] for path in files if path.is_file()}
    found = [f"{show(path)}: no such lesson page" for path in missing]
    found += [message for messages in by_page.values() for message in messages]
    faulty = len(missing) + sum(1 for messages in by_page.values() if messages)
    return report(
        "check_lessons",
        found,
        f"{len(files)} lesson(s) carry the frame"
        " (questions, objectives, before you start, key points)",
        f"problem(s) in {faulty} of {len(files)} lesson(s)",
    )


if __name__ == "__main__":
    raise SystemExit(main())
