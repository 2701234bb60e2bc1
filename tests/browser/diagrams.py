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
# axe judged code comments' contrast half-way through (dark mode, under load). Two
# frames pass first, so that the transitions have started; then every finite running
# animation must have ended. (An endless one, a spinner, never ends: awaiting its
# `finished` promise in page.evaluate, which has no timeout, hung a whole run.)
SETTLED = """
() => ++window.__settleFrames > 2 && document.getAnimations().every(
  a => a.playState !== "running" || a.effect.getComputedTiming().endTime === Infinity)
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
    page.evaluate("() => { window.__settleFrames = 0; }")
    page.wait_for_function(SETTLED, polling="raf", timeout=15_000)


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


# For each drawn flowchart (or only those whose title holds `title`): where each line
# runs and what each box covers, in screen pixels. A line may enter its own two boxes
# and the groups (subgraphs) that hold either of them; entering any other box makes it
# read as joined to that box. Lines are sampled every pixel of their length along the
# drawn path. Boxes may not overlap each other, nor a group's title (a two-line
# title is drawn over the group's first box). Invisible links (`~~~`) draw no line.
LAYOUT_FAULTS = r"""
title => {
  const INSET = 1;  // a line along a box's border does not enter it
  const box = element => {
    const r = element.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  };
  const within = (inner, outer) => inner.left >= outer.left && inner.right <= outer.right
    && inner.top >= outer.top && inner.bottom <= outer.bottom;
  const enters = (p, b) => p.x > b.left + INSET && p.x < b.right - INSET
    && p.y > b.top + INSET && p.y < b.bottom - INSET;
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > INSET
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > INSET;
  // A label's lines as the reader sees them ("Billing Management", not "BillingManagement").
  const said = element => {
    const label = element.querySelector(".nodeLabel, .cluster-label");
    return ((label && label.innerText) || element.textContent).replace(/\s+/g, " ").trim();
  };
  const diagrams = [];
  for (const host of document.querySelectorAll("div.mermaid")) {
    const svg = host.shadowRoot && host.shadowRoot.querySelector("svg");
    if (!svg || svg.getAttribute("aria-roledescription") !== "flowchart-v2") continue;
    const name = (svg.querySelector("title") || {}).textContent || "";
    if (title && !name.includes(title)) continue;
    const prefix = svg.id + "-";
    const shapes = [];
    for (const node of svg.querySelectorAll("g.node")) {
      // Node ids: <svg id>-flowchart-<id>-<n>.
      const id = (node.id.match(/-flowchart-(.+)-\d+$/) || [])[1];
      shapes.push({id, text: said(node), group: false, ...box(node)});
    }
    const titles = [];
    for (const cluster of svg.querySelectorAll("g.cluster")) {
      const id = cluster.id.startsWith(prefix) ? cluster.id.slice(prefix.length) : cluster.id;
      const text = said(cluster);
      shapes.push({id, text, group: true, ...box(cluster.querySelector("rect") || cluster)});
      const label = cluster.querySelector(".cluster-label");
      if (label) titles.push({text, ...box(label)});
    }
    const faults = [];
    let lines = 0;
    for (const path of svg.querySelectorAll("path.flowchart-link")) {
      // data-id: L_<from>_<to>_<n>, from and to being node or subgraph ids.
      const link = path.dataset.id || path.id;
      const ends = [];
      for (const a of shapes)
        for (const b of shapes) if (link.startsWith(`L_${a.id}_${b.id}_`)) ends.push(a, b);
      if (ends.length !== 2) {
        faults.push(`${link}: cannot tell which boxes it joins`);
        continue;
      }
      lines += 1;
      const allowed = new Set(ends);
      for (const s of shapes)
        if (s.group && ends.some(end => end !== s && within(end, s))) allowed.add(s);
      const matrix = path.getScreenCTM();
      const length = path.getTotalLength();
      const entered = new Set();
      const crossed = new Set();
      for (let at = 0; at <= length; at += 1) {
        const point = path.getPointAtLength(at);
        const p = new DOMPoint(point.x, point.y).matrixTransform(matrix);
        for (const s of shapes) if (!allowed.has(s) && enters(p, s)) entered.add(s);
        for (const t of titles) if (enters(p, t)) crossed.add(t);
      }
      for (const s of entered) faults.push(`the line ${link} runs through "${s.text}"`);
      // A line through a group's title strikes its words out.
      for (const t of crossed) faults.push(`the line ${link} runs through the title "${t.text}"`);
    }
    const nodes = shapes.filter(s => !s.group);
    nodes.forEach((a, i) => nodes.slice(i + 1).forEach(b => {
      if (overlap(a, b)) faults.push(`"${a.text}" overlaps "${b.text}"`);
    }));
    for (const t of titles)
      for (const n of nodes)
        if (overlap(t, n)) faults.push(`the title of "${t.text}" overlaps "${n.text}"`);
    diagrams.push({title: name, boxes: nodes.length, lines, faults});
  }
  return diagrams;
}
"""
