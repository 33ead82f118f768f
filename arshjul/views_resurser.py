"""A window's resource page: each organisation's pledge next to what the operations planned in
the window need of it, and the reader's own organisation's pledge form."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from arshjul import access
from arshjul.access import FONSTER, HANDELSE_POLICY, RESURSLOFTE_POLICY, Handling
from arshjul.forms_resurser import ResursForm, TaBortResursForm
from arshjul.models import Resurslofte
from arshjul.services.resurser import lova_resurser, ta_bort_resurslofte
from arshjul.tillagg import INSATSKALLA, Resursbehov
from karna.policy import Aktor
from karna.vyer import formular_med_verb, postat_verb


@dataclass(frozen=True)
class Rad:
    """One organisation on the page: its pledge (if any) and the need (if any)."""

    organisation: str
    lofte: Resurslofte | None
    behov: Resursbehov | None

    @property
    def overskridet(self) -> bool:
        if self.lofte is None or self.behov is None:
            return False
        return (self.lofte.personer is not None and self.behov.personer > self.lofte.personer) or (
            self.lofte.persondagar is not None and self.behov.persondagar > self.lofte.persondagar
        )


def _rader(loften: list[Resurslofte], behov: list[Resursbehov]) -> list[Rad]:
    per_org = {b.organisation_id: b for b in behov}
    rader = [
        Rad(lofte.organisation.namn, lofte, per_org.pop(lofte.organisation_id, None))
        for lofte in loften
    ]
    rader += [Rad(b.organisation, None, b) for b in per_org.values()]
    return sorted(rader, key=lambda rad: rad.organisation)


def _adress(fonster) -> str:
    return reverse("arshjul_resurser", kwargs={"pk": fonster.pk})


@login_required
@require_http_methods(["GET", "POST"])
def resurser(request, pk: int):
    fonster = get_object_or_404(
        HANDELSE_POLICY.markera(
            access.synliga_handelser(request.user), request.user, kan_lova=Handling.LOVA
        )
        .filter(FONSTER)
        .select_related("arshjul", "lpo"),
        pk=pk,
    )
    if request.method == "POST" and not fonster.kan_lova:
        raise PermissionDenied
    loften = list(
        RESURSLOFTE_POLICY.markera(
            RESURSLOFTE_POLICY.filtrera(request.user, Handling.SE).filter(fonster=fonster),
            request.user,
            kan_andra=Handling.REDIGERA,
        ).select_related("organisation", "andrad_av")
    )
    organisation_id = Aktor.for_user(request.user).organisation_id
    eget = next((lofte for lofte in loften if lofte.organisation_id == organisation_id), None)
    form = None
    if fonster.kan_lova:
        initial = {}
        if eget is not None:
            initial = {
                "personer": eget.personer,
                "persondagar": eget.persondagar,
                "version": eget.version,
            }
        postat = request.POST if request.method == "POST" else None
        form = ResursForm(postat, initial=initial, nytt=eget is None)
        svar = formular_med_verb(
            request,
            form,
            lambda data: lova_resurser(
                request.user, fonster, data["personer"], data["persondagar"], data.get("version")
            ),
            _("Löftet är sparat."),
            _adress(fonster),
        )
        if svar:
            return svar
    behov = INSATSKALLA().behov_i_fonster(fonster)
    return render(
        request,
        "arshjul/resurser.html",
        {
            "fonster": fonster,
            "rader": _rader(loften, behov.organisationer),
            "polis": behov.polis,
            "eget": eget,
            "form": form,
        },
    )


@login_required
@require_POST
def ta_bort(request, pk: int):
    lofte = get_object_or_404(
        RESURSLOFTE_POLICY.markera(
            RESURSLOFTE_POLICY.filtrera(request.user, Handling.SE),
            request.user,
            kan_andra=Handling.REDIGERA,
        ),
        pk=pk,
    )
    if not lofte.kan_andra:
        raise PermissionDenied
    return postat_verb(
        request,
        TaBortResursForm(request.POST),
        lambda data: ta_bort_resurslofte(request.user, lofte, data["version"]),
        _("Löftet är borttaget."),
        reverse("arshjul_resurser", kwargs={"pk": lofte.fonster_id}),
    )
