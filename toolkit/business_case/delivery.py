"""Delivery-model recommendation: the rules in one place, as a pure function over plain values.

Step 3 of the journey builds the business case, and its commercial case names the delivery
model. The partners' answers become a plain ``Situation`` (how many councils, an ambition to
trade, a private or an NHS partner, who should employ the staff, how much control each partner
wants, the pace), and ``recommend`` returns all six models that the LGA guide describes, the
fitting ones first, each with why it fits (or why not), what to watch, its legal basis and the
case studies that used it (the six models themselves are in delivery_models.py). No database
here, so the rules can be read, tested with tables of cases and shown on the page.

The legal bases are signposts, never legal advice: each gives the source it is cited from and
that source's date. All six come from the Local Government Group's guide "Shared services and
management: a guide for councils" (2011). The law may have changed since; the partners must
take their own legal advice.

The rules. Each model's conditions rest on how the LGA guide (2011) and its case studies
describe the model; where the guide says nothing, the rule is marked as the toolkit's rule of
thumb.
- Pooled arrangements with health bodies (section 75 of the National Health Service Act 2006)
  fit when an NHS body is a partner, and not otherwise. The guide describes them as pooling
  funds, staff and management to provide a health-related service.
- A joint venture with a private partner fits when a private-sector partner is wanted, and not
  otherwise. To watch: the Teckal exemption cannot apply where there is private capital.
- A company jointly owned by the councils fits when the partners want to sell the service to
  others, or want a new body to employ the staff, and no private partner is wanted (with a
  private partner it is a joint venture). To watch: under the Teckal exemption, as the guide
  describes it in 2011, the councils may contract with their company without a procurement
  exercise only if they control it as they do their own departments and it mainly serves
  them; East Lindsey and South Holland's company may sell no more than 15% of its turnover to
  others.
- A lead authority (functions delegated to it under section 101 of the Local Government Act
  1972, staff placed at its disposal under section 113) fits when one council is to employ the
  staff, or when the partners are content for one council to lead and no new body is to employ
  the staff. When the partners also want an equal say, pair it with a joint committee, as East
  Kent did.
- A joint committee (section 102 of the Local Government Act 1972) fits when the partners want
  an equal say, and not otherwise.
- Joint working under an agreement fits when each council keeps employing its own staff, or
  who employs them is not decided, and there is no ambition to trade (the toolkit's rule of
  thumb: joint working creates no body to trade through). The toolkit's rules of thumb: three
  or fewer partners and an organic pace are reasons it fits; four or more partners and a big
  bang are things to watch.
- Beyond these, a model's reasons and things to watch come from the case studies that used it:
  East Kent, Stafford and Cannock Chase, the Dorset partnership, the South London Waste
  Partnership, Cambridgeshire and Northamptonshire, East Lindsey and South Holland, North and
  North East Lincolnshire, Southwest One, Knowsley.
- Fitting models come first, in this order of preference (the toolkit's rule of thumb: the
  models made for the partners' particular answers before the general ones, and the simplest
  last): pooled arrangements with health bodies, a joint venture, a company, a lead authority,
  a joint committee, joint working. The models that do not fit follow in the usual order and
  say why not.
- At least one model always fits: one council employing the staff makes a lead authority fit;
  a new body, a company or a joint venture; otherwise, joint working or, where the partners
  want to trade, a company or a joint venture. With nothing decided, joint working alone fits:
  the toolkit's default starting point, the least to set up and the easiest to leave.
"""

from dataclasses import dataclass

from toolkit.business_case.delivery_models import (
    COMPANY,
    HEALTH_POOLING,
    JOINT_COMMITTEE,
    JOINT_VENTURE,
    JOINT_WORKING,
    LEAD_AUTHORITY,
    MODELS,
    Model,
)

# who should employ the staff
ONE_COUNCIL, EACH_COUNCIL, NEW_BODY, UNDECIDED = "one-council", "each-council", "new-body", "undecided"
EMPLOYERS = (ONE_COUNCIL, EACH_COUNCIL, NEW_BODY, UNDECIDED)
# how much control each partner wants
EQUAL, SHARED, LEAD = "equal", "shared", "lead"
CONTROLS = (EQUAL, SHARED, LEAD)
# pace
BIG_BANG, ORGANIC = "big-bang", "organic"
PACES = (BIG_BANG, ORGANIC, UNDECIDED)

# Up to this many partners count as "few" (the toolkit's rule of thumb).
FEW_PARTNERS = 3


@dataclass(frozen=True)
class Situation:
    partners: int  # number of member councils, two or more
    trading: bool = False  # an ambition to sell the service to others
    private_partner: bool = False  # a private-sector partner is wanted
    health_partner: bool = False  # an NHS body is a partner
    employer: str = UNDECIDED  # who should employ the staff: one of EMPLOYERS
    control: str = SHARED  # how much control each partner wants: one of CONTROLS
    pace: str = UNDECIDED  # one of PACES

    def __post_init__(self):
        if isinstance(self.partners, bool) or not isinstance(self.partners, int) or self.partners < 2:
            raise ValueError("A partnership has two or more member councils.")
        for name, value, allowed in (
            ("employer", self.employer, EMPLOYERS),
            ("control", self.control, CONTROLS),
            ("pace", self.pace, PACES),
        ):
            if value not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}.")


