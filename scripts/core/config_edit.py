"""mkdocs.yml edited one way: on ruamel.yaml's round-trip document, checked by MkDocs.

Every change to mkdocs.yml (the importer's nav entry and announcement, the benchmarks'
variants of the file) is made on the document that ruamel.yaml's round-trip mode
reads. Comments, key order, quoting, flow or block style and tags (`!ENV [OFFLINE,
false]`, `!!python/name:...`) are part of that document and are written back as they
were.

Writing back (`render`) emits only what changed. The file is cut at its top-level
keys. A section whose data did not change is copied byte for byte, so a layout that
ruamel.yaml cannot reproduce elsewhere in the file never gets in the way (a plain
scalar folded over lines, say). In a section that changed, the lines the change kept
are copied from the file and the others are ruamel.yaml's, provided ruamel.yaml's
output of the section as read is the section's text (but for a rule of indentation:
see `_carry_over`). Then the new text differs from the old by the change alone.
Otherwise EditError names the first line ruamel.yaml would write otherwise.

`edit` then checks the result: the original and the result, both loaded by MkDocs'
own loader (scripts/core/config.py), must differ as the caller meant. Nothing here
writes a file. Callers get text, and lock the file around reading, editing and
writing it (scripts/core/files.py, `locked`).
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.error import CommentMark, MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
)
from ruamel.yaml.tag import Tag
from ruamel.yaml.tokens import CommentToken

from .config import ConfigError, load_text

__all__ = [
    "Document",
    "EditError",
    "Indent",
    "edit",
    "emit",
    "insert",
    "new_text",
    "parse",
    "python_name",
    "python_names",
    "quoted",
    "rename",
    "render",
    "replace",
    "set_value",
]

PYTHON_NAME = "tag:yaml.org,2002:python/name:"


class EditError(Exception):
    """mkdocs.yml cannot be edited safely; the message says why, `line` where (from 1)."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class Indent:
    """ruamel.yaml's three indentation settings (`YAML.indent`): where a mapping's keys
    sit under their parent's key, a sequence's items and its dashes under theirs."""

    mapping: int
    sequence: int
    offset: int


# Our mkdocs.yml's own (`key:`, then `  - item`, nested 4 deeper): for new files.
HOUSE_INDENT = Indent(mapping=2, sequence=4, offset=2)


class _Head:
    """The key of the section before the first key: comments, `---`."""


_HEAD = _Head()


@dataclass(slots=True)
class Document:
    """mkdocs.yml as ruamel.yaml's round trip reads it. Change `data` in place, then
    `render` it. The rest is what `render` compares the changed data with: the
    source, and ruamel.yaml's output of the data as it was read, cut in sections."""

    data: CommentedMap
    lines: list[str]  # the source's lines without LF (CR kept where the file has CRLF)
    bom: str
    final_newline: bool
    indent: Indent  # the first indentation found in the file
    starts: list[int]  # the line (from 0) of each top-level key, as read
    indents: dict[Any, Indent]  # each top-level section's own indentation
    emitted: dict[Indent, dict[Any, list[str]]]  # the data as read, in each of those


def _yaml(indent: Indent) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 20  # never fold a long line
    # `[index.md, {Lessons: [...]}]`: the braces kept, as people write them.
    yaml.brace_single_entry_mapping_in_flow_sequence = True
    yaml.indent(mapping=indent.mapping, sequence=indent.sequence, offset=indent.offset)
    return yaml


def _problem(err: Exception) -> tuple[str, int]:
    """(one line saying what a YAML parser found, the line it found it on)."""
    if isinstance(err, ConfigError) and err.__context__ is not None:
        err = err.__context__  # MkDocs wraps PyYAML's error in a message of its own
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    words = [getattr(err, "context", None), getattr(err, "problem", None)]
    said = ": ".join(w for w in words if w) or str(err).split("\n", 1)[0]
    return said, (mark.line + 1 if mark is not None else 1)


def _load(text: str) -> Any:
    try:
        return _yaml(HOUSE_INDENT).load(text)
    except (MarkedYAMLError, YAMLError) as err:
        said, line = _problem(err)
        raise EditError(f"ruamel.yaml cannot read it: {said}", line) from None


