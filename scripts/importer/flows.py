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
from .code_kinds import BASH, CMD, COMMANDS, DOCKER, GROOVY, YAML, YAML_FIRST_KEYS
from .inline import arrows
from .mermaid import BLOCKS, CHAIN, LIST, Drawing, Flow, drawable
from .parse import CODE, DIAGRAM, HEADING, HR, Document, Node


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A label names a sequence when one of its parts ends with one of these.
SEQUENCE_WORDS = _words(
    """
    stage stages process processes step steps phase phases project projects
    iteration iterations pipeline pipelines workflow workflows flow flows
    lifecycle lifecycles cycle cycles procedure procedures model
    """
)
WEAK_SEQUENCE_WORDS = frozenset(("model",))
# Typed fast, these come misspelt: a word one letter away from one of them (a letter
# missing, added, changed, or two neighbours swapped) is taken for it.
_LONG_SEQUENCE_WORDS = tuple(sorted(w for w in SEQUENCE_WORDS if len(w) >= 6))
# Phrases of a sentence that introduces a sequence ("the process works like this:").
SEQUENCE_PHRASES = ("what happens", "how it works", "works like this", "workings of",
                    "step by step", "as follows", "in order")  # fmt: skip
# ... and phrases with a word or two of their own: "How a build runs in Jenkins",
# "How a request travels", "in this order" (not "How to install": a how-to).
_SEQUENCE_PATTERN = re.compile(
    r"\bhow (?!to\b)(?:\w+ ){1,4}(?:works?|runs?|flows?|happens?|goes|moves?|travels?)\b"
    r"|\b(?:in (?:this|that|the following|the same)|the usual) order\b"
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
    function functions module modules
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
MAX_STEP_WORDS, MAX_STEP_CHARS = 10, 60  # a step of an arrow chain ("the model scores it")
MAX_ANNOTATION_WORDS = 4  # "==> 11 Months"
MAX_LABEL_CHARS = 80  # the line a list hangs under
MAX_NESTING = 8  # lists deeper than this are left alone (and drawn deep in lists)

# "1. ", "2) ", and a letter that numbers a step: "a) ", "b) ".
_NUMBERED = re.compile(r"(?:\d{1,2}[.)]|[a-z]\))[ \t]+(?=\S)")
# Arrows that point forward (the typed ones, and the page's typographic ones).
# Any run of dashes or equals signs, even with a blank before its head ("-- >",
# "---->", "==>"), so no dash is left in a box ("operate-").
_FORWARD = re.compile(r"-+ ?>|=+ ?>|[\u2192\u21d2]")
# "Fetch -- Build -- Ship": two dashes between words, twice or more, link steps too.
_DASHES = " -- "
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
    return _WORD.findall(text.casefold())


def _near(word: str, known: str) -> bool:
    """One edit apart: a letter missing, added or changed, or two neighbours swapped."""
    if abs(len(word) - len(known)) > 1 or word[:2] != known[:2]:
        return False
    if len(word) == len(known):
        diffs = [n for n, (a, b) in enumerate(zip(word, known, strict=True)) if a != b]
        if len(diffs) == 1:
            return True
        first = diffs[0] if len(diffs) == 2 else -1
        return (
            len(diffs) == 2
            and diffs[1] == first + 1
            and word[first] == known[first + 1]
            and word[first + 1] == known[first]
        )
    short, long_ = (word, known) if len(word) < len(known) else (known, word)
    return any(long_[:n] + long_[n + 1 :] == short for n in range(len(long_)))


@lru_cache(maxsize=1 << 12)
def is_sequence_word(word: str) -> bool:
    """ "stages", "Lifecycle", and the same typed one letter wrong."""
    word = word.casefold()
    if word in SEQUENCE_WORDS:
        return True
    return (
        len(word) >= 6
        and word.isalpha()
        and any(_near(word, known) for known in _LONG_SEQUENCE_WORDS)
    )


@lru_cache(maxsize=1 << 14)
def names_sequence(label: str) -> bool:
    """Does this label name a sequence? One of its parts (split at ':' and '/')
    ends with a sequence word, numbers aside ("Iteration 1"), and no word says
    it lists kinds or things."""
    label = unmarked(label)
    if len(label) > MAX_LABEL_CHARS:
        return False
    parts = _parts(label)
    if not any(parts) or any(map(_lists_kinds, parts)):
        return False
    for words in parts:
        end = len(words)
        while end and _ORDINAL.fullmatch(words[end - 1]):
            end -= 1
        if end and (
            is_sequence_word(words[end - 1])
            or (words[end - 1] in ("cycle", "cycles") and end > 1 and words[end - 2] == "life")
        ):
            return True
    return False


@lru_cache(maxsize=1 << 12)
def _parts(label: str) -> tuple[tuple[str, ...], ...]:
    """The words (lower case) of each part of a label, split at ':' and '/'."""
    return tuple(tuple(_lower_words(part)) for part in _LABEL_PARTS.split(label))


# Words that end a kind word's phrase: "Types of pipelines", "Tools by stage".
_PHRASE_ENDS = _words("of for in on at by per from to and or with used vs versus")
# Kind words that make a comparison or an inventory wherever they stand.
_ALWAYS_KINDS = _words("vs versus comparison difference differences list lists")


def _lists_kinds(words: tuple[str, ...]) -> bool:
    """Does a part of a label (its words, lower case; parts split at ':' and '/') say
    it lists kinds or things? A kind word says so as the phrase's head ("Types of
    pipelines", "Project types", "Tools by stage", "Functions/Modules/Iterations"), not
    as a modifier of a sequence word ("Feature branch flow", "Example pipeline")."""
    last = len(words) - 1
    for n, word in enumerate(words):
        if word in KIND_WORDS and (
            n == last or words[n + 1] in _PHRASE_ENDS or word in _ALWAYS_KINDS
        ):
            return True
    return False


# How strongly the line above a list says that the list is a sequence.
NO_LABEL, SENTENCE, STRONG = 0, 2, 3
MAX_SENTENCE_WORDS = 16  # a longer line is prose, not a label


@lru_cache(maxsize=1 << 12)
def label_strength(text: str, introduces: bool) -> int:
    """STRONG for a label naming a sequence ("Release process", "Data lifecylce"),
    or a heading or a line ending in ':' that mentions one ("In CI we have several
    stages:", "# The Argo CD process works like this:"); SENTENCE for another short
    sentence mentioning one ("There are several phases in a java build"); else
    NO_LABEL. `introduces`: the line is a heading or ends with ':'."""
    text = unmarked(text)
    parts = _parts(text)
    words = [word for part in parts for word in part]  # (':' and '/' split no word)
    if names_sequence(text):
        # "Spiral Model": a model is as often described by its traits as by its
        # phases; its name alone is no more than a sentence's evidence.
        return SENTENCE if words[-1] in WEAK_SEQUENCE_WORDS else STRONG
    if (
        not words
        or len(words) > MAX_SENTENCE_WORDS
        or text.rstrip().endswith("?")
        or any(map(_lists_kinds, parts))
    ):
        return NO_LABEL
    lowered = " ".join(words)
    if (
        any(is_sequence_word(w) and w not in WEAK_SEQUENCE_WORDS for w in words)
        or any(phrase in lowered for phrase in SEQUENCE_PHRASES)
        or _SEQUENCE_PATTERN.search(lowered)
    ):
        return STRONG if introduces else SENTENCE
    return NO_LABEL


# Markdown emphasis around a label or a step ("**Deploy Workflow**", "==Planning==",
# "`Design`", "with `git push`.", "(`git push`)"): the words stay, the marks go.
_EMPHASIS = re.compile(
    r"\*\*|__|==(?=[^\s=>])|(?<=[^\s=<])==(?![=>])|(?<![^\s(\[])`|`(?![^\s.,;:!?)\]])"
)


@lru_cache(maxsize=1 << 14)
def unmarked(text: str) -> str:
    return (
        _EMPHASIS.sub("", text).strip()
        if ("*" in text or "_" in text or "=" in text or "`" in text)
        else text
    )


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


_ARTICLES = frozenset(("a", "an", "the"))  # "A Staging Area", "A Repository": no kind


def _shares_a_word(items: list[Item]) -> bool:
    """A list of kinds: every item starts, or ends, with the same word
    ("Desktop / Mobile / Web / Embedded Applications")."""
    words = [[w for w in item.name.split() if w not in _ARTICLES] or ["-"] for item in items]
    return len({w[0] for w in words}) == 1 or len({w[-1] for w in words}) == 1


# -- Candidates scored on their evidence ----------------------------------------
#
# A run of sibling lines (bullets, numbers, lines led by "--" or "**", or plain lines
# nested under a label) is a candidate. Its label says how sure we are that it is a
# sequence (label_strength); each item says how likely it is to be a step, from 0
# (a name: "Design", "Push it to the registry") to 1 (a command, a click, a question,
# a tool's name). The candidate is drawn when
#
#     label strength + ORDERED (numbered) - BAD_WEIGHT * mean badness
#                    - KINDS (items sharing a word) >= THRESHOLD
#
# so a clear label draws its steps despite one odd item, and most items being
# commands or clicks keep it quiet. A new shape is one more piece of evidence: a
# rule in `_judge` (an item) or `label_strength` (a label), and a fixture.

THRESHOLD = 2.5
ORDERED = 1  # numbered items ("1.", "2)") or numbered headings
BAD_WEIGHT = 2  # one command among four steps is kept; half commands is not
KINDS = 3  # items ending with the same word
SHARED_FIRST = 0.5  # items starting with the same word
HALF = 0.5  # an item that reads like a statement, or holds a user-interface word
MAX_LONG_WORDS, MAX_LONG_CHARS = 20, 160  # a long step (a sentence) under a strong label
# Lines led by these (and a blank) are steps in plain notes: "-- Sprint planning".
_LEADS = re.compile(r"(?:--|\*\*|\*|=>|>)[ \t]+(?=\S)")
# "Step 2: ", "Stage 1 - ", "Phase 3." before a step's name: its number, not its name.
_STEP_PREFIX = re.compile(r"(?:step|stage|phase)[ \t]*\d{1,2}[ \t]*[:.)\-\u2013][ \t]*", re.I)
# Where a step's name ends and what it does begins: "validate - checks ...",
# "review: a peer approves", "validate<TAB>check ...".
_HEAD = re.compile(r"[ \t]+[-\u2013\u2014][ \t]+|:[ \t]+|\t+|[ ]{2,}")
_CODE_HINTS = frozenset((BASH, CMD, DOCKER, GROOVY))
# A line that is only a code fence ("```", "```bash"): a boundary, never a step.
_FENCE_LINE = re.compile(r"(?:`{3,}|~{3,})[\w+-]*")


@dataclass(frozen=True, slots=True)
class Judged:
    """An item as a candidate step: its box, and how unlike a step it is."""

    item: Item | None  # None: it cannot be drawn at all (a chain, unprintable, a page)
    bad: float  # 0 (a step's name) .. 1 (a command, a click, a question, a tool)
    long: bool  # a sentence rather than a name: drawn only under a strong label


_LEAD_STARTS = frozenset("-*=>")


def lead(body: str) -> str:
    """The lead ("-- ", "** ") of a plain line that has one, else ""."""
    match = _LEADS.match(body)
    return match.group() if match else ""


@lru_cache(maxsize=1 << 14)
def _judge(marker: str, body: str, hint: str) -> Judged:
    # (Most items are a few words, and real notes repeat few of their lines: those
    # take a short way, which gives what the long one would, sooner.)
    text = body.strip()
    lettered = text[1:2] == ")" and _NUMBERED.match(text) is not None  # "a) ": its letter
    if (
        hint not in _CODE_HINTS
        and not lettered
        and not (text[:1] in "SsPp" and _STEP_PREFIX.match(text))
    ):
        if len(text) <= MAX_ITEM_CHARS and _PLAIN_ITEM.fullmatch(text):
            words = text.split()
            if len(words) <= MAX_ITEM_WORDS:
                return _plain_item(text, words)
        # "validate<TAB>checks the project": two columns, the step and what it does.
        elif (columns := _TWO_COLUMNS.fullmatch(text)) is not None and _plain_rest(text):
            head = columns.group(1)
            words = head.split()
            if len(words) <= MAX_ANNOTATION_WORDS and len(head) <= MAX_ITEM_CHARS:
                return _plain_item(head, words)
    return _judge_fully(marker, text, hint)


def _judge_fully(marker: str, text: str, hint: str) -> Judged:
    """`_judge` for any item (each pattern below is tried only where its first
    character is)."""
    if not marker and (text[:1].isdigit() or text[1:2] == ")"):
        text = _NUMBERED.sub("", text, count=1)
    if not marker and text[:1] in _LEAD_STARTS:
        text = text[len(lead(text)) :]
    if text[:1] in "SsPp":
        text = _STEP_PREFIX.sub("", text, count=1)
    arrowed = ">" in text or "\u2192" in text or "\u21d2" in text
    if not text or not _printable(text.replace("\t", " ")):
        return Judged(None, 1.0, False)
    if (arrowed or "<" in text or "\u2190" in text or "\u21d0" in text) and _BACKWARD.search(text):
        return Judged(None, 1.0, False)
    if text[0] in "`~" and _FENCE_LINE.fullmatch(text):
        return Judged(None, 1.0, False)
    if hint in _CODE_HINTS or "://" in text or text.endswith("?"):
        return Judged(Item(clean(text), text.casefold()), 1.0, False)
    parts = _FORWARD.split(text) if arrowed else [text]
    if len(parts) > 2:
        return Judged(None, 1.0, False)  # a chain inside an item: not one step
    name = parts[0].strip()
    annotation = " ".join(parts[1].split()) if len(parts) == 2 else ""
    bad = 0.0
    head, colon, rest = name.partition(": ")
    if colon and rest and head.split() and is_sequence_word(unmarked(head).split()[-1]):
        bad = 1.0  # "Stages: each part of the pipeline": a glossary of the sequence's words
    split = (
        _HEAD.search(name)
        if (
            ":" in name
            or "\t" in name
            or " -" in name
            or "  " in name
            or "\u2013" in name
            or "\u2014" in name
        )
        else None
    )
    words = name.split()
    bold = name.startswith(("**", "__", "=="))
    if split and (
        hint == YAML
        or bold
        or not split.group().strip(" \t")  # a tab or a gap of blanks: two columns
        or len(words) > MAX_ITEM_WORDS
        or len(name) > MAX_ITEM_CHARS
    ):
        # "**validate** - the project is correct", "review: a peer approves the
        # change": the step is its head; what it does stays in the text.
        head = name[: split.start()].strip()
        if head and len(head.split()) <= MAX_ANNOTATION_WORDS:
            if hint == YAML and head.casefold() in YAML_FIRST_KEYS:
                bad = 1.0  # "- name: web": YAML itself
            name, annotation = head, ""
    name = unmarked(" ".join(name.split()))
    words = name.split()
    if not words or len(words) > MAX_LONG_WORDS or len(name) > MAX_LONG_CHARS:
        return Judged(None, 1.0, False)
    if annotation and len(annotation.split()) > MAX_ANNOTATION_WORDS:
        return Judged(None, 1.0, False)
    long = len(words) > MAX_ITEM_WORDS or len(name) > MAX_ITEM_CHARS
    lowered = _lower_words(name)
    first = words[0]
    if (
        _CODE_CHARS.search(name)
        or first.casefold() in IMPERATIVES
        or first in COMMANDS
        or (first.casefold() in TOOLS and len(words) <= 3)  # a tool's name, not a step
    ):
        bad = 1.0
    else:
        if not long and UI_WORDS.intersection(lowered):
            bad += HALF  # (a sentence mentions "new" or "view" in passing)
        if SENTENCE_WORDS.intersection(lowered):
            bad += HALF  # "It is a plugin": a statement about a thing
    # An annotation ("Requirement Analysis ==> 11 Months") stays in the box, arrow and all.
    label = clean(unmarked(" ".join(text.split()))) if annotation else clean(name)
    return Judged(Item(label, " ".join(name.casefold().split())), min(bad, 1.0), long)


# Words one blank apart, of letters, digits and the punctuation of names
# ("Coding/Development", "Build & Push", "Test (unit, e2e)"): no markup, code, arrow,
# head (": ", " - ", a tab), numbering or lead; a step prefix ("Step 2) ") aside.
_PLAIN_ITEM = re.compile(
    r"[A-Za-z][A-Za-z0-9/&().,'\"+%!-]*(?: [A-Za-z0-9/&(][A-Za-z0-9/&().,'\"+%!-]*)*"
)


# A plain item, a tab or a gap of blanks, then what it does (a word first: not "- x").
_TWO_COLUMNS = re.compile(
    r"([A-Za-z][A-Za-z0-9/&().,'\"+%!-]*(?: [A-Za-z0-9/&(][A-Za-z0-9/&().,'\"+%!-]*)*)"
    r"(?:\t|  )[ \t]*[A-Za-z0-9].*"
)
_NOT_PLAIN = frozenset(":<>?\u2190\u2192\u21d0\u21d2\u2194\u21d4")


def _plain_rest(text: str) -> bool:
    """No colon (a glossary's "Stage: ..."), arrow or question anywhere, all printable."""
    return _NOT_PLAIN.isdisjoint(text) and text.replace("\t", " ").isprintable()


def _plain_item(text: str, words: list[str]) -> Judged:
    """`_judge` for an item matching _PLAIN_ITEM (the same answer, sooner)."""
    lowered = _lower_words(text)
    first = words[0].casefold()
    if first in IMPERATIVES or words[0] in COMMANDS or (first in TOOLS and len(words) <= 3):
        bad = 1.0
    else:
        bad = HALF * (
            bool(UI_WORDS.intersection(lowered)) + bool(SENTENCE_WORDS.intersection(lowered))
        )
    return Judged(Item(text, text.casefold()), min(bad, 1.0), False)


def judge(node: Node) -> Judged:
    line = node.line
    return _judge(line.marker, line.body, line.hint)


@lru_cache(maxsize=1 << 12)
def _assess(judged: tuple[Judged, ...], strength: int, ordered: bool, detailed: bool) -> Run | None:
    """The steps, if the evidence says these items are a flow; `detailed`: some
    items carry lines of their own (a stage's points, its snippet)."""
    if any(j.item is None for j in judged):
        return None
    if strength < STRONG and (detailed or any(j.long for j in judged)):
        return None  # long steps, or steps with details, only under a clear label
    items = [j.item for j in judged]
    score = strength + (ORDERED if ordered else 0)
    score -= BAD_WEIGHT * sum(j.bad for j in judged) / len(judged)
    score -= _kinds(items)
    if score < THRESHOLD:
        return None
    return Run(tuple(items), tuple(i.label for i in items), tuple(i.name for i in items), {})


def assess(siblings: list[Node], start: int, end: int, strength: int) -> Run | None:
    """The run's steps, when its evidence makes it a flow, else None."""
    if strength == NO_LABEL or not MIN_STEPS <= end - start <= MAX_STEPS:
        return None
    nodes = siblings[start:end]
    if any(node.kind not in (lex.TEXT, lex.TERM) for node in nodes):
        return None
    lasts = {(node.line.body.split() or [""])[-1].casefold() for node in nodes}
    if len(lasts) == 1 and strength + ORDERED - KINDS < THRESHOLD:
        return None  # kinds of one thing ("... Applications"), whatever else they say
    ordered = all(_NUMBERED.match(n.line.body) or n.line.marker[:1].isdigit() for n in nodes)
    detailed = any(node.children for node in nodes)
    if detailed and strength < STRONG:
        return None  # (what _assess would say, before judging a single item)
    judged = []
    for node in nodes:
        found = judge(node)
        if found.item is None:
            return None  # (no need to judge the rest)
        judged.append(found)
    return _assess(tuple(judged), strength, ordered, detailed)


def _kinds(items: list[Item]) -> float:
    """Evidence of a list of kinds: items that end with the same word name kinds of
    one thing ("Desktop / Mobile / Web Applications"); items that only start with
    the same word may be steps ("Sprint planning", "Sprint review")."""
    words = [[w for w in item.name.split() if w not in _ARTICLES] or ["-"] for item in items]
    if len({w[-1] for w in words}) == 1:
        return KINDS
    return SHARED_FIRST if len({w[0] for w in words}) == 1 else 0.0


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


MAX_INTRO_LINES = 2  # sentences between a heading and its list ("Booting means ...")
MIN_INTRO_WORDS = 5  # a shorter line is a label of its own, not a sentence
# A heading that is one step of a series: "Step 3", "## 📊 Stage 2: Data Engineering".
_ONE_STEP = re.compile(r"[^\w]*(?:step|stage|phase)[ \t]*#?\d", re.I)


def label_of(owner: Node | None, siblings: list[Node], start: int) -> tuple[Node | None, bool]:
    """The line a list (or a chain) hangs under, and whether it introduces what
    follows as a title does: a heading, a bare "Term :", a line underlined with
    dashes or equals signs, or a short line naming a sequence just above it ("There
    are several phases in a build"); a heading with a sentence or two between it and
    the list; else the line it is nested in."""
    if start > 0:
        above = siblings[start - 1]
        if above.kind == HEADING or (above.kind == lex.TERM and not above.children):
            return above, True
        if above.kind == HR and start > 1:
            # "Writing a role" / "--------------": a title underlined (the rule right
            # below it; a rule after a blank line only ends a section).
            title = siblings[start - 2]
            if _plain_line(title) and title.line.number + 1 == above.line.number:
                return title, True
        elif _plain_line(above):
            if strength_of(above):
                return above, False
            # "# Phases of the boot process" / "Booting means ..." / the list; and
            # "#### git workflow" / "A Git project has three parts:" / the list. Not
            # across a short line ("**Activities:**", "Set up the machine": the list's
            # own label), nor from a heading that is one step ("## Stage 2: Data").
            for back in range(start - 2, max(start - 2 - MAX_INTRO_LINES, -1), -1):
                intro = siblings[back + 1].line.text
                if len(intro.split()) < MIN_INTRO_WORDS or intro.startswith(("**", "__")):
                    break
                heading = siblings[back]
                if heading.kind == HEADING:
                    if _ONE_STEP.match(unmarked(heading.line.body)):
                        break
                    return heading, True
                if not _plain_line(heading):
                    break
    if owner is not None and owner.kind in (lex.TEXT, lex.TERM) and not owner.line.hint:
        return owner, False
    return None, False


def _plain_line(node: Node) -> bool:
    """A line of text on its own: no bullet, nothing nested, no code."""
    line = node.line
    return node.kind == lex.TEXT and not node.children and not line.hint and not line.marker


def strength_of(label: Node | None, introduces: bool = False) -> int:
    """How strongly a list's label says the list is a sequence (label_strength);
    `introduces`: the label is a title (a heading, an underlined line)."""
    if label is None:
        return NO_LABEL
    line = label.line
    introduces = introduces or label.kind != lex.TEXT or unmarked(line.text).endswith(":")
    return label_strength(title_of(label), introduces)


def title_of(node: Node) -> str:
    line = node.line
    text = line.body
    if line.marker and text.startswith(line.marker):
        text = text[len(line.marker) :]  # "-> Super-Market Billing System"
    if text.startswith("**") and text.rstrip().endswith("**"):
        text = text.strip()[2:-2]  # "**Deploy Workflow (4 Stages)**": a bold line
    return clean(text).rstrip(",;")  # "Three step process,": what follows is its list


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


# What a chain's step is: a step; a doubt (a command or an instruction, as one step
# among others: "User --> kubectl apply --> API Server"); or no step at all (code, a
# click, a sentence, too long).
STEP, DOUBT, NO_STEP = 0, 1, 2
MIN_SURE_STEPS = 4  # a chain this long may hold one command as a step, label or not


@lru_cache(maxsize=1 << 12)
def _step_fault(text: str, first: bool) -> int:
    words = text.split()
    if not words or len(words) > MAX_STEP_WORDS or len(text) > MAX_STEP_CHARS:
        return NO_STEP
    if _CODE_CHARS.search(text) or "://" in text or text.endswith("?"):
        return NO_STEP
    if "," in text:  # "r --> read, w --> write": pairs in a list, not steps
        return NO_STEP
    lowered = _lower_words(text)
    if "click" in lowered:
        return NO_STEP
    head = words[0]
    if head in COMMANDS or head.casefold() in IMPERATIVES:
        return DOUBT
    if any(word[0] == "-" and word[1:2].isalpha() for word in words[1:]):
        return DOUBT  # "k apply -f pod.yaml": a command's flag
    if _menu_item(words, lowered):
        return NO_STEP
    # A statement: "This is a long sentence --> ...". Further along a step may say
    # "is" ("pod is Running"): a state reached, in the order the arrows give.
    if first and SENTENCE_WORDS.intersection(words):
        return NO_STEP
    return STEP


def _menu_item(words: list[str], lowered: list[str]) -> bool:
    """A step of a click path: a short menu name, typed as the screen shows it
    ("Settings", "New secret", "Manage Jenkins", "AWS Console"), or nothing but words of
    a user interface ("settings", "new secret"). A longer step, or one in lower case,
    says "create" or "window" in passing ("Create hotfix branch from master",
    "Deployment window (weekend)", "add templates", "new ReplicaSet"), and a menu names
    no article ("Apply the change")."""
    if not lowered or len(words) > 4 or _ARTICLES.intersection(lowered):
        return False
    ui = [word in UI_WORDS for word in lowered]
    if all(ui):
        return True
    if not words[0][:1].isupper():
        return False
    return ui[0] or (len(words) <= 2 and any(ui) and all(w[:1].isupper() for w in words))


def _reads_does(text: str) -> bool:
    """A step after the first that says what the first does ("--> runs containers",
    "--> is used to ..."): "-->" meaning "does", not "then"."""
    head = text.split()[0]
    return head.islower() and (head in PROSE_WORDS or _does(head))


def _step_ok(text: str, first: bool) -> bool:
    return _step_fault(text, first) == STEP and (first or not _reads_does(text))


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
    doubtful: bool = False  # a short chain with a command as a step: drawn under a label

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
    if ">" not in text and "\u2192" not in text and "\u21d2" not in text and _DASHES not in text:
        return None  # no arrow at all: most lines (a fast exit first)
    if kind not in (lex.TEXT, lex.TERM) or (hint and hint != CMD):
        return None  # (a command and what it does may still lead a chain: its first step)
    if marker and text.startswith(marker):
        text = text[len(marker) :]
    text = " ".join(text.split())
    typed = _FORWARD.findall(text)
    if len(typed) < 2 or _BACKWARD.search(text) or not _printable(text):
        if typed or _BACKWARD.search(text) or not _printable(text):
            return None
        if text.count(_DASHES) < 2:
            return None
        typed = ["--"] * text.count(_DASHES)  # "Fetch -- Build -- Ship"
        parts = [part.strip() for part in text.split(_DASHES)]
        title = clean(text)
    else:
        parts = [part.strip() for part in _FORWARD.split(text)]
        # The arrows as the page shows them ("-- >" and "---->" too).
        title = clean(unmarked(_FORWARD.sub(_typographic, text)))
    # A step in Markdown marks ("event `push`", "**Build**"): its words, not code.
    parts = [unmarked(part) for part in parts]
    head, colon, rest = parts[0].partition(": ")
    if colon and rest.strip():  # "CI/CD: Code -> Build -> Test": a title, then steps
        title, parts[0] = clean(head), rest.strip()
    elif (
        len(parts) > 3
        and (names_sequence(parts[0]) or not _step_ok(parts[0], True))
        and (_prose(parts[0]))
    ):
        # "Stages ==> Build -> Test -> Deploy", "ELT is the other order => Extract =>
        # Load => Transform": the first arrow says "are".
        title, parts, typed = clean(parts[0]), parts[1:], typed[1:]
    parts[-1] = parts[-1].rstrip(".,;!")
    faults = [_step_fault(part, n == 0) for n, part in enumerate(parts)]
    if NO_STEP in faults or faults.count(DOUBT) > 1:
        return None
    # "Docker Engine --> runs containers --> manages images": the arrows say "does".
    # One such step among many is a subject ("jobs queued", "steps run").
    if 2 * sum(map(_reads_does, parts[1:])) >= len(parts) - 1:
        return None
    thick = tuple("=" in arrow or arrow == "\u21d2" for arrow in typed)
    # One command among four steps or more is a step ("Developer --> git push -->
    # GitHub --> Jenkins"); among three, a label must say flow.
    doubtful = DOUBT in faults and len(parts) < MIN_SURE_STEPS
    return Chain(tuple(clean(p) for p in parts), thick, title, {}, doubtful)


def _typographic(match: re.Match[str]) -> str:
    arrow = match.group()
    if arrow in ("\u2192", "\u21d2"):
        return arrow
    return "\u21d2" if "=" in arrow else "\u2192"


def _prose(text: str) -> bool:
    """A line of words: no code, no command, no click (a chain's title may be a sentence)."""
    words = text.split()
    return bool(words) and not (
        _CODE_CHARS.search(text)
        or "://" in text
        or words[0] in COMMANDS
        or words[0].casefold() in IMPERATIVES
        or UI_WORDS.intersection(_lower_words(text))
    )


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
CHAIN_LINE, ITEM, BLOCK_WORD, BLOCK_TESTED, PLAIN = 1, 2, 4, 8, 16


def _flags(node: Node, key: str | None) -> int:
    line = node.line
    text = line.text
    flags = 0
    has_arrow = ">" in text or "\u2192" in text or "\u21d2" in text or _DASHES in text
    if has_arrow and chain(node) is not None:  # (most arrows make no chain)
        flags |= CHAIN_LINE
    if key:  # (what a line's text says of it: kind, bullet)
        flags |= ITEM
    elif key is not None:
        flags |= PLAIN
    if node.children:  # (only a line with lines in it can head a block)
        flags |= BLOCK_TESTED | (BLOCK_WORD if _has_block_word(text) else 0)
    return flags


def run_key(node: Node) -> str | None:
    """What makes a line one of a run of alike lines: its bullet ("-", "1." for a
    number, "--" or "**" for a lead), "" for a plain line of text (a step only when
    nested under a label), None for anything else (code, a heading, a question...)."""
    line = node.line
    return _run_key(node.kind, line.marker, line.body, line.hint)


def _run_key(kind: str, marker: str, body: str, hint: str) -> str | None:
    if kind not in (lex.TEXT, lex.TERM):
        return None
    if marker and marker in lex.BULLETS:
        return marker
    if marker or kind != lex.TEXT:
        return None  # an arrow bullet ("-> On-Prem"), a bare "Term :"
    first = body[:1]
    if first.isalpha():  # (most lines: no number, lead or fence can start so)
        if body[1:2] == ")" and _NUMBERED.match(body):
            return "1."  # "a) build the image": lettered steps are numbered ones
        return None if hint and hint != YAML else ""
    if first.isdigit() and _NUMBERED.match(body):
        return "1."
    found = lead(body) if first in _LEAD_STARTS else ""
    if found:
        return found.strip()
    if (hint and hint != YAML) or _FENCE_LINE.fullmatch(body):
        return None
    return ""


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
        self.naming: dict[tuple[str, str, bool], int] = {}  # a label's strength, by its text
        self.seen: list[tuple[int, tuple[str, ...], str]] = []  # blocks' runs, drawn
        self.taken: set[int] = set()  # ids of lines drawn already (blocks' runs, links)

    def add(self, path: tuple[int, ...], index: int, flow: Flow, line: lex.Line) -> None:
        self.insertions.append(Insertion(path, index, flow.lines, flow, line))

    def walk(self, blocks: list[Node]) -> None:
        known: dict[str, int] = {}  # line flags by the line's text
        keys: dict[str, str | None] = {}  # and what makes it one of a run (run_key)
        get = known.get
        taken = self.taken
        stack: list[tuple[list[Node], Node | None, tuple[int, ...]]] = [(blocks, None, ())]
        while stack:
            siblings, owner, path = stack.pop()
            if len(path) > MAX_NESTING:
                continue
            heads: list[int] | None = None
            numbered: list[int] = []  # numbered lines, for steps with lines between them
            tracking = len(siblings) >= MIN_STEPS  # runs of list items: three or more
            run_start, run_marker, run_depth = 0, "", -1
            index = -1
            for node in siblings:
                index += 1
                line = node.line
                flags = get(line.text)
                # (A line first seen as a leaf was not tested for a block word.)
                if flags is None or (node.children and not flags & BLOCK_TESTED):
                    key = keys[line.text] = run_key(node)
                    flags = known[line.text] = _flags(node, key)
                if tracking:
                    # Runs of list items alike (bullet and depth): lists, maybe flows;
                    # plain lines too, when nested under a line (their label).
                    if flags & ITEM or (flags & PLAIN and owner is not None):
                        marker = keys[line.text] or "plain"
                        if marker == "1.":
                            numbered.append(index)
                        if marker != run_marker or line.depth != run_depth:
                            if run_marker and index - run_start >= MIN_STEPS:
                                self.note_list(siblings, owner, path, run_start, index)
                            run_start, run_marker, run_depth = index, marker, line.depth
                    elif run_marker:
                        if index - run_start >= MIN_STEPS:
                            self.note_list(siblings, owner, path, run_start, index)
                        run_marker = ""
                chained = flags & CHAIN_LINE and self.chain(node, owner, siblings, path, index)
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
            if len(numbered) >= MIN_STEPS and numbered[-1] - numbered[0] >= len(numbered):
                self.described(siblings, owner, path, numbered)
            if heads:  # before the blocks' own lists are read (they are on the stack)
                self.blocks(siblings, path, heads)

    def note_list(
        self, siblings: list[Node], owner: Node | None, path: tuple[int, ...], start: int, end: int
    ) -> None:
        first = siblings[start]
        if end - start > MAX_STEPS or id(first) in self.taken:
            return  # too long, or a block's run (drawn with its blocks)
        label, titled = label_of(owner, siblings, start)
        strength = NO_LABEL
        if label is not None:
            key = (label.line.text, label.kind, titled)
            strength = self.naming.get(key)
            if strength is None:
                strength = self.naming[key] = strength_of(label, titled)
        run = assess(siblings, start, end, strength) if strength else None
        if run is not None:
            first_line = first.line.number
            if label is not None:
                first_line = min(first_line, label.line.number)
            last = _last_line(siblings[end - 1])
            self.lists.append(_List(path, siblings, start, end, label, True, run, first_line, last))
        elif _list_marker(first) is not None and end - start <= MAX_STEPS:
            entry = (path, siblings, start, end, label)
            self.maybe.setdefault(first.line.text, []).append(entry)

    def described(
        self, siblings: list[Node], owner: Node | None, path: tuple[int, ...], numbered: list[int]
    ) -> None:
        """Numbered steps, each followed by a line or two saying what it does, at the
        same indent ("1) Gather facts" / "The setup module runs on each host."):
        numbered 1, 2, 3 ... with only plain lines between them."""
        for group in _described_groups(siblings, numbered):
            start, end = group[0], _described_end(siblings, group[-1])
            if id(siblings[start]) in self.taken or len(group) > MAX_STEPS:
                continue
            label, titled = label_of(owner, siblings, start)
            strength = strength_of(label, titled)
            if strength < STRONG:
                continue  # steps with details: only under a clear label
            nodes = [siblings[n] for n in group]
            run = _assess(tuple(judge(node) for node in nodes), strength, True, True)
            if run is None:
                continue
            first = min(siblings[start].line.number, label.line.number)
            last = _last_line(siblings[end - 1])
            self.lists.append(_List(path, siblings, start, end, label, True, run, first, last))

    def chain(
        self,
        node: Node,
        owner: Node | None,
        siblings: list[Node],
        path: tuple[int, ...],
        index: int,
    ) -> bool:
        found = chain(node)
        if found is None:
            return False
        if found.doubtful:
            # "Pod Creation Flow :: User --> kubectl apply --> API Server --> ...": a
            # command as one step, under a label that says flow.
            label, titled = label_of(owner, siblings, index)
            if strength_of(label, titled) < SENTENCE:
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


MAX_DESCRIPTION_LINES = 3  # lines between two numbered steps that say what the first does
_NUMBER = re.compile(r"\d{1,2}")


def _described_groups(siblings: list[Node], numbered: list[int]) -> Iterator[list[int]]:
    """Runs of numbered lines at one depth, counting up by one (1, 2, 3 ...), with
    one to MAX_DESCRIPTION_LINES plain lines between each two, three lines or more."""
    group: list[int] = []
    for index in numbered:
        if group and _follows(siblings, group[-1], index):
            group.append(index)
            continue
        if len(group) >= MIN_STEPS:
            yield group
        group = [index]
    if len(group) >= MIN_STEPS:
        yield group


def _follows(siblings: list[Node], before: int, after: int) -> bool:
    a, b = siblings[before].line, siblings[after].line
    if not 1 < after - before <= MAX_DESCRIPTION_LINES + 1 or a.depth != b.depth:
        return False
    number_a, number_b = _NUMBER.match(a.body), _NUMBER.match(b.body)
    if number_a is None or number_b is None or int(number_b.group()) != int(number_a.group()) + 1:
        return False
    return all(_description(siblings[n], a.depth) for n in range(before + 1, after))


def _description(node: Node, depth: int) -> bool:
    return node.line.depth == depth and _plain_line(node) and run_key(node) == ""


def _described_end(siblings: list[Node], last: int) -> int:
    """Past the last step's own lines."""
    end, depth = last + 1, siblings[last].line.depth
    while (
        end < len(siblings)
        and end - last <= MAX_DESCRIPTION_LINES
        and _description(siblings[end], depth)
    ):
        end += 1
    return end


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
    insertions += heading_series(blocks, source)
    insertions.sort(key=lambda i: i.order)
    return insertions


# "## 2. Data acquisition", "## 🎯 Stage 1: Problem Definition", "### 1. **Pending**",
# "### **1️⃣ Data Collection**" (a keycap emoji: the digit, U+FE0F, U+20E3; or 🔟).
_HEADING_NUMBER = re.compile(
    r"[^\w#]*?(?:(?:step|stage|phase)[ \t]*)?"
    r"(?:\d{1,2}[ \t]*[.:)\-\u2013]|\d\ufe0f?\u20e3|\U0001f51f)[ \t]*(?=\S)",
    re.I,
)


def _hashes(node: Node) -> int:
    text = node.line.text
    return len(text) - len(text.lstrip("#"))


def heading_series(blocks: list[Node], source: str) -> Iterator[Insertion]:
    """Numbered Markdown headings of one level, three or more in a row, under a
    heading (or its first line) naming a sequence: the stages of a flow, each with
    its own section. One diagram of the stages, after the last one's section."""
    heads = [
        (index, node, _hashes(node))
        for index, node in enumerate(blocks)
        if node.kind == HEADING and node.line.kind == lex.HASH_HEADING
    ]
    k = 0
    while k < len(heads):
        _, node, level = heads[k]
        if not _HEADING_NUMBER.match(node.line.body):
            k += 1
            continue
        members = [k]
        j = k + 1
        while j < len(heads):
            deeper = heads[j][2] > level
            if not deeper and not (
                heads[j][2] == level and _HEADING_NUMBER.match(heads[j][1].line.body)
            ):
                break
            if not deeper:
                members.append(j)
            j += 1
        end = heads[j][0] if j < len(heads) else len(blocks)
        found = _series(blocks, heads, k, members, end, source)
        if found is not None:
            yield found
        k = j


def _series(
    blocks: list[Node],
    heads: list[tuple[int, Node, int]],
    k: int,
    members: list[int],
    end: int,
    source: str,
) -> Insertion | None:
    if not MIN_STEPS <= len(members) <= MAX_STEPS:
        return None
    level = heads[k][2]
    parent = next((heads[m] for m in range(k - 1, -1, -1) if heads[m][2] < level), None)
    label = None
    if parent is not None:
        label = parent[1]
        intro = blocks[parent[0] + 1] if parent[0] + 1 < heads[k][0] else None
        if not strength_of(label) and intro is not None and intro.kind == lex.TEXT:
            label = intro  # "It has several connected stages:"
    strength = strength_of(label)
    if not strength:
        return None
    judged = []
    for m in members:
        body = heads[m][1].line.body
        judged.append(_judge("", body[_HEADING_NUMBER.match(body).end() :], ""))
    run = _assess(tuple(judged), strength, True, True)
    if run is None:
        return None
    first = (parent[1] if parent is not None else heads[k][1]).line.number
    flow = Flow(run.drawing(title_of(label)), (first, _last_line(blocks[end - 1])), source)
    return Insertion((), end, flow.lines, flow, heads[members[-1]][1].line)


def _last_line(node: Node) -> int:
    """The last notes line of a node and of everything nested in it."""
    while True:
        last = node.code[-1].number if node.kind == CODE and node.code else node.line.number
        if not node.children:
            return last
        node = node.children[-1]


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
