"""Page weight and how fast diagrams appear: our site against the baseline (baseline.py),
both built from the current tree and served side by side by a gzip-compressing static
server (gzip_server.GzipHandler, as GitHub Pages serves text types), looked at by headless
Chromium emulating a phone (412x823 viewport, mobile user agent).

Page weight, for every page of our site (and the same path on the baseline): bytes
on the wire (response headers + gzip-compressed bodies, as Playwright reports them,
web-worker requests included), counted twice: once the page has loaded and the
network has been quiet for 0.5 s ("at load"), and again after scrolling to the
bottom (which draws diagrams a site may leave until they near the viewport) and the
network going quiet again ("read through"). Mermaid's share (every request whose path
contains "mermaid") is shown on its own: a page without diagrams should load none.
Requests to anywhere but 127.0.0.1 fail in the browser's resolver and are counted.

Diagram timing, on the page with the most diagrams (default: detected; --page to
choose): each run opens the page in a fresh browser context (empty cache), waits for
the load event, then scrolls to the bottom, 80% of the viewport every 100 ms, and
waits until every diagram is drawn. An init script opens the closed shadow roots
Material draws into and notes when each diagram's SVG appears. Printed, in ms since
navigation start, as the median of --runs runs (default 7), the two sites alternating:
first contentful paint, load event, first diagram drawn, bottom reached, all diagrams
drawn. --throttle adds Lighthouse's DevTools "slow 4G" (562.5 ms RTT, 1.47 Mbit/s
down) and a 4x CPU slowdown to every run.

    python -m benchmarks.bench_pages
    python -m benchmarks.bench_pages --runs 11 --throttle
    python -m benchmarks.bench_pages --page days/day-01/ --skip-weight
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from scripts.core.build import BuildError
from scripts.core.built_site import diagrams_on, site_pages
from scripts.core.chromium import launch_chromium

from .browser import DIAGRAM_CLOCK, DRAWN_COUNT, MOBILE, OFFSITE_BLOCK, SCROLL_TO_BOTTOM, is_offsite
from .sites import heaviest_page, served_sites
from .tables import fmt, median, print_table, ratio, run_interleaved

SITES = ("ours", "baseline")
SCROLL_STEP_MS = 100
QUIET_MS = 500
DRAW_TIMEOUT_MS = 60_000
# Lighthouse's DevTools throttling for its mobile preset (mobileSlow4G, "applied").
SLOW_4G = {
    "offline": False,
    "latency": 562.5,
    "downloadThroughput": 1474.56 * 1024 / 8,
    "uploadThroughput": 675 * 1024 / 8,
}
CPU_SLOWDOWN = 4


def is_mermaid(url: str) -> bool:
    return "mermaid" in urlsplit(url).path.lower()


def new_page(browser, throttle: bool):
    context = browser.new_context(**MOBILE, service_workers="block", color_scheme="light")
    context.add_init_script(DIAGRAM_CLOCK)
    page = context.new_page()
    if throttle:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return page


# -- Page weight ---------------------------------------------------------------


class Traffic:
    """Every request of one page: finished ones with their sizes, failed ones."""

    def __init__(self, page) -> None:
        self.inflight = 0
        self.last = time.monotonic()
        self.done: list[tuple[str, int]] = []
        self.failed: list[str] = []
        page.on("request", self._started)
        page.on("requestfinished", self._finished)
        page.on("requestfailed", self._failed)

    def _started(self, request) -> None:
        if not request.url.startswith("data:"):
            self.inflight += 1
            self.last = time.monotonic()

    def _finished(self, request) -> None:
        if request.url.startswith("data:"):
            return
        sizes = request.sizes()
        self.done.append((request.url, sizes["responseHeadersSize"] + sizes["responseBodySize"]))
        self.inflight -= 1
        self.last = time.monotonic()

    def _failed(self, request) -> None:
        if request.url.startswith("data:"):
            return
        self.failed.append(request.url)
        self.inflight -= 1
        self.last = time.monotonic()

    def wait_quiet(self, page, timeout: float = 30) -> None:
        """Until nothing has been in flight for QUIET_MS."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            page.wait_for_timeout(50)
            if self.inflight <= 0 and time.monotonic() - self.last >= QUIET_MS / 1000:
                return

    def summary(self) -> dict:
        mermaid = [size for url, size in self.done if is_mermaid(url)]
        offsite = [url for url in self.failed if is_offsite(url)]
        return {
            "requests": len(self.done),
            "bytes": sum(size for _, size in self.done),
            "mermaid_requests": len(mermaid),
            "mermaid_bytes": sum(mermaid),
            "offsite": offsite,
            "failed": [url for url in self.failed if not is_offsite(url)],
        }


