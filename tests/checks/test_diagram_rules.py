"""scripts/core/diagram_rules.py: what a diagram may not say, read statement by
statement as Mermaid reads it, and Mermaid's size limits; shared by `make diagrams`,
`make security` and the importer's drafter."""

from __future__ import annotations

import pytest

from scripts.core import diagram_rules as rules

HEAD = "flowchart LR\n    accTitle: T\n    accDescr: D.\n"


def refused(body: str) -> list[str]:
    return [statement for _, statement in rules.interactions(HEAD + body)]


@pytest.mark.parametrize(
    ("body", "statement"),
    [
        ('    A --> B; click A href "https://example.com/"', 'click A href "https://example.com/"'),
        ("    A --> B ;click A call alert()", "click A call alert()"),
        ('    click A "https://example.com/"', 'click A "https://example.com/"'),
        ('    A-->B;link A "https://example.com/"', 'link A "https://example.com/"'),
        ('    callback A "f"', 'callback A "f"'),
        (
            '    links Alice: {"Docs": "https://example.com/"}',
            'links Alice: {"Docs": "https://example.com/"}',
        ),
        ("    link Alice: Docs @ https://example.com/", "link Alice: Docs @ https://example.com/"),
        (
            '    Person(a, "A", $link="https://example.com/")',
            'Person(a, "A", $link="https://example.com/")',
        ),
        ('    E@{ img: "https://example.com/x.png" }', 'E@{ img: "https://example.com/x.png" }'),
        ("    E@{ img: //example.com/x.png }", "E@{ img: //example.com/x.png }"),
        (
            "    E@{ label: 'x', img: 'ht\ttps://example.com/x.png' }",
            "E@{ label: 'x', img: 'ht\ttps://example.com/x.png' }",
        ),
        (
            "    style A fill:url(https://example.com/x.png)",
            "style A fill:url(https://example.com/x.png)",
        ),
        (
            "    style A fill:u\\72l(https://example.com/x.png)",
            "style A fill:u\\72l(https://example.com/x.png)",
        ),
        ('    %%{init: {"themeCSS": "x"}}%%', '%%{init: {"themeCSS": "x"}}%%'),
        (
            '    %%{init: {"themeVariables": {"a": "\\u0075rl(x)"}}}%%',
            '%%{init: {"themeVariables": {"a": "\\u0075rl(x)"}}}%%',
        ),
    ],
)
def test_statements_that_link_call_or_load_are_refused(body: str, statement: str) -> None:
    assert refused(body) == [statement]


@pytest.mark.parametrize(
    "body",
    [
        '    E@{ img: "../assets/logo.png", label: "Ours" }',
        "    linkStyle 0 stroke:#f00",
        "    %% click A href https://example.com/ (a comment)",
        '    A["Click the button"] --> B[Links are fine in text]',
        "    style A fill:#f9f,stroke:#333",
    ],
)
def test_what_draws_only_passes(body: str) -> None:
    assert refused(body) == []


def test_a_front_matter_setting_with_escapes_is_refused() -> None:
    text = '---\nconfig:\n  themeVariables:\n    primaryColor: "\\x75rl(x)"\n---\n' + HEAD
    assert [s for _, s in rules.interactions(text)] == ['primaryColor: "\\x75rl(x)"']


def test_statements_split_at_newlines_and_semicolons_comments_left_out() -> None:
    found = rules.statements("graph TD\n%% a; comment\n  A-->B; B-->C\n\n  C-->D;")
    assert [(s.line, s.text) for s in found] == [
        (0, "graph TD"),
        (2, "A-->B"),
        (2, "B-->C"),
        (4, "C-->D"),
    ]


@pytest.mark.parametrize(
    ("body", "problems"),
    [
        ("    accTitle:\n    accDescr: D.\n", [(0, "empty `accTitle:`")]),
        ("    accTitle: T\n    accDescr:   \n", [(1, "empty `accDescr`")]),
        ("    accTitle: T\n    accDescr {\n    }\n", [(1, "empty `accDescr`")]),
        ("    accTitle: T\n    accDescr {\n    Said here.\n    }\n", []),
        ("    accDescr: D.\n", [(None, "diagram has no accessible title")]),
    ],
)
def test_an_empty_or_missing_title_or_description(body: str, problems: list) -> None:
    """Each problem at its 0-based line (None: missing), its message's start."""
    found = rules.accessibility_problems("flowchart LR\n" + body)
    assert len(found) == len(problems), found
    for (line, text), (expected, start) in zip(found, problems, strict=True):
        assert (line - 1 if line is not None else None) == expected, found
        assert text.startswith(start), found


@pytest.mark.parametrize(
    ("body", "count"),
    [
        ("A --> B --> C", 2),
        ("A & B --> C & D", 4),
        ("A & B --> C --> D & E & F", 5),
        ("A -- yes --> B", 1),
        ("A -. maybe .-> B", 1),
        ("A == sure ==> B", 1),
        ("A --- B ~~~ C --o D --x E <--> F", 5),
        ('A["a --> b"] --> B', 1),
    ],
)
def test_edges_are_counted_as_mermaid_counts_them(body: str, count: int) -> None:
    assert rules.edges(f"flowchart LR\n    {body}\n") == count


def test_only_flowcharts_have_an_edge_limit() -> None:
    assert rules.edges("sequenceDiagram\n    A->>B: hi\n") == 0


def test_length_counts_as_javascript_does() -> None:
    assert rules.length("a\U0001f600") == 3  # an emoji outside the BMP is two units


def test_size_limits() -> None:
    chain = "".join(f"    n{n} --> n{n + 1}\n" for n in range(rules.MAX_EDGES))
    assert rules.size_problems(HEAD + chain) == []
    assert rules.size_problems(HEAD + chain + "    x --> y\n")[0].startswith("flowchart of 501")
    text = HEAD + '    A["' + "x" * (rules.MAX_TEXT_SIZE - len(HEAD) - 20) + '"]\n'
    assert rules.length(text) <= rules.MAX_TEXT_SIZE and rules.size_problems(text) == []
    assert rules.size_problems(text + "x" * 30)[0].startswith("diagram of 50,0")
