"""Shared fixtures: the site built once per test run and builder, served on
127.0.0.1, and a real Chromium driven by Playwright that may talk to nothing but
that server.

The browser tests (tests/browser/) run on two builds of the same mkdocs.yml: MkDocs'
(the published site) and Zensical's, Material's successor (dev/zensical.md); their
ids end in [mkdocs] or [zensical]. The other tests of the built
site check MkDocs' build. A browser test that cannot pass on Zensical yet carries
`@pytest.mark.zensical_xfail(reason)`: a strict expected failure on that build only,
so the list of those marks is the migration's to-do list, and a mark that is no
longer needed fails the run. A browser test of what only one build has (Material's
search worker, say) carries `@pytest.mark.only_builder(builder, reason)` instead."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from scripts.core import build, built_site, chromium, serve
from scripts.core.paths import ROOT

BOTH_BUILDS = ROOT / "tests" / "browser"

# Hypothesis: every property at its full number of examples (`make test`), or a tenth
# of it for the edit loop (`make test-fast` sets HYPOTHESIS_PROFILE=dev;
# tests/importer/budget.py scales each property's number).
settings.register_profile("full", max_examples=100)
settings.register_profile("dev", max_examples=10)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "full"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test of the built site gets a builder: both for the browser tests, MkDocs
    for the rest. Every test names its builder, so each site is built once a run."""
    if "builder" in metafunc.fixturenames:
        both = metafunc.definition.path.is_relative_to(BOTH_BUILDS)
        builders = build.BUILDERS if both else build.BUILDERS[:1]
        only = metafunc.definition.get_closest_marker("only_builder")
        if only:  # a test of one builder's own machinery says which, and why
            builders = (only.args[0],)
        metafunc.parametrize("builder", builders, indirect=True, scope="session")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        callspec = getattr(item, "callspec", None)
        builder = callspec.params.get("builder") if callspec else None
        marker = item.get_closest_marker("zensical_xfail")
        if marker and builder == "zensical":
            item.add_marker(pytest.mark.xfail(strict=True, reason=marker.args[0]))
        # Under pytest-xdist (`make test` runs `-n 2 --dist loadgroup`), every test of
        # one build runs in one worker: each site is built, served and copied offline
        # once a run, and the two builds' tests run side by side.
        if builder:
            item.add_marker(pytest.mark.xdist_group(builder))
        # `make test-fast` leaves out what drives Chromium: tests/browser/, every test
        # of the browser fixture, and those marked `browser` because a script they run
        # launches one (it runs with CHROMIUM pointing nowhere: an unmarked one fails).
        if "browser" in getattr(item, "fixturenames", ()) or item.path.is_relative_to(BOTH_BUILDS):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def builder(request: pytest.FixtureRequest) -> str:
    """Which builder made the site under test (build.BUILDERS)."""
    return request.param


@pytest.fixture(scope="session")
def server(builder: str, tmp_path_factory: pytest.TempPathFactory):
    """The HTTP server for the built site; its port is chosen before the build,
    since the site's sitemap must name the address it is served from."""
    with serve.serve(tmp_path_factory.mktemp(f"site-{builder}")) as server:
        yield server


@pytest.fixture(scope="session")
def site_dir(server, builder: str) -> Path:
    try:
        return build.build(server.root, site_url=server.url, builder=builder)
    except build.BuildError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def base_url(server, site_dir: Path) -> str:
    return server.url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = chromium.launch_chromium(playwright)
        except FileNotFoundError as error:
            pytest.fail(str(error))
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_pages(site_dir: Path) -> list[str]:
    """Every page of the built site, as URL paths relative to the site root."""
    return built_site.site_pages(site_dir)
