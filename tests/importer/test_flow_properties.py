"""Properties of drafted diagrams on random notes shaped like flows (Hypothesis):
every word a diagram shows is a word of the notes, drafting is stable and only
adds, and every drafted diagram parses in the vendored Mermaid (batched: one
Chromium launch per batch of notes files)."""

from __future__ import annotations

import re

import pagecheck
import pytest
from budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.core import diagram_rules
from scripts.importer import flows
from scripts.importer.pipeline import convert_text

# Words of notes. A step (a list item, a link of a chain) holding a code
# character, a command or a user-interface word is no step, so steps mostly get
# plain words and characters that only need escaping; labels, titles and block
# names may hold anything at all.
ESCAPED = [*'"#&%*_~^/()!@+', "'", "&amp;", "fa:fa-car", "%%", "end", "graph", "subgraph"]
ESCAPED += ["\u00e9t\u00e9", "\u6f22\u5b57", "\u00a0", "C#", "A&B", "100%", "*x*", "_y_"]
WILD = [*"<>`{}[]|\\;=$?", "#quot;", "#35;", "<b>", "</script>", "%%{init:", "}%%", "-->", "```"]
PLAIN_WORD = st.from_regex(r"[A-Za-z][a-z]{0,7}|\d{1,3}(st|nd|th)?", fullmatch=True)
ANY_TEXT = st.text(
    alphabet=st.characters(whitelist_categories=("L", "M", "N", "P", "S", "Zs")),
    min_size=1,
    max_size=6,
)
# Six in ten plain, three escaped, one wild (one_of alone would pick evenly).
STEP_WORD = st.integers(0, 9).flatmap(
    lambda n: (
        PLAIN_WORD
        if n < 6
        else st.sampled_from(ESCAPED)
        if n < 9
        else st.one_of(st.sampled_from(WILD), ANY_TEXT)
    )
)
WORD = st.one_of(PLAIN_WORD, st.sampled_from(ESCAPED), st.sampled_from(WILD), ANY_TEXT)
PHRASE = st.lists(STEP_WORD, min_size=1, max_size=4).map(" ".join)
ARROW = st.sampled_from(
    ["->", "-->", "=>", "==>", "\u2192", "\u21d2", " -> ", " --> ", " ==> ", "---->", "-- >"]
)
# Bullets, numbers, leads ("-- ", "** ") and none at all (plain lines under a label).
BULLET = st.sampled_from(["- ", "* ", "\u2022 ", "1. ", "2) ", "-- ", "** ", ""])
LABEL = st.builds(
    lambda words, name, ending: f"{words} {name}{ending}".strip(),
    st.lists(WORD, max_size=2).map(" ".join),
    st.sampled_from([*sorted(flows.SEQUENCE_WORDS), "Life Cycle", "Stages", "Project"]),
    st.sampled_from(["", " :", ":", " :::", " ::"]),
)
NOTE = st.one_of(st.just(""), st.just(""), st.builds(lambda a, p: f" {a} {p}", ARROW, PHRASE))


@st.composite
def items(draw, most: int = 7) -> list[str]:
    """A list: one bullet for all its items (a mixed list is no list)."""
    bullet = draw(BULLET)
    # Items that differ in their first words (a list of alike items is of kinds).
    phrases = draw(
        st.lists(
            st.tuples(PHRASE, NOTE),
            min_size=3,
            max_size=most,
            unique_by=lambda t: (t[0].split() or [""])[0],
        )
    )
    return [bullet + phrase + note for phrase, note in phrases]


@st.composite
def sequence(draw) -> str:
    indent = draw(st.sampled_from(["", "\t"]))
    lines = draw(items())
    return "\n".join([indent + draw(LABEL), *(indent + "\t" + line for line in lines)])


@st.composite
def blocks(draw) -> str:
    lines = draw(items(5))
    word = draw(st.sampled_from(["Iteration", "Sprint", "Round", "iteration"]))
    heads = draw(st.lists(PHRASE, min_size=2, max_size=4))
    return "\n\n".join(
        "\n".join([f"{word} {n}: {head}", *("\t" + line for line in lines)])
        for n, head in enumerate(heads, 1)
    )


@st.composite
def chain(draw) -> str:
    steps = draw(st.lists(PHRASE, min_size=3, max_size=5))
    arrows = draw(st.lists(ARROW, min_size=len(steps) - 1, max_size=len(steps) - 1))
    return steps[0] + "".join(f" {a} {s}" for a, s in zip(arrows, steps[1:], strict=True))


@st.composite
def dashes(draw) -> str:
    """Steps joined by "--" ("Fetch -- Build -- Ship")."""
    return " -- ".join(draw(st.lists(PHRASE, min_size=3, max_size=5)))


@st.composite
def heading_series(draw) -> str:
    """A heading naming a sequence, then numbered headings, each with a line of its own."""
    label = draw(LABEL).rstrip(": ")
    phrases = draw(st.lists(PHRASE, min_size=3, max_size=6))
    numbered = (f"## {n}. {phrase}\n\n{draw(OTHER) or 'x'}" for n, phrase in enumerate(phrases, 1))
    return f"# {label}\n\n" + "\n\n".join(numbered)


