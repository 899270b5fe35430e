"""Parse YAML while remembering which line every key and list item came from.

Dates are kept as the text the maintainer wrote, so validation can say
"expected a date like 2024-03-05, got '5th March'" and the model converts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError

FieldPath = tuple  # ("events", 2, "published")


class _TextDateLoader(yaml.SafeLoader):
    """SafeLoader that leaves timestamps as strings (validation checks them)."""


_TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map"))


def _fast_loader() -> type | None:
    """_TextDateLoader on libyaml (about 8 times faster), where PyYAML was built with it."""
    if getattr(yaml, "CSafeLoader", None) is None:
        return None

    resolvers = _TextDateLoader.yaml_implicit_resolvers
    any_first = tuple(resolvers.get(None, ()))  # resolvers for values starting with any character (none, in PyYAML 6)
    short_values: dict[str, str] = {}

    class FastTextDateLoader(yaml.CSafeLoader):
        """The same loader on libyaml; any document it rejects is parsed again by _TextDateLoader for the message.

        libyaml calls back into Python to resolve every node's tag; PyYAML's resolver also
        walks path resolvers we never register. These do the same lookup without that work.
        """

        yaml_implicit_resolvers = resolvers

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

        def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
            if kind is yaml.ScalarNode:
                if implicit[0]:
                    tag = short_values.get(value)
                    if tag is None:
                        candidates = (*resolvers.get(value[:1], ()), *any_first)
                        tag = next((tag for tag, regexp in candidates if regexp.match(value)), _STR)
                        if len(value) <= 24 and len(short_values) < 4096:  # keys and choices repeat in every file
                            short_values[value] = tag
                    return tag
                return _STR
            return _SEQ if kind is yaml.SequenceNode else _MAP

    return FastTextDateLoader


_FastTextDateLoader = _fast_loader()


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
    if _FastTextDateLoader is not None:
        try:
            return _parse(_FastTextDateLoader, text, path, line_offset)
        except yaml.YAMLError:
            pass  # report it in the pure-Python loader's words, with its hints
    try:
        return _parse(_TextDateLoader, text, path, line_offset)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problem = (exc.problem or exc.context or "could not be read").strip()
        return None, [ContentError(path, line, "", f"this is not valid YAML ({problem}). {_syntax_hint(text, mark)}".strip())]
    except yaml.YAMLError as exc:
        return None, [ContentError(path, None, "", f"this is not valid YAML ({exc})")]


def _parse(loader_class: type, text: str, path: Path, line_offset: int) -> tuple[YamlDocument | None, list[ContentError]]:
    """Compose, record every line, then construct; YAML errors propagate."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(data=None, first_line=1 + line_offset), []
        doc = YamlDocument(data=None, first_line=node.start_mark.line + 1 + line_offset)
        problems: list[ContentError] = []
        try:
            try:
                aliases = "&" in text or "*" in text  # no anchor or alias can be written without these
                doc.data = _Walk(loader, doc.lines, line_offset, path, problems, aliases).data(node, ())
            except _NotPlain:  # aliases, merge keys or tags: record the lines, then let the loader construct it
                doc.lines.clear()
                problems.clear()
                _collect_lines(node, (), doc.lines, line_offset, path, problems)
                doc.data = loader.construct_document(node)
        except _ComplexKey as bad:
            return None, [ContentError(path, bad.line, "", "a key must be a plain word followed by a colon, like `name:`; "
                                       "this key is a list or a group. Check for a stray `?`, `[` or `{`")]
    finally:
        loader.dispose()
    return doc, problems


class _ComplexKey(Exception):
    """A mapping key that is itself a list or a mapping (YAML allows it; our files never need it)."""

    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


class _NotPlain(Exception):
    """The document uses aliases, merge keys or special tags: let the loader construct it."""


class _Walk:
    """One pass over a composed document: its data (as the loader would construct it) and every line.

    Gives what _collect_lines and loader.construct_document give, in one walk, for the plain
    maps, lists and strings our files are made of (3 times faster); anything unusual raises
    _NotPlain and the document goes that longer way.
    """

    def __init__(self, loader: Any, lines: dict, offset: int, file: Path, problems: list, aliases: bool = True):
        self.loader, self.lines, self.offset, self.file, self.problems = loader, lines, offset, file, problems
        self.seen: set[int] | None = set() if aliases else None

    def data(self, node: yaml.Node, path: FieldPath) -> Any:
        if self.seen is not None:
            if id(node) in self.seen:  # an alias: the loader shares one object between both places
                raise _NotPlain
            self.seen.add(id(node))
        lines = self.lines
        if path not in lines:
            lines[path] = node.start_mark.line + 1 + self.offset
        kind, tag = type(node), node.tag
        if kind is yaml.ScalarNode:
            return node.value if tag == _STR else self.loader.construct_object(node)
        if kind is yaml.SequenceNode and tag == _SEQ:
            return [self.data(item, path + (index,)) for index, item in enumerate(node.value)]
        if kind is yaml.MappingNode and tag == _MAP:
            data: dict = {}
            first_lines: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1 + self.offset
                if type(key_node) is not yaml.ScalarNode:
                    raise _ComplexKey(key_line)
                if key_node.tag != _STR:
                    raise _NotPlain  # a number, date or merge key: the loader decides what it is
                key = key_node.value
                if key in first_lines:
                    self.problems.append(ContentError(
                        self.file, key_line, format_field(path + (key,)),
                        f"this key appears twice (first on line {first_lines[key]}); keep one of them"))
                first_lines[key] = key_line
                lines[path + (key,)] = key_line
                data[key] = self.data(value_node, path + (key,))
                lines[path + (key,)] = key_line
            return data
        raise _NotPlain


def _collect_lines(node: yaml.Node, path: FieldPath, lines: dict, offset: int, file: Path, problems: list) -> None:
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1 + offset
            if not isinstance(key_node, yaml.ScalarNode):
                raise _ComplexKey(key_line)
            key = key_node.value
            if key in seen:
                problems.append(ContentError(
                    file, key_line, format_field(path + (key,)),
                    f"this key appears twice (first on line {seen[key]}); keep one of them"))
            seen[key] = key_line
            lines[path + (key,)] = key_line
            _collect_lines(value_node, path + (key,), lines, offset, file, problems)
            lines[path + (key,)] = key_line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, path + (index,), lines, offset, file, problems)


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
