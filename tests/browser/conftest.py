"""Fixtures shared by the browser tests: the offline copy (`make offline`) of each
build, made and unzipped once, for every test that reads the course from file://."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from scripts import build_offline

from .search_words import derive_pairs


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
