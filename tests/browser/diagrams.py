"""Looking at the diagrams Material drew on a page (shadow roots opened by browsing.py)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from scripts.core.built_site import diagrams_on

# For each drawn diagram: its SVG's role and text, the colour of its first label next
# to the palette's label colour (to see that diagrams follow the palette), and every
# link in it that leaves our origin (a Mermaid `click ... href` draws one).
DRAWN = """
() => [...document.querySelectorAll("div.mermaid")].map(host => {
  const svg = host.shadowRoot && host.shadowRoot.querySelector("svg");
  if (!svg) return null;
  const label = svg.querySelector(".nodeLabel");
  const offsite = [...svg.querySelectorAll("a")]
    .map(a => a.getAttribute("href") || a.getAttribute("xlink:href") || "")
    .filter(href => href && new URL(href, location.href).origin !== location.origin);
  return {
    offsite,
    role: svg.getAttribute("aria-roledescription"),
    title: (svg.querySelector("title") || {}).textContent || "",
    text: svg.textContent.slice(0, 300),
    width: svg.getBoundingClientRect().width,
    labelColor: label ? getComputedStyle(label).color : null,
  };
})
"""

PALETTE_LABEL_COLOR = """
() => {
  const probe = document.createElement("span");
  probe.style.color = "var(--md-mermaid-label-fg-color)";
  document.body.appendChild(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color;
}
"""


# Back from print media (or after a palette change) the page is restyled, and the
# theme animates the change: Material and Zensical fade code blocks' background, and
# axe judged code comments' contrast half-way through (dark mode, under load). The
# two frames let transitions start before their end is awaited.
SETTLED = """
async () => {
  await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  await Promise.allSettled(document.getAnimations().map(animation => animation.finished));
}
"""


def expected_diagrams(site_dir: Path, path: str) -> int:
    """How many Mermaid blocks the built page holds."""
    return diagrams_on(site_dir, path)


def drawn_count(page: Page) -> int:
    return page.evaluate(
        """() => [...document.querySelectorAll("div.mermaid")]
                 .filter(h => h.shadowRoot && h.shadowRoot.querySelector("svg")).length"""
    )


def wait_for_diagrams(
    page: Page, count: int, timeout: float = 30_000, *, all_at_once: bool = True
) -> list[dict]:
    """Wait until count diagrams are drawn and describe them. Diagrams are drawn as they
    come near the viewport, and all at once for printing: unless told not to, this asks
    for all of them by switching to print media until they are drawn."""
    if all_at_once:
        page.emulate_media(media="print")
    page.wait_for_function(
        """n => [...document.querySelectorAll("div.mermaid")]
                 .filter(h => h.shadowRoot && h.shadowRoot.querySelector("svg")).length >= n""",
        arg=count,
        timeout=timeout,
    )
    if all_at_once:
        page.emulate_media(media="screen")
        settle(page)
    return page.evaluate(DRAWN)


def settle(page: Page) -> None:
    """Wait for the CSS transitions that a change of media or palette starts: until
    they end, colours are in between, and what a test measures depends on timing."""
    page.evaluate(SETTLED)


def assert_drawn(diagrams: list[dict], count: int) -> None:
    assert len(diagrams) == count, f"{count} diagrams expected, {len(diagrams)} drawn"
    for n, diagram in enumerate(diagrams, 1):
        assert diagram is not None, f"diagram {n} has no SVG"
        assert diagram["role"] != "error", f"diagram {n} is Mermaid's error picture"
        assert "Syntax error" not in diagram["text"], f"diagram {n}: {diagram['text']}"
        assert diagram["width"] > 0, f"diagram {n} has no width"
        assert diagram["offsite"] == [], f"diagram {n} links off the site: {diagram['offsite']}"


def read_through(page: Page, step: int = 400, pause_ms: int = 60) -> None:
    """Scroll from top to bottom as a reader would, step pixels at a time."""
    height = page.evaluate("document.documentElement.scrollHeight")
    viewport = page.viewport_size["height"] if page.viewport_size else 0
    for y in range(0, height + viewport, step):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(pause_ms)
