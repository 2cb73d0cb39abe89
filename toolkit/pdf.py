"""Rendering reports as accessible PDFs: the one place WeasyPrint is called.

Templates must give the document language, a <title>, table headers with scope, captions and a
<title> in every SVG; WeasyPrint's PDF/UA-1 variant then writes a tagged PDF with them.
"""

import functools
import gc
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

PDF_CSS = Path(settings.BASE_DIR) / "static" / "toolkit" / "report.css"


@functools.lru_cache(maxsize=1)
def _stylesheet(path: str, modified_ns: int):
    """The report stylesheet, parsed once per process (and again when the file changes).

    WeasyPrint only reads a CSS object once it is made, and report.css has no @font-face or
    @counter-style rules that would tie it to one render's font or counter configuration.
    """
    from weasyprint import CSS

    return CSS(filename=path)


@contextmanager
def _no_cyclic_gc():
    """Pause Python's cyclic garbage collector while WeasyPrint works.

    A render makes some hundred thousand boxes and styles that outlive many young-generation
    collections, so the collector ran dozens of times per PDF and, in an app server's larger
    heap, a full collection or two: 10 to 16% of a report's time. Nothing is kept from one
    render to the next, so the same memory is freed by one young collection afterwards (peak
    memory measured the same). The collector is switched back on only if it was on: it is one
    switch for the whole process, and a thread rendering at the same time finds it as we left it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect(0)


def render_pdf(template_name, context, request=None) -> tuple[str, bytes]:
    """Render a template to HTML and to a tagged PDF. Returns (html, pdf bytes).

    Tests read the HTML for content; WeasyPrint is imported here only, when a PDF is made.
    """
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    stylesheet = _stylesheet(str(PDF_CSS), PDF_CSS.stat().st_mtime_ns)
    with _no_cyclic_gc():
        document = HTML(string=html, base_url=str(settings.BASE_DIR))
        pdf = document.write_pdf(stylesheets=[stylesheet], pdf_variant="pdf/ua-1")
    return html, pdf
