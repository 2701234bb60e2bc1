"""Document -> the same Document with drafted diagrams: the flows the notes hold.

A stage between parse and render. It finds four shapes of flow and adds, right
after the lines each depicts, a DIAGRAM node that render.py draws as Mermaid
(mermaid.py). The text stays: a diagram is added, nothing is taken away.

* LIST: an ordered list (bullets or numbers) of 3 to 12 short sibling items under
  a label that names a sequence ("Stages", "Core Project", "DevOps Process",
  "Software Development Life Cycle"...), or a list that repeats, step for step, a
  sequence already drafted on the page. An item's annotation ("Requirement
  Analysis ==> 11 Months") stays in its box, word for word.
* BLOCKS: repeated blocks ("Iteration 1: User Interface", "Iteration 2: ...",
  sprints, rounds) that each run the same list: one diagram of the blocks in
  order, and the list they share, drawn once.
* CHAIN: two or more arrows typed in one line ("Dev -> Test -> Production"), or
  one arrow a line down a nested list; each arrow as the notes point it.

Notes are full of lists and arrows that are not flows, and a wrong diagram
teaches wrongly, so every doubt means no diagram. Never drawn: a command and its
explanation ("docker ps --> lists containers": these notes use "-->" for
"does"), a run of commands or a click path ("Settings -> Secrets -> Actions"),
a single "A -> B", a list of kinds ("Desktop / Mobile / Web Applications": its
items share a word), a list whose items branch into sub-lists, long sentences,
questions, and anything nested too deep to draw inside a list.

Everything here is a small pure function over the parse tree; `draft()` returns
a new Document and leaves the one it was given as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from . import lex
from .hints import COMMANDS
from .inline import arrows
from .mermaid import BLOCKS, CHAIN, LIST, Flow
from .parse import DIAGRAM, HEADING, Document, Node


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A label names a sequence when one of its parts ends with one of these.
SEQUENCE_WORDS = _words(
    """
    stage stages process processes step steps phase phases project projects
    iteration iterations pipeline pipelines workflow workflows flow flows
    lifecycle lifecycles
    """
)
# "Iteration 1", "Sprint 2", "nth Iteration": blocks that each run a list.
BLOCK_WORDS = _words("iteration iterations sprint sprints round rounds")
# A label with one of these lists kinds or things, not steps ("Types of pipelines").
KIND_WORDS = _words(
    """
    type types kind kinds sort sorts category categories example examples list
    lists tool tools option options benefit benefits advantage advantages
    disadvantage disadvantages feature features component components command
    commands file files folder folders structure member members role roles
    name names difference differences vs versus comparison
    """
)
# An item or chain step starting with one of these is an instruction to click
# or type: a click path or a run of commands, not a stage.
IMPERATIVES = _words("click go goto navigate open select choose press tap type enter login cd")
# Words of a user interface: a chain step or list item holding one is part of a
# click path ("Settings -> Secrets", "- Click New repository secret").
UI_WORDS = _words(
    """
    settings setting preferences menu tab tabs button click select dashboard
    console options secrets secret new add create manage configure save apply ok
    cancel file edit view window tools properties advanced account profile
    login logout go open navigate choose press page panel sidebar toolbar wizard
    next finish submit actions
    """
)
# Tools named as a list's items make a list of tools, not of stages.
TOOLS = _words(
    """
    jenkins docker kubernetes k8s git github gitlab bitbucket terraform ansible
    puppet chef maven gradle npm aws azure gcp argocd argo tekton circleci travis
    sonarqube nexus artifactory prometheus grafana nagios splunk selenium
    """
)
# Small words that make a chain step a sentence ("X --> is used to ...").
PROSE_WORDS = _words("is are was were means will can used helps gives to for it which that")
# A step holding one of these is a clause, not a name ("This is a long one").
SENTENCE_WORDS = _words("is are was were will can could should would must means does has have")

MIN_STEPS, MAX_STEPS = 3, 12  # a list drawn as a flow: at least three, at most twelve
MAX_ITEM_WORDS, MAX_ITEM_CHARS = 8, 60  # a list item drawn as a box
MAX_STEP_WORDS, MAX_STEP_CHARS = 4, 40  # a step of an arrow chain
MAX_ANNOTATION_WORDS = 4  # "==> 11 Months"
MAX_LABEL_CHARS = 80  # the line a list hangs under
MAX_NESTING = 8  # lists deeper than this are left alone (and drawn deep in lists)

_NUMBERED = re.compile(r"\d{1,2}[.)][ \t]+(?=\S)")
# Arrows that point forward (the typed ones, and the page's typographic ones).
_FORWARD = re.compile(r"-{1,3}>|={1,3}>|[\u2192\u21d2]")
# Arrows that point back, or both ways: their direction is not a flow's.
_BACKWARD = re.compile(r"<[-=]|[\u2190\u21d0\u2194\u21d4]")
_LABEL_PARTS = re.compile(r"[:/]")
_WORD = re.compile(r"\w+")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)?|nth|[ivx]+", re.I)
# Characters of code, not of a stage's name.
_CODE_CHARS = re.compile(r"[{}\[\]<>$;|`=\\]")
_ARROW_MARKERS = frozenset(("\u2192", "\u21d2"))


@dataclass(frozen=True, slots=True)
class Insertion:
    """A diagram to add: into the children list at `path`, at `index`."""

    path: tuple[int, ...]  # child indices from the top-level blocks to the list
    index: int
    order: int  # discovery order, which is page order
    flow: Flow
    line: lex.Line


@dataclass(frozen=True, slots=True)
class Item:
    """A list item that could be a step: its box label and its bare name."""

    label: str  # "Requirement Analysis \u21d2 11 Months"
    name: str  # "requirement analysis": what repeats compare


def draft(document: Document, source: str) -> Document:
    """The document with a DIAGRAM node after each flow found; `source` is the
    notes file the diagrams' first-line comments name."""
    insertions = list(find(document.blocks, source))
    if not insertions:
        return document
    return replace(document, blocks=with_diagrams(document.blocks, insertions))


