"""Demo follow-up pack: Ledningsgrupp Trygg i Göteborg follows every operation, and its next
meeting on the wheel Trygg i Göteborg has a pack, ordered as beat orders it (the worker builds
it).

Run through ``insatser.tillagg.DEMODATA``, before the wheels are built; a meeting within the
coming days is therefore made by hand (as a wheel's organiser adds one), so that the pack is there
on a fresh database. A second run finds the group, the meeting and the pack and creates nothing.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from arshjul.models import Arshjul, Arshjulshandelse, Handelsetyp, Samverkansorgan
from arshjul.standardregler import ladda_standardregler
from uppfoljning.models import Ledningsgrupp, Uppfoljningspaketbygge
from uppfoljning.services import paket

ORGAN = "ledningsgrupp-trygg-i-goteborg"
HJUL = "trygg-i-goteborg"
TITEL = "Ledningsgrupp Trygg i Göteborg: ledningsgruppsmöte"


def _nasta_mote(organ: Samverkansorgan) -> tuple[Arshjulshandelse | None, int]:
    kommande = paket.kommande_moten().filter(organ=organ).order_by("start").first()
    if kommande is not None:
        return kommande, 0
    hjul = Arshjul.objects.filter(kod=HJUL).first()
    if hjul is None:
        return None, 0
    dag = timezone.localdate() + timedelta(days=3)
    start = datetime.combine(dag, time(9), tzinfo=timezone.get_default_timezone())
    mote = Arshjulshandelse.objects.create(
        arshjul=hjul,
        ar=dag.year,
        titel=TITEL,
        typ=Handelsetyp.MOTE,
        start=start,
        slut=start + timedelta(hours=2),
        organ=organ,
        handredigerad=True,
    )
    return mote, 1


def skapa_demopaket(_anvandare: dict, _ar: int) -> int:
    """The demo management group and the pack of its next meeting; the number of new rows."""
    # The wheels' default bodies (loaded again by the wheels' demo data, which runs later).
    skapade = ladda_standardregler()
    organ = Samverkansorgan.objects.filter(kod=ORGAN).first()
    if organ is None:
        return skapade
    _grupp, skapad = Ledningsgrupp.objects.get_or_create(organ=organ)
    skapade += int(skapad)
    mote, ny = _nasta_mote(organ)
    if mote is None or Uppfoljningspaketbygge.objects.filter(mote=mote).exists():
        return skapade + ny
    # Ordered as beat orders it; the worker builds the PDF once the demo data is committed.
    return skapade + ny + paket.bestall_uppfoljningspaket()
