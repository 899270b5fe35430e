"""The vocabulary: every outcome and category is said and drawn once, in site_builder/domain/vocabulary.py.

These tests are what makes adding an outcome a change to vocabulary.py (and the outcome table in
CONTRIBUTING.md, which test_docs checks): they fail, naming what is missing, when the new outcome
has no words, tone or pattern, when a map, chart, template, the stylesheet or the importer would
not know it, or when a module or template spells a category itself instead of asking the vocabulary.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, TODAY
from site_builder.cli import main
from site_builder.domain.vocabulary import (FRAMEWORK_NAMES, FRAMEWORK_SHORT_NAMES, KIND_NAMES, OUTCOMES,
                                            STATES, STATUS_CATEGORIES, WITHOUT_OUTCOME, Category, Outcome, Pattern,
                                            Tone, outcomes_of)
from site_builder.importer.events import MI_OUTCOMES, REVISIT, WSOA
from site_builder.importer.outcomes import GRADE_OUTCOMES, OUTCOME_SENTENCES, match_outcome
from site_builder.output.render import outcome_tag
from site_builder.site.charts import (CURRENT_SERIES, FIRST_CYCLE_INSPECTIONS, FIRST_CYCLE_REVISITS, FIRST_CYCLE_SERIES,
                                      FULL_INSPECTION_SERIES)
from site_builder.site.hexmap import CURRENT_LEGEND, FIRST_CYCLE_LEGEND, first_cycle_entry

PACKAGE = Path(__file__).resolve().parent.parent / "site_builder"
STYLESHEET = PACKAGE / "themes" / "default" / "static" / "site.css"


# --- The vocabulary itself ------------------------------------------------------------------------

def test_every_outcome_is_the_category_of_the_same_name_and_value():
    assert [(o.name, o.value) for o in Outcome] == [(c.name, c.value) for c in Category if c.outcome is not None]
    assert all(o.category.outcome is o and o.category == o.value for o in Outcome)


def test_every_outcome_and_every_other_category_has_its_words():
    assert list(OUTCOMES) == list(Outcome)
    assert list(STATES) == [c for c in Category if c.outcome is None]


def test_every_category_is_said_and_drawn():
    for category in Category:
        assert category.label and category.label[0].isupper() and not category.label.endswith("."), category
        assert category.legend and category.legend[0].isupper(), category
        assert isinstance(category.tone, Tone) and isinstance(category.pattern, Pattern), category
    labels = [c.label for c in Category]
    assert len(set(labels)) == len(labels), "two categories share their words"


def test_only_outcomes_have_a_colour():
    assert all(c.tone is Tone.NEUTRAL for c in STATES)
    assert all(o.tone is not Tone.NEUTRAL for o in Outcome)


def test_every_outcome_belongs_to_one_kind_of_event_and_has_a_short_label():
    for outcome in Outcome:
        assert (outcome.framework, outcome.kind) in KIND_NAMES, outcome
        assert outcome.framework in FRAMEWORK_NAMES and outcome.framework in FRAMEWORK_SHORT_NAMES, outcome
        assert 1 <= len(outcome.short.split()) <= 4 and len(outcome.short) < len(outcome.label), outcome
        assert outcome.found and outcome.found[0].islower() and not outcome.found.endswith("."), outcome
    shorts = [o.short for o in Outcome]
    assert len(set(shorts)) == len(shorts)
    assert {o for framework in FRAMEWORK_NAMES for o in outcomes_of(framework)} == set(Outcome)


def test_every_full_inspection_outcome_of_2023_has_the_frameworks_sentence_grade_and_timing():
    full = outcomes_of("2023", "inspection")
    for outcome in full:
        assert outcome.official_sentence and outcome.official_sentence.endswith("."), outcome
        assert outcome.terms.grade and outcome.terms.next_inspection_years, outcome
    assert len({o.terms.grade for o in full}) == len(full)
    assert all(o.official_sentence is None and o.terms.grade is None for o in Outcome if o not in full)


def test_every_2016_outcome_has_its_own_answer_in_ofsteds_statistics():
    for kind in ("inspection", "revisit"):
        answers = [o.terms.statistics_answer for o in outcomes_of("2016", kind)]
        assert answers and all(answers) and len(set(answers)) == len(answers), kind


def test_status_categories_are_every_outcome_then_the_two_without_one():
    assert STATUS_CATEGORIES == (*(o.category for o in Outcome), *WITHOUT_OUTCOME)
    assert WITHOUT_OUTCOME == (Category.AWAITING_REPORT, Category.NOT_INSPECTED)


# --- The importer ---------------------------------------------------------------------------------

def test_the_importer_recognises_every_outcome_ofsted_words():
    for value, sentences in OUTCOME_SENTENCES.items():
        for sentence in sentences:
            assert match_outcome(sentence) == (value, sentence)
    assert set(WSOA.values()) == {o.value for o in outcomes_of("2016", "inspection")}
    assert set(REVISIT.values()) == {o.value for o in outcomes_of("2016", "revisit")}
    full = {o.value for o in outcomes_of("2023", "inspection")}
    assert set(MI_OUTCOMES.values()) == set(GRADE_OUTCOMES.values()) == set(OUTCOME_SENTENCES) == full
    # Monitoring findings have no official wording yet: the importer keeps the letter's words and no outcome.
    recognised = {*WSOA.values(), *REVISIT.values(), *MI_OUTCOMES.values()}
    assert recognised == {o.value for o in Outcome if o.kind != "monitoring"}


# --- The figures ----------------------------------------------------------------------------------

def test_every_current_framework_outcome_is_on_the_current_map_and_its_charts():
    current = [o.category for o in outcomes_of("2023")]
    assert list(CURRENT_LEGEND[:len(current)]) == current
    assert [s.key for s in CURRENT_SERIES] == list(CURRENT_LEGEND)
    full = [o.category for o in outcomes_of("2023", "inspection")]
    assert [s.key for s in FULL_INSPECTION_SERIES] == [*full, Category.AWAITING_REPORT]
    assert len({c.pattern for c in CURRENT_LEGEND}) == len(CURRENT_LEGEND), "each key on the map has its own texture"


def test_every_2016_outcome_is_on_the_first_cycle_map_and_chart():
    first = {o.category for o in outcomes_of("2016")}
    assert first <= set(FIRST_CYCLE_LEGEND) and first <= {s.key for s in FIRST_CYCLE_SERIES}
    entries = [first_cycle_entry(c) for c in FIRST_CYCLE_LEGEND]
    assert len({(pattern, ring) for _, _, pattern, ring in entries}) == len(entries), "each key looks different"
    for bar in (FIRST_CYCLE_INSPECTIONS, FIRST_CYCLE_REVISITS):
        assert len({c.pattern for c in bar}) == len(bar), bar


def test_series_use_the_words_of_the_key():
    for series in (*CURRENT_SERIES, *FIRST_CYCLE_SERIES):
        assert (series.label, series.pattern) == (series.key.legend, series.key.pattern)


# --- Templates, stylesheet and the built site -----------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The minimal fixture built with the command line, as a volunteer would."""
    root = tmp_path_factory.mktemp("vocabulary")
    shutil.copytree(FIXTURES / "minimal" / "content", root / "content")
    output = root / "output"
    assert main(["build", "--content", str(root / "content"), "--output", str(output), "--no-search",
                 "--today", TODAY.isoformat()]) == 0
    return output


