"""A held meeting's pages: the meeting with attendees, minutes and actions; the organiser's
form for attendees and minutes; a new action; closing an action (also from the start page)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from arshjul import access
from arshjul.access import ATGARD_POLICY, HANDELSE_POLICY, MOTESTYPER, PROTOKOLL_POLICY, Handling
from arshjul.forms_moten import AtgardForm, ProtokollForm, StangForm
from arshjul.models import Motesprotokoll
from arshjul.services import moten
from arshjul.tillagg import INSATSKALLA, MOTESSIDANS_AVSNITT
from arshjul.workflow import AtgardStatus
from karna.tillagg import Avsnitt
from karna.vyer import formular_med_verb, postat_verb


def _mote_eller_404(user, pk: int):
    """A meeting the user sees (404 otherwise), with whether the user keeps its minutes."""
    return get_object_or_404(
        HANDELSE_POLICY.markera(
            access.synliga_handelser(user), user, kan_redigera=Handling.REDIGERA
        )
        .filter(typ__in=MOTESTYPER)
        .select_related("arshjul", "organ"),
        pk=pk,
    )


def _organisatorns_mote(user, pk: int):
    handelse = _mote_eller_404(user, pk)
    if not handelse.kan_redigera:
        raise PermissionDenied
    return handelse


def _atgarder(user):
    return (
        ATGARD_POLICY.markera(
            ATGARD_POLICY.filtrera(user, Handling.SE), user, kan_stanga=Handling.STANGA
        )
        .select_related("ansvarig__profil__organisation")
        .order_by("status", "senast", "pk")
    )


def _adress(handelse) -> str:
    return reverse("arshjul_mote", kwargs={"pk": handelse.pk})


@login_required
@require_GET
def mote(request, pk: int):
    handelse = _mote_eller_404(request.user, pk)
    protokoll = (
        PROTOKOLL_POLICY.markera(
            Motesprotokoll.objects.filter(handelse=handelse), request.user, kan_lasa=Handling.SE
        )
        .prefetch_related(
            Prefetch(
                "narvarande",
                queryset=get_user_model()
                .objects.select_related("profil__organisation")
                .order_by("first_name", "last_name", "username"),
            ),
            "narvarande_organisationer",
        )
        .first()
    )
    return render(
        request,
        "arshjul/mote.html",
        {
            "handelse": handelse,
            "protokoll": protokoll,
            "atgarder": _atgarder(request.user).filter(protokoll__handelse=handelse),
            "avsnitt": MOTESSIDANS_AVSNITT.samla(request.user, handelse),
            **_kallade(request.user, handelse),
        },
    )


def _kallade(user, handelse) -> dict:
    """The invited persons; before the meeting, those booked elsewhere at its time and the
    times all of them are free."""
    kallade = list(
        handelse.deltagare.select_related("profil__organisation").order_by(
            "first_name", "last_name", "username"
        )
    )
    if not kallade or handelse.installd or handelse.slut <= timezone.now():
        return {"kallade": kallade}
    kalla = INSATSKALLA()
    return {
        "kallade": kallade,
        "krockar": kalla.personkrockar(user, handelse),
        "lediga": kalla.lediga_tider(handelse),
    }


@login_required
@require_http_methods(["GET", "POST"])
def protokoll(request, pk: int):
    handelse = _organisatorns_mote(request.user, pk)
    befintligt = Motesprotokoll.objects.filter(handelse=handelse).first()
    initial = {}
    if befintligt is not None:
        initial = {
            "narvarande": list(befintligt.narvarande.all()),
            "narvarande_organisationer": list(befintligt.narvarande_organisationer.all()),
            "text": befintligt.text,
            "delas": befintligt.delas,
            "version": befintligt.version,
        }
    form = ProtokollForm(
        request.POST or None,
        initial=initial,
        personer=moten.mojliga_narvarande(handelse),
        nytt=befintligt is None,
    )
    svar = formular_med_verb(
        request,
        form,
        lambda data: moten.registrera_protokoll(request.user, handelse, data, data.get("version")),
        _("Protokollet är sparat."),
        _adress(handelse),
    )
    if svar:
        return svar
    return render(request, "arshjul/protokoll.html", {"handelse": handelse, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def ny_atgard(request, pk: int):
    handelse = _organisatorns_mote(request.user, pk)
    befintligt = Motesprotokoll.objects.filter(handelse=handelse).select_related(
        "handelse__arshjul"
    )
    befintligt = befintligt.first()
    ansvariga = (
        moten.mojliga_ansvariga(befintligt) if befintligt else get_user_model().objects.none()
    )
    form = AtgardForm(request.POST or None, ansvariga=ansvariga)
    svar = formular_med_verb(
        request,
        form,
        lambda data: moten.lagg_till_atgard(request.user, handelse, data),
        _("Åtgärden är tillagd."),
        _adress(handelse),
    )
    if svar:
        return svar
    return render(
        request,
        "arshjul/atgard_ny.html",
        {"handelse": handelse, "form": form, "har_protokoll": befintligt is not None},
    )


@login_required
@require_POST
def stang_atgard(request, pk: int):
    atgard = get_object_or_404(_atgarder(request.user).select_related("protokoll"), pk=pk)
    if not atgard.kan_stanga:
        raise PermissionDenied
    form = StangForm(request.POST)
    tillbaka = (
        "start"
        if form.data.get("fran") == "start"
        else reverse("arshjul_mote", kwargs={"pk": atgard.protokoll.handelse_id})
    )
    return postat_verb(
        request,
        form,
        lambda data: moten.stang_atgard(request.user, atgard, data["version"]),
        _("Åtgärden är klarmarkerad."),
        tillbaka,
    )


def mina_atgarder(request) -> Avsnitt | None:
    """The start page's section with the open actions the user owns, each with its meeting."""
    atgarder = list(
        _atgarder(request.user)
        .filter(ansvarig=request.user, status=AtgardStatus.OPPEN)
        .select_related("protokoll__handelse")
    )
    return Avsnitt("arshjul/_mina_atgarder.html", {"atgarder": atgarder}) if atgarder else None
