"""Test helpers: build generated pages with MkDocs and read back their text.

Proof that escaping and structure work can only come from the real
Markdown dialect, so the tests build pages with `mkdocs build --strict`
(many pages in one build: a build costs seconds) and compare words.
"""

from __future__ import annotations

import difflib
import html
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scripts.importer import lex
from scripts.importer.frontmatter import split_page
from scripts.importer.inline import arrows

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FLOW_FIXTURES = FIXTURES / "flows"


def golden_cases() -> list[tuple[str, Path, Path]]:
    """(name, notes file, expected page): Day 1's real notes, then the corpus."""
    cases = [("day-01", ROOT / "notes" / "day-01.txt", FIXTURES / "day-01.md")]
    cases += [(p.stem, p, p.with_suffix(".md")) for p in sorted(FIXTURES.glob("*.txt"))]
    return cases


def flow_cases() -> list[tuple[str, Path, Path]]:
    """(name, notes file, expected body) of each flows.py fixture; the names of
    those that must draw nothing start with "never"."""
    return [(p.stem, p, p.with_suffix(".md")) for p in sorted(FLOW_FIXTURES.glob("*.txt"))]


# -- Drafted diagrams --------------------------------------------------------

_MERMAID_FENCE = re.compile(r"(?m)^( *)```mermaid\n(.*?)^\1```$", re.S)
_LABEL = re.compile(r'\["(.*?)"\]')
_ACC = re.compile(r"(?m)^\s*acc(?:Title|Descr):(.*)$")
_ENTITY_CODE = re.compile(r"#(\w+);")
_WORD = re.compile(r"\w+")


def matches_golden(name: str, made: str, expected: Path, what: str) -> None:
    """Compare what the importer made with its golden file (`what` it is: "page",
    "drafted body"); with UPDATE_GOLDEN=1 set, write the file instead."""
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(made, encoding="utf-8", newline="")
        pytest.skip(f"wrote {expected.name}")
    assert expected.exists(), f"no {expected.name}: run with UPDATE_GOLDEN=1 to create it"
    wanted = expected.read_bytes().decode("utf-8")
    if made != wanted:
        shown_as = expected.relative_to(FIXTURES).as_posix()
        diff = "".join(
            difflib.unified_diff(
                wanted.splitlines(keepends=True),
                made.splitlines(keepends=True),
                fromfile=f"{shown_as} (golden)",
                tofile=f"{shown_as} (made now)",
            )
        )
        pytest.fail(
            f"{name}: the {what} differs from the golden file "
            f"(UPDATE_GOLDEN=1 to accept it after review):\n{diff}",
            pytrace=False,
        )


def diagrams(markdown: str) -> list[str]:
    """The text of every ```mermaid fence in a page, without its indentation."""
    out = []
    for match in _MERMAID_FENCE.finditer(markdown):
        width = len(match.group(1))
        out.append("\n".join(line[width:] for line in match.group(2).splitlines()))
    return out


def _decoded(text: str) -> str:
    """Mermaid's entity codes (#quot; #35;) back to characters."""

    def char(match: re.Match[str]) -> str:
        code = match.group(1)
        return chr(int(code)) if code.isdigit() else html.unescape(f"&{code};")

    return _ENTITY_CODE.sub(char, text)


def diagram_texts(diagram: str) -> list[str]:
    """What a reader (or a screen reader) gets from a diagram: every box and
    subgraph label, accTitle and accDescr, decoded."""
    return [_decoded(text) for text in _LABEL.findall(diagram) + _ACC.findall(diagram)]


def word_set(text: str) -> set[str]:
    """Words: runs of letters and digits (arrows, punctuation and blanks apart)."""
    return set(_WORD.findall(text))


def invented_words(notes: str, markdown: str) -> list[str]:
    """Words of the page's diagrams that the notes do not have (should be none)."""
    known = word_set(notes)
    return sorted(
        {
            word
            for diagram in diagrams(markdown)
            for text in diagram_texts(diagram)
            for word in word_set(text)
            if word not in known
        }
    )


