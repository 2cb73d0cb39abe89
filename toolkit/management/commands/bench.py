"""The parts of ``make bench`` (benchmarks/run.py) that run inside the app: a script that
measures, never a test.

``bench pages`` prints, as JSON, the pages the load test requests as ``merton-pm``; it starts
Merton's next self assessment (as its programme manager would) when none is in progress, since
the wizard and check-your-answers pages need one and the demo's in-progress one is Sutton's.

``bench reports`` times each report made in this process, split into the app's part (building
the context, and the HTML) and the rest (WeasyPrint, or python-docx), and the process's peak
memory. Run it on a copy of the demo: it changes the data (``pages``) and is slow (``reports``).
"""

import json
import resource
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.core.management import BaseCommand, CommandError
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from toolkit import journey, steps
from toolkit.answers import AnswerSheet
from toolkit.models import Assessment, Partnership, Step
from toolkit.pdf import render_pdf

USER = "merton-pm"
PARTNERSHIP = "south-london-legal"


def demo_objects():
    try:
        manager = get_user_model().objects.get(username=USER)
        merton = manager.councils.get(slug="merton")
        partnership = Partnership.objects.get(slug=PARTNERSHIP)
        submitted = Assessment.objects.filter(council=merton, step=Step.SELF, status="submitted").latest("submitted_at")
        case = Assessment.objects.get(step=Step.DESIGN, partnership=partnership)
    except ObjectDoesNotExist as missing:  # any of them: the demo is not loaded
        raise CommandError(f"Run `python manage.py seed_demo` first: the benchmark uses the demo data ({missing}).")
    return manager, merton, partnership, submitted, case


def pages() -> dict:
    manager, merton, partnership, submitted, case = demo_objects()
    in_progress, _ = journey.start_or_resume(Step.SELF, manager, council=merton)
    # The page of questions with the most questions: the heaviest form to show and to save.
    sheet = AnswerSheet(in_progress)
    section = max(sheet.visible_sections(), key=lambda s: len(s.questions.all()))
    wizard = reverse("toolkit:assessment-section", args=[in_progress.pk, section.slug])
    slug = partnership.slug
    listed = [
        ("Floor: accessibility statement", reverse("toolkit:accessibility"), "GET"),
        ("Dashboard", reverse("toolkit:dashboard"), "GET"),
        ("Self-assessment page", reverse("toolkit:self-assessment", args=[merton.slug]), "GET"),
        ("Task list", reverse("toolkit:assessment", args=[in_progress.pk]), "GET"),
        (f"Wizard page GET ({section.title})", wizard, "GET"),
        (f"Wizard page POST ({section.title})", wizard, "POST"),
        ("Check your answers", reverse("toolkit:assessment-check", args=[in_progress.pk]), "GET"),
        ("Readiness summary", reverse("toolkit:assessment-summary", args=[submitted.pk]), "GET"),
        ("Partnership page", reverse("toolkit:partnership", args=[slug]), "GET"),
        ("Comparison", reverse("toolkit:partnership-comparison", args=[slug]), "GET"),
        ("Compatibility report", reverse("toolkit:partnership-report", args=[slug]), "GET"),
        ("Business-case outline", reverse("toolkit:assessment-summary", args=[case.pk]), "GET"),
    ]
    return {"user": USER, "pages": [{"name": name, "path": path, "method": method} for name, path, method in listed]}


def reports():
    """(label, step code, subject, format): the demo's reports, and the largest scale
    partnership's when the scale data is there (8 partners rather than 4)."""
    _, _, partnership, submitted, case = demo_objects()
    listed = [
        ("Readiness summary PDF (Merton)", Step.SELF, submitted, "pdf"),
        (f"Compatibility report PDF ({partnership.councils.count()} partners)", Step.JOINT, partnership, "pdf"),
        (f"Business-case outline PDF ({partnership.councils.count()} partners)", Step.DESIGN, case, "pdf"),
        (f"Business-case outline Word ({partnership.councils.count()} partners)", Step.DESIGN, case, "docx"),
    ]
    largest = (
        Partnership.objects.filter(slug__startswith="scale-", assessments__step=Step.DESIGN)
        .annotate(size=Count("councils", distinct=True)).order_by("-size", "slug").first()
    )
    if largest is not None:
        scale_case = Assessment.objects.get(step=Step.DESIGN, partnership=largest)
        listed += [
            (f"Compatibility report PDF ({largest.size} partners, scale data)", Step.JOINT, largest, "pdf"),
            (f"Business-case outline PDF ({largest.size} partners, scale data)", Step.DESIGN, scale_case, "pdf"),
        ]
    return listed


def time_report(step, subject, format, runs) -> dict:
    """Median seconds of the whole report, and of the app's part of it: building the context
    and rendering the HTML (for Word, the context alone: python-docx writes the rest)."""
    result = steps.get(step).result
    totals, apps, contexts = [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        context = {**result.build(subject), "generated_at": timezone.now()}
        built = time.perf_counter() - started
        if format == "docx":
            started = time.perf_counter()
            import_string(result.word_builder)(context)
            app, rest = built, time.perf_counter() - started
        else:
            # The HTML alone, timed apart; then the PDF as exports make it (the HTML again, then WeasyPrint).
            started = time.perf_counter()
            render_to_string(result.pdf_template, context)
            html = time.perf_counter() - started
            started = time.perf_counter()
            render_pdf(result.pdf_template, context)
            app, rest = built + html, time.perf_counter() - started
        totals.append(built + rest)
        apps.append(app)
        contexts.append(built)
    total = statistics.median(totals)
    return {
        "median_s": total, "min_s": min(totals), "max_s": max(totals),
        "context_s": statistics.median(contexts), "app_s": statistics.median(apps),
        "app_share": statistics.median(apps) / total,
    }


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


class Command(BaseCommand):
    help = "Parts of `make bench`: the pages it loads (pages), or report render times and memory (reports)."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["pages", "reports"])
        parser.add_argument("--runs", type=int, default=5, help="Reports: renders of each, of which the median is given.")
        parser.add_argument("--json", action="store_true", dest="as_json", help="Reports: print JSON rather than lines to read.")

    def handle(self, *args, what, runs, as_json, **options):
        if what == "pages":
            self.stdout.write(json.dumps(pages()))
            return
        figures = {"runs": runs, "start_rss_mb": rss_mb(), "reports": []}
        for label, step, subject, format in reports():
            timing = time_report(step, subject, format, runs)
            figures["reports"].append({"name": label, "format": format, **timing})
            if not as_json:
                self.stdout.write(
                    f"{label}: median {timing['median_s']:.2f} s (min {timing['min_s']:.2f}, max {timing['max_s']:.2f}); "
                    f"app's share {timing['app_share']:.0%}"
                )
        # ru_maxrss is in kilobytes on Linux.
        figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if as_json:
            self.stdout.write(json.dumps(figures))
        else:
            self.stdout.write(f"Peak memory of this process: {figures['peak_rss_mb']:.0f} MB (at start {figures['start_rss_mb']:.0f} MB)")
