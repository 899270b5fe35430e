"""Plain one-line text skips the Markdown renderer: its HTML must be exactly what the renderer gives."""

import random

import pytest

from site_builder import markdown_render
from site_builder.markdown_render import _PLAIN_TEXT, make_renderer, render_inline, render_markdown

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
])
def test_fast_path_gives_the_renderers_html(text):
    assert render_markdown(text, "/portal")[0] == renderer_html(text)


def test_fast_path_is_taken_for_plain_text_only():
    assert _PLAIN_TEXT.fullmatch("Follow-up visit in 2024, see the report (page 3).")
    for text in ("It's", "a -- b", "a... b", "*a*", "a  b", "a ", "1. a", "- a", "# a", "a & b", "a\nb", "[a](b)"):
        assert not _PLAIN_TEXT.fullmatch(text), text


def test_random_texts_render_the_same_either_way():
    rng = random.Random(2026)
    taken = 0
    for _ in range(4000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 30)))
        if rng.random() < 0.6:  # bias towards text the fast path accepts
            text = "".join(c for c in text if c.isalnum() or c in " ,.;:?()-").strip().replace("  ", " ") or "a"
            text = ("W" + text) if not text[0].isalpha() else text
        markdown_render._render_cached.cache_clear()
        fast = render_markdown(text, "/portal")[0]
        taken += bool(_PLAIN_TEXT.fullmatch(text))
        assert fast == renderer_html(text), repr(text)
    assert taken > 1000  # the fast path really was exercised


def test_inline_strips_the_paragraph():
    assert render_inline("Plain words, nothing more.") == "Plain words, nothing more."
