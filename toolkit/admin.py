"""Django admin: where administrators edit councils, users' councils, partnerships, the
question bank and the signposting content.

Django's admin has no nested inlines, so a questionnaire lists its sections inline, each
section its questions, each question its options, with a link down to the next level.

Each audited model's page has a History button (django-simple-history); the "Audit trail"
section (toolkit/audit/admin.py) lists every change, including those to rows with no page here.
"""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from toolkit import questionnaires
from toolkit.partnerships import actions
from toolkit.reports.admin import export_readiness_summaries
from toolkit.models import (
    Answer,
    Assessment,
    CaseStudy,
    Council,
    Export,
    ExpertContact,
    Guidance,
    Invitation,
    KeyTool,
    Membership,
    Option,
    Partnership,
    PartnershipEvent,
    PartnershipMember,
    PrivateNote,
    Question,
    Questionnaire,
    Reading,
    ReportJob,
    Section,
    Step,
    Theme,
)

User = get_user_model()


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose boxes have names. Django labels only the columns (<th>), which a
    screen reader does not announce for a box (WCAG 1.3.1, 4.1.2), so each gets an aria-label
    such as "Title, section 3"."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        noun = self.model._meta.verbose_name

        def add_fields(formset_self, form, index):
            formset.add_fields(formset_self, form, index)
            row = f"{noun} {index + 1}" if index is not None else f"new {noun}"
            for field in form.fields.values():
                widget = getattr(field.widget, "widget", field.widget)  # the <select> in a RelatedFieldWidgetWrapper
                if not widget.is_hidden:
                    widget.attrs["aria-label"] = f"{field.label}, {row}"

        return type(formset.__name__, (formset,), {"add_fields": add_fields})


