"""The only way views reach councils, partnerships and assessments.

Each helper answers 404, not 403, to someone who is not a member, so an outsider cannot even
learn that a council's or partnership's page exists.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from toolkit.models import Assessment, Council, Partnership


def councils_for(user):
    if user.is_superuser:
        return Council.objects.all()
    return Council.objects.filter(memberships__user=user)


def partnerships_for(user):
    if user.is_superuser:
        return Partnership.objects.all()
    return Partnership.objects.filter(councils__memberships__user=user).distinct()


def get_council_for_user(user, slug) -> Council:
    return get_object_or_404(councils_for(user), slug=slug)


def get_partnership_for_user(user, slug) -> Partnership:
    return get_object_or_404(partnerships_for(user).select_related("lead_council"), slug=slug)


def get_assessment_for_user(user, pk, **filters) -> Assessment:
    """An assessment of one of the user's councils, or of one of their partnerships."""
    queryset = Assessment.objects.select_related("questionnaire__step", "council", "partnership")
    if not user.is_superuser:
        queryset = queryset.filter(
            Q(council__memberships__user=user, partnership__isnull=True)
            | Q(partnership__councils__memberships__user=user)
        ).distinct()
    return get_object_or_404(queryset, pk=pk, **filters)
