"""Fenced code blocks in Markdown, found the way pymdownx.superfences finds them.

Superfences also sees fences indented inside lists, admonitions (`!!! note`) and
content tabs (`=== "Tab"`), where CommonMark linters see only an indented code
block. The checks that look at fences (a language on every fence, every Mermaid
diagram) share this one reader:

    for fence in fences(path):
        fence.line, fence.language, fence.text
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# An opening fence: any indentation, three or more backticks or tildes, then the info
# string (`mermaid`, `python title="x.py"`, `{.yaml}`); backticks may not appear in a
# backtick fence's info string.
OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>.*?)[ \t]*$")


@dataclass
class Fence:
    """One fenced block: where it opens, its language and its text (dedented)."""

    path: Path
    line: int  # 1-based line of the opening fence
    info: str
    lines: list[str]
    closed: bool = True

    @property
    def language(self) -> str:
        """The first word of the info string, without `{.` `}`; empty when none."""
        word = self.info.split(maxsplit=1)[0] if self.info.strip() else ""
        return word.strip("{}").lstrip(".")

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def body_line(self) -> int:
        """1-based file line of the block's first line of text."""
        return self.line + 1


def _closes(line: str, fence: str) -> bool:
    """A closing fence: the same character, at least as many, nothing else."""
    stripped = line.strip()
    return len(stripped) >= len(fence) and set(stripped) == {fence[0]}


def _indent_width(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def parse(text: str, path: Path) -> list[Fence]:
    """Every fenced block in text, in order; fences inside fences are text."""
    found: list[Fence] = []
    lines = text.splitlines()
    n = 0
    while n < len(lines):
        match = OPENING.match(lines[n])
        if not match or (match["fence"][0] == "`" and "`" in match["info"]):
            n += 1
            continue
        indent = len(match["indent"].expandtabs(4))
        fence = Fence(path, n + 1, match["info"], [])
        n += 1
        while n < len(lines) and not _closes(lines[n], match["fence"]):
            body = lines[n].expandtabs(4)
            # Strip the opening fence's indentation, as superfences does.
            strip = min(indent, _indent_width(body))
            fence.lines.append(body[strip:])
            n += 1
        fence.closed = n < len(lines)
        found.append(fence)
        n += 1
    return found


def fences(path: Path) -> list[Fence]:
    return parse(path.read_text(encoding="utf-8"), path)