def weigh(browser, url: str, expected: int, throttle: bool) -> dict:
    page = new_page(browser, throttle)
    traffic = Traffic(page)
    page.goto(url, wait_until="load", timeout=120_000)
    traffic.wait_quiet(page)
    at_load = traffic.summary()
    page.evaluate(SCROLL_TO_BOTTOM, SCROLL_STEP_MS)
    drawn = _wait_drawn(page, expected)
    traffic.wait_quiet(page)
    read = traffic.summary()
    page.context.close()
    return {"load": at_load, "read": read, "drawn": drawn, "expected": expected}


def _wait_drawn(page, expected: int) -> int:
    if expected:
        # A timeout is a result too: fewer diagrams drawn.
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(
                f"n => ({DRAWN_COUNT})() >= n", arg=expected, timeout=DRAW_TIMEOUT_MS
            )
    return page.evaluate(DRAWN_COUNT)


def weight_tables(browser, servers, pages: list[str], throttle: bool) -> None:
    rows = []
    offsite: dict[str, set[str]] = {name: set() for name in SITES}
    notes = []
    for path in pages:
        results = {}
        for name in SITES:
            server = servers[name]
            if not (server.root / path / "index.html").exists():
                results[name] = None
                continue
            expected = diagrams_on(server.root, path)
            results[name] = weigh(browser, server.url + path, expected, throttle)
            offsite[name] |= {urlsplit(u).hostname or u for u in results[name]["read"]["offsite"]}
            for url in results[name]["read"]["failed"]:
                notes.append(f"{name} /{path}: failed request {url}")
        for name in SITES:
            r = results[name]
            if r is None:
                rows.append([f"/{path}", name, *["n/a"] * 8])
                continue
            rows.append(
                [
                    f"/{path}",
                    name,
                    f"{r['drawn']}/{r['expected']}",
                    str(r["read"]["requests"]),
                    fmt(r["load"]["bytes"], 1, 1000),
                    fmt(r["read"]["bytes"], 1, 1000),
                    fmt(r["read"]["mermaid_bytes"], 1, 1000),
                    str(r["read"]["mermaid_requests"]),
                    str(len(r["read"]["offsite"])),
                    fmt(r["read"]["bytes"] - r["read"]["mermaid_bytes"], 1, 1000),
                ]
            )
        if results["ours"] and results["baseline"]:
            o, b = results["ours"], results["baseline"]
            rows.append(
                [
                    f"/{path}",
                    "ours/baseline",
                    "",
                    "",
                    ratio(o["load"]["bytes"], b["load"]["bytes"]),
                    ratio(o["read"]["bytes"], b["read"]["bytes"]),
                    ratio(o["read"]["mermaid_bytes"], b["read"]["mermaid_bytes"]),
                    "",
                    "",
                    ratio(
                        o["read"]["bytes"] - o["read"]["mermaid_bytes"],
                        b["read"]["bytes"] - b["read"]["mermaid_bytes"],
                    ),
                ]
            )
    print_table(
        [
            "page",
            "site",
            "diagrams",
            "requests",
            "kB at load",
            "kB read through",
            "Mermaid kB",
            "Mermaid req",
            "off-site req",
            "kB w/o Mermaid",
        ],
        rows,
        title="Page weight: bytes on the wire (headers + gzip bodies), 1 kB = 1000 B;"
        " 'read through' = after scrolling to the bottom",
    )
    for name in SITES:
        hosts = ", ".join(sorted(offsite[name])) or "none"
        print(f"off-site hosts asked for ({name}; refused by the browser): {hosts}")
    for note in notes:
        print(note)


# -- Diagram timing ------------------------------------------------------------


