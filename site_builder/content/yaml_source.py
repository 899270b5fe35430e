"""Parse YAML while remembering which line every key and list item came from.

Dates are kept as the text the maintainer wrote, so validation can say
"expected a date like 2024-03-05, got '5th March'" and the model converts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from site_builder.errors import ContentError
from site_builder.content.files import bad_character

FieldPath = tuple  # ("events", 2, "published")


_RESOLVERS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
"""PyYAML's rules for plain values (numbers, true/false, null) but dates: they stay text, and validation checks them."""

_STR = "tag:yaml.org,2002:str"
_KINDS = {"tag:yaml.org,2002:int": "a number", "tag:yaml.org,2002:float": "a number",
          "tag:yaml.org,2002:bool": "true or false", "tag:yaml.org,2002:null": "empty (null)",
          "tag:yaml.org,2002:merge": "a merge key (<<)"}
"""The types a plain value can have besides text, as a maintainer would say them."""

MAX_DEPTH = 20
"""How deeply lists and maps may nest (content files need 4 levels; parsing deeper ones costs memory and stack)."""

_Loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
PLAIN_WORDS_UP_TO = 100_000
"""Characters up to which a YAML mistake is described by the pure-Python loader (slower, with better words)."""
"""libyaml where PyYAML was built with it (about 8 times faster); its errors are reported in the pure-Python loader's words."""


@dataclass
class YamlDocument:
    """Parsed YAML data and the 1-based line of every key and list item."""

    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)
    first_line: int = 1

    def line_of(self, path: FieldPath) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.first_line


def format_field(path: FieldPath) -> str:
    """("events", 2, "published") -> "events[2].published"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def parse_yaml(text: str, path: Path, line_offset: int = 0) -> tuple[YamlDocument | None, list[ContentError]]:
    """Parse one YAML document; syntax problems become ContentErrors, never tracebacks.

    `line_offset` is added to every line (for front matter that starts below line 1).
    """
    try:
        return _Reader(_Loader(text), path, line_offset).document()
    except yaml.YAMLError as exc:
        fast_error = exc  # reported in the pure-Python loader's words, with its hints, unless the file is big
    try:
        if len(text) > PLAIN_WORDS_UP_TO:
            raise fast_error  # the pure-Python loader would take seconds to reach the same mistake
        return _Reader(yaml.SafeLoader(text), path, line_offset).document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problem = (exc.problem or exc.context or "could not be read").strip()
        return None, [ContentError(path, line, "", f"this is not valid YAML ({problem}). {_syntax_hint(text, mark)}".strip())]
    except yaml.YAMLError as exc:
        return None, [ContentError(path, None, "", f"this is not valid YAML ({exc})")]


class _Refused(Exception):
    """YAML that content files never need and that is unsafe to read (aliases, tags, deep nesting, odd keys)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


