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
from functools import lru_cache

from . import lex
from .hints import COMMANDS
from .inline import arrows
from .mermaid import BLOCKS, CHAIN, LIST, Drawing, Flow, drawable
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
# Every sequence word contains one of these (a cheap first look at a label).
_SEQUENCE_STEMS = ("stage", "process", "step", "phase", "project", "iteration", "pipeline",
                   "flow", "cycle")  # fmt: skip
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
# The last character of an arrow bullet ("->", "==>", "\u2192"): a cheap first look.
_ARROW_ENDS = frozenset(">\u2192\u21d2")


@dataclass(slots=True)
class Insertion:
    """A diagram to add: into the children list at `path`, at `index`."""

    path: tuple[int, ...]  # child indices from the top-level blocks to the list
    index: int
    order: tuple[int, int]  # the lines it depicts: page order
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
    # Never a diagram that the checks would refuse (mermaid.drawable).
    insertions = [found for found in find(document.blocks, source) if drawable(found.flow)]
    if not insertions:
        return document
    return replace(document, blocks=with_diagrams(document.blocks, insertions))


# -- Words -------------------------------------------------------------------


@lru_cache(maxsize=1 << 14)
def clean(text: str) -> str:
    """A line's text as a box shows it: blanks collapsed, typographic arrows,
    no trailing colons."""
    return arrows(" ".join(text.split())).rstrip(":").rstrip()


def _lower_words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


@lru_cache(maxsize=1 << 14)
def names_sequence(label: str) -> bool:
    """Does this label name a sequence? One of its parts (split at ':' and '/')
    ends with a sequence word, numbers aside ("Iteration 1"), and no word says
    it lists kinds or things."""
    if len(label) > MAX_LABEL_CHARS:
        return False
    lowered = label.lower()
    if not any(stem in lowered for stem in _SEQUENCE_STEMS):
        return False  # (most labels: a cheap look first)
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


@lru_cache(maxsize=1 << 12)
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
    return _item(line.marker, line.body)


@lru_cache(maxsize=1 << 14)  # notes repeat their items ("- Design") a lot
def _item(marker: str, body: str) -> Item | None:
    text = " ".join(body.split())
    if not marker:
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


def runs(siblings: list[Node]) -> list[tuple[int, int]]:
    """(start, end) of each run of list items alike in depth and bullet."""
    found: list[tuple[int, int]] = []
    if len(siblings) < MIN_STEPS:
        return found  # too few to make a flow
    run_start, run_marker, run_depth = 0, None, -1
    for index, node in enumerate(siblings):
        marker = _list_marker(node)
        depth = node.line.depth
        if marker != run_marker or depth != run_depth:
            if run_marker is not None:
                found.append((run_start, index))
            run_start, run_marker, run_depth = index, marker, depth
    if run_marker is not None:
        found.append((run_start, len(siblings)))
    return found


@dataclass(slots=True, eq=False)
class Run:
    """A list that can be drawn: its steps, and the drawings made of it so far
    (a list that comes back, under the same title, is drawn once: one Drawing)."""

    items: tuple[Item, ...]
    labels: tuple[str, ...]  # the boxes
    names: tuple[str, ...]  # what repeats compare
    drawings: dict[object, Drawing]

    def drawing(self, title: str) -> Drawing:
        found = self.drawings.get(title)
        if found is None:
            thin = (False,) * (len(self.labels) - 1)
            found = self.drawings[title] = Drawing(LIST, title, self.labels, thin)
        return found

    def blocks_drawing(self, heads: tuple[str, ...]) -> Drawing:
        found = self.drawings.get(heads)
        if found is None:
            thin = (False,) * (len(self.labels) - 1)
            title = f"{heads[0]} \u2026 {heads[-1]}"
            found = self.drawings[heads] = Drawing(BLOCKS, title, self.labels, thin, heads)
        return found


