"""What a diagram on this site may not say, and how big it may be: one place, shared
by the checks that read diagrams (scripts/check_diagrams.py on the Markdown,
scripts/check_security.py on the built site) and by the importer's drafter
(scripts/importer/mermaid.py, which never drafts a diagram these rules refuse).

Mermaid reads a diagram as statements, ended by a newline or by `;`, so the rules
read statements, not lines: `C --> D; click C href "https://..."` holds a `click`.

- Interactions make a drawn diagram a link or a script call: `click A href "..."`,
  `click A call f()`, `click A "..."`, a class diagram's `link`/`callback`, a
  sequence diagram's `link`/`links`, C4's `$link=`. `securityLevel: strict` stops
  the calls but still draws the links, so a box that looks like any other could send
  readers off the site. Links belong in the text beside the diagram.
- What a diagram would load: an image shape `A@{ img: "https://..." }` with an
  address off the site, CSS it brings in (`url(...)`, `themeCSS`), a kanban board's
  `ticketBaseUrl` (every card a link).
- An empty `accTitle:` or `accDescr:` names nothing for a screen reader.
- Mermaid draws nothing past `maxTextSize` characters or `maxEdges` edges (its
  defaults, which the site keeps): readers would see "Maximum text size in diagram
  exceeded" instead of the diagram.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

# Mermaid's own defaults (its config `maxTextSize` and `maxEdges`), which a page
# cannot raise: both are in Mermaid's `secure` list.
MAX_TEXT_SIZE = 50_000  # characters, as JavaScript counts them (UTF-16 code units)
MAX_EDGES = 500  # edges of one flowchart

# A whole-line comment (`%% ...`), which Mermaid drops before reading; `%%{` starts
# a directive, which it reads.
COMMENT = re.compile(r"^[ \t]*%%(?!\{)")
INTERACTION = re.compile(
    r"""^(?:
        click\s+\S                      # click NODE href|call|callback|"url"
      | callback\s+\S                   # classDiagram: callback CLASS "fn"
      | link\s+\S+\s*["']               # classDiagram: link CLASS "url"
      | links?\s+[^:]+:                 # sequenceDiagram: link(s) ACTOR: ...
    )|\$link\s*=                        # C4: Person(a, "A", $link="url")
    """,
    re.IGNORECASE | re.VERBOSE,
)
# What makes a diagram load or link something: CSS of its own, a kanban board's
# ticket links.
LOADS = re.compile(r"url\(|image-set\(|@import|themeCSS|ticketBaseUrl", re.IGNORECASE)
# Where a backslash escape could spell those in disguise: CSS escapes (`u\72l(`) in
# style statements, JSON and YAML escapes (`\u0075rl(`) in a `%%{init: ...}%%`
# directive or the diagram's front matter. Diagrams here need none.
STYLED = re.compile(r"^(?:style|classDef|linkStyle|%%\{)", re.IGNORECASE)
# `A@{ shape: ..., img: "https://...", ... }`: the image shape's address.
IMAGE = re.compile(r"""@\{[^}]*?\bimg\s*:\s*(?:"(?P<q>[^"]*)"|'(?P<s>[^']*)'|(?P<bare>[^,}\s]+))""")
# An address that names a scheme or a host: not a file of the site.
NOT_LOCAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
ACC_TITLE = re.compile(r"^accTitle\s*:(?P<value>.*)$", re.IGNORECASE)
ACC_DESCR = re.compile(r"^accDescr\s*(?::(?P<value>.*)|\{(?P<block>.*))$", re.IGNORECASE)
# The first statement names the diagram's type (`flowchart LR`, `graph TD`).
FLOWCHART = re.compile(r"^(?:flowchart|graph)\b", re.IGNORECASE)
# Links between nodes, as Mermaid's flowchart lexer reads them (`-->`, `---`, `==>`,
# `-.->`, `~~~`, with `o`/`x`/`<` ends); `-- text -->` is one link: its opening
# `--` is not matched (two dashes and a space).
LINK = re.compile(r"[xo<]?(?:--+[-xo>]|==+[=xo>]|-?\.+-[xo>]?|~~~+)")
QUOTED = re.compile(r'"[^"\n]*"')


@dataclass(frozen=True, slots=True)
class Statement:
    line: int  # 0-based line of the diagram text it is on
    text: str  # stripped


def statements(text: str) -> list[Statement]:
    """The diagram's statements, split as Mermaid splits them: at each newline and
    each `;` (also inside quotes: a label holding `; click ...` is refused rather
    than trusted), whole-line `%%` comments left out."""
    found = []
    for number, line in enumerate(text.split("\n")):
        if COMMENT.match(line):
            continue
        for part in line.split(";"):
            if part.strip():
                found.append(Statement(number, part.strip()))
    return found


