"""Every import in scripts/, benchmarks/ and hooks/ resolves, including the ones inside a
function: those run only on the path that needs them (the Zensical PDF, a draft's
screenshots), so a module that moved breaks them long after the move, far from it."""

from __future__ import annotations

import ast
import importlib.util

import pytest

from scripts.core.paths import ROOT

PACKAGES = ("scripts", "benchmarks", "hooks")


def module_name(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(path) -> str:
    here = module_name(path)
    return here if path.name == "__init__.py" else here.rpartition(".")[0]


def imported(text: str, package: str) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in a file, wherever it stands."""
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            name = node.module or ""
            if node.level:
                name = importlib.util.resolve_name("." * node.level + name, package)
            found.append((node.lineno, name))
    return sorted(found)


def sources():
    for package in PACKAGES:
        yield from sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("path", list(sources()), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_import_resolves(path):
    unresolved = []
    for line, name in imported(path.read_text(encoding="utf-8"), package_of(path)):
        try:
            found = importlib.util.find_spec(name)
        except ModuleNotFoundError:
            found = None
        if found is None:
            unresolved.append(f"{path.relative_to(ROOT)}:{line}: {name}")
    assert unresolved == []


def test_the_check_sees_inside_functions_and_relative_imports():
    """What the test above reads: a function-level import of a module that moved away,
    and a relative import resolved against its package."""
    text = "def f():\n    from check_links import load_config\n\nfrom .core import site\n"
    assert imported(text, "scripts") == [(2, "check_links"), (4, "scripts.core")]
    assert importlib.util.find_spec("check_links") is None