# -- Words -------------------------------------------------------------------


def clean(text: str) -> str:
    """A line's text as a box shows it: blanks collapsed, typographic arrows,
    no trailing colons."""
    return arrows(" ".join(text.split())).rstrip(":").rstrip()


def _lower_words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def names_sequence(label: str) -> bool:
    """Does this label name a sequence? One of its parts (split at ':' and '/')
    ends with a sequence word, numbers aside ("Iteration 1"), and no word says
    it lists kinds or things."""
    if len(label) > MAX_LABEL_CHARS:
        return False
    words = _lower_words(label)
    if KIND_WORDS.intersection(words):
        return False
    for part in _LABEL_PARTS.split(label):
        words = _lower_words(part)
        while words and _ORDINAL.fullmatch(words[-1]):
            words.pop()
        if words and (
            words[-1] in SEQUENCE_WORDS
            or (words[-1] in ("cycle", "cycles") and words[-2:-1] == ["life"])
        ):
            return True
    return False


def is_block_head(label: str) -> bool:
    """ "Iteration 1: User Interface", "Sprint 2", "nth Iteration : UPI Payment"."""
    head = _LABEL_PARTS.split(label, 1)[0]
    words = _lower_words(head)
    return 0 < len(words) <= 4 and bool(BLOCK_WORDS.intersection(words))


def _printable(text: str) -> bool:
    return text.isprintable()


# -- Lists -------------------------------------------------------------------


def _list_marker(node: Node) -> str | None:
    """The bullet ("-", "1.") if `node` is a list item of text, else None."""
    line = node.line
    if node.kind != lex.TEXT:
        return None
    if line.marker and line.marker in lex.BULLETS:
        return line.marker
    if not line.marker and _NUMBERED.match(line.body):
        return "1."
    return None