def length(text: str) -> int:
    """A text's length as JavaScript (and so Mermaid) counts it."""
    return len(text.encode("utf-16-le")) // 2


def edges(text: str) -> int:
    """How many edges a flowchart's text draws (0 for other diagrams): each link of
    each statement, times the `&`-joined nodes on either side of it."""
    found = statements(text)
    if not found or not FLOWCHART.match(found[0].text):
        return 0
    count = 0
    for statement in found[1:]:
        parts = LINK.split(QUOTED.sub('""', statement.text))
        sizes = [part.count("&") + 1 for part in parts]
        count += sum(a * b for a, b in pairwise(sizes))
    return count


def interactions(text: str) -> list[tuple[int, str]]:
    """(0-based line, statement) of every statement that links, calls or loads."""
    found = []
    config = _front_matter_lines(text)
    for statement in statements(text):
        escaped = "\\" in statement.text and (
            statement.line in config or STYLED.match(statement.text)
        )
        if INTERACTION.search(statement.text) or LOADS.search(statement.text) or escaped:
            found.append((statement.line, statement.text))
            continue
        for image in IMAGE.finditer(statement.text):
            url = next(v for v in (image["q"], image["s"], image["bare"]) if v is not None)
            if NOT_LOCAL.match(re.sub(r"[\t\n\r]", "", url).strip().replace("\\", "/")):
                found.append((statement.line, statement.text))
                break
    return found


def _front_matter_lines(text: str) -> range:
    """The lines of the diagram's YAML front matter (`---` ... `---` at its top)."""
    lines = text.split("\n")
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != "---":
        return range(0)
    end = next((n for n in range(first + 1, len(lines)) if lines[n].strip() == "---"), len(lines))
    return range(first, end + 1)


def interaction_message(statement: str) -> str:
    """The problem, said the same way by every check."""
    shown = statement if len(statement) <= 120 else statement[:117] + "..."
    return (
        f"Mermaid interaction {shown!r}: a diagram may not link, call scripts or load"
        " anything (click/href/call, link/links, callback, $link, an image from another"
        " site, url(), image-set(), @import, themeCSS, ticketBaseUrl, escapes in styles"
        " or settings); put the link in the text beside the diagram"
    )


def accessibility_problems(text: str) -> list[tuple[int | None, str]]:
    """(0-based line, problem) when the accessible title or description is empty;
    (None, problem) when one is missing."""
    title = descr = None
    for statement in statements(text):
        if title is None and (match := ACC_TITLE.match(statement.text)):
            title = (statement.line, match["value"].strip())
        elif descr is None and (match := ACC_DESCR.match(statement.text)):
            value = match["value"] if match["value"] is not None else _block(text, statement)
            descr = (statement.line, value.strip())
    problems = []
    if title is None:
        problems.append(
            (None, "diagram has no accessible title: add a line `accTitle: <short title>`")
        )
    elif not title[1]:
        problems.append((title[0], "empty `accTitle:`: give the diagram a short title"))
    if descr is None:
        problems.append(
            (
                None,
                "diagram has no accessible description: add a line"
                " `accDescr: <one sentence saying what it shows>`",
            )
        )
    elif not descr[1]:
        problems.append((descr[0], "empty `accDescr`: say in one sentence what it shows"))
    return problems


def _block(text: str, statement: Statement) -> str:
    """The inside of `accDescr { ... }`, which may span lines."""
    rest = "\n".join(text.split("\n")[statement.line :])
    start = rest.find("{")
    end = rest.find("}", start)
    return rest[start + 1 : end if end != -1 else len(rest)]


def size_problems(text: str) -> list[str]:
    """What makes Mermaid refuse to draw a diagram: too long, or too many edges."""
    problems = []
    if (size := length(text)) > MAX_TEXT_SIZE:
        problems.append(
            f"diagram of {size:,} characters: Mermaid draws none over {MAX_TEXT_SIZE:,}"
            " (maxTextSize); split it, or shorten its labels"
        )
    if (count := edges(text)) > MAX_EDGES:
        problems.append(
            f"flowchart of {count:,} edges: Mermaid draws none over {MAX_EDGES:,}"
            " (maxEdges); split it"
        )
    return problems


def breaks_rules(text: str) -> bool:
    """A diagram that a check would refuse: the drafter never drafts one."""
    return bool(size_problems(text) or accessibility_problems(text) or interactions(text))
