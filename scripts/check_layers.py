"""Check the layers of scripts/ with import-linter, each broken import at its file:line.

The contract is in pyproject.toml (`[tool.importlinter]`): entry points over the
importer over the core; entry points never import each other; the core imports
neither; every module of scripts/ sits in a layer. import-linter (pinned in
requirements-dev.txt) judges the imports, indirect ones included; this script runs
its command line, the interface it promises, and names each import it reports as
`scripts/x.py:LINE: imports scripts.y: ...` like the other checks' messages.

    python -m scripts.check_layers
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from .core.paths import ROOT, show
from .core.report import report, usage

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
# "- scripts.check_links -> scripts.check_security (l.138)": one import of a chain.
IMPORT = re.compile(r"^-?\s*(?P<importer>[\w.]+) -> (?P<imported>[\w.]+) \(l\.(?P<lines>[\d, ]+)\)")
# "scripts.check_links is not allowed to import scripts.check_security:"
NOT_ALLOWED = re.compile(r"^(?P<importer>[\w.]+) is not allowed to import (?P<imported>[\w.]+):")
# "- scripts.newtool" under an exhaustive contract: a module in no layer.
UNLISTED = re.compile(r"^- (?P<module>scripts(?:\.\w+)+)$")


def source_of(module: str, root: Path) -> Path:
    """scripts.importer.nav -> scripts/importer/nav.py (or the package's __init__.py)."""
    path = root.joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def problems_in(output: str, root: Path) -> list[str]:
    """import-linter's report as file:line messages."""
    found, rule = [], ""
    for line in output.splitlines():
        line = line.strip()
        if match := NOT_ALLOWED.match(line):
            rule = f"{match['importer']} may not import {match['imported']}"
        elif match := IMPORT.match(line):
            first = match["lines"].split(",")[0].strip()
            where = show(source_of(match["importer"], root), root)
            found.append(f"{where}:{first}: imports {match['imported']}: {rule} (pyproject.toml)")
        elif match := UNLISTED.match(line):
            where = show(source_of(match["module"], root), root)
            found.append(
                f"{where}:1: in no layer of [tool.importlinter] in pyproject.toml: a new"
                " command goes into the first layer"
            )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository (default: this)")
    args = parser.parse_args(argv)
    if not LINT_IMPORTS.exists():
        return usage("check_layers", f"no {LINT_IMPORTS}: `make .venv/.dev` installs it")
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=args.root, capture_output=True, text=True
    )
    said = result.stdout + result.stderr
    problems = problems_in(said, args.root)
    if result.returncode != 0 and not problems:  # a failure of another kind: show it all
        problems = [f"pyproject.toml:1: lint-imports failed:\n{said.strip()}"]
    return report(
        "check_layers", problems, "every import keeps to its layer", "import(s) out of layer"
    )


if __name__ == "__main__":
    raise SystemExit(main())
