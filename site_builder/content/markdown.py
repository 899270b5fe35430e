"""One configured Markdown renderer for all contributor text.

Contributors write Markdown, never HTML. `find_markdown_problems` reports what contributor
Markdown must not carry: raw HTML, images, links `link_problem` refuses, and text so long
or so tangled that the renderer would take seconds or crash. The renderer escapes raw HTML,
drops what `link_problem` refuses (one rule for both), and raises `MarkdownRenderError`
rather than hang or crash should unchecked text reach it. Site-root links such as
`/glossary/#wsoa` are rewritten so they work when the site is hosted under a sub-path
(`/repo/`).

Python-Markdown takes time that grows with the square of some inputs (an unclosed `[`
makes it read to the end of its paragraph, once per `[`, in Python), and recursion that
grows with nesting (a list nested 600 deep raises RecursionError), so the checks below
bound what it is given. Every scan here is linear: no regular expression that can
backtrack runs over contributor text.
"""

from __future__ import annotations

import copy
import html
import re
import xml.etree.ElementTree as etree
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

import markdown
import markdown.extensions.toc
from markdown import util
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


MAX_CHARACTERS = 100_000
"""Characters in one Markdown text. The longest guide has about 8,100."""
MAX_LINES = 1_000
"""Lines with words on them (the longest guide has 94). Python-Markdown spends about 0.1 ms on each block it makes."""
MAX_NESTING = 20
"""Lists and quotes inside each other (the guides go 2 deep): every level costs a pass over its lines, and recursion."""
MAX_COLUMNS = 50
"""Columns in a table row: the renderer slows with the square of a row's cells."""
MAX_ITEMS = 500
"""List items, quote levels and table cells in one text (the guides have at most 29): each is a block, as costly
as a paragraph, and one line can hold many (`- - - a`)."""
MAX_MARKS = 1_000
"""Marks that make an element of a paragraph: * _ ` [ < and a line break (two spaces at a line's end); the guides
have at most 71. Each element costs about 0.08 ms, and emphasis nests by recursion (1,000 stars need 256 frames)."""
MAX_FORMATTING = 5_000
"""Those marks and the characters the renderer turns into something else: ' " & \\ ! -- ... (the guides have at most
about 110 in all). Each costs about 0.01 ms."""
BRACKET_WORK = 500_000
"""What `[` costs the renderer in one text: each `[` makes it read on to its `]`, in Python, about four times,
and each `](` on to its `)`. About 0.1 s; the guides cost at most 1,400."""
FORMATTING_WORK = 5_000_000
"""Characters times formatting characters, summed over the paragraphs of one text: each formatting character can
make the renderer read on to the end of its paragraph. About 0.05 s; the guides cost at most 28,000."""

_MARKS = re.compile(r"[*_`\[<]|  \n")
_FORMATTING_MARKS = re.compile(r"[*_`\[<'\"&\\!]|  \n|--|\.\.")
_FORMATTING = "*_`'\"\\[!<&"
"""Characters that start emphasis, code, quotes, escapes, links, images, autolinks and entities (and -- ... and a
line break, counted apart)."""
_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!|")
"""What a backslash escapes (Python-Markdown's ESCAPED_CHARS with tables)."""
_ESCAPE = re.compile(r"\\(.)", re.S)
_NEWLINE = re.compile("\n")
_TICKS = re.compile("`+")
_BRACKETS = re.compile(r"[\[\]]")
_PARENS = re.compile(r"[()]")
_LESS_THAN = re.compile("<")
_IMAGE = re.compile(r"!\[")
_MARKER = re.compile(r"(?:[-*+]|[0-9]+\.)[ \t]")
_REFERENCE = re.compile(r"\[([^\[\]\n]*)\]:[ \t]*")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>")
_AUTOMAIL = re.compile(r"<([^\s<>!]+@[^\s<>@]+)>")
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_TAG_SHOWN = re.compile(r"<[^>\n]{0,40}>?")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:")
_URL_IGNORED = re.compile("[\t\n\r]")
_URL_TRIMMED = "".join(map(chr, range(33)))


