"""Fixtures for the notes importer's tests (tests/importer/ only).

Builds the golden pages once per test session: a MkDocs build costs seconds,
so every page that needs checking in HTML goes into one build. (pytest puts
this folder on sys.path, for `import pagecheck`.)
"""

from __future__ import annotations

import pagecheck
import pytest

from scripts.importer.decode import decode
from scripts.importer.pipeline import convert


class Built:
    """One golden case, converted and built: what the checks compare."""

    def __init__(self, name: str, notes: str, page, article: str, html: str) -> None:
        self.name = name
        self.notes = notes  # the decoded notes text
        self.page = page  # pipeline.Page
        self.article = article  # visible text of the built page
        self.html = html  # the built page's <article> element


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Every golden case, flows fixture ("flows-NAME") and pagecheck.EXTRA_NOTES
    built in one strict build with the site's dialect."""
    pages = {}
    notes = {}
    for name, source, _ in pagecheck.golden_cases():
        data = source.read_bytes()
        notes[name] = decode(data, source.name)
        pages[name] = convert(data, pagecheck.shown(source), source.stem, frame=False)
    for name, source, _ in pagecheck.flow_cases():
        data = source.read_bytes()
        notes[f"flows-{name}"] = decode(data, source.name)
        pages[f"flows-{name}"] = convert(data, pagecheck.shown(source), name, frame=False)
    for name, text in pagecheck.EXTRA_NOTES.items():
        notes[name] = text
        pages[name] = convert(text.encode(), f"notes/{name}.txt", name, frame=False)
    workdir = tmp_path_factory.mktemp("corpus")
    articles = pagecheck.build_pages({n: p.text for n, p in pages.items()}, workdir)
    return {
        name: Built(
            name,
            notes[name],
            pages[name],
            articles[name],
            pagecheck.article_html(workdir / "site", name),
        )
        for name in pages
    }
