"""axe-core finds no accessibility violation on any page: both palettes, desktop and a
375 px phone, with every diagram drawn (their SVGs are checked too).

Each page is loaded and drawn once a viewport, audited in the light palette, then
switched to dark as a reader's system switches it (the palette follows the system
setting until the reader picks one) and audited again: the theme restyles the page
and its diagrams in place."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest
from axe_playwright_python.sync_playwright import Axe

from scripts.core.config import load as load_config

from .diagrams import expected_diagrams, settle, wait_for_diagrams

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}
# The palette each reader's setting gives: <body data-md-color-scheme="...">.
SCHEMES = {"light": "default", "dark": "slate"}


def nav_pages(nav: list) -> list[str]:
    """Every page of mkdocs.yml's nav as the URL path it is served at ("" for the
    home page, "days/day-01/")."""
    paths = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            paths += nav_pages(value)
        elif isinstance(value, str) and value.endswith(".md"):
            page = PurePosixPath(value).with_suffix("")
            paths.append("" if page.name == "index" else f"{page}/")
    return paths


PAGES = nav_pages(load_config()["nav"])


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
    )


def test_every_page_of_the_site_is_audited(site_pages):
    assert sorted(PAGES) == site_pages


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("path", PAGES, ids=lambda path: path or "home")
def test_no_axe_violations(open_visit, base_url, site_dir, path, viewport):
    axe = Axe()
    visit = open_visit(color_scheme="light", viewport=VIEWPORTS[viewport])
    visit.goto(base_url + path)
    count = expected_diagrams(site_dir, path)
    if count:
        wait_for_diagrams(visit.page, count)
    failures = {}
    for scheme, palette in SCHEMES.items():
        visit.page.emulate_media(color_scheme=scheme)
        visit.page.wait_for_function(
            "palette => document.body.dataset.mdColorScheme === palette", arg=palette
        )
        settle(visit.page)  # colours mid-transition are no colours to judge
        violations = axe.run(visit.page).response["violations"]
        if violations:
            failures[scheme] = describe(violations)
    visit.assert_clean()
    assert failures == {}, "\n\n".join(f"{path or '/'}, {k}:\n{v}" for k, v in failures.items())
