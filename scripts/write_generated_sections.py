"""Write what the table of checks (scripts/core/checks.py) drives, or check it is current.

    python -m scripts.write_generated_sections          # rewrite the places below
    python -m scripts.write_generated_sections --check  # exit 1 if one is stale (make lint)

From the table it writes:

* the Makefile's checks section (one target a check, `make check`'s and `make
  test`'s lists), between its "-- Checks" and "-- end of checks" lines;
* .pre-commit-config.yaml: one local hook a check, run through its make target when
  a file it reads changes;
* the checks tables of README.md and CONTRIBUTING.md, between their
  `<!-- checks table -->` and `<!-- end of checks table -->` comments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .core.checks import CHECKS, Check
from .core.files import atomic_write
from .core.paths import ROOT, show

MAKE_START = "# -- Checks "
MAKE_END = "# -- end of checks "
TABLE_START = "<!-- checks table: written by scripts/write_generated_sections.py -->"
TABLE_END = "<!-- end of checks table -->"


def _rule(title: str) -> str:
    return f"# -- {title} ".ljust(79, "-")


def makefile_section(checks: tuple[Check, ...] = CHECKS) -> str:
    fast = [check.target for check in checks if check.fast]
    slow = [check.target for check in checks if not check.fast]
    lines = [
        _rule(
            "Checks (written by scripts/write_generated_sections.py from scripts/core/checks.py)"
        ),
        "# Edit the table, then run `.venv/bin/python -m scripts.write_generated_sections`:",
        "# `make lint` fails while this section is stale. `make check` while editing",
        "# (seconds); `make test` before a pull request (everything). The pre-commit hooks",
        "# call the same targets (.pre-commit-config.yaml, written from the same table).",
        "",
        f"CHECKS_FAST := {' '.join(fast)}",
        f"CHECKS_SLOW := {' '.join(slow)}",
        ".PHONY: check $(CHECKS_FAST) $(CHECKS_SLOW)",
        "",
    ]
    for check in checks:
        lines.append(f"{check.target}: {' '.join(check.needs)} ## {check.purpose}")
        lines += [f"\t{command}" for command in check.commands]
        lines.append("")
    lines += [
        f"check: $(CHECKS_FAST) ## Fast checks while editing: {', '.join(fast)}",
        "",
        _rule("end of checks"),
    ]
    return "\n".join(lines)


PRE_COMMIT_HEADER = """\
# Written by scripts/write_generated_sections.py from the table of checks (scripts/core/checks.py):
# edit the table, not this file. Set up once, after `make check`:
#
#     .venv/bin/pre-commit install
#
# Each hook runs a check's make target when a file it reads changes: the tools pinned
# with hashes in requirements-dev.txt, from .venv/ (`repo: local`, `language:
# system`), so pre-commit never clones hook repositories from GitHub (a machine
# without GitHub access still runs them, and there is one set of pins to keep safe
# and current). A remote hook, if one is ever added, is pinned by full commit SHA:
# `rev: <40-hex sha> # vX.Y.Z`.
default_install_hook_types: [pre-commit]
fail_fast: false

repos:
  - repo: local
    hooks:
"""


def _yaml_string(text: str) -> str:
    """A single-quoted YAML scalar (regexes keep their backslashes)."""
    return "'" + text.replace("'", "''") + "'"


def pre_commit(checks: tuple[Check, ...] = CHECKS) -> str:
    hooks = []
    for check in checks:
        hooks += [
            f"      - id: {check.target}",
            f"        name: make {check.target}",
            f"        entry: make --no-print-directory {check.target}",
            "        language: system",
            "        pass_filenames: false",
            f"        files: {_yaml_string(check.reads)}",
        ]
    return PRE_COMMIT_HEADER + "\n".join(hooks) + "\n"


def readme_table(checks: tuple[Check, ...] = CHECKS) -> str:
    rows = ["| Target | Runs | Fails on |", "| --- | --- | --- |"]
    rows += [f"| `make {c.target}` | {c.runs} | {c.catches} |" for c in checks]
    return "\n".join(rows)


def contributing_table(checks: tuple[Check, ...] = CHECKS) -> str:
    rows = ["| Target | What it catches | How to fix |", "| --- | --- | --- |"]
    rows += [f"| `make {c.target}` | {c.catches} | {c.fix} |" for c in checks]
    return "\n".join(rows)


def replace_between(text: str, start: str, end: str, new: str, path: Path) -> str:
    """text with the lines from the one starting `start` to the one starting `end`
    (both included) replaced by `new` (which holds its own markers)."""
    lines = text.split("\n")
    try:
        first = next(i for i, line in enumerate(lines) if line.startswith(start))
        last = next(i for i in range(first, len(lines)) if lines[i].startswith(end))
    except StopIteration:
        markers = f"{start.strip()!r} ... {end.strip()!r}"
        raise ValueError(f"{show(path)}:1: no {markers} lines") from None
    return "\n".join([*lines[:first], new, *lines[last + 1 :]])


def wanted(root: Path = ROOT) -> dict[Path, str]:
    """Each file as the table says it should be."""
    makefile, readme, contributing = (
        root / name for name in ("Makefile", "README.md", "CONTRIBUTING.md")
    )

    def table(path: Path, rows: str) -> str:
        text = path.read_text(encoding="utf-8")
        return replace_between(
            text, TABLE_START, TABLE_END, f"{TABLE_START}\n{rows}\n{TABLE_END}", path
        )

    return {
        makefile: replace_between(
            makefile.read_text(encoding="utf-8"), MAKE_START, MAKE_END, makefile_section(), makefile
        ),
        root / ".pre-commit-config.yaml": pre_commit(),
        readme: table(readme, readme_table()),
        contributing: table(contributing, contributing_table()),
    }


def _first_difference(old: str, new: str) -> int:
    for number, (a, b) in enumerate(zip(old.split("\n"), new.split("\n"), strict=False), 1):
        if a != b:
            return number
    return min(old.count("\n"), new.count("\n")) + 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say what is stale")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository (default: this)")
    args = parser.parse_args(argv)
    try:
        files = wanted(args.root)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    stale = {path: text for path, text in files.items() if path.read_text("utf-8") != text}
    if args.check:
        for path, text in stale.items():
            line = _first_difference(path.read_text("utf-8"), text)
            print(
                f"{show(path)}:{line}: out of step with scripts/core/checks.py;"
                " run .venv/bin/python -m scripts.write_generated_sections",
                file=sys.stderr,
            )
        print(
            f"write_generated_sections: {len(stale)} file(s) stale"
            if stale
            else "write_generated_sections: current"
        )
        return 1 if stale else 0
    for path, text in stale.items():
        atomic_write(path, text)
        print(f"{show(path)}: written from scripts/core/checks.py")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
