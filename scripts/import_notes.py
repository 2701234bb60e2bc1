#!/usr/bin/env python3
"""Import class notes into the site: notes/day-NN.txt -> docs/days/day-NN.md.

    python -m scripts.import_notes notes/day-01.txt            # write page + nav
    python -m scripts.import_notes notes/day-01.txt --stdout   # just print it
    python -m scripts.import_notes notes/*.txt --check         # pages up to date?

Options: -o PAGE (one SOURCE only), --force (replace a page edited by hand),
--root DIR (where mkdocs.yml is; default: the current directory), --no-nav,
--no-diagrams (draft no diagrams).
Exit codes: 0 done, 1 check failed or page refused, 2 bad input.

The work is done by the `importer` package beside this file (decode -> lex
-> parse -> flows -> render, then the lesson frame, front matter and nav); see
its modules' docstrings. A drafted page carries a Mermaid diagram of each flow
the notes hold and TODO(frame) placeholders: CONTRIBUTING.md says how a draft
becomes a lesson.
"""

from __future__ import annotations

if not __package__:
    # Run by its path (`python scripts/import_notes.py ...`, the command people type
    # first): Python put scripts/ first on the import path, where the package's
    # relative imports cannot resolve. Put the repository there instead and run this
    # file as the module it is; only the importer, the one entry point typed by hand.
    import runpy
    import sys
    from pathlib import Path

    sys.path[0] = str(Path(__file__).resolve().parent.parent)
    runpy.run_module("scripts.import_notes", run_name="__main__", alter_sys=True)

from .importer import cli


def main(argv: list[str] | None = None) -> int:
    """Run the importer with `argv` (default: the command line); exit code."""
    return cli.main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
