"""dev/seams.md lists what the site relies on that its theme and plugins do not promise,
each with the test that trips when an upgrade changes it: those tests must exist."""

from __future__ import annotations

import ast
import re

from scripts.core.paths import ROOT

NAMED = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")


def defined_tests(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def seams(text: str) -> list[str]:
    """Each seam's entry: a top-level bullet and everything indented under it."""
    entries: list[str] = []
    for line in text.splitlines():
        if line.startswith("- "):
            entries.append(line)
        elif entries and line.startswith(" "):
            entries[-1] += "\n" + line
    return entries


def test_every_seam_names_a_test_that_exists():
    text = (ROOT / "dev" / "seams.md").read_text(encoding="utf-8")
    entries = seams(text)
    assert len(entries) >= 10
    missing = []
    for entry in entries:
        trips = entry.split("- Trips:", 1)[-1] if "- Trips:" in entry else ""
        named = NAMED.findall(" ".join(trips.split()))
        assert named, f"a seam without its test: {entry[:80]}"
        for path, name in named:
            if not (ROOT / path).is_file() or name not in defined_tests(ROOT / path):
                missing.append(f"{path}::{name}")
    assert missing == []