# One line per trap: a paragraph whose rendered text must be exactly the line
# (Markdown and extension syntax, which notes must never trigger).
TRAPS = [
    "*args and **kwargs, __init__ and _private_ and a*b*c",
    "> a quote? No.",
    "1. not an ordered list",
    "2) not one either",
    "+plus, -minus",
    '=== "not a tab"',
    '!!! note "not an admonition"',
    '??? question "not details"',
    "<div markdown>raw <b>html</b></div> <!-- not a comment -->",
    "*[HTML]: not an abbreviation",
    "Footnote[^1] and [^1]: not a footnote",
    "[x]: https://example.com not a link reference",
    "[link](https://example.com) ![image](a.png) <https://example.com/raw>",
    '--8<-- "includes/missing.md"',
    "==mark== ~~del~~ ^^ins^^ ~sub~ ^sup^ {++ add ++} {-- del --} {~~ a ~> b ~~}",
    ":smile: :+1: and 10:30:00",
    "| a | b | not a table",
    "Attributes {: .class #id } and {#anchor}",
    "(c) (C) (tm) (r) 1/2 3/4 c/o +/- =/=",
    "&amp; &copy; &#169; & alone",
    "++ctrl+alt+del++ keys",
    "[ ] not a task",
    "`code` ``double`` \\backslash\\ \\*escaped\\*",
    ": not a definition",
    "C# and F# ##",
    "a line with a lone backtick ` in it",
    "Path C:\\Users\\name and someone@example.com <someone@example.com>",
    "Arrows: a -> b --> c ==> d <======> e <-- f <== g <-> h",
    "Curly \u201cquotes\u201d and \u2018single\u2019, bullets \u2022 and dashes \u2013 \u2014",
]

# Notes built along with the golden cases (in the same MkDocs build).
EXTRA_NOTES = {
    "traps": "\n\n".join(TRAPS) + "\n",
    # MkDocs reads leading "Key: value" lines as metadata without front matter.
    "topic": "Topic: Docker\nAuthor: Ravi\nDate: today\n\nBody line\n",
    "deep": "".join("\t" * level + f"- level {level}\n" for level in range(60)),
    # Lines past lex.LONG_LINE: drawn in pieces, whatever they look like.
    "long-lines": (
        "Long lines :::\n"
        + " ".join(f"heading{n}" for n in range(600))
        + " :::\n"
        + "\t- "
        + " ".join(f"item{n} has words, a*b and x_y -> then ==> more" for n in range(300))
        + "\n\t\t- a child of the long item\n"
        + "\t\t"
        + "x*y_z[w]<v>&" * 400
        + "\n"
        + " ".join(f"see https://example.com/x_{n} 1/2 (c)" for n in range(200))
        + "\nTerm with a long note :\n\t"
        + " ".join(f"note{n} with a `tick` in it, and plain words after #that" for n in range(300))
        + "\n\tand a short one\n"
    ),
    # More top-level blocks than render.GROUP_OVER: drawn in <div markdown> groups,
    # where inline code holding "</div>" would end a group early.
    "grouped": (
        "Grouped :::\n"
        + "".join(f"- item {n}\n" for n in range(1100))
        + "- echo '</div>' > page.html\n"
        + "Term :\n\ta definition\n"
        + "".join(f"Paragraph {n}\n\n" for n in range(150))
    ),
}


def golden_source(name: str) -> Path:
    """The notes file of a golden case."""
    return next(source for case, source, _ in golden_cases() if case == name)


def shown(path: Path) -> str:
    """A path as the importer shows it: relative to the repository."""
    return path.resolve().relative_to(ROOT).as_posix()


# The site's Markdown dialect (mkdocs.yml's markdown_extensions), for builds
# that must not depend on the rest of the site's configuration.
DIALECT = """\
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.betterem
  - pymdownx.caret
  - pymdownx.details
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.highlight:
      anchor_linenums: true
  - pymdownx.inlinehilite
  - pymdownx.keys
  - pymdownx.mark
  - pymdownx.smartsymbols
  - pymdownx.snippets:
      base_path: [includes, .]
      check_paths: true
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.tasklist:
      custom_checkbox: true
  - pymdownx.tilde
"""


