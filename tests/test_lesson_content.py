"""The Day 1 lesson, as built: it keeps every word of the instructor's notes, says no
more than they support outside its "Beyond the class" boxes, draws its diagrams
accessibly, carries the lesson frame, ends with its questions, and the glossary defines
the core terms."""

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
    # "Super-Market" likewise, written "supermarket" throughout.
    "super": "supermarket",
    "market": "supermarket",
    # "Continuous Deployments": the practice's name is singular, as for the others.
    "deployments": "deployment",
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


def check_yourself(lesson: Tag) -> dict[str, list[Tag]]:
    """The collapsible questions of "Check yourself", under each of its h3 headings."""
    heading = lesson.find("h2", id="check-yourself")
    assert heading is not None, "no 'Check yourself' section"
    groups: dict[str, list[Tag]] = {}
    group = ""
    for sibling in heading.find_next_siblings():
        if sibling.name in {"h1", "h2"}:
            break
        if sibling.name == "h3":
            group = sibling.get_text(" ", strip=True).removesuffix("¶").strip().lower()
        elif sibling.name == "details":
            groups.setdefault(group, []).append(sibling)
    return groups


def test_check_yourself_has_recall_and_application_questions(lesson: Tag):
    groups = check_yourself(lesson)
    assert set(groups) == {"recall", "apply"}, f"question groups: {sorted(groups)}"
    assert len(groups["recall"]) >= 6, f"{len(groups['recall'])} recall questions"
    assert len(groups["apply"]) >= 5, f"{len(groups['apply'])} application questions"
    for details in groups["recall"] + groups["apply"]:
        summary = details.find("summary")
        assert summary is not None and summary.get_text(strip=True).endswith("?")
        assert "question" in details.get("class", []), "answers stay collapsible (???)"
        assert not details.has_attr("open"), "answers start closed"
        answer = details.get_text(" ", strip=True).removeprefix(summary.get_text(" ", strip=True))
        assert len(answer.split()) >= 5, f"no answer to {summary.get_text(strip=True)!r}"
    # The application questions cover what the issue asked for: a monolith at a bank,
    # the DevOps definition, Git branching, Terraform against Ansible, and downtime.
    applied = [d.get_text(" ", strip=True).lower() for d in groups["apply"]]
    for needed in (
        ("bank", "monolith", "delivery", "deployment"),
        ("devops", "collaboration"),
        ("branch", "merge"),
        ("terraform", "ansible"),
        ("downtime",),
    ):
        assert any(all(word in text for word in needed) for text in applied), needed


def admonitions(page: Tag, kind: str) -> list[Tag]:
    return page.select(f"div.admonition.{kind}, details.{kind}")


def title(admonition: Tag) -> str:
    found = admonition.select_one(".admonition-title, summary")
    return found.get_text(" ", strip=True) if found else ""


def test_lesson_frame_opens_and_closes_day_1(lesson: Tag):
    """Questions, objectives and prerequisites before the first section; the key
    points after the questions of "Check yourself", last on the page."""
    first_section = lesson.find("h2")
    opening = [
        (" ".join(element.get("class", [])), title(element))
        for element in first_section.find_previous_siblings("div")
        if "admonition" in element.get("class", [])
    ][::-1]
    assert opening[:3] == [
        ("admonition question", "Questions"),
        ("admonition abstract", "Objectives"),
        ("admonition info", "Before you start"),
    ], opening
    key_points = [a for a in admonitions(lesson, "success") if title(a) == "Key points"]
    assert len(key_points) == 1
    assert key_points[0].find_previous_sibling("h2", id="check-yourself") is not None
    assert key_points[0].find_next_sibling(["h2", "details"]) is None, "Key points come last"
    questions = [a for a in admonitions(lesson, "question") if title(a) == "Questions"]
    for box in [*questions, key_points[0]]:
        assert len(box.select("li")) >= 3, title(box)


def test_timeline_shows_the_annotations_and_claims_no_more(prose: str, lesson: Tag):
    """The core project's annotations, as given in class; only the safe reading."""
    text = " ".join(prose.split())
    assert "==> 11 Months" in text and "--> 6th Month" in text
    assert (
        "a long project: coding/development is reached only around the 6th month, and users"
        " see nothing until the whole application is released" in text
    )
    for claim in ("months against", "11 months of", "in the 6th month", "at the 6th month"):
        assert claim not in text.lower(), claim
    core = [
        block["data-source"]
        for block in lesson.select("pre.mermaid")
        if "Core project" in block["data-source"]
    ]
    assert len(core) == 1 and "==> 11 Months" in core[0] and "--> 6th Month" in core[0]


def test_glossary_core_project_claims_no_more(site_dir: Path):
    glossary = article(site_dir, GLOSSARY)
    entry = next(dt for dt in glossary.select("dl > dt") if "Core project" in dt.get_text())
    text = " ".join(entry.find_next_sibling("dd").get_text(" ").split())
    assert "11 months" not in text.lower()
    assert "reached only around the 6th month" in text


