"""mkdocs.yml, read the way MkDocs reads it (one loader for every script).

MkDocs' own YAML loader knows the file's tags: `!ENV` (read from the environment,
with its default) and `!!python/name:` (the emoji functions). Nothing else here
re-implements them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import ConfigurationError as ConfigError
from mkdocs.utils.yaml import yaml_load

from .paths import CONFIG


def load(path: Path = CONFIG) -> dict[str, Any]:
    """mkdocs.yml as a dict (no plugin is loaded)."""
    return load_text(path.read_text(encoding="utf-8"))


__all__ = ["ConfigError", "load", "load_text", "plugin", "with_slash"]


def load_text(text: str) -> dict[str, Any]:
    """mkdocs.yml's text as a dict; raises ConfigError when it does not parse."""
    return yaml_load(text) or {}


def plugin(config: dict[str, Any], name: str) -> dict[str, Any] | None:
    """A plugin's settings (`{}` when it has none), or None when it is not listed."""
    for entry in config.get("plugins") or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    return None


def with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"