def pages(output: Path) -> list[BeautifulSoup]:
    return [BeautifulSoup(p.read_text("utf-8"), "html.parser") for p in sorted(output.rglob("*.html"))]


def test_the_theme_draws_every_pattern_and_no_other(built):
    page = BeautifulSoup((built / "map" / "index.html").read_text("utf-8"), "html.parser")
    drawn = {p["id"] for p in page.select("svg.svg-defs pattern")}
    assert drawn == {f"{size}-{pattern}" for pattern in Pattern for size in ("pm", "pc")}
    for pattern in Pattern:
        assert page.select_one(f"pattern#pc-{pattern}")["href"] == f"#pm-{pattern}"
        assert page.select_one(f"pattern#pm-{pattern} rect"), f"pm-{pattern} has no fill of its own"


def test_every_fill_on_the_built_pages_is_a_pattern_of_the_vocabulary(built):
    fills = {fill for page in pages(built) for fill in re.findall(r'fill="url\(#p[mc]-([\w-]+)\)"', str(page))}
    assert fills and fills <= set(Pattern)


def test_every_tag_and_timeline_mark_has_a_tone_of_the_vocabulary_and_the_stylesheet_styles_each(built):
    css = STYLESHEET.read_text("utf-8")
    for tone in Tone:
        assert re.search(rf"\.tag--{tone}\s*\{{", css), f".tag--{tone}"
        assert re.search(rf"\.strip__mark--{tone}\s*\{{", css), f".strip__mark--{tone}"
    used = {name for page in pages(built) for el in page.select(".tag, .strip__mark") for name in el.get("class", [])
            if name.startswith(("tag--", "strip__mark--"))}
    assert {name.split("--")[1] for name in used} <= set(Tone)
    assert {"tag--good", "tag--mixed", "tag--serious", "tag--neutral"} <= used


def test_every_category_tag_says_its_words_then_shows_its_tone():
    for category in Category:
        for given in (category, category.value):
            tag = BeautifulSoup(str(outcome_tag(given)), "html.parser").strong
            assert tag.get_text() == category.label and tag["class"] == ["tag", f"tag--{category.tone}"], category


def test_area_lists_show_each_status_in_the_vocabularys_words(built):
    page = BeautifulSoup((built / "areas" / "index.html").read_text("utf-8"), "html.parser")
    by_label = {c.label: c for c in STATUS_CATEGORIES}
    tags = page.select("main .tag")
    assert tags
    for tag in tags:
        category = by_label[tag.get_text()]
        assert tag["class"] == ["tag", f"tag--{category.tone}"]


def test_no_module_or_template_spells_a_category_or_tone_list_itself():
    spelled = []
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix not in (".py", ".html", ".js") or path.name == "vocabulary.py":
            continue
        text = path.read_text("utf-8")
        spelled += [f"{path.relative_to(PACKAGE)}: {c.value}" for c in STATES if re.search(rf"\b{c.value}\b(?!-)", text)]
        if path.suffix == ".html":
            spelled += [f"{path.relative_to(PACKAGE)}: {o.value}" for o in Outcome
                        if re.search(rf"[\"']{o.value}[\"']", text)]
            if re.search(r"\(\s*\"good\",\s*\"mixed\"", text):
                spelled.append(f"{path.relative_to(PACKAGE)}: a list of tones or patterns")
    assert spelled == []