class MarkdownRenderError(Exception):
    """Markdown the renderer refused or could not render: `line` (1-based, within the text) and a plain message.

    Raised by render_markdown and render_inline. Checked text never raises it (find_markdown_problems
    reports the same limits first); the builder reports it as `file:line: message`.
    """

    def __init__(self, line: int, message: str):
        super().__init__(line, message)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class MarkdownProblem:
    """A problem in a piece of Markdown, with the line (1-based, within the text)."""

    line: int
    message: str


def find_markdown_problems(text: str) -> list[MarkdownProblem]:
    """What contributor Markdown must not carry: raw HTML, images, unsafe links, and more than the renderer can take.

    Text with no problems renders in well under a second and never raises.
    """
    scan = _Scan(text)
    found = dict.fromkeys(scan.limit_problems + scan.safety_problems())  # a <link> in a link is one problem, not two
    return sorted(found, key=lambda p: p.line)


def link_problem(address: str) -> str | None:
    """Why a link may not go to `address`, or None when it may: the one rule for `check` and the renderer.

    The address is judged as a browser reads it (entities decoded, tabs and newlines dropped, spaces and
    control characters trimmed), so `jav&#x61;script:` and `java<tab>script:` are what they are.
    """
    seen = _as_browser_reads(address)
    lower = seen.lower()
    if lower.startswith(("https://", "http://", "#", "./", "../")):
        return None
    if seen.startswith("/") and not seen.startswith(("//", "/\\")):
        return None
    if not seen:
        return "this link has no address; give one starting with https:// or /"
    shown = address.strip()[:40]
    if lower.startswith(("mailto:", "tel:")):
        if "?" in seen:
            scheme = lower[:lower.index(":") + 1]
            return (f"a {scheme} link can only give the address, found {seen[seen.index('?'):][:40]!r} after it; "
                    "remove the ? and everything after it")
        return None
    if seen.startswith(("//", "/\\")):
        return f"links must start with https:// or /, found {shown!r}; write the whole address, starting with https://"
    scheme = _SCHEME.match(lower)
    if scheme:
        return f"links must start with https:// or /, found a {scheme.group(0)} link"
    return f"links must start with https:// or /, found {shown!r}"


def _as_browser_reads(address: str) -> str:
    """An href as a browser will follow it (Python-Markdown keeps entities such as &#x61; as written)."""
    text = html.unescape(address.replace(util.AMP_SUBSTITUTE, "&"))
    return _URL_IGNORED.sub("", text).strip(_URL_TRIMMED)


IMAGE_MESSAGE = ("images are not allowed in Markdown (a picture from another site can follow who reads the page); "
                 "link to it instead, like [what it shows](https://...), or write \\! before the [")


