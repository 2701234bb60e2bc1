#!/usr/bin/env python3
"""Build the site strictly, as it ships: `mkdocs build --strict` (or Zensical's), then
the Content Security Policy written into every page.

Every build of the site goes through the same three steps (scripts/core/build.py does
the same for the tests and the take-away copies):
1. refuse a snippet that would pull in a file from outside includes/
   (scripts/core/snippets.py), before the builder reads any page;
2. build strictly. MkDocs names the page of a broken link but not the line: "Doc file
   'days/day-01.md' contains a link 'nope.md', but the target is not found". Like
   every other check, `make build` says `docs/days/day-01.md:12: WARNING ...`, the
   line that holds the link; a page missing from the nav is pointed at its first
   line. Everything else the builder prints passes through as it is;
3. write the Content Security Policy as the first element of every page's <head>
   (scripts/core/csp.py; dev/security.md). GitHub Pages sets no headers, and
   Zensical runs no hooks, so this is a step of its own after the builder. An inline
   script that the policy does not list fails the build, like a warning (the browser
   would refuse to run it), and so does a file that a browser opens without the
   policy (an .svg or .xhtml file runs its own scripts).
The exit code is the builder's, or 1 when step 1 or 3 refuses.

    python -m scripts.build_site                      # what `make build` runs
    python -m scripts.build_site -d /tmp/x            # further arguments go to the builder
    SITE_DIR=site-zensical python -m scripts.build_site --builder zensical   # make zensical
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

from .core import csp, snippets
from .core.build import BUILDERS
from .core.paths import ROOT, show
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


def site_dir(builder_args: list[str], root: Path = ROOT) -> Path:
    """Where the builder writes: `-d`/`--site-dir` when given, else mkdocs.yml's
    `site_dir`, which is SITE_DIR or site/."""
    for n, arg in enumerate(builder_args):
        if arg in ("-d", "--site-dir") and n + 1 < len(builder_args):
            return root / builder_args[n + 1]
        if arg.startswith("--site-dir="):
            return root / arg.split("=", 1)[1]
    return root / os.environ.get("SITE_DIR", "site")


def write_policy(site: Path) -> int:
    """Step 3: the policy into every page; 1 if a page holds an inline script it
    does not list."""
    try:
        written = csp.write_policy(site)
    except ValueError as error:
        print(f"build_site: {error}", file=sys.stderr)
        return 1
    for page, line, start in written.refused:
        where = f"{show(page)}:{line}" if line else show(page)
        print(
            f"{where}: ERROR - inline script not allowed by the Content Security Policy"
            f" ({start!r}): the browser will not run it. Our JavaScript goes into a file"
            " under docs/javascripts/; a theme's new script is listed in"
            " scripts/core/csp.py (dev/security.md)",
            file=sys.stderr,
        )
    for path in csp.uncovered(site):
        print(f"{show(path)}: ERROR - {csp.UNCOVERED}", file=sys.stderr)
    return 1 if written.refused or csp.uncovered(site) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], add_help=False)
    parser.add_argument("--builder", choices=BUILDERS, default=BUILDERS[0])
    args, rest = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    refused = snippets.problems(ROOT)
    for problem in refused:
        print(problem, file=sys.stderr)
    if refused:
        return 1
    command = (
        [sys.executable, "-m", "mkdocs", "build", "--strict", *rest]
        if args.builder == "mkdocs"
        else [sys.executable, "-m", "zensical", "build", "--strict", *rest]
    )
    result = subprocess.run(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # one stream, in the builder's order
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    for line in pointed(result.stdout.splitlines()):
        print(line, file=sys.stderr)
    if result.returncode != 0:
        return result.returncode
    return write_policy(site_dir(rest))


if __name__ == "__main__":
    raise SystemExit(main())
