"""A built site as the scripts read it: its pages, the diagrams on a page, and the
command-line arguments of a check that reads one."""

from __future__ import annotations

import re
from pathlib import Path

from .paths import CONFIG, SITE

# A diagram in a built page: Material's fence (mermaid2's formatter) writes
# <pre class="mermaid"><code>...</code></pre>; Material draws each.
MERMAID_BLOCK = re.compile(r'<pre[^>]*class="[^"]*\bmermaid\b')


def site_pages(site: Path) -> list[str]:
    """Every page of a built site, as URL paths relative to its root ("" for the home
    page, "days/day-01/"), sorted."""
    return sorted(
        "" if html.parent == site else html.parent.relative_to(site).as_posix() + "/"
        for html in site.rglob("index.html")
    )


def diagrams_on(site: Path, path: str) -> int:
    """How many diagrams the built page at `path` ("days/day-01/") holds."""
    page = site / path / "index.html" if not path.endswith(".html") else site / path
    return len(MERMAID_BLOCK.findall(page.read_text(encoding="utf-8")))


def site_arguments(parser) -> None:
    """The arguments of a check that reads the built site: the folder, mkdocs.yml,
    and the site_url it was built with."""
    parser.add_argument("site", nargs="?", type=Path, default=SITE, help="built site folder")
    parser.add_argument("--config", type=Path, default=CONFIG, help="mkdocs.yml")
    parser.add_argument("--site-url", help="site_url the site was built with (default: config)")