def steps(siblings: list[Node], start: int, end: int) -> Run | None:
    """The run's steps when it can be drawn as a flow, else None."""
    if not MIN_STEPS <= end - start <= MAX_STEPS:
        return None
    key = []
    for node in siblings[start:end]:
        line = node.line
        if node.children or line.hint or node.kind != lex.TEXT:
            return None
        key.append((line.marker, line.body))
    return _steps(tuple(key))


@lru_cache(maxsize=1 << 12)  # the same lists come back (the stages, again and again)
def _steps(lines: tuple[tuple[str, str], ...]) -> Run | None:
    found = []
    for marker, body in lines:
        step = _item(marker, body)
        if step is None:
            return None
        found.append(step)
    if _shares_a_word(found):
        return None
    labels = tuple(step.label for step in found)
    return Run(tuple(found), labels, tuple(step.name for step in found), {})


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


@dataclass(slots=True)
class Block:
    """A block ("Iteration 1: ...") and the list it runs."""

    index: int  # among its siblings
    start: int  # the run, among the block's children
    end: int
    run: Run


def block(siblings: list[Node], index: int, like: Block | None = None) -> Block | None:
    """The block at `index` and the list it runs; `like`: the block just above,
    whose list this one most likely repeats, line for line (checked first)."""
    node = siblings[index]
    if not node.children or node.kind not in (lex.TEXT, lex.TERM) or node.line.hint:
        return None
    if not _has_block_word(node.line.body) or not is_block_head(title_of(node)):
        return None
    children = node.children
    if like is not None and _same_lines(siblings[like.index].children, children, like):
        return Block(index, like.start, like.end, like.run)
    for start, end in runs(children):
        found = steps(children, start, end)
        if found is not None:
            return Block(index, start, end, found)
    return None


def _same_lines(before: list[Node], after: list[Node], like: Block) -> bool:
    """Does `after` hold, where `like`'s run is in `before`, the same lines, and is
    that run as long there (the same list, under the next block)?"""
    start, end = like.start, like.end
    if len(after) < end or (end < len(after) and _list_marker(after[end]) is not None):
        return False
    if start and _list_marker(after[start - 1]) is not None:
        return False
    for old, new in zip(before[start:end], after[start:end], strict=True):
        a, b = old.line, new.line
        if (
            a.body != b.body
            or a.marker != b.marker
            or a.depth != b.depth
            or a.hint != b.hint
            or new.kind != old.kind
            or new.children
        ):
            return False
    return True


def block_groups(siblings: list[Node], heads: list[int]) -> Iterator[list[Block]]:
    """Two or more blocks in a row that run the very same list (annotations too);
    `heads`: the indices of the siblings worth a look (a block word in them)."""
    adjacent = set(heads).intersection
    group: list[Block] = []
    for index in heads:
        found = None
        if adjacent((index - 1, index + 1)):  # a block alone makes no group
            like = group[-1] if group and group[-1].index == index - 1 else None
            found = block(siblings, index, like)
        if (
            found is not None
            and group
            and index == group[-1].index + 1
            and found.run.labels == group[-1].run.labels
        ):
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


@dataclass(slots=True, eq=False)
class Chain:
    """Arrows typed in one line: its steps, and its drawings by context."""

    steps: tuple[str, ...]
    thick: tuple[bool, ...]  # per link: typed "=>"/"==>"
    title: str
    drawings: dict[str, Drawing]

    def drawing(self, context: str) -> Drawing:
        found = self.drawings.get(context)
        if found is None:
            found = Drawing(CHAIN, self.title, self.steps, self.thick, (), context)
            self.drawings[context] = found
        return found


def chain(node: Node) -> Chain | None:
    """The chain typed in a line, or None."""
    line = node.line
    return _chain(node.kind, line.hint, line.marker, line.body)


@lru_cache(maxsize=1 << 12)
def _chain(kind: str, hint: str, marker: str, text: str) -> Chain | None:
    if ">" not in text and "\u2192" not in text and "\u21d2" not in text:
        return None  # no arrow at all: most lines (a fast exit first)
    if kind not in (lex.TEXT, lex.TERM) or hint:
        return None
    if marker and text.startswith(marker):
        text = text[len(marker) :]
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
    thick = tuple("=" in arrow or arrow == "\u21d2" for arrow in typed)
    return Chain(tuple(clean(p) for p in parts), thick, title, {})


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


