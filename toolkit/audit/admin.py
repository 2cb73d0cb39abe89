"""The audit trail in Django admin: for each audited model, every change, newest first, with
when, who, how and the record as it was; a record's page shows what it changed from the one
before. Read-only: the trail is a record of what happened, so nobody edits or removes it here."""

from django.contrib import admin
from django.db import models
from django.utils.html import format_html_join

from toolkit.admin import ReadOnlyAdmin
from toolkit.audit.models import AUDITED


def describe(record) -> str:
    """The record as it was, in its model's own words; its id when those words need a row the
    record points at that is gone (the copied keys have no database constraint)."""
    try:
        return str(record.instance)
    except Exception:  # any missing related row; the id still says which
        return by_id(record)


def by_id(record) -> str:
    """The record named by its model and id, which needs no query."""
    meta = record.instance_type._meta
    return f"{meta.verbose_name} {getattr(record, meta.pk.attname)}"


class TrailAdmin(ReadOnlyAdmin):
    list_display = ["history_date", "history_user", "history_type", "record", "history_change_reason"]
    list_filter = ["history_type", "history_date"]
    list_select_related = ["history_user"]
    date_hierarchy = "history_date"
    search_fields = ["history_user__username", "history_change_reason"]
    readonly_fields = ["described", "changes"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # as the content's own pages

    # The list names the record by its id only: its own words can need a query each (an
    # answer's names its question), so they are on the record's page.
    @admin.display(description="Record")
    def record(self, obj):
        return by_id(obj)

    @admin.display(description="As it was")
    def described(self, obj):
        return describe(obj)

    @admin.display(description="Changed from the record before")
    def changes(self, obj):
        previous = obj.prev_record
        if previous is None:
            return "The first record of it"
        delta = obj.diff_against(previous)
        if not delta.changes:
            return "Nothing"
        return format_html_join(
            "", "<p>{}: {} → {}</p>", ((change.field, change.old, change.new) for change in delta.changes)
        )


for _model in AUDITED:
    admin.site.register(_model.history.model, TrailAdmin)
