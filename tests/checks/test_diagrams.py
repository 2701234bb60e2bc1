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

```mermaid
flowchart LR
    accTitle: A click after a semicolon
    accDescr: Mermaid ends a statement at a semicolon as at a newline.
    C[Start] --> D[End]; click C href "https://example.com/"
```

```mermaid
flowchart LR
    accTitle: An image from elsewhere
    accDescr: The image shape with an address off the site.
    E@{{ img: "https://example.com/tracker.png", label: "Logo", w: 60, h: 60 }}
```

```mermaid
flowchart LR
    accTitle:
    accDescr: The title above is empty, and this line is not its title.
    A[One] --> B[Two]
```

```mermaid
flowchart LR
    accTitle: Two boxes
    accDescr:
    A[One] --> B[Two]
```
"""
# More than Mermaid draws: 501 edges (maxEdges 500), 50,000 characters (maxTextSize).
TOO_MANY_EDGES = "".join(f"    n{n} --> n{n + 1}\n" for n in range(501))
PAGE += f"""
```mermaid
flowchart TD
    accTitle: Too many edges
    accDescr: More edges than Mermaid draws.
{TOO_MANY_EDGES}```

```mermaid
flowchart TD
    accTitle: Too long
    accDescr: More text than Mermaid draws.
    A["{"x" * 50_000}"] --> B[End]
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
def test_a_click_after_a_semicolon_fails_at_its_line(broken):
    """Mermaid ends a statement at `;` as at a newline (issue 19, row 5)."""
    page, _, output = broken
    line = line_of(page, '    C[Start] --> D[End]; click C href "https://example.com/"')
    statement = 'click C href "https://example.com/"'
    assert f"{page}:{line}: Mermaid interaction {statement!r}" in output, output


@pytest.mark.browser
def test_an_image_shape_from_another_site_fails_at_its_line(broken):
    page, _, output = broken
    shape = 'E@{ img: "https://example.com/tracker.png", label: "Logo", w: 60, h: 60 }'
    line = line_of(page, f"    {shape}")
    assert f"{page}:{line}: Mermaid interaction {shape!r}" in output, output


@pytest.mark.browser
def test_an_empty_title_or_description_fails_at_its_line(broken):
    """`accTitle:` with nothing after it is empty, whatever the next line says."""
    page, _, output = broken
    title = line_of(page, "    accTitle:")
    assert f"{page}:{title}: empty `accTitle:`" in output, output
    description = line_of(page, "    accDescr:")
    assert f"{page}:{description}: empty `accDescr`" in output, output


@pytest.mark.browser
def test_a_diagram_mermaid_would_not_draw_fails(broken):
    """Over maxEdges (500) or maxTextSize (50,000 characters): refused here, not left
    for readers to see Mermaid's "Maximum text size in diagram exceeded"."""
    page, _, output = broken
    edges = line_of(page, "    accTitle: Too many edges") - 2
    assert f"{page}:{edges}: flowchart of 501 edges: Mermaid draws none over 500" in output
    long = line_of(page, "    accTitle: Too long") - 2
    assert f"{page}:{long}: diagram of 50,100 characters" in output, output
    assert "Mermaid draws none over 50,000 (maxTextSize)" in output


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
