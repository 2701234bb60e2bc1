"""Adding lessons to mkdocs.yml's nav: in day order, under Lessons, every
comment, tag and other key of the hand-written file left as it was."""

from __future__ import annotations

import re

import pytest
import yaml
from mkdocs.utils.yaml import get_yaml_loader
from pagecheck import ROOT

from scripts.importer.nav import NavError, add_to_nav, load_config

SAMPLE = """\
# Site settings. Comments must survive the importer.
site_name: Course
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
site_url: !ENV [SITE_URL, "https://example.com/"]

# -- Page tree --
nav:
  - Home: index.md   # the landing page
  # Lessons, in day order.
  - Lessons:
      - "Day 1: Intro": days/day-01.md  # first day
      # (day 2 was a holiday)
      - "Day 3: Docker": days/day-03.md
  - Glossary: glossary.md

# trailing comment
extra:
  x: 1
"""


def _nav(text: str) -> list:
    """The nav as MkDocs itself loads it (its loader knows !ENV and python tags)."""
    return yaml.load(text, Loader=get_yaml_loader())["nav"]


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def test_inserts_in_day_order_keeping_everything_else() -> None:
    new = add_to_nav(SAMPLE, "Day 2: Git", "days/day-02.md", 2)
    assert _nav(new)[1] == {
        "Lessons": [
            {"Day 1: Intro": "days/day-01.md"},
            {"Day 2: Git": "days/day-02.md"},
            {"Day 3: Docker": "days/day-03.md"},
        ]
    }
    assert _comments(new) == _comments(SAMPLE)
    assert "!!python/name:material.extensions.emoji.twemoji" in new
    assert '!ENV [SITE_URL, "https://example.com/"]' in new
    assert new.replace('      - "Day 2: Git": days/day-02.md\n', "") == SAMPLE
    assert "  - Home: index.md   # the landing page\n" in new


def test_later_days_go_last_and_unnumbered_pages_at_the_end() -> None:
    new = add_to_nav(SAMPLE, "Day 10: MLflow", "days/day-10.md", 10)
    new = add_to_nav(new, "Cheatsheet", "days/cheatsheet.md", None)
    lessons = _nav(new)[1]["Lessons"]
    assert [next(iter(entry.values())) for entry in lessons] == [
        "days/day-01.md",
        "days/day-03.md",
        "days/day-10.md",
        "days/cheatsheet.md",
    ]


def test_an_existing_entry_is_updated_in_place_with_its_comment() -> None:
    new = add_to_nav(SAMPLE, "Day 1: Introduction to MLOps", "days/day-01.md", 1)
    assert '      - "Day 1: Introduction to MLOps": days/day-01.md  # first day\n' in new
    assert len(new.splitlines()) == len(SAMPLE.splitlines())
    assert add_to_nav(new, "Day 1: Introduction to MLOps", "days/day-01.md", 1) == new


def test_lessons_section_is_created_when_missing() -> None:
    text = "site_name: x\nnav:\n  - Home: index.md\n# after\ntheme: material\n"
    new = add_to_nav(text, "Day 1: Intro", "days/day-01.md", 1)
    assert _nav(new) == [{"Home": "index.md"}, {"Lessons": [{"Day 1: Intro": "days/day-01.md"}]}]
    assert new.endswith("# after\ntheme: material\n")


def test_nav_items_at_column_zero() -> None:
    text = "site_name: x\nnav:\n- Home: index.md\n- Lessons:\n  - Old: days/old.md\nextra: {}\n"
    new = add_to_nav(text, "Day 1: Intro", "days/day-01.md", 1)
    assert _nav(new)[1] == {"Lessons": [{"Old": "days/old.md"}, {"Day 1: Intro": "days/day-01.md"}]}


def test_titles_are_quoted_and_html_escaped() -> None:
    new = add_to_nav(SAMPLE, 'Day 4: "Ops" <b> & #1: done', "days/day-04.md", 4)
    entry = _nav(new)[1]["Lessons"][2]
    assert entry == {"Day 4: &quot;Ops&quot; &lt;b&gt; &amp; #1: done": "days/day-04.md"}


@pytest.mark.parametrize(
    "text",
    ["site_name: x\n", "site_name: x\nnav: [index.md]\n", "nav:\n  - Home: index.md\n  bad: [\n"],
)
def test_files_it_cannot_edit_safely_are_refused(text: str) -> None:
    with pytest.raises(NavError):
        add_to_nav(text, "Day 1: Intro", "days/day-01.md", 1)


@pytest.mark.skipif(not (ROOT / "mkdocs.yml").exists(), reason="the site has no mkdocs.yml yet")
def test_the_sites_own_mkdocs_yml() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    new = add_to_nav(text, "Day 2: Next", "days/day-02.md", 2)
    assert _comments(new) == _comments(text)
    assert re.sub(r'(?m)^ *- "Day 2: Next": days/day-02\.md\n', "", new) == text
    before, after = load_config(text), load_config(new)
    assert {k: v for k, v in before.items() if k != "nav"} == {
        k: v for k, v in after.items() if k != "nav"
    }