def item(node: Node) -> Item | None:
    """The step a list item stands for, or None when it cannot be one."""
    line = node.line
    if node.children or line.hint or _list_marker(node) is None:
        return None
    text = " ".join(line.body.split())
    if not line.marker:
        text = _NUMBERED.sub("", text, count=1)
    if (
        not text
        or text.endswith("?")
        or "://" in text
        or not _printable(text)
        or _BACKWARD.search(text)
    ):
        return None
    parts = _FORWARD.split(text)
    if len(parts) > 2:
        return None  # a chain inside an item: not one step
    name = parts[0].strip()
    words = name.split()
    if (
        not words
        or len(words) > MAX_ITEM_WORDS
        or len(name) > MAX_ITEM_CHARS
        or _CODE_CHARS.search(name)
        or words[0].casefold() in IMPERATIVES
        or words[0] in COMMANDS
        or words[0].casefold() in TOOLS
        or UI_WORDS.intersection(_lower_words(name))
    ):
        return None
    if len(parts) == 2 and (annotation := parts[1].strip()):
        if len(annotation.split()) > MAX_ANNOTATION_WORDS:
            return None
        label = clean(text)
    else:
        label = clean(name)  # a dangling arrow ("Requirement Analysis ==>") says nothing
    return Item(label, " ".join(name.casefold().split()))


def _shares_a_word(items: list[Item]) -> bool:
    """A list of kinds: every item starts, or ends, with the same word
    ("Desktop / Mobile / Web / Embedded Applications")."""
    words = [item.name.split() for item in items]
    return len({w[0] for w in words}) == 1 or len({w[-1] for w in words}) == 1


def runs(siblings: list[Node]) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of list items alike in depth and bullet."""
    start = 0
    while start < len(siblings):
        marker = _list_marker(siblings[start])
        end = start + 1
        if marker is not None:
            depth = siblings[start].line.depth
            while (
                end < len(siblings)
                and siblings[end].line.depth == depth
                and _list_marker(siblings[end]) == marker
            ):
                end += 1
            yield start, end
        start = end


def steps(siblings: list[Node], start: int, end: int) -> list[Item] | None:
    """The run's items when it can be drawn as a flow, else None."""
    if not MIN_STEPS <= end - start <= MAX_STEPS:
        return None
    found = []
    for node in siblings[start:end]:
        step = item(node)
        if step is None:
            return None
        found.append(step)
    return None if _shares_a_word(found) else found


def label_of(owner: Node | None, siblings: list[Node], start: int) -> Node | None:
    """The line a list hangs under: a heading or a bare "Term :" just above it,
    else the line it is nested in."""
    if start > 0:
        above = siblings[start - 1]
        if above.kind == HEADING or (above.kind == lex.TERM and not above.children):
            return above
    if owner is not None and owner.kind in (lex.TEXT, lex.TERM) and not owner.line.hint:
        return owner
    return None


def title_of(node: Node) -> str:
    line = node.line
    text = line.body
    if line.marker and text.startswith(line.marker):
        text = text[len(line.marker) :]  # "-> Super-Market Billing System"
    return clean(text)


# -- Repeated blocks -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Block:
    """A block ("Iteration 1: ...") and the list it runs."""

    index: int  # among its siblings
    start: int  # the run, among the block's children
    end: int
    items: tuple[Item, ...]


def block(siblings: list[Node], index: int) -> Block | None:
    node = siblings[index]
    if node.kind not in (lex.TEXT, lex.TERM) or node.line.hint:
        return None
    if not is_block_head(title_of(node)):
        return None
    for start, end in runs(node.children):
        found = steps(node.children, start, end)
        if found is not None:
            return Block(index, start, end, tuple(found))
    return None


def block_groups(siblings: list[Node]) -> Iterator[list[Block]]:
    """Two or more blocks in a row that run the very same list (annotations too)."""
    group: list[Block] = []
    for index in range(len(siblings)):
        found = block(siblings, index)
        if found is not None and group and found.items == group[-1].items:
            group.append(found)
            continue
        if len(group) >= 2:
            yield group
        group = [found] if found is not None else []
    if len(group) >= 2:
        yield group


# -- Chains --------------------------------------------------------------------


def _step_ok(text: str, first: bool) -> bool:
    words = text.split()
    if not words or len(words) > MAX_STEP_WORDS or len(text) > MAX_STEP_CHARS:
        return False
    if _CODE_CHARS.search(text) or "://" in text or text.endswith("?"):
        return False
    if "," in text:  # "r --> read, w --> write": pairs in a list, not steps
        return False
    lowered = _lower_words(text)
    if UI_WORDS.intersection(lowered) or SENTENCE_WORDS.intersection(words):
        return False
    if words[0] in COMMANDS:
        return False
    head = words[0]
    if head.casefold() in IMPERATIVES:
        return False
    # "X --> runs containers": "-->" meaning "does", not a next step.
    return first or not head.islower() or (head not in PROSE_WORDS and not _does(head))


