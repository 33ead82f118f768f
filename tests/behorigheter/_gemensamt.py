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


def matriskontrollen(insats):
    """A control of the matrix operation, on the day: the operation is confirmed and under way."""
    from insatser.models import Insats, Kontroll
    from insatser.workflow import InsatsStatus
    from myndigheter.models import Kommun, Myndighet
    from objekt.models import Objekt, Objekttyp

    objekt, _ = Objekt.objects.get_or_create(
        referens="M-O",
        defaults={
            "namn": "Matrisbolaget AB",
            "objekttyp": Objekttyp.FORETAG,
            "adress": "Matrisgatan 1",
            "kommun": Kommun.objects.get(kod="goteborg"),
            "foreslaget_av_organisation": Myndighet.objects.get(kod="akc-vast"),
        },
    )
    start = timezone.now() - timedelta(minutes=30)
    Insats.objects.filter(pk=insats.pk).update(
        status=InsatsStatus.BEKRAFTAD, start=start, slut=start + timedelta(hours=3)
    )
    return Kontroll.objects.get_or_create(insats=insats, objekt=objekt)[0]
