#!/usr/bin/env python3
"""Benchmark the test loop (not a test: it prints numbers, asserts nothing).

    python -m benchmarks.bench_tests --rev ad6fd6c --rev HEAD [--busy] [--fast]

For each revision, a fresh clone of this repository (`git clone`, as CI makes one) in a
temporary folder, then `make test` timed from the start, set-up included: the virtual
environment created and the pinned requirements installed (from pip's cache, as on a
machine that has run them once), Chromium found or installed, every check and test run.
Printed: wall-clock seconds, the exit code, and pytest's summary line (how many items
passed, failed, xfailed), the revisions one after the other, so the machine's load falls
on each alike only when it is quiet: run it on a quiet machine, or read `--busy`.

`--busy` runs a second `make test` of the same revision beside each timed one, in its
own clone: the suite on two busy cores, the way the developers' guide asks it to stay
green. `--fast` times `make test-fast` instead, twice in the same clone, and prints the
second (warm) run: the edit loop.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.core.paths import ROOT

from .tables import print_table

SUMMARY = re.compile(r"=+ (.*\b(?:passed|failed|error)\b.*) in [\d.]+s")


def clone(rev: str, into: Path) -> Path:
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(into)], check=True)
    subprocess.run(["git", "-C", str(into), "checkout", "--quiet", rev], check=True)
    return into


def make(target: str, where: Path, log: Path) -> tuple[float, int, str]:
    """`make target` in where: (wall seconds, exit code, pytest's summary line)."""
    start = time.perf_counter()
    with log.open("w") as out:
        code = subprocess.run(["make", target], cwd=where, stdout=out, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - start
    found = SUMMARY.findall(log.read_text(errors="replace"))
    return seconds, code.returncode, found[-1] if found else "(no pytest summary)"


def timed(rev: str, target: str, busy: bool, scratch: Path) -> tuple[float, int, str]:
    folder = scratch / f"{rev}-{target}"
    project = clone(rev, folder / "timed")
    second = None
    if busy:  # the same suite beside it, in a clone of its own
        beside = clone(rev, folder / "beside")
        log = (folder / "beside.log").open("w")
        second = subprocess.Popen(["make", target], cwd=beside, stdout=log, stderr=log)
    try:
        if target == "test-fast":
            make(target, project, folder / "cold.log")  # the set-up and a first run
        return make(target, project, folder / "timed.log")
    finally:
        if second is not None:
            second.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", action="append", required=True, help="a revision (repeatable)")
    parser.add_argument("--busy", action="store_true", help="a second run beside each timed one")
    parser.add_argument("--fast", action="store_true", help="make test-fast, warm, instead")
    parser.add_argument("--keep", type=Path, help="clone into this folder and keep the logs")
    args = parser.parse_args(argv)
    target = "test-fast" if args.fast else "test"
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-tests-") as temporary:
        scratch = args.keep or Path(temporary)
        for rev in args.rev:
            print(f"{rev}: make {target}{' beside another' if args.busy else ''}", file=sys.stderr)
            seconds, code, summary = timed(rev, target, args.busy, scratch)
            rows.append([rev, f"{seconds:,.0f}", str(code), summary])
    title = f"make {target}, fresh clone{', warm' if args.fast else ', set-up included'}"
    title += ", beside a second run" if args.busy else ""
    print_table(["revision", "seconds", "exit", "pytest"], rows, title)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
