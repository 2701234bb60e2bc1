"""The one ending of every check: its problems, a summary line, its exit code.

Problems go to stderr, one a line, each starting with `file:line` where there is
one (editors and terminals open them); the summary goes to stdout. Exit codes:
0 nothing found, 1 problems found (2, bad usage, is the caller's to return).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

OK, PROBLEMS, USAGE = 0, 1, 2


def report(name: str, problems: Iterable[str], ok: str, failed: str) -> int:
    """Print the problems, then `name: ok` or `name: <N> <failed>`; the exit code.

    `failed` is said after the count, e.g. "broken link(s) in 4 page(s)"."""
    problems = list(problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{name}: {len(problems)} {failed}")
        return PROBLEMS
    print(f"{name}: {ok}")
    return OK


def usage(name: str, message: str) -> int:
    """A check that cannot run as asked (no built site, no Chromium): say why."""
    print(f"{name}: {message}", file=sys.stderr)
    return USAGE
