"""[Line] -> Document: a tree by indentation, with code runs and headings found.

Structure comes from depth alone, with a stack (no recursion, so 1000 levels
of tabs are as cheap as one): a line hangs under the nearest line above it
that is less indented. Headings (":::" lines, "# X", session headers) and
separators are section breaks: they sit at the top level and start a new
stack, whatever their indentation, because a page's outline is flat.
Runs of command/YAML/Dockerfile/Jenkinsfile/table lines become one code node.

The lexer hands over non-blank lines only; a blank line shows as a gap in
line numbers (`_gap`), which is all that code blocks and tables need.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import lex
from .code_kinds import BASH, DATA, DOCKER, GROOVY, ROW, TABLE, YAML, YAML_FIRST_KEYS, column_starts
from .dates import parse_date
from .lex import Line

if TYPE_CHECKING:
    from .mermaid import Flow

# Node kinds beyond the line kinds (TEXT, TERM) they are built from.
HEADING = "heading"
HR = "hr"
CODE = "code"
DIAGRAM = "diagram"  # a drafted diagram (flows.py adds them after parsing)
# Lines that end any code run.
_STRUCTURAL = frozenset((lex.HEADING, lex.BANNER, lex.SESSION, lex.SEPARATOR, lex.TERM))
_SECTION_BREAKS = frozenset((lex.HEADING, lex.HASH_HEADING, lex.SESSION, lex.BANNER))
# A YAML line that opens a block scalar (its deeper lines are free text).
_BLOCK_SCALAR = re.compile(r":[ \t]*[|>][+-]?$")
_HEREDOC = re.compile(r"<<-?[ \t]*[\"']?(\w+)[\"']?")
_DAY_IN_NAME = re.compile(r"day[-_ ]?0*(\d{1,3})(?!\d)", re.I)
# A repeated heading is told apart by the line below it, when that is this short.
_QUALIFIER_WORDS = 8
_QUALIFIER_CHARS = 60

# accepts(index, previous line) -> does lines[index] continue the run?
Accepts = Callable[[int, Line], bool]


@dataclass(slots=True)
class Node:
    """A line (or a run of code lines) and the lines nested under it."""

    kind: str  # lex.TEXT, lex.TERM, HEADING, HR or CODE
    line: Line  # the (first) source line: number, depth, text, marker ...
    children: list[Node]
    level: int = 0  # heading level, 2 or 3
    lang: str = ""  # code language ("bash", "yaml", ... "text")
    code: tuple[Line, ...] = ()  # a code node's lines
    suffix: str = ""  # added to a repeated heading: ": <the line it introduces>"
    flow: Flow | None = None  # a DIAGRAM node's flow


@dataclass(slots=True)
class Document:
    """What the renderer needs: the top-level nodes and the page's metadata."""

    blocks: list[Node]
    title: str  # plain text, for the H1 and front matter
    title_line: int | None  # the banner line that became the title, if any
    day: int | None  # "Day N" from the file name, else from the banner
    date: dt.date | None
    first_heading: str | None
    banner_day: int | None = None  # "Day N" as the banner says it, if it does


def _gap(lines: list[Line], index: int) -> bool:
    """Is there a blank line between lines[index - 1] and lines[index]?"""
    return lines[index].number - lines[index - 1].number > 1


def _extend(lines: list[Line], start: int, accepts: Accepts, any_depth: bool = False) -> int:
    """End (exclusive) of the run of lines beginning at `start`.

    A run stops at a line less indented than its first (unless `any_depth`)
    or one `accepts` refuses. Blank lines inside a run are kept by the
    renderer, from the gaps in line numbers.
    """
    base = lines[start].depth
    index = start + 1
    while index < len(lines):
        if (lines[index].depth < base and not any_depth) or not accepts(index, lines[index - 1]):
            break
        index += 1
    return index