def _does(word: str) -> bool:
    """A verb of the third person ("lists", "creates"): what a command does."""
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def chain(node: Node) -> tuple[list[str], list[bool], str] | None:
    """(steps, thick links, title) of arrows typed in one line, or None."""
    line = node.line
    if node.kind not in (lex.TEXT, lex.TERM) or line.hint:
        return None
    text = line.body
    if line.marker and text.startswith(line.marker):
        text = text[len(line.marker) :]
    if not ("-" in text or "=" in text or "\u2192" in text or "\u21d2" in text):
        return None
    text = " ".join(text.split())
    typed = _FORWARD.findall(text)
    if len(typed) < 2 or _BACKWARD.search(text) or not _printable(text):
        return None
    parts = [part.strip() for part in _FORWARD.split(text)]
    title = clean(text)
    head, colon, rest = parts[0].partition(": ")
    if colon and rest.strip():  # "CI/CD: Code -> Build -> Test": a title, then steps
        title, parts[0] = clean(head), rest.strip()
    elif len(parts) > 3 and names_sequence(parts[0]):
        # "Stages ==> Build -> Test -> Deploy": the first arrow says "are".
        title, parts, typed = clean(parts[0]), parts[1:], typed[1:]
    parts[-1] = parts[-1].rstrip(".,;!")
    if not all(_step_ok(part, n == 0) for n, part in enumerate(parts)):
        return None
    return [clean(p) for p in parts], ["=" in a or a == "\u21d2" for a in typed], title


def _arrow_child(node: Node) -> Node | None:
    """The one child of `node`, when it is a line led by an arrow."""
    if len(node.children) != 1:
        return None
    child = node.children[0]
    marker = child.line.marker
    if child.kind not in (lex.TEXT, lex.TERM) or child.line.hint:
        return None
    if (marker[:1] in "-=" and marker.endswith(">")) or marker in _ARROW_MARKERS:
        return child
    return None


def nested_chain(node: Node) -> list[Node] | None:
    """[n0, n1, ... nk]: each next line the only line nested in the one before,
    led by an arrow; two arrows at least. A "Term :" on top is a title, not a step."""
    path = [node]
    while (child := _arrow_child(path[-1])) is not None:
        path.append(child)
    if node.kind == lex.TERM:
        path = path[1:]
    if len(path) < 3:
        return None
    texts = [title_of(n) for n in path]
    if any(_FORWARD.search(t) or _BACKWARD.search(t) for t in texts):
        return None  # arrows inside a step: not one step
    if not all(_step_ok(text, n == 0) and _printable(text) for n, text in enumerate(texts)):
        return None
    return path


# -- The walk ------------------------------------------------------------------


