"""The importer's `--check` (`make notes`): a notes file changed after its page was
generated fails, naming the notes file and the command that brings the page up to date."""

from __future__ import annotations

import shutil
from pathlib import Path

from scripts import import_notes

from .conftest import ROOT


def test_notes_changed_after_import_fail_the_check(capsys, tmp_path: Path, monkeypatch):
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "notes").mkdir()
    (tmp_path / "docs" / "days").mkdir(parents=True)
    notes = tmp_path / "notes" / "day-01.txt"
    shutil.copy(ROOT / "notes" / "day-01.txt", notes)
    monkeypatch.chdir(tmp_path)

    assert import_notes.main(["notes/day-01.txt"]) == 0
    assert import_notes.main(["--check", "notes/day-01.txt"]) == 0
    capsys.readouterr()

    notes.write_text(notes.read_text() + "\nOne more thing the instructor said.\n")
    assert import_notes.main(["--check", "notes/day-01.txt"]) == 1
    err = capsys.readouterr().err
    assert "notes/day-01.txt:1: changed since docs/days/day-01.md was generated" in err
    assert "run python -m scripts.import_notes notes/day-01.txt" in err