def parse(text: str) -> Document:
    """The document of mkdocs.yml's text (LF or CRLF line ends, a BOM or not).
    Raises EditError when ruamel.yaml cannot read it, or it is not a block mapping."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = text[len(bom) :].split("\n")
    final_newline = lines[-1] == ""
    if final_newline:
        lines.pop()
    for number, line in enumerate(lines, 1):
        last = number == len(lines) and not final_newline
        if "\r" in line[:-1] or (last and line.endswith("\r")):
            raise EditError("a carriage return that ends no line: use LF or CRLF line ends", number)
    data = _load("".join(line.removesuffix("\r") + "\n" for line in lines))
    if not isinstance(data, CommentedMap) or data.fa.flow_style():
        raise EditError("not a block mapping of settings (`site_name: ...` on lines of their own)")
    indent = _indent_of(list(data.values()), HOUSE_INDENT)
    # Measured now, while every node still has the line and column it was read at.
    indents = {key: _indent_of([value], indent) for key, value in data.items()}
    starts = [data.lc.key(key)[0] for key in data]
    emitted = {each: _emitted_sections(data, each) for each in {indent, *indents.values()}}
    return Document(data, lines, bom, final_newline, indent, starts, indents, emitted)


# -- Indentation: ruamel.yaml has one setting per dump; a file may have several --


def _indents(value: Any, column: int, item: bool = False) -> Iterator[tuple[str, Any]]:
    """("mapping", n) and ("sequence", (n, offset)) of each block collection in
    `value` (whose key, or dash, is at `column`), in the file's order."""
    if isinstance(value, CommentedMap) and value and not value.fa.flow_style():
        if not item:  # an item's first key sits after its dash: no indentation to measure
            yield "mapping", value.lc.key(next(iter(value)))[1] - column
        for key, child in value.items():
            yield from _indents(child, value.lc.key(key)[1])
    elif isinstance(value, CommentedSeq) and value and not value.fa.flow_style():
        if not item:
            yield "sequence", (value.lc.item(0)[1] - column, value.lc.col - column)
        for index, child in enumerate(value):
            yield from _indents(child, value.lc.item(index)[1], item=True)


def _indent_of(values: list[Any], default: Indent) -> Indent:
    """The first mapping and sequence indentation in these top-level values (their
    keys at column 0); what is not found, the default's."""
    found: dict[str, Any] = {}
    for value in values:
        for kind, measure in _indents(value, 0):
            found.setdefault(kind, measure)
    sequence, offset = found.get("sequence", (default.sequence, default.offset))
    return Indent(found.get("mapping", default.mapping), sequence, offset)


# -- Emitting, and cutting the text into top-level sections --


def _comment_tokens(value: Any) -> Iterator[CommentToken]:
    """Every comment token in a round-trip value and its children."""
    if isinstance(value, CommentToken):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _comment_tokens(item)
    elif isinstance(value, CommentedMap | CommentedSeq):
        comments = value.ca
        yield from _comment_tokens([comments.comment, list(comments.items.values()), comments.end])
        for child in value.values() if isinstance(value, dict) else value:
            yield from _comment_tokens(child)


def _dump(data: Any, indent: Indent) -> str:
    """ruamel.yaml's text of the data. Writing a comment that stands above a block
    marks it written; ruamel.yaml clears some of those marks, not all, so a second
    dump of the same data lost comments (and wrote `palette:   -`): all are cleared."""
    for token in _comment_tokens(data):
        token.reset()
    stream = io.StringIO()
    _yaml(indent).dump(data, stream)
    return stream.getvalue()


def _emit_lines(data: CommentedMap, indent: Indent) -> list[str]:
    return _dump(data, indent).split("\n")[:-1]


def _is_key_line(line: str) -> bool:
    """Whether a line of ruamel.yaml's output starts a top-level key: nothing else it
    writes starts at column 0 but comments and the dashes of a list at column 0."""
    return bool(line) and line[0] not in " \t#" and not line.startswith("- ") and line != "-"


def _cut(lines: list[str], starts: list[int], keys: list[Any]) -> dict[Any, list[str]]:
    """{_HEAD: the lines before the first key, key: its lines up to the next key}."""
    bounds = [*starts, len(lines)]
    sections = {_HEAD: lines[: bounds[0]]}
    for index, key in enumerate(keys):
        sections[key] = lines[bounds[index] : bounds[index + 1]]
    return sections


