#!/usr/bin/env python3
"""Import plus page render of big notes, against the same amount of plain prose.

    .venv/bin/python -m benchmarks.bench_render                 # 1 MB and 10 MB
    .venv/bin/python -m benchmarks.bench_render --sizes 0.25 1  # smaller, quicker
    .venv/bin/python -m benchmarks.bench_render --project /tmp/old  # another checkout's importer

Not a test: it prints numbers. Each case converts notes with the importer
(scripts/importer) and renders the page body with Python-Markdown and exactly the
site's Markdown extensions (read from mkdocs.yml by MkDocs itself): the part of
`mkdocs build` whose cost depends on how the importer shapes its output. Inputs:

* Day 1's notes repeated to the size (headings, lists, definitions, code);
* one line of that size, prose with some markup characters (3-4% of its bytes):
  drawn as paragraphs of at most 2,000 characters;
* one line of that size full of characters that need escaping (`*`, `_`, `[`,
  `<`, `#`, arrows): data, drawn as a text block;
* the baseline: the same number of bytes of plain prose, as lines of words
  (resp. one line of words), imported and rendered the same way.

Ratios: each case against its baseline (the goal: within 2x), and each size
against the smallest (linear: the size ratio). Every case runs in a fresh
process with a time limit (--limit), so a quadratic importer (an old one, via
--project) shows "> 900s" (the limit) instead of running for an hour.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path

from scripts.core.paths import ROOT

MB = 1_000_000

# Runs in the child process, whose PYTHONPATH is the project measured: argv = case,
# size in bytes, repeat.
CHILD = r"""
import json, random, sys, time
case, size, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
from mkdocs.config import load_config
import markdown
from scripts.importer.pipeline import convert

notes = open("notes/day-01.txt", "rb").read()
vocabulary = sorted({w for w in notes.decode().split() if w.isalpha()})
rng = random.Random(1)

def prose_lines(size):
    out, total = [], 0
    while total < size:
        line = " ".join(rng.choice(vocabulary) for _ in range(12))
        out.append(line)
        total += len(line) + 1
    return ("\n".join(out) + "\n").encode()

def prose_line(size):
    words = []
    total = 0
    while total < size:
        word = rng.choice(vocabulary)
        words.append(word)
        total += len(word) + 1
    return (" ".join(words) + "\n").encode()

ESCAPES = b"Deploy *fast* -> verify_[x] ==> <ship> | done `ok` #tag 1/2 (c) "
SPECIALS = ["a*b", "x_y", "[z]", "<t>", "#h", "p|q", "`c`", "k=v"]

def mixed_line(size):
    words, total = [], 0
    while total < size:  # one word in five with a markup character: 3-4% of the bytes
        word = rng.choice(SPECIALS) if rng.random() < 0.2 else rng.choice(vocabulary)
        words.append(word)
        total += len(word) + 1
    return (" ".join(words) + "\n").encode()

MAKERS = {
    "notes": lambda n: notes * max(1, n // len(notes)),
    "prose": prose_lines,
    "escapes line": lambda n: ESCAPES * (n // len(ESCAPES)) + b"\n",
    "mixed line": mixed_line,
    "words line": prose_line,
}
data = MAKERS[case](size)
config = load_config("mkdocs.yml")
best = None
for _ in range(repeat):
    start, cpu = time.perf_counter(), time.process_time()
    body = convert(data, "notes/bench.txt", "bench").body
    imported = time.process_time() - cpu
    md = markdown.Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]
    )
    md.convert(body)
    result = {
        "bytes": len(data),
        "wall": time.perf_counter() - start,
        "cpu": time.process_time() - cpu,
        "import_cpu": imported,
    }
    if best is None or result["cpu"] < best["cpu"]:
        best = result
print(json.dumps(best))
"""

# (case, its baseline)
PAIRS = (("notes", "prose"), ("mixed line", "words line"), ("escapes line", "words line"))


def run_case(project: Path, case: str, size: int, repeat: int, limit: float) -> dict | None:
    """The best of `repeat` runs of one case, or None past the time limit."""
    try:
        result = subprocess.run(
            [sys.executable, "-c", CHILD, case, str(size), str(repeat)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(project)},
            capture_output=True,
            text=True,
            timeout=limit,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    return json.loads(result.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10], help="in MB")
    parser.add_argument("--repeat", type=int, default=1, help="runs per case; best counts")
    parser.add_argument("--limit", type=float, default=900, help="seconds per case (900)")
    parser.add_argument(
        "--project",
        type=Path,
        default=ROOT,
        help="a checkout whose scripts/importer/ is measured (default: this one)",
    )
    args = parser.parse_args(argv)
    random.seed(1)
    importer = args.project / "scripts" / "importer"
    print(f"importer: {importer}; CPU seconds, import + render; best of {args.repeat}")
    print(f"{'case':<14} {'size':>7} {'time':>9} {'baseline':>9} {'ratio':>6} {'vs smallest':>12}")
    for case, baseline in PAIRS:
        first: tuple[float, float] | None = None
        for size_mb in args.sizes:
            size = int(size_mb * MB)
            ours = run_case(args.project, case, size, args.repeat, args.limit)
            base = run_case(args.project, baseline, size, args.repeat, args.limit)
            shown = f"{ours['cpu']:8.2f}s" if ours else f"> {args.limit:.0f}s"
            base_shown = f"{base['cpu']:8.2f}s" if base else f"> {args.limit:.0f}s"
            ratio = f"{ours['cpu'] / base['cpu']:5.2f}x" if ours and base else "    ?"
            growth = ""
            if ours:
                if first is None:
                    first = (size_mb, ours["cpu"])
                else:
                    growth = (
                        f"{ours['cpu'] / first[1]:5.1f}x for {size_mb / first[0]:.0f}x the size"
                    )
            print(f"{case:<14} {size_mb:5.2f}MB {shown} {base_shown} {ratio} {growth:>12}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
