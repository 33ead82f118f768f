"""The calendar: the operations the user may see by month, week or as a list.

The calendar swaps its content with htmx and pushes the URL, so the back button works; every
link and the filter form also work as plain requests without JavaScript.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.views.decorators.http import require_GET

from insatser import kalender as kal
from insatser import selectors
from insatser.forms import Kalenderfilter
from insatser.tillagg import KALENDERSIDANS_AVSNITT
from karna.vyer import sida_eller_del


def _standardval() -> dict:
    return {"vy": kal.MANAD, "datum": timezone.localdate(), "status": "", "lpo": None}


def _val(form: Kalenderfilter) -> dict:
    """The valid choices of the filter; a field with bad input falls back to its default."""
    val = _standardval()
    if form.is_bound:
        form.is_valid()
        val.update({k: v for k, v in form.cleaned_data.items() if v not in (None, "")})
    return val


def _lank(val: dict, **andrat) -> str:
    varden = {**val, **andrat}
    fraga = {
        "vy": varden["vy"],
        "datum": varden["datum"].isoformat(),
        "status": varden["status"],
        "lpo": varden["lpo"].pk if varden["lpo"] else "",
    }
    return "?" + urlencode({k: v for k, v in fraga.items() if v})


@login_required
@require_GET
def kalender(request):
    form = Kalenderfilter(request.GET or None, initial=_standardval())
    val = _val(form)
    period = kal.period(val["vy"], val["datum"])
    fran, till = period.tidsgranser()
    insatser = selectors.insatslista(request.user).filter(start__gte=fran, start__lt=till)
    if val["status"]:
        insatser = insatser.filter(status=val["status"])
    if val["lpo"]:
        insatser = insatser.filter(lpoer=val["lpo"])
    per_dag: dict = {}
    for insats in insatser:
        per_dag.setdefault(timezone.localdate(insats.start), []).append(insats)
    context = {
        "form": form,
        "period": period,
        "veckor": [[(dag, per_dag.get(dag, [])) for dag in vecka] for vecka in period.veckor],
        "dagar": [(dag, per_dag.get(dag, [])) for dag in period.dagar],
        "antal": sum(len(lista) for lista in per_dag.values()),
        "idag": timezone.localdate(),
        "avsnitt": KALENDERSIDANS_AVSNITT.samla(request.user),
        "lankar": {
            "foregaende": _lank(val, datum=period.foregaende),
            "idag": _lank(val, datum=timezone.localdate()),
            "nasta": _lank(val, datum=period.nasta),
            **{vy: _lank(val, vy=vy) for vy in kal.VYER},
        },
    }
    return sida_eller_del(request, "insatser/kalender.html", "insatser/_kalender.html", context)
