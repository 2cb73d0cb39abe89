from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.business_case.conftest import fill, form_data
from toolkit import questionnaires
from toolkit.models import Assessment


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def signed_business_case(partnership, officer, manager):
    """The partnership's business case, filled in by ``officer``, ready for sign-off and signed
    off for Merton by its programme manager ``manager`` on the sign-off page."""
    case = Assessment.objects.create(questionnaire=questionnaires.published("design"), partnership=partnership, started_by=officer)
    fill(case, officer)
    Assessment.objects.filter(pk=case.pk).update(status="awaiting_sign_off", submitted_at=timezone.now())
    client = client_for(manager)
    url = reverse("toolkit:assessment-sign-off", args=[case.pk])
    client.post(url, form_data(client.get(url), name="Manager Tester", capacity="Chief executive", confirm="on"))
    return case
