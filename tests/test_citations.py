"""Citations a journalist can paste (issue 18): one per page and one per event in an area's history, each with the
permanent address, and the access date left for the reader to fill in (the build date is not when they read it).
The site's name is in every page's title and Open Graph title."""

from __future__ import annotations

from collections import Counter

SITE = "Test SEND portal"
ACCESSED = "(Accessed: [the date you read it])."


def pages(site):
    """Every page but redirect stubs, by output path."""
    for path in site.html_files():
        name = str(path.relative_to(site.output_dir))
        soup = site.soup(name)
        if soup.select_one('meta[http-equiv="refresh"]') is None:
            yield name, soup


def test_every_page_has_one_citation_to_paste_but_404_and_search(built_site):
    without = []
    for name, soup in pages(built_site):
        sections = soup.select("main section.cite")
        if not sections:
            without.append(name)
            continue
        [section] = sections
        assert section.h2.get_text() == "Cite this page" and section.has_attr("data-pagefind-ignore"), name
        text = section.select_one(".cite__text").get_text()
        address = soup.select_one('meta[property="og:url"]')["content"]
        assert text.startswith(f"{SITE} (2026) "), (name, text)
        assert text.endswith(f". Available at: {address} {ACCESSED}") or text.endswith(f"? Available at: {address} {ACCESSED}"), (name, text)
        assert "23 November 2026" not in text, name  # the build date is not the reader's access date
        assert "square brackets" in section.get_text(), name
    assert sorted(without) == ["404.html", "search/index.html"]


def test_a_title_ending_in_a_question_mark_takes_no_full_stop(built_site):
    text = built_site.soup("guides/what-is-an-inspection/index.html").select_one(".cite__text").get_text()
    assert "What is an area SEND inspection? Available at:" in text


def test_each_event_has_its_own_citation(built_site):
    page = built_site.soup("areas/testshire/index.html")
    events = page.select("li.timeline__event")
    assert len(events) == 3
    expected = {
        "inspection-2024-06-03": ("full inspection starting 3 June 2024", "https://files.example.org/report.pdf"),
        "revisit-2019-10-07": ("revisit starting 7 October 2019", "https://www.example.org/official-statistics"),
        "inspection-2018-01-15": ("inspection starting 15 January 2018", "https://www.example.org/official-statistics"),
    }
    for event in events:
        [details] = event.select("details.cite")
        assert details.has_attr("data-pagefind-ignore")
        title, source = expected[event["id"]]
        assert details.summary.get_text() == f"Cite this event: {title}"  # the event named for a screen reader
        assert details.summary.span["class"] == ["visually-hidden"]
        assert details.select_one(".cite__text").get_text() == (
            f"{SITE} (2026) Testshire: {title}. Available at: https://example.github.io/portal/areas/testshire/#{event['id']} "
            f"{ACCESSED} Source: {source}")
        assert details.cite.get_text() == f"Testshire: {title}"


def test_an_event_known_only_by_its_publication_is_cited_by_that_date(make_site):
    site = make_site()
    area = site.content_dir / "areas/testshire.yaml"
    area.write_text(area.read_text("utf-8").replace("    kind: revisit\n    start: 2019-10-07\n",
                                                    "    kind: revisit\n    id: revisit-2019-10-07\n"), "utf-8")
    site.build()
    event = site.soup("areas/testshire/index.html").select_one("#revisit-2019-10-07")
    assert event.select_one(".cite__text cite").get_text() == "Testshire: revisit published 20 November 2019"


def test_every_citation_is_one_line_of_text(built_site):
    """Pasted anywhere, a citation stays one paragraph: no line breaks, no links to lose."""
    for name, soup in pages(built_site):
        for cite in soup.select(".cite__text"):
            assert "\n" not in cite.get_text() and not cite.find("a"), name


def test_the_site_name_is_in_every_title_and_open_graph_title(built_site):
    titles = {}
    for name, soup in pages(built_site):
        title = soup.title.get_text()
        assert title == SITE or title.endswith(f" – {SITE}"), (name, title)
        assert soup.select_one('meta[property="og:title"]')["content"] == title, name
        assert soup.select_one('meta[name="twitter:title"]')["content"] == title, name
        assert soup.select_one('meta[property="og:site_name"]')["content"] == SITE, name
        titles[name] = title
    assert titles["index.html"] == SITE
    assert titles["areas/testshire/index.html"] == f"Testshire: SEND inspections – {SITE}"
    assert titles["areas/oldshire/index.html"] == f"Oldshire (former area): SEND inspections – {SITE}"
    assert titles["glossary/index.html"] == f"Glossary – {SITE}"
    assert [t for t, n in Counter(titles.values()).items() if n > 1] == []  # each page's title is its own
    stub = built_site.soup("areas/old-testshire/index.html")
    assert stub.title.get_text() == f"Testshire has moved – {SITE}"
