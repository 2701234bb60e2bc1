"""The YAML front matter that heads every generated page, and reading it back.

Two hashes make the page self-checking: `source_sha256` (the notes' raw
bytes) tells `--check` whether the notes changed since the page was made;
`body_sha256` (everything after the front matter) tells the importer whether
someone edited the page by hand, in which case it refuses to overwrite it.
Front matter always comes first, so MkDocs never mistakes a first line of
notes such as "Topic: x" for metadata.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re

OPEN = "---\n"
CLOSE = "\n---\n"
KEYS = ("title", "date", "source", "source_sha256", "body_sha256")

# Characters YAML may not contain even in a quoted string (PyYAML refuses them).
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def sha256(data: bytes | str) -> str:
    """Hex SHA-256 of bytes, or of text encoded as UTF-8."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar (JSON's syntax is valid YAML) for `text`."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def build_page(
    body: str, *, title: str, date: dt.date | None, source: str, source_bytes: bytes
) -> str:
    """Front matter (keys in KEYS order; `date` only when known) + body.

    `title` is plain text (it is escaped here): the page's title for the
    nav, the browser tab and search, e.g. "Day 1: Introduction to MLOps"."""
    lines = [
        "# Imported by scripts/import_notes.py from the notes file below. Edit freely:",
        "# once edited, re-importing needs --force (body_sha256 records the import).",
        # HTML-escaped: themes put the title into the page as it is.
        f"title: {yaml_string(html.escape(' '.join(title.split())))}",
    ]
    if date is not None:
        lines.append(f"date: {date.isoformat()}")
    lines += [
        f"source: {yaml_string(source)}",
        f"source_sha256: {sha256(source_bytes)}",
        f"body_sha256: {sha256(body)}",
    ]
    return OPEN + "\n".join(lines) + CLOSE + body


def split_page(text: str) -> tuple[dict[str, str], str] | None:
    """(front matter fields, body) of a page, or None if it has none.

    Only the flat `key: value` lines this module writes are read; values
    are left as written (quoted strings stay quoted).
    """
    if not text.startswith(OPEN):
        return None
    end = text.find(CLOSE, len(OPEN) - 1)
    if end < 0:
        return None
    fields: dict[str, str] = {}
    for line in text[len(OPEN) : end].split("\n"):
        key, colon, value = line.partition(":")
        if colon and key and not key.startswith(("#", " ")):
            fields[key] = value.strip()
    return fields, text[end + len(CLOSE) :]


def body_edited(text: str) -> bool:
    """True unless the page is exactly as the importer generated it."""
    parts = split_page(text)
    if parts is None:
        return True
    fields, body = parts
    return fields.get("body_sha256") != sha256(body)
