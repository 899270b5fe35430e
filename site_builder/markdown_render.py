"""One configured Markdown renderer for all contributor text.

Contributors write Markdown, never HTML: raw HTML and `javascript:`/`data:` links are
reported by `find_markdown_problems` and, should one slip through, escaped or dropped
at render time. Site-root links such as `/glossary/#wsoa` are rewritten so they work
when the site is hosted under a sub-path (`/repo/`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
import markdown.extensions.toc
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
_RAW_HTML = re.compile(r"<(?![a-z][a-z0-9+.-]*:[^\s>]*>)(?![^\s@<>]+@[^\s@<>]+>)[A-Za-z/!?]")
_UNSAFE_LINK = re.compile(r"\]\(\s*<?\s*(javascript|data|vbscript):", re.I)
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "/", "#", "./", "../")


@dataclass(frozen=True)
class MarkdownProblem:
    """A problem in a piece of Markdown, with the line (1-based, within the text)."""

    line: int
    message: str


def find_markdown_problems(text: str) -> list[MarkdownProblem]:
    """Raw HTML and script links: things contributor Markdown must not carry."""
    problems = []
    blanked = _CODE.sub(lambda m: " " * len(m.group(0)), text)
    for match in _RAW_HTML.finditer(blanked):
        line = blanked.count("\n", 0, match.start()) + 1
        snippet = re.match(r"<[^>\n]{0,40}>?", text[match.start():]).group(0)
        problems.append(MarkdownProblem(line, f"raw HTML is not allowed in Markdown, found {snippet!r}; use Markdown instead (for a line break, leave a blank line)"))
    for match in _UNSAFE_LINK.finditer(blanked):
        line = blanked.count("\n", 0, match.start()) + 1
        problems.append(MarkdownProblem(line, f"links must start with https:// or /, found a {match.group(1).lower()}: link"))
    return problems


class _SafeLinks(Treeprocessor):
    """Prefix site-root links with the base path; drop links with unsafe schemes."""

    def __init__(self, md: markdown.Markdown, base_path: str):
        super().__init__(md)
        self.base_path = base_path

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attr in ("href", "src"):
                value = element.get(attr)
                if value is None:
                    continue
                value = value.strip()
                if not value.lower().startswith(_SAFE_SCHEMES):
                    del element.attrib[attr]
                elif value.startswith("/") and not value.startswith("//"):
                    element.set(attr, self.base_path + value)


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
    """A Markdown instance configured for the site; `base_path` is "" or like "/portal"."""
    return markdown.Markdown(
        extensions=[
            "sane_lists",
            "tables",
            "smarty",
            markdown.extensions.toc.TocExtension(permalink=False, baselevel=1 + heading_offset),
            _SafeMarkdown(base_path),
        ],
        output_format="html",
    )


def render_markdown(text: str, base_path: str = "") -> tuple[str, list[dict]]:
    """Markdown to (html, table of contents tokens)."""
    md = make_renderer(base_path)
    html = md.convert(text or "")
    return html, getattr(md, "toc_tokens", [])


def render_inline(text: str, base_path: str = "") -> str:
    """Markdown for a short note: one paragraph's <p> wrapper removed when it is the only one."""
    html, _ = render_markdown(text, base_path)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html
