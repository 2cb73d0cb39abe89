"""The toolkit's data, by area: the question bank, councils and partnerships, assessments and
answers, signposting content, and the record of exports."""

from toolkit.models.assessments import OWNER_SHAPES, Answer, Assessment, PrivateNote
from toolkit.models.business_case import (
    CaseOption,
    FinancialSettings,
    GateItem,
    IncomeEstimate,
    Milestone,
    PartnerFigures,
    ProceedDecision,
    Risk,
    SavingEstimate,
    SetUpCost,
    SignOff,
)
from toolkit.models.content import CaseStudy, ContentVersion, ExpertContact, Guidance, KeyTool, Reading, SignpostItem
from toolkit.models.councils import Council, Invitation, Membership, Partnership, PartnershipEvent, PartnershipMember
from toolkit.models.exports import Export, ReportJob, export_path
from toolkit.models.questions import Option, Question, Questionnaire, Section, Step, Theme
from toolkit.models.sources import Source

__all__ = [
    "CaseOption", "FinancialSettings", "GateItem", "IncomeEstimate", "Milestone", "PartnerFigures", "ProceedDecision",
    "Risk", "SavingEstimate", "SetUpCost", "SignOff",
    "OWNER_SHAPES", "Answer", "Assessment", "PrivateNote", "Invitation", "PartnershipEvent", "CaseStudy", "ContentVersion", "ExpertContact", "Guidance", "KeyTool", "Reading",
    "SignpostItem", "Council", "Membership", "Partnership", "PartnershipMember", "Export", "ReportJob", "export_path",
    "Option", "Question", "Questionnaire", "Section", "Step", "Theme", "Source",
]
