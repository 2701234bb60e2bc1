"""The pages as the site shows them: built with `mkdocs build --strict` in the
site's Markdown dialect, then compared with the notes word for word.

All golden cases are built once per session (see conftest.corpus).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pagecheck
import pytest
from pagecheck import EXTRA_NOTES, ROOT, TRAPS, flow_cases, golden_cases, missing_words

from scripts.importer.decode import decode
from scripts.importer.inline import arrows
from scripts.importer.pipeline import convert

NAMES = [case[0] for case in golden_cases()]
ALL = NAMES + [f"flows-{case[0]}" for case in flow_cases()] + list(EXTRA_NOTES)


@pytest.mark.parametrize("name", ALL)
def test_every_word_of_the_notes_is_on_the_page_in_order(corpus, name: str) -> None:
    built = corpus[name]
    problems = missing_words(built.notes, built.article, built.page.document.title_line)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ALL)
def test_page_structure_is_what_the_importer_meant(corpus, name: str) -> None:
    """Headings, definitions, list items, code blocks and rules in the HTML are
    exactly those the renderer drew: nothing swallowed into a list or turned
    into an indented code block by Python-Markdown."""
    built = corpus[name]
    found, drawn = pagecheck.structure(built.page.body, built.html)
    assert found == drawn


def test_day_one_reads_as_a_lesson(corpus) -> None:
    html = corpus["day-01"].html
    # One title (the front matter's), and the banner's date right below it.
    assert re.search(r"<h1[^>]*>Day 1: Introduction to MLOps<", html)
    assert re.search(r"</h1>\s*<p>17<sup>th</sup> Nov\. 2025</p>", html)
    assert re.search(r"<h2[^>]*>Introduction to MLOps", html)
    assert re.search(r"<h3[^>]*>AGILE Methodologies", html)
    assert "<dt>Waterfall Model</dt>" in html
    assert "Requirement Analysis ⇒ 11 Months" in html
    assert "Coding/Development → 6<sup>th</sup> Month" in html
    assert "How to Implement DevOps ??? ⇔ MLOps" in html
    assert "Dev → Test → Production" in html
    assert corpus["day-01"].page.document.date.isoformat() == "2025-11-17"


def test_code_gets_fenced_with_its_language(corpus) -> None:
    languages = {
        "docker-basics": ["bash", "text", "dockerfile"],
        "k8s-yaml": ["yaml", "bash", "text"],
        "jenkins-pipeline": ["groovy", "yaml", "mermaid"],  # Build -> Test -> Deploy
        "shell-mixed": ["bash"],
    }
    for name, wanted in languages.items():
        fences = re.findall(r"(?m)^ *```(\w+)$", corpus[name].page.body)
        assert set(fences) == set(wanted), name
    # Every fence has a language (the site's Markdown check demands one).
    for name in NAMES:
        body = corpus[name].page.body
        opening = re.findall(r"(?m)^ *```+\w+$", body)
        assert len(opening) == len(re.findall(r"(?m)^ *```+$", body)), name
    # Output tables keep their alignment, character for character.
    assert "CONTAINER ID   IMAGE     COMMAND" in corpus["docker-basics"].article
    assert "nginx-pod   1/1     Running   0          12s" in corpus["k8s-yaml"].article


class _Blocks(HTMLParser):
    """Text of each paragraph, list item (own text) and heading."""

    OWNERS = frozenset(("p", "li", "dt", "h1", "h2", "h3"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.open: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.OWNERS or tag in ("ul", "ol", "dl"):
            if self.open and tag in ("ul", "ol", "dl", "p"):
                self._close()
            if tag in self.OWNERS:
                self.open.append([])
        if tag == "a" and ("class", "headerlink") in attrs:
            self.open.append(None)  # type: ignore[arg-type]

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.open and self.open[-1] is None:
            self.open.pop()
        elif tag in self.OWNERS and self.open:
            self._close()

    def _close(self) -> None:
        parts = self.open.pop()
        if parts is not None:
            self.texts.append(" ".join("".join(parts).split()))

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] is not None:
            self.open[-1].append(data)


def test_markdown_characters_show_literally(corpus) -> None:
    parser = _Blocks()
    parser.feed(corpus["traps"].html)
    shown = parser.texts[1:]  # after the H1
    wanted = [" ".join(arrows(line).split()) for line in TRAPS]
    assert shown == wanted


def test_notes_starting_like_metadata_keep_their_first_lines(corpus) -> None:
    for line in ("Topic: Docker", "Author: Ravi", "Date: today", "Body line"):
        assert line in corpus["topic"].article


def test_deep_nesting_builds(corpus) -> None:
    """60 levels of tabs: Python-Markdown nests up to the importer's cap, the
    rest stay as siblings; every word is there (see the word test)."""
    assert corpus["deep"].html.count("<li>") == 60


@pytest.mark.skipif(not (ROOT / "mkdocs.yml").exists(), reason="the site has no mkdocs.yml yet")
def test_pages_build_with_the_sites_own_config(tmp_path: Path) -> None:
    """The final proof: the site's real mkdocs.yml (theme, plugins, hooks,
    strict validation), every golden page listed in its nav by the
    importer's nav code, one strict build, every word on every page."""
    pages = {}
    for name, source, _ in golden_cases():
        pages[name] = convert(source.read_bytes(), pagecheck.shown(source), source.stem)
    articles = pagecheck.build_with_site_config(
        {name: page.text for name, page in pages.items()}, tmp_path
    )
    for name, page in pages.items():
        notes = decode(pagecheck.golden_source(name).read_bytes(), name)
        problems = missing_words(notes, articles[name], page.document.title_line)
        assert not problems, f"{name}: " + "\n".join(problems)


def test_long_lines_are_drawn_in_pieces_of_bounded_length(corpus) -> None:
    """A paragraph's cost in Python-Markdown grows with the square of its length,
    so no paragraph, item or heading of the page is longer than lex.LONG_LINE."""
    from scripts.importer.lex import LONG_LINE

    built = corpus["long-lines"]
    prose = re.sub(r"(?ms)^ *```text$.*?^ *```$", "", built.page.body)  # data: a text block
    shown = pagecheck.markdown_text(prose)  # escapes undone
    assert max(len(line.strip()) for line in shown.split("\n")) <= LONG_LINE + 4  # + "- " or ":   "
    assert "<h3" not in built.html and "heading599" in built.article  # not a heading
    assert built.html.count("<dt>") == 1  # the term keeps its (long) definition
    assert built.html.count("<pre") == 1  # the line of markup characters is data


def test_grouped_pages_keep_every_word_and_inline_code_cannot_end_a_group(corpus) -> None:
    from scripts.importer.render import GROUP_SIZE

    built = corpus["grouped"]
    assert built.page.body.count('<div markdown="1">') == 1251 // GROUP_SIZE + 1
    assert "echo '&lt;/div&gt;' &gt; page.html" in built.html
    assert built.html.count("<li") == 1101
    assert built.html.count("<dt>") == 1


def test_a_line_without_blanks_is_cut_where_no_arrow_is(tmp_path: Path) -> None:
    """Pieces of a blank-free line join up to the line again (nothing lost), and a
    line dense with markup characters is data, shown as typed in a text block."""
    from scripts.importer.render import pieces

    line = "abcdefghij-->klmnop==>qrstuvwxyz*" * 300 + "<-->" * 100 + "end" * 400
    parts = pieces(line, 2000)
    assert "".join(parts) == line
    assert all(len(part) <= 2000 for part in parts)
    assert not any(part.endswith(("-", "=", "<")) for part in parts)
    data = "x*y_z[w]<v>&#" * 500
    page = convert(f"Notes :::\n{line}\n{data}\n".encode(), "notes/x.txt", "x", frame=False)
    article = pagecheck.build_pages({"blank-free": page.text}, tmp_path)["blank-free"]
    assert "".join(article.split()).endswith(arrows(line) + data)
