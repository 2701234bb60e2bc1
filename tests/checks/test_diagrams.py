"""scripts/check_diagrams.py: every Mermaid block parses in the vendored Mermaid
(in Chromium), has an accessible title and description, and carries no raw HTML."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from scripts import check_diagrams

GOOD = """\
```mermaid
flowchart LR
    accTitle: Build and release
    accDescr: Code is built, then tested, then released.
    A[Build] --> B[Test] --> C[Release]
```
"""

PAGE = f"""# Diagrams

{GOOD}
!!! example "In an admonition"

    ```mermaid
    sequenceDiagram
        accTitle: Review
        accDescr: A contributor opens a pull request and CI answers.
        Contributor->>CI: pull request
        CI-->>Contributor: checks
    ```

```mermaid
flowchart LR
    accTitle: Broken
    accDescr: A node whose bracket never closes.
    A[Plan] --> B[Code
    B --> C
```

```mermaid
flowchart LR
    A[Untitled] --> B[Undescribed]
```

```mermaid
flowchart LR
    accTitle: Line break
    accDescr: A label with a raw HTML line break.
    A[Plan<br>and design] --> B[Code]
```

```mermaid
flowchart LR
    accTitle: A link in disguise
    accDescr: A box that takes the reader off the site, and one that calls a script.
    A[Docs] --> B[Run]
    click A href "https://example.com/" "Open"
    click B call alert()
```

```mermaid
pie
    accTitle: Share
    accDescr: A pie chart with a value that is not a number.
    "Build" : many
```
"""


def run(*argv: str) -> tuple[int, str]:
    """check_diagrams.main(argv): its exit code and everything it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = check_diagrams.main(list(argv))
    return code, out.getvalue()


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    """One Chromium run over a page holding good and broken diagrams."""
    page = tmp_path_factory.mktemp("docs") / "diagrams.md"
    page.write_text(PAGE)
    return (page, *run(str(page)))


def line_of(page: Path, text: str) -> int:
    return page.read_text().splitlines().index(text) + 1


@pytest.mark.browser
def test_syntax_error_fails_with_mermaids_message_and_line(broken):
    page, code, output = broken
    assert code == 1
    line = line_of(page, "    A[Plan] --> B[Code")
    # Mermaid's own words, at the file line of the diagram line it names (or the
    # diagram's first line when it names none inside the block).
    messages = [m for m in output.splitlines() if m.startswith(f"{page}:") and "Mermaid:" in m]
    assert any("Parse error" in m or "Expecting" in m for m in messages), output
    assert any(f"{page}:{n}: Mermaid:" in output for n in range(line - 4, line + 3)), output


@pytest.mark.browser
def test_langium_diagram_error_names_its_line(broken):
    page, _, output = broken
    line = line_of(page, '    "Build" : many')
    assert f"{page}:{line}: Mermaid: Parsing failed" in output


@pytest.mark.browser
def test_diagram_without_title_or_description_fails(broken):
    page, _, output = broken
    line = line_of(page, "    A[Untitled] --> B[Undescribed]") - 2
    assert f"{page}:{line}: diagram has no accessible title: add a line `accTitle:" in output
    assert f"{page}:{line}: diagram has no accessible description" in output


@pytest.mark.browser
def test_raw_html_in_diagram_text_fails(broken):
    page, _, output = broken
    line = line_of(page, "    A[Plan<br>and design] --> B[Code]")
    assert f"{page}:{line}: raw HTML in diagram text" in output
    assert "#lt;" in output


@pytest.mark.browser
def test_click_href_and_call_fail_at_their_lines(broken):
    page, code, output = broken
    assert code == 1
    for statement in ('click A href "https://example.com/" "Open"', "click B call alert()"):
        line = line_of(page, f"    {statement}")
        assert f"{page}:{line}: Mermaid interaction {statement!r}" in output, output


@pytest.mark.browser
def test_good_diagrams_raise_nothing(broken):
    page, _, output = broken
    for good in (
        "    A[Build] --> B[Test] --> C[Release]",
        "        Contributor->>CI: pull request",
    ):
        start = line_of(page, good) - 5
        assert not any(f"{page}:{n}:" in output for n in range(start, start + 8)), output


@pytest.mark.browser
def test_diagram_on_the_home_page_fails(monkeypatch, tmp_path: Path):
    home = tmp_path / "index.md"
    home.write_text("# Home\n\n" + GOOD)
    monkeypatch.setattr(check_diagrams, "HOME_PAGE", home)
    code, output = run(str(home))
    assert code == 1
    assert f"{home}:3: no diagrams on the home page" in output


def test_arrows_are_not_mistaken_for_html():
    for line in ("A <--> B", "A --> B", "A <|-- B", "Alice->>Bob: hi", "A -- x<y? --> B"):
        assert not check_diagrams.HTML_TAG.search(line.replace("x<y", "x #lt; y")), line
    for line in ("A[a<br>b]", "A[</b>]", "A[<script>]", "A[<!-- c -->]", "A[x<y]"):
        assert check_diagrams.HTML_TAG.search(line), line
