"""Adding lessons to mkdocs.yml's nav: in day order, under Lessons, every
comment, tag and other key of the hand-written file left as it was, whatever
its layout; hostile titles and paths written so that they read back as they are."""

from __future__ import annotations

import html
import re

import pytest
import yaml
from budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.yaml import get_yaml_loader
from pagecheck import ROOT

from scripts.core.config import load_text as load_config
from scripts.importer.nav import NavError, add_to_nav
from tests.days import next_day

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
    ("text", "line"),
    [
        ("site_name: x\n", 1),  # no nav: MkDocs lists every page itself
        ("site_name: x\nnav:\n", 1),
        ("nav:\n  - Home: index.md\n  bad: [\n", 3),
        ("nav:\n  - Lessons: days/day-01.md\n", 1),
        # The entry's value on a line of its own: ruamel.yaml would join the lines.
        ('nav:\n  - Lessons:\n      - "Day 1":\n          days/day-01.md\n', 3),
        ("site_name: x\nnav:\n  - Home: index.md\n...\n", 4),  # ruamel.yaml drops `...`
    ],
)
def test_files_it_cannot_edit_safely_are_refused_at_their_line(text: str, line: int) -> None:
    with pytest.raises(NavError) as refused:
        add_to_nav(text, "Day 1: Intro", "days/day-01.md", 1)
    assert refused.value.line == line


# -- Layouts the text editor refused or got wrong, and odd ones it handled --


def test_a_flow_style_nav_gets_its_entry_in_flow_style() -> None:
    """It was refused ("no block-style `nav:`")."""
    text = "site_name: x\nnav: [index.md, {Lessons: [days/day-02.md]}]  # short\n"
    new = add_to_nav(text, "Day 1: Intro", "days/day-01.md", 1)
    assert new == (
        "site_name: x\n"
        'nav: [index.md, {Lessons: [{"Day 1: Intro": days/day-01.md}, days/day-02.md]}] # short\n'
    )


def test_a_flow_style_lessons_list_in_a_block_nav() -> None:
    """The entry went on a line of its own below `- Lessons: [...]`: refused."""
    text = "nav:\n  - Home: index.md\n  - Lessons: [days/day-01.md]\n"
    new = add_to_nav(text, "Day 2: Git", "days/day-02.md", 2)
    assert new == (
        'nav:\n  - Home: index.md\n  - Lessons: [days/day-01.md, {"Day 2: Git": days/day-02.md}]\n'
    )


def test_a_title_with_a_quoted_hash_is_updated_in_place() -> None:
    """The text editor read `'Day 3: x # y': days/day-03.md` as the path `x`, so a
    re-import added a second entry for the page, and the self-check refused it."""
    text = "nav:\n  - Lessons:\n      - 'Day 3: x # y': days/day-03.md  # third\n"
    new = add_to_nav(text, "Day 3: Docker #1", "days/day-03.md", 3)
    assert new == 'nav:\n  - Lessons:\n      - "Day 3: Docker #1": days/day-03.md  # third\n'


def test_an_entry_without_a_title_gets_one_in_place() -> None:
    text = "nav:\n  - Lessons:\n      - days/day-01.md  # one\n      - days/day-02.md\n"
    new = add_to_nav(text, "Day 1: Intro", "days/day-01.md", 1)
    assert new == text.replace("- days/day-01.md", '- "Day 1: Intro": days/day-01.md')


def test_the_last_lessons_entry_keeps_the_comments_below_it_in_their_place() -> None:
    text = (
        "nav:\n"
        "  - Lessons:\n"
        '      - "Day 1: Intro": days/day-01.md\n'
        "      # (more days to come)\n"
        "\n"
        "# -- Customisation --\n"
        "extra:\n"
        "  x: 1\n"
    )
    new = add_to_nav(text, "Day 2: Git", "days/day-02.md", 2)
    assert new == text.replace(
        "      # (more days to come)\n",
        '      # (more days to come)\n      - "Day 2: Git": days/day-02.md\n',
    )


def test_a_new_lessons_section_goes_above_the_comments_of_what_follows() -> None:
    text = "nav:\n  - Home: index.md  # home\n\n# -- Customisation --\nextra:\n  x: 1\n"
    new = add_to_nav(text, "Day 1: Intro", "days/day-01.md", 1)
    assert new == text.replace(
        "# home\n", '# home\n  - Lessons:\n      - "Day 1: Intro": days/day-01.md\n'
    )