def _emitted_sections(data: CommentedMap, indent: Indent) -> dict[Any, list[str]]:
    lines = _emit_lines(data, indent)
    starts = [number for number, line in enumerate(lines) if _is_key_line(line)]
    if len(starts) != len(data):
        raise EditError("ruamel.yaml's output of it cannot be cut at its top-level keys")
    return _cut(lines, starts, list(data))


def _newline(lines: list[str]) -> str:
    """CRLF when the first of these source lines ends so, else LF."""
    return "\r\n" if lines and lines[0].endswith("\r") else "\n"


def _finish(document: Document, lines: list[str], newline: str) -> str:
    """The text of these lines, with the file's BOM and (lack of a) last line end."""
    text = "".join(line + newline for line in lines)
    if not document.final_newline:
        text = text.removesuffix("\n").removesuffix("\r")
    return document.bom + text


def emit(document: Document) -> str:
    """The whole document as ruamel.yaml writes it, in the file's first indentation,
    line ends, BOM and last line end. `emit(parse(text)) == text` for a file that
    ruamel.yaml reproduces (ours is tested); `render` does not depend on that."""
    lines = _emit_lines(document.data, document.indent)
    return _finish(document, lines, _newline(document.lines))


def render(document: Document) -> str:
    """The document's text: each top-level section byte for byte as the file had it,
    unless its data changed; then what ruamel.yaml emits for it, in the section's own
    indentation (`_carry_over`). Unchanged, it gives back the file."""
    data = document.data
    old_keys = list(document.indents)
    source = _cut(document.lines, document.starts, old_keys)  # CR kept: copied as they are
    changed: dict[Indent, dict] = {}
    out: list[str] = []
    for key in [_HEAD, *data]:
        indent = document.indents.get(key, document.indent)
        if indent not in changed:
            changed[indent] = _emitted_sections(data, indent)
        before, after = document.emitted[indent], changed[indent]
        if key is not _HEAD and key not in document.indents:  # a new key
            out += [line + _newline(document.lines) for line in after[key]]
        elif before[key] == after[key]:
            out += [line + "\n" for line in source[key]]
        else:
            try:
                out += _carry_over(source[key], before[key], after[key])
            except _Unlike as unlike:
                first = 0 if key is _HEAD else document.starts[old_keys.index(key)]
                raise EditError(
                    f"ruamel.yaml {unlike.does}: a layout it does not reproduce; edit this"
                    " part of mkdocs.yml by hand",
                    first + unlike.index + 1,
                ) from None
    return _finish(document, out, "")


class _Unlike(Exception):
    """ruamel.yaml's output of a section as read is not the section's text."""

    def __init__(self, index: int, does: str) -> None:
        super().__init__(does)
        self.index, self.does = index, does


