"""Starting values for the business case: what the partners answered to the same questions (the
same key) in their submitted joint assessments. A list of choices (the services in scope)
starts as every partner's choices together; any other answer is offered only when every partner
who answered gave the same one, since the business case speaks for them all."""

from toolkit.answers import Suggestion
from toolkit.compatibility.report import submitted_by_members
from toolkit.models import Answer


def from_joint_assessments(assessment) -> dict:
    partnership = assessment.partnership
    joint = submitted_by_members(partnership)
    if not joint:
        return {}
    names = {j.pk: j.council.name for j in joint}
    rank = {j.pk: i for i, j in enumerate(joint)}  # the members' order, whatever order the database returns
    answers = Answer.objects.filter(assessment__in=joint).select_related("question")
    by_key = {}  # key -> [(council name, answer)], only of the partners who answered
    for answer in sorted(answers, key=lambda a: (a.question.position, rank[a.assessment_id])):
        if answer.value not in (None, "", []):
            by_key.setdefault(answer.question.key, []).append((names[answer.assessment_id], answer.value))
    offered = {}
    for key, given in by_key.items():
        who, values = ", ".join(name for name, _ in given), [value for _, value in given]
        if all(isinstance(v, list) for v in values):
            union = list(dict.fromkeys(v for value in values for v in value))
            offered[key] = Suggestion(union, f"the partners' joint assessments ({who})")
        elif all(v == values[0] for v in values):
            agreeing = ", which all say so" if len(values) > 1 else ""
            offered[key] = Suggestion(values[0], f"the partners' joint assessments ({who}){agreeing}")
    return offered
