"""Shared fixtures: the site built once per test run, served on 127.0.0.1, and a
real Chromium driven by Playwright that may talk to nothing but that server."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import local_site  # noqa: E402


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory):
    """The HTTP server for the built site; its port is chosen before the build,
    since the site's sitemap must name the address it is served from."""
    with local_site.serve(tmp_path_factory.mktemp("site")) as server:
        yield server


@pytest.fixture(scope="session")
def site_dir(server) -> Path:
    try:
        return local_site.build(server.root, site_url=server.url)
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
    pages = []
    for html in sorted(site_dir.rglob("index.html")):
        rel = html.parent.relative_to(site_dir).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages
