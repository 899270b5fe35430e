"""A parent's area page (issue 17): the area's own answer first, help within reach, sourced local help with a
national directory wherever a local service is not listed, complaint steps in order, glossary links on first use,
and the outcome quoted in full. Built from the minimal fixture with fictional areas added."""

from __future__ import annotations

import pytest

from site_builder.domain.help_routes import FIND_COUNCIL, FIND_FORUM, FIND_SENDIASS
from site_builder.domain.vocabulary import Category, Outcome

# Fictional: a county whose latest result is from the retired 2016 framework, with its own Local Offer, advice
# service and forum, whose name ends in s.
SANDHILLS = """\
name: Sandhills
gss_code: E06000990
region: South West
ofsted_urn: 99990
local_offer_url: https://localoffer.sandhills.example/
help:
  - kind: parent-carer-forum
    name: Sandhills Parent Carers
    url: https://forum.sandhills.example/
  - kind: sendiass
    name: Sandhills SENDIASS
    url: https://sendiass.sandhills.example/
  - kind: council-complaints
    name: Sandhills complaints
    url: https://www.sandhills.example/complaints
events:
  - framework: "2016"
    kind: inspection
    start: 2018-05-14
    end: 2018-05-18
    published: 2018-07-10
    outcome: wsoa-required
    significant_weaknesses: 4
    report_url: https://reports.ofsted.gov.uk/provider/44/99990
    source: https://www.example.org/official-statistics
    provenance: official-statistics
last_reviewed: 2026-10-01
"""

# Fictional: a 2023 outcome recorded in the report's own words, SEND written out in full.
REPORT_WORDS = ("The local area partnership\u2019s arrangements lead to inconsistent experiences and outcomes for children "
                "and young people with special educational needs and/or disabilities (SEND). The local area "
                "partnership must work jointly to make improvements.")
FULLWORD = f"""\
name: Fullword
gss_code: E06000991
region: London
events:
  - framework: "2023"
    kind: inspection
    start: 2025-03-03
    end: 2025-03-07
    published: 2025-05-02
    outcome: inconsistent
    outcome_text: "{REPORT_WORDS}"
    source: https://files.example.org/fullword.pdf
    provenance: report
last_reviewed: 2026-10-01
"""

# Fictional: an area whose statement of action is linked under plans:, with its date.
LINKFORD = """\
name: Linkford
gss_code: E06000992
region: North East
events:
  - framework: "2016"
    kind: inspection
    start: 2021-05-10
    end: 2021-05-14
    published: 2021-07-02
    outcome: wsoa-required
    significant_weaknesses: 3
    source: https://www.example.org/official-statistics
    provenance: official-statistics
plans:
  - kind: wsoa
    title: Linkford written statement of action
    url: https://localoffer.linkford.example/wsoa
    published: 2021-10-20
last_reviewed: 2026-10-01
"""

GLOSSARY_TERMS = """
  - id: significant-weakness
    term: Significant weakness
    definition: A serious problem named in a 2016 to 2022 inspection letter.
  - id: pcf
    term: Parent Carer Forum
    abbr: PCF
    definition: The group of parent carers that speaks for families in a council area.
  - id: ehcp
    term: Education, health and care plan
    abbr: EHCP
    definition: A legal document that sets out a child's needs and the support they must get.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The minimal fixture with Sandhills, Fullword and three more glossary terms, built under /portal/."""
    import shutil
    from conftest import FIXTURES, SiteUnderTest

    root = tmp_path_factory.mktemp("parent")
    shutil.copytree(FIXTURES / "minimal" / "content", root / "content")
    built = SiteUnderTest(root, root / "content", root / "output")
    built.write("areas/sandhills.yaml", SANDHILLS)
    built.write("areas/fullword.yaml", FULLWORD)
    built.write("areas/linkford.yaml", LINKFORD)
    glossary = (root / "content" / "glossary.yaml").read_text("utf-8")
    built.write("glossary.yaml", glossary.rstrip("\n") + "\n" + GLOSSARY_TERMS)
    built.build(base_url="https://example.github.io/portal/")
    return built


def text(element) -> str:
    return " ".join(element.get_text().split())


def main_sections(page) -> list[str]:
    """The id of each top-level part of main, in order (a section's heading id, or its class)."""
    parts = []
    for child in page.select_one("main").find_all(recursive=False):
        if child.name in ("section", "div") and child.get("aria-labelledby"):
            parts.append(child["aria-labelledby"])
    return parts


AREAS = ("testshire", "exampleton", "sandhills", "fullword", "linkford", "north-oldshire", "south-oldshire", "oldshire")


@pytest.mark.parametrize("slug", AREAS)
def test_the_answer_comes_first_then_what_you_can_do(site, slug):
    page = site.soup(f"areas/{slug}/index.html")
    parts = main_sections(page)
    start = 1 if parts[0] == "former-heading" else 0
    assert parts[start:start + 2] == ["status-heading", "do-heading"], parts
    # A predecessor's history, and requests to maintainers, come after the parents' content.
    if "predecessor-heading" in parts:
        assert parts.index("predecessor-heading") == start + 2, parts
    if "improve-heading" in parts:
        assert parts.index("improve-heading") > parts.index("help-heading"), parts
        assert parts.index("improve-heading") > parts.index("history-heading"), parts
        assert "next-heading" not in parts or parts.index("improve-heading") > parts.index("next-heading"), parts
    # The first outcome tag on the page is the area's own.
    assert page.select_one("main .tag").find_parent("section")["class"] == ["status"]


def test_a_retired_frameworks_result_never_reads_as_current(site):
    page = site.soup("areas/sandhills/index.html")
    status = page.select_one("section.status")
    assert text(status.select_one(".status__tag")) == Category.NOT_INSPECTED_2023.label
    assert text(status.select_one(".status__headline")) == (
        "Sandhills has not had a full inspection under the current framework, which started in 2023.")
    retired = status.select_one(".status__retired")
    assert retired.select_one(".tag").get_text() == Outcome.WSOA_REQUIRED.label
    assert "from the 2016 to 2022 framework, which has ended" in text(retired)
    assert "may not show how the area is doing now" in text(retired)
    # A current framework's result has no such note.
    assert site.soup("areas/testshire/index.html").select_one(".status__retired") is None


def test_a_former_areas_result_is_labelled_as_the_former_areas(site):
    page = site.soup("areas/north-oldshire/index.html")
    earlier = page.select_one("section.earlier")
    assert text(earlier.select_one("h2")) == "History of the former area"
    words = text(earlier)
    assert "North Oldshire was part of Oldshire, a former area." in words
    assert "under the 2016 to 2022 framework" in words
    assert "That is Oldshire's result, not North Oldshire's." in words


def test_what_you_can_do_reaches_local_help_advice_complaints_and_having_your_say(site):
    page = site.soup("areas/sandhills/index.html")
    links = [(a.get_text(" ", strip=True), a["href"]) for a in page.select("section.do a")]
    assert links == [("Your council's Local Offer", "https://localoffer.sandhills.example/"),
                     ("Sandhills SENDIASS", "https://sendiass.sandhills.example/"),
                     ("How to complain or appeal", "#complain-heading"),
                     ("Have your say", "#say-heading")]
    assert "local SEND services and how to complain" in text(page.select_one("section.do"))
    assert page.select_one("#complain-heading") and page.select_one("#say-heading")


def test_without_local_services_the_national_directories_are_linked_never_a_dead_end(site):
    for slug in ("exampleton", "fullword", "north-oldshire", "south-oldshire"):
        page = site.soup(f"areas/{slug}/index.html")
        do = [a["href"] for a in page.select("section.do a")]
        assert do[:2] == [FIND_COUNCIL.url, FIND_SENDIASS.url], slug
        help_section = page.select_one("#help-heading").parent
        hrefs = [a["href"] for a in help_section.select("a")]
        assert {FIND_COUNCIL.url, FIND_SENDIASS.url, FIND_FORUM.url} <= set(hrefs), slug
        assert "We have not listed local services" not in page.get_text(), slug
    say = site.soup("areas/exampleton/index.html").select_one("#say-heading").parent
    assert FIND_FORUM.url in [a["href"] for a in say.select("a")]


def test_an_areas_own_services_replace_the_directories_which_stay_for_a_link_that_stops_working(site):
    help_section = site.soup("areas/sandhills/index.html").select_one("#help-heading").parent
    items = [text(li) for li in help_section.select(".help-list li")]
    assert items == ["Your council's Local Offer: the council's guide to local SEND services, and how to complain",
                     "Free, impartial SEND advice: Sandhills SENDIASS",
                     "Parent Carer Forum: Sandhills Parent Carers",
                     "Complaints to the council: Sandhills complaints"]
    hrefs = {a["href"] for a in help_section.select(".help-list a")}
    assert not hrefs & {FIND_COUNCIL.url, FIND_SENDIASS.url, FIND_FORUM.url}
    fallback = help_section.select_one(".help-fallback")
    assert text(fallback).startswith("Services change their websites. If a link here no longer works,")
    assert [a["href"] for a in fallback.select("a")] == [FIND_SENDIASS.url, FIND_FORUM.url]
    # Only the lists of the kinds the area names: Testshire lists its SENDIASS, and the forums' network is in its list.
    testshire = site.soup("areas/testshire/index.html").select_one("#help-heading").parent
    assert [a["href"] for a in testshire.select(".help-fallback a")] == [FIND_SENDIASS.url]
    assert "this national list finds every area's service: Find your local" in text(testshire.select_one(".help-fallback"))
    assert [a["href"] for a in testshire.select("a") if a["href"] == FIND_FORUM.url] == [FIND_FORUM.url]
    # Where no local service is listed, the directories are in the list itself, and said once.
    assert site.soup("areas/exampleton/index.html").select_one(".help-fallback") is None


def test_the_complaint_route_reads_as_steps_in_the_order_a_parent_takes_them(site):
    steps = [text(li.strong) for li in site.soup("areas/testshire/index.html").select("ol.complain > li")]
    assert steps == ["Talk to whoever provides the service.",
                     "Get free, impartial advice at any stage",
                     "If it is a decision you can appeal, appeal.",
                     "Otherwise, complain to the council",
                     "If that does not put it right, go to the ombudsman.",
                     "Tell others, so that patterns are seen."]
    route = site.soup("areas/testshire/index.html").select_one("ol.complain")
    assert "within 2 months of the decision letter, or 1 month from the mediation certificate" in text(route)
    assert "usually within 12 months" in text(route)
    # The council step links the council's complaints page where the area lists one, else its Local Offer.
    def outside_links(step):
        return [a["href"] for a in step.select("a") if not a["href"].startswith("/portal/glossary/")]

    council_step = site.soup("areas/sandhills/index.html").select("ol.complain > li")[3]
    assert outside_links(council_step) == ["https://www.sandhills.example/complaints"]
    assert "using its complaints procedure (Sandhills complaints)" in text(council_step)
    council_step = site.soup("areas/linkford/index.html").select("ol.complain > li")[3]
    assert outside_links(council_step) == [] and "using its complaints procedure:" in text(council_step)


def test_a_step_that_asks_for_a_plan_links_the_plan_the_area_published(site):
    steps = site.soup("areas/linkford/index.html").select("#next-heading + ul.steps > li")
    wsoa = next(li for li in steps if "written statement of action" in li.get_text())
    assert text(wsoa.select_one(".steps__plan")) == "Read it: Linkford written statement of action, published 20 October 2021."
    assert wsoa.select_one(".steps__plan a")["href"] == "https://localoffer.linkford.example/wsoa"
    # Testshire links its strategy, not a priority action plan: only the strategic plan's step has a link.
    steps = site.soup("areas/testshire/index.html").select("#next-heading + ul.steps > li")
    linked = {li.select_one(".steps__plan a")["href"] for li in steps if li.select_one(".steps__plan")}
    assert linked == {"https://www.testshire.example/send-strategy"}
    assert [text(li.select_one(".steps__plan")) for li in steps if "SEND strategic plan" in li.get_text()] == [
        "Read it: Testshire SEND strategy 2024 to 2027, published 1 September 2024."]
    assert not site.soup("areas/sandhills/index.html").select(".steps__plan")


def test_requests_to_maintainers_come_after_the_parents_content(site):
    page = site.soup("areas/sandhills/index.html")
    improve = page.select_one("#improve-heading").parent
    assert "does not link to it yet" in text(improve) and improve.select_one("a")["href"].startswith(
        "https://github.com/example/portal/edit/")
    assert "Help us link" not in page.get_text()
    # An area that lists none of its own services asks for them, at the end too.
    assert "own advice service and Parent Carer Forum yet" in text(
        site.soup("areas/exampleton/index.html").select_one("#improve-heading").parent)
    # An area without its Local Offer asks for it; one with it does not.
    asks = site.soup("areas/testshire/index.html").select_one("#improve-heading").parent
    offer = next(p for p in asks.select("p") if "Local Offer" in p.get_text())
    assert text(offer) == ("This page does not link Testshire's SEND Local Offer yet. "
                           "If you know its web address, add it with its source.")
    assert offer.select_one("a")["href"] == "https://github.com/example/portal/edit/main/content/areas/testshire.yaml"
    assert "SEND Local Offer yet" not in text(improve)
    # Only the kinds it does not list: Testshire lists its advice service, not its forum.
    assert ("This page does not list Testshire's own Parent Carer Forum yet. If you know its web page, add it with "
            "its source.") in text(asks)
    assert "own advice service" not in text(improve) + text(asks)  # Sandhills lists both


def test_the_outcome_is_quoted_in_full(site):
    # The report's own words when the content records the whole sentence (SEND written out in full) ...
    figure = site.soup("areas/fullword/index.html").select_one("section.status figure")
    assert figure.blockquote.get_text(strip=True) == REPORT_WORDS
    assert figure.figcaption.get_text(strip=True) == "The outcome in full, in the words of the report."
    # ... else the framework's whole sentence: Exampleton's record has only the first of the two sentences.
    figure = site.soup("areas/exampleton/index.html").select_one("section.status figure")
    assert figure.blockquote.get_text(strip=True) == Outcome.POSITIVE.official_sentence
    assert figure.figcaption.get_text(strip=True) == "The outcome in full, in the words of the inspection framework."


def test_names_ending_in_s_take_only_an_apostrophe(site):
    page = site.soup("areas/sandhills/index.html")
    assert "All of Sandhills' reports are on" in text(page)
    assert "Sandhills's" not in page.get_text()
    assert "All of Testshire's reports are on" in text(site.soup("areas/testshire/index.html"))


def glossary_links(page) -> list[tuple[str, str]]:
    return [(a["href"].split("#")[1], a.get_text()) for a in page.select('main a[href*="/glossary/#"]')]


def test_jargon_links_to_the_glossary_on_its_first_use_only(site):
    page = site.soup("areas/sandhills/index.html")
    links = glossary_links(page)
    ids = [term_id for term_id, _ in links]
    assert len(ids) == len(set(ids)), f"a term linked twice: {links}"
    assert ("significant-weakness", "significant weaknesses") in links and ("wsoa", "written statement of action") in links
    # The first running-text use is the one linked: Sandhills' status says both before anything else does.
    headline = page.select("section.status .status__retired p")[1]
    assert [a["href"] for a in headline.select("a")] == ["/portal/glossary/#significant-weakness", "/portal/glossary/#wsoa"]
    assert {"pcf", "ehcp"} <= set(ids)
    # Only the site's own glossary terms: this glossary has no Local Offer entry, so nothing links to one.
    assert "local-offer" not in ids
    glossary = site.soup("glossary/index.html")
    assert all(glossary.select_one(f"#{term_id}") for term_id in ids)


def test_tag_symbols_are_hidden_from_screen_readers(site):
    for slug in AREAS:
        for tag in site.soup(f"areas/{slug}/index.html").select(".tag"):
            if "tag--neutral" in tag["class"] and tag.find("span") is None:
                continue  # a notice's kind: no symbol
            icon = tag.find("span")
            assert icon is not None and icon["aria-hidden"] == "true" and icon.get_text() == "", tag


def test_without_a_local_offer_the_councils_own_website_comes_first_then_govuks_finder(site):
    page = site.soup("areas/testshire/index.html")  # a council website, no Local Offer linked
    do = [a["href"] for a in page.select("section.do a")]
    assert do[0] == "https://www.testshire.example/"
    assert "look there for its SEND Local Offer" in text(page.select_one("section.do"))
    help_links = [a["href"] for a in page.select_one("#help-heading").parent.select(".help-list a")]
    assert help_links[:2] == ["https://www.testshire.example/", FIND_COUNCIL.url]