class _Scan:
    """One linear pass over a text: its lines, paragraphs, code spans and what they would cost the renderer."""

    def __init__(self, text: str):
        self.text = text
        self.limit_problems: list[MarkdownProblem] = []
        if len(text) > MAX_CHARACTERS:
            self.line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text, 0, MAX_CHARACTERS)]
            self._limit(self.line_of(MAX_CHARACTERS),
                        f"this text is {len(text):,} characters long, and the most is {MAX_CHARACTERS:,}; "
                        "split it into shorter pieces")
            return
        self.line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self.escaped = {m.start(1) for m in _ESCAPE.finditer(text) if m.group(1) in _ESCAPABLE}
        self.swollen = sorted(self.escaped.union(m.start() for m in _TICKS.finditer(text)))
        """Where Python-Markdown puts a longer placeholder before it looks for links (escapes, code): about 12
        characters more for each escape and each run of backticks."""
        self.paragraphs: list[list[int]] = []
        """[start, end, first line, code scope starts...] of each run of lines Python-Markdown may read as one text."""
        self.references: list[tuple[int, str]] = []
        """(line, address) of each reference definition, `[id]: address`."""
        self._read_lines()
        self._count_work()

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)

    def _limit(self, line: int, message: str) -> None:
        self.limit_problems.append(MarkdownProblem(line, message))

    def _read_lines(self) -> None:
        text, starts = self.text, self.line_starts
        written = items = 0
        deep = wide = many = False
        previous_blank = True
        for number, start in enumerate(starts, start=1):
            end = starts[number] - 1 if number < len(starts) else len(text)
            line = text[start:end]
            if not line.strip(" \t"):
                previous_blank = True
                continue
            written += 1
            if written > MAX_LINES:
                self._limit(number, f"this text has more than {MAX_LINES:,} lines, and the most is {MAX_LINES:,}; "
                                    "split it into shorter pieces")
                break  # refused: the rest need not be read
            depth, content, opened, item = _line_shape(line)
            if depth > MAX_NESTING and not deep:
                deep = True
                self._limit(number, f"lists and quotes are nested {depth} levels deep here, and the most is "
                                    f"{MAX_NESTING}; indent less, or start a new list")
            items += opened if depth <= MAX_NESTING else 0  # a line nested too deep is refused already
            pipes = line.count("|") - line.count("\\|")
            if pipes:
                edges = line.strip(" \t")
                columns = pipes + 1 - edges.startswith("|") - (edges.endswith("|") and not edges.endswith("\\|"))
                if columns > MAX_COLUMNS and not wide:
                    wide = True
                    self._limit(number, f"this table row has {columns} columns, and a table can have at most "
                                        f"{MAX_COLUMNS}; split the table, or write \\| for a | that is not between cells")
                items += columns if columns <= MAX_COLUMNS else 0  # a row too wide is refused already
            if items > MAX_ITEMS and not many:
                many = True
                self._limit(number, f"this text has more than {MAX_ITEMS:,} list items, quotes and table cells, and "
                                    f"the most is {MAX_ITEMS:,}; split it into shorter pieces")
            reference = _REFERENCE.match(line, content)
            if reference:
                address = line[reference.end():].strip(" \t")
                if not address and number < len(starts):
                    following = text[starts[number]:(starts[number + 1] - 1 if number + 1 < len(starts) else len(text))]
                    address = following.strip(" \t")
                if address.split():
                    self.references.append((number, address.split()[0].strip("<>")))
            heading = line.startswith("#", content)
            if previous_blank and not (line[0] in " \t" and self.paragraphs):
                self.paragraphs.append([start, end, number, start])  # a new paragraph
            else:
                # the same paragraph, or an indented block after a blank line: Python-Markdown can join
                # such a block to the list item above it, so it is counted with that item's paragraph
                paragraph = self.paragraphs[-1]
                paragraph[1] = end
                if item or heading or previous_blank:
                    paragraph.append(start)  # code spans do not cross list items and headings
            if heading:
                self.paragraphs[-1].append(end)
            previous_blank = False

    def _count_work(self) -> None:
        """How much formatting the text has, and what it would cost the renderer: at most one problem, the most
        specific (brackets, then marks, then formatting characters, then long paragraphs full of them)."""
        found: list[MarkdownProblem] = []
        brackets, worst_bracket = 0, (-1, 0)  # (work of one [, its offset)
        for start, end, *_ in self.paragraphs:
            work, worst = self._bracket_work(start, end, BRACKET_WORK - brackets)
            brackets += work
            worst_bracket = max(worst_bracket, worst)
            if brackets > BRACKET_WORK:
                found.append(MarkdownProblem(self.line_of(worst_bracket[1]),
                                             "too many [ here are left without a ] or nested inside each other, and the "
                                             "page would take too long to build; close each link's text with ], or write "
                                             "\\[ for a bracket that is not part of a link"))
                break
        marks = self._beyond(_MARKS, MAX_MARKS, skip_escaped=True)
        if marks is not None:
            found.append(MarkdownProblem(marks, f"this text has more than {MAX_MARKS:,} of the marks that make emphasis, "
                                                "code, links and line breaks (* _ ` [ < and two spaces at the end of a "
                                                f"line), and the most is {MAX_MARKS:,}; split it into shorter pieces, or "
                                                "write \\* \\_ \\` \\[ for ones that are not formatting"))
        formatting = self._beyond(_FORMATTING_MARKS, MAX_FORMATTING, skip_escaped=False)
        if formatting is not None:
            found.append(MarkdownProblem(formatting, f"this text has more than {MAX_FORMATTING:,} formatting characters "
                                                     "(* _ ` [ < ' \" & \\ ! -- ...), and the most is "
                                                     f"{MAX_FORMATTING:,}; split it into shorter pieces"))
        total, worst = 0, (-1, 0, 0, 0)  # (work, line, characters, formatting characters)
        for start, end, number, *_ in self.paragraphs:
            paragraph = self.text[start:end]
            count = (sum(paragraph.count(c) for c in _FORMATTING) + paragraph.count("--") + paragraph.count("..")
                     + paragraph.count("  \n"))
            total += len(paragraph) * count
            worst = max(worst, (len(paragraph) * count, -number, len(paragraph), count))
        if total > FORMATTING_WORK:
            _, number, characters, count = worst
            found.append(MarkdownProblem(-number, f"this paragraph has too much formatting for its length ({count:,} of "
                                                  f"the characters * _ ` ' \" \\ [ ! < & in {characters:,} characters), and "
                                                  "the page would take too long to build; split long paragraphs with "
                                                  "blank lines, or use fewer of these characters"))
        self.limit_problems += found[:1]

    def _beyond(self, pattern: re.Pattern, most: int, skip_escaped: bool) -> int | None:
        """The line of the first match of `pattern` beyond the `most` allowed, or None."""
        found = 0
        for m in pattern.finditer(self.text):
            if skip_escaped and m.start() in self.escaped:
                continue
            found += 1
            if found > most:
                return self.line_of(m.start())
        return None

    def _bracket_work(self, start: int, end: int, allowed: int) -> tuple[int, tuple[int, int]]:
        """What the `[` of one paragraph cost the renderer, counted generously, and the costliest `[`.

        Each `[` is read on to its `]`, four times; each `](` on to its `)`, and to the end of the paragraph when
        the `)` is missing or a quote comes first. A `]` counts as closing only when it is not escaped and not
        between the first and last backtick (it may be code); every `[` counts as opening.
        """
        text, escaped = self.text, self.escaped
        first_tick, last_tick = text.find("`", start, end), text.rfind("`", start, end)

        def dead(offset: int) -> bool:
            return offset in escaped or first_tick <= offset <= last_tick and first_tick != -1

        closing: dict[int, int] = {}
        opened: list[int] = []
        for m in _PARENS.finditer(text, start, end):
            if m.group() == "(":
                opened.append(m.start())
            elif opened and not dead(m.start()):
                closing[opened.pop()] = m.start()
        work, worst = 0, (-1, 0)
        stack: list[int] = []
        for m in _BRACKETS.finditer(text, start, end):
            at = m.start()
            if m.group() == "[":
                stack.append(at)
                continue
            if not stack or dead(at):
                continue
            opener = stack.pop()
            cost = 4 * self._read(opener, at)
            if text.startswith("(", at + 1):
                close = closing.get(at + 1, end)
                quoted = text.find('"', at + 1, close) != -1 or text.find("'", at + 1, close) != -1
                cost += self._read(at, end if quoted else close)
            work += cost
            worst = max(worst, (cost, opener))
            if work > allowed:
                return work, worst
        for opener in stack:
            cost = 4 * self._read(opener, end)
            work += cost
            worst = max(worst, (cost, opener))
        return work, worst

    def _read(self, start: int, end: int) -> int:
        """How many characters Python-Markdown reads from start to end, placeholders counted."""
        return end - start + 12 * (bisect_left(self.swollen, end) - bisect_left(self.swollen, start))

    def safety_problems(self) -> list[MarkdownProblem]:
        """Raw HTML, images and links the site does not allow, with code spans left out."""
        if self.limit_problems:
            return []  # text over a limit is refused already, and reading it further could take long
        problems = []
        text = self._without_code()
        for m in _LESS_THAN.finditer(text):
            autolink = _AUTOLINK.match(text, m.start())
            automail = None if autolink else _AUTOMAIL.match(text, m.start())
            if autolink or automail:
                address = autolink.group(1) if autolink else automail.group(1)
                if automail and not address.lower().startswith("mailto:"):
                    address = "mailto:" + address
                message = link_problem(address)
                if message:
                    problems.append(MarkdownProblem(self.line_of(m.start()), message))
            elif _TAG_START.match(text, m.start()):
                shown = _TAG_SHOWN.match(self.text, m.start()).group(0)
                problems.append(MarkdownProblem(self.line_of(m.start()), f"raw HTML is not allowed in Markdown, found "
                                                f"{shown!r}; use Markdown instead (for a line break, leave a blank line)"))
        images = set()
        for m in _IMAGE.finditer(text):
            if m.start() not in self.escaped:
                images.add(m.start() + 1)
                problems.append(MarkdownProblem(self.line_of(m.start()), IMAGE_MESSAGE))
        for start, end, *_ in self.paragraphs:
            for at, address in self._link_addresses(text, start, end, images):
                message = link_problem(address)
                if message:
                    problems.append(MarkdownProblem(self.line_of(at), message))
        for number, address in self.references:
            message = link_problem(_unescape_markdown(address))
            if message:
                problems.append(MarkdownProblem(number, message))
        return problems

    def _without_code(self) -> str:
        """The text with each code span blanked, as Python-Markdown finds them (first run of ticks to the next of
        the same length, else to the longest shorter one after it), within each list item or paragraph."""
        text, escaped = self.text, self.escaped
        pieces, done = [], 0
        for start, end, _, *scopes in self.paragraphs:
            bounds = sorted(set(scopes[1:] + [start, end]))
            for scope_start, scope_end in zip(bounds, bounds[1:]):
                runs = []
                for m in _TICKS.finditer(text, scope_start, scope_end):
                    run_start = m.start() + (m.start() in escaped)  # a \` is a plain backtick
                    if m.end() > run_start:
                        runs.append((run_start, m.end()))
                following_same: list[int | None] = [None] * len(runs)
                longest_after: list[tuple[int, int]] = [(0, -1)] * len(runs)  # (length, earliest run of it)
                seen: dict[int, int] = {}
                longest = (0, -1)
                for i in range(len(runs) - 1, -1, -1):
                    length = runs[i][1] - runs[i][0]
                    following_same[i] = seen.get(length)
                    longest_after[i] = longest
                    seen[length] = i
                    if length >= longest[0]:
                        longest = (length, i)
                i = 0
                while i < len(runs):
                    opening = runs[i][1] - runs[i][0]
                    close = following_same[i]
                    if close is None and 0 < longest_after[i][0] < opening:
                        close = longest_after[i][1]
                    if close is None:
                        i += 1
                        continue
                    pieces += [text[done:runs[i][0]], " " * (runs[close][1] - runs[i][0])]
                    done = runs[close][1]
                    i = close + 1
        pieces.append(text[done:])
        return "".join(pieces)

    def _link_addresses(self, text: str, start: int, end: int, images: set[int]) -> list[tuple[int, str]]:
        """(offset, address) of each inline link `[text](address "title")` in one paragraph, images left out."""
        closing = dict(_pairs(_PARENS, "(", text, start, end, self.escaped))
        found = []
        for opener, at in _pairs(_BRACKETS, "[", text, start, end, self.escaped):
            if opener not in images and text.startswith("(", at + 1):
                address = _link_target(text[at + 2:closing.get(at + 1, end)])
                if address or at + 1 in closing:  # [a]( with no ) and nothing after is not a link
                    found.append((at, address))
        return found


