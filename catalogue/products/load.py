"""Read one product file strictly: text first, with a line/column mark on every value.

PyYAML implements YAML 1.1, whose implicit typing silently changes what secretaries type
(`15.000` → 15.0, `NO` → False, `12:30` → 750). We therefore never construct Python objects
with PyYAML: we walk its event stream ourselves and build `Scalar`/`Mapping`/`Sequence` nodes
that keep every scalar as the exact text typed, plus its position. Field conversion happens
later, per field (catalogue.products.validate). Everything YAML allows but a product file must not use
(anchors, aliases, tags, several documents, duplicate keys) becomes a Problem, not an exception.

A file libyaml cannot read gets one problem at the place that explains it, with a fix in the
reader's language: libyaml's own words ("could not find expected ':'") name the symptom, often
a line after the cause (an unclosed quote or bracket, a missing space after a colon), so
`explain_syntax_error` looks at the tokens read before the error to find the cause.
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml import events

from catalogue.products.problems import Problems, describe_char

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
    end: tuple[int, int] | None = None  # (line, col) just after the value, when read from a file


@dataclass
class Placeholder(Scalar):
    """Stands for a value already reported as unreadable (an alias, a too-deep collection):
    the rules of its field say nothing more about it."""


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


# Lines as an editor shows them. Python's str.splitlines() also breaks at form feeds, U+001C…
# U+001E, NEL, U+2028 and U+2029; those are refused below before anything counts lines.
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    return LINE_BREAK.split(text)


# What YAML refuses in a file (outside its printable set: C0 controls but tab, LF and CR; DEL;
# C1 controls; U+FFFE/U+FFFF), plus the line breaks YAML 1.1 counts and editors do not show as
# breaks (NEL, U+2028, U+2029), which would shift every line number after them. libyaml
# reports the first of these as "control characters are not allowed", without a line.
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
# A file pasted from a damaged PDF can hold thousands; the first ones show where to look.
MAX_CHARS_REPORTED = 20


def check_characters(text: str, path: str, problems: Problems) -> bool:
    """Each invisible control character, at its own line and column, named (`U+0007 (BELL)`)."""
    found = list(FORBIDDEN_CHARS.finditer(text))
    if not found:
        return True
    starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
    for number, match in enumerate(found):
        line = bisect.bisect_right(starts, match.start())
        col = match.start() - starts[line - 1] + 1
        if number == MAX_CHARS_REPORTED:
            problems.add(path, line, col, "", "control_character_more", count=len(found) - number)
            break
        problems.add(path, line, col, "", "control_character", char=describe_char(match.group()))
    return False


def check_tabs(text: str, path: str, problems: Problems) -> bool:
    """Tabs in indentation: YAML forbids them, and PyYAML's own message is cryptic."""
    ok = True
    for number, line in enumerate(split_lines(text), start=1):
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
            return Placeholder(line, col, "", True)
        if isinstance(event, events.AliasEvent):
            # Report the first alias only: a "billion laughs" file has hundreds of them.
            if not self.alias_seen:
                self.problems.add(self.path, line, col, where, "yaml_alias", name=event.anchor)
            self.alias_seen = True
            return Placeholder(line, col, "", True)
        self._check_props(event, where)
        if isinstance(event, events.ScalarEvent):
            plain = event.style in (None, "")  # libyaml says "" for plain
            return Scalar(line, col, event.value, plain, _pos(event.end_mark))
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
    """Parse `text` into nodes; a syntax error becomes one problem where its cause is."""
    try:
        return _EventReader(text, path, problems).document()
    except yaml.MarkedYAMLError as exc:
        line, col, params = explain_syntax_error(exc, text)
        problems.add(path, line, col, "", "yaml_syntax", **params)
    except yaml.YAMLError as exc:  # a reader error has an offset, not a mark (check_characters runs first)
        line, col = _offset_pos(text, getattr(exc, "position", 0))
        problems.add(path, line, col, "", "yaml_syntax", detail=str(exc).splitlines()[0])
    return None


