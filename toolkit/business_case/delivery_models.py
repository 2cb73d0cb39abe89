"""The six delivery models as the LGA guide (2011) describes them: what each is, its legal basis
as a dated signpost, and the case studies that used it. Which of them fit a partnership, and why,
is decided by the rules in toolkit/business_case/delivery.py.
"""

from dataclasses import dataclass

LGA_GUIDE = "002_3629ed7e1db573a4.txt"
SOURCES = {
    "000_89f19df402329646.txt": "Building a Shared Service Toolkit (London Borough of Merton)",
    "001_7a5597624470dbfa.txt": "The Shared Service Pyramid (London Borough of Sutton)",
    LGA_GUIDE: "the LGA guide, Shared services and management: a guide for councils (Local Government Group)",
    "003_ad2021519356bd22.txt": "Developing and Implementing Shared Services Across the West Midlands",
    "004_69d23a5f6650a130.txt": (
        "Back Office Efficiency: Shared Services Case Studies (Institute for Employment Studies)"
    ),
}


@dataclass(frozen=True)
class LegalBasis:
    text: str  # the provision, as the source describes it
    source: str  # the seed file or publication it is cited from
    dated: str  # the date of the source: a signpost with its date, never advice

    @property
    def signpost(self) -> str:
        """The legal basis as shown on the page: where it comes from, its date, and a warning."""
        title = SOURCES.get(self.source, self.source)
        return (
            f"{self.text}. As described in {title}, {self.dated}. A signpost, not legal advice: "
            "the law may have changed since, so take legal advice."
        )


@dataclass(frozen=True)
class Model:
    key: str
    name: str
    summary: str
    legal_basis: LegalBasis
    case_studies: tuple  # slugs of case studies (fixtures/40_content.json) that used this model


JOINT_WORKING = Model(
    key="joint-working",
    name="Joint working under an agreement",
    summary=(
        "The councils work together under a written agreement, but each keeps its own staff and stays "
        "responsible for its own service. The least to set up and the easiest to leave."
    ),
    legal_basis=LegalBasis(
        text=(
            "An agreement between the councils, each acting for itself and keeping responsibility for its own "
            "service (joint working as CIPFA's report 'Shared services: the opportunities and issues for public "
            "sector organisations', 2006, describes it)"
        ),
        source=LGA_GUIDE,
        dated="2011",
    ),
    case_studies=("north-north-east-lincolnshire-procurement",),
)
LEAD_AUTHORITY = Model(
    key="lead-authority",
    name="A lead authority",
    summary=(
        "One council runs the service for the others: they delegate the service to it, and their staff are "
        "placed at its disposal or move to it as their employer."
    ),
    legal_basis=LegalBasis(
        text=(
            "Local Government Act 1972, section 101 (delegating functions to another council, which the "
            "delegating council stays ultimately responsible for) and section 113 (placing an officer of one "
            "council at the disposal of another)"
        ),
        source=LGA_GUIDE,
        dated="2011",
    ),
    case_studies=("east-kent-services", "stafford-cannock-chase", "dorset-revenues-benefits-partnership"),
)
JOINT_COMMITTEE = Model(
    key="joint-committee",
    name="A joint committee",
    summary=(
        "A committee of councillors from every council takes the decisions on the shared service for all of "
        "them, set up by an agreement the councils sign."
    ),
    legal_basis=LegalBasis(
        text=(
            "Local Government Act 1972, section 102 (joint committees of councils to carry out their functions, "
            "set up by a legal agreement the councils sign)"
        ),
        source=LGA_GUIDE,
        dated="2011",
    ),
    case_studies=("east-kent-services", "south-london-waste-partnership", "cambridgeshire-northamptonshire"),
)
COMPANY = Model(
    key="company",
    name="A company jointly owned by the councils",
    summary=(
        "The councils set up a company that they own and control together; it employs the staff, and the "
        "councils contract with it for the service."
    ),
    legal_basis=LegalBasis(
        text=(
            "Councils' powers to set up companies for any of their ordinary functions, minding competition law, "
            "state aid and the Public Contracts Regulations 2006; contracting with the company without a "
            "procurement exercise under the Teckal exemption (Case C-107/98), which the Supreme Court applied to "
            "councils' joint control in February 2011"
        ),
        source=LGA_GUIDE,
        dated="2011",
    ),
    case_studies=("east-lindsey-south-holland",),
)
JOINT_VENTURE = Model(
    key="joint-venture",
    name="A joint venture with a private partner",
    summary=(
        "The councils and a private-sector partner set up a venture together, sharing investment, risk and reward."
    ),
    legal_basis=LegalBasis(
        text=(
            "A joint venture company with a private-sector partner, to which the Teckal exemption cannot apply "
            "because there is private capital (Stadt Halle, Case C-26/03); see HM Treasury's 'Joint Ventures: a "
            "guidance note for public sector bodies forming joint ventures with the private sector' (2010)"
        ),
        source=LGA_GUIDE,
        dated="2011",
    ),
    case_studies=("southwest-one",),
)
HEALTH_POOLING = Model(
    key="health-pooling",
    name="Pooled arrangements with health bodies",
    summary=(
        "Councils and NHS bodies pool their funds and bring their staff, resources and management together to "
        "provide a health-related service."
    ),
    legal_basis=LegalBasis(
        text=(
            "National Health Service Act 2006, section 75 (councils and health bodies pooling funds and joining "
            "their staff, resources and management to provide a health-related service)"
        ),
        source=LGA_GUIDE,
        dated="2011",
    ),
    case_studies=("knowsley-health-wellbeing",),
)

MODELS = (JOINT_WORKING, LEAD_AUTHORITY, JOINT_COMMITTEE, COMPANY, JOINT_VENTURE, HEALTH_POOLING)
# The value of each model's option in the design question "design-delivery-model" (fixtures/30_design.json).
DESIGN_ANSWERS = {
    "joint-working": "joint-working",
    "lead-authority": "lead-authority",
    "joint-committee": "joint-committee",
    "company": "jointly-owned-company",
    "joint-venture": "joint-venture",
    "health-pooling": "s75-pooling",
}


def model(key: str) -> Model:
    """The model with this key."""
    for candidate in MODELS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)
