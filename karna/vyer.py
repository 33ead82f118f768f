"""View helpers: run a business verb from a form and show its refusal where the user looks.

A verb refuses with ``ValidationError`` (bad input, per field where it can), ``OgiltigOvergang``
(the status does not allow it) or ``Konflikt`` (someone else changed the row first); each carries
a Swedish message. ``PermissionDenied`` is not among them: it answers 403, since pages offer only
what the user may do, and ``Http404`` stays 404.

Two page shapes cover the project's forms:

- ``postat_verb``: a small form posted from a page (invite, plan, answer); errors and refusals
  come back as messages on the page it was posted from;
- ``formular_med_verb``: a page of its own with a form (edit, reschedule); a valid post runs the
  verb and moves on, a refusal lands on the form's fields.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from karna.arbetsflode import OgiltigOvergang
from karna.engang import en_gang
from karna.formular import ENGANGSFALT
from karna.lasning import Konflikt

TJANSTEFEL = (ValidationError, OgiltigOvergang, Konflikt)
logger = logging.getLogger(__name__)


def pdf_som_bilaga(request, fil, namn: str, tillbaka: HttpResponse) -> HttpResponse:
    """A stored PDF (``fil``, a FileField's file) as an attachment named ``namn``; when the file
    is missing from storage, the error is logged and the answer is ``tillbaka`` (the redirect to
    the page the download was offered on) with a message, instead of a 500."""
    try:
        oppnad = fil.open("rb")
    except FileNotFoundError:
        logger.error("the stored file %s is missing", fil.name)
        messages.error(request, _("Filen kunde inte läsas. Kontakta systemförvaltningen."))
        return tillbaka
    return FileResponse(oppnad, as_attachment=True, filename=namn, content_type="application/pdf")


def feltext(fel) -> str:
    """A refused verb's reason as one message."""
    if isinstance(fel, ValidationError):
        return " ".join(fel.messages)
    if isinstance(fel, OgiltigOvergang):
        return str(fel.message)
    return str(fel)


def fel_till_formular(form, fel) -> None:
    """A refused verb's reasons on the form: on their fields, or above the form."""
    if isinstance(fel, ValidationError) and hasattr(fel, "error_dict"):
        for falt, fel_lista in fel.error_dict.items():
            form.add_error(falt if falt in form.fields else None, fel_lista)
    else:
        form.add_error(None, feltext(fel))


def visa_fel(request, form, fel) -> None:
    """Show a refused verb's reasons: on the form's fields where they belong, else as a message."""
    if isinstance(fel, ValidationError) and form is not None and hasattr(fel, "error_dict"):
        fel_till_formular(form, fel)
        return
    messages.error(request, feltext(fel))


def formularfel_som_meddelanden(request, form) -> None:
    for fel_lista in form.errors.values():
        messages.error(request, " ".join(fel_lista))


def sektionsformular(request, form, verb: Callable[[dict], object], lyckat: str, adress: str):
    """A form in one section of a page: for a valid form run ``verb(cleaned_data)``, a refusal's
    reasons going onto the form. A plain post gets a redirect to ``adress`` with the outcome as
    messages; an htmx request gets None, and the view sends the section back (with
    ``form.errors`` or the outcome)."""
    if form.is_valid():
        try:
            verb(form.cleaned_data)
        except TJANSTEFEL as fel:
            fel_till_formular(form, fel)
    if delvis(request):
        return None
    if form.errors:
        formularfel_som_meddelanden(request, form)
    else:
        messages.success(request, lyckat)
    return redirect(adress)


def delvis(request) -> bool:
    """An htmx request for part of a page; a history restore asks for the whole page."""
    return bool(getattr(request, "htmx", False)) and not request.htmx.history_restore_request


def htmx_svar(request, mall: str, context: dict) -> HttpResponse:
    """Render a page or a part of one; caches must tell htmx requests from the others apart."""
    svar = render(request, mall, context)
    patch_vary_headers(svar, ("HX-Request",))
    return svar


def sida_eller_del(request, sida: str, del_: str, context: dict) -> HttpResponse:
    """Render the whole page, or for htmx only its part."""
    return htmx_svar(request, del_ if delvis(request) else sida, context)


def kor_verb(request, verb: Callable[[], object], lyckat: str) -> bool:
    """Run a business verb for a form post; show its refusal or the success message."""
    try:
        verb()
    except TJANSTEFEL as fel:
        visa_fel(request, None, fel)
        return False
    messages.success(request, lyckat)
    return True


def postat_verb(request, form, verb: Callable[[dict], object], lyckat: str, tillbaka):
    """A form posted from a page: run ``verb(cleaned_data)`` and go back to ``tillbaka`` (a URL
    or anything ``redirect`` takes), with the form's errors or the verb's outcome as messages."""
    if not form.is_valid():
        formularfel_som_meddelanden(request, form)
        return redirect(tillbaka)
    data, nyckel = _utan_engangsnyckel(form.cleaned_data)
    try:
        with en_gang(request.user, nyckel) as engang:
            if not engang.tidigare:
                verb(data)
                engang.spara(resolve_url(tillbaka))
    except TJANSTEFEL as fel:
        visa_fel(request, None, fel)
    else:
        if engang.tidigare:
            _redan_skickat(request)
        else:
            messages.success(request, lyckat)
    return redirect(tillbaka)


def formular_med_verb(
    request, form, verb: Callable[[dict], object], lyckat, vidare, vid_fel=None, giltig=True
):
    """A page's own form: for a valid post run ``verb(cleaned_data)``; on success show ``lyckat``
    and redirect to ``vidare`` (each may instead be a function of the verb's result); on refusal
    put the reasons on the form (and hand the refusal to ``vid_fel``, when given) and return
    None, so the page renders it again. ``giltig`` is whatever else must hold (a second form)."""
    if request.method != "POST" or not form.is_valid() or not giltig:
        return None
    data, nyckel = _utan_engangsnyckel(form.cleaned_data)
    try:
        with en_gang(request.user, nyckel) as engang:
            if engang.tidigare:
                _redan_skickat(request)
                return redirect(engang.tidigare)
            resultat = verb(data)
            adress = resolve_url(vidare(resultat) if callable(vidare) else vidare)
            engang.spara(adress)
    except TJANSTEFEL as fel:
        if vid_fel is not None:
            vid_fel(fel)
        visa_fel(request, form, fel)
        return None
    messages.success(request, lyckat(resultat) if callable(lyckat) else lyckat)
    return redirect(adress)


def _utan_engangsnyckel(data: dict) -> tuple[dict, object]:
    """The verb's data without the form's one-time key, and the key (None when the form has
    none)."""
    data = dict(data)
    return data, data.pop(ENGANGSFALT, None)


def _redan_skickat(request) -> None:
    messages.info(request, _("Formuläret var redan skickat; det här är resultatet."))


def kraver(funktion):
    """A view for the roles of ``funktion`` (``karna.policy.Funktion``) only; others get 403.
    Goes below ``login_required`` and the method check, so that a visitor is sent to log in and
    a wrong method answers 405 whoever asks."""

    def dekorator(vy):
        @wraps(vy)
        def skyddad(request, *args, **kwargs):
            if not funktion.tillater(request.user):
                raise PermissionDenied
            return vy(request, *args, **kwargs)

        return skyddad

    return dekorator