def _pairs(pattern: re.Pattern, opener: str, text: str, start: int, end: int, escaped: set[int]) -> Iterator[tuple[int, int]]:
    """(opening offset, closing offset) of each matched pair of `pattern`'s two marks, as each closes; escaped marks skipped."""
    stack: list[int] = []
    for m in pattern.finditer(text, start, end):
        if m.start() in escaped:
            continue
        if m.group() == opener:
            stack.append(m.start())
        elif stack:
            yield stack.pop(), m.start()


def _line_shape(line: str) -> tuple[int, int, int, bool]:
    """How deep a line's lists and quotes go (counted generously), where its words start, how many list items and
    quotes it opens, and whether it starts a list item.

    Each > and each list marker is a level, and so is each four columns of indentation, except the one space
    a > may take and the spaces after a list marker, which Python-Markdown strips with them.
    """
    depth = columns = i = 0
    item = False
    rules: dict[str, tuple[int, int]] = {}
    while i < len(line):
        c = line[i]
        if c == " ":
            columns += 1
            i += 1
        elif c == "\t":
            columns += 4
            i += 1
        elif c == ">":
            depth += 1
            i += 2 if line.startswith(" ", i + 1) else 1
        else:
            marker = _MARKER.match(line, i)
            if marker is None or (c in "-*" and _is_rule(line, i, c, rules)):
                break
            depth += 1
            item = True
            i = marker.end()
            while line.startswith((" ", "\t"), i):
                i += 1
    return depth + columns // 4, i, depth, item