def dialect_config(pages: list[str]) -> str:
    """A minimal strict Material config with the site's extensions."""
    nav = "".join(f"  - {page}\n" for page in pages)
    return (
        "site_name: Importer test\nstrict: true\n"
        "theme:\n  name: material\n"
        "plugins: []\n"
        f"nav:\n{nav}" + DIALECT
    )


def mkdocs_build(config: Path, site: Path) -> None:
    """`mkdocs build --strict`; raise AssertionError with MkDocs' output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(config),
            "-d",
            str(site),
        ],
        cwd=config.parent,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")


def build_pages(pages: dict[str, str], workdir: Path) -> dict[str, str]:
    """Build {name: markdown} in one strict build; return {name: article text}."""
    docs = workdir / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (workdir / "includes").mkdir(exist_ok=True)
    for name, text in pages.items():
        (docs / f"{name}.md").write_text(text, encoding="utf-8")
    config = workdir / "mkdocs.yml"
    config.write_text(dialect_config([f"{name}.md" for name in pages]), encoding="utf-8")
    mkdocs_build(config, workdir / "site")
    return {name: read_article(workdir / "site", name) for name in pages}


def build_with_site_config(pages: dict[str, str], workdir: Path) -> dict[str, str]:
    """Build pages with the site's real mkdocs.yml (theme, plugins, overrides): a
    scratch copy of the project holding only these lessons, each added to the nav
    by the importer's own nav code. {name: article text}."""
    from scripts.importer.scratch_site import scratch_copy

    project = scratch_copy(workdir / "project", pages, keep_days=False)
    mkdocs_build(project / "mkdocs.yml", workdir / "site")
    return {name: read_article(workdir / "site", f"days/{name}") for name in pages}


