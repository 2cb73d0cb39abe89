"""The scale data (``seed_demo --scale N``, toolkit/scale_demo.py), at a small size: what it
makes, that every answer fits its question, and that the pages of its councils and
partnerships work."""

from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from tests.test_seed_demo import snapshot
from toolkit import scale_demo
from toolkit.answers import AnswerSheet
from toolkit.business_case.report import outline
from toolkit.compatibility.report import refresh_verdict
from toolkit.models import Answer, Assessment, Council, Partnership, SignOff

pytestmark = pytest.mark.django_db

COUNCILS, PARTNERSHIPS = 12, 4


@pytest.fixture
def scale():
    return scale_demo.add_scale_data(COUNCILS, PARTNERSHIPS, seed=7)


def scale_partnerships():
    return Partnership.objects.filter(slug__startswith=scale_demo.SLUG_PREFIX).prefetch_related("councils")


def test_it_makes_councils_with_three_yearly_self_assessments(scale):
    councils = Council.objects.filter(slug__startswith=scale_demo.SLUG_PREFIX)
    assert councils.count() == COUNCILS
    for council in councils:
        assert sorted(m.user.username for m in council.memberships.select_related("user")) == [
            f"{council.slug}-officer", f"{council.slug}-pm"
        ]
        assessments = list(Assessment.objects.filter(council=council, step="self").order_by("submitted_at"))
        assert [a.status for a in assessments] == ["submitted"] * 3
        assert [a.submitted_at.year for a in assessments] == list(scale_demo.SELF_ASSESSMENT_YEARS)


def test_it_makes_partnerships_of_two_to_eight_with_joint_assessments_and_a_business_case(scale):
    partnerships = list(scale_partnerships())
    assert len(partnerships) == PARTNERSHIPS
    for partnership in partnerships:
        members = {c.pk for c in partnership.councils.all()}
        assert 2 <= len(members) <= 8 and partnership.lead_council_id in members
        joint = Assessment.objects.filter(step="joint", partnership=partnership)
        assert sorted(joint.values_list("council", flat=True)) == sorted(members)
        assert set(joint.values_list("status", flat=True)) == {"submitted"}
        case = Assessment.objects.get(step="design", partnership=partnership)
        assert case.status in {"awaiting_sign_off", "signed_off"}
        # The verdict kept on the partnership is the one its comparison gives.
        assert partnership.joint_verdict == refresh_verdict(partnership)


def test_every_assessment_is_complete_and_every_answer_fits_its_question(scale):
    scale_assessments = Assessment.objects.filter(council__slug__startswith="scale-") | Assessment.objects.filter(
        partnership__slug__startswith="scale-"
    )
    for assessment in scale_assessments.distinct():
        sheet = AnswerSheet(assessment)
        assert sheet.is_complete(), assessment
        shown = sheet.visible()
        for key, value in sheet.values.items():
            question = sheet.by_key[key]
            assert key in shown, f"{key} answered though hidden"
            if question.is_choice:
                options = {o.value for o in question.options.all()}
                assert set(value if isinstance(value, list) else [value]) <= options, key
                assert isinstance(value, list) == (question.kind == "multiple"), key


def test_business_cases_have_a_working_model_and_sign_offs_of_what_they_hold(scale):
    for case in Assessment.objects.filter(step="design", partnership__slug__startswith="scale-"):
        context = outline(case)
        assert context["model"] is not None and context["model_problems"] == []
        sign_offs = SignOff.objects.filter(assessment=case)
        assert {s.fingerprint for s in sign_offs} <= {context["fingerprint"]}
        assert (case.status == "signed_off") == (not context["still_to_sign"])


def test_it_is_deterministic():
    def made():
        with transaction.atomic():
            scale_demo.add_scale_data(6, 2, seed=3)
            partnerships = [(p.name, sorted(c.slug for c in p.councils.all())) for p in scale_partnerships()]
            answers = Counter(
                (a.assessment.step_id, a.assessment.submitted_at, a.question.key, str(a.value))
                for a in Answer.objects.filter(assessment__in=Assessment.objects.filter(council__slug__startswith="scale-"))
                .select_related("assessment", "question")
            )
            transaction.set_rollback(True)
        return partnerships, answers

    assert made() == made()


def test_adding_it_again_changes_nothing_and_another_size_is_refused(scale):
    before = Answer.objects.count()
    assert scale_demo.add_scale_data(COUNCILS, PARTNERSHIPS, seed=7).created is False
    assert Answer.objects.count() == before
    with pytest.raises(scale_demo.AlreadyAdded, match="12 councils and 4 partnerships is already"):
        scale_demo.add_scale_data(20)


def test_the_command_adds_it_beside_the_demo_without_changing_the_demo(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    demo = snapshot()
    capsys.readouterr()
    call_command("seed_demo", scale=8)
    assert capsys.readouterr().out == "Added 8 councils and 3 partnerships of scale data.\n"
    call_command("seed_demo", scale=8)
    assert capsys.readouterr().out == "8 councils and 3 partnerships of scale data already there; nothing changed.\n"

    def without_scale(rows):
        return [row for row in rows if not any(str(part).startswith("scale-") for part in (row if isinstance(row, tuple) else (row,)))]

    assert [without_scale(part) for part in snapshot()] == [without_scale(part) for part in demo]
    with pytest.raises(CommandError, match="at least 2 councils"):
        call_command("seed_demo", scale=1)
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        call_command("seed_demo", scale=8)


def test_the_pages_of_a_scale_council_and_partnership_work(scale, client):
    partnership = max(scale_partnerships(), key=lambda p: p.councils.count())
    council = partnership.lead_council
    client.force_login(council.members.get(username=f"{council.slug}-pm"))
    latest = Assessment.objects.filter(council=council, step="self").order_by("-submitted_at").first()
    case = Assessment.objects.get(step="design", partnership=partnership)
    joint = Assessment.objects.get(step="joint", partnership=partnership, council=council)
    pages = {
        reverse("toolkit:dashboard"): partnership.name,
        reverse("toolkit:self-assessment", args=[council.slug]): council.name,
        reverse("toolkit:assessment", args=[latest.pk]): council.name,
        reverse("toolkit:assessment-summary", args=[latest.pk]): "Readiness summary",
        reverse("toolkit:partnership", args=[partnership.slug]): partnership.name,
        reverse("toolkit:assessment", args=[joint.pk]): partnership.name,
        reverse("toolkit:partnership-comparison", args=[partnership.slug]): partnership.name,
        reverse("toolkit:partnership-report", args=[partnership.slug]): "Compatibility report",
        reverse("toolkit:assessment", args=[case.pk]): partnership.name,
        reverse("toolkit:assessment-summary", args=[case.pk]): "The financial case",
    }
    for url, text in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url
    # Every partner's name is in the comparison, and the outline has every partner's figures.
    comparison = client.get(reverse("toolkit:partnership-comparison", args=[partnership.slug])).content.decode()
    assert all(c.name in comparison for c in partnership.councils.all())
    outline_page = client.get(reverse("toolkit:assessment-summary", args=[case.pk])).content.decode()
    assert all(c.name in outline_page for c in partnership.councils.all())