def time_diagrams(browser, url: str, expected: int, throttle: bool) -> dict:
    page = new_page(browser, throttle)
    page.goto(url, wait_until="load", timeout=120_000)
    bottom = page.evaluate(SCROLL_TO_BOTTOM, SCROLL_STEP_MS)
    drawn = _wait_drawn(page, expected)
    marks = page.evaluate(
        """() => {
          const nav = performance.getEntriesByType("navigation")[0];
          const fcp = performance.getEntriesByName("first-contentful-paint")[0];
          const times = window.__benchDiagrams.map(d => d.t);
          return {
            fcp: fcp ? fcp.startTime : null,
            load: nav ? nav.loadEventStart : null,
            first: times.length ? Math.min(...times) : null,
            last: times.length ? Math.max(...times) : null,
            errors: window.__benchDiagrams.filter(d => d.error).length,
          };
        }"""
    )
    page.context.close()
    marks["bottom"] = bottom
    marks["drawn"] = drawn
    marks["all"] = marks["last"] if drawn >= expected else None
    return marks


def timing_tables(browser, servers, path: str, runs: int, throttle: bool) -> None:
    expected = {name: diagrams_on(servers[name].root, path) for name in SITES}

    def once(name: str, run: int) -> dict:
        result = time_diagrams(browser, servers[name].url + path, expected[name], throttle)
        print(
            f"  run {run} {name:8}: first {fmt(result['first'])} ms, all {fmt(result['all'])} ms"
            f" ({result['drawn']}/{expected[name]} drawn)",
            file=sys.stderr,
        )
        return result

    print(f"diagram timing on /{path}: {runs} runs per site", file=sys.stderr)
    results = run_interleaved(SITES, runs, once)
    keys = ("fcp", "load", "first", "bottom", "all")
    med = {name: {k: median([r[k] for r in results[name]]) for k in keys} for name in SITES}
    rows = []
    for name in SITES:
        drawn = min(r["drawn"] for r in results[name])
        errors = max(r["errors"] for r in results[name])
        rows.append(
            [name, f"{drawn}/{expected[name]}", str(errors), *(fmt(med[name][k]) for k in keys)]
        )
    rows.append(
        ["ours/baseline", "", "", *(ratio(med["ours"][k], med["baseline"][k]) for k in keys)]
    )
    condition = f"slow 4G + {CPU_SLOWDOWN}x CPU" if throttle else "no throttling"
    print_table(
        [
            "site",
            "drawn (min)",
            "error SVGs",
            "FCP",
            "load",
            "first diagram",
            "bottom reached",
            "all diagrams",
        ],
        rows,
        title=f"Diagrams on /{path}: ms since navigation start, median of {runs} runs"
        f" ({condition}; scrolling {SCROLL_STEP_MS} ms per step after load)",
    )
    raw = []
    for name in SITES:
        raw.append([f"{name} first", *(fmt(r["first"]) for r in results[name])])
        raw.append([f"{name} all", *(fmt(r["all"]) for r in results[name])])
    print_table(["ms", *(f"run {i}" for i in range(1, runs + 1))], raw, title="Every run")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="diagram timing runs per site")
    parser.add_argument("--page", help="page for diagram timing, e.g. days/day-01/")
    parser.add_argument("--throttle", action="store_true", help="slow 4G and 4x CPU slowdown")
    parser.add_argument("--skip-weight", action="store_true")
    parser.add_argument("--skip-timing", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp, contextlib.ExitStack() as stack:
        print("building our site and the baseline ...", file=sys.stderr)
        try:
            servers = stack.enter_context(served_sites(Path(tmp)))
        except BuildError as error:
            print(f"cannot build the sites: {error}")
            return 1
        playwright = stack.enter_context(sync_playwright())
        browser = launch_chromium(playwright, OFFSITE_BLOCK)
        stack.callback(browser.close)
        pages = site_pages(servers["ours"].root)
        if not args.skip_weight:
            weight_tables(browser, servers, pages, args.throttle)
        if not args.skip_timing:
            path = args.page or heaviest_page(servers["ours"].root)
            timing_tables(browser, servers, path, args.runs, args.throttle)
    print("\nNumbers from a shared 2-core machine: expect noise; compare the ratios.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