class _ArticleText(HTMLParser):
    """Text of the page's <article>, without permalinks or line numbers."""

    BLOCKS = frozenset(
        re.findall(
            r"\w+", "p li dt dd h1 h2 h3 h4 h5 h6 pre div br tr td th ul ol dl table hr blockquote"
        )
    )
    SKIP = frozenset(("script", "style", "svg"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = 0  # inside <article>
        self.skipping = 0  # inside something whose text is not the page's
        self.stack: list[bool] = []  # per open element: does it skip?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "article":
            self.depth += 1
        if tag in ("br", "hr", "img", "input", "meta", "link"):
            self.parts.append(" ")
            return
        skip = tag in self.SKIP or "headerlink" in classes or "linenos" in classes
        self.stack.append(skip)
        self.skipping += skip
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1
        if tag in ("br", "hr", "img", "input", "meta", "link"):
            return
        if self.stack:
            self.skipping -= self.stack.pop()
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skipping:
            self.parts.append(data)


def read_article(site: Path, name: str) -> str:
    """The visible text of a built page's article."""
    page = site / name / "index.html"
    parser = _ArticleText()
    parser.feed(page.read_text(encoding="utf-8"))
    return "".join(parser.parts)


def article_html(site: Path, name: str) -> str:
    text = (site / name / "index.html").read_text(encoding="utf-8")
    start = text.index("<article")
    return text[start : text.index("</article>", start)]


# Tokens that are markup, not words, in either text: bullets, the colons of
# headings and terms, heading hashes, a shell prompt. Dropped on both sides.
_MARKUP = re.compile(r"^(?:[" + re.escape("".join(lex.BULLETS)) + r"$]|:+|#+)$")


def words(text: str) -> list[str]:
    """Comparable words: arrows as symbols, trailing colons off, markup dropped."""
    out = []
    for token in arrows(text).split():
        token = token.rstrip(":")
        if token and not _MARKUP.match(token):
            out.append(token)
    return out


def source_lines(notes: str, title_line: int | None) -> list[tuple[int, list[str]]]:
    """(line number, words) of each notes line that must appear on the page."""
    out = []
    for number, line in enumerate(notes.split("\n"), 1):
        if number == title_line:
            continue
        stripped = line.strip(" \t")
        if (
            stripped
            and stripped[0] in lex.SEPARATOR_CHARS
            and not stripped.strip(stripped[0] + " \t")
            and len(stripped) >= 3
        ):
            continue  # a separator line: drawn as a rule (or dropped), no words
        found = words(line)
        if found:
            out.append((number, found))
    return out


def missing_words(notes: str, rendered: str, title_line: int | None = None) -> list[str]:
    """Problems (empty if none): a notes word not found, in order, on the page."""
    page = words(rendered)
    problems = []
    if title_line is not None:
        title_words = words(notes.split("\n")[title_line - 1])
        head = page[: len(title_words) + 8]
        absent = [w for w in title_words if w not in head]
        if absent:
            problems.append(f"line {title_line} (title): {absent} not in {head}")
    cursor = 0
    for number, line_words in source_lines(notes, title_line):
        for word in line_words:
            try:
                cursor = page.index(word, cursor) + 1
            except ValueError:
                context = " ".join(page[max(0, cursor - 8) : cursor + 8])
                problems.append(f"line {number}: {word!r} missing after ...{context}...")
                break
        if len(problems) > 5:
            break
    return problems


_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# An HTML entity as Markdown passes it through: with its ';' ("&#0" is text).
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def markdown_text(markdown: str) -> str:
    """Markdown source with escapes, entities, autolink brackets, backticks
    and snippets' escaping ';' undone (code blocks are taken as they are):
    a cheap stand-in for the rendered text."""
    parts = split_page(markdown)
    body = parts[1] if parts else markdown
    out = []
    fence = ""
    for line in body.split("\n"):
        stripped = line.strip()
        if fence:
            if stripped == fence:
                fence = ""
            else:
                out.append(re.sub(r";(?=-+8<)", "", line, count=1).replace("`", " "))
            continue
        if match := re.fullmatch(r"(`{3,})\w+", stripped):
            fence = match.group(1)
            continue
        line = re.sub(r"<(https?://[^<>\s]*)>", r"\1", line)
        # Inline code is shown as it is; only the text around it is unescaped.
        parts = _CODE_SPAN.split(line)
        for index in range(0, len(parts), 3):
            parts[index] = _ENTITY.sub(
                lambda m: html.unescape(m.group()), _MD_ESCAPE.sub(r"\1", parts[index])
            )
        out.append(" ".join(part for i, part in enumerate(parts) if i % 3 != 1))
    return "\n".join(out).replace("`", " ")


_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)(.+?)(?<![`\\])\1(?!`)")


def missing_words_markdown(notes: str, markdown: str, title_line: int | None) -> list[str]:
    """missing_words() against the Markdown source instead of built HTML."""
    return missing_words(notes.replace("`", " "), markdown_text(markdown), title_line)


_FENCE_OPEN = re.compile(r"[ \t]*(`{3,}|~{3,})")


def drawn(body: str) -> dict[str, int]:
    """What the importer's Markdown draws, read off its lines: headings, definitions
    (each one's ":   " line), list items, fences (drafted diagrams too) and rules."""
    counts = dict.fromkeys(("h1", "h2", "h3", "definition", "item", "code", "hr"), 0)
    fence = ""
    for line in body.split("\n"):
        stripped = line.lstrip(" ")
        if fence:
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = ""
            continue
        if match := _FENCE_OPEN.match(line):
            counts["code"] += 1
            fence = match.group(1)
        elif heading := re.match(r"(#{1,3}) ", line):
            counts[f"h{len(heading.group(1))}"] += 1
        elif line == "---":
            counts["hr"] += 1
        else:
            if stripped.startswith(":   "):  # a definition's first note is on its line
                counts["definition"] += 1
                stripped = stripped[4:]
            if stripped.startswith("- "):
                counts["item"] += 1
    return counts


def structure(body: str, html_text: str) -> tuple[dict[str, int], dict[str, int]]:
    """(found in the HTML, drawn in the Markdown): headings, definitions, list
    items, code blocks and rules. Equal when Python-Markdown read the page as
    the importer meant it (nothing swallowed into a list or an indented code
    block)."""
    found = {
        "h1": html_text.count("<h1"),
        "h2": html_text.count("<h2"),
        "h3": html_text.count("<h3"),
        "definition": html_text.count("<dt>"),
        "item": html_text.count("<li"),
        "code": html_text.count("<pre"),
        "hr": html_text.count("<hr"),
    }
    return found, drawn(body)
