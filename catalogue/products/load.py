"""Read one product file strictly: text first, with a line/column mark on every value.

PyYAML implements YAML 1.1, whose implicit typing silently changes what secretaries type
(`15.000` → 15.0, `NO` → False, `12:30` → 750). We therefore never construct Python objects
with PyYAML: we walk its event stream ourselves and build `Scalar`/`Mapping`/`Sequence` nodes
that keep every scalar as the exact text typed, plus its position. Field conversion happens
later, per field (catalogue.products.validate). Everything YAML allows but a product file must not use
(anchors, aliases, tags, several documents, duplicate keys) becomes a Problem, not an exception.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml import events

from catalogue.products.problems import Problems

MAX_FILE_BYTES = 256 * 1024
# A product file nests 4 deep (photos[0].alt.id). The reader below recurses once per level and
# Python's stack ends near 1,000 (before libyaml's own limit), so a 4 KB file of `{a: {a: …`
# would otherwise stop the validator with a RecursionError instead of a message.
MAX_DEPTH = 20
# libyaml's parser, when PyYAML has it: 3x faster than the pure-Python one (1,000 product
# files: 6.3 s → about 1.5 s on the 2-core machine), same events and marks.
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


@dataclass
class Node:
    line: int  # 1-based
    col: int  # 1-based


@dataclass
class Scalar(Node):
    text: str
    plain: bool  # typed without quotes (so `0811…` unquoted is detectable)


@dataclass
class Mapping(Node):
    # key text -> (key node, value node); insertion order kept, first occurrence wins
    items: dict[str, tuple[Scalar, Node]] = field(default_factory=dict)


@dataclass
class Sequence(Node):
    items: list[Node] = field(default_factory=list)


def _pos(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def decode(data: bytes, path: str, problems: Problems) -> str | None:
    """UTF-8 (a BOM is fine) or a problem naming where the first bad byte is."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) or (
        len(data) >= 2 and (data[0] == 0 or data[1] == 0)
    ):
        problems.add(path, 1, 1, "", "file_utf16")
        return None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        problems.add(path, line, col, "", "file_encoding", byte=f"0x{data[exc.start]:02X}")
        return None


def check_tabs(text: str, path: str, problems: Problems) -> bool:
    """Tabs in indentation: YAML forbids them, and PyYAML's own message is cryptic."""
    ok = True
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.add(path, number, indent.index("\t") + 1, "", "yaml_tab")
            ok = False
    return ok


