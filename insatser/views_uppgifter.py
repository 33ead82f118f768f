"""The agencies' information in one operation: add it per object, release it, withdraw it.

An officer of a participating agency records what the agency knows about each object with the
agency's template, as an internal draft; then releases a block to a circle of the operation
(all participants, the coordinating organisation, the police, or named organisations) under
one of the provisions of the agency's profile. The page also lists what others released to the
reader (each read logged) and the releases the provisions refused.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from insatser import access, selectors, services
from insatser.forms_uppgifter import AterkallaForm, FrislappForm
from insatser.models import Frislappning, Kontroll, Mottagarkrets, NekadFrislappning
from insatser.views import insats_eller_404, insats_med_detaljer_eller_404
from insatser.views_begaran import begaransektion
from karna.engang import en_gang
from karna.policy import Aktor
from karna.vyer import TJANSTEFEL, feltext, formularfel_som_meddelanden
from myndigheter.models import Delningsgrund
from objekt import access as objekt_access
from objekt import selectors as objekt_selectors
from objekt import services as objekt_services
from objekt.mallar import MallForm


def _sidan(insats, ankare: str = "") -> str:
    return reverse("myndighetsuppgifter", args=[insats.pk]) + (f"#{ankare}" if ankare else "")


def _egna_grunder(organisation_id):
    return Delningsgrund.objects.filter(organisation_id=organisation_id, aktiv=True)


def _andra_deltagare(insats, organisation_id):
    return access.deltagande_organisationer(insats).exclude(pk=organisation_id)


def _egna_uppgifter(user, insats, organisation_id):
    """The blocks the user may release on the operation's objects, each with its releases here."""
    return (
        objekt_access.OBJEKTUPPGIFT_POLICY.filtrera(user, objekt_access.Handling.FRISLAPPA)
        .filter(objekt__kontroller__insats=insats, organisation_id=organisation_id)
        .select_related("mall", "upprattad_av")
        .prefetch_related(
            Prefetch(
                "frislappningar",
                queryset=Frislappning.objects.filter(insats=insats)
                .select_related("delningsgrund")
                .prefetch_related("mottagare")
                .order_by("-tidpunkt"),
                to_attr="har",
            )
        )
        .order_by("-skapad", "-pk")
    )


@login_required
@require_GET
def myndighetsuppgifter(request, pk: int):
    insats = insats_med_detaljer_eller_404(request.user, pk)
    user = request.user
    organisation_id = Aktor.for_user(user).organisation_id
    egna = list(_egna_uppgifter(user, insats, organisation_id))
    grunder = _egna_grunder(organisation_id)
    deltagare = _andra_deltagare(insats, organisation_id)
    kontroller = list(selectors.kontroller_for_insats(user, insats))
    poolanvandare = objekt_access.ar_poolanvandare(user)
    mallar = objekt_selectors.aktiva_mallar(organisation_id)
    for kontroll in kontroller:
        kontroll.egna = [u for u in egna if u.objekt_id == kontroll.objekt_id]
        for uppgift in kontroll.egna:
            uppgift.aktiv = next((f for f in uppgift.har if f.aterkallad is None), None)
            uppgift.frislapp_form = FrislappForm(
                prefix=f"f{uppgift.pk}",
                grunder=grunder,
                deltagare=deltagare,
                initial={"krets": Mottagarkrets.ALLA},
            )
        mall = mallar.get(kontroll.objekt.objekttyp)
        kontroll.mallform = (
            MallForm(prefix=f"u{kontroll.pk}", mall=mall) if mall and poolanvandare else None
        )
    andras = [
        u
        for u in services.las_objektuppgifter(user, insats, "Myndigheternas uppgifter i insatsen")
        if u.organisation_id != organisation_id
    ]
    nekade = NekadFrislappning.objects.filter(
        insats=insats,
        objektuppgift__in=objekt_access.OBJEKTUPPGIFT_POLICY.filtrera(
            user, objekt_access.Handling.FRISLAPPA
        ),
    ).select_related("objektuppgift__objekt", "nekad_av")
    return render(
        request,
        "insatser/myndighetsuppgifter.html",
        {
            "insats": insats,
            "kontroller": kontroller,
            "andras": andras,
            "nekade": nekade,
            "grunder": grunder,
            "organisation_id": organisation_id,
            "aterkalla_form": AterkallaForm(),
            **begaransektion(user, insats, kontroller),
        },
    )


