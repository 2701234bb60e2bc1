"""Chromium as the browser benchmarks drive it: the flag that refuses off-site names
(added to scripts.core.chromium.launch_chromium's), a phone to emulate, and the scripts
run in the page that time diagrams and scroll."""

from __future__ import annotations

from urllib.parse import urlsplit

from scripts.core.chromium import OPEN_SHADOW_ROOTS

# Off-site requests fail at name resolution inside the browser (no interception,
# which would slow every request down); they are still seen and counted.
OFFSITE_BLOCK = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"

# A phone, as Lighthouse's mobile preset emulates one (Moto G Power).
MOBILE = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 1.75,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/136.0.0.0 Mobile Safari/537.36"
    ),
}


# Opens Material's closed shadow roots (scripts.core.chromium.OPEN_SHADOW_ROOTS) and notes,
# in ms since navigation start, when each diagram's SVG appears: in a shadow root of
# any element, or in a `.mermaid` element itself (a set-up that draws in place).
# Mermaid's own scratch SVGs (outside any .mermaid element) are not counted.
DIAGRAM_CLOCK = (
    OPEN_SHADOW_ROOTS
    + """
(() => {
  const drawn = new Set();
  window.__benchDiagrams = [];
  const note = (host, svg) => {
    if (!host || drawn.has(host)) return;
    drawn.add(host);
    window.__benchDiagrams.push({
      t: performance.now(),
      error: svg.getAttribute("aria-roledescription") === "error",
    });
  };
  const look = (host, root) => {
    const svg = root.querySelector("svg");
    if (svg) note(host, svg);
  };
  // attachShadow as OPEN_SHADOW_ROOTS (just above) left it: every root open.
  const attachOpen = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachOpen.call(this, init);
    const host = this;
    new MutationObserver(() => look(host, root)).observe(root, { childList: true, subtree: true });
    return root;
  };
  new MutationObserver(records => {
    for (const record of records)
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        const host = node.closest(".mermaid");
        if (host && !host.shadowRoot) look(host, host);
      }
  }).observe(document, { childList: true, subtree: true });
})();
"""
)

DRAWN_COUNT = "() => window.__benchDiagrams.length"

# Scrolls to the bottom, one step (80% of the viewport) every stepMs, until the page
# stops growing; returns the time (ms since navigation start) it got there.
SCROLL_TO_BOTTOM = """
async stepMs => {
  const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
  for (let i = 0; i < 2000; i++) {
    const before = window.scrollY;
    window.scrollBy({ top: Math.round(window.innerHeight * 0.8), behavior: "instant" });
    await sleep(stepMs);
    if (window.scrollY === before) break;
  }
  return performance.now();
}
"""


def is_offsite(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1"
