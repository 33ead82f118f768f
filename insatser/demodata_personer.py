"""The demo's named persons: each organisation taking part in a coming operation names who it
sends, through the verb people use; one coordinator and one officer of the operation the demo
wheel's planning meeting collides with are also invited to that meeting, so the double booking
is seen (on the operation's persons page, its warnings and the meeting page)."""

from __future__ import annotations

from decimal import Decimal

from arshjul.models import Arshjulshandelse
from insatser import services
from insatser.models import Deltagande, Insats, Utsandperson
from insatser.workflow import OPPNA_FOR_PLANERING

SKICKAR = {
    "akc-vast": "samordnare.akc",
    "miljoforvaltningen": "samordnare.miljo",
    "skatteverket": "handlaggare.skv",
    "av": "handlaggare.av",
    "migrationsverket": "handlaggare.mig",
}
KROCKANDE_MOTE = "AKC-väst: planeringsmöte"


def namnge_demopersoner(ar: int, anvandare: dict, krockande: Insats | None) -> int:
    """The number of persons named; a person already named is left as they are."""
    skapade = 0
    deltaganden = (
        Deltagande.objects.filter(
            insats__referens__startswith=f"DEMO-{ar}-",
            insats__status__in=OPPNA_FOR_PLANERING,
            organisation__kod__in=SKICKAR,
        )
        .exclude(svar=Deltagande.Svar.AVBOJD)
        .select_related("organisation", "insats")
        .order_by("insats__start", "pk")
    )
    for deltagande in deltaganden:
        # Each organisation's demo login names itself: it may name the persons of its own.
        person = anvandare[SKICKAR[deltagande.organisation.kod]]
        if Utsandperson.objects.filter(deltagande=deltagande, anvandare=person).exists():
            continue
        services.namnge_person(
            person,
            deltagande,
            person,
            Decimal("3"),
            version=Deltagande.objects.get(pk=deltagande.pk).version,
        )
        skapade += 1
    if krockande is not None:
        skapade += _bjud_in_till_krockande_mote(krockande)
    return skapade


def _bjud_in_till_krockande_mote(insats: Insats) -> int:
    mote = Arshjulshandelse.objects.filter(titel=KROCKANDE_MOTE, start=insats.start).first()
    if mote is None or mote.deltagare.exists():
        return 0
    namngivna = Utsandperson.objects.filter(deltagande__insats=insats).order_by("pk")
    mote.deltagare.set([p.anvandare_id for p in namngivna[:2]])
    return 1
