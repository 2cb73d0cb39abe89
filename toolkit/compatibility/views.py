"""The partnership's side-by-side comparison, its compatibility report and the report's PDF.

Members of the partnership (and administrators) see them once two members have submitted; the
access rules are ``toolkit.access``'s, the report and its export the core's.
"""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_POST

from toolkit import access, steps
from toolkit.compatibility.report import compare_partnership
from toolkit.exports import NoResult
from toolkit.reports import views as report_views

STEP = steps.get("joint")


def built(request, slug, build):
    partnership, rights = access.get_partnership(request.user, slug)
    try:
        return partnership, rights, build(partnership)
    except NoResult as problem:
        raise Http404(str(problem))


def comparison(request, slug):
    """Questions down, partners across; "differences only" hides the aligned and the uncompared."""
    partnership, rights, context = built(request, slug, compare_partnership)
    differences_only = request.GET.get("show") == "differences"
    if differences_only:
        for table in context["tables"]:
            table.all_rows, table.rows = table.rows, [row for row in table.rows if row.flagged]
        context["tables"] = [table for table in context["tables"] if table.rows]
    return render(request, "compatibility/comparison.html", {**context, "rights": rights, "differences_only": differences_only})


def report(request, slug):
    partnership, rights, context = built(request, slug, STEP.result.build)
    return render(request, STEP.result.page_template, {**context, "rights": rights, "step": STEP})


@require_POST
def report_pdf(request, slug):
    """Ask for the report's PDF, made from every member's submitted answers: the download when
    it is made at once, else the page saying how it is going."""
    partnership, _ = access.get_partnership(request.user, slug)
    return report_views.ask_for_report(request, STEP, partnership)
