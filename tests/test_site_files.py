"""The feed, the sitemap and robots.txt are theme templates: well-formed whatever the content says,
and a theme can replace them like any page."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ElementTree

from site_builder.commands.build import build_site
from site_builder.config import DEFAULT_THEME, load_config

from conftest import TODAY

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_stays_well_formed_with_markup_characters_in_the_content(make_site):
    site = make_site()
    area = site.content_dir / "areas/testshire.yaml"
    area.write_text(area.read_text("utf-8").replace("\nname: Testshire\n", '\nname: "Test & <Shire> \\"Vale\\" \'s"\n'), "utf-8")
    site.build()
    feed = ElementTree.parse(site.output_dir / "feed.xml").getroot()
    titles = [e.find(f"{ATOM}title").text for e in feed.iter(f"{ATOM}entry")]
    assert any(t.startswith("Test & <Shire> \"Vale\" 's: ") for t in titles)
    sitemap = ElementTree.parse(site.output_dir / "sitemap.xml").getroot()
    assert len(sitemap) == len(site.html_files()) - 2  # every page but 404.html and the redirect stub old-testshire
    assert (site.output_dir / "robots.txt").read_text("utf-8").endswith("Sitemap: https://example.github.io/portal/sitemap.xml\n")


def test_a_theme_can_replace_the_feed_and_robots(make_site, tmp_path):
    site = make_site()
    theme = tmp_path / "theme"
    shutil.copytree(DEFAULT_THEME, theme)
    (theme / "templates" / "robots.txt").write_text("User-agent: *\nDisallow: /\n", "utf-8")
    config, problems = load_config(site.content_dir, site.output_dir, TODAY, search=False, theme_dir=theme)
    build_site(config, problems)
    assert (site.output_dir / "robots.txt").read_text("utf-8") == "User-agent: *\nDisallow: /\n"
    assert (site.output_dir / "feed.xml").read_text("utf-8").startswith('<?xml version="1.0" encoding="utf-8"?>\n<feed')
