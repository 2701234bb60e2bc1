"""The benchmarks still start, and what they write for their temporary projects reads
back as they meant it. Nothing here times anything: the benchmarks measure, the
tests only keep them runnable (a moved module once broke every one unnoticed)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from benchmarks import baseline, bench_build
from benchmarks.course import day_pages, rewrite_nav
from scripts.core import config
from scripts.core.paths import CONFIG, ROOT

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
COMMANDS = [*sorted(path.stem for path in BENCHMARKS.glob("bench_*.py")), "baseline"]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_benchmark_imports_and_answers_help(name: str, capsys) -> None:
    module = importlib.import_module(f"benchmarks.{name}")
    with pytest.raises(SystemExit) as stop:
        module.main(["--help"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith("usage:")


def test_our_copy_of_mkdocs_yml_differs_in_its_lessons_only() -> None:
    """bench_build's copy of mkdocs.yml: its header, then the file as it is (comments,
    `!ENV` and `!!python/name:` tags) but for the lessons of the nav. PyYAML's dump
    lost every comment and rewrote every tag's line."""
    original = CONFIG.read_text(encoding="utf-8")
    template = (ROOT / "docs" / "days" / "day-01.md").read_text(encoding="utf-8")
    days = [(title, f"days/{name}") for name, title, _ in day_pages(template, 3)]
    header, _, copy = bench_build.ours_config(original, days).partition("\n")
    assert header.startswith("# Copy of the repository's mkdocs.yml")
    lessons = [line for line in copy.splitlines() if "days/day-0" in line]
    assert [line.rsplit(": ", 1)[1] for line in lessons] == [path for _, path in days]
    assert [line for line in copy.splitlines() if line not in lessons] == [
        line for line in original.splitlines() if "days/day-0" not in line
    ]
    before = config.load_text(original)
    assert config.load_text(copy) == {**before, "nav": rewrite_nav(before["nav"], days)}


def test_the_baseline_config_names_its_variant_fence() -> None:
    text = baseline.config_text("native")
    # Python objects by the names mkdocs.yml gives them, written as tags.
    assert "format: !!python/name:pymdownx.superfences.fence_code_format\n" in text
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji\n" in text
    native = config.load_text(text)
    fences = next(
        entry["pymdownx.superfences"]["custom_fences"]
        for entry in native["markdown_extensions"]
        if isinstance(entry, dict) and "pymdownx.superfences" in entry
    )
    assert [fence["format"].__name__ for fence in fences] == ["fence_code_format"]
    assert native["theme"] == {"name": "material"}
    assert native["plugins"] == ["search"]
    assert native["nav"] == config.load()["nav"]


def test_rewrite_nav_puts_the_new_days_where_the_lessons_were() -> None:
    nav = [{"Home": "index.md"}, {"Lessons": [{"Day 1": "days/day-01.md"}]}, "glossary.md"]
    days = [("Day 1", "days/day-01.md"), ("Day 2", "days/day-02.md")]
    assert rewrite_nav(nav, days) == [
        {"Home": "index.md"},
        {"Lessons": [{"Day 1": "days/day-01.md"}, {"Day 2": "days/day-02.md"}]},
        "glossary.md",
    ]
    assert rewrite_nav(None, days) is None


def test_bench_drafts_takes_a_corpus_given_by_a_relative_path(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    from benchmarks import bench_drafts

    corpus = tmp_path / "held-out"
    corpus.mkdir()
    (corpus / "chain.txt").write_text("Release :\n\nbuild -> test -> ship\n", encoding="utf-8")
    (corpus / "chain.labels.toml").write_text('flow = [[1, 3, "a chain"]]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert bench_drafts.main(["--corpus", "held-out"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 notes files in held-out\n")
    assert "chain.txt" in out


def test_bench_import_compares_the_importer_at_a_revision_with_the_working_tree(capsys) -> None:
    from benchmarks import bench_import

    bench_import.compare("HEAD", b"Stages :\n\t- Plan\n\t- Build\n\t- Ship\n" * 50, 1)
    out = capsys.readouterr().out
    assert "The importer at HEAD and now" in out
    assert "same, every line unique" in out
    assert out.count("x\n") == 3  # a speed-up for each of the three cases