# A line's flags (what the walk looks for in it), worked out once per distinct
# line: notes repeat their lines ("- Design"), and the walk reads every one.
CHAIN_LINE, ITEM, BLOCK_WORD, BLOCK_TESTED = 1, 2, 4, 8


def _flags(node: Node) -> int:
    line = node.line
    text = line.text
    flags = 0
    has_arrow = ">" in text or "\u2192" in text or "\u21d2" in text
    if has_arrow and chain(node) is not None:  # (most arrows make no chain)
        flags |= CHAIN_LINE
    if _list_marker(node) is not None:  # (what a line's text says of it: kind, bullet)
        flags |= ITEM
    if node.children:  # (only a line with lines in it can head a block)
        flags |= BLOCK_TESTED | (BLOCK_WORD if _has_block_word(text) else 0)
    return flags


def _has_block_word(text: str) -> bool:
    """A cheap first look for "iteration", "sprint" or "round" (any case)."""
    lowered = text.lower()
    return "iteration" in lowered or "sprint" in lowered or "round" in lowered


@dataclass(slots=True)  # (not frozen: a frozen dataclass is slow to make)
class _List:
    """A list that can be drawn: decided in page order, once the walk is done,
    since a list is also drawn when it repeats one drawn above it."""

    path: tuple[int, ...]
    siblings: list[Node]
    start: int
    end: int
    label: Node | None  # the line it hangs under
    named: bool  # does that line name a sequence?
    run: Run
    first: int  # line numbers
    last: int


def _listed(
    path: tuple[int, ...],
    siblings: list[Node],
    start: int,
    end: int,
    label: Node | None,
    named: bool,
) -> _List | None:
    run = steps(siblings, start, end)
    if run is None:
        return None
    first = siblings[start].line.number
    if label is not None:
        first = min(first, label.line.number)
    last = siblings[end - 1].line.number
    return _List(path, siblings, start, end, label, named, run, first, last)