def find(blocks: list[Node], source: str) -> Iterator[Insertion]:
    """Every diagram to add, in page order."""
    order = 0
    drafted: dict[tuple[str, ...], str] = {}  # a drafted list's names -> its title
    taken: set[int] = set()  # ids of nodes already drawn (as runs or chain links)

    def insertion(path: tuple[int, ...], index: int, flow: Flow, line: lex.Line) -> Insertion:
        nonlocal order
        order += 1
        return Insertion(path, index, order, flow, line)

    # (siblings, the node they hang under, their path, where to resume, their runs)
    Frame = tuple[list[Node], Node | None, tuple[int, ...], int, dict[int, int]]
    stack: list[Frame] = [(blocks, None, (), 0, {})]
    while stack:
        siblings, owner, path, index, starts = stack.pop()
        if index == 0:
            if len(path) > MAX_NESTING:
                continue
            for group in block_groups(siblings):
                last = group[-1]
                node = siblings[last.index]
                for member in group:
                    taken.update(
                        map(id, siblings[member.index].children[member.start : member.end])
                    )
                items = group[0].items
                drafted.setdefault(tuple(i.name for i in items), title_of(siblings[group[0].index]))
                end_line = node.children[last.end - 1].line.number
                flow = Flow(
                    BLOCKS,
                    f"{title_of(siblings[group[0].index])} \u2026 {title_of(node)}",
                    tuple(i.label for i in items),
                    (False,) * (len(items) - 1),
                    (siblings[group[0].index].line.number, end_line),
                    source,
                    blocks=tuple(title_of(siblings[m.index]) for m in group),
                )
                yield insertion((*path, last.index), last.end, flow, node.line)
            starts = dict(runs(siblings))
        while index < len(siblings):
            node = siblings[index]
            if index in starts and id(node) not in taken:
                end = starts[index]
                found = steps(siblings, index, end)
                if found is not None:
                    flow = _list_flow(
                        found,
                        label_of(owner, siblings, index),
                        siblings,
                        index,
                        end,
                        source,
                        drafted,
                    )
                    if flow is not None:
                        taken.update(map(id, siblings[index:end]))
                        yield insertion(path, end, flow, node.line)
            index += 1
            if id(node) not in taken:
                context = title_of(owner) if owner is not None and owner.kind != HEADING else ""
                found_chain = chain(node)
                if found_chain is not None:
                    parts, thick, title = found_chain
                    flow = Flow(
                        CHAIN,
                        title,
                        tuple(parts),
                        tuple(thick),
                        (node.line.number,) * 2,
                        source,
                        context=context,
                    )
                    yield insertion(path, index, flow, node.line)
                else:
                    links = nested_chain(node)
                    if links is not None:
                        taken.update(map(id, links))
                        names = [title_of(n) for n in links]
                        thick = tuple(
                            "=" in n.line.marker or n.line.marker == "\u21d2" for n in links[1:]
                        )
                        title = names[0] + "".join(
                            (" \u21d2 " if heavy else " \u2192 ") + name
                            for name, heavy in zip(names[1:], thick, strict=True)
                        )
                        if node.kind == lex.TERM:  # "Request path :" heads the chain
                            context = title_of(node)
                        flow = Flow(
                            CHAIN,
                            title,
                            tuple(names),
                            thick,
                            (links[0].line.number, links[-1].line.number),
                            source,
                            context=context,
                        )
                        yield insertion(path, index, flow, node.line)
            if node.children:
                stack.append((siblings, owner, path, index, starts))
                stack.append((node.children, node, (*path, index - 1), 0, {}))
                break


def _list_flow(
    found: list[Item],
    label: Node | None,
    siblings: list[Node],
    start: int,
    end: int,
    source: str,
    drafted: dict[tuple[str, ...], str],
) -> Flow | None:
    """A LIST flow when the label names a sequence or the list repeats one."""
    names = tuple(i.name for i in found)
    title = title_of(label) if label is not None else ""
    if not (title and names_sequence(title)) and names not in drafted:
        return None
    if not title:
        title = drafted[names]
    drafted.setdefault(names, title)
    first = label.line.number if label is not None else siblings[start].line.number
    return Flow(
        LIST,
        title,
        tuple(i.label for i in found),
        (False,) * (len(found) - 1),
        (min(first, siblings[start].line.number), siblings[end - 1].line.number),
        source,
    )


# -- Adding the diagram nodes ----------------------------------------------------


def with_diagrams(blocks: list[Node], insertions: list[Insertion]) -> list[Node]:
    """A copy of `blocks` with the diagram nodes inserted. Only the lists that
    change, and the nodes above them, are copied; the rest is shared."""
    root = list(blocks)
    lists: dict[tuple[int, ...], list[Node]] = {(): root}

    def children_at(path: tuple[int, ...]) -> list[Node]:
        if path not in lists:
            parent = children_at(path[:-1])  # as deep as MAX_NESTING, no deeper
            node = parent[path[-1]]
            copy = replace(node, children=list(node.children))
            parent[path[-1]] = copy
            lists[path] = copy.children
        return lists[path]

    # Deepest lists first and, within a list, from the end, so that no insertion
    # moves a place another one still has to find; ties keep page order.
    for found in sorted(insertions, key=lambda i: (i.path, i.index, i.order), reverse=True):
        children_at(found.path).insert(found.index, Node(DIAGRAM, found.line, [], flow=found.flow))
    return root
