"""Shared fixtures: the site built once per test run and builder, served on
127.0.0.1, and a real Chromium driven by Playwright that may talk to nothing but
that server.

The browser tests (tests/browser/) run on two builds of the same mkdocs.yml: MkDocs'
(the published site) and Zensical's, Material's successor (README, "Building with
Zensical"); their ids end in [mkdocs] or [zensical]. The other tests of the built
site check MkDocs' build. A browser test that cannot pass on Zensical yet carries
`@pytest.mark.zensical_xfail(reason)`: a strict expected failure on that build only,
so the list of those marks is the migration's to-do list, and a mark that is no
longer needed fails the run. A browser test of what only one build has (Material's
search worker, say) carries `@pytest.mark.only_builder(builder, reason)` instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.core import site as local_site
from scripts.core.paths import ROOT

BOTH_BUILDS = ROOT / "tests" / "browser"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test of the built site gets a builder: both for the browser tests, MkDocs
    for the rest. Every test names its builder, so each site is built once a run."""
    if "builder" in metafunc.fixturenames:
        both = metafunc.definition.path.is_relative_to(BOTH_BUILDS)
        builders = local_site.BUILDERS if both else local_site.BUILDERS[:1]
        only = metafunc.definition.get_closest_marker("only_builder")
        if only:  # a test of one builder's own machinery says which, and why
            builders = (only.args[0],)
        metafunc.parametrize("builder", builders, indirect=True, scope="session")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        marker = item.get_closest_marker("zensical_xfail")
        callspec = getattr(item, "callspec", None)
        if marker and callspec and callspec.params.get("builder") == "zensical":
            item.add_marker(pytest.mark.xfail(strict=True, reason=marker.args[0]))


@pytest.fixture(scope="session")
def builder(request: pytest.FixtureRequest) -> str:
    """Which builder made the site under test (local_site.BUILDERS)."""
    return request.param


@pytest.fixture(scope="session")
def server(builder: str, tmp_path_factory: pytest.TempPathFactory):
    """The HTTP server for the built site; its port is chosen before the build,
    since the site's sitemap must name the address it is served from."""
    with local_site.serve(tmp_path_factory.mktemp(f"site-{builder}")) as server:
        yield server


@pytest.fixture(scope="session")
def site_dir(server, builder: str) -> Path:
    try:
        return local_site.build(server.root, site_url=server.url, builder=builder)
    except local_site.BuildError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def base_url(server, site_dir: Path) -> str:
    return server.url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = local_site.launch_chromium(playwright)
        except FileNotFoundError as error:
            pytest.fail(str(error))
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_pages(site_dir: Path) -> list[str]:
    """Every page of the built site, as URL paths relative to the site root."""
    return local_site.site_pages(site_dir)
