"""PDF documents from our own HTML: tagged PDF/UA-1 through WeasyPrint, so screen readers get headings,
table headers and reading order (ADR 0039). Nothing is fetched: the stylesheet is ours, read from disk."""

from __future__ import annotations

from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

STYLESHEET = Path(__file__).resolve().parent / "static" / "policy" / "print.css"


def pdf_bytes(html: str) -> bytes:
    from weasyprint import CSS, HTML  # imported here: pages that never print need not load it

    css = CSS(string=STYLESHEET.read_text(encoding="utf-8"))
    return HTML(string=html, base_url=str(STYLESHEET.parent)).write_pdf(
        stylesheets=[css], pdf_variant="pdf/ua-1", pdf_tags=True, custom_metadata=True
    )


def pdf_response(request: HttpRequest, template: str, context: dict, filename: str) -> HttpResponse:
    html = render_to_string(template, context, request=request)
    response = HttpResponse(pdf_bytes(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
