"""Fixtures shared by the browser tests: pages that are closed when their test ends,
passed or failed; the offline copy (`make offline`) of each build, made and unzipped
once, for every test that reads the course from file://."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from scripts import build_offline

from .browsing import Visit, close, open_file_page, open_page
from .search_words import derive_pairs


@pytest.fixture
def open_visit(browser):
    """open_visit(color_scheme=..., viewport=...) -> a Visit (browsing.open_page) on
    our origin only. Every page it opened is closed when the test ends."""
    contexts = []

    def opener(**options) -> Visit:
        visit = open_page(browser, **options)
        contexts.append(visit.page.context)
        return visit

    yield opener
    for context in contexts:
        close(context)


@pytest.fixture
def open_file_visit(browser):
    """open_file_visit() -> (page, refused requests, console errors) that may read
    file:// only (browsing.open_file_page); closed when the test ends."""
    contexts = []

    def opener():
        page, blocked, errors = open_file_page(browser)
        contexts.append(page.context)
        return page, blocked, errors

    yield opener
    for context in contexts:
        close(context)


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory, builder: str) -> Path:
    folder = tmp_path_factory.mktemp(f"offline-{builder}")
    archive = folder / "course.zip"
    assert build_offline.main(["-o", str(archive), "--builder", builder]) == 0
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(folder)
    return folder / build_offline.TOP


@pytest.fixture(scope="session")
def derived(site_dir: Path) -> dict[str, list[tuple[str, str]]]:
    """Pairs of queries that must find the same sections, read from the built site
    (search_words.py)."""
    return derive_pairs(site_dir)