@dataclass(frozen=True)
class Suggestion:
    model: Model
    fits: bool
    why: tuple  # why it fits, from the situation; when it does not fit, why not
    watch: tuple  # what to watch: risks and conditions


PREFERENCE = ("health-pooling", "joint-venture", "company", "lead-authority", "joint-committee", "joint-working")
NOT_A_JOINT_COMMITTEE = (
    "A partnership with a body that is not a council is not a joint committee, and its accounts and audit "
    "work differently: talk to your appointed auditor."
)
NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


def recommend(situation: Situation) -> list:
    """Every model as a [Suggestion]: the fitting ones in the order of PREFERENCE, then the rest in
    the order of MODELS."""
    suggestions = {
        s.model.key: s
        for s in (
            _joint_working(situation),
            _lead_authority(situation),
            _joint_committee(situation),
            _company(situation),
            _joint_venture(situation),
            _health_pooling(situation),
        )
    }
    fitting = [suggestions[key] for key in PREFERENCE if suggestions[key].fits]
    others = [suggestions[m.key] for m in MODELS if not suggestions[m.key].fits]
    return fitting + others


def _count(n: int) -> str:
    return NUMBERS.get(n, str(n))


def _joint_working(s: Situation) -> Suggestion:
    fits = s.employer in (EACH_COUNCIL, UNDECIDED) and not s.trading
    why = []
    if fits:
        if s.employer == EACH_COUNCIL:
            why.append(
                "Each council keeps employing its own staff: North and North East Lincolnshire each employed half "
                "of their shared procurement team, which kept a clear way out."
            )
        else:
            why.append(
                "Who should employ the staff is not decided yet: joint working needs no change of employer, so "
                "it is the simplest place to start."
            )
        if s.partners <= FEW_PARTNERS:
            why.append(f"With {_count(s.partners)} partners, a written agreement between the councils can be enough.")
        if s.pace == ORGANIC:
            why.append(
                "An organic pace suits it: start under an agreement and share more as opportunities arise, such "
                "as posts falling vacant."
            )
    else:
        if s.employer == ONE_COUNCIL:
            why.append("One council is to employ the staff for all the partners; in joint working each keeps its own.")
        elif s.employer == NEW_BODY:
            why.append("A new body is to employ the staff; in joint working each council keeps its own.")
        if s.trading:
            why.append(
                "The partners want to sell the service to others, which needs a body to trade through; in joint "
                "working each council runs its own service."
            )
    watch = [
        (
            "Each council acts for itself and stays responsible for its own service: put how decisions, costs and "
            "savings are shared, and how a council can leave, in a written agreement."
        )
    ]
    if s.partners > FEW_PARTNERS:
        watch.append(
            f"With {_count(s.partners)} partners, decisions under an agreement alone can be slow: a joint "
            "committee may help."
        )
    if s.pace == BIG_BANG:
        watch.append(
            "A big bang brings a lot of change at once, while joint working keeps each council's service "
            "separate: check it can deliver what the business case needs."
        )
    return Suggestion(JOINT_WORKING, fits, tuple(why), tuple(watch))


def _lead_authority(s: Situation) -> Suggestion:
    fits = s.employer == ONE_COUNCIL or (s.control == LEAD and s.employer in (EACH_COUNCIL, UNDECIDED))
    why = []
    if fits:
        if s.employer == ONE_COUNCIL:
            why.append(
                "One council is to employ the staff and host the service for the others, as Thanet does for East Kent."
            )
        if s.control == LEAD:
            why.append("The other partners are content for one council to lead: they can delegate the service to it.")
        if s.employer == EACH_COUNCIL:
            why.append("Staff can stay employed by their own council and be placed at the lead council's disposal.")
    elif s.employer == NEW_BODY:
        why.append("A new body is to employ the staff, not one of the councils.")
    else:
        employer = {
            EACH_COUNCIL: "Each council wants to keep employing its own staff",
            UNDECIDED: "No council has been chosen to employ the staff for the others",
        }[s.employer]
        control = {EQUAL: "an equal say", SHARED: "some control each"}[s.control]
        why.append(f"{employer}, and the partners want {control} rather than one council leading.")
    watch = [
        (
            "The councils that delegate stay ultimately responsible for the service: agree how they hold the lead "
            "council to account, for example a service level agreement for each service and a board of members from "
            "each council (Stafford and Cannock Chase; the Dorset partnership)."
        )
    ]
    if s.employer == ONE_COUNCIL:
        watch.append(
            "Staff moving to the lead council change employer (under TUPE at Stafford and Cannock Chase): "
            "consult staff and trade unions early."
        )
    if fits and s.control == EQUAL:
        watch.append(
            "The partners want an equal say, which a lead authority alone does not give: pair it with a joint "
            "committee, as East Kent did (Thanet employs the staff; a joint committee of the councils decides)."
        )
    return Suggestion(LEAD_AUTHORITY, fits, tuple(why), tuple(watch))


