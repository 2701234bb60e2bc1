"""The stages one by one: measuring lines, arrows and escaping, dates, the
tree, and the limits (1 MB lines, 1000 levels of nesting, linear time)."""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
import sys

import pytest

from scripts.importer import lex
from scripts.importer.dates import parse_date
from scripts.importer.inline import arrows, code_span, escape, on_the_web, prose
from scripts.importer.lex import indent_unit
from scripts.importer.parse import CODE, HEADING, parse
from scripts.importer.pipeline import convert_text


def _one(text: str) -> lex.Line:
    (line,) = lex.lex(text)
    return line


@pytest.mark.parametrize(
    ("text", "depth", "kind", "body", "marker"),
    [
        ("Introduction to MLOps :::", 0, lex.HEADING, "Introduction to MLOps", ""),
        ("\tAGILE Methodologies ::::", 1, lex.HEADING, "AGILE Methodologies", ""),
        ("\t\t\t- Continuous Delivery ::", 3, lex.TERM, "Continuous Delivery", "-"),
        ("\tWaterfall Model : ", 1, lex.TERM, "Waterfall Model", ""),
        ("\t- SDLC :", 1, lex.TERM, "SDLC", "-"),
        ("\t\t-> Iterations ", 2, lex.TEXT, "-> Iterations", "->"),
        ("\t\t-> ", 2, lex.TEXT, "->", "->"),
        ("\t\u2022 bullet", 1, lex.TEXT, "bullet", "\u2022"),
        ("#####################", 0, lex.SEPARATOR, "#####################", ""),
        ("- - - -", 0, lex.SEPARATOR, "- - - -", ""),
        ("Day 1: 17th Nov. 2025", 0, lex.BANNER, "Day 1: 17th Nov. 2025", ""),
        ("01-10-2022 Class - 1", 0, lex.SESSION, "01-10-2022 Class - 1", ""),
        ("# What is Docker", 0, lex.HASH_HEADING, "What is Docker", ""),
        ("\t# comment", 1, lex.TEXT, "# comment", ""),
        ("What is DevOps ?", 0, lex.TEXT, "What is DevOps ?", ""),
        ("Functions: ", 0, lex.TEXT, "Functions:", ""),
        ("1. Install", 0, lex.TEXT, "1. Install", ""),
    ],
)
def test_each_line_is_measured(text: str, depth: int, kind: str, body: str, marker: str) -> None:
    line = _one(text)
    assert (line.depth, line.kind, line.body, line.marker) == (depth, kind, body, marker)
    assert line.number == 1


def test_blank_lines_leave_gaps_in_the_numbers() -> None:
    lines = lex.lex("a\n\t\n   \nb\n")
    assert [(line.number, line.text) for line in lines] == [(1, "a"), (4, "b")]


def test_indent_unit_follows_the_file() -> None:
    assert indent_unit("a\n\tb\n") == 4
    assert indent_unit("a\n  b\n    c\n  d\n") == 2
    assert indent_unit("a\n    b\n        c\n") == 4
    assert [line.depth for line in lex.lex("a\n  b\n    c\n")] == [0, 1, 2]
    assert [line.depth for line in lex.lex("a\n    b\n\t\tc\n\t  d\n")] == [0, 1, 2, 1]


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("docker ps -a", "bash"),
        ("$ kubectl get pods", "bash"),
        ("sudo apt-get install -y docker.io", "bash"),
        ("docker is a container platform", ""),
        ("Docker ps", ""),
        ("git", ""),
        ("ls", "bash"),
        ("docker ps --> lists running containers", "cmd"),
        ("Dev -> Test -> Production", ""),
        ("FROM python:3.11-slim", "dockerfile"),
        ("FROM --> base image", "cmd"),
        ("apiVersion: v1", "yaml"),
        ("Start Date: 17th Nov. 2025", ""),
        ("pipeline {", "groovy"),
        ("NAME   READY   STATUS", "table"),
        ("web-0   1/1   Running", "row"),
    ],
)
def test_code_hints(text: str, hint: str) -> None:
    assert _one(text).hint == hint


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("a -> b", "a \u2192 b"),
        ("a --> b", "a \u2192 b"),
        ("a ==> b", "a \u21d2 b"),
        ("a => b", "a \u21d2 b"),
        ("DevOps ???\t<======>   MLOps", "DevOps ???\t\u21d4   MLOps"),
        ("a <-- b <== c <-> d", "a \u2190 b \u21d0 c \u2194 d"),
        ("a <= b >= c - d > e", "a <= b >= c - d > e"),
    ],
)
def test_arrows_become_typography(typed: str, shown: str) -> None:
    assert arrows(typed) == shown


