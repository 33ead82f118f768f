"""Objects several matrix modules use."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone


def matrisinsatsen(referens="M-1", start=None, status=None):
    """An operation coordinated by AKC-väst, Skatteverket invited, a request sent to LPO City."""
    from insatser.models import Insats
    from insatser.workflow import BemanningStatus, InsatsStatus
    from tests.fabriker import BemanningsbegaranFabrik, DeltagandeFabrik, InsatsFabrik, lpo, org

    befintlig = Insats.objects.filter(referens=referens).first()
    if befintlig is not None:
        return befintlig
    insats = InsatsFabrik(
        referens=referens,
        titel="Matris",
        samordnande_organisation=org("akc-vast"),
        start=start or timezone.now() + timedelta(days=5),
        status=status or InsatsStatus.FORESLAGEN,
    )
    DeltagandeFabrik(insats=insats, organisation=org("skatteverket"))
    BemanningsbegaranFabrik(insats=insats, lpo=lpo("city"), status=BemanningStatus.SKICKAD)
    return insats


def matriskontrollen():
    """A control of a matrix operation like M-1 but confirmed and under way: its day has come."""
    from insatser.models import Kontroll
    from insatser.workflow import InsatsStatus
    from myndigheter.models import Kommun, Myndighet
    from objekt.models import Objekt, Objekttyp

    insats = matrisinsatsen(
        "M-2", start=timezone.now() - timedelta(minutes=30), status=InsatsStatus.BEKRAFTAD
    )
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
    return Kontroll.objects.get_or_create(insats=insats, objekt=objekt)[0]
