"""The Content Security Policy on the clean site, on both builds (scripts/core/csp.py):
every page carries the same policy first in its <head>; a reader who uses everything
the site offers meets no violation; each inline script the policy lists (the theme's,
mermaid2's) is there and runs, and nothing else is inline. When a theme upgrade
changes one of them, these tests trip (dev/seams.md). Every other browser test fails on a
violation too (browsing.Visit.assert_clean)."""

from __future__ import annotations

import pytest

from scripts.core import csp
from scripts.core.built_site import diagrams_on
from scripts.core.html import elements, parse

from .browsing import close, open_file_page, open_page, open_search
from .diagrams import wait_for_diagrams

# The listed inline scripts each build holds (scripts/core/csp.py, INLINE_SCRIPTS).
EXPECTED = {
    "mkdocs": {
        "Material's storage helpers (__md_scope, __md_get, __md_set)",
        "the announcement bar stays hidden once dismissed (announce.dismiss)",
        "the reader's palette, restored before the page paints",
        "the content tab named in the address opens",
        "our first-use abbreviations, run while the page is parsed, before it paints",
        "mermaid2's settings for the diagram loader (securityLevel strict), on diagram pages",
    },
    "zensical": {
        "Zensical's storage helpers (__md_scope, __md_get, __md_set, data-platform)",
        "the announcement bar stays hidden once dismissed (announce.dismiss)",
        "the reader's palette, restored before the page paints",
        "the content tab named in the address opens",
        "our first-use abbreviations, run while the page is parsed, before it paints",
    },
}


@pytest.fixture(scope="module")
def diagram_page(site_dir, site_pages) -> tuple[str, int]:
    """The first page with diagrams, and how many it has."""
    return next((path, n) for path in site_pages if (n := diagrams_on(site_dir, path)))


def head_children(html: str) -> list:
    document = parse(html)
    [head] = [e for e in elements(document.root) if e.name == "head"]
    return [c for c in head.children if not c.name.startswith(("#", "!"))]


def test_every_page_carries_the_same_policy_first_in_its_head(site_dir):
    policies = set()
    for page in site_dir.rglob("*.html"):
        first = head_children(page.read_text())[0]
        assert first.name == "meta", page
        assert first.attrs["http-equiv"] == csp.META_NAME, page
        policies.add(first.attrs["content"])
    [policy] = policies  # instant navigation: the first page's policy governs all
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "'unsafe-eval'" not in policy


def test_every_inline_script_of_a_clean_build_is_listed(site_dir, builder):
    """A theme upgrade that adds or changes an inline script trips here (and `make
    build` refuses it): read the new script, then list it in scripts/core/csp.py."""
    found = set()
    for page in site_dir.rglob("*.html"):
        for script in csp.inline_scripts(parse(page.read_text())):
            assert script.allowed, (
                f"{page}: an inline script the policy does not list: {script.text[:200]!r}"
            )
            found.add(script.allowed.name)
    assert found == EXPECTED[builder]


def test_a_reader_who_uses_everything_meets_no_violation(browser, base_url, diagram_page):
    """The palette toggle, the announcement bar, search and its worker, instant
    navigation to a page of diagrams, and the abbreviations there: all at work, and
    the policy reports nothing."""
    path, count = diagram_page
    visit = open_page(browser)
    page = visit.page
    page.goto(base_url, wait_until="load")
    # The palette script runs before the page paints: a choice survives a reload.
    toggle = page.locator("form[data-md-component=palette] label:visible")
    toggle.click()
    chosen = page.get_attribute("body", "data-md-color-scheme")
    page.reload(wait_until="load")
    assert page.get_attribute("body", "data-md-color-scheme") == chosen
    # The announcement bar: dismissed, it stays hidden on the next page (its script).
    page.locator(".md-banner__button").click()
    page.reload(wait_until="load")
    assert page.locator("[data-md-component=announce]").is_hidden()
    # Search, answered by our worker wrapping the theme's.
    box, results = open_search(page)
    box.press_sequentially("deployment")
    page.locator(results).first.wait_for()
    assert any(
        request.endswith("search-worker.js") or "search-worker.js#" in request
        for request in visit.requests
    )
    page.keyboard.press("Escape")
    # Instant navigation to the page of diagrams, drawn; first uses of terms explained.
    page.evaluate("window.__sameDocument = true")
    page.locator(f"nav.md-nav--primary a[href$='{path}']").first.click()
    page.wait_for_url(base_url + path)
    wait_for_diagrams(page, count)
    assert page.evaluate("window.__sameDocument") is True
    assert page.locator("article abbr[title]").count() > 0
    visit.assert_clean()
    close(visit.page.context)


def test_mermaid2s_settings_reach_the_loader_under_the_policy(
    browser, base_url, diagram_page, builder
):
    """mermaid2's inline script runs (it is listed): under MkDocs the loader reads its
    `arguments`. Zensical runs no mermaid2 page pass."""
    path, _ = diagram_page
    visit = open_page(browser)
    visit.page.goto(base_url + path, wait_until="load")
    config = visit.page.evaluate("window.mermaidConfig?.default?.securityLevel ?? null")
    assert config == ("strict" if builder == "mkdocs" else None)
    visit.assert_clean()
    close(visit.page.context)


@pytest.mark.parametrize("page", ["index.html", "days/day-01.html"])
def test_the_offline_copy_carries_a_policy_for_file_urls(browser, offline_copy, page):
    """From file://, inline scripts cannot be named ahead (the offline search shim
    writes one holding the copy's own folder): scripts are allowed inline there, and
    nothing may load from anywhere but the copy."""
    html = (offline_copy / page).read_text()
    first = head_children(html)[0]
    policy = first.attrs["content"]
    assert f"script-src {csp.OFFLINE_SCRIPT_SRC};" in policy
    for directive in ("default-src 'self'", "img-src 'self' data:", "connect-src 'self'"):
        assert directive in policy
    tab, blocked, errors = open_file_page(browser)
    tab.goto((offline_copy / page).as_uri())
    tab.wait_for_load_state("load")
    with tab.expect_console_message(lambda message: "example.com" in message.text):
        tab.evaluate("new Image().src = 'https://example.com/x.png'")
    assert blocked == []  # refused by the policy before any request
    assert any("img-src" in error for error in errors), errors
    close(tab.context)


def test_make_security_finds_nothing_on_the_clean_build(site_dir, server, capsys):
    """Zero findings on both builds: the allowlist covers the theme's markup, the
    policy the theme's scripts (the other builder's build is checked here; the tests of
    the check itself use MkDocs')."""
    from scripts import check_security

    code = check_security.main([str(site_dir), "--site-url", server.url])
    output = capsys.readouterr()
    assert code == 0, output.err + output.out
