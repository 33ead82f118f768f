"""PDF rendering of Django templates with WeasyPrint: tagged, page-capped, no network.

WeasyPrint is imported when the first PDF is rendered, not when Django starts: it loads Pango and
friends (about half a second and tens of MB), which the web processes never need.
Every resource a template refers to (stylesheet, emblem) must be one of our static files: the
fetcher serves those from the static finders and refuses every other URL, so a template or a value
in it can never make the renderer reach the network or read other files.
"""

from __future__ import annotations

import functools
import hashlib
import json
import mimetypes
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string

# The documents' base URL: a reserved name that never resolves. ``{% static %}`` paths resolve
# against it, and the fetcher serves only paths under STATIC_URL on it.
BAS_URL = "https://saminsats-pdf.invalid/"
# Tagged PDF (PDF/UA-1): headings, tables and reading order for screen readers.
PDF_VARIANT = "pdf/ua-1"


class ForStortDokument(ValueError):  # noqa: N818 - domain name: the document is too large
    def __init__(self, sidor: int, max_sidor: int):
        super().__init__(f"{sidor} pages, more than the cap of {max_sidor}")
        self.sidor = sidor


@dataclass(frozen=True)
class Pdf:
    innehall: bytes
    sidantal: int


def statisk_fil(url: str) -> str | None:
    """The path of the static file ``url`` names on the base URL, or None for any other URL."""
    delar = urlsplit(url)
    prefix = urlsplit(BAS_URL + settings.STATIC_URL.lstrip("/")).path
    if f"{delar.scheme}://{delar.netloc}/" != BAS_URL or not delar.path.startswith(prefix):
        return None
    namn = unquote(delar.path.removeprefix(prefix))
    try:
        # The sources first; in production the templates name the collected, hashed copies
        # (the manifest storage), which only the storage knows.
        if kalla := finders.find(namn):
            return kalla
        return staticfiles_storage.path(namn) if staticfiles_storage.exists(namn) else None
    except SuspiciousFileOperation:
        return None


@functools.cache
def _hamtarklass():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StatiskaFiler(URLFetcher):
        """Serves our static files and refuses everything else, including data: and file:."""

        def fetch(self, url, headers=None):
            sokvag = statisk_fil(url)
            if sokvag is None:
                raise ValueError(f"refused to fetch {url!r}: only static files are served")
            with open(sokvag, "rb") as fil:
                innehall = fil.read()
            typ = mimetypes.guess_type(sokvag)[0] or "application/octet-stream"
            return URLFetcherResponse(url, innehall, {"Content-Type": typ})

    return StatiskaFiler


def hamtare():
    """The fetcher: a refused or missing resource stops the rendering rather than leave a gap."""
    return _hamtarklass()(fail_on_errors=True)


def rendera(mall: str, context: dict, max_sidor: int) -> Pdf:
    """Render a template to a tagged PDF; one longer than ``max_sidor`` is refused unwritten."""
    from weasyprint import HTML

    html = render_to_string(mall, context)
    dokument = HTML(string=html, base_url=BAS_URL, url_fetcher=hamtare()).render(
        pdf_variant=PDF_VARIANT
    )
    sidor = len(dokument.pages)
    if sidor > max_sidor:
        raise ForStortDokument(sidor, max_sidor)
    return Pdf(dokument.write_pdf(pdf_variant=PDF_VARIANT), sidor)


def fingeravtryck(innehall: dict, mallversion: int) -> str:
    """SHA-256 of the canonical JSON of a document's content and its template's version: a
    rebuild whose fingerprint equals the last version's has nothing new to show."""
    kanonisk = json.dumps(
        {"mallversion": mallversion, "innehall": innehall},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(kanonisk.encode()).hexdigest()