def mermaid_statements(source: str) -> list[str]:
    """A diagram's statements, without its configuration (YAML front matter between
    `---` lines) and its accessibility lines."""
    source = re.sub(r"\A\s*---\n.*?\n\s*---\n", "", source, flags=re.DOTALL)
    return [
        line.strip()
        for line in source.strip().splitlines()
        if line.strip() and not re.match(r"\s*acc(Title|Descr)\b", line)
    ]


def test_shift_left_runs_left_to_right_with_security_before_dev(lesson: Tag):
    """Drawn top-down, "left" read as "top". The browser test
    (tests/browser/test_diagrams.py) checks where Security lands on screen."""
    shift = [
        b["data-source"] for b in lesson.select("pre.mermaid") if "Shift Left" in b["data-source"]
    ]
    assert len(shift) == 1
    statements = mermaid_statements(shift[0])
    assert statements[0] == "flowchart LR", statements[0]
    # An edge from Security to Dev (--> or -.->) puts Security in the rank before Dev.
    assert re.search(r'\["Security"\][^\n]*-(?:-|\.-)>[^\n]*\["Dev"\]', shift[0])


LESSON_PAGES = sorted(path.stem for path in (ROOT / "docs" / "days").glob("day-*.md"))
# Students never see the instructor's notes: a lesson writes for them.
ABOUT_THE_NOTES = re.compile(
    r"\b(?:the|these|those|our|my|class|instructor['\u2019]s)\s+notes\b", re.IGNORECASE
)


@pytest.mark.parametrize("day", LESSON_PAGES)
def test_lessons_never_talk_about_the_notes(site_dir: Path, day: str):
    text = " ".join(article(site_dir, f"days/{day}/index.html").get_text(" ").split())
    found = [m.group(0) for m in ABOUT_THE_NOTES.finditer(text)]
    assert found == [], f"{day}: {found}"


DEFINING = "is a process used to release the changes to the production environment"


def test_delivery_and_deployment_are_defined_once_each(lesson: Tag, prose: str):
    for practice in ("Continuous Delivery", "Continuous Deployment"):
        blocks = [a for a in admonitions(lesson, "note") if title(a) == f"Definition: {practice}"]
        assert len(blocks) == 1, f"{practice}: {len(blocks)} definition blocks"
        assert DEFINING in " ".join(blocks[0].get_text(" ").split())
        anchor = practice.lower().replace(" ", "-")
        heading = blocks[0].find_previous_sibling(["h2", "h3"])
        assert heading.get("id") == anchor, f"no #{anchor} heading to link to"
    # Nowhere else on the page: not in a table, a tab, nor another section.
    assert " ".join(prose.split()).count(DEFINING) == 2


def test_links_lead_to_the_single_definitions(site_dir: Path):
    raw = BeautifulSoup((site_dir / LESSON).read_text(encoding="utf-8"), "html.parser")
    for anchor in ("#continuous-delivery", "#continuous-deployment"):
        assert len(raw.select(f'article a[href="{anchor}"]')) >= 2, anchor
    glossary = (site_dir / GLOSSARY).read_text(encoding="utf-8")
    assert "days/day-01/#continuous-delivery" in glossary
    assert "days/day-01/#continuous-deployment" in glossary


def beyond_text(page: Tag) -> str:
    return " ".join(" ".join(a.get_text(" ").split()) for a in admonitions(page, "beyond"))


def test_additions_beyond_the_class_are_marked(lesson: Tag):
    """What the site adds goes in "Beyond the class" boxes; the class's own rule is
    stated as the class's."""
    boxes = admonitions(lesson, "beyond")
    assert boxes and all(title(box).startswith("Beyond the class") for box in boxes)
    inside = beyond_text(lesson)
    for addition in (
        "Monoliths are deployed continuously too",
        "continuous deployment at scale",
        "Terraform provisions",
        "Ansible configures",
        "CI/CD",
    ):
        assert addition in inside, addition
    outside = article_without(lesson, "div.admonition.beyond, details.beyond")
    for claim in ("machine-learning", "machine learning", "continuous deployment at scale"):
        assert claim not in outside.lower(), claim
    assert "by the rule given in class" in outside.lower()


def article_without(page: Tag, selector: str) -> str:
    copy = BeautifulSoup(str(page), "html.parser")
    for element in copy.select(selector):
        element.decompose()
    return " ".join(copy.get_text(" ").split())


def test_glossary_and_home_keep_to_what_the_class_said(site_dir: Path):
    glossary = article(site_dir, GLOSSARY)
    for dt in glossary.select("dl > dt"):
        text = " ".join(dt.find_next_sibling("dd").get_text(" ").split()).lower()
        name = dt.get_text(" ").lower()
        if "mlops" in name:
            assert not any(c in text for c in ("amazon", "facebook", "netflix")), text
        if "production environment" in name:
            assert "after a manual approval" in text
        if name.startswith(("continuous deployment", "micro-service", "monolith")):
            assert "by the rule given in class" in text and "in practice" in text, name
    home = " ".join(article(site_dir, "index.html").get_text(" ").split()).lower()
    assert "machine-learning" not in home and "machine learning" not in home


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
