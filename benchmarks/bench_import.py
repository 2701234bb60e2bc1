#!/usr/bin/env python3
"""Benchmark the notes importer (not a test: it prints numbers, asserts nothing).

    python -m benchmarks.bench_import [--size-mb 10] [--repeat 3] [--baseline REV]

Reports, for the whole conversion (decode -> lex -> parse -> flows -> render ->
frame -> front matter, no disk I/O), diagrams drafted as the importer does:

* throughput on a ~10 MB notes file made by repeating notes/day-01.txt (goal:
  10 MB/s or more), and the same without drafting diagrams (--no-diagrams),
  the two measured in turn in the same run, with the ratio: what drafting costs;
* the same with every line made unique (no two lines alike), since the
  importer measures and renders each distinct line once and reuses it;
* linear scaling: time for 1x, 2x and 4x the size, and the ratios;
* a 1 MB single line, 50-level and 1000-level nesting;
* peak memory (max RSS) of this process.

`--baseline REV` first measures the first three cases (repeated, no diagrams, unique
lines) with the importer as it is at git revision REV and as it is in the working
tree, each conversion in a fresh process (the two importers in turn, run after run),
and prints both: the before and after of a change, from one run.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from scripts.core.paths import ROOT
from scripts.importer.pipeline import convert

from .revisions import scripts_at
from .tables import print_table, run_interleaved

MB = 1_000_000


def best_time(data: bytes, repeat: int, diagrams: bool = True) -> tuple[float, float]:
    """Fastest of `repeat` full conversions: (wall, CPU) seconds. On a busy
    machine the CPU time says more about the importer than the wall time."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        convert(data, "bench.txt", "bench", diagrams=diagrams)
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def repeated_notes(size: int) -> bytes:
    """notes/day-01.txt repeated to about `size` bytes."""
    notes = (ROOT / "notes" / "day-01.txt").read_bytes()
    return notes * max(1, size // len(notes))


def unique_lines(data: bytes) -> bytes:
    """Every non-blank line given a different ending, so none repeats."""
    lines = data.split(b"\n")
    return b"\n".join(
        line + b" %d" % number if line.strip() else line for number, line in enumerate(lines)
    )


def one_long_line(size: int) -> bytes:
    """A single line of prose, arrows and Markdown specials."""
    chunk = b"Deploy *fast* -> verify_[x] ==> <ship> | done `ok` #tag 1/2 (c) "
    return chunk * (size // len(chunk))


def nesting(levels: int, size: int) -> bytes:
    """Blocks of `levels` tab-nested bullets, repeated to about `size` bytes."""
    block = b"".join(b"\t" * level + b"- level %d\n" % level for level in range(levels))
    return block * max(1, size // len(block))


def report(label: str, data: bytes, repeat: int, diagrams: bool = True) -> tuple[float, float]:
    wall, cpu = best_time(data, repeat, diagrams)
    show(label, data, wall, cpu)
    return wall, cpu


def show(label: str, data: bytes, wall: float, cpu: float) -> None:
    size = len(data) / MB
    print(
        f"{label:<40} {size:6.2f} MB {wall:7.3f} s {size / wall:6.1f} MB/s"
        f"   (CPU {cpu:6.3f} s {size / cpu:6.1f} MB/s)"
    )


def scaling(label: str, make: Callable[[int], bytes], base: int, repeat: int) -> None:
    """Time 1x, 2x, 4x inputs; linear time means ratios near 2 and 4."""
    print(f"\nscaling, {label}:")
    times = [report(f"  {factor}x", make(base * factor), repeat) for factor in (1, 2, 4)]
    (wall1, cpu1), (wall2, cpu2), (wall4, cpu4) = times
    print(
        f"  ratios 2x/1x, 4x/1x: wall {wall2 / wall1:.2f}, {wall4 / wall1:.2f};"
        f" CPU {cpu2 / cpu1:.2f}, {cpu4 / cpu1:.2f} (linear: 2 and 4)"
    )


# A child process: one conversion of a file by the importer of its cwd; prints
# [wall, CPU] seconds.
_CHILD = """
import json, sys, time
from scripts.importer.pipeline import convert
data = open(sys.argv[1], "rb").read()
start, start_cpu = time.perf_counter(), time.process_time()
convert(data, "bench.txt", "bench", diagrams=sys.argv[2] == "1")
print(json.dumps([time.perf_counter() - start, time.process_time() - start_cpu]))
"""


def compare(revision: str, big: bytes, repeat: int) -> None:
    """The three throughput cases, by the importer at `revision` and the working
    tree's, each conversion in a fresh process, the two in turn: best CPU time."""
    cases = [
        ("day-01 notes repeated", big, True),
        ("  same, no diagrams", big, False),
        ("same, every line unique", unique_lines(big), True),
    ]
    rows = []
    with scripts_at(revision) as old, tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        folders = {revision: old, "now": ROOT}
        for label, data, diagrams in cases:
            path = Path(tmp) / "notes.txt"
            path.write_bytes(data)

            def once(name: str, _run: int, path: Path = path, diagrams: bool = diagrams):
                result = subprocess.run(
                    [sys.executable, "-c", _CHILD, str(path), "1" if diagrams else "0"],
                    cwd=folders[name],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                return json.loads(result.stdout)[1]

            best = {
                name: min(cpus)
                for name, cpus in run_interleaved(list(folders), repeat, once).items()
            }
            size = len(data) / MB
            rows.append(
                [
                    label,
                    f"{size:.2f}",
                    f"{size / best[revision]:.1f}",
                    f"{size / best['now']:.1f}",
                    f"{best[revision] / best['now']:.2f}x",
                ]
            )
    headers = ["case", "MB", f"MB/s CPU {revision}", "MB/s CPU now", "speed-up"]
    print_table(headers, rows, f"The importer at {revision} and now (best of {repeat}, CPU)")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=10.0, help="big file size (10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; best counts (3)")
    parser.add_argument("--baseline", metavar="REV", help="also time the importer at REV")
    args = parser.parse_args(argv)
    size = int(args.size_mb * MB)
    repeat = args.repeat

    print(f"Python {sys.version.split()[0]}; best of {repeat} runs; whole conversion in memory\n")
    big = repeated_notes(size)
    if args.baseline:
        compare(args.baseline, big, repeat)
    # Drafting on and off, one run of each in turn: neither case gets the
    # process's warm-up (the first big conversion) for itself.
    on, off = (float("inf"),) * 2, (float("inf"),) * 2
    for _ in range(repeat):
        on = min(on, best_time(big, 1), key=lambda t: t[1])
        off = min(off, best_time(big, 1, diagrams=False), key=lambda t: t[1])
    show("day-01 notes repeated", big, *on)
    show("  same, no diagrams (baseline)", big, *off)
    drafts = convert(big, "bench.txt", "bench").body.count("```mermaid")
    print(
        f"  drafting {drafts} diagrams costs: wall x{on[0] / off[0]:.2f},"
        f" CPU x{on[1] / off[1]:.2f} (against the baseline)"
    )
    report("same, every line unique", unique_lines(big), repeat)
    scaling("repeated notes", repeated_notes, size // 4, repeat)
    scaling("unique lines", lambda n: unique_lines(repeated_notes(n)), size // 4, repeat)
    print()
    report("1 MB single line", one_long_line(MB), repeat)
    report("50-level nesting (blocks to 1 MB)", nesting(50, MB), repeat)
    report("1000-level nesting (one block)", nesting(1000, 0), repeat)
    scaling("1 MB line", one_long_line, MB // 2, repeat)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (max RSS of this process): {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