class _Reader:
    """Builds the data and the line of every key and list item in one pass over the parser's events.

    Working from events, not a composed tree, means nothing is ever walked twice: an alias
    could otherwise make a 300-byte file expand to gigabytes. There is no recursion, so deep
    nesting cannot overflow the stack either; it is refused past MAX_DEPTH.
    """

    def __init__(self, loader: Any, path: Path, offset: int):
        self.loader, self.path, self.offset = loader, path, offset
        self.lines: dict[FieldPath, int] = {}
        self.problems: list[ContentError] = []

    def document(self) -> tuple[YamlDocument | None, list[ContentError]]:
        loader = self.loader
        try:
            loader.get_event()  # the stream's start
            if loader.check_event(yaml.StreamEndEvent):
                return YamlDocument(data=None, first_line=1 + self.offset), []
            loader.get_event()  # the document's start
            try:
                data, first_line = self._values()
            except _Refused as refused:
                return None, [ContentError(self.path, refused.line, "", refused.message)]
            loader.get_event()  # the document's end
            if not loader.check_event(yaml.StreamEndEvent):
                line = loader.peek_event().start_mark.line + 1 + self.offset
                return None, [ContentError(self.path, line, "", "a second document starts here (a line `---`); "
                                           "a content file holds one. Remove the line or move the rest to its own file")]
        finally:
            loader.dispose()
        self.lines[()] = first_line
        return YamlDocument(data=data, lines=self.lines, first_line=first_line), self.problems

    def _values(self) -> tuple[Any, int]:
        """Read events up to the document's end; return its data and first line."""
        loader, lines, offset = self.loader, self.lines, self.offset
        get_event, scalar_event = loader.get_event, yaml.ScalarEvent
        stack: list[list] = []  # [container, path, is_map, key or _NO_KEY, key line, {key: first line}]
        while True:
            event = get_event()
            line = event.start_mark.line + 1 + offset
            kind = type(event)
            if kind is yaml.AliasEvent or getattr(event, "anchor", None) is not None:
                raise _Refused(line, "anchors and aliases (`&name`, `*name`) are not used in content files; "
                               "write the value out in full each time")
            if kind is scalar_event:
                if event.tag is None and event.style != '"' and (not event.implicit[0] or plain_tag(event.value) == _STR):
                    value: Any = event.value  # text, as almost every value is: the checks in _scalar have nothing to do
                else:
                    value = self._scalar(event, line)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._no_tag(event, line)
                if stack and stack[-1][2] and stack[-1][3] is _NO_KEY:
                    raise _Refused(line, "a key must be a plain word followed by a colon, like `name:`; this key is a "
                                   "list or a group. Check for a stray `?`, `[` or `{`")
                if len(stack) >= MAX_DEPTH:
                    raise _Refused(line, f"lists and groups are nested more than {MAX_DEPTH} levels deep here; "
                                   "content files need no more than 4. Check the indentation")
                path = self._child_path(stack, line)
                is_map = kind is yaml.MappingStartEvent
                stack.append([{} if is_map else [], path, is_map, _NO_KEY, 0, {}])
                continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                value = stack.pop()[0]
                if not stack:
                    return value, lines[()]
                self._place(stack[-1], value)
                continue
            else:
                raise yaml.YAMLError(f"unexpected {kind.__name__}")
            if not stack:
                lines[()] = line
                return value, line
            top = stack[-1]
            if top[2]:
                if top[3] is _NO_KEY:
                    if not isinstance(value, str):
                        raise _Refused(line, f"a key must be a word like `name:`, but {event.value!r} is read as "
                                       f"{_KINDS.get(self._tag(event), 'something else')}. Check the spelling, or put it in quotes")
                    top[3], top[4] = value, line
                    continue
                self._child_path(stack, line)
                top[0][top[3]] = value
                top[3] = _NO_KEY
            else:
                lines[top[1] + (len(top[0]),)] = line
                top[0].append(value)

    def _child_path(self, stack: list[list], line: int) -> FieldPath:
        """The path of the value starting on `line`, with its line recorded."""
        if not stack:
            self.lines[()] = line
            return ()
        container, path, is_map, key, key_line, firsts = stack[-1]
        if not is_map:
            child = path + (len(container),)
            self.lines[child] = line
            return child
        child = path + (key,)
        if key in firsts:
            self.problems.append(ContentError(self.path, key_line, format_field(child),
                                              f"this key appears twice (first on line {firsts[key]}); keep one of them"))
        else:
            firsts[key] = key_line
        self.lines[child] = key_line
        return child

    def _place(self, top: list, value: Any) -> None:
        if top[2]:
            top[0][top[3]] = value
            top[3] = _NO_KEY
        else:
            top[0].append(value)

    def _tag(self, event: Any) -> str:
        return plain_tag(event.value) if event.implicit[0] else _STR  # a quoted value is always text

    def _scalar(self, event: Any, line: int) -> Any:
        self._no_tag(event, line)
        tag = self._tag(event)
        if tag == _STR or tag not in _KINDS or tag.endswith("merge"):
            # The file's own text was checked when it was read; only a double-quoted escape (\x01) can add one.
            bad = bad_character(event.value) if event.style == '"' else None
            if bad is not None:
                raise _Refused(line, f"contains the invisible character {bad}, which cannot appear on a web page; "
                               "delete it (in quotes, look for an escape such as \\u or \\x)")
            return event.value
        return self.loader.construct_object(yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark))

    def _no_tag(self, event: Any, line: int) -> None:
        if event.tag not in (None, "!"):
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(line, f"tags such as `{tag}` are not used in content files; remove it")


@lru_cache(maxsize=4096)  # keys and choices repeat in every file
def plain_tag(value: str) -> str:
    """What an unquoted value is by PyYAML's rules (dates excepted): text, a number, true or false, or null."""
    return next((tag for tag, regexp in _RESOLVERS.get(value[:1], ()) if regexp.match(value)), _STR)


_NO_KEY = object()
"""A map that waits for its next key."""


def _syntax_hint(text: str, mark: Any) -> str:
    """A plain hint for the commonest YAML mistakes non-programmers make."""
    if mark is None:
        return ""
    line = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
    if "\t" in line:
        return "Use spaces, not tabs, to indent."
    if line.count('"') % 2 == 1:
        return "A quotation mark is not closed on this line."
    if ": " in line.split("#")[0].split(": ", 1)[-1]:
        return 'If a value contains ": ", put the whole value in quotes.'
    return "Check the indentation and that each key is followed by a colon and a space."
