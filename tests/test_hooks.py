"""The MkDocs hooks in hooks/: small config changes with big effects on readers."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pdf_link_only_when_the_pdf_exists(tmp_path):
    downloads = load("downloads")
    config = SimpleNamespace(docs_dir=str(tmp_path), extra={})
    assert downloads.on_config(config).extra["pdf"] is None
    (tmp_path / "downloads").mkdir()
    (tmp_path / downloads.PDF).write_bytes(b"%PDF-1.7" + b"x" * 1_500_000)
    extra = downloads.on_config(config).extra
    assert extra["pdf"] == "downloads/mlops-course.pdf"
    assert extra["pdf_size"] == "1.5 MB"


def offline_config(enabled: bool):
    plugin = SimpleNamespace(config=SimpleNamespace(enabled=enabled))
    return SimpleNamespace(
        plugins={"material/offline": plugin},
        extra={"polyfills": ["https://unpkg.com/iframe-worker/shim"]},
        theme={"features": ["navigation.instant", "navigation.instant.progress", "search.suggest"]},
    )


def test_offline_build_uses_our_shim_and_drops_instant_navigation():
    offline = load("offline")
    config = offline.on_config(offline_config(enabled=True))
    assert config.extra["polyfills"] == [offline.SHIM]
    assert (ROOT / "docs" / offline.SHIM).is_file()
    assert config.theme["features"] == ["search.suggest"]


def test_published_site_is_left_alone():
    offline = load("offline")
    config = offline.on_config(offline_config(enabled=False))
    assert config.extra["polyfills"] == ["https://unpkg.com/iframe-worker/shim"]
    assert "navigation.instant" in config.theme["features"]
