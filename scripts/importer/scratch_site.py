"""The site as it would be with some pages added: a scratch copy of the project, made
of links to its files, with the pages written under docs/days/ and listed in the nav.

An importer's draft can so be built, photographed or tested without touching the
repository (scripts/take_screenshots.py --draft, the drafted-lesson browser tests).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..core.paths import ROOT
from .frontmatter import split_page
from .nav import add_to_nav

# What a scratch copy of the project leaves out: history, environments, outputs.
# includes/ is copied, not linked: a symlink there is what every build refuses
# (core/snippets.py).
NOT_COPIED = frozenset(
    (".git", ".venv", "site", "build", "node_modules", "mkdocs.yml", "docs", "includes")
)


def scratch_copy(dest: Path, pages: dict[str, str], keep_days: bool = True) -> Path:
    """The project at `dest`, as links to its files (folders under docs/ and includes/
    copied), with pages under docs/days/
    listed in the nav ({name: Markdown}, e.g. an importer's draft): the site as it
    would be with them, built without touching the repository. A page of the same
    name as a lesson replaces it; `keep_days=False` leaves the other lessons out."""
    dest.mkdir(parents=True)
    for entry in ROOT.iterdir():
        if entry.name not in NOT_COPIED:
            (dest / entry.name).symlink_to(entry)
    shutil.copytree(ROOT / "includes", dest / "includes", symlinks=True)
    docs = dest / "docs"
    docs.mkdir()
    for entry in (ROOT / "docs").iterdir():
        if entry.name == "days":
            continue
        # Folders are copied: Zensical does not enter a linked folder (the copy's
        # site would lack our JavaScript, styles and vendored Mermaid).
        if entry.is_dir():
            shutil.copytree(entry, docs / entry.name, symlinks=True)
        else:
            (docs / entry.name).symlink_to(entry)
    days = docs / "days"
    days.mkdir()
    for entry in (ROOT / "docs" / "days").iterdir() if keep_days else ():
        # Never a link for a page written below: writing to it would write the lesson.
        if entry.stem not in pages:
            (days / entry.name).symlink_to(entry)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for name, text in pages.items():
        (days / f"{name}.md").write_text(text, encoding="utf-8")
        fields = (split_page(text) or ({}, ""))[0]
        title = fields.get("title", name).strip('"')
        config = add_to_nav(config, f"{title} ({name})", f"days/{name}.md")
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest
