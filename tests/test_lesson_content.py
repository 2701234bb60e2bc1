"""The Day 1 lesson, as built: it keeps every word of the instructor's notes, draws its
diagrams accessibly, ends with its questions, and the glossary defines the core terms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parent.parent
NOTES = ROOT / "notes" / "day-01.txt"
LESSON = "days/day-01/index.html"
GLOSSARY = "glossary/index.html"

# Typos in the notes that the lesson corrects: each word on the left may be missing from
# the page, as long as its correction on the right is there instead.
CORRECTED = {
    "stragies": "strategies",  # "Git Branching stragies"
    "intervension": "intervention",  # "manual approvals/intervension"
    # "Infra-Structure" is written as the one word it is.
    "infra": "infrastructure",
    "structure": "infrastructure",
}

# Terms the glossary must define (each a <dt> that contains the term).
CORE_TERMS = [
    "SDLC",
    "Requirement Analysis",
    "Waterfall",
    "Agile",
    "Iteration",
    "Core project",
    "Enhancement project",
    "Bug fixing",
    "UPI",
    "DevOps",
    "DevSecOps",
    "Shift Left",
    "Continuous Development",
    "Continuous Integration (CI)",
    "Continuous Testing",
    "Continuous Delivery (CD)",
    "Continuous Deployment (CD)",
    "Continuous Monitoring",
    "CI/CD",
    "Git branching",
    "IaC",
    "Terraform",
    "Ansible",
    "Provisioning",
    "Configuration",
    "Release management",
    "Production support",
    "On-prem infrastructure",
    "Cloud infrastructure",
    "Downtime",
    "Monolith application",
    "Tightly coupled",
    "Loosely coupled",
    "Micro-service architecture",
    "MLOps",
]


def words(text: str) -> set[str]:
    """Lower-cased words: runs of letters and digits."""
    return {word for word in re.split(r"[^0-9a-z]+", text.lower()) if word}


# Inline elements, which never separate words: "17<sup>th</sup>" (pymdownx.smartsymbols)
# is "17th", "(<abbr>CI</abbr>)" is "(CI)".
INLINE = "a, abbr, b, code, del, em, i, ins, kbd, mark, small, span, strong, sub, sup"


def article(site_dir: Path, page: str) -> Tag:
    """The page's <article>, its inline elements dissolved into their text, so that
    get_text(" ") separates blocks and cells but never splits a word."""
    soup = BeautifulSoup((site_dir / page).read_text(encoding="utf-8"), "html.parser")
    found = soup.select_one("article")
    assert found is not None, f"{page}: no <article>"
    for element in found.select("pre.mermaid"):
        element["data-source"] = element.get_text()  # kept whole for the diagram tests
    for element in found.select(INLINE):
        if not element.find_parent("pre"):
            element.unwrap()
    found.smooth()
    return found


@pytest.fixture(scope="module")
def lesson(site_dir: Path) -> Tag:
    return article(site_dir, LESSON)


@pytest.fixture(scope="module")
def prose(site_dir: Path) -> str:
    """The lesson's reading text: its diagrams' source left out, so that every word of
    the notes has to be in the prose, not only in a diagram."""
    page = article(site_dir, LESSON)
    for block in page.select("pre.mermaid"):
        block.decompose()
    return page.get_text(" ")


def test_the_typo_corrections_are_real():
    notes = words(NOTES.read_text(encoding="utf-8"))
    for typo in CORRECTED:
        assert typo in notes, f"{typo!r} is not in the notes: drop it from CORRECTED"


def test_lesson_keeps_every_word_of_the_notes(prose: str):
    page = words(prose)
    missing = []
    for word in sorted(words(NOTES.read_text(encoding="utf-8"))):
        expected = CORRECTED.get(word, word)
        if expected not in page:
            missing.append(word if expected == word else f"{word} (corrected: {expected})")
    assert missing == [], f"words of the notes missing from the lesson: {missing}"


def test_lesson_has_accessible_diagrams(lesson: Tag):
    blocks = [block["data-source"] for block in lesson.select("pre.mermaid")]
    assert len(blocks) >= 10, f"{len(blocks)} Mermaid diagrams, expected at least 10"
    for n, text in enumerate(blocks, 1):
        first = text.strip().splitlines()[0]
        assert re.search(r"^\s*accTitle\s*:\s*\S", text, re.M), (
            f"diagram {n} ({first}): no accTitle"
        )
        assert re.search(r"^\s*accDescr\s*:\s*\S", text, re.M), (
            f"diagram {n} ({first}): no accDescr"
        )


def test_first_diagram_is_a_flowchart(lesson: Tag):
    """The browser tests read the palette's label colour off the page's first diagram."""
    first = lesson.select_one("pre.mermaid")
    assert first is not None
    assert first["data-source"].split()[0] in {"flowchart", "graph"}


def test_check_yourself_has_six_to_ten_questions(lesson: Tag):
    heading = lesson.find("h2", id="check-yourself")
    assert heading is not None, "no 'Check yourself' section"
    questions = []
    for sibling in heading.find_next_siblings():
        if sibling.name in {"h1", "h2"}:
            break
        if sibling.name == "details":
            questions.append(sibling)
    assert 6 <= len(questions) <= 10, f"{len(questions)} questions in Check yourself"
    for details in questions:
        summary = details.find("summary")
        assert summary is not None and summary.get_text(strip=True).endswith("?")
        answer = details.get_text(" ", strip=True).removeprefix(summary.get_text(" ", strip=True))
        assert len(answer.split()) >= 5, f"no answer to {summary.get_text(strip=True)!r}"


def test_glossary_defines_the_core_terms(site_dir: Path):
    glossary = article(site_dir, GLOSSARY)
    defined = [dt.get_text(" ", strip=True).lower() for dt in glossary.select("dl > dt")]
    missing = [term for term in CORE_TERMS if not any(term.lower() in dt for dt in defined)]
    assert missing == [], f"terms the glossary does not define: {missing}"
    # Every definition links back to the lesson (links read before article() dissolves them).
    raw = BeautifulSoup((site_dir / GLOSSARY).read_text(encoding="utf-8"), "html.parser")
    for dd in raw.select("article dl > dd"):
        assert dd.select_one('a[href*="days/day-01/#"]'), dd.get_text(" ", strip=True)[:60]


def test_abbreviations_are_explained_on_every_page(site_dir: Path):
    for page in (LESSON, GLOSSARY, "index.html"):
        soup = BeautifulSoup((site_dir / page).read_text(encoding="utf-8"), "html.parser")
        titles = {abbr.get_text(): abbr.get("title") for abbr in soup.select("article abbr")}
        assert titles.get("SDLC") == "Software Development Life Cycle", page
        if page == LESSON:
            assert {"SDLC", "CI/CD", "IaC", "UPI", "DevOps", "MLOps"} <= set(titles)
        # Explained at the first use: no use the `abbr` extension cannot reach (plain
        # text here) comes before it. Later <abbr> become plain text in the browser
        # (overrides/partials/first-use-abbreviations.html, tests/browser/).
        terms = list(dict.fromkeys(abbr.get_text() for abbr in soup.select("article abbr")))
        for abbr in soup.select("article abbr"):
            abbr.replace_with(f"\0{abbr.get_text()}\0")
        text = soup.select_one("article").get_text()
        for term in terms:
            if any(term != other and term in other for other in terms):
                continue  # "CI" inside "CI/CD": not a use of its own
            plain = re.search(rf"(?<![\w\0/]){re.escape(term)}(?![\w\0/])", text)
            assert not plain or plain.start() > text.index(f"\0{term}\0"), (page, term)
