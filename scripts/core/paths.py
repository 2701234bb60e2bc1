"""Where the project's things are, and how messages show a path."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "mkdocs.yml"
DOCS = ROOT / "docs"
SITE = ROOT / "site"
VENDOR = DOCS / "assets" / "vendor"
# Markdown under these is not ours to check (vendored packages' own READMEs).
NOT_OURS = (VENDOR,)


def show(path: Path, root: Path = ROOT) -> str:
    """A path as messages show it: relative to the repository when inside it, so
    that `file:line` in a message opens from the repository's root."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def markdown_files(paths: list[Path]) -> list[Path]:
    """The Markdown files named, and those in the folders named (sorted), leaving out
    what is not ours."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += [
                found
                for found in sorted(path.rglob("*.md"))
                if not any(found.resolve().is_relative_to(skip) for skip in NOT_OURS)
            ]
        elif path.exists():
            files.append(path)
    return files
