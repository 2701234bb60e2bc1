"""The site as it would be with some pages added: a scratch copy of the project, made
of links to its files, with the pages written under docs/days/ and listed in the nav.

An importer's draft can so be built, photographed or tested without touching the
repository (scripts/take_screenshots.py --draft, the drafted-lesson browser tests).
"""

from __future__ import annotations

from pathlib import Path

from ..core.paths import ROOT
from .frontmatter import split_page
from .nav import add_to_nav

# What a scratch copy of the project leaves out: history, environments, outputs.
NOT_COPIED = frozenset((".git", ".venv", "site", "build", "node_modules", "mkdocs.yml", "docs"))


def scratch_copy(dest: Path, pages: dict[str, str], keep_days: bool = True) -> Path:
    """The project at `dest`, as links to its files, with pages under docs/days/
    listed in the nav ({name: Markdown}, e.g. an importer's draft): the site as it
    would be with them, built without touching the repository. A page of the same
    name as a lesson replaces it; `keep_days=False` leaves the other lessons out."""
    dest.mkdir(parents=True)
    for entry in ROOT.iterdir():
        if entry.name not in NOT_COPIED:
            (dest / entry.name).symlink_to(entry)
    docs = dest / "docs"
    docs.mkdir()
    for entry in (ROOT / "docs").iterdir():
        if entry.name != "days":
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