@st.composite
def nested_chain(draw) -> str:
    steps = draw(st.lists(PHRASE, min_size=3, max_size=5))
    arrows = draw(st.lists(ARROW, min_size=len(steps) - 1, max_size=len(steps) - 1))
    lines = [steps[0]] + [
        "\t" * depth + arrow.strip() + " " + step
        for depth, (arrow, step) in enumerate(zip(arrows, steps[1:], strict=True), 1)
    ]
    return "\n".join(lines)


@st.composite
def described(draw) -> str:
    """Numbered steps, each followed by a line saying what it does, at one indent."""
    steps = draw(st.lists(st.tuples(PHRASE, OTHER), min_size=3, max_size=5))
    lines = [f"\t{n}) {step}\n\t{what or 'x'}" for n, (step, what) in enumerate(steps, 1)]
    return draw(LABEL) + "\n" + "\n".join(lines)


@st.composite
def titled(draw) -> str:
    """A title underlined with dashes or equals signs, or a heading and a sentence,
    over a list or a chain; or numbered headings in keycap emoji."""
    label = draw(LABEL).rstrip(": ")
    body = draw(st.one_of(items().map("\n".join), chain()))
    form = draw(st.integers(0, 2))
    if form == 0:
        return f"{label}\n{draw(st.sampled_from('-=')) * max(3, len(label))}\n{body}"
    if form == 1:
        return f"# {label}\n\n{draw(OTHER)} and then a sentence of five words.\n{body}"
    phrases = draw(st.lists(PHRASE, min_size=3, max_size=5))
    keycaps = (
        f"## {n}\ufe0f\u20e3 {phrase}\n{draw(OTHER) or 'x'}" for n, phrase in enumerate(phrases, 1)
    )
    return f"# {label}\n\n" + "\n\n".join(keycaps)


OTHER = st.lists(WORD, max_size=6).map(" ".join)
# A flow that flows.py always draws when it stands alone: plain distinct words.
PLAIN = st.from_regex(r"[A-Z][a-z]{2,7}", fullmatch=True).filter(
    lambda w: (
        w.casefold() not in flows.TOOLS | flows.UI_WORDS | flows.IMPERATIVES | flows.SENTENCE_WORDS
    )
)
SURE = st.lists(PLAIN, min_size=3, max_size=6, unique=True).map(
    lambda words: "Stages\n" + "\n".join(f"\t- {word}" for word in words)
)
FLOW_NOTES = st.builds(
    lambda pieces, sure: "\n\n".join([*pieces, sure]) + "\n",
    st.lists(
        st.one_of(
            sequence(),
            blocks(),
            chain(),
            dashes(),
            nested_chain(),
            heading_series(),
            described(),
            titled(),
            OTHER,
        ),
        max_size=6,
    ),
    SURE,
)


def _check_page(notes: str) -> list[str]:
    """The page's diagrams, after checking what needs no browser."""
    document, body = convert_text(notes, "n", source="notes/n.txt")
    assert convert_text(notes, "n", source="notes/n.txt")[1] == body  # stable
    assert pagecheck.invented_words(notes, body) == []
    assert not pagecheck.missing_words_markdown(notes, body, document.title_line)
    found = pagecheck.diagrams(body)
    for text in found:
        assert text.startswith("%% drafted from notes/n.txt:")
        assert re.search(r"(?m)^    accTitle: \S", text)
        assert re.search(r"(?m)^    accDescr: \S", text)
        # Raw `<`, `>`, `&` only in Mermaid's own links.
        assert not re.search(r"[<&]|(?<![-=])>", text), text
        # Within what Mermaid draws at all (its maxTextSize and maxEdges).
        # Mermaid's limits, counted as the checks count them (core/diagram_rules.py).
        assert diagram_rules.size_problems(text) == []
    return found


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FLOW_NOTES)
def test_every_word_of_a_drafted_diagram_is_a_word_of_the_notes(notes: str) -> None:
    _check_page(notes)


@pytest.mark.browser
@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(FLOW_NOTES, min_size=8, max_size=8))
def test_every_drafted_diagram_parses(batch: list[str]) -> None:
    """8 random notes files a batch; all their diagrams parsed in one Chromium launch."""
    from scripts import check_diagrams

    texts = [text for notes in batch for text in _check_page(notes)]
    assert texts, "the batch drafted no diagram at all"
    messages = check_diagrams.parse_in_chromium(texts)
    failures = [(t, m) for t, m in zip(texts, messages, strict=True) if m]
    assert failures == []


# Items of words and the punctuation of names, and a few characters that send an
# item the long way (a colon, a tab, a code character, a dash after a blank).
ITEM_TEXT = st.lists(
    st.sampled_from(
        [*"aZ9 /&().,'\"+%!-:\t=*`>#?_", "Step 2) ", "git ", "Go ", "the ", "is", "new", "jenkins"]
    ),
    min_size=1,
    max_size=24,
).map("".join)


@settings(max_examples=examples(500), deadline=None)
@given(ITEM_TEXT, st.sampled_from(["-", "", "1."]))
def test_the_short_way_of_judging_an_item_gives_what_the_long_way_gives(
    text: str, marker: str
) -> None:
    body = text.strip()
    if body:
        assert flows._judge.__wrapped__(marker, body, "") == flows._judge_fully(marker, body, "")