def test_escaping_covers_the_markdown_specials() -> None:
    assert escape("*a* _b_ `c` [d] <e> #f |g| ^h^ ~i~ ==j== {k}") == (
        "\\*a\\* \\_b\\_ \\`c\\` \\[d\\] &lt;e> \\#f \\|g\\| \\^h\\^ \\~i\\~ \\=\\=j\\=\\= \\{k\\}"
    )
    assert escape("- x") == "\\- x"
    assert escape("> x") == "\\> x"
    assert escape("1. x") == "1\\. x"
    assert escape("12) x") == "12\\) x"
    assert escape("??? x") == "&#63;?? x"
    assert escape("!!! x") == "\\!!! x"
    assert escape(": x") == "\\: x"
    assert escape("&amp; & x") == "&amp;amp; & x"
    assert escape(":smile: 1/2 (c) c/o ++k++") == "\\:smile: 1&#47;2 \\(c) c&#47;o \\+\\+k\\+\\+"


def test_web_addresses_become_links() -> None:
    assert prose("see https://docs.docker.com/get-started/.") == (
        "see <https://docs.docker.com/get-started/>."
    )
    assert prose("(https://en.wikipedia.org/wiki/Foo_(bar))") == (
        "(<https://en.wikipedia.org/wiki/Foo_(bar)>)"
    )
    assert prose("http://a") == "`http://a`"  # no place on the web: inline code


@pytest.mark.parametrize(
    ("address", "linked"),
    [
        ("https://docs.docker.com/get-started/", True),
        ("http://user:pw@example.com:8080/x", True),
        ("HTTPS://DOCS.PYTHON.ORG/3/", True),
        ("https://例え.jp/パス", True),
        ("https://xn--r8jz45g.jp/", True),
        ("http://localhost:8080/health", False),
        ("http://api.localhost/", False),
        ("http://printer.local/", False),
        ("http://127.0.0.1:5000", False),
        ("http://[::1]:9090/metrics", False),
        ("http://jenkins:8080/", False),
        ("https://example.com:99999/", False),
        ("https://example.com:80x/", False),
        ("ftp://ftp.example.com/x", False),
        ("https://example.com/a++b", False),
    ],
)
def test_which_addresses_are_places_on_the_web(address: str, linked: bool) -> None:
    assert on_the_web(address) is linked
    assert prose(address) == (f"<{address}>" if linked else f"`{address}`")


def test_code_spans() -> None:
    assert code_span("docker ps") == "`docker ps`"
    assert code_span("echo `date`") == "``echo `date```" or code_span("echo `date`") == (
        "`` echo `date` ``"
    )
    assert code_span("#!bash ls") is None  # inlinehilite would eat "#!bash"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Day 1: 17th Nov. 2025", dt.date(2025, 11, 17)),
        ("Day 12 - 3rd December 2025", dt.date(2025, 12, 3)),
        ("Day 3 - 19/11/2025", dt.date(2025, 11, 19)),
        ("Day-7: 2025-11-24", dt.date(2025, 11, 24)),
        ("01-10-2022 Class - 1", dt.date(2022, 10, 1)),
        ("Nov 17, 2025", dt.date(2025, 11, 17)),
        ("Day 2: 31st Feb 2025", None),
        ("Day 4", None),
    ],
)
def test_dates(text: str, date: dt.date | None) -> None:
    assert parse_date(text) == date


def test_banner_becomes_title_day_and_date() -> None:
    document = parse(lex.lex("Course\n#####\nDay 4: 20th Nov 2025\n#####\nBody :::\n"), "x")
    assert (document.title, document.day, document.date) == (
        "Day 4: 20th Nov 2025",
        4,
        dt.date(2025, 11, 20),
    )
    assert document.title_line == 3
    assert document.first_heading == "Body"
    assert [node.kind for node in document.blocks] == ["text", HEADING]


def test_day_from_the_file_name_and_title_from_a_heading() -> None:
    document = parse(lex.lex("Docker basics :::\n"), "day_09")
    assert (document.day, document.title, document.date) == (9, "Docker basics", None)


def test_tree_follows_indentation_and_headings_reset_it() -> None:
    document = parse(lex.lex("a\n\tb\n\t\t\t\tc\n\td\nH :::\n\t\te\nf\n"), "x")
    a, heading, e, f = document.blocks
    assert [child.line.body for child in a.children] == ["b", "d"]
    assert a.children[0].children[0].line.body == "c"
    assert heading.kind == HEADING and heading.level == 2
    assert (e.line.body, f.line.body) == ("e", "f")