@login_required
@require_POST
def lagg_till_uppgift(request, pk: int, kontroll_pk: int):
    insats = insats_med_detaljer_eller_404(request.user, pk)
    if not objekt_access.ar_poolanvandare(request.user):
        raise PermissionDenied
    kontroll = get_object_or_404(
        Kontroll.objects.select_related("objekt"), insats=insats, pk=kontroll_pk
    )
    mall = objekt_selectors.aktiv_mall(
        Aktor.for_user(request.user).organisation_id, kontroll.objekt.objekttyp
    )
    if mall is None:
        messages.error(request, _("Din organisation har ingen informationsmall för objekttypen."))
        return redirect(_sidan(insats, f"kontroll-{kontroll.pk}"))
    form = MallForm(request.POST, prefix=f"u{kontroll.pk}", mall=mall)
    if not form.is_valid():
        # The form is folded away on the page it returns to: each message names its field.
        for namn, fel in form.errors.items():
            messages.error(request, f"{form.fields[namn].label}: {' '.join(fel)}")
    else:
        try:
            objekt_services.registrera_objektuppgift(
                request.user, kontroll.objekt, mall, form.innehall()
            )
        except TJANSTEFEL as fel:
            messages.error(request, feltext(fel))
        else:
            messages.success(
                request, _("Uppgiften är sparad som utkast. Bara din organisation ser den.")
            )
    return redirect(_sidan(insats, f"kontroll-{kontroll.pk}"))


@login_required
@require_POST
def frislapp(request, pk: int, uppgift_pk: int):
    insats = insats_eller_404(request.user, pk)
    organisation_id = Aktor.for_user(request.user).organisation_id
    uppgift = get_object_or_404(
        objekt_access.synliga_objektuppgifter(request.user).filter(
            objekt__kontroller__insats=insats
        ),
        pk=uppgift_pk,
    )
    if not objekt_access.kan_frislappa(request.user, uppgift):
        raise PermissionDenied
    form = FrislappForm(
        request.POST,
        prefix=f"f{uppgift.pk}",
        grunder=_egna_grunder(organisation_id),
        deltagare=_andra_deltagare(insats, organisation_id),
    )
    if not form.is_valid():
        formularfel_som_meddelanden(request, form)
        return redirect(_sidan(insats, f"uppgift-{uppgift.pk}"))
    data = form.cleaned_data
    try:
        with en_gang(request.user, data["engangsnyckel"]) as engang:
            if engang.tidigare:
                return redirect(engang.tidigare)
            utfall = services.frislapp_objektuppgift(
                request.user,
                uppgift,
                insats,
                data["delningsgrund"],
                data["krets"],
                data["namngivna"],
            )
            engang.spara(_sidan(insats, f"uppgift-{uppgift.pk}"))
    except TJANSTEFEL as fel:
        messages.error(request, feltext(fel))
    else:
        if isinstance(utfall, NekadFrislappning):
            messages.error(
                request, _("Frisläppningen nekades: %(hinder)s") % {"hinder": utfall.hinder}
            )
        else:
            messages.success(request, _("Uppgiften är frisläppt. Underlagen byggs om."))
    return redirect(_sidan(insats, f"uppgift-{uppgift.pk}"))


@login_required
@require_POST
def aterkalla(request, pk: int):
    frislappning = get_object_or_404(
        Frislappning.objects.filter(
            objektuppgift__in=objekt_access.synliga_objektuppgifter(request.user)
        ).select_related("insats", "objektuppgift"),
        pk=pk,
    )
    if not objekt_access.kan_frislappa(request.user, frislappning.objektuppgift):
        raise PermissionDenied
    form = AterkallaForm(request.POST)
    if not form.is_valid():
        formularfel_som_meddelanden(request, form)
    else:
        try:
            services.aterkalla_frislappning(request.user, frislappning, form.cleaned_data["orsak"])
        except TJANSTEFEL as fel:
            messages.error(request, feltext(fel))
        else:
            messages.success(request, _("Frisläppningen är återkallad. Underlagen byggs om."))
    return redirect(_sidan(frislappning.insats, f"uppgift-{frislappning.objektuppgift_id}"))