class _EventReader:
    """Builds nodes from PyYAML events, reporting forbidden features as problems."""

    def __init__(self, text: str, path: str, problems: Problems):
        self.events = yaml.parse(text, Loader=_LOADER)
        self.path = path
        self.problems = problems
        self.alias_seen = False
        self.too_deep = False

    def next(self):
        return next(self.events)

    def _check_props(self, event, where: str) -> None:
        line, col = _pos(event.start_mark)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.problems.add(self.path, line, col, where, "yaml_anchor", name=anchor)
        tag = getattr(event, "tag", None)
        # A quoted scalar reports tag None; "!" is the non-specific tag of plain scalars.
        if tag not in (None, "!"):
            self.problems.add(self.path, line, col, where, "yaml_tag", tag=tag)

    def skip(self) -> None:
        """Consume the events of the collection just started, without recursion."""
        level = 1
        while level:
            ev = self.next()
            if isinstance(ev, (events.SequenceStartEvent, events.MappingStartEvent)):
                level += 1
            elif isinstance(ev, (events.SequenceEndEvent, events.MappingEndEvent)):
                level -= 1

    def node(self, event, where: str = "", depth: int = 0) -> Node:
        """Build the node starting at `event`; `where` is its field path for messages."""
        line, col = _pos(event.start_mark)
        if depth > MAX_DEPTH and isinstance(event, (events.SequenceStartEvent, events.MappingStartEvent)):
            if not self.too_deep:
                self.problems.add(self.path, line, col, where, "yaml_too_deep", maximum=MAX_DEPTH)
            self.too_deep = True
            self.skip()
            return Scalar(line, col, "", True)
        if isinstance(event, events.AliasEvent):
            # Report the first alias only: a "billion laughs" file has hundreds of them.
            if not self.alias_seen:
                self.problems.add(self.path, line, col, where, "yaml_alias", name=event.anchor)
            self.alias_seen = True
            return Scalar(line, col, "", True)
        self._check_props(event, where)
        if isinstance(event, events.ScalarEvent):
            return Scalar(line, col, event.value, event.style in (None, ""))  # libyaml says "" for plain
        if isinstance(event, events.SequenceStartEvent):
            seq = Sequence(line, col)
            while not isinstance(ev := self.next(), events.SequenceEndEvent):
                seq.items.append(self.node(ev, f"{where}[{len(seq.items)}]", depth + 1))
            return seq
        if isinstance(event, events.MappingStartEvent):
            mapping = Mapping(line, col)
            while not isinstance(ev := self.next(), events.MappingEndEvent):
                key = self.node(ev, where, depth + 1)
                key_text = key.text if isinstance(key, Scalar) else "?"
                value = self.node(self.next(), f"{where}.{key_text}" if where else key_text, depth + 1)
                if not isinstance(key, Scalar):
                    self.problems.add(self.path, key.line, key.col, "", "yaml_complex_key")
                    continue
                if key.text in mapping.items:
                    first = mapping.items[key.text][0]
                    field = f"{where}.{key.text}" if where else key.text
                    self.problems.add(self.path, key.line, key.col, field, "yaml_duplicate_key", first_line=first.line)
                    continue
                mapping.items[key.text] = (key, value)
            return mapping
        raise AssertionError(f"unexpected YAML event {event!r}")  # pragma: no cover

    def document(self) -> Node | None:
        """The single document's root, or None for an empty file."""
        self.next()  # StreamStart
        ev = self.next()
        if isinstance(ev, events.StreamEndEvent):
            return None
        root = self.node(self.next())  # after DocumentStart
        self.next()  # DocumentEnd
        ev = self.next()
        if not isinstance(ev, events.StreamEndEvent):
            line, col = _pos(ev.start_mark)
            self.problems.add(self.path, line, col, "", "yaml_multiple_documents")
        return root


def parse_yaml(text: str, path: str, problems: Problems) -> Node | None:
    """Parse `text` into nodes; syntax errors become one problem at the mark PyYAML gives."""
    try:
        return _EventReader(text, path, problems).document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _pos(mark) if mark else (0, 0)
        detail = (exc.problem or exc.context or "").strip()
        problems.add(path, line, col, "", "yaml_syntax", detail=detail)
    except yaml.YAMLError as exc:  # reader errors (control characters) have no problem_mark
        problems.add(path, 0, 0, "", "yaml_syntax", detail=str(exc).splitlines()[0])
    return None


def read_product_file(file: Path, shown_path: str, problems: Problems) -> tuple[Mapping, str] | None:
    """The root mapping of a product file and its text, or None (with problems added)."""
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.add(shown_path, 0, 0, "", "file_too_large", size_kib=size // 1024, max_kib=MAX_FILE_BYTES // 1024)
        return None
    text = decode(file.read_bytes(), shown_path, problems)
    if text is None or not check_tabs(text, shown_path, problems):
        return None
    before = len(problems.items)
    root = parse_yaml(text, shown_path, problems)
    if root is None:
        if len(problems.items) == before:
            problems.add(shown_path, 1, 1, "", "file_empty")
        return None
    if not isinstance(root, Mapping):
        kind = "list" if isinstance(root, Sequence) else "text"
        problems.add(shown_path, root.line, root.col, "", "file_not_mapping", found=kind)
        return None
    return root, text
