"""Write every section of the docs and configuration that a script can know, or check
that each is current.

    python -m scripts.write_generated_sections          # rewrite the places below
    python -m scripts.write_generated_sections --check  # exit 1 if one is stale (make lint)

From the table of checks (scripts/core/checks.py) it writes:

* the Makefile's checks section (one target a check, `make check`'s list), between
  its "-- Checks" and "-- end of checks" lines;
* .pre-commit-config.yaml: one local hook a check, run through its make target when
  a file it reads changes;
* CONTRIBUTING.md: the list of fast checks and the table of checks;
* dev/checks.md: what each check runs, catches, and how to fix what it reports.

From the Makefile (its `target: ... ## text` lines, as `make help` prints them):

* README.md: the output of `make help`.

Each section sits between a `<!-- NAME: written by ... -->` line and a
`<!-- end of NAME -->` line; `make lint` fails while one is stale.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from pathlib import Path

from .core.checks import CHECKS, Check
from .core.files import atomic_write
from .core.paths import ROOT, show

MAKE_START = "# -- Checks "
MAKE_END = "# -- end of checks "
# `make help`'s own format (the Makefile's help target prints the same with awk).
HELP_LINE = re.compile(r"^([a-z-]+):.*## (.*)$")
DOC_WIDTH = 100  # generated prose is wrapped here: doc lines stay within 120 characters


def start(name: str) -> str:
    return f"<!-- {name}: written by scripts/write_generated_sections.py -->"


def end(name: str) -> str:
    return f"<!-- end of {name} -->"


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


def make_help(makefile: str) -> str:
    """What `make help` prints for this Makefile."""
    return "\n".join(
        f"  make {match[1]:<10} {match[2]}"
        for line in makefile.splitlines()
        if (match := HELP_LINE.match(line))
    )


def _listed(names: list[str]) -> str:
    quoted = [f"`{name}`" for name in names]
    return ", ".join(quoted[:-1]) + f" and {quoted[-1]}" if len(quoted) > 1 else quoted[0]


def fast_checks(checks: tuple[Check, ...] = CHECKS) -> str:
    """Which checks `make check` runs, and which only `make test` runs: a sentence."""
    fast = [check.target for check in checks if check.fast]
    slow = [check.target for check in checks if not check.fast]
    sentence = (
        f"`make check` runs {_listed(fast)} (seconds); `make test` runs them and"
        f" {_listed(slow)}, then the test suite."
    )
    return "\n".join(_wrap(sentence))


def contributing_table(checks: tuple[Check, ...] = CHECKS) -> str:
    rows = ["| Target | What it checks |", "| --- | --- |"]
    rows += [f"| `make {c.target}` | {c.purpose} |" for c in checks]
    return "\n".join(rows)


NBSP = "\u00a0"  # holds a code span's words together while wrapping


def _wrap(text: str, indent: str = "") -> list[str]:
    """Text wrapped at DOC_WIDTH, never inside a `code span`."""
    parts = text.split("`")
    joined = "`".join(part.replace(" ", NBSP) if n % 2 else part for n, part in enumerate(parts))
    lines = textwrap.wrap(joined, DOC_WIDTH, subsequent_indent=indent, break_on_hyphens=False)
    return [line.replace(NBSP, " ") for line in lines]


def _wrapped(label: str, text: str) -> list[str]:
    """A bullet `- **label** text`, wrapped."""
    return _wrap(f"- **{label}** {text}", indent="  ")


def checks_details(checks: tuple[Check, ...] = CHECKS) -> str:
    """dev/checks.md: a section a check, what it runs, catches and how to fix it."""
    lines: list[str] = []
    for check in checks:
        when = "`make check` and `make test`" if check.fast else "`make test` only"
        lines += [f"### `make {check.target}`", ""]
        lines += _wrapped("Runs:", f"{check.runs}, in {when}.")
        lines += _wrapped("Fails on:", check.catches + ".")
        lines += _wrapped("Fix:", check.fix + ".")
        lines.append("")
    return "\n".join(lines).rstrip()


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


def section(path: Path, text: str, name: str, body: str) -> str:
    """text with the section `name` (between its marker lines) holding body."""
    new = f"{start(name)}\n\n{body}\n\n{end(name)}"  # blank lines: blocks stand apart
    return replace_between(text, start(name), end(name), new, path)


def wanted(root: Path = ROOT) -> dict[Path, str]:
    """Each file as its sources say it should be."""
    makefile, readme, contributing, details = (
        root / name for name in ("Makefile", "README.md", "CONTRIBUTING.md", "dev/checks.md")
    )
    make_text = replace_between(
        makefile.read_text(encoding="utf-8"), MAKE_START, MAKE_END, makefile_section(), makefile
    )
    help_block = f"```text\n{make_help(make_text)}\n```"
    guide = contributing.read_text(encoding="utf-8")
    guide = section(contributing, guide, "fast checks", fast_checks())
    guide = section(contributing, guide, "checks table", contributing_table())
    return {
        makefile: make_text,
        root / ".pre-commit-config.yaml": pre_commit(),
        readme: section(readme, readme.read_text(encoding="utf-8"), "make help", help_block),
        contributing: guide,
        details: section(details, details.read_text(encoding="utf-8"), "checks", checks_details()),
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
                f"{show(path)}:{line}: out of step with scripts/core/checks.py or the Makefile;"
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
        print(f"{show(path)}: written from scripts/core/checks.py and the Makefile")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
