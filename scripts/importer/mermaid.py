"""A flow found in the notes -> the text of a Mermaid flowchart, ready to fence.

`flows.py` finds the flows; this module only draws them. Every word of a drawing
comes from the notes: node labels, `accTitle` and `accDescr` are the notes' text
with typographic arrows, and the only other text is Mermaid's own syntax, the
generated node ids and a first-line comment naming the source lines, which a
contributor checks the draft against.

Escaping: mermaid2's fence formatter copies the diagram into the page without
escaping HTML, and Mermaid reads the text back from the page, so no `<`, `>` or
`&` may appear raw; inside a quoted label `"` would end it, `#...;` is Mermaid's
entity syntax, a label in backticks is Markdown, `%%{` starts a directive and
`fa:fa-x` an icon. Each of these is written as a Mermaid entity code (`#lt;`,
`#35;` ...), which Mermaid turns back into the character when it draws.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.diagram_rules import MAX_TEXT_SIZE, breaks_rules, length

# Mermaid entity codes for characters that mean something to Mermaid, to the
# HTML around it, or to Markdown (backtick strings).
_ENTITIES = str.maketrans(
    {
        '"': "#quot;",
        "#": "#35;",
        ";": "#59;",
        "<": "#lt;",
        ">": "#gt;",
        "&": "#amp;",
        "`": "#96;",
        "%": "#37;",
        "\\": "#92;",
        "{": "#123;",
        "}": "#125;",
        "|": "#124;",
        "[": "#91;",
        "]": "#93;",
    }
)
# "fa:fa-car", "fab:fa-github": Font Awesome icon syntax in a flowchart label.
_ICON = re.compile(r"(fa[bklrs]?):(?=fa-)")
# Runs of blanks (not the no-break spaces that box() puts in on purpose).
_BLANKS = re.compile(r"[ \t\n\r\f\v]+")
# Characters a source path may show as they are in the first-line comment.
_PATH_UNSAFE = re.compile(r"[^\w./+@=,\- ]")

# What a flow was found as (flows.py says how each is found).
LIST = "list"  # an ordered list of steps
CHAIN = "chain"  # arrows typed between steps: on one line, or one a line down a list
BLOCKS = "blocks"  # repeated blocks (iterations, sprints) running the same list

INDENT = "    "
RIGHT = " \u2192 "  # the typographic arrows the page shows for -> and ==>
DOUBLE = " \u21d2 "
# Layout: left to right only when the chain, side by side, still reads on a 375 px
# phone: Mermaid scales a diagram down to its column, and below 0.7 of their size
# the labels get too small. The column inside a list item is 313 px with Material
# and 298 px with Zensical (wider page margins); a draft must read on both, so the
# narrower one counts (tests/browser/test_drafted_lesson.py). Otherwise top
# down, one box a row, each label wrapped at Mermaid's 200 px, which every phone
# shows whole. Measured in Chromium with the site's theme: 7.8 px a character
# (16 px sans), 30 px of padding a box, 100 px a left-to-right link, 16 px of
# margins. (A chain is drawn as the notes write it, left to right, when it fits:
# "Dev -> Test -> Prod" does; "Dev -> Test -> Production" would show at 0.68.)
PHONE_COLUMN = 298
MIN_SCALE = 0.7
CHAR_WIDTH = 7.8
BOX_PADDING = 30
LINK_LENGTH = 100
MARGINS = 16
WRAP_WIDTH = 200  # flowchart.wrappingWidth: wider labels wrap
NBSP = "\u00a0"  # keeps an annotation ("=> 11 Months") on one line of its box


@dataclass(frozen=True, slots=True, eq=False)  # (eq=False: cached by identity, fast)
class Drawing:
    """What a drafted diagram shows, in the notes' words. A flow that comes back
    (the same stages, day after day) comes back as the same Drawing, whose
    Mermaid text is made once (the caches below)."""

    kind: str  # LIST, CHAIN or BLOCKS (below)
    title: str  # accTitle: what the notes call this flow
    steps: tuple[str, ...]  # the boxes, in order, each linked to the next
    thick: tuple[bool, ...]  # per link: the notes typed "=>"/"==>" (drawn as ==>)
    blocks: tuple[str, ...] = ()  # repeated blocks that each run `steps`, in order
    context: str = ""  # the line the flow hangs under, if any (for accDescr)


@dataclass(slots=True)  # (not frozen: quicker to make, and a page may hold thousands)
class Flow:
    """One drafted diagram: what it shows, and the notes' lines it depicts."""

    drawing: Drawing
    lines: tuple[int, int]  # first and last notes line it depicts
    source: str  # the notes file, as the page's front matter names it


@lru_cache(maxsize=1 << 14)  # the same labels come back on every page of a course
def label(text: str) -> str:
    """Plain text -> the inside of a quoted Mermaid label (also accTitle/accDescr)."""
    text = _BLANKS.sub(" ", text).strip(" ").translate(_ENTITIES)
    if ":" in text:
        text = _ICON.sub(r"\1#58;", text)
    return text


def _width(text: str) -> float:
    return min(len(text) * CHAR_WIDTH, WRAP_WIDTH) + BOX_PADDING