def _continues(previous: Line) -> bool:
    """A shell/Dockerfile line ending in a backslash continues on the next."""
    return previous.text.endswith("\\")


def _is_comment(line: Line) -> bool:
    return line.text.startswith("#") and line.kind in (lex.TEXT, lex.HASH_HEADING)


def _is_command(line: Line) -> bool:
    return line.hint == BASH and not line.marker


def _bash_run(lines: list[Line], start: int) -> int | None:
    heredoc = [""]  # the word that ends an open "<<EOF" here-document

    def accepts(index: int, previous: Line) -> bool:
        line = lines[index]
        if "<<" in previous.text and not heredoc[0] and (match := _HEREDOC.search(previous.text)):
            heredoc[0] = match.group(1)
        if heredoc[0]:  # everything up to the terminator is the document
            if line.text == heredoc[0]:
                heredoc[0] = ""
            return True
        if _continues(previous):
            return line.kind not in _STRUCTURAL
        if _is_command(line):
            return True
        # A comment belongs to the commands it introduces.
        return _is_comment(line) and index + 1 < len(lines) and _is_command(lines[index + 1])

    return _extend(lines, start, accepts)


def _docker_run(lines: list[Line], start: int) -> int | None:
    def accepts(index: int, previous: Line) -> bool:
        line = lines[index]
        if _continues(previous):
            return line.kind not in _STRUCTURAL
        return line.hint == DOCKER or _is_comment(line)

    end = _extend(lines, start, accepts)
    if lines[start].text.startswith(("FROM ", "ARG ")) or end - start > 1:
        return end
    return None


def _width(line: Line) -> int:
    """Indentation in columns (YAML nests by columns, not by our levels)."""
    return len(line.indent.expandtabs(4))


def _yaml_run(lines: list[Line], start: int) -> int | None:
    scalar = [-1]  # indentation of an open `key: |` block scalar, or -1
    base = _width(lines[start])

    def accepts(index: int, previous: Line) -> bool:
        line = lines[index]
        if _BLOCK_SCALAR.search(previous.text):
            scalar[0] = _width(previous)
        if _width(line) > scalar[0] >= 0:
            return True  # free text inside the block scalar
        scalar[0] = -1
        if line.kind == lex.SEPARATOR:
            return line.text == "---"
        if line.kind in _STRUCTURAL:
            return False
        if line.hint == YAML or line.text.startswith("#"):
            return True
        return _width(line) > base and line.marker == "-"

    text = lines[start].text
    if lines[start].kind == lex.SEPARATOR:  # "---" opening a document
        if start + 1 >= len(lines) or lines[start + 1].hint != YAML:
            return None
        text = lines[start + 1].text
    key = text.removeprefix("-").strip().partition(":")[0]
    if key not in YAML_FIRST_KEYS:
        return None
    end = _extend(lines, start, accepts)
    return end if end - start >= 2 else None


def _groovy_run(lines: list[Line], start: int) -> int | None:
    """A Jenkinsfile: from `pipeline {` to its closing brace."""
    base = lines[start].depth
    balance = [lines[start].text.count("{") - lines[start].text.count("}")]

    def accepts(index: int, previous: Line) -> bool:
        line = lines[index]
        if balance[0] <= 0 or (line.kind in _SECTION_BREAKS and line.kind != lex.HASH_HEADING):
            return False
        if line.depth < base and not line.text.startswith("}"):
            return False  # an unclosed block must not swallow the notes after it
        balance[0] += line.text.count("{") - line.text.count("}")
        return True

    return _extend(lines, start, accepts, any_depth=True)


