"""Properties on arbitrary notes (Hypothesis): the importer never raises, is
stable, and keeps every word, checked on the Markdown for many inputs and on
the built HTML (mkdocs build --strict) for a few batches."""

from __future__ import annotations

from pathlib import Path

import pagecheck
from budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.importer.decode import decode
from scripts.importer.errors import NotesError
from scripts.importer.pipeline import convert, convert_text


def _tokens(text: str) -> list[str]:
    return text.split()


# The genre's tokens and everything Markdown or an extension could react to.
TOKENS = _tokens(
    """
    -> --> ==> => <======> <-- <= <-> ??? ? :: : ::: * ** _ __ # ## < > <b> </div>
    <placeholder> [ ] [x] [^1] [^1]: | ` `` {: { } {++ ++} == ~~ ^^ ~ ^ :smile: :+1: !!!
    ! (c) (tm) 1/2 c/o +/- =/= &amp; & &#169; \\ --8<-- "x.md" $ 1. 1) A.) --- *** \u2022
    \u2013 \u2014 \u201c \u201d \u2019 \xe9 docker ps -a kubectl get pods apiVersion: v1
    FROM RUN pipeline NAME READY https://example.com/a_b Day 1: 17th Nov. 2025 SDLC
    DevOps Topic: x
    """
)
WORD = st.one_of(
    st.sampled_from(TOKENS),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
        min_size=1,
        max_size=8,
    ),
)
INDENT = st.one_of(st.integers(0, 8).map(lambda n: "\t" * n), st.sampled_from(["", "  ", "    "]))
MARKER = st.sampled_from(["", "", "", "- ", "• ", "-> ", "* ", "+ ", "1. ", "$ ", "# "])
ENDING = st.sampled_from(["", "", "", " :", " ::", " :::", " ::::", ":", " ", "\t"])
LINE = st.builds(
    lambda indent, marker, words, ending: indent + marker + " ".join(words) + ending,
    INDENT,
    MARKER,
    st.lists(WORD, max_size=6),
    ENDING,
)
SPECIAL_LINES = st.sampled_from(
    [
        "#####################",
        "Day 3: 5th Dec. 2025",
        "01-10-2022 Class - 1",
        "\tapiVersion: v1",
        "\tkind: Pod",
        "\tmetadata:",
        "\t  name: x",
        "pipeline {",
        "    stage('x') {",
        "}",
        "NAME   READY   STATUS",
        "web   1/1     Running",
        '--8<-- "x.md"',
        "--8<-- [start:x]",
        "\t# --8<-- [end:x] after",
        "docker run x --8<-- [start:y]",
        "```",
        "~~~",
        "    four spaces",
        "===",
        "---",
        "",
        "\t\t",
    ]
)
NOTES = st.lists(st.one_of(LINE, LINE, SPECIAL_LINES), max_size=25).map("\n".join)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NOTES)
def test_any_notes_convert_stably_keeping_every_word(notes: str) -> None:
    document, body = convert_text(notes)
    assert convert_text(notes)[1] == body  # same input, same page
    assert body.startswith("# ") and body.endswith("\n")
    problems = pagecheck.missing_words_markdown(notes, body, document.title_line)
    assert not problems, "\n".join(problems)


@settings(max_examples=examples(200), deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_any_text_at_all_converts(text: str) -> None:
    body = convert_text(text)[1]  # even unnormalised text (CR, controls)
    assert convert_text(text)[1] == body
    try:
        clean = decode(text.encode("utf-8"), "x.txt")
    except NotesError:  # mostly control characters: refused as binary
        return
    assert convert_text(clean)[1] == convert_text(clean)[1]


@settings(max_examples=examples(200), deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_convert_or_are_refused_cleanly(data: bytes) -> None:
    try:
        page = convert(data, "notes/x.txt", "x")
    except NotesError as err:
        assert str(err).startswith("notes/x.txt:")
    else:
        assert page.text.startswith("---\n")


@settings(
    max_examples=examples(3),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(NOTES, min_size=12, max_size=12))
def test_built_pages_keep_every_word(tmp_path_factory, batch: list[str]) -> None:
    """12 random notes files per strict MkDocs build, compared in HTML."""
    pages = {  # without the lesson frame, whose lists the structure check would count
        f"n{i}": convert(notes.encode(), f"notes/n{i}.txt", f"n{i}", frame=False)
        for i, notes in enumerate(batch)
    }
    workdir: Path = tmp_path_factory.mktemp("hypothesis")
    articles = pagecheck.build_pages({name: page.text for name, page in pages.items()}, workdir)
    for (name, page), notes in zip(pages.items(), batch, strict=True):
        problems = pagecheck.missing_words(notes, articles[name], page.document.title_line)
        assert not problems, f"{name}:\n{notes}\n---\n" + "\n".join(problems)
        found, drawn = pagecheck.structure(
            page.body, pagecheck.article_html(workdir / "site", name)
        )
        assert found == drawn, f"{name}:\n{notes}\n---\n{page.body}"
