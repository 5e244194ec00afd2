"""PDF rendering with WeasyPrint, shared by certificates and printed minutes.

Rendering reaches nothing outside the app: the URL fetcher serves only files under `static/` and
`data:` URIs, and refuses everything else (so a name like `<img src="http://169.254.169.254/">` in the
database, even if it were not escaped, could fetch nothing). One font configuration and each parsed
stylesheet are kept per process.
"""

import mimetypes
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import segno
from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_DIR = (Path(settings.BASE_DIR) / "static").resolve()
STATIC_BASE_URL = STATIC_DIR.as_uri() + "/"


class AppFilesOnly(URLFetcher):
    """Serves the app's own static files and data: URIs; every other URL is refused and noted."""

    def __init__(self):
        super().__init__(allowed_protocols={"file", "data"})
        self.refused = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        if parts.scheme == "file" and not parts.netloc:
            path = Path(unquote(parts.path)).resolve()
            if path.is_relative_to(STATIC_DIR) and path.is_file():
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
        self.refused.append(url)
        raise ValueError(f"PDFs may load only the app's own static files, not {url}")


@lru_cache(maxsize=1)
def font_configuration():
    return FontConfiguration()


@lru_cache(maxsize=8)
def stylesheet(name):
    """A stylesheet from templates/certificates/, parsed once per process."""
    path = Path(settings.BASE_DIR) / "templates" / "certificates" / name
    return CSS(string=path.read_text(), base_url=STATIC_BASE_URL, font_config=font_configuration())


def qr_data_uri(url):
    # A small PNG: an SVG QR code of a thousand rectangles is far slower to lay out and draw.
    # A fixed mask skips the mask search, the slowest part of encoding in pure Python; any mask scans.
    return segno.make(url, error="m", mask=0, micro=False).png_data_uri(scale=6, border=0)


def render_document(template, context, css_name, fetcher=None):
    """Lays out an HTML template as a WeasyPrint document (pages not yet written)."""
    html = render_to_string(template, context)
    fetcher = fetcher or AppFilesOnly()
    return HTML(string=html, base_url=STATIC_BASE_URL, url_fetcher=fetcher).render(
        stylesheets=[stylesheet(css_name)], font_config=font_configuration()
    )


def render_pdf(template, context, css_name, fetcher=None):
    return render_document(template, context, css_name, fetcher).write_pdf()
