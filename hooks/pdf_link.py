"""Offer the course handout for download once `make pdf` has made it.

`make pdf` writes docs/downloads/mlops-course.pdf (ignored by git; the deploy
workflow makes it before building). When the file is there, MkDocs copies it into
the site like any other file, and this hook tells the templates where it is
(`config.extra.pdf`), so the home page shows a download link; when it is not, no
link points to a missing file.
"""

from __future__ import annotations

from pathlib import Path

PDF = "downloads/mlops-course.pdf"


def on_config(config):
    pdf = Path(config.docs_dir) / PDF
    config.extra["pdf"] = PDF if pdf.is_file() else None
    if config.extra["pdf"]:
        config.extra["pdf_size"] = f"{pdf.stat().st_size / 1_000_000:.1f} MB"
    return config
