"""mkdocs.yml for the benchmarks' temporary projects: read by MkDocs' own loader
(scripts.core.config), written back as YAML that MkDocs and Zensical read the same.

MkDocs' loader resolves `!ENV` in this process's environment, which is the one the
builds inherit, and imports each `!!python/name:` object; writing a config back
names each such object by the shortest module path that holds it, so
`mermaid2.fence_mermaid_custom` (a functools.partial) is written as it was read.
"""

from __future__ import annotations

import functools
import importlib
import types

import yaml

PYTHON_NAME_TAG = "tag:yaml.org,2002:python/name:"


class PyName(str):
    """A `!!python/name:module.attr` to write, given by its dotted name."""


def python_name(obj) -> str:
    """The dotted name of a loaded function (or partial) in the shortest module path
    that holds it: mermaid2.fence_mermaid_custom, not mermaid2.fence.fence_mermaid."""
    if isinstance(obj, PyName):
        return str(obj)
    parts = getattr(obj, "func", obj).__module__.split(".")
    for end in range(1, len(parts) + 1):
        module = importlib.import_module(".".join(parts[:end]))
        name = next((key for key, value in vars(module).items() if value is obj), None)
        if name is not None:
            return f"{module.__name__}.{name}"
    raise ValueError(f"no module holds {obj!r} by a name")


def python_names(value) -> list[str]:
    """The dotted names of every Python object in a config value (a `!!python/name:`)."""
    if isinstance(value, dict):
        return [n for v in value.values() for n in python_names(v)]
    if isinstance(value, list):
        return [n for v in value for n in python_names(v)]
    if isinstance(value, PyName | types.FunctionType | functools.partial):
        return [python_name(value)]
    return []


class _Dumper(yaml.SafeDumper):
    pass


def _represent_python(dumper: _Dumper, obj) -> yaml.Node:
    return dumper.represent_scalar(PYTHON_NAME_TAG + python_name(obj), "")


for _type in (PyName, types.FunctionType, functools.partial):
    _Dumper.add_representer(_type, _represent_python)


def dump(config: dict) -> str:
    """A config (as MkDocs' loader gives it, PyName for names given as text) as YAML."""
    return yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
