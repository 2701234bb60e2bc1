"""A course of N days made from one lesson: the pages, and the nav that lists them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path


def day_pages(template: str, count: int) -> list[tuple[str, str, str]]:
    """count lesson pages made from one page's Markdown: (file name, nav title, text).
    "Day 1" becomes "Day N" so that titles differ; everything else is the same."""
    title = re.search(r'^title:\s*"?(.*?)"?\s*$', template, re.M)
    base = title.group(1) if title else "Day 1"
    pages = []
    for n in range(1, count + 1):
        text = re.sub(r"\bDay 1\b", f"Day {n}", template)
        pages.append((f"day-{n:02d}.md", re.sub(r"\bDay 1\b", f"Day {n}", base), text))
    return pages


def write_days(docs: Path, count: int, template: Path) -> list[tuple[str, str]]:
    """Replace docs/days/ by count copies of template; returns nav entries
    (title, path relative to docs)."""
    text = template.read_text()
    days = docs / "days"
    shutil.rmtree(days, ignore_errors=True)
    days.mkdir(parents=True)
    entries = []
    for name, title, page in day_pages(text, count):
        (days / name).write_text(page)
        entries.append((title, f"days/{name}"))
    return entries


def rewrite_nav(nav: list | None, days: list[tuple[str, str]]) -> list | None:
    """The nav with its lessons (entries under days/) replaced by the given ones, in the
    section that held them; other entries are kept. No nav (MkDocs lists every page
    itself) stays none."""
    if nav is None:
        return None
    placed = False

    def is_day(entry) -> bool:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        return isinstance(value, str) and value.startswith("days/")

    def walk(items: list) -> list:
        nonlocal placed
        out = []
        for item in items:
            if is_day(item):
                if not placed:
                    out += [{title: path} for title, path in days]
                    placed = True
                continue
            key, value = next(iter(item.items())) if isinstance(item, dict) else (None, None)
            # A section is rebuilt; any other entry is kept as it is (with its comments,
            # when it comes from a round-trip document).
            out.append({key: walk(value)} if isinstance(value, list) else item)
        return out

    result = walk(nav)
    if not placed:
        result.append({"Lessons": [{title: path} for title, path in days]})
    return result