def _table_run(lines: list[Line], start: int) -> int | None:
    """Aligned columns (docker ps, kubectl get pods): a header + rows.

    Rows must share a column start with the header: that alignment is what
    tells console output from prose with double spaces in it.
    """
    head = lines[start]
    columns = column_starts(head.text)

    def accepts(index: int, previous: Line) -> bool:
        line = lines[index]
        return (
            not _gap(lines, index)
            and line.depth == head.depth
            and "  " in line.text
            and bool(columns & column_starts(line.text))
        )

    end = _extend(lines, start, accepts)
    rows = end - start - 1
    if (head.hint == TABLE and rows >= 1) or (len(columns) >= 2 and rows >= 2):
        return end
    return None


_RUNS: dict[str, Callable[[list[Line], int], int | None]] = {
    BASH: _bash_run,
    DOCKER: _docker_run,
    YAML: _yaml_run,
    GROOVY: _groovy_run,
    TABLE: _table_run,
    ROW: _table_run,
}


def find_code_run(lines: list[Line], start: int) -> tuple[str, int] | None:
    """(language, end) when a code block starts at `start`, else None."""
    line = lines[start]
    hint = line.hint
    if hint == DATA:
        return "text", start + 1  # one overlong line of data, as typed
    if line.marker and hint != YAML:
        return None  # "- docker ps" is a bullet showing a command (inline code)
    if line.kind == lex.SEPARATOR and line.text == "---":
        hint = YAML
    elif _is_comment(line):
        # "# install nginx" or "#!/bin/bash" right above a command is shell.
        comment = line.text.lstrip("#").strip()
        following = start + 1
        if (
            following < len(lines)
            and not _gap(lines, following)
            and (comment[:1].islower() or line.text.startswith("#!"))
            and _is_command(lines[following])
        ):
            hint = BASH
    finder = _RUNS.get(hint)
    if finder is None:
        return None
    end = finder(lines, start)
    if end is None:
        return None
    return ("text" if hint in (TABLE, ROW) else hint), end


def _heading_level(line: Line) -> int:
    """H2 for top-level sections, H3 for indented ones (and for "## x")."""
    if line.kind == lex.HASH_HEADING:
        return 3 if line.text.startswith("##") else 2
    if line.kind == lex.HEADING:
        return 2 if line.depth == 0 else 3
    return 2


def _framing_separators(lines: list[Line], title: int) -> set[int]:
    """The ##### lines around the title banner: decoration, dropped."""
    return {
        index
        for index in (title - 1, title + 1)
        if 0 <= index < len(lines) and lines[index].kind == lex.SEPARATOR
    }


def _build_tree(lines: list[Line], skip: set[int]) -> list[Node]:
    """The top-level nodes; everything else hangs below them."""
    blocks: list[Node] = []
    stack: list[Node] = []  # open nodes, shallowest first
    separator, section_breaks = lex.SEPARATOR, _SECTION_BREAKS  # (hot loop)
    index = 0
    count = len(lines)
    while index < count:
        line = lines[index]
        kind = line.kind
        depth = line.depth
        if index in skip:
            index += 1
            continue
        if line.hint or kind == separator or line.text[0] == "#":
            run = find_code_run(lines, index)
            if run is not None:
                lang, end = run
                node = Node(CODE, line, [], 0, lang, tuple(lines[index:end]))
                while stack and stack[-1].line.depth >= depth:
                    stack.pop()
                (stack[-1].children if stack else blocks).append(node)
                index = end
                continue  # code never has children: it is not pushed
        if kind in section_breaks:
            blocks.append(Node(HEADING, line, [], _heading_level(line)))
            stack.clear()
        elif kind == separator:
            blocks.append(Node(HR, line, []))
            stack.clear()
        else:
            while stack and stack[-1].line.depth >= depth:
                stack.pop()
            if line.body:
                node = Node(kind, line, [])
                (stack[-1].children if stack else blocks).append(node)
                stack.append(node)
            # else a bare bullet ("-" alone): what hangs below it moves up a level
        index += 1
    return blocks


