"""The priorities of the joint situation picture, for those who plan and follow up against them
(read only: administrators keep them in the admin site)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from arshjul import selectors
from arshjul.access import PRIORITERINGAR
from karna.vyer import kraver


@login_required
@require_GET
@kraver(PRIORITERINGAR)
def prioriteringar(request):
    """The periods in force today (or the one asked for), their priorities and action-plan
    items, and every period as a link."""
    perioder = list(selectors.lagesbildsperioder())
    idag = timezone.localdate()
    vald = request.GET.get("period")
    if vald:
        visade = [p for p in perioder if p.kod == vald]
        if not visade:
            raise Http404
    else:
        visade = [p for p in perioder if p.fran <= idag <= p.till] or perioder[:1]
    return render(
        request,
        "arshjul/prioriteringar.html",
        {"perioder": perioder, "visade": visade, "idag": idag},
    )
