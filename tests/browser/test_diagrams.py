"""Mermaid diagrams, drawn by Material's integration from the vendored Mermaid:
in both palettes, after instant navigation, and only where a page has diagrams."""

from __future__ import annotations

import itertools
import json

import pytest

from .diagrams import (
    DRAWN,
    LAYOUT_FAULTS,
    PALETTE_LABEL_COLOR,
    assert_drawn,
    drawn_count,
    expected_diagrams,
    read_through,
    wait_for_diagrams,
)

MERMAID_FILES = "/assets/vendor/mermaid/"
MERMAID_ENTRY = "/assets/vendor/mermaid/mermaid.esm.min.mjs"


@pytest.fixture(scope="module")
def diagram_pages(site_dir, site_pages):
    pages = {path: expected_diagrams(site_dir, path) for path in site_pages}
    return {path: n for path, n in pages.items() if n}


def test_some_page_has_diagrams(diagram_pages):
    assert diagram_pages, "no page has a Mermaid diagram to test"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_diagram_draws_and_follows_the_palette(open_visit, base_url, diagram_pages, scheme):
    for path, count in diagram_pages.items():
        visit = open_visit(color_scheme=scheme)
        visit.page.goto(base_url + path)
        diagrams = wait_for_diagrams(visit.page, count)
        assert_drawn(diagrams, count)
        palette = visit.page.evaluate(PALETTE_LABEL_COLOR)
        labelled = [d for d in diagrams if d["labelColor"]]
        assert labelled, f"{path}: no diagram with labels to check the palette on"
        for diagram in labelled:
            # Material's theme CSS colours labels from the palette's variables.
            assert diagram["labelColor"] == palette, f"{path}: {diagram['labelColor']} != {palette}"
        # Exactly one Mermaid: the vendored ES module, fetched once, nothing else.
        assert len(visit.requested(MERMAID_ENTRY)) == 1, visit.requested(MERMAID_FILES)
        assert not visit.requested("mermaid.min.js")
        visit.quiet()
        visit.assert_clean()


def test_palettes_give_diagrams_different_colours(open_visit, base_url, diagram_pages):
    path, count = next(iter(diagram_pages.items()))
    colours = {}
    for scheme in ("light", "dark"):
        visit = open_visit(color_scheme=scheme)
        visit.page.goto(base_url + path)
        colours[scheme] = [d["labelColor"] for d in wait_for_diagrams(visit.page, count)]
    assert colours["light"] != colours["dark"]


def test_toggle_palette_recolours_drawn_diagrams(open_visit, base_url, diagram_pages):
    path, count = next(iter(diagram_pages.items()))
    visit = open_visit(color_scheme="light")
    visit.page.goto(base_url + path)
    before = wait_for_diagrams(visit.page, count)[0]["labelColor"]
    # The palette toggle in the header cycles system -> light -> dark.
    toggle = visit.page.locator("form[data-md-component=palette] label:visible")
    for _ in range(3):
        if visit.page.get_attribute("body", "data-md-color-scheme") == "slate":
            break
        toggle.click()
    assert visit.page.get_attribute("body", "data-md-color-scheme") == "slate"
    after = visit.page.evaluate(
        "() => getComputedStyle(document.querySelector('div.mermaid').shadowRoot"
        ".querySelector('.nodeLabel')).color"
    )
    assert before != after
    assert after == visit.page.evaluate(PALETTE_LABEL_COLOR)
    visit.assert_clean()


def test_pages_without_diagrams_load_no_mermaid(open_visit, base_url, site_pages, diagram_pages):
    plain = [path for path in site_pages if path not in diagram_pages]
    assert plain, "every page has a diagram: nothing to check"
    for path in plain:
        visit = open_visit()
        visit.goto(base_url + path)
        assert visit.requested(MERMAID_FILES) == [], path
        assert visit.page.locator("div.mermaid, pre.mermaid").count() == 0
        visit.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagrams_draw_after_instant_navigation(open_visit, base_url, diagram_pages, scheme):
    """The case that breaks most set-ups: the first page had no diagram, so no Mermaid
    was loaded, and the next page arrives through Material's instant navigation."""
    path, count = next(iter(diagram_pages.items()))
    visit = open_visit(color_scheme=scheme)
    visit.goto(base_url)
    assert visit.requested(MERMAID_FILES) == []
    visit.page.evaluate("window.__sameDocument = true")
    visit.page.locator(f"nav.md-nav--primary a[href$='{path}']").first.click()
    visit.page.wait_for_url(base_url + path)
    diagrams = wait_for_diagrams(visit.page, count)
    assert_drawn(diagrams, count)
    # Still the same document: the page came through instant navigation, not a reload.
    assert visit.page.evaluate("window.__sameDocument") is True
    assert len(visit.requested(MERMAID_ENTRY)) == 1
    visit.quiet()
    visit.assert_clean()


