"""The lesson frame around a drafted page, with placeholders marked TODO(frame).

Every lesson opens with the questions it answers, its objectives and what to
know before starting, and closes with its key points (CONTRIBUTING.md: "Turn a
draft into a lesson"). The notes hold none of that, so the importer writes the
frame with placeholders only a person can fill; the lesson check fails any page
still containing `TODO(frame)`, so a draft cannot ship with the frame empty.

The contract the check and CONTRIBUTING rely on: right after the H1 (and the
date line below it), before the first `##` section, three admonitions titled
exactly "Questions", "Objectives" and "Before you start"; at the end, "Key
points"; each body a bulleted list.

The page builder (pipeline.convert) asks render() to put the frame around the
notes; the notes -> Markdown stages (convert_text) leave it out, so that their
golden fixtures show the notes only.
"""

from __future__ import annotations

MARK = "TODO(frame)"


def _admonition(kind: str, title: str, placeholder: str) -> str:
    return f'!!! {kind} "{title}"\n\n    - {MARK}: {placeholder}'


OPENING = "\n\n".join(
    (
        _admonition("question", "Questions", "the questions this lesson answers"),
        _admonition("abstract", "Objectives", "what a student can do after this lesson"),
        _admonition(
            "info", "Before you start", "what a student should know first (earlier lessons)"
        ),
    )
)
CLOSING = _admonition("success", "Key points", "the points to remember from this lesson")


FRAME = (OPENING, CLOSING)  # what render.render(frame=...) puts around the notes
