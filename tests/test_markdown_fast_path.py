"""Plain one-line text skips the Markdown renderer: its HTML must be exactly what the renderer gives."""

import random

import pytest

from site_builder.content import markdown as markdown_render
from site_builder.content.markdown import _PLAIN_TEXT, make_renderer, render_inline, render_markdown

ALPHABET = "abcXYZ019 ,.;:?()-'\"*_`[]<>&!#\\/+=~|\n"


def renderer_html(text: str) -> str:
    md = make_renderer("/portal")
    return md.convert(text)


@pytest.mark.parametrize("text", [
    "Carers needs school children advice.",
    "The area's report was published late.",  # apostrophe: SmartyPants curls it
    "Follow-up visit in 2024, see the report (page 3).",
    "Wait... then -- nothing",
    "A note: with colons; semicolons? and e.g. abbreviations",
    "Ends with a space ",
    "Two  spaces",
    "1. A list",
    "Some *emphasis* here",
    "A <b>tag</b>",
    "Fish & chips",
    "See [what the outcomes mean](/guides/outcomes/).",
    "Read [the report](https://reports.example.org/provider/44/1) and [the plan](/areas/x/#plans-heading) (both).",
    "A link [with spaces ](/x) inside",
    "An [email](mailto:someone@example.org) link",
    "A [protocol-relative](//example.org) link",
    "A [link](/path_with_underscores) here",
    "A [link](/x \"with a title\") here",
    "Nested [a [b]](/x) link",
])
@pytest.mark.parametrize("base", ["", "/portal"])
def test_fast_path_gives_the_renderers_html(text, base):
    markdown_render._render_cached.cache_clear()
    assert render_markdown(text, base)[0] == make_renderer(base).convert(text)


def test_fast_path_is_taken_for_plain_text_only():
    assert _PLAIN_TEXT.fullmatch("Follow-up visit in 2024, see the report (page 3).")
    assert _PLAIN_TEXT.fullmatch("See [what the outcomes mean](/guides/outcomes/).")
    for text in ("It's", "a -- b", "a... b", "*a*", "a  b", "a ", "1. a", "- a", "# a", "a & b", "a\nb", "[a](/b) c",
                 "a [b](c)", "a [b](//c)", "a [b] (/c)", "a [b](/c d)"):
        assert not _PLAIN_TEXT.fullmatch(text), text


def _random_text(rng: random.Random) -> str:
    text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 30)))
    if rng.random() < 0.6:  # bias towards text the fast path accepts
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
    taken = links = 0
    for _ in range(4000):
        text = _random_text(rng)
        markdown_render._render_cached.cache_clear()
        fast = render_markdown(text, "/portal")[0]
        taken += bool(_PLAIN_TEXT.fullmatch(text))
        links += bool(_PLAIN_TEXT.fullmatch(text)) and "[" in text
        assert fast == renderer_html(text), repr(text)
    assert taken > 1000 and links > 100  # the fast path really was exercised, links included


def test_inline_strips_the_paragraph():
    assert render_inline("Plain words, nothing more.") == "Plain words, nothing more."
