"""The drafter never drafts a diagram that `make diagrams` would refuse: Mermaid's
size limits and a non-empty accTitle/accDescr (scripts/core/diagram_rules.py, the
one place the limits live, shared by the drafter and the checks)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.core import diagram_rules as rules
from scripts.importer.pipeline import convert_text

FENCE = re.compile(r"^```mermaid\n(.*?)\n```", re.MULTILINE | re.DOTALL)
CHAIN = ": Commit -> Build -> Test -> Deploy\n"


def drafted(notes: str) -> list[str]:
    return FENCE.findall(convert_text(notes, "n", source="notes/n.txt")[1])


def test_a_chain_under_a_short_line_is_drafted() -> None:
    """The control: the same chain, drafted, within every rule."""
    [diagram] = drafted("Release" + CHAIN)
    assert not rules.breaks_rules(diagram)


def test_a_chain_after_a_25_kb_line_is_not_drafted() -> None:
    """Issue 19: it drafted a diagram of 50,181 characters (its line went into both
    accTitle and accDescr), over Mermaid's maxTextSize of 50,000."""
    notes = "x" * 25_000 + CHAIN
    assert drafted(notes) == []
    # Every word is still on the page.
    assert "x" * 2_000 in convert_text(notes, "n")[1]


def test_a_chain_after_a_double_colon_is_not_drafted() -> None:
    """Issue 19: `:: Commit -> ...` drafted an empty accTitle."""
    assert drafted(":" + CHAIN) == []


def test_a_chain_of_more_edges_than_mermaid_draws_is_not_drafted() -> None:
    steps = [f"Step{n}" for n in range(rules.MAX_EDGES + 2)]
    assert drafted("Pipeline: " + " -> ".join(steps[:-1]) + "\n") != []  # 500 edges
    assert drafted("Pipeline: " + " -> ".join(steps) + "\n") == []  # 501


@settings(max_examples=60, deadline=None)
@given(
    before=st.text(alphabet="ab :;-\u00e9\U0001f600", max_size=30_000).filter(
        lambda text: "\n" not in text
    ),
    steps=st.integers(3, 8),
)
def test_whatever_comes_before_a_chain_every_draft_follows_the_rules(
    before: str, steps: int
) -> None:
    chain = " -> ".join(f"Stage{n}" for n in range(steps))
    for diagram in drafted(f"{before}: {chain}\n"):
        assert not rules.breaks_rules(diagram), diagram[:200]