def test_repeated_sibling_headings_are_told_apart_by_the_line_they_introduce() -> None:
    notes = "A :::\n\tB :::\n\tB :::\n\t-> Billing System :\nC :::\n\tB :::\n\tB :::\n"
    document = parse(lex.lex(notes), "x")
    labels = [(n.level, n.line.body + n.suffix) for n in document.blocks if n.kind == HEADING]
    # The repeat under C introduces no line: it keeps the notes' words (toc's
    # anchors tell the two apart: b and b_1).
    assert labels == [(2, "A"), (3, "B"), (3, "B: Billing System"), (2, "C"), (3, "B"), (3, "B")]


def test_a_long_line_below_a_repeated_heading_is_not_put_in_it() -> None:
    notes = "A :::\n\tB :::\n\tB :::\n\t" + "word " * 12 + "\n"
    document = parse(lex.lex(notes), "x")
    assert [n.suffix for n in document.blocks if n.kind == HEADING] == ["", "", ""]


def test_heading_levels_go_down_one_step_at_a_time() -> None:
    document = parse(lex.lex("\tIndented first :::\nTop :::\n"), "x")
    assert [node.level for node in document.blocks] == [2, 2]


def test_code_runs() -> None:
    text = "\tkubectl apply -f a.yaml\n\n\tkubectl get pods\n\tafter\n"
    document = parse(lex.lex(text), "x")
    code, after = document.blocks
    assert (code.kind, code.lang, len(code.code)) == (CODE, "bash", 2)
    assert after.line.body == "after"
    _, body = convert_text(text)
    assert "```bash\nkubectl apply -f a.yaml\n\nkubectl get pods\n```" in body


def test_prompts_are_dropped_and_snippet_markers_escaped_in_code() -> None:
    _, body = convert_text('$ docker ps\n$ cat x\n--8<-- "a.md"\n')
    assert "```bash\ndocker ps\ncat x\n```" in body
    # snippets would include a.md even inside a code block: ';' escapes it.
    _, body = convert_text('$ cat <<EOF > x\n--8<-- "a.md"\nEOF\n')
    assert '```bash\ncat <<EOF > x\n;--8<-- "a.md"\nEOF\n```' in body
    _, body = convert_text('--8<-- "a.md"\n')  # in prose, '<' is an entity
    assert body.endswith('\n\n\\--8&lt;-- "a.md"\n') or "8&lt;" in body or "8\u2190" in body


def test_thousand_levels_of_nesting_do_not_crash() -> None:
    notes = "".join("\t" * level + f"- level {level}\n" for level in range(1000))
    _, body = convert_text(notes)
    assert body.count("level") == 1000
    assert max(len(line) - len(line.lstrip()) for line in body.splitlines()) <= 200


# Speed is measured by benchmarks/bench_render.py and bench_import.py, which print
# figures; tests do not time things (a busy machine would fail them at random). What
# a test can pin without a clock: a pathological input ends (a hang guard far beyond
# any honest run), and the work grows linearly (calls counted, which no load changes).
HANG_SECONDS = 120


@contextlib.contextmanager
def hang_guard(seconds: int = HANG_SECONDS):
    """Fail, instead of hanging the run, if the block is still running after seconds
    (an input that backtracks without end; the benchmarks measure real speed)."""

    def stop(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: a hang, not slowness")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def calls_made(text: str) -> int:
    """How many Python and C functions converting text calls: work, not time."""
    calls = 0

    def count(frame, event, arg) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        convert_text(text)
    finally:
        sys.setprofile(None)
    return calls


def test_a_one_megabyte_line_ends_with_every_word() -> None:
    line = "Deploy *fast* -> verify_[x] ==> <ship> | done `ok` #tag 1/2 (c) " * 16_000
    with hang_guard():
        _, body = convert_text(line)
    assert body.count("Deploy") == 16_000
    for worst in ("=" * 1_000_000 + ">", "-" * 1_000_000, " " * 500_000 + "x", ":a" * 500_000):
        with hang_guard():
            _, body = convert_text("x " + worst)
        assert body.count("a") >= worst.count("a"), worst[:10]


def notes_of(topics: range) -> str:
    """Day 1-like notes, every line its own (no cache spares the bigger input work)."""
    return "".join(
        f"Topic {n} :::\n\t- item {n} -> done\n\t\tdocker ps -a\n\tTerm {n} :\n\t\twhy {n}\n"
        for n in topics
    )


def test_work_grows_linearly() -> None:
    small = calls_made(notes_of(range(1000)))
    large = calls_made(notes_of(range(1000, 5000)))
    assert large <= small * 4.5, (small, large)  # 4x the input: about 4x the calls
