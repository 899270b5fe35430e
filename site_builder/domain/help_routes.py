"""National routes for help and complaints, shown on every area page beside its local ones.

Each route's facts come from DOMAIN.md section 4; the address is the body's own page.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NationalRoute:
    """A national body a parent can turn to, and when."""

    name: str
    when: str
    url: str


NATIONAL_ROUTES = (
    NationalRoute(
        "First-tier Tribunal (Special Educational Needs and Disability)",
        "To appeal a council's decision about an EHC needs assessment or plan. Appeal within 2 months of the "
        "decision letter, or 1 month from the mediation certificate if that is later.",
        "https://www.gov.uk/courts-tribunals/first-tier-tribunal-special-educational-needs-and-disability",
    ),
    NationalRoute(
        "Local Government and Social Care Ombudsman",
        "When the council's own complaints process has not put things right: for example delays, or support in a "
        "plan not being delivered. Usually within 12 months of knowing about the problem.",
        "https://www.lgo.org.uk/make-a-complaint/fact-sheets/education/special-educational-needs",
    ),
    NationalRoute(
        "Parliamentary and Health Service Ombudsman",
        "For NHS complaints, after the NHS service or integrated care board has given its final response. "
        "Usually within 12 months.",
        "https://www.ombudsman.org.uk/",
    ),
    NationalRoute(
        "Ofsted and the Care Quality Commission",
        "To tell the inspectorates about your experience of the area's SEND services. They use what families tell "
        "them to decide when and where to look; they do not settle individual complaints.",
        "https://www.gov.uk/government/publications/local-area-send-inspections-information-for-families/area-send-inspections-information-for-parents-and-carers",
    ),
)
