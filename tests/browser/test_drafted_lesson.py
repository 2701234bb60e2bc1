"""A drafted lesson as a reader would get it: the importer's draft of Day 1's notes,
as an extra page of a scratch copy of the site (the repository is not touched), in
Chromium. Every drafted diagram draws, axe-core finds nothing in either palette on
a desktop or a 375 px phone, and on the phone nothing is wider than the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from scripts.core import build, serve
from scripts.core.paths import ROOT
from scripts.importer.mermaid import MIN_SCALE  # below it, labels are too small to read
from scripts.importer.pipeline import convert
from scripts.importer.scratch_site import scratch_copy

from .diagrams import assert_drawn, wait_for_diagrams

DAY_ONE = ROOT / "notes" / "day-01.txt"
PAGE = "days/draft-day-01/"
DRAFTED = 5  # the SDLC stages, core and enhancement projects, iterations, Dev -> Production
PHONE = {"width": 375, "height": 812}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": PHONE}

# Each drawn diagram: its width as shown, as drawn (max-width), and its host's scroll.
WIDTHS = """
() => [...document.querySelectorAll("div.mermaid")].map(host => {
  const svg = host.shadowRoot.querySelector("svg");
  const box = svg.getBoundingClientRect();
  return {
    shown: box.width, right: box.right,
    natural: parseFloat(svg.style.maxWidth || box.width),
    scroll: host.scrollWidth, client: host.clientWidth,
  };
})
"""


@pytest.fixture(scope="session")
def drafted(tmp_path_factory: pytest.TempPathFactory, builder: str) -> str:
    """The URL of a scratch site holding Day 1's draft as days/draft-day-01/, built by
    each builder in turn (a new day is drafted for both)."""
    scratch = tmp_path_factory.mktemp(f"drafted-{builder}")
    text = convert(DAY_ONE.read_bytes(), "notes/day-01.txt", "day-01").text
    root = scratch_copy(scratch / "project", {"draft-day-01": text})
    site = scratch / "site"
    site.mkdir()
    with serve.serve(site) as server:
        try:
            build.build(site, site_url=server.url, root=root, builder=builder)
        except build.BuildError as error:
            pytest.fail(str(error))
        yield server.url


def test_the_draft_is_a_page_of_the_scratch_site_only(drafted: str) -> None:
    assert not (ROOT / "docs" / "days" / "draft-day-01.md").exists()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_drafted_diagram_draws(open_visit, drafted: str, scheme: str) -> None:
    visit = open_visit(color_scheme=scheme)
    visit.page.goto(drafted + PAGE)
    diagrams = wait_for_diagrams(visit.page, DRAFTED)
    assert_drawn(diagrams, DRAFTED)
    assert [d["title"] for d in diagrams][:3] == ["Stages", "Core Project", "Enhancement Project"]
    visit.quiet()
    visit.assert_clean()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_drafted_lesson_has_no_axe_violations(
    open_visit, drafted: str, scheme: str, viewport: str
) -> None:
    visit = open_visit(color_scheme=scheme, viewport=VIEWPORTS[viewport])
    visit.goto(drafted + PAGE)
    wait_for_diagrams(visit.page, DRAFTED)
    violations = Axe().run(visit.page).response["violations"]
    found = [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in violations
    ]
    assert found == []


def test_drafted_diagrams_fit_a_phone(open_visit, drafted: str) -> None:
    visit = open_visit(viewport=PHONE)
    page = visit.page
    visit.goto(drafted + PAGE)
    wait_for_diagrams(page, DRAFTED)
    page_width = page.evaluate("() => document.scrollingElement.scrollWidth")
    assert page_width <= PHONE["width"], "the page scrolls sideways"
    for number, diagram in enumerate(page.evaluate(WIDTHS), 1):
        assert diagram["right"] <= PHONE["width"], f"diagram {number} runs off the screen"
        assert diagram["scroll"] <= diagram["client"], f"diagram {number} scrolls sideways"
        scale = diagram["shown"] / diagram["natural"]
        assert scale >= MIN_SCALE, f"diagram {number} shown at {scale:.2f} of its size"


def test_screenshots_of_a_draft_leave_the_repository_alone(tmp_path: Path) -> None:
    """`take_screenshots.py --draft` names the draft's page after its notes."""
    from scripts import take_screenshots

    name, text = take_screenshots.draft_of(DAY_ONE)
    assert name == "draft-day-01"
    assert "%% drafted from notes/day-01.txt:38-50" in text
