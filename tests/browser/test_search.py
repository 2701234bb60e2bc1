"""Search, as a student uses it: queries typed into the real search box, on the site
served over HTTP and in the offline copy opened from file:// (`make offline`).

The site tunes Material's search for this content (mkdocs.yml, search plugin): words
split at "/" and "-", and docs/javascripts/search-worker.js rewrites each query (joined
and split words, singular and plural, typos). Two kinds of cases:

- QUERIES: student queries, each of which must bring its section of the course into
  the first three results;
- cases derived from the site's own words, read from the built pages, so a new lesson
  is covered without touching this file: every hyphenated or slashed word typed as one
  word, every word made of two site words typed as two, and singular against plural.
  Each pair must give the same first three results.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .browsing import close, open_file_page, open_page, open_search

DAY = "days/day-01/"
GLOSSARY = "glossary/"
DELIVERY = f"{DAY}#continuous-delivery-vs-deployment"

# query -> sections (page + anchor) any of which must be among the first three results
QUERIES = {
    "sdlc": [f"{DAY}#sdlc", f"{DAY}#sdlc-stages"],
    "software development life cycle": [f"{DAY}#sdlc", f"{DAY}#sdlc-stages"],
    "requirement analysis": [f"{DAY}#sdlc-stages", f"{DAY}#core-and-enhancement-projects"],
    # A typo on purpose: search forgives it.
    "requirment analysis": [  # codespell:ignore requirment
        f"{DAY}#sdlc-stages",
        f"{DAY}#core-and-enhancement-projects",
    ],
    "coding": [f"{DAY}#sdlc-stages", f"{DAY}#core-and-enhancement-projects"],
    "development": [f"{DAY}#sdlc-stages", f"{DAY}#continuous-practices", f"{DAY}#sdlc"],
    "desktop applications": [f"{DAY}#application-kinds"],
    "waterfall": [f"{DAY}#waterfall-model"],
    "top-down": [f"{DAY}#waterfall-model"],
    "monolith": [f"{DAY}#application-architecture", f"{DAY}#waterfall-model"],
    "tightly coupled": [f"{DAY}#application-architecture", f"{DAY}#waterfall-model"],
    "supermarket billing": [f"{DAY}#supermarket-billing-system"],
    "payment": [f"{DAY}#supermarket-billing-system", f"{DAY}#core-and-enhancement-projects"],
    "enhancement project": [f"{DAY}#core-and-enhancement-projects"],
    "agile": [f"{DAY}#agile", f"{DAY}#what-agile-achieves", f"{DAY}#iterations"],
    "iteration": [f"{DAY}#iterations", f"{DAY}#agile"],
    "continuous integration": [f"{DAY}#continuous-practices", f"{DAY}#what-agile-achieves"],
    "CI/CD": [f"{DAY}#continuous-practices", DELIVERY],
    # The definitions have headings of their own (#continuous-delivery, ...).
    "continuous delivery": [DELIVERY, f"{DAY}#what-agile-achieves", f"{DAY}#continuous-delivery"],
    "deploymnet": [DELIVERY, f"{DAY}#what-agile-achieves", f"{DAY}#continuous-deployment"],
    # Where the manual approval is explained: the definitions, the comparison, and the
    # continuous practices (Delivery with it, Deployment without).
    "manual approval": [
        DELIVERY,
        f"{DAY}#what-agile-achieves",
        f"{DAY}#continuous-delivery",
        f"{DAY}#continuous-practices",
    ],
    "devops": [f"{DAY}#devops", f"{DAY}#how-to-implement-devops"],
    "devsecops": [f"{DAY}#shift-left-devsecops"],
    "shift left": [f"{DAY}#shift-left-devsecops"],
    "security": [f"{DAY}#shift-left-devsecops", f"{DAY}#devops-teams"],
    "git branching": [f"{DAY}#parallel-development"],
    "parallel development": [f"{DAY}#parallel-development"],
    "bug fixing": [f"{DAY}#parallel-development", f"{DAY}#core-and-enhancement-projects"],
    "terraform": [f"{DAY}#devops-teams"],
    "ansible": [f"{DAY}#devops-teams"],
    # The glossary defines provisioning under its "Teams and infrastructure" heading.
    "infrastructure provisioning": [
        f"{DAY}#devops-teams",
        f"{GLOSSARY}#teams-and-infrastructure",
    ],
    "release management": [f"{DAY}#devops-teams"],
    "micro-service": [f"{DAY}#application-architecture", DELIVERY],
    "service": [f"{DAY}#application-architecture", DELIVERY],
    "banking": [f"{DAY}#banking-insurance"],
    "downtime": [f"{DAY}#banking-insurance"],
    "netflix": [f"{DAY}#next-mlops"],
    "mlops": [f"{DAY}#next-mlops", f"{DAY}#introduction-to-mlops", ""],
    "glossary": [GLOSSARY],
}

# Typed key by key (the others are filled in at once): a typo, a slash, two words.
TYPED = ("requirment analysis", "CI/CD", "shift left")  # codespell:ignore requirment

# Our query rewriting wraps Material's search worker; Zensical runs a worker of its own,
# which the wrapper steps aside for (dev/zensical.md, "Building with Zensical").
NOT_REWRITTEN = (
    "Zensical's own search worker gets the query as typed: joined, split and plural forms"
    " are rewritten only for Material's (docs/javascripts/search-worker.js)"
)


# -- Typing into the search box ------------------------------------------------------

# Material's results: before each query, a marker goes into the result list; Material
# empties the list when the query's results arrive, so their arrival is seen, even
# when they are the same as the previous query's.
MATERIAL_LIST = ".md-search-result__list"
MARK = """() => {
  const marker = document.createElement("li")
  marker.dataset.stale = ""
  document.querySelector(".md-search-result__list").append(marker)
}"""
ARRIVED = """() => !document.querySelector(".md-search-result__list [data-stale]")"""
HREFS = "links => links.filter(a => a.offsetParent).map(a => a.href)"
# Zensical's search dialog: the live region that says how many results there are.
NO_RESULTS = "dialog [role=status]"


class SearchBox:
    """The search box of one page, online or in the offline copy, in whichever search
    UI the build has (browsing.open_search); results are given as site paths with
    anchors ("days/day-01/#sdlc"), the same for every build and copy."""

    def __init__(self, page, root: str):
        self.page = page
        self.root = root  # the site's root URL, ending in "/"
        self.box, self.links = open_search(page)
        self.box.click()
        self.material = page.locator(MATERIAL_LIST).count() > 0
        self.last: str | None = None

    def path(self, href: str) -> str:
        """A result link as a site path: the offline copy's "days/day-01.html" and
        "index.html" are the served site's "days/day-01/" and ""."""
        url = urlsplit(href)
        path = unquote(url.path).removeprefix(unquote(urlsplit(self.root).path))
        path = re.sub(r"(^|/)index\.html$", r"\1", path)
        path = re.sub(r"\.html$", "/", path)
        return path + (f"#{url.fragment}" if url.fragment else "")

    def top(self, limit: int = 3) -> list[str]:
        hrefs = self.page.eval_on_selector_all(self.links, HREFS)
        return [self.path(href) for href in hrefs[:limit]]

    def settled(self) -> list[str]:
        """The first results once they stop changing for 0.4 s, or none once the
        dialog has said "No results" for 1 s (10 s at most)."""
        seen, since = None, time.monotonic()
        deadline = since + 10
        while time.monotonic() < deadline:
            links = self.top(limit=10)
            if links != seen:
                seen, since = links, time.monotonic()
            elif (links and time.monotonic() - since > 0.4) or (
                not links and time.monotonic() - since > 1 and self.says_none()
            ):
                break
            self.page.wait_for_timeout(100)
        return (seen or [])[:3]

    def says_none(self) -> bool:
        """Zensical's dialog announces its count in a live region ("9 results")."""
        status = self.page.locator(NO_RESULTS)
        return status.count() > 0 and status.first.inner_text().strip() == "No results"

    def typed(self, query: str) -> list[str]:
        """Type query key by key, as a student does, and return the first results
        once they stop changing."""
        self.box.fill("")
        self.box.press_sequentially(query, delay=20)
        self.last = query
        return self.settled()

    def results(self, query: str) -> list[str]:
        """Put query in the box at once and return the first results when they come."""
        if query == self.last:  # the theme searches again only when the query changes
            return self.top()
        self.last = query
        if not self.material:
            self.box.fill(query)
            return self.settled()
        self.page.evaluate(MARK)
        self.box.fill(query)
        self.box.press("End")  # Material reads the box on keyup
        self.page.wait_for_function(ARRIVED, timeout=30_000)
        return self.top()


