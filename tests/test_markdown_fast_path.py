"""One line of plain text skips Python-Markdown (content/markdown.py): its HTML must be exactly the renderer's.

The shortcut pays at 10,000 areas (docs/performance.md). A text goes the long way exactly when
the shared renderer is asked for, so that is what these tests count. Each uses a base path no
other test uses, so the cache of texts already rendered never answers for it.
"""

from __future__ import annotations

import random
from unittest import mock

from site_builder.content import markdown as markdown_render
from site_builder.content.markdown import make_renderer, render_inline, render_markdown

ALPHABET = "abcXYZ019 ,.;:?()-'\"*_`[]<>&!#\\/+=~|\n"
PLAIN = [
    "Carers needs school children advice.",
    "Follow-up visit in 2024, see the report (page 3).",
    "A note: with colons; semicolons? and abbreviations",
    "See [what the outcomes mean](/guides/outcomes/).",
    "Read [the report](https://reports.example.org/provider/44/1) and [the plan](/areas/x/#plans-heading) (both).",
]
NOT_PLAIN = [
    "The area's report was published late.",  # apostrophe: not in the shortcut's alphabet
    "Wait... then -- nothing", "Ends with a space ", "Two  spaces", "1. A list", "- a", "# a", "Some *emphasis* here",
    "A <b>tag</b>", "Fish & chips", "a\nb", "A link [with spaces ](/x) inside",
    "An [email](mailto:someone@example.org) link", "A [protocol-relative](//example.org) link",
    "A [link](/path_with_underscores) here", "A [link](/x \"with a title\") here", "Nested [a [b]](/x) link",
    "a [b] (/c)", "a [b](/c d)",
]


def long_way(texts: list[str], base: str) -> list[str]:
    """The texts that render_markdown hands to Python-Markdown; asserts that each gives the renderer's HTML."""
    renderer = make_renderer(base)
    taken = []
    with mock.patch.object(markdown_render, "shared_renderer", wraps=markdown_render.shared_renderer) as shared:
        for text in texts:
            asked = shared.call_count
            assert render_markdown(text, base)[0] == renderer.convert(text), repr(text)
            renderer.reset()
            if shared.call_count > asked:
                taken.append(text)
    return taken


def test_only_plain_text_takes_the_shortcut_and_both_ways_give_the_same_html():
    for base in ("/shortcut-cases", "/shortcut-cases/sub.dir_2"):
        assert long_way(PLAIN + NOT_PLAIN, base) == NOT_PLAIN


def _random_text(rng: random.Random) -> str:
    text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 30)))
    if rng.random() < 0.6:  # bias towards text the shortcut accepts
        text = "".join(c for c in text if c.isalnum() or c in " ,.;:?()-").strip().replace("  ", " ") or "a"
        text = ("W" + text) if not text[0].isalpha() else text
        while rng.random() < 0.4:  # and towards links, some of them odd
            label = rng.choice(["the report", "x", "a-b", " spaced ", "ok:yes", "(p)", "a_b", "é"])
            url = rng.choice(["/guides/x/", "https://e.org/a#b", "/a:b/", "//e.org", "/x.y-z", "http://e.org", "/a_b",
                              "mailto:a@b", "/a b", "/a&b", "/(x)"])
            text += rng.choice(["", " ", ", ", " ("]) + f"[{label}]({url})" + rng.choice(["", ".", " and", ")"])
    return text


def test_random_texts_render_the_same_either_way():
    rng = random.Random(2026)
    texts = list(dict.fromkeys(_random_text(rng) for _ in range(4000)))
    slow = set(long_way(texts, "/shortcut-random"))
    fast = [text for text in texts if text not in slow]
    assert len(fast) > 1000 and sum("](" in text for text in fast) > 100, "the shortcut was taken, links included"


def test_inline_strips_the_paragraph():
    assert render_inline("Plain words, nothing more.") == "Plain words, nothing more."
