"""Reading on a phone and on paper: nothing wider than the screen, readable text, and a
printed lesson that shows its diagrams, not their source."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from .diagrams import expected_diagrams, wait_for_diagrams

PHONE = {"width": 375, "height": 812}

# Every block of running text, whatever wraps it (admonitions, tabs, tables, lists).
TEXT_BLOCKS = "article :is(p, li, dt, dd, td, th, summary, .admonition-title)"


def test_no_horizontal_overflow_on_a_phone(open_visit, base_url, site_dir, site_pages):
    for path in site_pages:
        visit = open_visit(viewport=PHONE)
        page = visit.page
        visit.goto(base_url + path)
        count = expected_diagrams(site_dir, path)
        if count:
            wait_for_diagrams(page, count)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path}: page is {width}px wide on a 375px phone"
        # Wide diagrams and tables scroll inside their own box, never past the screen.
        boxes = page.evaluate(
            """() => [...document.querySelectorAll(
                   "article div.mermaid, article .md-typeset__scrollwrap, article pre")]
                 .map(el => Math.round(el.getBoundingClientRect().right))"""
        )
        assert all(right <= PHONE["width"] for right in boxes), f"{path}: {boxes}"
        visit.assert_clean()


def test_text_is_at_least_16px_on_a_phone(open_visit, base_url, site_pages):
    for path in site_pages:
        visit = open_visit(viewport=PHONE)
        visit.goto(base_url + path)
        small = visit.page.evaluate(
            f"""() => [...document.querySelectorAll({TEXT_BLOCKS!r})]
                  .filter(el => el.offsetParent && el.textContent.trim())
                  .map(el => [el.tagName, el.textContent.trim().slice(0, 40),
                              parseFloat(getComputedStyle(el).fontSize)])
                  .filter(([, , size]) => size < 16)"""
        )
        assert small == [], f"{path}: text under 16px: {small[:5]}"


@pytest.fixture(scope="module")
def heaviest(site_dir, site_pages):
    counts = {path: expected_diagrams(site_dir, path) for path in site_pages}
    path = max(counts, key=counts.get)
    assert counts[path] > 0
    return path, counts[path]


def test_printed_lesson_shows_diagrams_not_source(open_visit, base_url, heaviest, tmp_path):
    path, count = heaviest
    visit = open_visit()
    page = visit.page
    visit.goto(base_url + path)
    page.emulate_media(media="print")  # what printing does: every diagram is asked for
    wait_for_diagrams(page, count, all_at_once=False)
    pdf = tmp_path / "lesson.pdf"
    page.pdf(path=str(pdf))
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Requirement Analysis" in text
    # Words and arrows only diagram source holds ("-->" may be prose: "--> 6th Month").
    for source in ("flowchart", "accTitle", "accDescr", "subgraph", "-.->", "gitGraph"):
        assert source not in text, f"diagram source {source!r} printed"
    assert not re.search(r"\bgraph (TD|LR)\b", text)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_lessons_end_with_previous_and_next_links(open_visit, base_url, site_pages, viewport):
    """The lesson frame closes with Material's footer (navigation.footer): a student
    who reaches the key points goes on to the next lesson, or back, in one tap."""
    lessons = [path for path in site_pages if path.startswith("days/")]
    assert lessons
    order = ["", *lessons, "glossary/"]  # the nav: home, the days, the glossary
    for n, path in enumerate(lessons, 1):
        visit = open_visit(viewport=viewport)
        page = visit.page
        visit.goto(base_url + path)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        for rel, target in (("prev", order[n - 1]), ("next", order[n + 1])):
            link = page.locator(f"nav.md-footer__inner a.md-footer__link--{rel}")
            assert link.count() == 1, f"{path}: no {rel} link in the footer"
            assert link.is_visible(), f"{path}: the {rel} link is hidden"
            box = link.bounding_box()
            width = (viewport or {"width": 1280})["width"]
            assert box and box["width"] > 0 and box["x"] + box["width"] <= width, (path, rel, box)
            href = link.evaluate("a => new URL(a.href).pathname")
            assert href.endswith("/" + target), (path, rel, href)
        visit.assert_clean()