def _indentation(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_text(line: str) -> bool:
    """Not blank and not a comment: a line whose indentation YAML reads."""
    return bool(line.strip()) and not line.lstrip(" ").startswith("#")


def _depths(source: list[str], before: list[str]) -> dict[int, int]:
    """{ruamel.yaml's indentation: the source's} when `before` (ruamel.yaml's output
    of a section as read) is the source's text but for the spaces that start its
    lines, each of ruamel.yaml's depths always one of the source's; else _Unlike."""
    depths: dict[int, int] = {}
    for index, (line, emitted) in enumerate(zip(source, before, strict=False)):
        line = line.removesuffix("\r")
        if line.lstrip(" ") != emitted.lstrip(" "):
            raise _Unlike(index, f"would rewrite this line as {emitted!r}")
        if not _is_text(line):
            if line != emitted:  # comments are written as they were read
                raise _Unlike(index, f"would rewrite this line as {emitted!r}")
            continue
        if depths.setdefault(_indentation(emitted), _indentation(line)) != _indentation(line):
            raise _Unlike(index, f"would indent this line as {emitted!r}")
    if len(source) > len(before):
        raise _Unlike(len(before), "would leave this line out")
    if len(source) < len(before):
        raise _Unlike(len(source), f"would add {before[len(source)]!r} after this section")
    return depths


def _carry_over(source: list[str], before: list[str], after: list[str]) -> list[str]:
    """A changed section's new lines, with their line ends. `before` is ruamel.yaml's
    output of the section as read, `after` as changed; where `before` is the source,
    that is `after`. ruamel.yaml has one indentation per dump: in a file whose lists
    nest 2 deeper in one place and 4 in another (Material's and MkDocs' own navs),
    `before` may differ from the source in the spaces that start its lines. Then
    the lines `after` keeps are the source's, and those it adds or changes are put
    at the source's depths. Anything else raises _Unlike, at the first line unlike."""
    depths = _depths(source, before)
    same = all(emitted == line for emitted, line in depths.items())
    newline = _newline(source)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, start, end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            out += [line + "\n" for line in source[start:end]]
            continue
        for line in after[new_start:new_end]:
            if _is_text(line) and not same:
                if _indentation(line) not in depths:
                    raise _Unlike(
                        max(start - 1, 0), f"would write {line.strip()!r} at a depth new to it"
                    )
                line = " " * depths[_indentation(line)] + line.lstrip(" ")
            out.append(line + newline)
    return out


def edit(
    text: str, change: Callable[[CommentedMap], None], meant: Callable[[dict, dict], bool]
) -> str:
    """mkdocs.yml's text after `change` (which edits the round-trip document in place),
    checked: `meant(before, after)` says whether the result is what the change meant,
    both read by MkDocs' own loader. Raises EditError when either does not load, or
    the result is not what was meant: then no text is returned to write."""
    try:
        before = load_text(text)
    except ConfigError as err:
        said, line = _problem(err)
        raise EditError(f"MkDocs cannot read it: {said}", line) from None
    document = parse(text)
    change(document.data)
    updated = render(document)
    if updated == text:
        return text
    try:
        after = load_text(updated)
    except ConfigError as err:
        said, _ = _problem(err)
        raise EditError(f"the edit would leave it unreadable by MkDocs ({said})") from None
    if not meant(before, after):
        raise EditError("the edit would change more than it should")
    return updated


def new_text(data: dict, header: str = "") -> str:
    """A new mkdocs.yml of `data` (round-trip values are written as they were read:
    tags, quoting, comments), in our file's indentation, after `header` (comments)."""
    return header + _dump(data, HOUSE_INDENT)


# -- Changing the document --


def quoted(text: str) -> DoubleQuotedScalarString:
    """A string written double-quoted: any text reads back as it is (`: `, `#`,
    quotes, backslashes, unicode, control characters escaped)."""
    return DoubleQuotedScalarString(text)


def python_name(dotted: str) -> TaggedScalar:
    """`!!python/name:module.attr`, as mkdocs.yml names a Python function."""
    # With the `!!` handle, as the file writes it: a whole tag is written `!<...> ''`.
    return TaggedScalar(value="", tag=Tag(handle="!!", suffix=f"python/name:{dotted}"))


def python_names(value: Any) -> list[str]:
    """The dotted names of every `!!python/name:` in a round-trip value."""
    if isinstance(value, dict):
        return [name for child in value.values() for name in python_names(child)]
    if isinstance(value, list):
        return [name for child in value for name in python_names(child)]
    tag = str(value.tag) if isinstance(value, TaggedScalar) else ""
    return [tag.removeprefix(PYTHON_NAME)] if tag.startswith(PYTHON_NAME) else []


def _is_block(value: Any) -> bool:
    block = isinstance(value, CommentedMap | CommentedSeq) and not value.fa.flow_style()
    return block and bool(value)


def _last_slot(node: CommentedMap | CommentedSeq, create: bool = False) -> tuple[list, int] | None:
    """Where ruamel.yaml keeps the comment lines below a block collection's last line:
    the comment slot of its deepest last entry ([tokens], index of the token)."""
    while True:
        if isinstance(node, CommentedSeq):
            key, place = len(node) - 1, 0
        else:
            key, place = next(reversed(node)), 2
        if _is_block(node[key]):
            node = node[key]
            continue
        if key not in node.ca.items:
            if not create:
                return None
            node.ca.items[key] = [None, None, None, None]
        return node.ca.items[key], place


def _split_trailing(value: str, column: int) -> tuple[str, str]:
    """A trailing comment (an end-of-line comment, then comment lines) cut in two: what
    stays with its entry (the end-of-line comment and the comment lines right below
    it, indented to `column` at least), and what belongs to what follows (from the
    first blank line or line indented less)."""
    eol, _, rest = value.partition("\n")
    lines = rest.split("\n")
    kept = 0
    for line in lines[:-1]:
        if not line.strip() or len(line) - len(line.lstrip()) < column:
            break
        kept += 1
    stays = eol + "\n" + "".join(line + "\n" for line in lines[:kept])
    return stays, "\n".join(lines[kept:])


def insert(sequence: CommentedSeq, index: int, item: Any) -> None:
    """`sequence.insert(index, item)`. An item put last in a block sequence goes above
    the comments below the old last entry that belong to what follows (a blank line,
    `# -- Next section --`); ruamel.yaml would put it below them."""
    moved = ""
    if index >= len(sequence) and _is_block(sequence):
        slot = _last_slot(sequence)
        token = slot[0][slot[1]] if slot else None
        if isinstance(token, CommentToken):
            stays, moved = _split_trailing(token.value, sequence.lc.col or 0)
            slot[0][slot[1]] = None if stays == "\n" else CommentToken(stays, token.start_mark)
    sequence.insert(index, item)
    if not moved:
        return
    token = CommentToken("\n" + moved, CommentMark(0))
    if _is_block(item):
        comments, place = _last_slot(item, create=True)
        comments[place] = token
    else:  # a scalar item: its comments are the sequence's
        sequence.ca.items[index] = [token, None, None, None]


def _line_width(key: Any, value: Any = None) -> int:
    """How wide ruamel.yaml writes the first line of `key: value` (`key:` alone for
    None), quotes and escapes included."""
    return len(_dump(CommentedMap([(key, value)]), HOUSE_INDENT).split("\n", 1)[0])


def _moved(eol: Any, shift: int) -> Any:
    """An end-of-line comment token moved `shift` columns (another token as it is)."""
    if isinstance(eol, CommentToken) and not eol.value.startswith("\n"):
        return CommentToken(eol.value, CommentMark(eol.start_mark.column + shift))
    return eol


def replace(sequence: CommentedSeq, index: int, item: CommentedMap) -> None:
    """A scalar entry (`- path`) replaced by a one-key mapping (`- Title: path`) whose
    value ends the line as the scalar did: the comments after it move to the mapping,
    an end-of-line comment as many columns to the right as the key takes."""
    comments = sequence.ca.items.pop(index, None)
    sequence[index] = item
    if comments is not None and comments[0] is not None:
        key = next(iter(item))
        width = _line_width(key) + 1  # `key: `
        item.ca.items[key] = [None, None, _moved(comments[0], width), None]


def set_value(mapping: CommentedMap, key: Any, value: Any) -> None:
    """`mapping[key] = value`, the comments after the old value kept where they were:
    an end-of-line comment keeps the spaces before it. A block scalar (`>-`, `|`) ends
    with its own line end, and ruamel.yaml keeps what follows it (blank lines, comment
    lines) as if it went on from there: after a value of one line, it starts a line."""
    old = mapping[key]
    mapping[key] = value
    comments = mapping.ca.items.get(key)
    token = comments[2] if comments else None
    if not isinstance(token, CommentToken):
        return
    block = LiteralScalarString | FoldedScalarString
    if isinstance(old, block) and not isinstance(value, block):
        column = 0 if token.value.startswith("\n") else token.start_mark.column
        comments[2] = CommentToken("\n" + " " * column + token.value, CommentMark(0))
    elif not isinstance(old, block):
        comments[2] = _moved(token, _line_width(key, value) - _line_width(key, old))


def rename(mapping: CommentedMap, old: Any, new: Any) -> None:
    """A key renamed where it stands, its value and comments kept; an end-of-line
    comment moves with the end of the line, keeping the spaces before it."""
    keys = list(mapping)
    position = keys.index(old)
    old = keys[position]  # as it was read: its quotes decide how wide it is written
    comments = mapping.ca.items.pop(old, None)
    mapping.insert(position, new, mapping.pop(old))
    if comments is not None:
        comments[2] = _moved(comments[2], _line_width(new) - _line_width(old))
        mapping.ca.items[new] = comments