# A page that tries every way to loosen Mermaid: mermaid2's settings (`arguments` in
# mkdocs.yml reach the page as window.mermaidConfig) and Material's initialize() call.
LOOSEN = """
Object.defineProperty(window, "mermaidConfig", {
  get: () => ({ default: { securityLevel: "loose" } }),
  set: () => {},
  configurable: true,
});
document.addEventListener("DOMContentLoaded", () => {
  const standIn = window.mermaid;
  const initialize = standIn.initialize;
  standIn.initialize = options => initialize({ ...options, securityLevel: "loose" });
});
"""


def effective_security_level(open_visit, base_url: str, path: str, count: int, route=None) -> str:
    """The securityLevel Mermaid really runs with on a page that tries to loosen it."""
    visit = open_visit()
    visit.page.add_init_script(LOOSEN)
    if route:
        visit.page.route("**/javascripts/diagrams.js", route)
    visit.page.goto(base_url + path)
    wait_for_diagrams(visit.page, count)
    level = visit.page.evaluate(
        f"""async () => (await import("{base_url}assets/vendor/mermaid/mermaid.esm.min.mjs"))
              .default.mermaidAPI.getConfig().securityLevel"""
    )
    return level


def test_mermaid_runs_strict_whatever_a_page_says(open_visit, base_url, diagram_pages):
    path, count = next(iter(diagram_pages.items()))
    assert effective_security_level(open_visit, base_url, path, count) == "strict"


def test_a_loader_that_stops_forcing_strict_is_caught(open_visit, base_url, diagram_pages):
    """The test above can fail: served a loader without its last word on
    securityLevel, the same page runs Mermaid loose."""
    path, count = next(iter(diagram_pages.items()))

    def without_strict(route):
        body = route.fetch().text()
        assert 'securityLevel: "strict",' in body
        route.fulfill(
            body=body.replace('securityLevel: "strict",', ""), content_type="text/javascript"
        )

    assert effective_security_level(open_visit, base_url, path, count, without_strict) == "loose"


def test_a_click_href_would_draw_a_link_off_the_site(open_visit, base_url, diagram_pages):
    """Why the checks refuse `click ... href`: even with securityLevel strict, the
    site's Mermaid draws it as a link; and the drawn-diagram check above sees it."""
    path, count = next(iter(diagram_pages.items()))
    visit = open_visit()
    visit.page.goto(base_url + path)
    wait_for_diagrams(visit.page, count)
    visit.page.evaluate(
        f"""async () => {{
          const mermaid = (await import("{base_url}assets/vendor/mermaid/mermaid.esm.min.mjs"))
            .default;
          const text = 'flowchart LR\\n  A --> B\\n  click A href "https://example.com/" "Open"';
          const {{ svg }} = await mermaid.render("probe", text);
          const host = document.createElement("div");
          host.className = "mermaid";
          host.attachShadow({{ mode: "open" }}).innerHTML = svg;
          document.body.appendChild(host);
        }}"""
    )
    drawn = visit.page.evaluate(DRAWN)
    assert drawn[-1]["offsite"] == ["https://example.com/"]
    with pytest.raises(AssertionError, match="links off the site"):
        assert_drawn(drawn, len(drawn))


