"""The search's query rewriting (docs/javascripts/search-rewrite.js), called directly
on a blank page: no site, no search box, no worker, so each case costs a function
call, not a round trip through the theme's search.

Two kinds of cases:
- small indexes written here, one behaviour each (joined, split, plural, typo,
  lunr's own syntax left alone);
- the built site's own search index: every pair of queries that must find the same
  results (test_search.py derives them from the pages) is rewritten into the same
  query. test_search.py keeps a few of those pairs end to end, through the real box.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts.core.paths import DOCS

from .browsing import close
from .search_words import SEPARATOR

REWRITE_JS = DOCS / "javascripts" / "search-rewrite.js"
# Learn an index, then call one of the rewriter's functions on each argument list.
CALL = """([index, name, calls]) => {
  const rewriter = self.SearchRewrite.rewriter(self.SearchRewrite.learn(index))
  return calls.map(args => rewriter[name](...args))
}"""


@pytest.fixture(scope="module")
def blank(browser):
    """A blank page with the rewriting loaded, and nothing else."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_script_tag(content=REWRITE_JS.read_text(encoding="utf-8"))
        yield page
    finally:
        close(context)


def index(*texts: str) -> dict:
    """A search index as Material's worker receives it: the site's separator, and a
    document per text."""
    return {"config": {"separator": SEPARATOR}, "docs": [{"title": "", "text": t} for t in texts]}


def call(page, words: dict, name: str, *calls: tuple) -> list:
    return page.evaluate(CALL, [words, name, [list(args) for args in calls]])


def rewrite(page, words: dict, *queries: str) -> list[str]:
    return call(page, words, "rewrite", *((query,) for query in queries))


WORDS = index(
    "Micro-Services and a Monolith: downtime at the supermarket, CI/CD pipelines.",
    "Deployment and deployment policies; a policy; the deployment of services.",
    "Branches, a branch, branching and security.",
)


def test_two_words_that_make_an_indexed_word_are_joined(blank):
    assert rewrite(blank, WORDS, "down time", "super market") == ["downtime", "supermarket"]


def test_a_word_matching_nothing_is_split_into_indexed_words(blank):
    # "micro" and "services" are indexed (the separator splits at "-"): "services" is
    # searched as its singular "service"... only when the index has "service" itself.
    assert rewrite(blank, WORDS, "microservices", "cicd") == ["micro services", "ci cd"]


def test_singular_and_plural_become_one_form(blank):
    # Both forms indexed: the singular, which finds both as a prefix.
    assert rewrite(blank, WORDS, "branches", "branch") == ["branch", "branch"]
    # Only the plural indexed: a word that matches is left alone.
    assert rewrite(blank, WORDS, "pipelines", "pipeline") == ["pipelines", "pipeline"]
    # "-ies" plurals keep both forms: "policy" is no prefix of "policies".
    assert rewrite(blank, WORDS, "policies", "policy") == ["policy policies"] * 2


def test_a_typo_gets_the_closest_indexed_word_added(blank):
    typos = ("deploymnet", "secuirty")  # codespell:ignore secuirty
    assert rewrite(blank, WORDS, *typos) == [f"{typos[0]} deployment", f"{typos[1]} security"]


def test_short_words_and_words_far_from_any_are_left_as_typed(blank):
    assert rewrite(blank, WORDS, "xyz", "kubernetes") == ["xyz", "kubernetes"]


def test_lunr_syntax_is_left_as_typed(blank):
    assert rewrite(blank, WORDS, "waterfall -monolith", "+downtime", "title:policy") == [
        "waterfall -monolith",
        "+downtime",
        "title:policy",
    ]


def test_split_prefers_fewest_pieces_then_the_longest_shortest_piece(blank):
    words = index("micro services microser vices ice mic ro")
    assert call(blank, words, "split", ("microservices",), ("zzz",)) == [
        ["micro", "services"],
        None,
    ]


def test_closest_counts_a_swap_as_one_edit_and_prefers_frequent_words(blank):
    words = index("deployment deployment deployments employment")
    swapped = "dpeloyment"  # codespell:ignore dpeloyment
    assert call(blank, words, "closest", ("deploymnet",), (swapped,), ("qqqqqqqqqq",)) == [
        "deployment",
        "deployment",
        None,
    ]


def test_edits_is_the_optimal_string_alignment_distance(blank):
    distances = blank.evaluate(
        """pairs => pairs.map(([a, b, limit]) => self.SearchRewrite.edits(a, b, limit))""",
        [["kitten", "sitting", 5], ["ab", "ba", 2], ["abc", "abc", 1], ["abcdef", "uvwxyz", 2]],
    )
    assert distances == [3, 1, 0, 3]  # the last gives up past its limit: limit + 1


def site_index(site_dir: Path) -> dict:
    return json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.mark.only_builder(
    "mkdocs",
    "the rewriting runs in Material's search worker only, over Material's index;"
    " Zensical's own worker gets each query as typed (dev/zensical.md)",
)
@pytest.mark.parametrize("kind", ["joined", "compounds", "numbers"])
def test_each_derived_pair_is_rewritten_into_the_same_query(blank, site_dir, derived, kind):
    """Over the built site's index, "microservices" and "micro-services", "down time"
    and "downtime", "iteration" and "iterations" become the same query: what the
    search then finds for them is the same by construction."""
    pairs = derived[kind]
    assert pairs
    firsts = rewrite(blank, site_index(site_dir), *(first for first, _ in pairs))
    seconds = rewrite(blank, site_index(site_dir), *(second for _, second in pairs))
    differ = {
        f"{first!r} / {second!r}": (one, two)
        for (first, second), one, two in zip(pairs, firsts, seconds, strict=True)
        if one != two
    }
    assert differ == {}
