"""The whole conversion, bytes in, page out, with no file system access:

decode -> lex -> parse -> flows (diagrams) -> render -> frame -> front matter
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from . import flows
from .decode import decode_notes
from .frame import FRAME
from .frontmatter import Field, build_page
from .lex import lex
from .parse import Document, lesson_title, parse
from .render import render


@dataclass(frozen=True, slots=True)
class Page:
    """A generated page and what the CLI needs to know about it."""

    body: str
    document: Document
    source: str  # the notes' path as front matter and messages show it
    source_bytes: bytes
    warnings: tuple[str, ...] = ()  # path:line: messages about the notes (decoding)

    def text_keeping(self, fields: tuple[Field, ...] = ()) -> str:
        """Front matter + body, carrying over `fields` of the page it replaces."""
        return build_page(
            self.body,
            title=lesson_title(self.document),
            date=self.document.date,
            source=self.source,
            source_bytes=self.source_bytes,
            keep=fields,
        )

    @property
    def text(self) -> str:
        """The page as a fresh import writes it: front matter + body."""
        return self.text_keeping()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building the tree.

    The tree has no cycles, so reference counting frees it; the collector
    would only rescan the millions of new objects of a big file over and
    over (it makes the importer 2-3 times slower).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # The objects made meanwhile all sit in the youngest generation, and the
            # first allocation after enable() would scan them all at once: move them
            # to the oldest one instead (freeze, then unfreeze), unscanned.
            gc.freeze()
            gc.enable()
            gc.unfreeze()


def convert_text(
    text: str,
    stem: str = "notes",
    *,
    source: str | None = None,
    diagrams: bool = True,
    frame: bool = False,
) -> tuple[Document, str]:
    """Notes text -> (Document, Markdown body). Pure; never raises on text.

    With `diagrams`, flows.py drafts a diagram of each flow found; their
    comments name `source` (default: STEM.txt). With `frame`, the body carries
    the lesson frame (frame.py), unless the notes are empty."""
    with _collector_paused():
        document = parse(lex(text), stem)
        if diagrams:
            document = flows.draft(document, source or f"{stem}.txt")
        framed = FRAME if frame and document.blocks else None
        return document, render(document, frame=framed)


def convert(
    data: bytes, source: str, stem: str, *, diagrams: bool = True, frame: bool = True
) -> Page:
    """Raw notes bytes -> Page. `source` is the repo-relative path shown in
    front matter, errors and diagram comments. Raises NotesError on
    binary/undecodable input. `frame` adds the lesson frame (frame.py)."""
    decoded = decode_notes(data, source)
    document, body = convert_text(decoded.text, stem, source=source, diagrams=diagrams, frame=frame)
    return Page(body, document, source, data, decoded.warnings)
