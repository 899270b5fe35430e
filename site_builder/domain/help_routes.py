"""Where a parent can turn for help or to complain: national routes, national directories of local
services, and each area's own help with a national fallback wherever a local service is not listed.

Each route's facts come from DOMAIN.md section 4; the address is the body's own page. Every directory
address was seen in stored public material (`seen_in`), never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from site_builder.domain.models import HelpRoute, LocalArea


@dataclass(frozen=True)
class NationalRoute:
    """A national body a parent can turn to, and when."""

    name: str
    when: str
    url: str


TRIBUNAL = NationalRoute(
    "First-tier Tribunal (Special Educational Needs and Disability)",
    "To appeal a council's decision about an EHC needs assessment or plan. Appeal within 2 months of the "
    "decision letter, or 1 month from the mediation certificate if that is later.",
    "https://www.gov.uk/courts-tribunals/first-tier-tribunal-special-educational-needs-and-disability",
)
LGSCO = NationalRoute(
    "Local Government and Social Care Ombudsman",
    "When the council's own complaints process has not put things right: for example delays, or support in a "
    "plan not being delivered. Usually within 12 months of knowing about the problem.",
    "https://www.lgo.org.uk/make-a-complaint/fact-sheets/education/special-educational-needs",
)
PHSO = NationalRoute(
    "Parliamentary and Health Service Ombudsman",
    "For NHS complaints, after the NHS service or integrated care board has given its final response. "
    "Usually within 12 months.",
    "https://www.ombudsman.org.uk/",
)
INSPECTORATES = NationalRoute(
    "Ofsted and the Care Quality Commission",
    # DOMAIN.md 4.10: no source says outright that they never look into one family's case, so only advise.
    "To tell the inspectorates about your experience of the area's SEND services. They use what families tell "
    "them to decide when and where to look; do not expect them to sort out your own case.",
    "https://www.gov.uk/government/publications/local-area-send-inspections-information-for-families/area-send-inspections-information-for-parents-and-carers",
)

NATIONAL_ROUTES = (TRIBUNAL, LGSCO, PHSO, INSPECTORATES)
"""In the order a parent would reach them (DOMAIN.md section 4)."""


@dataclass(frozen=True)
class Directory:
    """A national list that finds a local service, linked wherever an area's own is not listed."""

    name: str
    """The link's words."""
    finds: str
    """What it finds, after the link."""
    url: str
    seen_in: str
    """Where the address was seen in stored public material, for a maintainer to check it again."""


FIND_COUNCIL = Directory(
    "Find your local council on GOV.UK", "it finds your council from your postcode",
    "https://www.gov.uk/find-local-council",
    "GOV.UK's own service; linked to by many public sites (public repositories in the code index).",
)
FIND_SENDIASS = Directory(
    "Find your local SEND information, advice and support service (SENDIASS)",
    "the Information, Advice and Support Services Network's list, at the Council for Disabled Children",
    "https://councilfordisabledchildren.org.uk/about-us-0/networks/information-advice-and-support-services-network/"
    "find-your-local-ias-service",
    "Three public repositories link this exact address as 'Find your local SENDIASS' (code index, 1 December "
    "2026; a fourth drops 'about-us-0/networks/'); no stored copy of the page itself was found "
    "(docs/research/2026-12-01/help-0.yaml).",
)
FIND_FORUM = Directory(
    "National Network of Parent Carer Forums", "the national network of the forums, one in each council area",
    "https://nnpcf.org.uk/",
    "The network's own pages in the stored pages: https://nnpcf.org.uk/blog/about/vision-mission/ and "
    "https://nnpcf.org.uk/blog/about/meet-the-team.",
)

HELP_KIND_WORDS = {
    "sendiass": "Free, impartial SEND advice",
    "parent-carer-forum": "Parent Carer Forum",
    "council-complaints": "Complaints to the council",
    "nhs-complaints": "Complaints about NHS services",
    "other": "Other help",
}
"""What each `help:` kind is, in words, before the service's name."""


@dataclass(frozen=True)
class LocalHelp:
    """An area's own help where it is listed, and for each kind that is not, where to find it."""

    local_offer_url: str | None
    """The council's Local Offer: its local SEND services and how to complain."""
    sendiass: HelpRoute | None
    forum: HelpRoute | None
    others: tuple[HelpRoute, ...]
    """The area's other `help:` entries (complaints routes and the rest), in file order."""
    council_complaints: HelpRoute | None
    """The council's own complaints page (the first, if several), also in `others`: the complaint step links it."""

    @property
    def listed(self) -> tuple[HelpRoute, ...]:
        """Every `help:` entry: the advice service, the forum, then the rest."""
        return tuple(r for r in (self.sendiass, self.forum) if r) + self.others

    @property
    def find_council(self) -> Directory | None:
        """GOV.UK's "Find your local council", when no Local Offer is linked."""
        return None if self.local_offer_url else FIND_COUNCIL

    @property
    def find_sendiass(self) -> Directory | None:
        """The national list of SENDIASS, when the area's own is not listed."""
        return None if self.sendiass else FIND_SENDIASS

    @property
    def find_forum(self) -> Directory | None:
        """The national network of forums, when the area's own is not listed."""
        return None if self.forum else FIND_FORUM


def local_help(area: LocalArea) -> LocalHelp:
    """What `area` lists of its own help, with a national directory for every kind it does not."""
    first = {}
    for route in area.help:
        first.setdefault(route.kind, route)
    sendiass, forum = first.get("sendiass"), first.get("parent-carer-forum")
    others = tuple(r for r in area.help if r is not sendiass and r is not forum)
    return LocalHelp(area.local_offer_url, sendiass, forum, others, first.get("council-complaints"))
