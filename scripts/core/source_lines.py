"""Point a problem found in the built site at the line of Markdown that made it.

The checks that read built HTML (scripts/check_links.py, scripts/check_security.py)
know the page's Markdown file from its "Edit this page" link; this finds the line in
it that holds what the problem is about (a link target, a tag, a Mermaid statement),
so every message starts with `file:line` like the other checks' messages. Problems
with no such line (the theme's navigation, say) keep the built page's path.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit


def markdown_line(markdown: Path, needles: Iterable[str]) -> int | None:
    """1-based line of the first needle found in the file (needles tried in order)."""
    try:
        lines = markdown.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for needle in needles:
        if not needle:
            continue
        for number, line in enumerate(lines, 1):
            if needle in line:
                return number
    return None


def url_needles(url: str) -> list[str]:
    """What a Markdown file may hold for a link that reached the HTML as `url`:
    the URL itself, its #fragment, or the page name (`../day-09/` from `day-09.md`)."""
    parts = urlsplit(url)
    name = unquote(parts.path).rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")
    return [url, f"#{parts.fragment}" if parts.fragment else "", name if name != ".." else ""]


def locate(problem: str, *, page: str, source: str | None, root: Path, needles) -> str:
    """`docs/x.md:LINE: problem (in site/x/index.html)` when the line is found,
    else `site/x/index.html: problem (from docs/x.md)`."""
    if source:
        line = markdown_line(root / source, needles)
        if line is not None:
            return f"{source}:{line}: {problem} (in {page})"
        return f"{page}: {problem} (from {source})"
    return f"{page}: {problem}"


def project_of(site: Path, config: Path) -> Path:
    """Where a built site's Markdown lives: the folder the site was built in (it
    holds a mkdocs.yml, as `site/` does), else mkdocs.yml's folder."""
    parent = site.resolve().parent
    return parent if (parent / "mkdocs.yml").is_file() else config.resolve().parent