def direction(drawing: Drawing) -> str:
    """ "LR" when the chain, side by side, reads on a phone; else "TD"."""
    if drawing.kind == BLOCKS:
        return "TD"
    steps = drawing.steps
    across = sum(map(_width, steps)) + LINK_LENGTH * (len(steps) - 1) + MARGINS
    return "LR" if across * MIN_SCALE <= PHONE_COLUMN else "TD"


def box(text: str) -> str:
    """A box's label: an annotation after an arrow ("Coding/Development -> 6th
    Month") is glued to its arrow, so a long label breaks before the arrow."""
    name, arrow, note = text.partition(RIGHT.strip())
    if not arrow:
        name, arrow, note = text.partition(DOUBLE.strip())
    if arrow and name.strip() and note.strip():
        return f"{name.rstrip()} {arrow}{NBSP}{NBSP.join(note.split())}"
    return text


def _description(flow: Drawing) -> str:
    """accDescr: the flow in the notes' words, in order. A chain keeps its arrows
    (screen readers read them out, "right arrow"); a list is a list."""
    if flow.kind == CHAIN:
        steps = flow.steps[0] + "".join(
            (DOUBLE if thick else RIGHT) + step
            for step, thick in zip(flow.steps[1:], flow.thick, strict=True)
        )
    else:
        steps = ", ".join(flow.steps)
    if flow.kind == BLOCKS:
        blocks = RIGHT.join(flow.blocks)
        return f"{blocks}{'' if blocks.endswith(('.', '!', '?')) else '.'} {steps}"
    context = flow.context or flow.title
    return f"{context}: {steps}" if context and context != steps else steps


def _where(flow: Flow) -> str:
    first, last = flow.lines
    lines = str(first) if first == last else f"{first}-{last}"
    return f"{_shown(flow.source)}:{lines}"


@lru_cache(maxsize=64)
def _shown(source: str) -> str:
    """The notes' path as the comment shows it: odd characters made '_'."""
    return _PATH_UNSAFE.sub("_", source)


def _links(ids: list[str], labels: list[str], thick: tuple[bool, ...]) -> list[str]:
    """`a["A"] --> b["B"]`, then `b --> c["C"]` ...: each box labelled once."""
    boxes = [f'{id_}["{label(box(text))}"]' for id_, text in zip(ids, labels, strict=True)]
    links = []
    for n, heavy in enumerate(thick):
        start = boxes[0] if n == 0 else ids[n]
        links.append(f"{start} {'==>' if heavy else '-->'} {boxes[n + 1]}")
    return links


def diagram(flow: Flow) -> list[str]:
    """The Mermaid text, one line per item, without the fence."""
    return [f"%% drafted from {_where(flow)}", *_drawing(flow.drawing)]


@lru_cache(maxsize=1 << 10)  # a course repeats its flows from day to day
def _drawing(drawing: Drawing) -> tuple[str, ...]:
    """Everything below the first-line comment (which names the lines)."""
    out = [
        f"flowchart {direction(drawing)}",
        f"{INDENT}accTitle: {label(drawing.title)}",
        f"{INDENT}accDescr: {label(_description(drawing))}",
    ]
    steps = drawing.steps
    ids = [f"s{n}" for n in range(1, len(steps) + 1)]
    links = _links(ids, list(steps), drawing.thick)
    if drawing.kind != BLOCKS:
        return (*out, *(INDENT + link for link in links))
    # Repeated blocks: the blocks in order in one box, the list they all run in
    # another, drawn once, and a dotted link between the two boxes.
    blocks = drawing.blocks
    heads = [f"b{n}" for n in range(1, len(blocks) + 1)]
    out += [f'{INDENT}subgraph blocks[" "]', f"{INDENT * 2}direction TB"]
    out += [INDENT * 2 + link for link in _links(heads, list(blocks), (False,) * (len(heads) - 1))]
    out += [f"{INDENT}end", f'{INDENT}subgraph run[" "]', f"{INDENT * 2}direction TB"]
    out += [INDENT * 2 + link for link in links]
    out += [f"{INDENT}end", f"{INDENT}blocks -.- run"]
    return tuple(out)


def drawable(flow: Flow) -> bool:
    """Whether the diagram passes the rules `make diagrams` and `make security` hold
    every diagram to (scripts/core/diagram_rules.py: Mermaid's size limits, a
    non-empty accTitle and accDescr ...). A flow that would break one is not drafted:
    a 25 kB line before its arrows would make a diagram Mermaid refuses to draw, and
    `:: A -> B` one with an empty title."""
    comment = length(f"%% drafted from {_where(flow)}\n")
    return comment + _body_length(flow.drawing) <= MAX_TEXT_SIZE and _follows_rules(flow.drawing)


@lru_cache(maxsize=1 << 10)
def _body_length(drawing: Drawing) -> int:
    return length("\n".join(_drawing(drawing)))


@lru_cache(maxsize=1 << 10)
def _follows_rules(drawing: Drawing) -> bool:
    return not breaks_rules("\n".join(_drawing(drawing)))


@lru_cache(maxsize=1 << 10)
def _indented(drawing: Drawing, indent: str) -> str:
    return "".join(f"\n{indent}{line}" for line in _drawing(drawing))


def fenced(flow: Flow, indent: str) -> str:
    """The diagram as a ```mermaid fence, every line indented by `indent`."""
    return (
        f"{indent}```mermaid\n{indent}%% drafted from {_where(flow)}"
        f"{_indented(flow.drawing, indent)}\n{indent}```"
    )
