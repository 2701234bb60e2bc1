"""Check every link in the BUILT site: internal pages, anchors, and nothing off-site.

`mkdocs build --strict` validates the links written in Markdown. This reads the
HTML that readers get, so it also sees what MkDocs cannot: raw HTML links, the
navigation, links that snippets, abbreviations, admonitions and content tabs bring
in, and `href="#x"` anchors. Every internal href/src must resolve to a file in the
built site, and every `#fragment` to an element id on the target page.

The policy on other sites (dev/style-guide.md, "Links"): a link out (`<a href>` to an
http(s) or mailto: address) is fine, since course notes cite documentation; anything
a page *loads* from another site (an image, script, style sheet, font, frame) is
never fine: readers get every byte from our origin. Links out are not followed
(there is no network here); scripts/check_security.py checks the loads too.

    python -m scripts.check_links          # checks site/ (run `make build` first)
    python -m scripts.check_links path/to/built/site

Messages: `docs/days/day-01.md:12: link to X: no such page (in site/days/day-01/index.html)`,
at the Markdown line that holds the link where there is one.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from .core import config as mkdocs_yml
from .core.built_site import site_arguments
from .core.config import with_slash
from .core.paths import ROOT, show
from .core.report import report, usage
from .core.source_lines import locate, project_of, url_needles
from .core.urls import NAVIGATION, NOT_PLACES, outbound_link, source_of, under, urls_of


@dataclass
class Site:
    root: Path
    url: str  # site_url, with a trailing slash
    _ids: dict[Path, set[str]]
    project: Path = Path()  # where mkdocs.yml is: Markdown sources are relative to it

    def ids(self, html: Path) -> set[str]:
        """Element ids (and legacy `<a name>`) on a built page, read once."""
        if html not in self._ids:
            soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
            found = {str(el["id"]) for el in soup.find_all(id=True)}
            found |= {str(el["name"]) for el in soup.find_all("a", attrs={"name": True})}
            self._ids[html] = found
        return self._ids[html]

    def target(self, rel: str) -> Path | None:
        """The file a site-relative path serves, as a static host would."""
        path = self.root / unquote(rel)
        if rel == "" or rel.endswith("/") or path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None


def check_page(site: Site, html: Path, config: dict) -> list[str]:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    page_url = site.url + html.relative_to(site.root).as_posix()
    source = source_of(soup, config)
    problems = []

    def problem(url: str, text: str) -> None:
        problems.append(
            locate(
                f"link to {url}: {text}",
                page=show(html),
                source=source,
                root=site.project,
                needles=url_needles(url),
            )
        )

    for element, attribute, url in urls_of(soup):
        if url.lower().startswith(NOT_PLACES):
            continue
        resolved = urljoin(page_url, url)
        address, _, fragment = resolved.partition("#")
        if not under(address, site.url):
            if outbound_link(element, attribute, resolved):
                continue  # a link out: fine (not followed: no network here)
            if element in NAVIGATION:
                problem(url, "not a web address; link out only to http(s) or mailto:")
            else:
                problem(
                    url,
                    f"<{element} {attribute}> loads from another site: readers get every"
                    " byte from our origin; copy the file into docs/ (with its licence)",
                )
            continue
        rel = urlsplit(address).path[len(urlsplit(site.url).path) :].lstrip("/")
        target = site.target(rel)
        if target is None:
            problem(url, "no such page")
        elif fragment and target.suffix == ".html" and unquote(fragment) not in site.ids(target):
            problem(url, "no such anchor")
    return problems


def check_site(
    root: Path, config: dict, site_url: str | None = None, project: Path = ROOT
) -> list[str]:
    url = with_slash(site_url or config.get("site_url") or "http://localhost/")
    site = Site(root, url, {}, project)
    problems = []
    for html in sorted(root.rglob("*.html")):
        problems += check_page(site, html, config)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    site_arguments(parser)
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        return usage("check_links", f"no built site in {args.site}: run `make build`")
    problems = check_site(
        args.site, mkdocs_yml.load(args.config), args.site_url, project_of(args.site, args.config)
    )
    pages = sum(1 for _ in args.site.rglob("*.html"))
    return report(
        "check_links",
        problems,
        f"every link in {pages} page(s) resolves",
        f"broken link(s) in {pages} page(s)",
    )


if __name__ == "__main__":
    raise SystemExit(main())