def _joint_committee(s: Situation) -> Suggestion:
    fits = s.control == EQUAL
    why = []
    if fits:
        why.append(
            "The partners want an equal say: a committee of councillors from every council takes the decisions "
            "together, as in East Kent and the South London Waste Partnership."
        )
    elif s.control == LEAD:
        why.append("The partners are content for one council to lead, so they do not need an equal say.")
    else:
        why.append("The partners want some control each, not an equal say.")
    watch = [
        (
            "A joint committee is set up by a legal agreement every council signs; its accounts are prepared by the "
            "councils and audited by an appointed auditor."
        ),
        (
            "Decide who employs the staff: in East Kent one council hosts them; in Cambridgeshire and "
            "Northamptonshire each council keeps its own."
        ),
    ]
    if s.health_partner or s.private_partner:
        watch.append(
            "A partnership that includes a body other than a council, such as an NHS body or a private partner, "
            "is not a joint committee: the joint committee is of the councils only."
        )
    return Suggestion(JOINT_COMMITTEE, fits, tuple(why), tuple(watch))


def _company(s: Situation) -> Suggestion:
    fits = not s.private_partner and (s.trading or s.employer == NEW_BODY)
    why = []
    if fits:
        if s.trading:
            why.append(
                "The partners want to sell the service to others: a company can grow to serve other "
                "organisations, which is why East Lindsey and South Holland chose one."
            )
        if s.employer == NEW_BODY:
            why.append("A new body is to employ the staff: the company can be that employer.")
        if s.control == EQUAL:
            why.append(
                "Each council can have an equal vote whatever its share: East Lindsey holds 63% of the shares in "
                "its company with South Holland, but each council has one vote."
            )
        if s.pace == BIG_BANG:
            why.append(
                "A big bang suits a fresh start: East Lindsey and South Holland expected their company to change "
                "the working culture as well as the processes."
            )
    elif s.private_partner:
        why.append(
            "A private partner is wanted, and the Teckal exemption cannot apply where there is private capital: "
            "see the joint venture."
        )
    else:
        why.append("There is no ambition to trade with others and no wish for a new body to employ the staff.")
    watch = [
        (
            "The Teckal exemption (a signpost from the LGA guide, 2011): the councils can contract with their "
            "company without a procurement exercise only if they control it as they do their own departments and it "
            "mainly serves them. East Lindsey and South Holland's company may sell no more than 15% of its turnover "
            "to others. Take legal advice."
        ),
        (
            "Setting up a company raises questions of competition law, state aid and procurement and needs specific "
            "legal advice; East Kent set one aside over doubts about the councils' powers."
        ),
        (
            "Staff move to the company (under TUPE at East Lindsey and South Holland): consult staff and trade "
            "unions early."
        ),
    ]
    if s.control == LEAD:
        watch.append(
            "Under the Teckal exemption as described in 2011, the councils must control the company together, "
            "so each owner needs a real say in its strategy and main decisions, even if one council leads."
        )
    return Suggestion(COMPANY, fits, tuple(why), tuple(watch))


def _joint_venture(s: Situation) -> Suggestion:
    fits = s.private_partner
    why = []
    if fits:
        why.append(
            "A private-sector partner is wanted: a joint venture shares investment, risk and reward with it, as "
            "in Southwest One."
        )
        if s.trading:
            why.append(
                "The partners want to sell the service to others: a private partner can bring investment and "
                "skills to grow it."
            )
        if s.employer == NEW_BODY:
            why.append("A new body is to run the service: the joint venture company can be that body.")
        if s.control == EQUAL:
            why.append(
                "No one council is seen to lead: Somerset chose a joint venture that others could join for that reason."
            )
    else:
        why.append("No private partner is wanted.")
    watch = [
        (
            "The Teckal exemption cannot apply where there is private capital (LGA guide, 2011): take advice on the "
            "procurement rules for choosing the partner and contracting with the venture."
        ),
        "Read HM Treasury's guidance note on joint ventures with the private sector (2010).",
        (
            "Agree how risk and reward are shared over a long contract: in Southwest One the private partner holds "
            "75% of the shares, the contract runs for 10 years and staff were seconded rather than transferred."
        ),
        NOT_A_JOINT_COMMITTEE,
    ]
    if not fits and s.trading:
        watch.append(
            "If selling the service needs investment, a private partner could be sought later: East Kent saw "
            "that as a possible future step."
        )
    return Suggestion(JOINT_VENTURE, fits, tuple(why), tuple(watch))


def _health_pooling(s: Situation) -> Suggestion:
    fits = s.health_partner
    if fits:
        why = (
            (
                "An NHS body is a partner: the councils and the health body can pool budgets and bring staff and "
                "management together, as Knowsley did with a single executive team."
            ),
        )
    else:
        why = ("No NHS body is a partner.",)
    watch = (
        "It is for health-related services: check that the services in scope are.",
        (
            "Most staff keep their contract with the council or the NHS body while working in joint teams, as in "
            "Knowsley: agree how they are managed."
        ),
        NOT_A_JOINT_COMMITTEE,
    )
    return Suggestion(HEALTH_POOLING, fits, why, watch)