class MembershipInline(LabelledTabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["council"]


admin.site.unregister(User)


@admin.register(User)
class ToolkitUserAdmin(UserAdmin):
    """Users with their councils, because admins (not users) give people their councils."""

    inlines = [MembershipInline]
    list_display = ["username", "email", "first_name", "last_name", "councils_list", "is_staff", "is_active"]
    list_filter = UserAdmin.list_filter + ("memberships__council", "memberships__role")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("memberships__council")

    @admin.display(description="Councils")
    def councils_list(self, user):
        return ", ".join(f"{m.council} ({m.get_role_display().lower()})" for m in user.memberships.all())


class HistoryAdmin(SimpleHistoryAdmin):
    """A History button, and a page per past version. That page offers to put the version back,
    and django-simple-history saves what is posted to it after checking only the right to *view*
    history: so a read-only record (a submitted answer, a council's private note) could be changed
    there. Posting to it needs the right to change the record itself."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and self.revert_disabled(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Step)
class StepAdmin(HistoryAdmin):
    list_display = ["number", "name", "question"]


@admin.register(Theme)
class ThemeAdmin(HistoryAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Council)
class CouncilAdmin(HistoryAdmin):
    list_display = ["name", "kind", "region", "population", "population_source"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "slug", "region"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [type("CouncilMembershipInline", (MembershipInline,), {"autocomplete_fields": ["user"]})]
    actions = [export_readiness_summaries]


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ["user", "council", "role"]
    list_filter = ["role", "council"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "council__name"]
    autocomplete_fields = ["user", "council"]
    list_select_related = ["user", "council"]


class PartnershipMembersFormSet(BaseInlineFormSet):
    """The lead is always a member. (A partnership being set up has the lead alone until the
    councils it invited accept.)"""

    def clean(self):
        super().clean()
        members = [
            form.cleaned_data["council"]
            for form in self.forms
            if form.cleaned_data.get("council") and not form.cleaned_data.get("DELETE")
        ]
        lead = getattr(self.instance, "lead_council", None)
        if lead is not None and lead not in members:
            raise ValidationError(f"The lead authority, {lead}, must be one of the member councils.")


class PartnershipMemberInline(LabelledTabularInline):
    model = PartnershipMember
    formset = PartnershipMembersFormSet
    fields = ["council", "joined_at"]
    readonly_fields = ["joined_at"]
    extra = 2
    autocomplete_fields = ["council"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "lead_council", "status", "member_count", "created_at"]
    list_filter = ["status", "lead_council"]
    search_fields = ["name", "description", "councils__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["lead_council"]
    inlines = [PartnershipMemberInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("lead_council").prefetch_related("councils")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and any(f.has_changed() for formset in formsets for f in formset.forms):
            partners_changed(form.instance, request.user)

    @admin.display(description="Members")
    def member_count(self, partnership):
        return len(partnership.councils.all())


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record made by the site: admins read it; changes go through the site's own pages."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["council", "partnership", "status", "invited_by", "invited_at", "answered_by", "answered_at"]
    list_filter = ["status", "partnership"]
    search_fields = ["council__name", "partnership__name"]
    list_select_related = ["council", "partnership", "invited_by", "answered_by"]


@admin.register(PartnershipEvent)
class PartnershipEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "partnership", "kind", "council", "by"]
    list_filter = ["kind", "partnership"]
    list_select_related = ["partnership", "council", "by"]


@admin.register(PrivateNote)
class PrivateNoteAdmin(HistoryAdmin, ReadOnlyAdmin):
    """A council's notes to itself on its joint assessment; partners never see them."""

    list_display = ["assessment", "question", "updated_by", "updated_at"]
    list_select_related = ["assessment__council", "assessment__partnership", "question", "updated_by"]
    search_fields = ["text", "assessment__council__name"]


@admin.register(PartnershipMember)
class PartnershipMemberAdmin(admin.ModelAdmin):
    list_display = ["partnership", "council", "joined_at"]
    list_filter = ["partnership"]
    search_fields = ["partnership__name", "council__name"]
    autocomplete_fields = ["partnership", "council"]
    list_select_related = ["partnership", "council"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        partners_changed(obj.partnership, request.user)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        partners_changed(obj.partnership, request.user)

    def delete_queryset(self, request, queryset):
        partnerships = {member.partnership for member in queryset.select_related("partnership")}
        super().delete_queryset(request, queryset)
        for partnership in partnerships:
            partners_changed(partnership, request.user)


def partners_changed(partnership, user):
    """An administrator's change of partners has the same effects as the site's own (the status,
    the compatibility verdict, and a business case ready for sign-off opened for changes)."""
    actions.update_status(partnership, user, f"An administrator, {user.get_full_name() or user.get_username()}, changed the partners")


# --- Question bank ----------------------------------------------------------------------------


class SectionInline(LabelledTabularInline):
    model = Section
    extra = 0
    fields = ["position", "title", "slug", "source"]
    show_change_link = True


@admin.register(Questionnaire)
class QuestionnaireAdmin(HistoryAdmin):
    list_display = ["title", "step", "version", "status", "published_at"]
    list_filter = ["step", "status"]
    search_fields = ["title", "introduction"]
    inlines = [SectionInline]
    actions = ["make_new_draft", "publish"]

    @admin.action(description="Copy as a new draft version")
    def make_new_draft(self, request, queryset):
        for questionnaire in queryset:
            draft = questionnaires.copy_as_draft(questionnaire)
            self.message_user(request, f"Created {draft}.", messages.SUCCESS)

    @admin.action(description="Publish (retires the step's current published version)")
    def publish(self, request, queryset):
        for questionnaire in queryset:
            questionnaires.publish(questionnaire)
            self.message_user(request, f"Published {questionnaire}.", messages.SUCCESS)


class SectionQuestionsFormSet(BaseInlineFormSet):
    """Question keys are unique within the whole questionnaire, so two new rows of a section, or
    a row and a question of another section, may not share one."""

    def clean(self):
        super().clean()
        rows = [f for f in self.forms if f.cleaned_data.get("key") and not f.cleaned_data.get("DELETE")]
        others = set(
            Question.objects.filter(questionnaire=self.instance.questionnaire_id)
            .exclude(pk__in=[f.instance.pk for f in rows if f.instance.pk])
            .values_list("key", flat=True)
        )
        seen = set()
        for form in rows:
            key = form.cleaned_data["key"]
            if key in seen or key in others:
                form.add_error("key", "Another question of this questionnaire has this key. Keys must be unique within a questionnaire.")
            seen.add(key)


class QuestionInline(LabelledTabularInline):
    model = Question
    formset = SectionQuestionsFormSet
    extra = 0
    fields = ["position", "key", "text", "kind", "theme", "weight", "required", "is_gate", "comparison"]
    show_change_link = True


@admin.register(Section)
class SectionAdmin(HistoryAdmin):
    list_display = ["title", "questionnaire", "position", "source"]
    list_filter = ["questionnaire__step", "questionnaire"]
    search_fields = ["title", "guidance"]
    list_select_related = ["questionnaire__step"]
    inlines = [QuestionInline]


class OptionInline(LabelledTabularInline):
    model = Option
    extra = 0
    fields = ["position", "value", "label", "score", "fits_any"]


@admin.register(Question)
class QuestionAdmin(HistoryAdmin):
    list_display = ["text", "key", "section", "kind", "theme", "weight", "required", "is_gate"]
    list_filter = ["section__questionnaire", "kind", "theme", "is_gate", "required", "source"]
    search_fields = ["text", "key", "hint"]
    list_select_related = ["section", "theme"]
    raw_id_fields = ["show_when_question", "excluded_by"]
    inlines = [OptionInline]


@admin.register(Option)
class OptionAdmin(HistoryAdmin):
    list_display = ["label", "value", "score", "question"]
    list_filter = ["question__section__questionnaire"]
    search_fields = ["label", "value", "question__text"]
    list_select_related = ["question"]


# --- Answers ----------------------------------------------------------------------------------


class AnswerInline(LabelledTabularInline):
    model = Answer
    extra = 0
    fields = ["question", "value", "comment", "updated_by", "updated_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    """Read and, for a test or mistaken one, delete: answers change through the site's pages,
    which keep who changed what and withdraw a business case's sign-offs first."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    list_display = ["__str__", "questionnaire", "council", "partnership", "status", "started_at", "submitted_at"]
    list_filter = ["step", "status", "council", "partnership"]
    search_fields = ["council__name", "partnership__name"]
    list_select_related = ["questionnaire__step", "council", "partnership"]
    raw_id_fields = ["started_by", "submitted_by"]
    inlines = [AnswerInline]


@admin.register(Answer)
class AnswerAdmin(HistoryAdmin, ReadOnlyAdmin):
    list_display = ["question", "assessment", "updated_by", "updated_at"]
    list_filter = ["question__section__questionnaire__step"]
    search_fields = ["question__text", "question__key", "comment"]
    list_select_related = ["question", "assessment__questionnaire__step", "assessment__council", "updated_by"]
    raw_id_fields = ["assessment", "question", "updated_by"]


# --- Signposting content ----------------------------------------------------------------------


class SignpostAdmin(HistoryAdmin):
    list_filter = ["steps", "themes", "source"]
    filter_horizontal = ["steps", "themes"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Guidance)
class GuidanceAdmin(SignpostAdmin):
    list_display = ["title", "kind", "collection", "position", "source"]
    list_filter = ["kind", "collection", *SignpostAdmin.list_filter]
    search_fields = ["title", "body", "collection"]


@admin.register(KeyTool)
class KeyToolAdmin(SignpostAdmin):
    list_display = ["name", "council", "source"]
    search_fields = ["name", "description"]
    list_select_related = ["council"]


@admin.register(Reading)
class ReadingAdmin(SignpostAdmin):
    list_display = ["title", "author", "publisher", "year", "source"]
    search_fields = ["title", "author", "publisher", "description"]


@admin.register(ExpertContact)
class ExpertContactAdmin(SignpostAdmin):
    list_display = ["name", "area", "role", "council", "organisation", "email", "contact_published"]
    list_filter = ["council", *SignpostAdmin.list_filter]
    search_fields = ["name", "role", "area", "organisation"]
    list_select_related = ["council"]


@admin.register(CaseStudy)
class CaseStudyAdmin(SignpostAdmin):
    list_display = ["title", "bodies", "kind", "delivery_model", "dates", "source"]
    list_filter = ["kind", *SignpostAdmin.list_filter]
    search_fields = ["title", "bodies", "services", "summary", "lessons"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Export)
class ExportAdmin(ReadOnlyAdmin):
    """Exports are a record: admins can read and download them but not change them."""

    list_display = ["__str__", "kind", "council", "partnership", "questionnaire_version", "created_by", "created_at"]
    list_filter = ["kind", "council", "partnership"]
    search_fields = ["council__name", "partnership__name", "created_by__username"]
    list_select_related = ["council", "partnership", "created_by"]
    readonly_fields = ["kind", "assessments", "council", "partnership", "questionnaire_version", "answers", "file", "size", "created_by", "created_at"]


@admin.register(ReportJob)
class ReportJobAdmin(ReadOnlyAdmin):
    """Requests for reports, to see what failed and why; each links to its page on the site."""

    list_display = ["__str__", "kind", "status", "requested_by", "requested_at", "finished_at"]
    list_filter = ["status", "kind", "format"]
    search_fields = ["requested_by__username", "partnership__name", "assessment__council__name", "error"]
    list_select_related = ["requested_by"]
    readonly_fields = [f.name for f in ReportJob._meta.get_fields() if f.concrete]
