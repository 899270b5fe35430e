"""The data sources the content was derived from, credited on /data/ with their licences."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataSource:
    """One source: what it is, who publishes it, its licence and how current it is."""

    name: str
    publisher: str
    url: str
    licence: str
    licence_url: str
    used_for: str
    as_of: str


DATA_SOURCES = (
    DataSource(
        "Area SEND inspections and outcomes in England as at 31 August 2022 (official statistics)",
        "Ofsted", "https://www.gov.uk/government/statistics/area-send-inspections-and-outcomes-in-england-as-at-31-august-2022",
        "Open Government Licence v3.0", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "Every inspection and revisit under the 2016 to 2022 framework: dates, whether a written statement of action "
        "was required, and revisit results.",
        "Covers inspections from 1 May 2016 to 31 August 2022; published 17 November 2022.",
    ),
    DataSource(
        "Area SEND inspections and outcomes in England: management information (2023 framework)",
        "Ofsted", "https://www.gov.uk/government/statistical-data-sets/area-send-inspections-and-outcomes-in-england-management-information-summer-term-2022-to-2023",
        "Open Government Licence v3.0", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "Official outcomes of the first inspections under the current framework.",
        "Inspections published from 5 May 2023 to 10 November 2023.",
    ),
    DataSource(
        "Ofsted SEND inspections scrape tool: extracted outcomes and lookup",
        "data-to-insight", "https://github.com/data-to-insight/ofsted-send-scrape-tool",
        "MIT licence (the reports themselves: Crown copyright, Open Government Licence v3.0)", "https://opensource.org/license/mit",
        "Later inspections under the current framework, extracted automatically from each published report and marked "
        "as such; Ofsted numbers, Department for Education numbers, council web addresses and each area's "
        "statistical neighbours (the Department for Education's most similar areas).",
        "Extract of 29 June 2026; lookup of 16 June 2025.",
    ),
    DataSource(
        "UK local authority names and codes",
        "mySociety", "https://github.com/mysociety/uk_local_authority_names_and_codes",
        "Creative Commons Attribution 4.0 (CC BY 4.0)", "https://creativecommons.org/licenses/by/4.0/",
        "The list of councils, their ONS codes and regions, which areas replaced former ones, the district councils "
        "inside each county (on area pages and \"Which area am I in?\") and other names councils are known by.",
        "Data of 10 July 2025.",
    ),
    DataSource(
        "UK upper-tier local authorities hex map",
        "Open Innovations", "https://github.com/odileeds/hexmaps",
        "MIT licence", "https://opensource.org/license/mit",
        "The layout of the hex maps on the home page and the maps page, one hexagon per local area. We gave "
        "Buckinghamshire, North Yorkshire and Somerset their new codes and split the hexagons of Cumbria and "
        "Northamptonshire for the areas that replaced them.",
        "Layout of 30 October 2020, updated for the areas created from 2020 to 2023.",
    ),
)