def test_diagrams_are_drawn_as_the_reader_reaches_them(open_visit, base_url, diagram_pages):
    """A phone loading a long lesson draws the diagrams near the screen, not all of
    them; reading on (scrolling, opening tabs) draws the rest."""
    path, count = max(diagram_pages.items(), key=lambda item: item[1])
    visit = open_visit(viewport={"width": 375, "height": 812})
    page = visit.page
    visit.goto(base_url + path)
    page.wait_for_timeout(500)
    assert drawn_count(page) < count, "every diagram was drawn at load"
    read_through(page, step=300, pause_ms=40)
    # A diagram in a content tab waits until its tab is shown.
    for label in page.locator(".tabbed-labels > label").all():
        label.scroll_into_view_if_needed()
        label.click()
        page.wait_for_timeout(150)
    assert_drawn(wait_for_diagrams(page, count, all_at_once=False), count)
    visit.assert_clean()


# Counts drawn diagrams at every frame and notes when each one appeared.
DRAWN_AT = """
window.__drawnAt = [];
(function tick() {
  const drawn = [...document.querySelectorAll("div.mermaid")]
    .filter(host => host.shadowRoot && host.shadowRoot.querySelector("svg")).length;
  while (window.__drawnAt.length < drawn) window.__drawnAt.push(performance.now());
  requestAnimationFrame(tick);
})();
"""


def test_a_later_diagram_type_is_fetched_before_the_queue_reaches_it(
    open_visit, base_url, site_dir
):
    """Day 1's gitGraph comes after eight flowcharts. Mermaid alone would fetch the
    gitGraph code once those are drawn; diagrams.js fetches it once the first diagram
    is drawn and the reader reads on, so it is there when the gitGraph's turn comes."""
    from bs4 import BeautifulSoup

    html = (site_dir / "days/day-01/index.html").read_text()
    sources = [
        pre.get_text().lstrip()
        for pre in BeautifulSoup(html, "html.parser")("pre", class_="mermaid")
    ]
    first_git = next(n for n, text in enumerate(sources) if text.startswith("gitGraph"))
    assert first_git >= 3, "the test needs a gitGraph well after other diagrams"
    manifest = json.loads((site_dir / "assets/vendor/mermaid/diagram-modules.json").read_text())
    git_module = manifest["types"]["gitGraph"][0].rsplit("/", 1)[-1]

    visit = open_visit(viewport={"width": 375, "height": 812})
    page = visit.page
    page.add_init_script(DRAWN_AT)
    visit.goto(base_url + "days/day-01/")
    read_through(page)
    page.wait_for_function("n => window.__drawnAt.length >= n", arg=first_git + 1, timeout=30_000)
    fetched = page.evaluate(
        """name => performance.getEntriesByType("resource")
                     .filter(entry => entry.name.endsWith("/" + name))
                     .map(entry => entry.startTime)""",
        git_module,
    )
    drawn_at = page.evaluate("window.__drawnAt")
    assert len(fetched) == 1, f"{git_module} fetched {len(fetched)} times"
    # Fetched while the diagram before the gitGraph was still waiting to be drawn.
    assert fetched[0] < drawn_at[first_git - 1], (fetched, drawn_at)
    visit.assert_clean()


def test_mermaid_files_asked_for_early_are_downloaded_once(open_visit, base_url, site_dir):
    """diagrams.js asks for Mermaid's files ahead of Mermaid (diagram-modules.json);
    the browser must reuse those downloads, not fetch the same file twice."""
    manifest = json.loads((site_dir / "assets/vendor/mermaid/diagram-modules.json").read_text())
    visit = open_visit(viewport={"width": 375, "height": 812})
    page = visit.page
    visit.goto(base_url + "days/day-01/")
    read_through(page)
    count = expected_diagrams(site_dir, "days/day-01/")
    assert_drawn(wait_for_diagrams(page, count, all_at_once=False), count)
    visit.quiet()
    mermaid_requests = [url for url in visit.requests if MERMAID_FILES in url]
    repeated = {url for url in mermaid_requests if mermaid_requests.count(url) > 1}
    assert repeated == set()
    asked = {url.split(MERMAID_FILES, 1)[1] for url in mermaid_requests}
    assert set(manifest["core"]) <= asked
    assert set(manifest["types"]["gitGraph"]) <= asked
    visit.assert_clean()


