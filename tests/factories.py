"""Real objects for tests, built with sensible defaults (no mocks)."""

from django.contrib.auth import get_user_model

from toolkit.models import Council, Membership, Partnership, PartnershipMember

PASSWORD = "correct-horse-battery"


def council(slug, **fields):
    defaults = {"name": slug.replace("-", " ").title() + " Council", "kind": Council.Kind.DISTRICT}
    found, _ = Council.objects.get_or_create(slug=slug, defaults={**defaults, **fields})
    return found


def user(username, council=None, role=Membership.Role.OFFICER, **fields):
    created = get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=username.title(), last_name="Tester", **fields
    )
    if council is not None:
        Membership.objects.create(user=created, council=council, role=role)
    return created


def partnership(slug, lead, members, **fields):
    created = Partnership.objects.create(
        slug=slug, name=fields.pop("name", slug.title() + " Partnership"), lead_council=lead, **fields
    )
    for member in members:
        PartnershipMember.objects.create(partnership=created, council=member)
    return created


def joint_assessment(partnership, council, answers, submitted=True, when=None):
    """A council's joint assessment in a partnership with the given answers (question key to
    stored value), of the partnership's questionnaire version (the published one if it has none)."""
    from django.utils import timezone

    from toolkit.models import Answer, Assessment, Questionnaire

    if partnership.joint_questionnaire_id is None:
        partnership.joint_questionnaire = Questionnaire.objects.get(step="joint", status="published")
        partnership.save(update_fields=["joint_questionnaire"])
    questionnaire = partnership.joint_questionnaire
    assessment = Assessment.objects.create(questionnaire=questionnaire, council=council, partnership=partnership)
    questions = {q.key: q for q in questionnaire.questions.all()}
    Answer.objects.bulk_create(Answer(assessment=assessment, question=questions[k], value=v) for k, v in answers.items())
    if submitted:
        from toolkit.compatibility.report import refresh_verdict

        Assessment.objects.filter(pk=assessment.pk).update(status="submitted", submitted_at=when or timezone.now())
        assessment.refresh_from_db()
        refresh_verdict(partnership)
    return assessment
