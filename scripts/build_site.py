#!/usr/bin/env python3
"""`mkdocs build --strict`, with each warning about a page pointed at its line.

MkDocs names the page of a broken link but not the line: "Doc file 'days/day-01.md'
contains a link 'nope.md', but the target is not found". Like every other check,
`make build` says `docs/days/day-01.md:12: WARNING ...`, the line that holds the
link; a page missing from the nav is pointed at its first line. Everything else
MkDocs prints passes through as it is, and the exit code is MkDocs' own.

    python -m scripts.build_site            # what `make build` runs
    python -m scripts.build_site -d /tmp/x  # any further arguments go to mkdocs build
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from .core.paths import ROOT
from .core.source_lines import markdown_line

DOCS = "docs"
# "WARNING -  Doc file 'x.md' contains a link 'y.md', but ..." (also "an absolute
# link", "an unrecognized relative link").
LINK_WARNING = re.compile(
    r"^(?P<level>WARNING|INFO)\s+-\s+Doc file '(?P<page>[^']+)' contains (?:a|an [\w ]+?) "
    r"link '(?P<link>[^']*)'"
)
NOT_IN_NAV = re.compile(r"^WARNING\s+-\s+The following pages exist in the docs directory")
NAV_ITEM = re.compile(r"^\s+- (?P<page>\S.*)$")


def pointed(lines: list[str], docs: str = DOCS, root: Path = ROOT) -> list[str]:
    """MkDocs' output lines, each page warning led by `docs/page.md:LINE: `."""
    out = []
    listing = False  # inside the list of pages missing from the nav
    for line in lines:
        if listing and (item := NAV_ITEM.match(line)):
            page = f"{docs}/{item['page']}"
            out.append(f"{page}:1: WARNING - not in the nav of mkdocs.yml: add it there")
            continue
        listing = bool(NOT_IN_NAV.match(line))
        match = LINK_WARNING.match(line)
        if match and match["level"] == "WARNING":
            page = f"{docs}/{match['page']}"
            link = match["link"]
            number = markdown_line(root / page, [f"]({link}", f"({link})", link]) or 1
            line = f"{page}:{number}: {line}"
        out.append(line)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # one stream, in MkDocs' order
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    for line in pointed(result.stdout.splitlines()):
        print(line, file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
