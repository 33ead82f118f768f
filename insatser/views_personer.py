"""The operation's persons page (who each organisation sends, their other bookings, times free
for everyone named) and the load view per person and unit."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from insatser import access, personbokning, selectors_personer, services
from insatser.forms_personer import PeriodForm, PersonForm, TaBortPersonForm
from insatser.models import Insats, Utsandperson
from insatser.views import insats_med_detaljer_eller_404
from insatser.workflow import OPPNA_FOR_PLANERING
from karna.vyer import formular_med_verb, postat_verb


def _adress(insats: Insats) -> str:
    return reverse("insats_personer", args=[insats.pk])


def _formular(user, egna, data=None) -> PersonForm | None:
    """The form for one own participation, bound to ``data`` when it was the one posted."""
    personer = (
        access.namngivbara_personer(user)
        .filter(profil__organisation_id=egna.deltagande.organisation_id)
        .exclude(pk__in=[p.anvandare_id for p in egna.personer])
    )
    initial = {"deltagande": egna.deltagande.pk, "version": egna.deltagande.version}
    return PersonForm(data, initial=initial, personer=personer.order_by("last_name", "first_name"))


@login_required
@require_http_methods(["GET", "POST"])
def personer(request, pk: int):
    insats = insats_med_detaljer_eller_404(request.user, pk)
    egna = selectors_personer.egna_personer(request.user, insats)
    oppen = insats.status in OPPNA_FOR_PLANERING
    if request.method == "POST" and not egna:
        raise PermissionDenied
    # The posted form is the one of the participation it names; a post naming none of the
    # user's own comes back on the first, with its errors.
    postad = request.POST.get("deltagande") if request.method == "POST" else None
    if postad is not None and postad not in {str(e.deltagande.pk) for e in egna}:
        postad = str(egna[0].deltagande.pk)
    for e in egna:
        bunden = postad == str(e.deltagande.pk)
        e.formular = _formular(request.user, e, request.POST if bunden else None) if oppen else None
        if bunden:
            svar = formular_med_verb(
                request,
                e.formular,
                lambda data, e=e: services.namnge_person(
                    request.user,
                    e.deltagande,
                    data["anvandare"],
                    data["forberedelse_timmar"],
                    version=data["version"],
                ),
                _("Personen är namngiven."),
                _adress(insats),
            )
            if svar:
                return svar
    namngivna = personbokning.namngivna_i_insats(insats)
    return render(
        request,
        "insatser/personer.html",
        {
            "insats": insats,
            "egna": egna,
            "oppen": oppen,
            "antal_namngivna": len(namngivna),
            "lediga": personbokning.lediga_tider(
                namngivna, insats.start, insats.slut, personbokning.INSATS, insats.pk
            )
            if namngivna and oppen
            else [],
        },
    )


@login_required
@require_POST
def ta_bort_person(request, pk: int, person: int):
    insats = insats_med_detaljer_eller_404(request.user, pk)
    utsand = get_object_or_404(
        Utsandperson.objects.select_related("deltagande"),
        pk=person,
        deltagande__in=access.personaldeltaganden(request.user, insats),
    )
    return postat_verb(
        request,
        TaBortPersonForm(request.POST),
        lambda data: services.ta_bort_person(request.user, utsand, version=data["version"]),
        _("Personen är borttagen från insatsen."),
        _adress(insats),
    )


@login_required
@require_GET
def belastning(request):
    form = PeriodForm(request.GET if request.GET else PeriodForm.standard())
    enheter = (
        selectors_personer.belastning(
            request.user, form.cleaned_data["fran"], form.cleaned_data["till"], _("utan enhet")
        )
        if form.is_valid()
        else []
    )
    return render(request, "insatser/belastning.html", {"form": form, "enheter": enheter})
