"""Speed figures on the demo data (run `make bench`): a script that prints, never a test."""

import resource
import statistics
import time

from django.conf import settings
from django.core.management import BaseCommand, CommandError
from django.test import Client
from django.urls import reverse

from toolkit.readiness.report import readiness_summary
from toolkit.answers import AnswerSheet
from toolkit.models import Assessment, Step
from toolkit.pdf import render_pdf


def median_ms(action, runs):
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), min(timings), max(timings)


class Command(BaseCommand):
    help = "Print the median time to render the demo council's readiness PDF and to serve a wizard step."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=7)

    def handle(self, *args, runs, **options):
        submitted = Assessment.objects.filter(council__slug="merton", step=Step.SELF, status="submitted").first()
        in_progress = Assessment.objects.filter(step=Step.SELF, status="in_progress").select_related("council").first()
        if submitted is None or in_progress is None:
            raise CommandError("Run `python manage.py seed_demo` first: the benchmark uses the demo assessments.")
        if "testserver" not in settings.ALLOWED_HOSTS:
            settings.ALLOWED_HOSTS.append("testserver")

        def pdf():
            context = readiness_summary(submitted)
            render_pdf("readiness/pdf.html", {**context, "generated_at": submitted.submitted_at})

        client = Client()
        client.force_login(in_progress.council.members.filter(memberships__role="officer").first())
        section = AnswerSheet(in_progress).sections[0]
        url = reverse("toolkit:assessment-section", args=[in_progress.pk, section.slug])
        assert client.get(url).status_code == 200

        self.stdout.write(f"Runs per figure: {runs}")
        for label, action, count in [
            ("Readiness summary PDF (Merton)", pdf, runs),
            (f"Wizard step GET ({section.title})", lambda: client.get(url), runs * 5),
        ]:
            median, fastest, slowest = median_ms(action, count)
            self.stdout.write(f"{label}: median {median:.0f} ms (min {fastest:.0f}, max {slowest:.0f})")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(f"Peak memory of this process: {peak:.0f} MB")