def _offset_pos(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a UTF-8 byte offset (libyaml counts bytes there)."""
    before = text.encode("utf-8")[: max(offset, 0)].decode("utf-8", "ignore")
    lines = split_lines(before)
    return len(lines), len(lines[-1]) + 1


# --- syntax errors: the cause, in the reader's words -------------------------------------------

_QUOTES = ('"', "'")
# `name:Kopi`: a key and its value with no space between, which YAML reads as one text
# (`https://…` is not one).
_NO_SPACE = re.compile(r"\s*(?:-\s+)?([^\s:#\[\]{},\"'|>][^\s:]*):([^\s/])")
_KEY_VALUE = re.compile(r"\s*(?:-\s+)?([^\s#:\"'][^:#]*?):\s+(.*)")
_LOOKS_LIKE_KEY = re.compile(r"\s*(?:-\s+)?[\w.-]+:(\s|$)")
_DIRECTIVE_PROBLEMS = ("directive", "version number", "digit or '.'", "incompatible YAML document", "non-alphabetical")


def _excerpt(text: str, limit: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quoted(value: str) -> str:
    """`value` as a quoted YAML scalar that reads back as the text typed."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in _QUOTES:
        value = value[1:-1]  # the quotes already typed around it
    if '"' in value or "\\" in value:
        return "'" + value.replace("'", "''") + "'"
    return f'"{value}"'


def _quote_fix(line: str) -> str:
    """The line with its value in quotes: `summary: "Kopi: enak"`."""
    match = _KEY_VALUE.fullmatch(line)
    if not match:
        return _quoted(line.strip())
    key, value = match.groups()
    value = re.sub(r"\s+#.*$", "", value).strip()  # a comment is not part of the value
    return f"{key.strip()}: {_quoted(value)}"


def _tokens_before(text: str, at: tuple[int, int]) -> list:
    """The tokens libyaml reads before 0-based (line, column) `at` (or before its error)."""
    out = []
    try:
        for token in yaml.scan(text, Loader=_LOADER):
            if (token.start_mark.line, token.start_mark.column) >= at:
                break
            out.append(token)
    except yaml.YAMLError:
        pass
    return out


def explain_syntax_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, dict]:
    """(line, col, params) of the `yaml_syntax` problem for `exc`: where its cause is and, in
    `reason`, which explanation fits (messages `yaml_syntax/<reason>`; none: the general one).

    libyaml names the place it gave up, which can be lines after the mistake: a quote left
    open runs on to the next quote, a `[` left open to the end of the file, and `name:Kopi`
    (no space) swallows the next line's key. The tokens read before the error show which.
    """
    problem, context = (exc.problem or "").strip(), (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    here = (mark.line, mark.column)  # 0-based, as libyaml counts
    start = (exc.context_mark.line, exc.context_mark.column) if exc.context_mark else here
    lines = split_lines(text)

    def line_at(pos: tuple[int, int]) -> str:
        return lines[pos[0]] if pos[0] < len(lines) else ""

    def char_at(pos: tuple[int, int]) -> str:
        return line_at(pos)[pos[1] : pos[1] + 1]

    def indent_of(pos: tuple[int, int]) -> int:
        line = line_at(pos)
        return len(line) - len(line.lstrip())

    def result(pos: tuple[int, int], reason: str | None, **params) -> tuple[int, int, dict]:
        return pos[0] + 1, pos[1] + 1, {**({"reason": reason} if reason else {}), "detail": problem or context, **params}

    def no_space(row: int) -> tuple[int, int, dict] | None:
        match = _NO_SPACE.match(line_at((row, 0)))
        if not match:
            return None
        glued = match.group(0).lstrip().removeprefix("-").lstrip() + line_at((row, 0))[match.end() :].split(" ")[0]
        key = match.group(1)
        return result((row, match.start(2)), "colon_space", found=_excerpt(glued), example=_excerpt(glued.replace(f"{key}:", f"{key}: ", 1)))

    def top_level(row: int) -> tuple[int, int, dict] | None:
        """The file's first key indented, which makes every key after it an error."""
        first = next((r for r in range(row + 1) if line_at((r, 0)).strip() and not line_at((r, 0)).lstrip().startswith("#")), None)
        if first is None or not indent_of((first, 0)):
            return None
        found = _excerpt(line_at((first, 0)).strip().split(":")[0], 30)
        return result((first, indent_of((first, 0))), "indent_top", found=found, column=indent_of((first, 0)) + 1)

    def indentation(row: int) -> tuple[int, int, dict]:
        prev = next((r for r in range(row - 1, -1, -1) if line_at((r, 0)).strip() and not line_at((r, 0)).lstrip().startswith("#")), None)
        found = _excerpt(line_at((row, 0)).strip().split(":")[0], 30)
        column = indent_of((row, 0))
        if prev is None:
            return top_level(row) or result((row, column), None)
        content = re.match(r"\s*(?:-\s+)*", line_at((prev, 0))).end()  # after any `- `
        return result((row, column), "indent", found=found, column=column + 1, prev_line=prev + 1, prev_column=content + 1)

    if context == "while scanning a quoted scalar":  # the end of the file, or `---` inside the quotes
        return result(start, "unclosed_quote", quote=char_at(start) or '"')
    if "tab character" in problem or (problem == "found character that cannot start any token" and char_at(here) == "\t"):
        return result(here, "tab")
    if context.startswith(("while scanning a directive", "while scanning a %", "while parsing a %", "while parsing a tag directive", "while scanning a tag directive")) or any(
        word in problem for word in _DIRECTIVE_PROBLEMS
    ):
        row = next((r for r, line in enumerate(lines) if line.startswith("%")), here[0])
        return result((row, 0), "directive", found=_excerpt(lines[row] if row < len(lines) else ""))

    tokens = _tokens_before(text, here)
    last = tokens[-1] if tokens else None
    quoted = [t for t in tokens if isinstance(t, yaml.ScalarToken) and t.style in _QUOTES]
    if quoted:
        opened, closed = quoted[-1].start_mark, quoted[-1].end_mark
        swallowed = any(_LOOKS_LIKE_KEY.match(line_at((row, 0))) for row in range(opened.line + 1, closed.line + 1))
        if opened.line < closed.line == here[0] and swallowed:
            # A quote left open ran on, over the next keys, to the next quote (on this line).
            return result((opened.line, opened.column), "unclosed_quote", quote=char_at((opened.line, opened.column)))
    flows: list = []
    for token in tokens:
        if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
            flows.append(token)
        elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) and flows:
            flows.pop()
    if flows and flows[-1].start_mark.line < here[0]:
        at = (flows[-1].start_mark.line, flows[-1].start_mark.column)
        bracket = char_at(at)
        close = "]" if bracket == "[" else "}"
        typed = re.sub(r"\s+#.*$", "", line_at(at)).strip()
        return result(at, "flow_unclosed", open=bracket, close=close, example=_excerpt(typed + close, 60))
    if problem.startswith("did not find expected ',' or"):
        return result(here, "flow_separator", found=_excerpt(line_at(here)[here[1] :], 20), close=problem[-2])
    if (
        quoted
        and not flows
        and last is quoted[-1]
        and last.end_mark.line == here[0]
        and (problem.startswith("did not find expected") or problem == "could not find expected ':'")
    ):
        return result(here, "after_quote", found=_excerpt(line_at(here)[here[1] :]), example=_excerpt(_quote_fix(line_at(here)), 60))

    if problem == "could not find expected ':'":
        return no_space(start[0]) or result(
            (start[0], indent_of(start)), "missing_colon", found=_excerpt(line_at(start)), example=_excerpt(_colon_example(line_at(start)), 60)
        )
    if problem in ("mapping values are not allowed in this context", "found unexpected ':'"):
        if isinstance(last, yaml.ScalarToken) and last.style in (None, "") and last.start_mark.line < here[0]:
            # The key on this line was read as the rest of the value above it.
            return no_space(last.start_mark.line) or indentation(here[0])
        return no_space(here[0]) or result(here, "colon_in_value", example=_excerpt(_quote_fix(line_at(here)), 60))
    if problem == "block sequence entries are not allowed in this context":
        return result(here, "dash")
    if problem in ("did not find expected key", "did not find expected '-' indicator"):
        if char_at(here) == "-" and line_at(here)[here[1] + 1 : here[1] + 2] in ("", " "):
            return result(here, "dash")
        if here[1] == indent_of(here):
            return indentation(here[0])
        return result(here, "unexpected", found=_excerpt(line_at(here)[here[1] :], 20))
    if problem in ("did not find expected node content", "mapping keys are not allowed in this context"):
        found = _excerpt(line_at(here)[here[1] :], 20)
        return result(here, "unexpected" if found else "unexpected_end", found=found)
    if problem == "found character that cannot start any token":
        return result(here, "reserved_start", found=char_at(here), example=_excerpt(_quote_fix(line_at(here)), 60))
    if "escape" in problem or "hexdecimal" in problem:
        backslash = line_at(here).rfind("\\", 0, here[1] + 1)
        at = (here[0], backslash if backslash >= 0 else here[1])
        return result(at, "escape", found=line_at(here)[at[1] : max(at[1] + 2, here[1] + 1)], example=_excerpt(_quote_fix(line_at(here)), 60))
    if context in ("while scanning an anchor", "while scanning an alias"):
        return result(start, "anchor_start", found=char_at(start), example=_excerpt(_quote_fix(line_at(start)), 60))
    if context == "while scanning a block scalar":
        return result(here, "block_scalar", indicator=char_at(start) or "|", found=_excerpt(line_at(here)[here[1] :], 30))
    if "tag" in context or "tag" in problem or problem == "did not find the expected '>'" or "URI" in problem or "UTF-8 octet" in problem:
        return result(start, "tag_start", example=_excerpt(_quote_fix(line_at(start)), 60))
    if problem == "did not find expected <document start>":
        end = next((r for r in range(here[0], -1, -1) if line_at((r, 0)).startswith("...")), None)
        if end is not None:
            return result(here, "document_end", found=_excerpt(line_at(here)[here[1] :]), end_line=end + 1)
        return top_level(here[0]) or result(here, None)
    return result(here, None)


def _colon_example(line: str) -> str:
    """`category minuman` as `category: minuman`."""
    text = line.strip()
    dash = ""
    if text.startswith("- "):
        dash, text = "- ", text[2:].lstrip()
    key, _, rest = text.partition(" ")
    return f"{dash}{key}: {rest.strip() or '…'}"


def read_product_file(file: Path, shown_path: str, problems: Problems) -> tuple[Mapping, str] | None:
    """The root mapping of a product file and its text, or None (with problems added)."""
    size = file.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.add(shown_path, 0, 0, "", "file_too_large", size_kib=size // 1024, max_kib=MAX_FILE_BYTES // 1024)
        return None
    text = decode(file.read_bytes(), shown_path, problems)
    if text is None:
        return None
    if not (check_characters(text, shown_path, problems) & check_tabs(text, shown_path, problems)):
        return None  # (both run: every such character is reported at once)
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
