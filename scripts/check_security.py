"""Security scan of the BUILT site and of the settings that keep diagrams safe.

Pages are written by many hands and reach readers as HTML, so this fails on:

- script in page content: a `<script>` element, an `on*=` event attribute or a
  `javascript:` URL inside the page's content (`.md-content`), embedded content
  (`<iframe>`, `<object>`, `<embed>`, `<form>`, `<base>`, `<meta>`), and raw HTML
  that closes the theme's `<article>`/`<main>` early so that what follows escapes
  the content. The theme's own scripts outside the content are expected; so is the
  one mermaid2 appends on diagram pages, in exactly its known shape;
- anything loaded from off our origin: every src, srcset, CSS `url()` and
  `@import`, `<link href>` must stay on the site; links out (`<a href>` to an
  http(s) or mailto: address) are fine (the policy: scripts/check_links.py);
- Mermaid interactions in a diagram (`click ... href/call`, `link`, `callback`:
  scripts/core/diagram_rules.py), which would make a box of a drawn diagram a link off
  the site or a script call;
- Mermaid loosened: `securityLevel: strict` in mkdocs.yml (mermaid2 `arguments`),
  the diagram loader named there present and on our origin, and every vendored asset
  (Mermaid first) intact and at or above its safe version (scripts/vendor_assets.py).
  That the loader keeps Mermaid strict whatever a page says is checked where it can
  be seen, in the browser (tests/browser/test_diagrams.py).

Known vulnerabilities in the pinned Python requirements are pip-audit's business:
scripts/audit_requirements.py (`make audit`).

    python -m scripts.check_security          # checks site/ (run `make build` first)
    python -m scripts.check_security path/to/built/site
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from .core import config as mkdocs_yml
from .core import vendor
from .core.built_site import site_arguments
from .core.config import with_slash
from .core.diagram_rules import interaction_message, interactions
from .core.paths import VENDOR, show
from .core.report import report, usage
from .core.source_lines import locate, project_of, url_needles
from .core.urls import URL_ATTRIBUTES, css_urls, leaves, outbound_link, source_of, urls_of

# Where a page's own content sits in Material's layout.
CONTENT = ".md-content"
# Elements page content may not hold: they run, embed or redirect.
FORBIDDEN_IN_CONTENT = ("script", "iframe", "object", "embed", "form", "base", "meta", "frame")
# URL schemes that run code when followed or loaded.
SCRIPT_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.IGNORECASE)
# Elements the theme opens once and closes once; more closing than opening tags mean
# raw HTML in a page closed them early, and the rest of the page escaped the content.
BALANCED = ("article", "main")
# The script mermaid2 appends to the end of <body> on diagram pages: optionally
# `import mermaid from "<loader>";` (for an .mjs loader), then the configuration.
MERMAID2_SCRIPT = re.compile(
    r'^\s*(?:import mermaid from "(?P<src>[^"]+)";\s*)?'
    r"window\.mermaidConfig = \{default: (?P<args>\{[^{}<>]*\})\};\s*$"
)
STRICT = re.compile(r"""securityLevel["']?\s*:\s*["']strict["']""")


# A problem, and what the page's Markdown holds where it comes from (for its line).
Found = tuple[str, list[str]]


def content_problems(content: Tag) -> list[Found]:
    """Script and active content inside a page's own content."""
    problems = []
    for element in content.find_all(True):
        name = element.name
        if name in FORBIDDEN_IN_CONTENT:
            problems.append((f"<{name}> element in page content", [f"<{name}"]))
        for attribute, value in element.attrs.items():
            if attribute.lower().startswith("on"):
                problems.append(
                    (
                        f"`{attribute}=` event attribute on <{name}> in page content",
                        [f"{attribute}=", f"<{name}"],
                    )
                )
            elif (
                attribute in URL_ATTRIBUTES
                and isinstance(value, str)
                and SCRIPT_SCHEMES.match(value)
            ):
                problems.append(
                    (f"{value.split(':')[0]}: URL on <{name}> in page content", [value.strip()])
                )
    return problems


def diagram_problems(content: Tag) -> list[Found]:
    """Mermaid interaction statements in the diagrams of the page's content."""
    problems = []
    for block in content.select("pre.mermaid"):
        for _, statement in interactions(block.get_text()):
            problems.append((interaction_message(statement), [statement]))
    return problems


def theme_script_problems(soup: BeautifulSoup, loader: str | None) -> list[str]:
    """Outside the content: mermaid2's script must have exactly its known shape."""
    problems = []
    for script in soup.find_all("script"):
        if script.find_parent(class_="md-content"):
            continue
        text = script.string or ""
        if "mermaidConfig" not in text and script.get("type") != "module":
            continue
        if script.get("src"):
            continue
        match = MERMAID2_SCRIPT.match(text)
        if not match:
            problems.append(f"unexpected inline script outside the content: {text[:80]!r}")
            continue
        if match["src"] and not (loader and match["src"].endswith(loader)):
            problems.append(f"mermaid2's script imports {match['src']}, not the loader {loader}")
        if not STRICT.search(match["args"]):
            problems.append("mermaid2's script configures Mermaid without securityLevel strict")
    return problems


