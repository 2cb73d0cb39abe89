"""Rendering reports as accessible PDFs: the one place WeasyPrint is called.

Templates must give the document language, a <title>, table headers with scope, captions and a
<title> in every SVG; WeasyPrint's PDF/UA-1 variant then writes a tagged PDF with them.
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

PDF_CSS = Path(settings.BASE_DIR) / "static" / "toolkit" / "report.css"


def render_pdf(template_name, context, request=None) -> tuple[str, bytes]:
    """Render a template to HTML and to a tagged PDF. Returns (html, pdf bytes).

    Tests read the HTML for content; WeasyPrint is imported here only, when a PDF is made.
    """
    from weasyprint import CSS, HTML

    html = render_to_string(template_name, context, request=request)
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    pdf = document.write_pdf(stylesheets=[CSS(filename=str(PDF_CSS))], pdf_variant="pdf/ua-1")
    return html, pdf
