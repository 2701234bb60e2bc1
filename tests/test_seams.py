"""SEAMS.md lists what the site relies on that its theme and plugins do not promise,
each with the test that trips when an upgrade changes it: those tests must exist."""

from __future__ import annotations

import ast
import re

from scripts.core.paths import ROOT

NAMED = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")


def defined_tests(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def test_every_seam_names_a_test_that_exists():
    text = (ROOT / "SEAMS.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) >= 10
    missing = []
    for row in rows:
        named = NAMED.findall(row.split(" | ")[-1])
        assert named, f"a seam without its test: {row[:80]}"
        for path, name in named:
            if not (ROOT / path).is_file() or name not in defined_tests(ROOT / path):
                missing.append(f"{path}::{name}")
    assert missing == []