# Where a drawn node's label sits, by its text: inside Material's shadow root.
NODE_BOXES = """
title => {
  for (const host of document.querySelectorAll("div.mermaid")) {
    const svg = host.shadowRoot && host.shadowRoot.querySelector("svg");
    if (!svg || !(svg.querySelector("title") || {}).textContent?.includes(title)) continue;
    const boxes = {};
    for (const node of svg.querySelectorAll("g.node")) {
      const box = node.getBoundingClientRect();
      boxes[node.textContent.trim()] = {left: box.left, right: box.right, top: box.top,
                                        bottom: box.bottom};
    }
    return boxes;
  }
  return null;
}
"""


# Where each drawn group (subgraph) sits, by its title, in the diagram titled `title`.
GROUP_BOXES = """
title => {
  for (const host of document.querySelectorAll("div.mermaid")) {
    const svg = host.shadowRoot && host.shadowRoot.querySelector("svg");
    if (!svg || !(svg.querySelector("title") || {}).textContent?.includes(title)) continue;
    const boxes = {};
    for (const group of svg.querySelectorAll("g.cluster")) {
      const box = (group.querySelector("rect") || group).getBoundingClientRect();
      boxes[group.textContent.trim()] = {left: box.left, right: box.right, top: box.top,
                                         bottom: box.bottom};
    }
    return boxes;
  }
  return null;
}
"""


SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


def in_one_line(boxes: list[dict]) -> None:
    """Boxes drawn left to right, each on the same line as the one before."""
    for left, right in itertools.pairwise(boxes):
        assert left["right"] <= right["left"], boxes
        assert left["bottom"] > right["top"] and right["bottom"] > left["top"], "one line"


@pytest.mark.parametrize("screen", SCREENS)
def test_shift_left_shows_security_move_left(open_visit, base_url, site_dir, screen):
    """ "Shift left" must read as left on screen, on a phone too. Before: Dev, Test,
    Security and Production on one line, security the last step before Production.
    Shifted left: Dev, Test and Production on one line, inside the security box, whose
    left edge is at or left of Dev's."""
    path = "days/day-01/"
    visit = open_visit(viewport=SCREENS[screen])
    visit.page.goto(base_url + path)
    wait_for_diagrams(visit.page, expected_diagrams(site_dir, path))
    before = visit.page.evaluate(NODE_BOXES, "Before Shift Left")
    assert before, "no drawn diagram titled Before Shift Left"
    in_one_line([before[name] for name in ("Dev", "Test", "Security", "Production")])
    after = visit.page.evaluate(NODE_BOXES, "Shift Left in DevSecOps")
    assert after, "no drawn diagram titled Shift Left in DevSecOps"
    line = [after[name] for name in ("Dev", "Test", "Production")]
    in_one_line(line)
    group = visit.page.evaluate(GROUP_BOXES, "Shift Left in DevSecOps")
    security = [box for name, box in group.items() if name.startswith("Security")]
    assert len(security) == 1, group
    for stage in line:
        assert security[0]["left"] <= stage["left"] and stage["right"] <= security[0]["right"]
        assert security[0]["top"] <= stage["top"] and stage["bottom"] <= security[0]["bottom"]
    visit.assert_clean()


@pytest.mark.parametrize("screen", SCREENS)
def test_no_line_runs_through_a_box_it_does_not_join(open_visit, base_url, diagram_pages, screen):
    """A line drawn through a box reads as joined to it: Day 1's billing diagram once
    ran Payment Management's lines to Cash and Card Payment through Billing
    Management, so Cash Payment seemed part of Billing. In every drawn flowchart, at
    desktop and phone width, each line enters only its own two boxes and the groups
    that hold them, crosses no group's title, and no box overlaps another or a group's
    title."""
    lines = {}
    for path, count in diagram_pages.items():
        visit = open_visit(viewport=SCREENS[screen])
        visit.page.goto(base_url + path)
        wait_for_diagrams(visit.page, count)
        for drawn in visit.page.evaluate(LAYOUT_FAULTS, ""):
            assert drawn["faults"] == [], f"{path} {drawn['title']!r}: {drawn['faults']}"
            lines[drawn["title"]] = drawn["lines"]
        visit.assert_clean()
    # The check saw the diagram it was written for, with its lines drawn.
    assert lines.get("Modules of the Supermarket Billing System", 0) >= 4, lines
