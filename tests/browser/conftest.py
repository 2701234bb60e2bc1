"""Fixtures shared by the browser tests: the offline copy (`make offline`), built and
unzipped once, for every test that reads the course from file://."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import build_offline


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("offline")
    archive = folder / "course.zip"
    assert build_offline.main(["-o", str(archive)]) == 0
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(folder)
    return folder / build_offline.TOP
