"""axe-core finds no accessibility violation on any page: both palettes, desktop and a
375 px phone, with every diagram drawn (their SVGs are checked too)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .browsing import open_page
from .diagrams import expected_diagrams, settle, wait_for_diagrams

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
    )


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations(browser, base_url, site_dir, site_pages, scheme, viewport):
    axe = Axe()
    failures = {}
    for path in site_pages:
        visit = open_page(browser, color_scheme=scheme, viewport=VIEWPORTS[viewport])
        visit.page.goto(base_url + path, wait_until="networkidle")
        count = expected_diagrams(site_dir, path)
        if count:
            wait_for_diagrams(visit.page, count)
        settle(visit.page)  # colours mid-transition are no colours to judge
        violations = axe.run(visit.page).response["violations"]
        if violations:
            failures[path or "/"] = describe(violations)
        visit.page.context.close()
    assert failures == {}, "\n\n".join(f"{page}:\n{text}" for page, text in failures.items())
