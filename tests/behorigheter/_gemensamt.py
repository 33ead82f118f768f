"""Objects several matrix modules use."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone


def matrisinsatsen():
    """An operation coordinated by AKC-väst, Skatteverket invited, a request sent to LPO City."""
    from insatser.models import Bemanningsbegaran, Deltagande, Insats
    from insatser.workflow import BemanningStatus
    from myndigheter.models import Lokalpolisomrade, Myndighet

    befintlig = Insats.objects.filter(referens="M-1").first()
    if befintlig is not None:
        return befintlig
    start = timezone.now() + timedelta(days=5)
    insats = Insats.objects.create(
        referens="M-1",
        titel="Matris",
        samordnande_organisation=Myndighet.objects.get(kod="akc-vast"),
        start=start,
        slut=start + timedelta(hours=2),
    )
    Deltagande.objects.create(insats=insats, organisation=Myndighet.objects.get(kod="skatteverket"))
    Bemanningsbegaran.objects.create(
        insats=insats,
        lpo=Lokalpolisomrade.objects.get(kod="city"),
        begart_antal=2,
        status=BemanningStatus.SKICKAD,
    )
    return insats
