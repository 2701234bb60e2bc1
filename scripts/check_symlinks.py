"""Fail on a symlink anywhere in what the site is built from.

The importer, pymdownx.snippets and MkDocs each read a file through a symlink
as if it were the file itself: `ln -s /etc/passwd notes/day-05.txt` put the
machine's accounts into a page, its search index and a pull request, and a
snippet linked from `includes/` did the same through `--8<--`. git stores a
symlink as a link, so one arrives in a pull request as easily as a page. The
importer refuses a linked notes file itself; this check refuses every link,
file or folder, under the folders the build reads content from.

    python -m scripts.check_symlinks                 # notes/ docs/ includes/ overrides/
    python -m scripts.check_symlinks --root DIR      # another checkout

Messages: `docs/x.md:1: a symlink (to TARGET): ... -> what to do`.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from .core.paths import ROOT
from .core.report import report

# What the site is built from: the notes, the pages and their assets, the snippets,
# the theme's templates (a linked partial is read into every page).
FOLDERS = ("notes", "docs", "includes", "overrides")
FIX = "commit the file itself instead, or delete the link"


def symlinks(root: Path, folders: tuple[str, ...] = FOLDERS) -> list[Path]:
    """Every symlink under root/<folder> (a linked folder is reported, not entered),
    and a folder that is itself a link; sorted."""
    found = []
    for name in folders:
        top = root / name
        if top.is_symlink():
            found.append(top)
            continue
        for folder, dirs, files in os.walk(top):  # never follows a linked folder
            for entry in (*dirs, *files):
                path = Path(folder) / entry
                if path.is_symlink():
                    found.append(path)
    return sorted(found)


def problem(path: Path, root: Path) -> str:
    shown = path.relative_to(root).as_posix()
    return (
        f"{shown}:1: a symlink (to {os.readlink(path)}): the importer, snippets and the"
        f" build would read whatever it points at -> {FIX}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository (default: ours)")
    args = parser.parse_args(argv)
    root = args.root.absolute()
    found = [problem(path, root) for path in symlinks(root)]
    where = ", ".join(f"{name}/" for name in FOLDERS)
    return report("check_symlinks", found, f"no symlink in {where}", "symlink(s)")


if __name__ == "__main__":
    raise SystemExit(main())