@pytest.fixture(scope="module", params=["online", "offline"])
def search(request, browser, base_url):
    """The search box of the home page: served over HTTP, or opened from file://.
    Closed when the module's tests are done, passed or failed."""
    if request.param == "online":
        visit = open_page(browser)
        try:
            visit.goto(base_url)
            yield SearchBox(visit.page, base_url)
            visit.assert_clean()
        finally:
            close(visit.page.context)
    else:
        copy: Path = request.getfixturevalue("offline_copy")
        page, blocked, errors = open_file_page(browser)
        try:
            page.goto((copy / "index.html").as_uri())
            yield SearchBox(page, copy.as_uri() + "/")
            assert blocked == [] and errors == [], (blocked, errors)
        finally:
            close(page.context)


# -- The tests -----------------------------------------------------------------------


def test_there_are_enough_queries():
    assert len(QUERIES) >= 25


@pytest.mark.zensical_xfail(
    "Zensical ranks the Application architecture section below three others for"
    " 'micro-service', which our rewriting would have split (38 of 39 queries pass)"
)
def test_each_query_finds_its_section_in_the_top_three(search):
    """A few queries are typed key by key, as a student types them (the theme searches
    as each key goes up, so the last results must be the last query's); the rest are
    put into the box at once, which runs the same search for the same query."""
    misses = {}
    for query, wanted in QUERIES.items():
        found = search.typed(query) if query in TYPED else search.results(query)
        if not any(result == target for result in found for target in wanted):
            misses[query] = found
    score = len(QUERIES) - len(misses)
    print(f"search score: {score}/{len(QUERIES)} queries with their section in the top 3")
    assert misses == {}, f"{score}/{len(QUERIES)}; missed: {misses}"


