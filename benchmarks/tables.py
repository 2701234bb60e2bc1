"""Numbers and tables: medians, ratios against the baseline, plain-text tables, and
runs that alternate the set-ups so that the machine's load falls on each alike."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence


def median(values: Sequence[float | None]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def ratio(ours: float | None, base: float | None) -> str:
    if ours is None or base is None or base == 0:
        return "n/a"
    return f"{ours / base:.2f}x"


def fmt(value, digits: int = 0, scale: float = 1.0) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, str):
        return value
    return f"{value / scale:,.{digits}f}"


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], title: str = "") -> None:
    """A plain-text table: first column left-aligned, the others right-aligned."""
    cells = [list(map(str, headers)), *[list(map(str, row)) for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        return "  ".join(parts).rstrip()

    if title:
        print(f"\n{title}")
    print(line(cells[0]))
    print("  ".join("-" * w for w in widths))
    for row in cells[1:]:
        print(line(row))


def run_interleaved(names: Sequence[str], runs: int, once: Callable[[str, int], object]) -> dict:
    """once(name, run) for run in 1..runs, names alternating within each run, so that
    load from other work on the machine falls on every set-up alike."""
    results: dict[str, list] = {name: [] for name in names}
    for run in range(1, runs + 1):
        order = list(names) if run % 2 else list(reversed(names))
        for name in order:
            results[name].append(once(name, run))
    return results
