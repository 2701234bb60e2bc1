"""The YAML front matter that heads every generated page, and reading it back.

The importer owns a few fields (OWNED); everything else in a page's front
matter (a `description:`, `tags:`, `hide:` ...) is a contributor's and is
carried over, line for line, when the page is imported again.

Two hashes make the page self-checking:

* `source_sha256`, of the notes (line ends as LF), tells `--check` whether
  the notes changed since the page was made;
* `page_sha256`, of the whole page as imported (front matter included, this
  one line left out), tells the importer whether anyone edited the page
  since: an edit anywhere, a changed title as much as a new paragraph, means
  the importer refuses to overwrite it without --force.

Line ends never count: a page or notes file that went through a CRLF
checkout reads the same as before (tests/importer/test_cli.py).
Front matter always comes first, so MkDocs never mistakes a first line of
notes such as "Topic: x" for metadata.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from dataclasses import dataclass

import yaml

OPEN = "---\n"
CLOSE = "\n---\n"
# Fields the importer writes and rewrites; `body_sha256` is what pages imported
# before page_sha256 existed carry (Day 1): read, never written again.
OWNED = ("title", "date", "source", "source_sha256", "page_sha256", "body_sha256")
HEADER = (
    "# Imported by scripts/import_notes.py from the notes file below. Edit freely:",
    "# once edited (front matter too), re-importing needs --force (page_sha256).",
)
_HASH_LINE = "page_sha256: "

# Characters YAML may not contain even in a quoted string (PyYAML refuses them).
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# A top-level key: `name:` at column 0 (continuation lines are indented or `- `).
_TOP_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")


def lf(data: str) -> str:
    """Text with every CRLF or lone CR turned into LF."""
    return data.replace("\r\n", "\n").replace("\r", "\n") if "\r" in data else data


def sha256(data: bytes | str) -> str:
    """Hex SHA-256 of text (UTF-8) or bytes, with line ends made LF first:
    a checkout that turns LF into CRLF changes no hash."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return hashlib.sha256(data).hexdigest()


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar (JSON's syntax is valid YAML) for `text`."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


@dataclass(frozen=True, slots=True)
class Field:
    """One top-level front matter entry, as written: its key and raw lines
    (comments just above it included)."""

    key: str | None  # None: comments at the end, with no key after them
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """A page split into its front matter entries and its body."""

    fields: tuple[Field, ...]
    body: str
    values: dict  # the front matter as YAML reads it ({} if it does not parse)

    def get(self, key: str) -> str | None:
        value = self.values.get(key)
        return None if value is None else str(value)

    @property
    def foreign(self) -> tuple[Field, ...]:
        """The entries the importer does not own: carried over on re-import."""
        return tuple(
            field
            for field in self.fields
            if field.key not in OWNED and not (field.key is None and _only_header(field))
        )


def _only_header(field: Field) -> bool:
    return all(line in HEADER or not line.strip() for line in field.lines)


def _entries(lines: list[str]) -> tuple[Field, ...]:
    """Group front matter lines into top-level entries."""
    fields: list[Field] = []
    pending: list[str] = []  # comments waiting for the key below them
    key: str | None = None
    current: list[str] = []
    for line in lines:
        match = _TOP_KEY.match(line)
        if match:
            if key is not None:
                fields.append(Field(key, tuple(current)))
            key, current, pending = match.group(1), [*pending, line], []
        elif line.startswith("#") or (key is None and not line.strip()):
            pending.append(line)
        elif key is not None:
            current += [*pending, line]
            pending = []
        else:
            pending.append(line)
    if key is not None:
        fields.append(Field(key, tuple(current)))
    if pending:
        fields.append(Field(None, tuple(pending)))
    return tuple(fields)


def read_page(text: str) -> FrontMatter | None:
    """The front matter entries and body of a page, or None if it has none."""
    text = lf(text)
    if not text.startswith(OPEN):
        return None
    end = text.find(CLOSE, len(OPEN) - 1)
    if end < 0:
        return None
    raw = text[len(OPEN) : end]
    try:
        values = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError:
        values = {}
    if not isinstance(values, dict):
        values = {}
    return FrontMatter(_entries(raw.split("\n")), text[end + len(CLOSE) :], values)


def split_page(text: str) -> tuple[dict[str, str], str] | None:
    """(front matter fields as written, body) of a page, or None if it has none.

    Values are the text after the key, as written (quoted strings stay quoted)."""
    page = read_page(text)
    if page is None:
        return None
    fields = {}
    for field in page.fields:
        if field.key is not None:  # its own line is the first that is not a comment
            own = next(line for line in field.lines if _TOP_KEY.match(line))
            fields[field.key] = own.partition(":")[2].strip()
    return fields, page.body


def _without_hash_line(text: str) -> str:
    """The page with its `page_sha256:` line left out (what the hash covers)."""
    start = text.find("\n" + _HASH_LINE)
    if start < 0:
        return text
    end = text.find("\n", start + 1)
    return text[:start] + text[end:]


def page_edited(text: str) -> bool:
    """True unless the page is exactly as the importer wrote it, front matter
    included. Pages without page_sha256 (made by hand, or by an older importer)
    count as edited: nothing proves otherwise."""
    text = lf(text)
    page = read_page(text)
    if page is None:
        return True
    recorded = page.get("page_sha256")
    return recorded is None or recorded != sha256(_without_hash_line(text))


def build_page(
    body: str,
    *,
    title: str,
    date: dt.date | None,
    source: str,
    source_bytes: bytes,
    keep: tuple[Field, ...] = (),
) -> str:
    """Front matter (owned fields in OWNED order, then `keep`, the fields of a
    contributor carried over from the page being replaced) + body.

    `title` is plain text (it is escaped here): the page's title for the
    nav, the browser tab and search, e.g. "Day 1: Introduction to MLOps"."""
    lines = [
        *HEADER,
        # HTML-escaped: themes put the title into the page as it is.
        f"title: {yaml_string(html.escape(' '.join(title.split())))}",
    ]
    if date is not None:
        lines.append(f"date: {date.isoformat()}")
    lines += [f"source: {yaml_string(source)}", f"source_sha256: {sha256(source_bytes)}"]
    for field in keep:
        lines += field.lines
    unhashed = OPEN + "\n".join(lines) + CLOSE + body
    lines.append(_HASH_LINE + sha256(unhashed))
    return OPEN + "\n".join(lines) + CLOSE + body