def test_a_nav_at_column_zero_in_a_file_indented_otherwise() -> None:
    text = "theme:\n  features:\n    - toc.follow\n"
    text += "nav:\n- Home: index.md\n- Lessons:\n  - Old: old.md\n"
    new = add_to_nav(text, "Day 1: Intro", "days/day-01.md", 1)
    assert new == text + '  - "Day 1: Intro": days/day-01.md\n'


@pytest.mark.parametrize(
    ("nav", "nested"),
    [
        ("nav:\n  - Home: index.md\n  - Lessons:\n    - {day1}\n  - Glossary: glossary.md\n", 4),
        ("nav:\n    - Home: index.md\n    - Lessons:\n        - {day1}\n", 8),
        ("nav:\n  - Home: index.md\n  - Guide:\n    - guide.md\n", 4),  # no Lessons yet
    ],
    ids=["Material's nesting", "MkDocs' nesting", "Material's, no Lessons"],
)
def test_navs_nested_as_material_and_mkdocs_nest_them(nav: str, nested: int) -> None:
    """ruamel.yaml writes every list of a dump nested alike; these navs nest the
    lessons otherwise than the nav. The text editor handled them: so does this."""
    text = nav.format(day1='"Day 1: Intro": days/day-01.md')
    new = add_to_nav(text, "Day 2: Git", "days/day-02.md", 2)
    entry = " " * nested + '- "Day 2: Git": days/day-02.md\n'
    if "Lessons" in text:
        assert new == text.replace("days/day-01.md\n", "days/day-01.md\n" + entry)
    else:
        assert new == text + "  - Lessons:\n" + entry


def test_crlf_line_ends_stay() -> None:
    text = SAMPLE.replace("\n", "\r\n")
    new = add_to_nav(text, "Day 2: Git", "days/day-02.md", 2)
    assert new.replace('      - "Day 2: Git": days/day-02.md\r\n', "") == text


@pytest.mark.parametrize(
    ("title", "path"),
    [
        ("Day 5: *bold* & 'quotes' \"dq\" `code` | > % @ ! ? {x} [y]", "days/day-05.md"),
        ("- Day 5: looks like a list", "days/day 05 (copy).md"),
        ("Day 5: ümlaut, 日本語, emoji 😀, rtl עברית", "days/día 05 #1.md"),
        ("Day 5: yes", "yes"),  # a boolean to YAML 1.1 if it were written plain
        ("Day 5: null", "1.0"),
        ("Day 5: \\back\\slash\t tab\u2028line", "days/a: b.md"),
    ],
)
def test_hostile_titles_and_paths_come_out_valid_and_escaped(title: str, path: str) -> None:
    new = add_to_nav(SAMPLE, title, path, 5)
    lessons = _nav(new)[1]["Lessons"]
    shown = html.escape(" ".join(title.split()))
    assert {shown: path} in lessons
    assert len(new.splitlines()) == len(SAMPLE.splitlines()) + 1


# No deadline: an edit takes tens of milliseconds, more on a busy machine.
@given(st.text(max_size=30), st.text(min_size=1, max_size=30))
@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_title_and_path_are_listed_as_they_are(title: str, path: str) -> None:
    new = add_to_nav(SAMPLE, title, path, 5)
    assert {html.escape(" ".join(title.split())): path} in _nav(new)[1]["Lessons"]
    assert add_to_nav(new, title, path, 5) == new  # listed once: a second time changes nothing


@pytest.mark.skipif(not (ROOT / "mkdocs.yml").exists(), reason="the site has no mkdocs.yml yet")
def test_the_sites_own_mkdocs_yml() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    number = next_day()  # a day the course has not reached, whichever it has
    new = add_to_nav(text, f"Day {number}: Next", f"days/day-{number:02}.md", number)
    assert _comments(new) == _comments(text)
    entry = rf'(?m)^ *- "Day {number}: Next": days/day-{number:02}\.md\n'
    assert re.sub(entry, "", new) == text
    before, after = load_config(text), load_config(new)
    assert {k: v for k, v in before.items() if k != "nav"} == {
        k: v for k, v in after.items() if k != "nav"
    }
