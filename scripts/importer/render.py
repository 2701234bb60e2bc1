"""Document -> Markdown body, through a table of small pure functions.

Each node is drawn by one function `(node, ctx) -> str`, picked by `form()`;
indentation travels in the context, never in globals. A loop with an explicit
stack walks the tree (no recursion), and `join()` decides where blank lines
go. What the page contains, so the site can style it:

* ``# title`` (H1), ``##`` sections for top-level ":::" lines, ``# X`` lines
  and session headers, ``###`` for indented ":::" lines and ``## X``;
* ``def_list`` definitions for "Term :" / "Term ::" with notes indented
  below, except inside a bulleted list (Python-Markdown cannot hold a
  definition's later paragraphs there): that term stays an item ending in
  ':' with its notes nested below;
* ``-`` lists, nested with 4 spaces (what Python-Markdown needs);
* fenced code (``bash``, ``yaml``, ``dockerfile``, ``groovy``, ``text``);
* inline code for a bulleted command or a "cmd --> what it does" line;
* ``---`` for separator lines, autolinks for web addresses;
* a ``mermaid`` fence for each diagram drafted by flows.py (see mermaid.py).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from . import lex
from .code_kinds import BASH, CMD, split_command_definition
from .inline import code_span, escape, prose
from .mermaid import fenced
from .parse import CODE, DIAGRAM, HEADING, HR, Document, Node, lesson_title

BLOCK = "block"  # a container where a plain line is a paragraph (page, definition)
LIST = "list"  # a container where every line is a list item (below a line)
INDENT = 4  # Python-Markdown nests lists and definitions by four spaces
# Python-Markdown recurses once per nesting level and fails near 400; deeper
# lines are drawn at this depth (as siblings), keeping every word.
MAX_INDENT = 48 * INDENT
DD = ":   "  # def_list's definition marker, exactly one indent wide
# A page with more top-level blocks than this is drawn in groups of GROUP_SIZE
# (see group()); lessons have a few dozen, so only huge notes files are.
GROUP_OVER = 1000
GROUP_SIZE = 200

# pymdownx.snippets acts on these lines even inside a code block: it would
# include a file, or drop a "--8<-- [start:x]" section marker. Its escape is
# a ';' just before the marker (which it removes again).
_SNIPPET_LINE = re.compile(r"[ \t]*;*-+8<-+(?:[ \t]+(?:\"(?:\\\"|[^\"])+?\"|'(?:\\'|[^'])+?'))?")
_SNIPPET_SECTION = re.compile(
    r"(?<![;-]);*-+8<-+[ \t]+\[[ \t]*(?:start|end)[ \t]*:[ \t]*[a-z][-_0-9a-z]*[ \t]*\]", re.I
)


@dataclass(slots=True, frozen=True)
class Ctx:
    """Where a node is drawn. Made by `ctx()`, which shares instances."""

    indent: int  # spaces before every line
    mode: str  # BLOCK or LIST
    lead: bool  # first in a definition: drawn on its ":   " line
    prefix: str  # what goes before a node's first line: spaces or the ':'
    grouped: bool  # the page is wrapped in <div markdown> groups (see group())
    bullet: str  # prefix + "- ": a list item's start, made once (items are most lines)


@cache
def ctx(indent: int, mode: str, lead: bool = False, grouped: bool = False) -> Ctx:
    """The (shared) context; there are only a few hundred distinct ones."""
    indent = min(indent, MAX_INDENT)
    prefix = " " * (indent - INDENT) + DD if lead else " " * indent
    return Ctx(indent, mode, lead, prefix, grouped, prefix + "- ")


def _inline_code(code: str, grouped: bool) -> str | None:
    """code_span(), except in a grouped page for code holding a '<': md_in_html
    reads a `</div>` even inside inline code, so there it stays escaped prose."""
    if grouped and "<" in code:
        return None
    return code_span(code)


@lru_cache(maxsize=1 << 16)
def _content_of(kind: str, hint: str, body: str, grouped: bool = False) -> str:
    """A line's text as Markdown: a command in inline code, else prose.
    Cached: notes repeat lines ("- Design", "- Testing") all the time."""
    if hint == BASH:
        span = _inline_code(body.removeprefix("$ "), grouped)
        if span:
            return span
    elif hint == CMD and (parts := split_command_definition(body)):
        command, separator, description = parts
        span = _inline_code(command.removeprefix("$ "), grouped)
        if span:
            return f"{span} {prose(separator)} {prose(description)}"
    if kind == lex.TERM:
        body += ":"  # a term drawn as a plain line is a line ending in ':'
    return prose(body)


# prose() of headings and terms, which notes repeat as they repeat lines.
_prose_of = lru_cache(maxsize=1 << 16)(prose)


def render_heading(node: Node, c: Ctx) -> str:
    return "#" * node.level + " " + _prose_of(node.line.body + node.suffix)


def render_hr(node: Node, c: Ctx) -> str:
    return "---"


def render_paragraph(node: Node, c: Ctx) -> str:
    line = node.line
    return c.prefix + _content_of(node.kind, line.hint, line.body, c.grouped)


def render_item(node: Node, c: Ctx) -> str:
    line = node.line
    return c.bullet + _content_of(node.kind, line.hint, line.body, c.grouped)


def render_definition(node: Node, c: Ctx) -> str:
    # The term; its first note goes on the ":   " line right below it.
    return c.prefix + _prose_of(node.line.body)


def _fence(code: list[str]) -> str:
    """A backtick fence longer than any backtick run starting a code line."""
    longest = 2
    for text in code:
        stripped = text.lstrip()
        if stripped.startswith("```"):
            longest = max(longest, len(stripped) - len(stripped.lstrip("`")))
    return "`" * (longest + 1)


def _escape_snippet(text: str) -> str:
    """Escape a snippets marker in a line of code (see _SNIPPET_LINE)."""
    if _SNIPPET_LINE.fullmatch(text):
        stripped = text.lstrip(" \t")
        return text[: len(text) - len(stripped)] + ";" + stripped
    return _SNIPPET_SECTION.sub(lambda m: ";" + m.group(), text, count=1)


def code_lines(node: Node) -> list[str]:
    """The code as typed: tabs expanded, common indentation removed, one
    empty line where the notes had blank ones."""
    expanded = [(line.indent + line.text).expandtabs(INDENT) for line in node.code]
    margin = min(len(text) - len(text.lstrip(" ")) for text in expanded)
    lines: list[str] = []
    prompt = node.lang == BASH
    previous = node.code[0].number
    for line, text in zip(node.code, expanded, strict=True):
        if line.number - previous > 1:
            lines.append("")
        previous = line.number
        text = text[margin:]
        if prompt and line.text.startswith("$ "):
            # The page's copy button copies what is shown: no prompt.
            stripped = text.lstrip(" ")
            text = text[: len(text) - len(stripped)] + stripped[2:]
        if "8<-" in text:
            text = _escape_snippet(text)
        lines.append(text)
    return lines


def render_code(node: Node, c: Ctx) -> str:
    code = code_lines(node)
    fence = _fence(code)
    pad = " " * c.indent
    body = [pad + fence + node.lang, *(pad + text if text else "" for text in code), pad + fence]
    return "\n".join(body)


def render_diagram(node: Node, c: Ctx) -> str:
    assert node.flow is not None
    return fenced(node.flow, " " * c.indent)


# form -> (renderer, is a list item line, glued to the next line)
RENDERERS: dict[str, tuple[Callable[[Node, Ctx], str], bool, bool]] = {
    "heading": (render_heading, False, False),
    "hr": (render_hr, False, False),
    "code": (render_code, False, False),
    "diagram": (render_diagram, False, False),
    "paragraph": (render_paragraph, False, False),
    "item": (render_item, True, False),
    "definition": (render_definition, False, True),
}


def child_ctx(form_name: str, c: Ctx) -> Ctx | None:
    """Where the lines below a node go; None when nothing can hang there."""
    if form_name == "paragraph":  # a list right below, same indentation
        return ctx(c.indent, LIST, False, c.grouped)
    if form_name == "item":
        return ctx(c.indent + INDENT, LIST, False, c.grouped)
    if form_name == "definition":
        return ctx(c.indent + INDENT, BLOCK, True, c.grouped)
    return None


def _is_item(node: Node, mode: str) -> bool:
    """Drawn as a list item where it stands (ignoring its neighbours)?"""
    line = node.line
    return mode == LIST or bool(line.marker) or line.hint in (BASH, CMD)


def form(node: Node, c: Ctx, following: Node | None) -> str:
    """Which renderer draws `node`; `following` is its next sibling."""
    kind = node.kind
    if kind == lex.TEXT and c.mode == LIST:
        return "item"  # the common case, first
    if kind == HEADING:
        return "heading"
    if kind == HR:
        return "hr"
    if kind == CODE:
        return "code"
    if kind == DIAGRAM:
        return "diagram"
    # A definition needs notes below it (not code: code cannot start one),
    # in a page or another definition, not in a list item (see above).
    if (
        kind == lex.TERM
        and c.mode == BLOCK
        and node.children
        and node.children[0].kind != CODE
        and c.indent + INDENT <= MAX_INDENT
    ):
        return "definition"
    if _is_item(node, c.mode):
        return "item"
    # A paragraph's children form a list; if list items follow it too, the
    # two lists would merge, so the paragraph becomes an item itself.
    if (
        node.children
        and following is not None
        and following.kind in (lex.TEXT, lex.TERM)
        and _is_item(following, c.mode)
    ):
        return "item"
    return "paragraph"


# A block of output: (indentation, text, is a list item line, glued to next).
Block = tuple[int, str, bool, bool]


def pieces(text: str, limit: int = lex.LONG_LINE) -> list[str]:
    """An overlong line cut into pieces of at most `limit` characters: at the
    last blank in the piece's second half, else where no typed arrow is cut.

    Python-Markdown rewrites a paragraph's whole text for every escape, link or
    code span in it, so one line's cost grows with the square of its length
    (a 128 kB line full of escapes took 2.75 s); pieces of bounded length
    keep a page's cost linear in its size."""
    text = " ".join(text.split())
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = text.rfind(" ", start + limit // 2, end + 1)
        if cut > start:
            out.append(text[start:cut])
            start = cut + 1
            continue
        cut = end
        while cut > start + limit // 2 and (text[cut - 1] in "-=<>" or text[cut] in "-=<>"):
            cut -= 1
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def _long_blocks(node: Node, name: str, c: Ctx) -> list[Block]:
    """A line longer than lex.LONG_LINE as one paragraph per piece: the first
    where the line goes (item or paragraph), the rest inside it."""
    first, *rest = pieces(node.line.body)
    marker = "- " if name == "item" else ""
    indent = c.indent + INDENT if name == "item" else c.indent
    head = (c.indent - INDENT if c.lead else c.indent, c.prefix + marker + prose(first))
    return [
        (*head, name == "item", False),
        *((indent, " " * indent + prose(piece), False, False) for piece in rest),
    ]


def render_blocks(nodes: list[Node], grouped: bool = False) -> list[Block]:
    """Walk the tree depth-first with an explicit stack; collect blocks.

    `grouped`: the blocks will be wrapped in <div markdown> groups (see group()).
    """
    out: list[Block] = []
    append = out.append
    long_line = lex.LONG_LINE
    text, in_list, content_of = lex.TEXT, LIST, _content_of
    # (siblings, context, index to resume at); descending into a node pushes
    # where to resume and the node's children.
    stack: list[tuple[list[Node], Ctx, int]] = [(nodes, ctx(0, BLOCK, False, grouped), 0)]
    while stack:
        siblings, c, index = stack.pop()
        count = len(siblings)
        while index < count:
            node = siblings[index]
            index += 1
            if node.kind == text and c.mode == in_list:
                # form()'s first case, render_item() and child_ctx() inlined: most
                # lines are list items, so this path alone makes no calls but the
                # cached ones. (In a list, c.lead is False.)
                line = node.line
                if len(line.body) <= long_line:
                    content = content_of(text, line.hint, line.body, c.grouped)
                    append((c.indent, c.bullet + content, True, False))
                    if node.children:
                        stack.append((siblings, c, index))
                        below = ctx(c.indent + INDENT, in_list, False, c.grouped)
                        stack.append((node.children, below, 0))
                        break
                    continue
                name = "item"
            else:
                name = form(node, c, siblings[index] if index < count else None)
            renderer, tight, glue = RENDERERS[name]
            if len(node.line.body) > long_line and name in ("paragraph", "item"):
                out += _long_blocks(node, name, c)
            else:
                append((c.indent - INDENT if c.lead else c.indent, renderer(node, c), tight, glue))
            if c.lead:  # only a definition's first note sits on its ':' line
                c = ctx(c.indent, c.mode, False, c.grouped)
            if node.children and (below := child_ctx(name, c)) is not None:
                stack.append((siblings, c, index))
                stack.append((node.children, below, 0))
                break
    return out


def _top_level_starts(blocks: list[Block]) -> list[int]:
    """Indexes of the blocks that start at the page's top level (not the ':'
    line glued to its term): the places a group may begin."""
    return [
        index
        for index, (indent, _, _, _) in enumerate(blocks)
        if indent == 0 and index and not blocks[index - 1][3]
    ]


def group(blocks: list[Block]) -> str:
    """Blocks joined, in `<div markdown="1">` groups of GROUP_SIZE top-level
    blocks each (md_in_html draws the div and renders what is inside).

    Python-Markdown finds an element's place among its siblings by a linear
    search, for each sibling (the `abbr` and inline tree processors do), so a
    page with N top-level blocks costs N squared: 10 MB of notes took 804 s to
    render. In groups, no element has more than a few hundred children."""
    cuts = _top_level_starts(blocks)[GROUP_SIZE - 1 :: GROUP_SIZE]
    bounds = [0, *cuts, len(blocks)]
    return "\n\n".join(
        f'<div markdown="1">\n\n{join(blocks[start:end])}\n\n</div>'
        for start, end in itertools.pairwise(bounds)
        if end > start
    )


def join(blocks: list[Block]) -> str:
    """Blocks -> text: one newline inside a tight list, else a blank line.

    Python-Markdown splits its input at blank lines into chunks, and a chunk
    that starts indented swallows the less indented lines after it into its
    nested list. So list items share a chunk only while they are at least as
    indented as the chunk's first line; inside a definition (a chunk that
    starts with its term) only while they are deeper than the term.
    """
    parts: list[str] = []
    start = 0  # indentation of the chunk's first line
    list_chunk = False  # did the chunk start with a list item?
    tight_before = glue_before = False
    for indent, text, tight, glue in blocks:
        if not parts:
            start, list_chunk = indent, tight
        elif glue_before or (
            tight_before and tight and (indent > start or (list_chunk and indent == start))
        ):
            parts.append("\n")
        else:
            parts.append("\n\n")
            start, list_chunk = indent, tight
        parts.append(text)
        tight_before, glue_before = tight, glue
    return "".join(parts)


def head(document: Document) -> str:
    """The page's first lines: its title as the H1 (the same title as the front
    matter's) and, when the notes' title line says more (the date, in
    "Day 1: 17th Nov. 2025"), that line's words below it."""
    title = " ".join(lesson_title(document).split())
    out = "# " + escape(title)
    line = " ".join(document.title.split())
    if document.title_line is not None and line != title:
        day = f"Day {document.day}"
        rest = line
        if document.day is not None and title.startswith(day + ":") and line.startswith(day):
            rest = line[len(day) :].lstrip(" \t:.,-\u2013\u2014")  # "Day 1" is in the H1
        if rest:
            out += "\n\n" + prose(rest)
    return out


def render(
    document: Document,
    frame: tuple[str, str] | None = None,
) -> str:
    """The page body: the head (H1 title), then the notes. Ends with one newline.

    `frame`: (opening, closing) Markdown to put after the head and after the
    notes (the lesson frame, frame.py)."""
    top: list[Block] = [(0, head(document), False, False)]
    bottom: list[Block] = []
    if frame:
        top.append((0, frame[0], False, False))
        bottom.append((0, frame[1], False, False))
    try:
        # Every top-level node after the first starts a top-level block (a term's
        # ':' line, glued to it, is its own child), so this many nodes settle it
        # before rendering; only long lines cut in pieces add more, seen after.
        grouped = len(document.blocks) - 1 > GROUP_OVER
        blocks = render_blocks(document.blocks, grouped)
        if not grouped and len(_top_level_starts(blocks)) > GROUP_OVER:
            _content_of.cache_clear()  # (a line's content depends on grouping)
            grouped, blocks = True, render_blocks(document.blocks, grouped=True)
    finally:
        _content_of.cache_clear()  # the caches live for one page only
        _prose_of.cache_clear()
    if grouped:
        return "\n\n".join(filter(None, (join(top), group(blocks), join(bottom)))) + "\n"
    return join([*top, *blocks, *bottom]) + "\n"
