"""Snippets stay inside includes/: what pymdownx.snippets may pull into a page.

A page can include a file with `--8<-- "name"`, and mkdocs.yml appends
includes/abbreviations.md to every page. pymdownx.snippets' `restrict_base_path` (on
by default) refuses a path that leaves the base folder, but it decides on the path's
*text* (`os.path.abspath`): `../mkdocs.yml` and `/etc/passwd` are refused, and a
symlink is followed wherever it leads. So `includes/notes.md -> ~/.ssh/id_rsa`, or a
folder `includes/more -> /`, would put any file of the machine that builds the site
(a CI runner, a reviewer's laptop) into a page, and into a preview anyone can download.

Refused here, before any builder reads a page (scripts/build_site.py and
scripts/core/build.py call `problems` first; `make security` reports the same):
- the snippets settings that open the door: a base other than includes/,
  `restrict_base_path: false`, `url_download: true`;
- includes/ itself a symlink, or any symlink under it that resolves outside it;
- a snippet line in a page whose path leaves includes/ (`..`, an absolute path), at
  its file:line (the builder would refuse it too, without naming the line).
tests/checks/test_snippets.py shows what `restrict_base_path` does with each.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .config import ConfigError
from .config import load as load_config
from .paths import show

EXTENSION = "pymdownx.snippets"
BASE = "includes"
# `--8<-- "name"` on a line of its own (a leading `;` escapes it), as pymdownx reads
# it; a line of only `--8<--` opens or closes a block of names, one a line.
INLINE = re.compile(r"""^[ \t]*(?P<escape>;*)-+8<-+[ \t]+(?P<q>["'])(?P<path>.+?)(?P=q)[ \t]*$""")
BLOCK = re.compile(r"^[ \t]*(?P<escape>;*)-+8<-+[ \t]*$")
# A snippet name may end in line ranges (`:3:9,12`) or a section (`:name`).
SUFFIX = re.compile(r"(?i)(?::-?\d*){1,2}(?:,-?\d*(?::-?\d*)?)*$|:[a-z][-_0-9a-z]*$")


def settings(config: dict) -> dict | None:
    """pymdownx.snippets' settings in mkdocs.yml ({} for none), or None when unused."""
    for entry in config.get("markdown_extensions") or []:
        if entry == EXTENSION:
            return {}
        if isinstance(entry, dict) and EXTENSION in entry:
            return entry[EXTENSION] or {}
    return None


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"^\s*{re.escape(key)}\s*:", line):
            return number
    return 1


def settings_problems(config_path: Path, config: dict, root: Path) -> list[str]:
    found = settings(config)
    if found is None:
        return []
    text = config_path.read_text(encoding="utf-8")
    where = show(config_path, root)
    problems = []
    bases = found.get("base_path", ["."])
    bases = [bases] if isinstance(bases, str) else list(bases or [])
    if bases != [BASE]:
        problems.append(
            f"{where}:{_line_of(text, 'base_path')}: pymdownx.snippets `base_path` is {bases!r};"
            f" it must be [{BASE}]: pages may include files from {BASE}/ only"
        )
    if found.get("restrict_base_path", True) is not True:
        problems.append(
            f"{where}:{_line_of(text, 'restrict_base_path')}: pymdownx.snippets"
            " `restrict_base_path` must stay on: a snippet path could leave includes/"
        )
    if found.get("url_download", False):
        problems.append(
            f"{where}:{_line_of(text, 'url_download')}: pymdownx.snippets `url_download`"
            " must stay off: a page would fetch its text from another site at build time"
        )
    return problems


def _shown(path: Path, root: Path) -> str:
    """A path under root as messages show it, without following a symlink."""
    return path.relative_to(root).as_posix()


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def tree_problems(root: Path) -> list[str]:
    """includes/ is a real folder, and no symlink under it leads outside it."""
    includes = root / BASE
    if not os.path.lexists(includes):
        return []
    if includes.is_symlink():
        return [
            f"{_shown(includes, root)}: a symlink (to {os.readlink(includes)}): {BASE}/ must be"
            " a folder of the repository; snippets must stay inside it"
        ]
    real = includes.resolve()
    problems = []
    for folder, names, files in os.walk(includes):  # symlinked folders are not entered
        for name in sorted(names + files):
            path = Path(folder) / name
            if not path.is_symlink():
                continue
            target = path.resolve()
            if not _inside(target, real):
                problems.append(
                    f"{_shown(path, root)}: a symlink to {os.readlink(path)}, which resolves"
                    f" outside {BASE}/ ({target}): a snippet must not pull in files from"
                    " elsewhere on the machine that builds the site; copy the file in"
                )
    return problems


def snippet_paths(text: str) -> list[tuple[int, str]]:
    """(1-based line, name) of every snippet a Markdown text includes."""
    found = []
    in_block = False
    for number, line in enumerate(text.splitlines(), 1):
        inline = INLINE.match(line)
        if inline and not inline["escape"]:
            found.append((number, inline["path"]))
            continue
        block = BLOCK.match(line)
        if block and not block["escape"]:
            in_block = not in_block
        elif in_block and line.strip() and not line.lstrip().startswith(";"):
            found.append((number, line.strip()))
    return found


def leaves(name: str, includes: Path) -> bool:
    """A snippet name whose file would be outside includes/ (its line ranges or
    section dropped), however pymdownx judges it."""
    if name.lower().startswith(("http://", "https://")):
        return True
    path = SUFFIX.sub("", name) or name
    real = includes.resolve()
    return not _inside(Path(os.path.realpath(os.path.join(real, path))), real)


def page_problems(root: Path, pages: list[Path]) -> list[str]:
    includes = root / BASE
    problems = []
    for page in pages:
        try:
            text = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for number, name in snippet_paths(text):
            if leaves(name, includes):
                problems.append(
                    f"{show(page, root)}:{number}: snippet {name!r} leaves {BASE}/:"
                    f" a page may include files from {BASE}/ only"
                )
    return problems


def problems(root: Path, config_path: Path | None = None) -> list[str]:
    """Everything that would let a page include a file from outside includes/, in a
    project at root (its mkdocs.yml, includes/ and docs/)."""
    config_path = config_path or root / "mkdocs.yml"
    try:
        config = load_config(config_path)
    except (OSError, ConfigError) as error:
        return [f"{show(config_path, root)}: cannot read it: {error}"]
    docs = root / config.get("docs_dir", "docs")
    pages = sorted(docs.rglob("*.md")) if docs.is_dir() else []
    return (
        settings_problems(config_path, config, root)
        + tree_problems(root)
        + page_problems(root, pages)
    )
