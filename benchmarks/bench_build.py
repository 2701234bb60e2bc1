"""Build time: `mkdocs build` of an N-page course, our configuration against plain
Material with its native Mermaid fence, and plain Material + mermaid2 (defaults);
and `zensical build` of our configuration, the same project.

For each N (default 60 and 300) the course is made from the real content: N copies of
docs/days/day-01.md (the page with the most diagrams) as days/day-01.md ...
days/day-NN.md ("Day 1" renamed "Day N"), next to the real home page and every other
page under docs/. Three projects get the same pages, each in a temporary folder:

- ours: a copy of the repository's working tree (mkdocs.yml, overrides/, hooks/,
  includes/, notes/, docs/, ...) with the nav's lessons replaced by the N days. By
  default the copy is made a throwaway git repository (one commit), so the
  git-revision-date-localized plugin does its per-page `git log` as in CI; with
  --no-git it falls back to the build date instead (cheaper).
- zensical: the same copy, built by `zensical build --clean` (README, "Building with
  Zensical"): from an empty cache every time, as a fresh clone in CI builds. It runs
  neither hooks nor the plugins it has not re-implemented (mermaid2's page pass,
  git-revision-date-localized, print-site).
- native: plain Material, no mermaid2, the superfences fence with
  `pymdownx.superfences.fence_code_format` (baseline.py, variant "native").
- mermaid2: plain Material + mermaid2 with its default settings (variant
  "mermaid2-default"; for reference).

Each project is built once untimed (warm-up), then `--runs` times (default 3), the
set-ups alternating; printed: the median wall-clock seconds of each, and the ratios
ours/native, zensical/ours and mermaid2/native. Nothing is asserted: it measures the
tree as it is now.

    python -m benchmarks.bench_build                    # 60 and 300 pages, 3 runs
    python -m benchmarks.bench_build --pages 100 --runs 5 --no-git
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.core import config as mkdocs_config
from scripts.core import config_edit
from scripts.core.paths import ROOT

from . import baseline
from .course import rewrite_nav, write_days
from .project import PYTHON, copy_project, git_snapshot, mkdocs_env
from .tables import fmt, median, print_table, ratio, run_interleaved

TEMPLATE = ROOT / "docs" / "days" / "day-01.md"
CONFIGS = ("ours", "zensical", "native", "mermaid2")


def ours_config(text: str, days: list[tuple[str, str]]) -> str:
    """Our mkdocs.yml with the nav's lessons replaced by `days` ((title, path) each);
    everything else (comments, tags, the other sections) as it is."""

    def change(data: dict) -> None:
        if data.get("nav") is not None:
            data["nav"] = rewrite_nav(data["nav"], days)

    def meant(before: dict, after: dict) -> bool:
        return after == {**before, "nav": rewrite_nav(before.get("nav"), days)}

    header = "# Copy of the repository's mkdocs.yml, nav rewritten by benchmarks/bench_build.py.\n"
    return header + config_edit.edit(text, change, meant)


def make_ours(project: Path, pages: int, git: bool) -> None:
    copy_project(project)
    days = write_days(project / "docs", pages, TEMPLATE)
    config = project / "mkdocs.yml"
    config.write_text(ours_config(config.read_text(encoding="utf-8"), days), encoding="utf-8")
    if git:
        git_snapshot(project)


def make_plain(project: Path, variant: str, pages: int) -> None:
    baseline.make_project(project, variant)
    days = write_days(project / "docs", pages, TEMPLATE)
    nav = rewrite_nav(mkdocs_config.load(project / "mkdocs.yml").get("nav"), days)
    baseline.write_config(project, variant, nav=nav)


def timed_build(project: Path, site: Path, zensical: bool = False) -> tuple[float | None, str]:
    """Wall-clock seconds of `mkdocs build` or `zensical build` (None if it failed) and
    the builder's output. Zensical writes only inside the project: into its site/."""
    if zensical:
        command = [PYTHON, "-m", "zensical", "build", "--clean"]
        env = {**mkdocs_env(), "SITE_DIR": "site", "NO_COLOR": "1"}
    else:
        command = [PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(site)]
        env = mkdocs_env()
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    output = (result.stdout + result.stderr).strip()
    return (elapsed if result.returncode == 0 else None), output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[60, 300], metavar="N")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--no-git",
        dest="git",
        action="store_false",
        help="no git history in our copy (the date plugin falls back)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="bench-build-"))
    rows = []
    raw = []
    failures: dict[str, str] = {}
    try:
        for pages in args.pages:
            base = tmp / str(pages)
            projects = {name: base / name for name in CONFIGS}
            print(f"[{pages} pages] making the projects in {base}", file=sys.stderr)
            make_ours(projects["ours"], pages, args.git)
            make_ours(projects["zensical"], pages, git=False)
            make_plain(projects["native"], "native", pages)
            make_plain(projects["mermaid2"], "mermaid2-default", pages)
            total = len(list((projects["ours"] / "docs").rglob("*.md")))

            def once(name: str, run: int, pages=pages, projects=projects, base=base):
                seconds, output = timed_build(
                    projects[name], base / f"{name}-site", zensical=name == "zensical"
                )
                label = "warm-up" if run == 0 else f"run {run}"
                shown = f"{seconds:.2f} s" if seconds is not None else "FAILED"
                print(f"[{pages} pages] {name:9} {label}: {shown}", file=sys.stderr)
                if seconds is None:
                    failures[f"{name} ({pages} pages)"] = output[-2000:]
                return seconds

            for name in CONFIGS:
                once(name, 0)
            times = run_interleaved(CONFIGS, args.runs, once)
            med = {name: median(times[name]) for name in CONFIGS}
            rows.append(
                [
                    f"{pages} days ({total} .md)",
                    fmt(med["ours"], 2),
                    fmt(med["zensical"], 2),
                    fmt(med["native"], 2),
                    fmt(med["mermaid2"], 2),
                    ratio(med["ours"], med["native"]),
                    ratio(med["zensical"], med["ours"]),
                    ratio(med["mermaid2"], med["native"]),
                ]
            )
            for name in CONFIGS:
                raw.append([f"{pages} {name}", *(fmt(t, 2) for t in times[name])])
    finally:
        if args.keep:
            print(f"projects kept in {tmp}", file=sys.stderr)
        else:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)

    git = "with git history" if args.git else "no git history (--no-git)"
    print_table(
        [
            "course",
            "ours s",
            "zensical s",
            "native s",
            "mermaid2 s",
            "ours/native",
            "zensical/ours",
            "mermaid2/native",
        ],
        rows,
        title=f"Build wall-clock, median of {args.runs} (ours: {git}; target ours/native <= 1.5x)",
    )
    print_table(
        ["pages config", *(f"run {i}" for i in range(1, args.runs + 1))], raw, title="Every run (s)"
    )
    for name, output in failures.items():
        print(f"\n{name}: build FAILED; MkDocs said:\n{output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
