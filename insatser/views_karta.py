"""The year's operations on a map of one municipality, by area, with the same content as a list."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.views.decorators.http import require_GET

from insatser import selectors
from insatser.forms import Kartfilter
from insatser.models import Insats
from karna.vyer import sida_eller_del
from myndigheter.forms import med_kartkommun
from myndigheter.karta import Placering, omradeskarta
from myndigheter.models import Kommun, Stadsomrade, UtsattOmrade


def _placeringar(insats: Insats, kommun: Kommun, per_lpo: dict[int, list[int]]) -> list[Placering]:
    """Where an operation lies: at its objects in the municipality, for a reader who may see its
    objects; otherwise in the districts of its LPOs, which every reader of it sees. An operation
    that lies in neither is still listed, without an area."""
    if insats.visa_detaljer:
        vid_objekten = [
            Placering(
                insats,
                o.stadsomrade_id,
                o.utsatt_omrade_id,
                o.latitud,
                o.longitud,
                f"{insats.referens} {insats.titel}: {o.namn}",
            )
            for o in (k.objekt for k in insats.kontroller.all())
            if o.kommun_id == kommun.pk
        ]
        if vid_objekten:
            return vid_objekten
    i_lpoerna = [
        Placering(insats, stadsomrade_id)
        for lpo in insats.lpoer.all()
        for stadsomrade_id in per_lpo.get(lpo.pk, [])
    ]
    return i_lpoerna or [Placering(insats)]


@login_required
@require_GET
def karta(request):
    ar, status = timezone.localdate().year, ""
    data = med_kartkommun(request.GET)
    data.setdefault("ar", str(ar))
    form = Kartfilter(data)
    if form.is_valid():
        kommun = form.cleaned_data["kommun"]
        ar = form.cleaned_data["ar"] or ar
        status = form.cleaned_data["status"]
    else:
        kommun = Kommun.for_kartan()
    insatser = selectors.insatser_pa_kartan(request.user, ar)
    if status:
        insatser = insatser.filter(status=status)
    stadsomraden = list(Stadsomrade.objects.filter(kommun=kommun).order_by("namn"))
    per_lpo = defaultdict(list)
    for stadsomrade in stadsomraden:
        per_lpo[stadsomrade.lpo_id].append(stadsomrade.pk)
    karta = omradeskarta(
        stadsomraden,
        UtsattOmrade.objects.filter(kommun=kommun).order_by("namn"),
        (p for insats in insatser for p in _placeringar(insats, kommun, per_lpo)),
        punktslag="insats",
    )
    context = {"filter": form, "ar": ar, "kommun": kommun, "omradeskarta": karta}
    return sida_eller_del(request, "insatser/karta.html", "insatser/_karta.html", context)
