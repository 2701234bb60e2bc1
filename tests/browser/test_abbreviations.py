"""Each abbreviation is explained once per page, at its first use
(overrides/partials/first-use-abbreviations.html): on every page as it loads, and on
a page that instant navigation brings, before the theme sets up its tooltips."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from .browsing import open_page

# Every <abbr> left in the page's article (later uses become plain text): its term,
# its title, and how much of the article's text comes before it; and the article's
# whole text.
ABBREVIATIONS = """
() => {
  const article = document.querySelector("article");
  const before = document.createRange();
  before.setStart(article, 0);
  return {
    text: article.textContent,
    abbrs: [...article.querySelectorAll("abbr")].map(abbr => {
      before.setEndBefore(abbr);
      return [abbr.textContent, abbr.getAttribute("title"), before.toString().length];
    }),
  };
}
"""


def built_terms(site_dir, path: str) -> set[tuple[str, str]]:
    """The (term, title) pairs the built page explains somewhere."""
    soup = BeautifulSoup((site_dir / path / "index.html").read_text(), "html.parser")
    return {(abbr.get_text(), abbr.get("title")) for abbr in soup.select("article abbr[title]")}


def assert_first_uses_only(found: dict, expected: set[tuple[str, str]], path: str) -> None:
    pairs = [(term, title) for term, title, _ in found["abbrs"]]
    assert len(pairs) == len(set(pairs)), f"{path}: a term explained twice: {pairs}"
    assert set(pairs) == expected, f"{path}: explained {set(pairs)}, built {expected}"
    terms = [term for term, _ in pairs]
    for term, _, offset in found["abbrs"]:
        if any(term != other and term in other for other in terms):
            continue  # "CI" inside "CI/CD": not a use of its own
        earlier = re.search(rf"(?<![\w/]){re.escape(term)}(?![\w/])", found["text"][:offset])
        assert not earlier, f"{path}: {term!r} is explained after an earlier use"


def test_each_term_is_explained_at_its_first_use(browser, base_url, site_dir, site_pages):
    for path in site_pages:
        expected = built_terms(site_dir, path)
        assert expected, f"{path}: no abbreviation to check"
        visit = open_page(browser)
        visit.page.goto(base_url + path, wait_until="networkidle")
        assert_first_uses_only(visit.page.evaluate(ABBREVIATIONS), expected, path)
        visit.assert_clean()
        visit.page.context.close()


def test_a_page_reached_by_instant_navigation_too(browser, base_url, site_dir):
    path = "days/day-01/"
    visit = open_page(browser)
    visit.page.goto(base_url, wait_until="networkidle")
    visit.page.evaluate("window.__sameDocument = true")
    visit.page.locator(f"nav.md-nav--primary a[href$='{path}']").first.click()
    visit.page.wait_for_url(base_url + path)
    visit.page.wait_for_function(
        "() => document.querySelector('article h1')?.textContent.includes('Day 1')"
    )
    assert visit.page.evaluate("window.__sameDocument") is True, "the page was reloaded"
    found = visit.page.evaluate(ABBREVIATIONS)
    assert_first_uses_only(found, built_terms(site_dir, path), path)
    visit.page.wait_for_load_state("networkidle")
    visit.assert_clean()
    visit.page.context.close()