def url_problems(soup: BeautifulSoup, page_url: str, site_url: str) -> list[Found]:
    """Every URL the page fetches stays on our origin; links out are fine."""
    problems = []
    for element, attribute, url in urls_of(soup):
        if leaves(url, page_url, site_url) and not outbound_link(
            element, attribute, urljoin(page_url, url)
        ):
            problems.append(
                (f"<{element} {attribute}> loads or links off-site: {url}", url_needles(url))
            )
    return problems


def page_problems(
    html: Path, site: Path, config: dict, site_url: str, loader: str | None, project: Path
) -> list[str]:
    raw = html.read_text(encoding="utf-8")
    soup = BeautifulSoup(raw, "html.parser")
    found: list[Found] = []
    for content in soup.select(CONTENT):
        found += content_problems(content) + diagram_problems(content)
    for name in BALANCED:
        opened = len(re.findall(rf"<{name}\b", raw, re.IGNORECASE))
        closed = len(re.findall(rf"</{name}\s*>", raw, re.IGNORECASE))
        if closed > opened:
            found.append(
                (
                    f"raw HTML closes <{name}> early ({closed} </{name}> for {opened} <{name}>):"
                    " what follows escapes the page content",
                    [f"</{name}"],
                )
            )
    found += [(problem, []) for problem in theme_script_problems(soup, loader)]
    page_url = site_url + html.relative_to(site).as_posix()
    found += url_problems(soup, page_url, site_url)
    source = source_of(soup, config)
    return [
        locate(problem, page=show(html), source=source, root=project, needles=needles)
        for problem, needles in found
    ]


def css_problems(site: Path, site_url: str) -> list[str]:
    problems = []
    for css in sorted(site.rglob("*.css")):
        page_url = site_url + css.relative_to(site).as_posix()
        for url in css_urls(css.read_text(encoding="utf-8", errors="replace")):
            if leaves(url, page_url, site_url):
                problems.append(f"{show(css)}: CSS loads from off-site: {url}")
    return problems


def mermaid_yml_plugin(config: dict) -> dict:
    """mermaid2's settings in mkdocs.yml ({} when it has none)."""
    return mkdocs_yml.plugin(config, "mermaid2") or {}


def settings_problems(config: dict, config_path: Path, docs: Path) -> list[str]:
    """mkdocs.yml and the diagram loader keep Mermaid strict."""
    problems = []
    mermaid2 = mermaid_yml_plugin(config)
    level = (mermaid2.get("arguments") or {}).get("securityLevel")
    if level != "strict":
        problems.append(
            f"{show(config_path)}: mermaid2 `arguments: securityLevel` is {level!r};"
            " it must be `strict` (diagram text must never run script or raw HTML)"
        )
    loader = mermaid2.get("javascript")
    if not loader or loader.startswith(("http:", "https:", "//")):
        problems.append(
            f"{show(config_path)}: mermaid2 `javascript` is {loader!r}; it must name the"
            " site's own diagram loader under docs/ (no CDN)"
        )
        return problems
    if not (docs / loader).is_file():
        problems.append(f"{show(docs / loader)}: the diagram loader named in mkdocs.yml is missing")
    # That the loader keeps Mermaid strict whatever a page says is a runtime property:
    # tests/browser/test_diagrams.py checks the configuration Mermaid really runs with.
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    site_arguments(parser)
    parser.add_argument("--vendor", type=Path, default=VENDOR, help="vendored assets folder")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        return usage("check_security", f"no built site in {args.site}: run `make build`")
    config = mkdocs_yml.load(args.config)
    site_url = with_slash(args.site_url or config.get("site_url") or "")
    docs = args.config.parent / config.get("docs_dir", "docs")
    loader = mermaid_yml_plugin(config).get("javascript")
    problems = settings_problems(config, args.config, docs)
    for asset in vendor.ASSETS:
        problems += vendor.check_asset(asset, args.vendor / asset.name)
    pages = sorted(args.site.rglob("*.html"))
    project = project_of(args.site, args.config)
    for html in pages:
        problems += page_problems(html, args.site, config, site_url, loader, project)
    problems += css_problems(args.site, site_url)
    return report(
        "check_security",
        problems,
        f"{len(pages)} page(s) clean; Mermaid strict, vendored assets intact",
        "problem(s)",
    )


if __name__ == "__main__":
    raise SystemExit(main())
