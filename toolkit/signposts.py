"""Signposting: the tips, tools, experts, reading and case studies that match a step's themes.

Every step's report points to help by theme: the readiness summary for its gaps, the
compatibility report for its differences, the business case for its risks.
"""

from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Prefetch, Q, Value, When

from toolkit import content_cache
from toolkit.models import CaseStudy, ExpertContact, Guidance, KeyTool, Reading, Theme


@dataclass
class Signposts:
    guidance: list = field(default_factory=list)
    tools: list = field(default_factory=list)
    experts: list = field(default_factory=list)
    reading: list = field(default_factory=list)
    case_studies: list = field(default_factory=list)

    def __bool__(self):
        return any([self.guidance, self.tools, self.experts, self.reading, self.case_studies])


def signposts_by_theme(step_code, theme_slugs, councils=(), limit=4) -> dict:
    """Content for a step that matches each theme: one query per kind of content.

    Experts of the ``councils`` (the council assessed, or a partnership's members) come first,
    then experts any council may contact; other councils' internal experts are not shown. At
    most ``limit`` items of each kind per theme, in the admins' order, so a report stays short
    enough to read.
    """
    councils = sorted(c.pk if hasattr(c, "pk") else c for c in councils)
    parts = (step_code, ",".join(sorted(theme_slugs)), ",".join(map(str, councils)), limit)
    return content_cache.cached("signposts", parts, lambda: _signposts_by_theme(step_code, theme_slugs, councils, limit))


def _signposts_by_theme(step_code, theme_slugs, councils, limit) -> dict:
    by_theme = {slug: Signposts() for slug in theme_slugs}
    theme_filter = Q(steps=step_code, themes__slug__in=theme_slugs)
    themed = Prefetch("themes", queryset=Theme.objects.only("slug"))
    experts = ExpertContact.objects.filter(theme_filter).filter(Q(council__in=councils) | Q(council__isnull=True))
    experts = experts.annotate(
        own=Case(When(council__in=councils, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("own", "position", "name").select_related("council")
    for attribute, queryset in [
        ("guidance", Guidance.objects.filter(theme_filter).order_by("kind", "collection", "position")),
        ("tools", KeyTool.objects.filter(theme_filter).select_related("council").order_by("position", "name")),
        ("experts", experts),
        ("reading", Reading.objects.filter(theme_filter).order_by("position", "title")),
        ("case_studies", CaseStudy.objects.filter(theme_filter).order_by("position", "title")),
    ]:
        for item in queryset.distinct().prefetch_related(themed):
            for theme in item.themes.all():
                items = getattr(by_theme[theme.slug], attribute) if theme.slug in by_theme else None
                if items is not None and len(items) < limit:
                    items.append(item)
    return by_theme
