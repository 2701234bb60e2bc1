#!/usr/bin/env python3
"""Benchmark what editing mkdocs.yml costs an import (not a test: it prints numbers,
asserts nothing).

    python -m benchmarks.bench_config_edit [--baseline REV] [--runs 7] [--calls 20]

On the repository's mkdocs.yml, with the importer of the working tree and, with
`--baseline REV`, the importer as it is at git revision REV (a copy of its `scripts/`
in a temporary folder), the two measured in turn, run after run:

* one nav update (`add_to_nav`: a new Day 2 under Lessons) and one announcement update
  (`follow_newest`), each the median of `--calls` calls in a child process that has
  loaded the importer (CPU milliseconds: the machine's load says less in them);
* one import end to end: `python -m scripts.import_notes notes/day-02.txt` into a
  scratch project (a copy of mkdocs.yml, and Day 1's notes as day-02.txt, so that the
  nav gains a day and the announcement moves to it), Python's start and the importer's
  imports included: wall-clock and CPU seconds of the child process.

Printed: the median of `--runs` runs of each, and the ratio to the baseline. The
page's conversion itself is bench_import.py's (it never touches mkdocs.yml).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from scripts.core.paths import CONFIG, ROOT

from .revisions import scripts_at
from .tables import fmt, median, print_table, ratio, run_interleaved

NOTES = ROOT / "notes" / "day-01.txt"

# The child process: the importer of one revision (its scripts/ on sys.path first),
# timing its two edits of mkdocs.yml.
_EDITS = """
import json, statistics, sys, time
from scripts.importer.announce import follow_newest
from scripts.importer.nav import add_to_nav
from scripts.importer.parse import Document
import datetime as dt
text = open(sys.argv[1], encoding="utf-8").read()
calls = int(sys.argv[2])
day = Document([], "Day 2", None, 2, dt.date(2025, 11, 18), "Version control with Git")
listed = add_to_nav(text, "Day 2: Version control with Git", "days/day-02.md", 2)
assert listed != text and follow_newest(listed, day) != listed
def cpu_ms(call):
    times = []
    for _ in range(calls):
        start = time.process_time()
        call()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)
print(json.dumps({
    "nav": cpu_ms(lambda: add_to_nav(text, "Day 2: Version control with Git", "days/day-02.md", 2)),
    "announce": cpu_ms(lambda: follow_newest(listed, day)),
}))
"""


def edits(code_root: Path, calls: int) -> dict[str, float]:
    """CPU milliseconds of one nav and one announcement update (medians of `calls`)."""
    result = subprocess.run(
        [sys.executable, "-c", _EDITS, str(CONFIG), str(calls)],
        cwd=code_root,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_import(code_root: Path, scratch: Path) -> tuple[float, float]:
    """(wall-clock, CPU) seconds of importing a day into a fresh scratch project."""
    project = Path(tempfile.mkdtemp(dir=scratch))
    (project / "notes").mkdir()
    (project / "notes" / "day-02.txt").write_bytes(NOTES.read_bytes())
    (project / "mkdocs.yml").write_text(CONFIG.read_text(encoding="utf-8"), encoding="utf-8")
    start, start_cpu = time.perf_counter(), _children_cpu()
    subprocess.run(
        [sys.executable, "-m", "scripts.import_notes", "notes/day-02.txt", "--root", str(project)],
        cwd=project,
        env={"PYTHONPATH": str(code_root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - start, _children_cpu() - start_cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", metavar="REV", help="also measure the importer at REV")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--calls", type=int, default=20, help="edits timed per run")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-config-edit-") as tmp, ExitStack() as stack:
        roots = {"working tree": ROOT}
        if args.baseline:
            roots[args.baseline] = stack.enter_context(scripts_at(args.baseline))
        scratch = Path(tmp) / "projects"
        scratch.mkdir()

        def once(name: str, run: int) -> tuple[dict[str, float], tuple[float, float]]:
            measured = edits(roots[name], args.calls), one_import(roots[name], scratch)
            print(f"run {run} {name}: {measured}", file=sys.stderr)
            return measured

        results = run_interleaved(list(roots), args.runs, once)

    rows = []
    base = args.baseline

    def medians(name: str) -> list[float | None]:
        runs = results[name]
        return [
            median([r[0]["nav"] for r in runs]),
            median([r[0]["announce"] for r in runs]),
            median([r[1][0] for r in runs]),
            median([r[1][1] for r in runs]),
        ]

    for name in results:
        nav, announce, wall, cpu = medians(name)
        row = [name, fmt(nav, 1), fmt(announce, 1), fmt(wall, 2), fmt(cpu, 2)]
        if base:
            base_nav, _, _, base_cpu = medians(base)
            row += [ratio(nav, base_nav), ratio(cpu, base_cpu)]
        rows.append(row)
    headers = ["importer", "nav update CPU ms", "announce CPU ms", "import wall s", "import CPU s"]
    if base:
        headers += ["nav / baseline", "import CPU / baseline"]
    print_table(headers, rows, title=f"Editing mkdocs.yml, median of {args.runs} runs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
