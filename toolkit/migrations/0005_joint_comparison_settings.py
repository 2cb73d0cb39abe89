"""How partners' answers compare, for databases loaded before it was set.

Sets each joint-assessment question's comparison (must match, may differ, within a tolerance,
within months, overlap, not compared) and the answers that fit any other ("Not decided"); adds the
question where a council lists the services it would never share, which "services in scope" is
checked against; and gives the questions that the self and joint assessments share the same key,
so a council's self-assessment answers are offered as starting values in its joint assessment.

As in 0003: only the step's published questionnaire is changed, a setting only where it still
holds what was loaded, and nothing on a new, empty database (the fixtures hold all this).
Comparison settings do not change any readiness score, so no new version is needed. Keys are
renamed in every version of the step, because answers carry over between versions by key.
"""

from django.db import migrations
from django.db.models import F

# (model, natural key as loaded before, field, as loaded, now). Natural keys: question (step, key),
# option (step, question key, value).
CHANGES = [('question', ('joint', 'joint-expectations-clear'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-leaders-committed'), 'comparison', 'none', 'match'),
 ('question', ('joint', 'joint-cost-and-quality'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-services-in'), 'comparison', 'none', 'overlap'),
 ('question', ('joint', 'joint-services-in'), 'excluded_by', None, 'joint-services-never'),
 ('question', ('joint', 'joint-not-shared'), 'position', 2, 3),
 ('question', ('joint', 'joint-scope-clear'), 'position', 3, 4),
 ('question', ('joint', 'joint-scope-clear'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-start-small'), 'position', 4, 5),
 ('question', ('joint', 'joint-start-small'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-share-performance-data'), 'position', 5, 6),
 ('question', ('joint', 'joint-share-performance-data'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-overheads-known'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-savings-target'), 'comparison', 'none', 'tolerance'),
 ('question', ('joint', 'joint-savings-target'), 'tolerance', None, '5.00'),
 ('question', ('joint', 'joint-savings-split'), 'comparison', 'none', 'match'),
 ('option', ('joint', 'joint-savings-split', 'not-decided'), 'fits_any', False, True),
 ('question', ('joint', 'joint-set-up-costs'), 'comparison', 'none', 'match'),
 ('question', ('joint', 'joint-procurement-approach'), 'comparison', 'none', 'match'),
 ('option', ('joint', 'joint-procurement-approach', 'not-decided'), 'fits_any', False, True),
 ('question', ('joint', 'joint-procurement-involved'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-contracts-tie-in'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-contract-end-date'), 'comparison', 'none', 'months'),
 ('question', ('joint', 'joint-contract-end-date'), 'months', None, 12),
 ('question', ('joint', 'joint-co-location'), 'comparison', 'none', 'match'),
 ('question', ('joint', 'joint-willing-to-relocate'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-travel-costs'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-members-consulted'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-member-expectations'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-members-accept-shared-control'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-political-aspirations'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-trust'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-culture-similar'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-willing-to-concede'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-geography'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-pay-comparable'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-pensions-understood'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-align-terms'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-employment-model'), 'comparison', 'none', 'match'),
 ('option', ('joint', 'joint-employment-model', 'either'), 'fits_any', False, True),
 ('option', ('joint', 'joint-employment-model', 'not-decided'), 'fits_any', False, True),
 ('question', ('joint', 'joint-hr-involved'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-willing-to-change-system'), 'comparison', 'none', 'match'),
 ('question', ('joint', 'joint-it-involved'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-shared-language'), 'comparison', 'none', 'differ'),
 ('question', ('joint', 'joint-collaboration-type'), 'comparison', 'none', 'match'),
 ('question', ('joint', 'joint-delivery-model'), 'comparison', 'none', 'match'),
 ('option', ('joint', 'joint-delivery-model', 'not-decided'), 'fits_any', False, True),
 ('question', ('joint', 'joint-pace'), 'comparison', 'none', 'match'),
 ('option', ('joint', 'joint-pace', 'no-preference'), 'fits_any', False, True),
 ('question', ('joint', 'joint-redundancy-accepted'), 'comparison', 'none', 'differ')]

# (step, key as loaded, shared key)
RENAMES = [('self', 'self-not-share', 'not-shared'),
 ('self', 'self-contracts-tie-in', 'contracts-tie-in'),
 ('self', 'self-contract-end-date', 'contract-end-date'),
 ('joint', 'joint-not-shared', 'not-shared'),
 ('joint', 'joint-contracts-tie-in', 'contracts-tie-in'),
 ('joint', 'joint-contract-end-date', 'contract-end-date')]

NEVER_SHARE = {'step': 'joint',
 'section': 'scope',
 'fields': {'position': 2,
            'key': 'joint-services-never',
            'text': 'Which of these service areas would your council never share?',
            'hint': 'Tick any your council has ruled out, or leave this blank. A service that one partner '
                    'wants to include and another will never share is a conflict to settle before the '
                    'business case. Say why in the next question.',
            'kind': 'multiple',
            'required': False,
            'weight': 0,
            'is_gate': False,
            'show_when_value': '',
            'min_value': None,
            'max_value': None,
            'max_length': None,
            'source': '002_3629ed7e1db573a4.txt',
            'comparison': 'differ',
            'tolerance': None,
            'tolerance_is_percent': False,
            'months': None,
            'theme': 7},
 'options': [{'position': 1, 'value': 'finance', 'label': 'Finance', 'score': 0},
             {'position': 2, 'value': 'it', 'label': 'IT', 'score': 0},
             {'position': 3, 'value': 'human-resources', 'label': 'Human resources', 'score': 0},
             {'position': 4, 'value': 'legal', 'label': 'Legal services', 'score': 0},
             {'position': 5, 'value': 'procurement', 'label': 'Procurement', 'score': 0},
             {'position': 6,
              'value': 'property',
              'label': 'Property management and office accommodation',
              'score': 0},
             {'position': 7, 'value': 'revenues-benefits', 'label': 'Revenues and benefits', 'score': 0},
             {'position': 8, 'value': 'contact-centre', 'label': 'Contact centre', 'score': 0},
             {'position': 9, 'value': 'audit', 'label': 'Audit', 'score': 0},
             {'position': 10, 'value': 'waste', 'label': 'Waste collection', 'score': 0},
             {'position': 11, 'value': 'regulatory', 'label': 'Regulatory services', 'score': 0},
             {'position': 12, 'value': 'senior-management', 'label': 'Senior management', 'score': 0},
             {'position': 13, 'value': 'other', 'label': 'Other', 'score': 0}]}


def published(apps, step):
    return apps.get_model("toolkit", "Questionnaire").objects.filter(step_id=step, status="published").first()


def add_never_share(apps):
    Question = apps.get_model("toolkit", "Question")
    Option = apps.get_model("toolkit", "Option")
    questionnaire = published(apps, NEVER_SHARE["step"])
    if questionnaire is None:
        return
    section = apps.get_model("toolkit", "Section").objects.filter(questionnaire=questionnaire, slug=NEVER_SHARE["section"]).first()
    fields = dict(NEVER_SHARE["fields"])
    if section is None or Question.objects.filter(questionnaire=questionnaire, key=fields["key"]).exists():
        return
    theme = fields.pop("theme")
    # Make room straight after "services in scope", where the fixtures put it.
    Question.objects.filter(section=section, position__gte=fields["position"]).update(position=F("position") + 1)
    question = Question.objects.create(section=section, questionnaire=questionnaire, theme_id=theme, **fields)
    Option.objects.bulk_create(Option(question=question, **option) for option in NEVER_SHARE["options"])


def rows(apps, model, natural, questionnaire):
    if model == "question":
        return apps.get_model("toolkit", "Question").objects.filter(questionnaire=questionnaire, key=natural[1])
    return apps.get_model("toolkit", "Option").objects.filter(question__questionnaire=questionnaire, question__key=natural[1], value=natural[2])


def forward(apps, schema_editor):
    Question = apps.get_model("toolkit", "Question")
    add_never_share(apps)
    for model, natural, field, before, after in CHANGES:
        questionnaire = published(apps, natural[0])
        if questionnaire is None or (model, field) == ("question", "position"):
            continue  # positions: the new question has made its own room
        if field == "excluded_by":
            target = Question.objects.filter(questionnaire=questionnaire, key=after).first()
            if target is not None:
                rows(apps, model, natural, questionnaire).filter(excluded_by=None).update(excluded_by=target)
            continue
        rows(apps, model, natural, questionnaire).filter(**{field: before}).update(**{field: after})
    for step, before, after in RENAMES:
        for questionnaire_id in apps.get_model("toolkit", "Questionnaire").objects.filter(step_id=step).values_list("pk", flat=True):
            if not Question.objects.filter(questionnaire=questionnaire_id, key=after).exists():
                Question.objects.filter(questionnaire=questionnaire_id, key=before).update(key=after)


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0004_partnerships_invitations_comparison")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
