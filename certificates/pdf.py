"""PDF rendering with WeasyPrint, shared by certificates and printed minutes.

Rendering reaches nothing outside the app: the URL fetcher serves only files under `static/` and
`data:` URIs, and refuses everything else (so a name like `<img src="http://169.254.169.254/">` in the
database, even if it were not escaped, could fetch nothing). One font configuration and each parsed
stylesheet are kept per process.

A batch lays out and writes each page once: one PDF per chunk of certificates, from which each
certificate's own file is cut and the print file is assembled at the PDF level (pikepdf), and chunks are
laid out in worker processes, one per core, kept for the life of the process.
"""

import io
import mimetypes
import multiprocessing
import os
import ssl
import threading
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pikepdf
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
        # HTTPS is refused anyway; without a context of its own each fetcher would load the system's CA
        # certificates, a third of the time of laying out one certificate.
        super().__init__(allowed_protocols={"file", "data"}, ssl_context=_unused_tls_context())
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
def _unused_tls_context():
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


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
    # One pixel a module, enlarged in the PDF without smoothing (`image-rendering: pixelated` in the CSS).
    return segno.make(url, error="m", mask=0, micro=False).png_data_uri(scale=1, border=0)


def render_document(template, context, css_name, fetcher=None):
    """Lays out an HTML template as a WeasyPrint document (pages not yet written)."""
    html = render_to_string(template, context)
    fetcher = fetcher or AppFilesOnly()
    return HTML(string=html, base_url=STATIC_BASE_URL, url_fetcher=fetcher).render(
        stylesheets=[stylesheet(css_name)], font_config=font_configuration()
    )


def render_pdf(template, context, css_name, fetcher=None):
    return render_document(template, context, css_name, fetcher).write_pdf()


class _OwnDefaults(HTML):
    """A document with a small user-agent stylesheet of its own instead of WeasyPrint's HTML one.

    `_ua_stylesheets` is WeasyPrint's (pinned in pyproject.toml); the certificate tests read the PDFs back.
    """

    def __init__(self, *args, user_agent_css, **kwargs):
        super().__init__(*args, **kwargs)
        self.user_agent_css = user_agent_css

    def _ua_stylesheets(self, forms=False):
        return [self.user_agent_css]


def html_to_pdf(html, css_name, user_agent_css_name=None):
    """Lays out and writes an HTML document already rendered from a template; runs in the worker processes too.

    With `user_agent_css_name`, that stylesheet (from templates/certificates/) replaces the browser defaults.
    """
    options = {"string": html, "base_url": STATIC_BASE_URL, "url_fetcher": AppFilesOnly()}
    if user_agent_css_name:
        document = _OwnDefaults(**options, user_agent_css=stylesheet(user_agent_css_name))
    else:
        document = HTML(**options)
    return document.render(stylesheets=[stylesheet(css_name)], font_config=font_configuration()).write_pdf()


def _save(pdf):
    buffer = io.BytesIO()
    pdf.save(buffer, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()


def _keep_document_info(source, target):
    """The title and producer WeasyPrint wrote, for the PDFs cut or joined from its output."""
    if "/Info" in source.trailer:
        target.trailer.Info = target.copy_foreign(source.trailer.Info)


def split_pages(pdf_bytes):
    """Each page of a PDF as a PDF of its own, with only the fonts and images that page uses.

    A font is the document's subset: the glyphs of all its pages, a few kilobytes for a chunk of certificates.
    """
    with pikepdf.open(io.BytesIO(pdf_bytes)) as source:
        pages = []
        for page in source.pages:
            single = pikepdf.new()
            _keep_document_info(source, single)
            single.pages.append(page)
            # WeasyPrint gives every page of a document the same resources (all the QR images of the chunk).
            single.remove_unreferenced_resources()
            pages.append(_save(single))
        return pages


def join_pages(pages):
    """One PDF of the given pages, in order: each page is (PDF bytes, page index). Pages taken from the same
    bytes share their fonts in the result."""
    sources = {}
    joined = pikepdf.new()
    try:
        for pdf_bytes, index in pages:
            key = id(pdf_bytes)
            if key not in sources:
                sources[key] = (pdf_bytes, pikepdf.open(io.BytesIO(pdf_bytes)))
                if len(sources) == 1:
                    _keep_document_info(sources[key][1], joined)
            joined.pages.append(sources[key][1].pages[index])
        return _save(joined)
    finally:
        for _bytes, source in sources.values():
            source.close()


def _warm():
    """Loads the fonts and the stylesheets here before forking, so that every worker starts with them."""
    stylesheet("certificate.css")
    stylesheet("certificate-ua.css")


_pool = None


def worker_count():
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def pool():
    """The worker processes that lay out a batch's chunks, one per core, started once per process.

    None on a single core (or where this process cannot be forked safely): the chunks are then laid out here.
    Forked, so that each worker starts with the fonts and stylesheets this process has loaded already.
    """
    global _pool
    # Forking a process that runs other threads (a threaded development server) can copy a lock that one of them
    # holds; such a process lays its chunks out itself.
    can_fork = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    if _pool is None and worker_count() > 1 and can_fork:
        _warm()
        _pool = ProcessPoolExecutor(worker_count(), mp_context=multiprocessing.get_context("fork"))
    return _pool


def discard_pool():
    """Forgets a pool whose worker died (BrokenProcessPool), so that the next batch starts a new one."""
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)
    _pool = None
