"""Requests for information between the agencies of an operation, on the page of the agencies'
information: ask another participant, answer with a note (and the release that answers), or
decline with a reason. Plain posts that come back to the page's section with messages.
"""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from insatser import access, selectors_begaran, services
from insatser.forms_uppgifter import AvbojBegaranForm, BegaranForm, SvarForm
from insatser.views import insats_eller_404
from karna.policy import Aktor
from karna.vyer import postat_verb
from objekt.models import Objekt


def _sektionen(insats_pk: int) -> str:
    return reverse("myndighetsuppgifter", args=[insats_pk]) + "#begaranden"


def begaransektion(user, insats, kontroller) -> dict:
    """The section's context: the requests the user may read, split by who asked whom, the
    organisations the user's organisation may ask, and the releases an answer may point to."""
    organisation_id = Aktor.for_user(user).organisation_id
    begaranden = selectors_begaran.begaranden_i_insats(user, insats)
    kan_fraga = access.kan_begara_uppgifter(user, insats)
    kan_svara = any(b.kan_besvara for b in begaranden)
    for begaran in begaranden:
        begaran.engangsnyckel = uuid.uuid4()
    return {
        "till_oss": [b for b in begaranden if b.tillfragad_organisation_id == organisation_id],
        "fran_oss": [b for b in begaranden if b.fragande_organisation_id == organisation_id],
        "ovriga_begaranden": [
            b
            for b in begaranden
            if organisation_id not in (b.tillfragad_organisation_id, b.fragande_organisation_id)
        ],
        "kan_fraga": kan_fraga,
        "ny_engangsnyckel": uuid.uuid4(),
        "fragbara": list(selectors_begaran.fragbara_organisationer(insats, organisation_id))
        if kan_fraga
        else [],
        "fragbara_objekt": sorted({k.objekt for k in kontroller}, key=lambda o: (o.namn, o.pk)),
        "svarande_frislappningar": list(
            selectors_begaran.svarande_frislappningar(insats, organisation_id)
        )
        if kan_svara
        else [],
    }


@login_required
@require_POST
def begar(request, pk: int):
    insats = insats_eller_404(request.user, pk)
    if not insats.visa_detaljer:
        raise Http404
    if not access.kan_begara_uppgifter(request.user, insats):
        raise PermissionDenied
    organisation_id = Aktor.for_user(request.user).organisation_id
    form = BegaranForm(
        request.POST,
        deltagare=selectors_begaran.fragbara_organisationer(insats, organisation_id),
        objekt=Objekt.objects.filter(kontroller__insats=insats),
    )
    return postat_verb(
        request,
        form,
        lambda data: services.begar_uppgifter(
            request.user, insats, data["tillfragad"], data["fraga"], data["objekt"]
        ),
        _("Begäran är skickad. Organisationen får en notis."),
        _sektionen(insats.pk),
    )


def _att_besvara(request, pk: int):
    begaran = get_object_or_404(
        access.synliga_uppgiftsbegaranden(request.user).select_related("insats"), pk=pk
    )
    if not access.kan_besvara_uppgiftsbegaran(request.user, begaran):
        raise PermissionDenied
    return begaran


@login_required
@require_POST
def besvara(request, pk: int):
    begaran = _att_besvara(request, pk)
    form = SvarForm(
        request.POST,
        prefix=f"s{begaran.pk}",
        frislappningar=selectors_begaran.svarande_frislappningar(
            begaran.insats, begaran.tillfragad_organisation_id
        ),
    )
    return postat_verb(
        request,
        form,
        lambda data: services.besvara_uppgiftsbegaran(
            request.user, begaran, data["svar"], data["frislappning"], version=data["version"]
        ),
        _("Begäran är besvarad. Den frågande organisationen får en notis."),
        _sektionen(begaran.insats_id),
    )


@login_required
@require_POST
def avboj(request, pk: int):
    begaran = _att_besvara(request, pk)
    form = AvbojBegaranForm(request.POST, prefix=f"a{begaran.pk}")
    return postat_verb(
        request,
        form,
        lambda data: services.avbo_uppgiftsbegaran(
            request.user, begaran, data["orsak"], version=data["version"]
        ),
        _("Begäran är avböjd. Den frågande organisationen ser skälet."),
        _sektionen(begaran.insats_id),
    )
