"""Lighthouse scores (mobile preset) for the home page and the page with the most
diagrams: our site (MkDocs, published), the same site built by Zensical, and the
baseline (baseline.py), all built from the current tree and served side by side by
the gzip static server (gzip_server.GzipHandler).

Lighthouse is the npm package pinned in benchmarks/package.json (12.x: Lighthouse 13
needs Node >= 22.19), installed with `npm ci --prefix benchmarks`. Each run is the
CLI with its default mobile preset (`--form-factor=mobile`, simulated throttling),
`--only-categories=performance,accessibility,best-practices,seo`, `--output=json`,
Debian's Chromium (CHROME_PATH) headless with the flags scripts/core/chromium.py uses,
and `--blocked-url-patterns=https://*`: every request off our http://127.0.0.1 origin
is https (Google Fonts, api.github.com, CDNs) and is blocked the way Lighthouse
blocks URLs, which its console-error audit ignores; such requests are counted.

Printed per page and site: the median of --runs runs (default 3) of each category
score and of FCP, LCP, TBT, CLS, Speed Index and the total byte weight Lighthouse
saw; the differences ours - baseline and zensical - ours; and, from the last run,
the accessibility, best-practices and SEO audits that cost points.

With `--before REV`, the same two sites are also built from the tree at git revision
REV, as that tree built them ("before", "zensical-before"), and measured in the same
run, alternating: a change's cost, before and after. `--sites` measures only the
sites named.

    python -m benchmarks.bench_lighthouse
    python -m benchmarks.bench_lighthouse --runs 5 --page days/day-01/
    python -m benchmarks.bench_lighthouse --before main --sites ours before zensical zensical-before
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts.core.build import BuildError
from scripts.core.chromium import CHROMIUM, CHROMIUM_ARGS

from .browser import is_offsite
from .sites import heaviest_page, served_sites
from .tables import fmt, median, print_table

LIGHTHOUSE = Path(__file__).resolve().parent / "node_modules" / ".bin" / "lighthouse"
SITES = ("ours", "zensical", "baseline")
BEFORE = ("before", "zensical-before")
# Differences printed: each site against the one it is compared with.
COMPARED = (
    ("ours", "baseline"),
    ("zensical", "ours"),
    ("ours", "before"),
    ("zensical", "zensical-before"),
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = (
    ("FCP ms", "first-contentful-paint"),
    ("LCP ms", "largest-contentful-paint"),
    ("TBT ms", "total-blocking-time"),
    ("CLS", "cumulative-layout-shift"),
    ("SI ms", "speed-index"),
    ("kB", "total-byte-weight"),
)
CHROME_FLAGS = ["--headless=new", *CHROMIUM_ARGS]


def lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run; its JSON report (or {"error": ...})."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        "--only-categories=" + ",".join(CATEGORIES),
        "--form-factor=mobile",
        "--chrome-flags=" + " ".join(CHROME_FLAGS),
        "--blocked-url-patterns=https://*",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    if result.returncode != 0 or not out.exists():
        return {"error": (result.stderr or result.stdout).strip()[-1500:]}
    report = json.loads(out.read_text())
    if report.get("runtimeError"):
        return {"error": json.dumps(report["runtimeError"])}
    return report


def summarise(report: dict) -> dict:
    if "error" in report:
        return {"error": report["error"]}
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    audits = report["audits"]
    metrics = {name: audits.get(key, {}).get("numericValue") for name, key in METRICS}
    if metrics["kB"] is not None:
        metrics["kB"] /= 1000
    items = (audits.get("network-requests", {}).get("details") or {}).get("items", [])
    offsite = [item["url"] for item in items if is_offsite(item.get("url", ""))]
    costly = []
    for category in CATEGORIES[1:]:
        for ref in report["categories"][category]["auditRefs"]:
            audit = audits.get(ref["id"], {})
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                costly.append(f"{category}: {ref['id']} ({audit.get('title', '')})")
    return {
        "scores": {c: None if s is None else s * 100 for c, s in scores.items()},
        "metrics": metrics,
        "offsite": offsite,
        "costly": costly,
        "warnings": report.get("runWarnings", []),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--page",
        action="append",
        help="page(s) to test (default: home and the page with the most diagrams)",
    )
    parser.add_argument("--before", metavar="REV", help="also build the tree at this git revision")
    parser.add_argument(
        "--sites", nargs="+", choices=SITES + BEFORE, help="the sites to measure (default: all)"
    )
    args = parser.parse_args(argv)
    sites = tuple(args.sites or (SITES + (BEFORE if args.before else ())))
    if any(site in BEFORE for site in sites) and not args.before:
        parser.error("--sites before/zensical-before need --before REV")

    if not LIGHTHOUSE.exists():
        print(
            f"Lighthouse is not installed ({LIGHTHOUSE} missing): run"
            " `npm ci --prefix benchmarks` (Node >= 18.20) first."
        )
        return 1

    with (
        tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp,
        contextlib.ExitStack() as stack,
    ):
        tmp_path = Path(tmp)
        print("building our site (MkDocs, Zensical) and the baseline ...", file=sys.stderr)
        try:
            servers = stack.enter_context(served_sites(tmp_path, sites, args.before))
        except BuildError as error:
            print(f"cannot build the sites: {error}")
            return 1
        pages = args.page or ["", heaviest_page(servers[sites[0]].root)]
        results: dict = {(p, s): [] for p in pages for s in sites}
        for run in range(1, args.runs + 1):
            for page in pages:
                order = sites if run % 2 else tuple(reversed(sites))
                for site in order:
                    out = tmp_path / f"lh-{run}-{site}-{page.strip('/').replace('/', '-')}.json"
                    summary = summarise(lighthouse(servers[site].url + page, out))
                    results[(page, site)].append(summary)
                    shown = (
                        "ERROR"
                        if "error" in summary
                        else " ".join(f"{fmt(v)}" for v in summary["scores"].values())
                    )
                    print(f"  run {run} /{page} {site}: {shown}", file=sys.stderr)

    report(pages, results, args.runs, sites)
    return 0


def report(pages: list[str], results: dict, runs: int, sites: tuple[str, ...] = SITES) -> None:
    rows = []
    for page in pages:
        med = {}
        for site in sites:
            good = [r for r in results[(page, site)] if "error" not in r]
            if not good:
                rows.append([f"/{page}", site, f"0/{runs}", *["n/a"] * 11])
                med[site] = None
                continue
            scores = {c: median([r["scores"][c] for r in good]) for c in CATEGORIES}
            metrics = {n: median([r["metrics"][n] for r in good]) for n, _ in METRICS}
            offsite = median([len(r["offsite"]) for r in good])
            med[site] = (scores, metrics)
            rows.append(
                [
                    f"/{page}",
                    site,
                    f"{len(good)}/{runs}",
                    *(fmt(scores[c]) for c in CATEGORIES),
                    *(
                        fmt(metrics[n], 3 if n == "CLS" else (1 if n == "kB" else 0))
                        for n, _ in METRICS
                    ),
                    fmt(offsite),
                ]
            )

        def diff(a, b, digits=0):
            return "n/a" if a is None or b is None else f"{a - b:+.{digits}f}"

        for one, other in COMPARED:
            if not (med.get(one) and med.get(other)):
                continue
            (so, mo), (sb, mb) = med[one], med[other]
            rows.append(
                [
                    f"/{page}",
                    f"{one} - {other}",
                    "",
                    *(diff(so[c], sb[c]) for c in CATEGORIES),
                    *(
                        diff(mo[n], mb[n], 3 if n == "CLS" else (1 if n == "kB" else 0))
                        for n, _ in METRICS
                    ),
                    "",
                ]
            )
    print_table(
        [
            "page",
            "site",
            "runs ok",
            "perf",
            "a11y",
            "best pr.",
            "SEO",
            *(name for name, _ in METRICS),
            "off-site",
        ],
        rows,
        title=f"Lighthouse 12 mobile preset (simulated slow 4G, 4x CPU), median of {runs} runs;"
        " off-site = requests blocked",
    )
    for page in pages:
        for site in sites:
            runs_ = results[(page, site)]
            last = runs_[-1] if runs_ else {}
            if "error" in last:
                print(f"\n/{page} {site}: last run failed: {last['error']}")
                continue
            costly = "; ".join(last.get("costly", [])) or "none"
            print(f"\n/{page} {site}: audits costing points (last run): {costly}")
            if last.get("offsite"):
                print(f"  blocked off-site: {', '.join(sorted(set(last['offsite'])))}")
            for warning in last.get("warnings", []):
                print(f"  Lighthouse warning: {warning}")
    print("\nNumbers from a shared 2-core machine: performance scores are noisy.")


if __name__ == "__main__":
    sys.exit(main())