def _qualifier(following: Node | None) -> str:
    """What tells a repeated heading apart: the short line it introduces, in the
    notes' own words ("Desktop Applications" -> "Desktop Applications: Super-Market
    Billing System"), or "" when that line is long, code, or missing."""
    if following is None or following.kind not in (lex.TEXT, lex.TERM) or following.line.hint:
        return ""
    line = following.line
    text = line.body
    if line.marker and text.startswith(line.marker):  # "-> X": the arrow is the bullet
        text = text[len(line.marker) :]
    text = " ".join(text.split()).rstrip(":").rstrip()
    if not text or len(text) > _QUALIFIER_CHARS or len(text.split()) > _QUALIFIER_WORDS:
        return ""
    return ": " + text


def _tidy_headings(blocks: list[Node]) -> None:
    """Make the outline valid: levels go down one step at a time (no ###
    straight after the title), and a heading repeating a sibling's text
    ("Desktop Applications :::" twice) is told apart by the short line it
    introduces (`_qualifier`). When it introduces none, it keeps the notes'
    words, and toc gives its anchor a `_1` suffix."""
    previous = 1  # the page title is the H1
    seen: dict[int, set[str]] = {}  # level -> heading texts so far, per parent
    for index in [index for index, node in enumerate(blocks) if node.kind == HEADING]:
        node = blocks[index]
        node.level = min(node.level, previous + 1)
        previous = node.level
        for deeper in [level for level in seen if level > node.level]:
            del seen[deeper]
        siblings = seen.setdefault(node.level, set())
        key = " ".join(node.line.body.split()).casefold()
        if key in siblings:
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            node.suffix = _qualifier(following)
            key = (key + node.suffix).casefold()
        siblings.add(key)


def lesson_title(document: Document) -> str:
    """ "Day N: first section heading" (else the H1 title): the title the nav,
    the browser tab and search results show for the page."""
    heading = document.first_heading or ""
    if document.day is not None:
        return f"Day {document.day}: {heading}" if heading else f"Day {document.day}"
    return heading or document.title


def day_in_name(stem: str) -> int | None:
    """The day a notes file's name gives ("day-03" -> 3), or None."""
    match = _DAY_IN_NAME.search(stem)
    return int(match.group(1)) if match else None


def _humanise(stem: str) -> str:
    """ "docker-basics" -> "Docker basics": a title when the notes have none."""
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else "Notes"


def parse(lines: list[Line], stem: str = "notes") -> Document:
    """Build the Document for lexed notes; `stem` is the file name sans suffix.

    The first "Day N" banner (else the first session header) becomes the
    page title, wherever it stands; the ##### lines around it are dropped.
    """
    title_index = next((i for i, line in enumerate(lines) if line.kind == lex.BANNER), None)
    if title_index is None:
        title_index = next((i for i, line in enumerate(lines) if line.kind == lex.SESSION), None)
    skip: set[int] = set()
    if title_index is not None:
        skip = {title_index, *_framing_separators(lines, title_index)}
    blocks = _build_tree(lines, skip)
    _tidy_headings(blocks)
    headings = [node.line for node in blocks if node.kind == HEADING]
    first_heading = next(
        (line.body for line in headings if line.kind in (lex.HEADING, lex.HASH_HEADING)), None
    )
    date = banner_day = None
    if title_index is not None:
        title_line = lines[title_index]
        title = title_line.text
        date = parse_date(title)
        if title_line.kind == lex.BANNER and (match := lex.BANNER_RE.fullmatch(title)):
            banner_day = int(match.group(1))
    else:
        title = headings[0].body if headings else _humanise(stem)
    # The file name decides the day (and the page: day-03.txt -> day-03.md); a
    # banner that says otherwise is reported by the CLI, not obeyed.
    day = day_in_name(stem)
    if day is None:
        day = banner_day
    return Document(
        blocks=blocks,
        title=title,
        title_line=None if title_index is None else lines[title_index].number,
        day=day,
        date=date,
        first_heading=first_heading,
        banner_day=banner_day,
    )