def _is_rule(line: str, i: int, c: str, known: dict) -> bool:
    """Whether line[i:] is a horizontal rule of `c` (---, * * *), which Python-Markdown reads before a list item.

    A rule is only `c` and spaces, never three spaces in a row before a `c`, and at least three `c`.
    What is found out about the line is kept in `known`, so a line of many markers is read once.
    """
    if c not in known:
        known[c] = (len(line.rstrip(c + " ")), line.rfind("   " + c))
    only_from, last_gap = known[c]
    return i >= only_from and last_gap < i and line.count(c, i) >= 3


def _link_target(inside: str) -> str:
    """The address in what follows `[text](`: up to its `)`, without <> or a "title"."""
    address = inside.strip()
    if address.startswith("<"):
        return _unescape_markdown(address[1:].split(">", 1)[0])
    for quote in "\"'":
        if address.endswith(quote):
            opening = address.rfind(quote, 0, len(address) - 1)
            if opening > 0 and address[opening - 1].isspace():
                address = address[:opening]
                break
    return _unescape_markdown(address.strip())


def _unescape_markdown(address: str) -> str:
    return _ESCAPE.sub(lambda m: m.group(1) if m.group(1) in _ESCAPABLE else m.group(0), address)


class _SafeLinks(Treeprocessor):
    """Prefix site-root links with the base path; drop links `link_problem` refuses; turn images into their words."""

    def __init__(self, md: markdown.Markdown, base_path: str):
        super().__init__(md)
        self.base_path = base_path

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "img":  # find_markdown_problems refuses images: a picture from another site tracks readers
                alt = element.get("alt", "")
                element.attrib.clear()
                element.tag, element.text = "span", alt
                continue
            value = element.get("href")
            if value is None:
                continue
            if link_problem(value) is not None:
                del element.attrib["href"]
            elif value.strip().startswith("/") and not value.strip().startswith("//"):
                element.set("href", self.base_path + value.strip())


