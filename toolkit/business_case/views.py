"""Signing off a business case, opening it for changes again, and the lead's decision to build
one although the joint assessments are in conflict."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from toolkit import access, govuk
from toolkit.answers import AnswerSheet
from toolkit.business_case import signoff
from toolkit.models import Council, ProceedDecision, Step


class SignOffForm(forms.Form):
    council = forms.ModelChoiceField(
        queryset=Council.objects.none(), label="Which council are you signing for?", widget=govuk.GovUKRadioSelect(),
        error_messages={"required": "Select the council you are signing for", "invalid_choice": "Select one of your councils shown"},
    )
    name = forms.CharField(
        label="Your name", max_length=120, widget=govuk.GovUKTextInput(width=20),
        error_messages={"required": "Enter your name", "max_length": "Name must be 120 characters or fewer"},
    )
    capacity = forms.CharField(
        label="The capacity in which you sign", max_length=120, widget=govuk.GovUKTextInput(width=20),
        help_text="For example chief executive, section 151 officer or leader of the council.",
        error_messages={"required": "Enter the capacity in which you sign", "max_length": "Capacity must be 120 characters or fewer"},
    )
    # What the page showed, so a business case changed meanwhile is not signed unseen.
    content = forms.CharField(widget=forms.HiddenInput, required=False)
    confirm = forms.BooleanField(
        label="I have read the business case and sign it off for my council",
        error_messages={"required": "Confirm that you have read the business case and sign it off"},
    )

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = Council.objects.filter(pk__in=[c.pk for c in councils])
        if len(councils) == 1:
            self.fields["council"].initial = councils[0].pk
            self.fields["council"].widget = forms.HiddenInput()


def business_case(request, pk, action="view"):
    assessment, rights = access.get_assessment(request.user, pk, action)
    if assessment.step_id != Step.DESIGN:
        raise Http404("Only a business case is signed off.")
    return assessment, rights


def sign_off(request, pk):
    """A member council's programme manager signs the business case off for their council."""
    assessment, _ = business_case(request, pk)
    partnership, rights = access.get_partnership(request.user, assessment.partnership.slug)
    if not rights.sign_off:
        raise PermissionDenied("Only a partner council's programme manager can sign off the business case.")
    if assessment.status not in (assessment.Status.AWAITING_SIGN_OFF, assessment.Status.SIGNED_OFF):
        messages.error(request, "The business case is not ready for sign-off yet.")
        return redirect("toolkit:assessment", pk=pk)
    members = signoff.still_to_sign(assessment, list(partnership.councils.all()))
    councils = [c for c in members if c.pk in access.standing(request.user).managed]
    if not councils:
        messages.error(request, "Your council has already signed off this business case.")
        return redirect("toolkit:assessment", pk=pk)
    name = request.user.get_full_name() or request.user.get_username()
    seen = signoff.fingerprint(signoff.snapshot(AnswerSheet(assessment)))
    form = SignOffForm(request.POST or None, councils=councils, initial={"name": name, "content": seen})
    if request.method == "POST" and form.is_valid():
        try:
            signoff.sign(
                assessment, form.cleaned_data["council"], request.user, name=form.cleaned_data["name"],
                capacity=form.cleaned_data["capacity"], seen=form.cleaned_data["content"],
            )
        except signoff.Refused as problem:
            messages.error(request, str(problem))
        else:
            done = "Every partner has now signed: the business case is signed off." if assessment.status == "signed_off" else "Thank you: your council's sign-off is recorded."
            messages.success(request, done)
        return redirect("toolkit:assessment", pk=pk)
    return render(request, "business_case/sign_off.html", {"assessment": assessment, "partnership": partnership, "form": form})


def reopen(request, pk):
    """Warn first, then withdraw every sign-off and open the business case for changes."""
    assessment, _ = business_case(request, pk, "edit")
    if assessment.status == assessment.Status.IN_PROGRESS:
        return redirect("toolkit:assessment", pk=pk)
    standing = signoff.standing(assessment)
    if request.method == "POST":
        who = request.user.get_full_name() or request.user.get_username()
        withdrawn = signoff.reopen(assessment, request.user, reason=f"{who} opened the business case for changes")
        messages.success(request, f"The business case is open for changes. {withdrawn} sign-off{'s were' if withdrawn != 1 else ' was'} withdrawn: mark it ready and sign it off again when the changes are made.")
        return redirect("toolkit:assessment", pk=pk)
    return render(request, "business_case/reopen.html", {"assessment": assessment, "standing": standing})


class ProceedForm(forms.Form):
    reason = forms.CharField(
        label="Why the partners build the business case although their joint assessments are in conflict",
        max_length=3000, widget=govuk.CharacterCountTextarea(maxlength=3000, rows=5),
        help_text="Say which conflicts remain and how the business case will deal with them. The partners see this.",
        error_messages={"required": "Say why the partners go ahead", "max_length": "Reason must be 3,000 characters or fewer"},
    )
    label_size = "m"


def proceed(request, slug):
    """The lead council's programme manager records why the partners go ahead despite conflicts."""
    partnership, rights = access.get_partnership(request.user, slug)
    if not rights.manage:
        raise PermissionDenied("Only the lead council's programme managers can decide to go ahead.")
    form = ProceedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ProceedDecision.objects.create(partnership=partnership, reason=form.cleaned_data["reason"], by=request.user)
        messages.success(request, "Your reason is recorded. The partners can now start the business case.")
        return redirect(partnership)
    return render(request, "business_case/proceed.html", {"partnership": partnership, "form": form})


def overview_extra(assessment, user) -> dict:
    """What the business case's task list adds: its sign-offs, who may still sign, the history."""
    members = list(assessment.partnership.councils.all())
    to_sign = signoff.still_to_sign(assessment, members)
    sign_offs = list(assessment.sign_offs.select_related("council", "withdrawn_by"))
    return {
        "sign_offs": [s for s in sign_offs if s.withdrawn_at is None],
        "withdrawn_sign_offs": [s for s in sign_offs if s.withdrawn_at is not None],
        "still_to_sign": to_sign,
        "partner_count": len(members),
        "may_sign": any(c.pk in access.standing(user).managed for c in to_sign),
    }
