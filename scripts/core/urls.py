"""The URLs of the built site's HTML, and which of them leave it.

The site's policy (dev/style-guide.md, "Links"): a link out (`<a href>` or `<area
href>` to an http(s) or mailto: address) is fine; anything a page *loads* from
another site is never fine. scripts/check_links.py and scripts/check_security.py
both read pages through this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from .config import with_slash

# Attributes that hold one URL; srcset holds several.
URL_ATTRIBUTES = ("href", "src", "xlink:href", "poster", "data", "action", "formaction")
# Elements whose href only navigates when a reader clicks; every other URL is fetched.
NAVIGATION = ("a", "area")
# Links out: the schemes an <a href> may use to leave the site.
OUTBOUND_SCHEMES = ("http", "https", "mailto")
# Not places: `javascript:` is the security scan's business, `data:` inline content,
# `blob:` made by scripts.
NOT_PLACES = ("javascript:", "data:", "blob:")
CSS_URL = re.compile(
    r"""url\(\s*(['"]?)(?P<url>[^'")]*)\1\s*\)|@import\s+(['"])(?P<imp>[^'"]*)\3"""
)


def css_urls(text: str) -> list[str]:
    """The url(...) and @import addresses of a piece of CSS."""
    return [match["url"] or match["imp"] for match in CSS_URL.finditer(text)]


def urls_of(soup: BeautifulSoup) -> list[tuple[str, str, str]]:
    """(element, attribute, URL) for every URL a page's elements point at, in
    document order: URL attributes, each srcset candidate, and CSS (attribute
    "CSS") in style attributes and <style> elements."""
    urls = []
    for element in soup.find_all(True):
        name = element.name
        for attribute in URL_ATTRIBUTES:
            value = element.get(attribute)
            if isinstance(value, str):
                urls.append((name, attribute, value.strip()))
        srcset = element.get("srcset")
        if isinstance(srcset, str):
            urls += [
                (name, "srcset", part.split()[0]) for part in srcset.split(",") if part.strip()
            ]
        style = element.get("style")
        css = [style] if isinstance(style, str) else []
        if name == "style":
            css.append(element.get_text())
        urls += [(name, "CSS", url) for text in css for url in css_urls(text)]
    return urls


def under(url: str, prefix: str) -> bool:
    """url is prefix itself or an address below it (`repo` does not cover `repo-evil`)."""
    prefix = prefix.rstrip("/")
    return url == prefix or url.startswith((prefix + "/", prefix + "#", prefix + "?"))


def leaves(url: str, page_url: str, site_url: str) -> bool:
    """True when url, on the page at page_url, points off the site (relative URLs,
    fragments and `data:`/`blob:` stay on it)."""
    url = url.strip()
    if not url or url.lower().startswith((*NOT_PLACES, "#", "mailto:", "tel:")):
        return False
    return not under(urljoin(page_url, url), site_url)


def outbound_link(element: str, attribute: str, url: str) -> bool:
    """A link out to another site: fine by the policy above."""
    return (
        element in NAVIGATION
        and attribute == "href"
        and urlsplit(url).scheme.lower() in OUTBOUND_SCHEMES
    )


def source_from_edit_links(hrefs: Iterable[str], config: dict) -> str | None:
    """The Markdown file a built page came from, read off its "Edit this page" link
    (relative to mkdocs.yml's folder, e.g. docs/days/day-01.md), given the page's
    edit links' addresses as whichever parser read them."""
    repo, edit_uri = config.get("repo_url"), config.get("edit_uri")
    if not repo or not edit_uri:
        return None
    prefix = with_slash(repo) + with_slash(edit_uri.strip("/"))
    for href in hrefs:
        if href.startswith(prefix):
            return f"{config.get('docs_dir', 'docs')}/{href.removeprefix(prefix)}"
    return None


def source_of(soup: BeautifulSoup, config: dict) -> str | None:
    """source_from_edit_links() of a page read by BeautifulSoup."""
    links = soup.select("a.md-content__button[href]")
    return source_from_edit_links((str(link["href"]) for link in links), config)