class _SafeMarkdown(Extension):
    def __init__(self, base_path: str):
        super().__init__()
        self.base_path = base_path

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Escape raw HTML rather than pass it through: contributors are not trusted with markup.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md, self.base_path), "safe_links", 0)


def make_renderer(base_path: str = "", heading_offset: int = 0) -> markdown.Markdown:
    """A Markdown instance configured for the site; `base_path` is "" or like "/portal".

    Quotes and apostrophes stay as typed, as in every other text on the site (SmartyPants,
    which curled them in Markdown only, took half the time of converting a guide).
    """
    return markdown.Markdown(
        extensions=[
            "sane_lists",
            "tables",
            markdown.extensions.toc.TocExtension(permalink=False, baselevel=1 + heading_offset),
            _SafeMarkdown(base_path),
        ],
        output_format="html",
    )


def render_markdown(text: str, base_path: str = "") -> tuple[str, list[dict]]:
    """Markdown to (html, table of contents tokens); MarkdownRenderError for text find_markdown_problems refuses as too much."""
    rendered, toc = _render_cached(text or "", base_path)
    return rendered, copy.deepcopy(toc)


_LINK_TEXT = r"[A-Za-z0-9,;:?-](?:[A-Za-z0-9 ,;:?-]*[A-Za-z0-9,;:?-])?"
_LINK_URL = r"(?:https?://|/(?!/))[A-Za-z0-9/.#:-]*"
_PLAIN_TEXT = re.compile(rf"(?!.*(?:\.\.|--|  ))[A-Za-z](?:[A-Za-z0-9 ,.;:?()-]|\[{_LINK_TEXT}\]\({_LINK_URL}\))*(?<! )")
"""One line of words, plain punctuation and simple links: Markdown would only wrap it in <p> and turn
[text](address) into a link, so that is done here without the renderer.

No quotes, double dashes or runs of dots; nothing that starts a list, heading,
quote or code block; no character that needs escaping (tests/test_markdown_fast_path.py)."""
_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")
_PLAIN_BASE = re.compile(r"[A-Za-z0-9/._-]*")


