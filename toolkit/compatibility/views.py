"""The partnership's side-by-side comparison, its compatibility report and the report's PDF.

Members of the partnership (and administrators) see them once two members have submitted; the
access rules are ``toolkit.access``'s, the report and its export the core's.
"""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_POST

from toolkit import access, page_cache, steps
from toolkit.compatibility.report import compare_partnership, report_inputs
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
    differences_only = request.GET.get("show") == "differences"

    def build(partnership):
        context = compare_partnership(partnership)
        if differences_only:
            for table in context["tables"]:
                table.all_rows, table.rows = table.rows, [row for row in table.rows if row.flagged]
            context["tables"] = [table for table in context["tables"] if table.rows]
        return {**context, "differences_only": differences_only}

    def body(partnership):
        inputs = (*report_inputs(partnership), differences_only)
        return page_cache.body("comparison", inputs, "compatibility/comparison_body.html", lambda: build(partnership))

    partnership, rights, body = built(request, slug, body)
    return render(request, "compatibility/comparison.html", {"partnership": partnership, "body": body, "rights": rights, "differences_only": differences_only})


def report(request, slug):
    partnership, rights, body = built(request, slug, STEP.result.body)
    return render(request, STEP.result.page_template, {"partnership": partnership, "body": body, "rights": rights, "step": STEP})


@require_POST
def report_pdf(request, slug):
    """Ask for the report's PDF, made from every member's submitted answers: the download when
    it is made at once, else the page saying how it is going."""
    partnership, _ = access.get_partnership(request.user, slug)
    return report_views.ask_for_report(request, STEP, partnership)