class _Walk:
    """One walk over the tree: every list of siblings is read once, in a single
    loop that does no work for the lines that are no flow's (most of them)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.insertions: list[Insertion] = []
        self.lists: list[_List] = []  # lists under a label naming a sequence
        # Other lists, drawn only if they repeat one: (path, siblings, start, end,
        # label) by their first line's text, looked at once the walk is done.
        self.maybe: dict[str, list[tuple[tuple[int, ...], list[Node], int, int, Node | None]]]
        self.maybe = {}
        self.naming: dict[str, bool] = {}  # does a label (by its text) name a sequence?
        self.seen: list[tuple[int, tuple[str, ...], str]] = []  # blocks' runs, drawn
        self.taken: set[int] = set()  # ids of lines drawn already (blocks' runs, links)

    def add(self, path: tuple[int, ...], index: int, flow: Flow, line: lex.Line) -> None:
        self.insertions.append(Insertion(path, index, flow.lines, flow, line))

    def walk(self, blocks: list[Node]) -> None:
        known: dict[str, int] = {}  # line flags by the line's text
        get = known.get
        taken = self.taken
        stack: list[tuple[list[Node], Node | None, tuple[int, ...]]] = [(blocks, None, ())]
        while stack:
            siblings, owner, path = stack.pop()
            if len(path) > MAX_NESTING:
                continue
            heads: list[int] | None = None
            tracking = len(siblings) >= MIN_STEPS  # runs of list items: three or more
            run_start, run_marker, run_depth = 0, "", -1
            index = -1
            for node in siblings:
                index += 1
                line = node.line
                flags = get(line.text)
                # (A line first seen as a leaf was not tested for a block word.)
                if flags is None or (node.children and not flags & BLOCK_TESTED):
                    flags = known[line.text] = _flags(node)
                if tracking:
                    # Runs of list items alike (bullet and depth): lists, maybe flows.
                    if flags & ITEM:
                        marker = line.marker or "1."
                        if marker != run_marker or line.depth != run_depth:
                            if run_marker and index - run_start >= MIN_STEPS:
                                self.note_list(siblings, owner, path, run_start, index)
                            run_start, run_marker, run_depth = index, marker, line.depth
                    elif run_marker:
                        if index - run_start >= MIN_STEPS:
                            self.note_list(siblings, owner, path, run_start, index)
                        run_marker = ""
                chained = flags & CHAIN_LINE and self.chain(node, owner, path, index)
                children = node.children
                if children:
                    if (
                        len(children) == 1
                        and children[0].line.marker[-1:] in _ARROW_ENDS
                        and not chained
                        and id(node) not in taken
                    ):
                        self.nested(node, owner, path, index)
                    if flags & BLOCK_WORD:
                        if heads is None:
                            heads = []
                        heads.append(index)
                    stack.append((children, node, (*path, index)))
            if run_marker and len(siblings) - run_start >= MIN_STEPS:
                self.note_list(siblings, owner, path, run_start, len(siblings))
            if heads:  # before the blocks' own lists are read (they are on the stack)
                self.blocks(siblings, path, heads)

    def note_list(
        self, siblings: list[Node], owner: Node | None, path: tuple[int, ...], start: int, end: int
    ) -> None:
        first = siblings[start]
        if end - start > MAX_STEPS or id(first) in self.taken:
            return  # too long, or a block's run (drawn with its blocks)
        label = label_of(owner, siblings, start)
        named = False
        if label is not None:
            text = label.line.text
            named = self.naming.get(text)
            if named is None:
                named = self.naming[text] = names_sequence(title_of(label))
        if named:
            found = _listed(path, siblings, start, end, label, True)
            if found is not None:
                self.lists.append(found)
        else:
            entry = (path, siblings, start, end, label)
            self.maybe.setdefault(first.line.text, []).append(entry)

    def chain(self, node: Node, owner: Node | None, path: tuple[int, ...], index: int) -> bool:
        found = chain(node)
        if found is None:
            return False
        line = node.line
        flow = Flow(found.drawing(_context(owner)), (line.number, line.number), self.source)
        self.add(path, index + 1, flow, line)
        return True

    def nested(self, node: Node, owner: Node | None, path: tuple[int, ...], index: int) -> None:
        links = nested_chain(node)
        if links is not None:
            self.taken.update(map(id, links))
            # A "Term :" heads its chain, else the line above it does.
            context = title_of(node) if node.kind == lex.TERM else _context(owner)
            self.add(path, index + 1, _nested_flow(links, context, self.source), node.line)

    def blocks(self, siblings: list[Node], path: tuple[int, ...], heads: list[int]) -> None:
        for group in block_groups(siblings, heads):
            flow = _blocks_flow(siblings, group, self.source)
            self.seen.append((flow.lines[0], group[0].run.names, flow.drawing.title))
            for member in group:  # (note_list looks at a run's first line)
                self.taken.add(id(siblings[member.index].children[member.start]))
            last = group[-1]
            self.add((*path, last.index), last.end, flow, siblings[last.index].line)


def find(blocks: list[Node], source: str) -> list[Insertion]:
    """Every diagram to add, in page order."""
    walk = _Walk(source)
    walk.walk(blocks)
    # A list can repeat a drawn one only if its first step starts one of them.
    firsts = {names[0] for _, names, _ in walk.seen}
    firsts.update(found.run.names[0] for found in walk.lists)
    repeats = []
    for entries in walk.maybe.values():
        line = entries[0][1][entries[0][2]].line  # their first line (one text for all)
        head = _item(line.marker, line.body)
        if head is None or head.name not in firsts:
            continue  # (the same first line in every list of this group: one look)
        for path, siblings, start, end, label in entries:
            found = _listed(path, siblings, start, end, label, False)
            if found is not None:
                repeats.append(found)
    insertions = walk.insertions + list(_decide_lists(walk.lists + repeats, walk.seen, source))
    insertions.sort(key=lambda i: i.order)
    return insertions


def _context(owner: Node | None) -> str:
    """The line a chain hangs under, for its description."""
    return title_of(owner) if owner is not None and owner.kind != HEADING else ""


def _blocks_flow(siblings: list[Node], group: list[Block], source: str) -> Flow:
    first, last = siblings[group[0].index], siblings[group[-1].index]
    heads = tuple(title_of(siblings[member.index]) for member in group)
    lines = (first.line.number, last.children[group[-1].end - 1].line.number)
    return Flow(group[0].run.blocks_drawing(heads), lines, source)


def _nested_flow(links: list[Node], context: str, source: str) -> Flow:
    names = tuple(title_of(n) for n in links)
    thick = tuple("=" in n.line.marker or n.line.marker == "\u21d2" for n in links[1:])
    title = names[0] + "".join(
        (" \u21d2 " if heavy else " \u2192 ") + name
        for name, heavy in zip(names[1:], thick, strict=True)
    )
    drawing = Drawing(CHAIN, title, names, thick, (), context)
    return Flow(drawing, (links[0].line.number, links[-1].line.number), source)


def _decide_lists(
    lists: list[_List], seen: list[tuple[int, tuple[str, ...], str]], source: str
) -> Iterator[Insertion]:
    """Page order: a list under a label naming a sequence is drawn, and so is
    one that repeats, step for step, a list drawn above it."""
    drafted: dict[tuple[str, ...], str] = {}  # a drawn list's names -> its title
    events = [(line, 0, n, names, title) for n, (line, names, title) in enumerate(seen)]
    events += [(found.first, 1, n, found, "") for n, found in enumerate(lists)]
    events.sort(key=lambda event: event[:3])
    for _, is_list, _, found, title in events:
        if not is_list:
            drafted.setdefault(found, title)
            continue
        run = found.run
        names = run.names
        if not found.named and names not in drafted:
            continue
        # Its own label's words, else (a bare repeat) those of the list it repeats.
        title = (title_of(found.label) if found.label is not None else "") or drafted[names]
        drafted.setdefault(names, title)
        flow = Flow(run.drawing(title), (found.first, found.last), source)
        yield Insertion(found.path, found.end, flow.lines, flow, found.siblings[found.start].line)


# -- Adding the diagram nodes ----------------------------------------------------


def with_diagrams(blocks: list[Node], insertions: list[Insertion]) -> list[Node]:
    """A copy of `blocks` with the diagram nodes inserted. Only the lists that
    change, and the nodes above them, are copied; the rest is shared."""
    by_list: dict[tuple[int, ...], list[Insertion]] = {}
    for found in insertions:  # (in page order)
        by_list.setdefault(found.path, []).append(found)
    root = list(blocks)
    lists: dict[tuple[int, ...], list[Node]] = {(): root}
    # Copy the nodes above every changed list first, while every path still
    # points where it did; then rebuild each list once, with its diagrams in.
    # (A loop, not a recursive closure: a closure that calls itself is a
    # reference cycle, and would keep the whole tree alive until the cyclic
    # garbage collector came by.)
    for path in sorted(by_list, key=len):
        for depth in range(1, len(path) + 1):
            if path[:depth] in lists:
                continue
            parent = lists[path[: depth - 1]]
            node = parent[path[depth - 1]]
            copy = Node(
                node.kind,
                node.line,
                list(node.children),
                node.level,
                node.lang,
                node.code,
                node.suffix,
                node.flow,
            )
            parent[path[depth - 1]] = copy
            lists[path[:depth]] = copy.children
    for path, found_here in by_list.items():
        target = lists[path]
        merged: list[Node] = []
        done = 0
        for found in sorted(found_here, key=lambda i: i.index):  # stable: page order
            merged += target[done : found.index]
            merged.append(Node(DIAGRAM, found.line, [], flow=found.flow))
            done = found.index
        merged += target[done:]
        target[:] = merged
    return root
