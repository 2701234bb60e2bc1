"""What a diagram on this site may not say, shared by the checks that read diagrams:
scripts/check_diagrams.py (the Markdown) and scripts/check_security.py (the built site).

Mermaid's interaction statements make a drawn diagram a link or a script call:
`click A href "https://..."`, `click A call f()`, `click A "https://..."`, a class
diagram's `link`/`callback`, a sequence diagram's `link`/`links`, C4's `$link=`.
`securityLevel: strict` stops the calls but still draws the links, so a diagram could
send readers off the site from a box that looks like any other. Links belong in the
text beside the diagram, where readers see them.
"""

from __future__ import annotations

import re

INTERACTION = re.compile(
    r"""^[ \t]*(?:
        click[ \t]+[\w-]+[ \t]+[\w"']          # click NODE href|call|callback|"url"
      | callback[ \t]+[\w-]+[ \t]*["']         # classDiagram: callback CLASS "fn"
      | link[ \t]+[\w-]+[ \t]*["']             # classDiagram: link CLASS "url"
      | links?[ \t]+[^:\n]+:.*(?:@|\{)         # sequenceDiagram: link(s) ACTOR: ... @ url / {...}
    )|\$link[ \t]*=                            # C4: Person(a, "A", $link="url")
    """,
    re.IGNORECASE | re.MULTILINE | re.VERBOSE,
)


def interactions(text: str) -> list[tuple[int, str]]:
    """(0-based line, the line) of every interaction statement in a diagram's text."""
    lines = text.split("\n")
    found = []
    for match in INTERACTION.finditer(text):
        number = text.count("\n", 0, match.start())
        found.append((number, lines[number].strip()))
    return found


def interaction_message(statement: str) -> str:
    """The problem, said the same way by every check."""
    return (
        f"Mermaid interaction {statement!r}: a diagram may not link or call scripts"
        " (click/href/call, link, callback, $link); put the link in the text beside"
        " the diagram"
    )