def _plain_html(text: str, base_path: str) -> str | None:
    """What the renderer gives for text _PLAIN_TEXT accepts, or None for any other text."""
    if not (_PLAIN_TEXT.fullmatch(text) and _PLAIN_BASE.fullmatch(base_path)):
        return None
    return "<p>" + _LINK.sub(lambda m: f'<a href="{base_path + m[2] if m[2][0] == "/" else m[2]}">{m[1]}</a>', text) + "</p>"


@lru_cache(maxsize=8192)
def _render_cached(text: str, base_path: str) -> tuple[str, list[dict]]:
    # Same text, same HTML: notes such as "extracted automatically" repeat across areas, and serve re-plans often.
    plain = _plain_html(text, base_path)
    if plain is not None:
        return plain, []  # most notes, summaries and notice details: about 0.9 s of a build of 10,000 areas
    html, toc = _convert(text, base_path)
    return html, toc


def _convert(text: str, base_path: str) -> list:
    """[html, toc tokens] from Python-Markdown, or MarkdownRenderError: never a hang, a RecursionError or a traceback.

    Text over the limits find_markdown_problems reports is refused before Python-Markdown sees it.
    """
    scan = _Scan(text)
    if scan.limit_problems:
        first = scan.limit_problems[0]
        raise MarkdownRenderError(first.line, first.message)
    md = shared_renderer(base_path)
    md.reset()
    try:
        return [md.convert(text), getattr(md, "toc_tokens", [])]
    except Exception as error:  # RecursionError and MemoryError included; the checks should leave none
        shared_renderer.cache_clear()  # it stopped half-way through: start the next text with a new one
        raise MarkdownRenderError(1, f"this Markdown could not be turned into a page ({type(error).__name__}); "
                                        "simplify the lines here, and report the problem if it stays") from error


@lru_cache(maxsize=8)
def shared_renderer(base_path: str) -> markdown.Markdown:
    # Building a Markdown instance costs more than converting a short note; reset() makes reuse safe.
    return make_renderer(base_path)


def render_inline(text: str, base_path: str = "") -> str:
    """Markdown for a short note: one paragraph's <p> wrapper removed when it is the only one."""
    html, _ = _render_cached(text or "", base_path)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def work_of(text: str) -> dict[str, int]:
    """What `text` asks of the renderer, in the units of the limits above (MAX_CHARACTERS, MAX_LINES, MAX_ITEMS,
    MAX_MARKS, MAX_FORMATTING, BRACKET_WORK, FORMATTING_WORK), so that a test can show how far inside them real
    content is. `find_markdown_problems` refuses text beyond any of them."""
    scan = _Scan(text)
    paragraphs = [text[start:end] for start, end, *_ in scan.paragraphs]
    return {
        "characters": len(text),
        "lines": sum(1 for line in text.splitlines() if line.strip()),
        "items": sum(_line_shape(line)[2] for line in text.splitlines()),
        "marks": len(_MARKS.findall(text)),
        "formatting": len(_FORMATTING_MARKS.findall(text)),
        "bracket_work": max((scan._bracket_work(start, end, BRACKET_WORK)[0] for start, end, *_ in scan.paragraphs),
                            default=0),
        "formatting_work": sum(len(p) * sum(p.count(c) for c in _FORMATTING) for p in paragraphs),
    }


LIMITS = {"characters": MAX_CHARACTERS, "lines": MAX_LINES, "items": MAX_ITEMS, "marks": MAX_MARKS,
          "formatting": MAX_FORMATTING, "bracket_work": BRACKET_WORK, "formatting_work": FORMATTING_WORK}
"""Each measure of `work_of` and its limit."""
