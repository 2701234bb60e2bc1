"""Check every link in the BUILT site: internal pages, anchors, and nothing off-site.

`mkdocs build --strict` validates the links written in Markdown. This reads the
HTML that readers get, so it also sees what MkDocs cannot: raw HTML links, the
navigation, links that snippets, abbreviations, admonitions and content tabs bring
in, and `href="#x"` anchors. Every internal href/src must resolve to a file in the
built site, every `#fragment` to an element id on the target page, and no link may
leave the site except to the repository (`repo_url`, "Edit this page") and the few
addresses in ALLOWED_EXTERNAL.

    python scripts/check_links.py          # checks site/ (run `make build` first)
    python scripts/check_links.py path/to/built/site

Messages: `site/days/day-01/index.html: link to X: no such page (from docs/days/day-01.md)`.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_markdown import show

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
SITE = ROOT / "site"

# Off-site addresses the site may link to besides the repository (repo_url and every
# address under it). Keep this short: each entry is a place readers leave the course.
ALLOWED_EXTERNAL = (
    # Material's "Made with Material for MkDocs" credit in every page's footer.
    "https://squidfunk.github.io/mkdocs-material/",
    # The same credit in the Zensical build's footer ("Made with Zensical").
    "https://zensical.org/",
)
# Attributes that hold one URL, and srcset, which holds several.
URL_ATTRIBUTES = ("href", "src", "xlink:href", "poster", "data", "action", "formaction")
# Not links to a place: `javascript:` buttons are the security scan's business
# (scripts/check_security.py), `data:` is inline content, `blob:` is made by scripts.
NOT_LINKS = ("javascript:", "data:", "blob:")


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's YAML, with its tags: `!ENV` read, `!!python/name:` ignored."""


def _env_tag(loader: _Loader, node: yaml.Node) -> object:
    """`!ENV NAME` or `!ENV [NAME, ..., default]`, as pyyaml-env-tag reads it."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    return next((os.environ[name] for name in names if name in os.environ), default)


_Loader.add_constructor("!ENV", _env_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_config(path: Path = CONFIG) -> dict:
    """mkdocs.yml as a dict (no plugin is loaded)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def under(url: str, prefix: str) -> bool:
    """url is prefix itself or an address below it (`repo` does not cover `repo-evil`)."""
    prefix = prefix.rstrip("/")
    return url == prefix or url.startswith((prefix + "/", prefix + "#", prefix + "?"))


def allowed_external(url: str, config: dict) -> bool:
    if config.get("repo_url") and under(url, config["repo_url"]):
        return True
    return any(under(url, allowed) for allowed in ALLOWED_EXTERNAL)


def source_of(soup: BeautifulSoup, config: dict) -> str | None:
    """The Markdown file a built page came from, read off its "Edit this page" link."""
    repo, edit_uri = config.get("repo_url"), config.get("edit_uri")
    if not repo or not edit_uri:
        return None
    prefix = with_slash(repo) + with_slash(edit_uri.strip("/"))
    for link in soup.select("a.md-content__button[href]"):
        href = str(link["href"])
        if href.startswith(prefix):
            return f"{config.get('docs_dir', 'docs')}/{href.removeprefix(prefix)}"
    return None


def urls_of(soup: BeautifulSoup) -> list[str]:
    """Every URL a page's elements point at, in document order."""
    urls = []
    for element in soup.find_all(True):
        for attribute in URL_ATTRIBUTES:
            value = element.get(attribute)
            if isinstance(value, str):
                urls.append(value.strip())
        srcset = element.get("srcset")
        if isinstance(srcset, str):
            urls += [part.strip().split()[0] for part in srcset.split(",") if part.strip()]
    return urls


@dataclass
class Site:
    root: Path
    url: str  # site_url, with a trailing slash
    _ids: dict[Path, set[str]]

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
    origin = f" (from {source})" if source else ""
    problems = []
    for url in urls_of(soup):
        if url.lower().startswith(NOT_LINKS):
            continue
        resolved = urljoin(page_url, url)
        address, _, fragment = resolved.partition("#")
        if not under(address, site.url):
            if allowed_external(resolved, config):
                continue
            problems.append(
                f"{show(html)}: link to {url}: off-site link: the site links only to its"
                " repository; link a page of the course, or add the address to"
                f" ALLOWED_EXTERNAL in scripts/check_links.py with a reason{origin}"
            )
            continue
        rel = urlsplit(address).path[len(urlsplit(site.url).path) :].lstrip("/")
        target = site.target(rel)
        if target is None:
            problems.append(f"{show(html)}: link to {url}: no such page{origin}")
        elif fragment and target.suffix == ".html" and unquote(fragment) not in site.ids(target):
            problems.append(f"{show(html)}: link to {url}: no such anchor{origin}")
    return problems


def check_site(root: Path, config: dict, site_url: str | None = None) -> list[str]:
    url = with_slash(site_url or config.get("site_url") or "http://localhost/")
    site = Site(root, url, {})
    problems = []
    for html in sorted(root.rglob("*.html")):
        problems += check_page(site, html, config)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=SITE, help="built site folder")
    parser.add_argument("--config", type=Path, default=CONFIG, help="mkdocs.yml")
    parser.add_argument("--site-url", help="site_url the site was built with (default: config)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"check_links: no built site in {args.site}: run `make build`", file=sys.stderr)
        return 2
    problems = check_site(args.site, load_config(args.config), args.site_url)
    for problem in problems:
        print(problem, file=sys.stderr)
    pages = sum(1 for _ in args.site.rglob("*.html"))
    if problems:
        print(f"check_links: {len(problems)} broken link(s) in {pages} page(s)")
        return 1
    print(f"check_links: every link in {pages} page(s) resolves")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
