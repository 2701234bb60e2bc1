"""scripts/core/config_edit.py: mkdocs.yml read and written back by ruamel.yaml's round
trip, byte for byte where nothing changed, and every edit checked by MkDocs' loader."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from scripts.core import config_edit
from scripts.core.config import load_text
from scripts.core.config_edit import EditError, edit, emit, insert, parse, quoted, render
from scripts.core.paths import CONFIG

REAL = CONFIG.read_text(encoding="utf-8")

# Layouts people write, which ruamel.yaml emits back byte for byte, whole.
REPRODUCED = {
    "flow-style nav": "site_name: x\nnav: [index.md, {Lessons: [days/day-01.md]}]  # short\n",
    "lists at column 0": (
        "site_name: x\nnav:\n- Home: index.md\n- Lessons:\n  - Old: days/old.md\nextra: {}\n"
    ),
    "comments between items": (
        "nav:\n"
        "  - Home: index.md   # the landing page\n"
        "  # Lessons, in day order.\n"
        "  - Lessons:\n"
        '      - "Day 1: Intro": days/day-01.md  # first\n'
        "      # (a holiday)\n"
        "\n"
        "      - 'Day 3: x # y': days/day-03.md\n"
        "  - Glossary: glossary.md\n"
        "\n"
        "# trailing comment\n"
        "extra:\n"
        "  x: 1\n"
    ),
    "a nav with no Lessons": "site_name: x\nnav:\n  - Home: index.md\n  - about.md\n",
    "quoted titles with `: ` and `#`": (
        "nav:\n"
        "  - Lessons:\n"
        '      - "Day 1: Intro #1": days/day-01.md\n'
        "      - 'Day 2: it''s: #2': days/day-02.md\n"
        '      - "Day 3: \\"quoted\\" \\\\ back": "days/day 03.md"\n'
    ),
    "unicode titles": (
        'nav:\n  - "Día 1: café ☕": days/day-01.md\n  - 日本語: x.md\n  - "😀 é": y.md\n'
    ),
    "tags and block scalars": (
        "site_url: !ENV [SITE_URL, 'https://example.com/']\n"
        "site_dir: !ENV SITE_DIR\n"
        "plugins:\n"
        "  - offline:\n"
        "      enabled: !ENV [OFFLINE, false]\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n"
        "  announce: >-\n"
        "    Folded\n"
        "    over lines.\n"
        "  note: |\n"
        "    Literal\n"
        "      indented\n"
    ),
    "anchors and aliases": "extra:\n  a: &shared {x: 1}\n  b: *shared\n",
}
LINE_ENDS = {
    "LF": lambda text: text,
    "CRLF": lambda text: text.replace("\n", "\r\n"),
    "no last line end": lambda text: text.removesuffix("\n"),
    "BOM": lambda text: "\ufeff" + text,
}
# Layouts ruamel.yaml rewrites when it emits them: kept by `render` all the same.
REWRITTEN = {
    "indentation that varies": (
        "theme:\n  features:\n    - a\nnav:\n- Home: index.md\n- Lessons:\n  - days/day-01.md\n",
        2,
    ),
    "a plain scalar over two lines": (
        "site_description: a long\n  plain scalar\nnav:\n  - Home: index.md\n",
        1,
    ),
    "a document start marker": ("---\nsite_name: x\nnav:\n  - Home: index.md\n", None),
    "an escape that need not be one": ('site_name: "caf\\u00e9"\nnav:\n  - Home: index.md\n', 1),
}


def _append_to_nav(data: CommentedMap) -> None:
    insert(data["nav"], len(data["nav"]), "new.md")


def _nav_gained_new_md(before: dict, after: dict) -> bool:
    return after == {**before, "nav": [*before["nav"], "new.md"]}


def test_ruamel_yaml_gives_back_our_mkdocs_yml_byte_for_byte() -> None:
    tagged = [line.strip() for line in REAL.splitlines() if re.search(r"!ENV |!!python/", line)]
    assert "enabled: !ENV [OFFLINE, false]" in tagged
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in tagged
    assert len(tagged) >= 6  # every tag is in the comparison below
    document = parse(REAL)
    assert emit(document) == REAL
    assert render(document) == REAL
    assert render(document) == REAL  # twice: a second dump once lost comments


@pytest.mark.parametrize("ends", LINE_ENDS)
@pytest.mark.parametrize("layout", REPRODUCED)
def test_odd_layouts_come_back_byte_for_byte(layout: str, ends: str) -> None:
    text = LINE_ENDS[ends](REPRODUCED[layout])
    document = parse(text)
    assert emit(document) == text
    assert render(document) == text


@pytest.mark.parametrize("layout", REWRITTEN)
def test_a_layout_ruamel_rewrites_is_kept_unless_its_section_changes(layout: str) -> None:
    text, line = REWRITTEN[layout]
    assert emit(parse(text)) != text  # what ruamel.yaml does with it: rewrites it
    assert render(parse(text)) == text
    if layout == "indentation that varies":  # the nav itself is consistent: editable
        updated = edit(text, _append_to_nav, _nav_gained_new_md)
        assert updated == text.replace("  - days/day-01.md\n", "  - days/day-01.md\n- new.md\n")
        return
    updated = edit(text, _append_to_nav, _nav_gained_new_md)  # the odd lines left alone
    assert updated.replace("  - new.md\n", "") == text
    if line is None:  # outside every key's section: no edit of data changes it
        return

    def change_the_odd_section(data: CommentedMap) -> None:
        key = next(iter(data))
        data[key] = f"{data[key]}!"

    with pytest.raises(EditError, match="would rewrite this line") as refused:
        edit(text, change_the_odd_section, lambda before, after: True)
    assert refused.value.line == line


def test_an_edit_re_emits_the_changed_section_only_with_its_own_indentation() -> None:
    text = "extra:\n    deep: 1\nnav:\n- Home: index.md\n"  # 4-space mapping, 0-indent list
    updated = edit(text, _append_to_nav, _nav_gained_new_md)
    assert updated == "extra:\n    deep: 1\nnav:\n- Home: index.md\n- new.md\n"


# Material's nav nests 2 deeper under `nav:` and 0 under an item's key, MkDocs' own 4 and 2:
# ruamel.yaml writes one indentation per dump.
NESTED_OTHERWISE = {
    "Material's": "nav:\n  - Home: index.md\n  - Guide:\n    - Setup: setup.md\n    - more.md\n",
    "MkDocs'": "nav:\n    - Home: index.md\n    - Guide:\n        - Setup: setup.md\n",
}


@pytest.mark.parametrize("layout", NESTED_OTHERWISE)
def test_a_section_nested_otherwise_gets_its_new_lines_at_its_own_depths(layout: str) -> None:
    text = NESTED_OTHERWISE[layout]
    assert emit(parse(text)) != text
    dash = text.split("\n")[1].index("-")  # the nav's items
    inner = text.split("\n")[3].index("-")  # the Guide's

    def change(data: CommentedMap) -> None:
        guide = data["nav"][1]["Guide"]
        insert(guide, len(guide), CommentedMap([("Deploy", "deploy.md")]))
        insert(data["nav"], len(data["nav"]), CommentedMap([("More", CommentedSeq(["a.md"]))]))

    def meant(before: dict, after: dict) -> bool:
        guide = [*before["nav"][1]["Guide"], {"Deploy": "deploy.md"}]
        return after["nav"] == [before["nav"][0], {"Guide": guide}, {"More": ["a.md"]}]

    added = " " * inner + "- Deploy: deploy.md\n"
    added += " " * dash + "- More:\n" + " " * inner + "- a.md\n"
    assert edit(text, change, meant) == text + added


def test_a_depth_the_section_has_not_is_refused() -> None:
    text = NESTED_OTHERWISE["Material's"]

    def change(data: CommentedMap) -> None:
        deeper = CommentedMap([("Deeper", CommentedSeq([CommentedMap([("x", ["y.md"])])]))])
        insert(data["nav"], len(data["nav"]), deeper)

    with pytest.raises(EditError, match="at a depth new to it") as refused:
        edit(text, change, lambda before, after: True)
    assert refused.value.line == 5  # the new lines would follow it


def test_a_section_whose_lines_ruamel_rewrites_otherwise_is_refused_at_its_line() -> None:
    text = "nav:\n  - Home: index.md\n  - Lessons:\n      - days/day-01.md   # a\n"
    text = text.replace("- Home: index.md", "- Home:   index.md")  # spaces ruamel.yaml drops
    with pytest.raises(EditError, match="would rewrite this line") as refused:
        edit(text, _append_to_nav, _nav_gained_new_md)
    assert refused.value.line == 2


def test_line_ends_of_each_line_are_kept() -> None:
    text = "site_name: x\r\nextra:\n  a: 1\nnav:\r\n  - Home: index.md\r\n"
    updated = edit(text, _append_to_nav, _nav_gained_new_md)
    assert updated == text + "  - new.md\r\n"
    no_last_end = "\ufeffsite_name: x\nnav:\n  - Home: index.md"
    updated = edit(no_last_end, _append_to_nav, _nav_gained_new_md)
    assert updated == no_last_end + "\n  - new.md"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("site_name: x\nnav:\r  - a.md\n", 2, "carriage return"),
        ("site_name: x\nnav:\n  - a.md\n  bad: [\n", 4, "MkDocs cannot read it"),
        ("- a\n- b\n", 1, "not a block mapping"),
        ("{site_name: x, nav: [a.md]}\n", 1, "not a block mapping"),
    ],
)
def test_files_it_cannot_read_are_refused_at_their_line(text: str, line: int, message: str) -> None:
    with pytest.raises(EditError, match=message) as refused:
        edit(text, _append_to_nav, _nav_gained_new_md)
    assert refused.value.line == line
    assert "\n" not in str(refused.value)  # one line


def test_an_edit_that_is_not_what_was_meant_returns_nothing() -> None:
    text = "site_name: x\nnav:\n  - a.md\n"
    with pytest.raises(EditError, match="change more than it should"):
        edit(text, _append_to_nav, lambda before, after: after == before)

    def break_it(data: CommentedMap) -> None:
        data["nav"].append(config_edit.python_name("no_such_module.anything"))

    with pytest.raises(EditError, match="unreadable by MkDocs"):
        edit(text, break_it, lambda before, after: True)


def test_no_change_gives_back_the_same_text() -> None:
    assert edit(REAL, lambda data: None, lambda before, after: False) == REAL


def test_an_item_put_last_goes_above_the_comments_of_what_follows() -> None:
    text = "nav:\n  - a.md  # about a\n  # still about a\n\n# -- Extra ----\nextra:\n  x: 1\n"
    updated = edit(text, _append_to_nav, _nav_gained_new_md)
    assert updated == text.replace("  # still about a\n", "  # still about a\n  - new.md\n")


def test_rename_and_replace_keep_the_space_before_an_end_of_line_comment() -> None:
    text = 'nav:\n  - "Day 1": days/day-01.md   # one\n  - days/day-02.md  # two\n'

    def change(data: CommentedMap) -> None:
        config_edit.rename(data["nav"][0], "Day 1", quoted("Day 1: longer"))
        config_edit.replace(data["nav"], 1, CommentedMap([(quoted("Day 2"), "days/day-02.md")]))

    def meant(before: dict, after: dict) -> bool:
        wanted = [{"Day 1: longer": "days/day-01.md"}, {"Day 2": "days/day-02.md"}]
        return after == {**before, "nav": wanted}

    assert edit(text, change, meant) == (
        'nav:\n  - "Day 1: longer": days/day-01.md   # one\n  - "Day 2": days/day-02.md  # two\n'
    )


def test_python_names_are_written_as_mkdocs_yml_writes_them() -> None:
    data = CommentedMap(
        [("format", config_edit.python_name("pymdownx.superfences.fence_div_format"))]
    )
    text = config_edit.new_text(data)
    assert text == "format: !!python/name:pymdownx.superfences.fence_div_format\n"
    assert load_text(text)["format"].__name__ == "fence_div_format"
    assert config_edit.python_names(parse(REAL).data) == [
        "material.extensions.emoji.twemoji",
        "material.extensions.emoji.to_svg",
        "mermaid2.fence_mermaid_custom",
    ]


# No deadline: an edit takes tens of milliseconds, more on a busy machine.
@given(st.text(max_size=40))
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_double_quoted_reads_back_as_it_was(value: str) -> None:
    text = "site_name: x\nnav:\n  - a.md\n"

    def change(data: CommentedMap) -> None:
        data["nav"].append(CommentedMap([(quoted(value), quoted(value + ".md"))]))

    def meant(before: dict, after: dict) -> bool:
        return after["nav"] == ["a.md", {value: value + ".md"}]

    updated = edit(text, change, meant)
    assert updated.startswith(text)
