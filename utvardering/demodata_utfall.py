"""Demo outcomes and feedback for the demo's carried-out operations (``manage.py demodata``,
through ``insatser.tillagg.DEMODATA``): several agencies, types and visibilities, and some
anonymous feedback, made through the verbs. Each row is looked up by a stable key first (the
operation, organisation, type and control of an outcome; the operation and author of a
feedback), so a second run creates nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from insatser.models import Insats
from karna.policy import Aktor
from utvardering import access, services_utfall
from utvardering.models import Aterkoppling, Resultattyp, Utfall

S = Utfall.Synlighet


@dataclass(frozen=True)
class Demoutfall:
    anvandare: str
    typ: str
    synlighet: str
    belopp: Decimal | None = None
    antal: Decimal | None = None
    enhet: str = ""
    uppskattning: bool = False
    dagar_efter: int = 30
    per_kontroll: bool = True


# Per operation, each agency's outcomes if it took part; the police's by their LPO's coordinator.
UTFALL = [
    Demoutfall("handlaggare.skv", "skattetillagg", S.DELTAGARE, belopp=Decimal("148000")),
    Demoutfall(
        "kontakt.skv",
        "forhindrad-utbetalning",
        S.AGGREGAT,
        belopp=Decimal("320000"),
        uppskattning=True,
        dagar_efter=60,
        per_kontroll=False,
    ),
    Demoutfall("handlaggare.av", "forbud", S.DELTAGARE, antal=Decimal("1"), dagar_efter=1),
    Demoutfall("handlaggare.av", "sanktionsavgift", S.EGEN, belopp=Decimal("40000")),
    Demoutfall("handlaggare.mig", "anmalan", S.EGEN, antal=Decimal("2"), dagar_efter=7),
    Demoutfall("opsam", "beslag", S.DELTAGARE, antal=Decimal("35"), enhet="liter", dagar_efter=0),
]
KOMMENTARER = [
    (4, "Bra samordning på plats; tolken kom i tid.", False),
    (2, "Samlingsplatsen var svår att hitta och vi väntade länge.", True),
    (5, "Tydligt underlag, alla visste sin roll.", True),
    (3, "Fungerade, men för många objekt för en kväll.", False),
]
LAMNARE = ["samordnare.akc", "handlaggare.skv", "insatspolis.city", "handlaggare.av"]


def skapa_utfall_och_aterkoppling(anvandare: dict, ar: int) -> int:
    skapade = 0
    utforda = Insats.objects.filter(
        referens__startswith=f"DEMO-{ar}-", status__in=services_utfall.UTFORDA
    ).order_by("referens")
    for nummer, insats in enumerate(utforda):
        skapade += _utfall(insats, anvandare, nummer)
        skapade += _aterkoppling(insats, anvandare, nummer)
    return skapade


def _registrerande(demo: Demoutfall, insats: Insats, anvandare: dict):
    if demo.anvandare != "opsam":
        return anvandare[demo.anvandare]
    for lpo in insats.bemanningsbegaranden.values_list("lpo__kod", flat=True).order_by("pk"):
        user = anvandare.get(f"opsam.{lpo}")
        if user is not None and access.kan_registrera_utfall(user, insats):
            return user
    return None


def _utfall(insats: Insats, anvandare: dict, nummer: int) -> int:
    skapade = 0
    kontroller = list(insats.kontroller.filter(reserv=False).order_by("ordning", "pk"))
    dag = timezone.localtime(insats.start).date()
    for steg, demo in enumerate(UTFALL):
        user = _registrerande(demo, insats, anvandare)
        if user is None or not access.kan_registrera_utfall(user, insats):
            continue
        kontroll = kontroller[(nummer + steg) % len(kontroller)] if demo.per_kontroll else None
        typ = Resultattyp.objects.get(kod=demo.typ)
        if Utfall.objects.filter(
            insats=insats,
            organisation_id=Aktor.for_user(user).organisation_id,
            typ=typ,
            kontroll=kontroll,
        ).exists():
            continue
        services_utfall.registrera_utfall(
            user,
            insats,
            typ=typ,
            kontroll=kontroll,
            belopp=demo.belopp,
            antal=demo.antal,
            enhet=demo.enhet,
            uppskattning=demo.uppskattning,
            synlighet=demo.synlighet,
            beslutsdatum=min(dag + timedelta(days=demo.dagar_efter), timezone.localdate()),
        )
        skapade += 1
    return skapade


def _aterkoppling(insats: Insats, anvandare: dict, nummer: int) -> int:
    skapade = 0
    for steg, username in enumerate(LAMNARE):
        user = anvandare[username]
        if not access.deltog(user, insats):
            continue
        if Aterkoppling.objects.filter(insats=insats, forfattare=user).exists():
            continue
        betyg, kommentar, anonym = KOMMENTARER[(nummer + steg) % len(KOMMENTARER)]
        services_utfall.ge_aterkoppling(
            user, insats, betyg=betyg, kommentar=kommentar, anonym=anonym, version=0
        )
        skapade += 1
    return skapade
