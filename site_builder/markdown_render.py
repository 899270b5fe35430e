"""One configured Markdown renderer for all contributor text.

Contributors write Markdown, never HTML: raw HTML and `javascript:`/`data:` links are
reported by `find_markdown_problems` and, should one slip through, escaped or dropped
at render time. Site-root links such as `/glossary/#wsoa` are rewritten so they work
when the site is hosted under a sub-path (`/repo/`).
"""

from __future__ import annotations

import copy
import hashlib
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import markdown
import markdown.extensions.toc
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from . import usercache

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
    html, toc = _render_cached(text or "", base_path)
    return html, copy.deepcopy(toc)


_LINK_TEXT = r"[A-Za-z0-9,;:?-](?:[A-Za-z0-9 ,;:?-]*[A-Za-z0-9,;:?-])?"
_LINK_URL = r"(?:https?://|/(?!/))[A-Za-z0-9/.#:-]*"
_PLAIN_TEXT = re.compile(rf"(?!.*(?:\.\.|--|  ))[A-Za-z](?:[A-Za-z0-9 ,.;:?()-]|\[{_LINK_TEXT}\]\({_LINK_URL}\))*(?<! )")
"""One line of words, plain punctuation and simple links: Markdown would only wrap it in <p> and turn
[text](address) into a link, so that is done here without the renderer.

No quotes, dashes or dots that SmartyPants would curl; nothing that starts a list, heading,
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
    plain = _plain_html(text, base_path)
    if plain is not None:
        return plain, []  # most notes, summaries and notice details: 0.3 to 1 ms each saved
    # Same text, same HTML: notes such as "extracted automatically" repeat across areas, and serve re-plans often.
    key = hashlib.sha256(f"{base_path}\0{text}".encode("utf-8")).hexdigest()
    stored = _stored().get(key)
    if stored is None:
        md = _shared_renderer(base_path)
        md.reset()
        stored = [md.convert(text), getattr(md, "toc_tokens", [])]
    _USED[key] = stored
    return stored[0], stored[1]


_USED: dict[str, list] = {}
"""Markdown rendered or reused by this process, by hash of base path and text: what save_render_cache keeps."""


@lru_cache(maxsize=1)
def _stored() -> dict[str, list]:
    """What the last build rendered (usercache.py), if it used this same renderer code and Markdown version."""
    stored = usercache.read_json(_cache_name())
    return stored if isinstance(stored, dict) else {}


def save_render_cache() -> None:
    """Keep this run's rendered Markdown for the next run: a cold build spends a fifth of its time on the guides."""
    if _USED and _USED.keys() != _stored().keys():
        usercache.write_json(_cache_name(), _USED)


@lru_cache(maxsize=1)
def _cache_name() -> str:
    code = Path(__file__).read_bytes() + markdown.__version__.encode()
    return f"markdown-{hashlib.sha256(code).hexdigest()[:16]}.json"


@lru_cache(maxsize=8)
def _shared_renderer(base_path: str) -> markdown.Markdown:
    # Building a Markdown instance costs more than converting a short note; reset() makes reuse safe.
    return make_renderer(base_path)


def render_inline(text: str, base_path: str = "") -> str:
    """Markdown for a short note: one paragraph's <p> wrapper removed when it is the only one."""
    html, _ = _render_cached(text or "", base_path)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html