def test_the_cases_come_from_the_site(derived):
    """The derivation itself finds what Day 1 holds, so the tests below test something."""
    assert ("microservices", "micro-services") in derived["joined"]
    assert ("cicd", "ci/cd") in derived["joined"]
    assert ("down time", "downtime") in derived["compounds"]
    assert ("iteration", "iterations") in derived["numbers"]
    assert ("monolith", "monoliths") in derived["numbers"]
    assert len(derived["joined"]) >= 10 and len(derived["numbers"]) >= 30, derived


# Through the real box, each kind's pairs are a sample: those named here, then pairs
# spread evenly over the rest, SAMPLE in all. Every pair of every kind is rewritten on
# a blank page, over the built index (test_search_rewrite.py); the sample shows that
# the box really runs the rewriting, online and from file://.
SAMPLE = 8
NAMED = {
    ("microservices", "micro-services"),
    ("cicd", "ci/cd"),
    ("down time", "downtime"),
    ("iteration", "iterations"),
    ("monolith", "monoliths"),
}


def sample(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    named = [pair for pair in pairs if pair in NAMED]
    rest = [pair for pair in pairs if pair not in NAMED]
    room = max(SAMPLE - len(named), 0)
    spread = rest[:: max(len(rest) // room, 1)][:room] if room else []
    return named + spread


def test_the_sample_reaches_each_kind_s_named_and_other_pairs(derived):
    for kind, pairs in derived.items():
        chosen = sample(pairs)
        assert len(chosen) == min(SAMPLE, len(pairs)), kind
        assert set(chosen) >= {pair for pair in pairs if pair in NAMED}, kind
        assert len(set(chosen) - NAMED) >= min(3, len(pairs)), kind


def differences(search: SearchBox, pairs: list[tuple[str, str]]) -> dict[str, tuple]:
    """The pairs whose two queries do not give the same first results (the first
    five: enough to show what is wrong, and a failing run ends soon). A word the index
    leaves out (one of lunr's stop words, such as "cannot") finds nothing either way;
    such pairs must stay a few, or the comparison would prove nothing."""
    found, empty = {}, []
    for first, second in pairs:
        one, two = search.results(first), search.results(second)
        if one != two:
            found[f"{first!r} / {second!r}"] = (one, two)
            if len(found) == 5:
                return found
        elif not one:
            empty.append(second)
    assert len(empty) <= len(pairs) // 4, f"pairs that find nothing at all: {empty}"
    return found


@pytest.mark.zensical_xfail(NOT_REWRITTEN)
def test_a_hyphenated_or_slashed_word_typed_as_one_finds_the_same(search, derived):
    """ "microservices" finds what "micro-services" finds, "cicd" what "CI/CD" finds."""
    assert differences(search, sample(derived["joined"])) == {}


@pytest.mark.zensical_xfail(NOT_REWRITTEN)
def test_a_word_typed_as_two_finds_the_same(search, derived):
    """ "down time" finds what "downtime" finds."""
    assert differences(search, sample(derived["compounds"])) == {}


@pytest.mark.zensical_xfail(NOT_REWRITTEN)
def test_singular_and_plural_find_the_same(search, derived):
    assert differences(search, sample(derived["numbers"])) == {}


REWRITTEN_ONLY = pytest.mark.zensical_xfail(NOT_REWRITTEN)


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        # joined, singular
        pytest.param("microservice", "micro-service", marks=REWRITTEN_ONLY),
        # a plural the site never writes
        pytest.param("monoliths", "monolith", marks=REWRITTEN_ONLY),
        # one word typed as two, one part matching nothing
        pytest.param("super market", "supermarket", marks=REWRITTEN_ONLY),
        pytest.param("ml ops", "mlops", marks=REWRITTEN_ONLY),
        ("devops teams", "devops team"),
    ],
)
def test_what_students_type(search, typed, written):
    assert search.results(typed) == search.results(written) != []


def test_lunr_syntax_is_left_as_typed(search):
    """Search's own syntax still works: "-" excludes a word, even after rewriting."""
    everything = search.results("waterfall")
    assert everything
    assert search.results("waterfall -monolith") != everything
