"""Demo wheels for one year: the default rules, a few hand-made events, a window with resource
pledges, a build request, and an example action plan for the situation picture's priorities.

Idempotent like the rest of the demo data: rows are looked up by a stable key first. AKC-väst's
wheel of the year is built in process once the demo operations exist and published by its
coordinator (``publicera_demohjul``); the other builds run in Celery once the transaction
commits (``make run`` starts the worker after the demo data), so the demo shows a wheel being
built.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from arshjul.models import (
    Arshjul,
    Arshjulsar,
    Arshjulshandelse,
    Atgardspunkt,
    Begransningsperiod,
    Handelsetyp,
    Lagesbildsperiod,
    Motesprotokoll,
    Prioritering,
)
from arshjul.services import bygge, moten
from arshjul.services.ombyggnad import begar_ombyggnad
from arshjul.services.redigering import publicera_version
from arshjul.services.resurser import lova_resurser
from arshjul.standardregler import ladda_standardregler
from arshjul.workflow import VersionStatus
from myndigheter.models import Enhet, Lokalpolisomrade, Myndighet

# Two planning meetings held lately, with minutes and open actions; (title, days ago, minutes,
# actions as (text, owner's demo login, days until due)).
PLANERINGSMOTEN = [
    (
        "AKC-väst: planeringsmöte restaurangkontroller",
        14,
        "Genomgång av tips om restauranger i city. Skatteverket tar fram uppgifter om "
        "personalliggare; AKC-väst sammanställer objektlistan.",
        [
            ("Ta fram uppgifter om personalliggare för objektlistan", "handlaggare.skv", 10),
            ("Sammanställ objektlistan inför insatsen", "samordnare.akc", 7),
        ],
    ),
    (
        "AKC-väst: planeringsmöte byggarbetsplatser",
        7,
        "Arbetsmiljöverket och Skatteverket planerar gemensamma kontroller av byggarbetsplatser "
        "efter sommaren.",
        [("Föreslå tre byggarbetsplatser för kontroll", "handlaggare.av", 21)],
    ),
]


# A window of AKC-väst's wheel in LPO City a few weeks ahead, made by hand (the generated windows
# exist only once the worker has built the wheel); the operations demo data plans an operation
# in it (``insatser.demodata``), and the organisations pledge to it.
RESURSFONSTER = "Exempel: insatsfönster med resurslöften"
# (organisation, the demo login who pledges, people per operation day, person-days). The
# operation planned in the window needs three people of Skatteverket: more than it pledged.
RESURSLOFTEN = [
    ("akc-vast", "samordnare.akc", 2, 6),
    ("skatteverket", "kontakt.skv", 2, 6),
]


def _tid(dag: date, timme: int) -> datetime:
    return datetime.combine(dag, time(timme), tzinfo=timezone.get_default_timezone())


def _handelse(arshjul, ar: int, titel: str, typ: str, start, slut, enheter=()) -> int:
    if Arshjulshandelse.objects.filter(arshjul=arshjul, ar=ar, titel=titel).exists():
        return 0
    handelse = Arshjulshandelse.objects.create(
        arshjul=arshjul, ar=ar, titel=titel, typ=typ, start=start, slut=slut, handredigerad=True
    )
    handelse.deltagande_enheter.set(Enhet.objects.filter(kod__in=enheter))
    return 1


def skapa_demohjul(ar: int, planeringsmote: datetime | None = None) -> int:
    """The number of new rows. ``planeringsmote``: the time of a coming operation of AKC-väst's
    coordination unit, when there is one, for a meeting that collides with it."""
    skapade = ladda_standardregler()
    akc = Arshjul.objects.get(kod="akc-vast-insatser")
    skapade += _handelse(
        akc,
        ar,
        "Gemensam utbildning om arbetslivskriminalitet",
        Handelsetyp.UTBILDNING,
        _tid(date(ar, 10, 14), 9),
        _tid(date(ar, 10, 14), 12),
        ("akc-vast-samordning", "skv-kontroll", "av-inspektion"),
    )
    skapade += _handelse(
        akc,
        ar,
        "Informationsinsats mot osund konkurrens i restaurangbranschen",
        Handelsetyp.INFORMATIONSINSATS,
        _tid(date(ar, 4, 22), 0),
        _tid(date(ar, 4, 23), 0),
    )
    # A planning meeting at the same time as a coming operation of the same unit: the build
    # report shows the collision.
    if planeringsmote is not None and timezone.localtime(planeringsmote).year == ar:
        skapade += _handelse(
            akc,
            ar,
            "AKC-väst: planeringsmöte",
            Handelsetyp.MOTE,
            planeringsmote,
            planeringsmote + timedelta(hours=2),
            ("akc-vast-samordning",),
        )
    skapade += _planeringsmoten(akc)
    skapade += _resursfonster(akc)
    if not Begransningsperiod.objects.filter(arshjul=akc, ar=ar, regel__isnull=True).exists():
        Begransningsperiod.objects.create(
            arshjul=akc,
            ar=ar,
            namn="Exempel: stort publikevenemang i centrum",
            fran=date(ar, 5, 11),
            till=date(ar, 5, 17),
            niva=Begransningsperiod.Niva.VARNA,
            kapacitet_procent=50,
            lpo=Lokalpolisomrade.objects.get(kod="city"),
            handredigerad=True,
        )
        skapade += 1
    for arshjul in Arshjul.objects.filter(aktiv=True).order_by("pk"):
        if not Arshjulsar.objects.filter(arshjul=arshjul, ar=ar).exists():
            begar_ombyggnad(arshjul.pk, ar)
            skapade += 1
    return skapade


def _planeringsmoten(akc) -> int:
    """The planning meetings held lately, their minutes and actions recorded by AKC-väst's
    coordinator through the verbs; a meeting that has minutes already is left as it is."""
    anvandare = {u.username: u for u in get_user_model().objects.filter(username__contains=".")}
    samordnare = anvandare.get("samordnare.akc")
    if samordnare is None:
        return 0
    skapade = 0
    idag = timezone.localdate()
    for titel, dagar_sedan, text, atgarder in PLANERINGSMOTEN:
        handelse = Arshjulshandelse.objects.filter(arshjul=akc, titel=titel).first()
        if handelse is None:
            start = _tid(idag - timedelta(days=dagar_sedan), 9)
            handelse = Arshjulshandelse.objects.create(
                arshjul=akc,
                ar=start.year,
                titel=titel,
                typ=Handelsetyp.MOTE,
                start=start,
                slut=start + timedelta(hours=2),
                handredigerad=True,
            )
            handelse.deltagande_enheter.set(
                Enhet.objects.filter(
                    kod__in=("akc-vast-samordning", "skv-kontroll", "av-inspektion")
                )
            )
            skapade += 1
        if Motesprotokoll.objects.filter(handelse=handelse).exists():
            continue
        data = {
            "narvarande": [samordnare],
            "narvarande_organisationer": Myndighet.objects.filter(kod__in=("skatteverket", "av")),
            "text": text,
        }
        moten.registrera_protokoll(samordnare, handelse, data)
        skapade += 1
        for atgard, ansvarig, dagar in atgarder:
            moten.lagg_till_atgard(
                samordnare,
                handelse,
                {
                    "text": atgard,
                    "ansvarig": anvandare[ansvarig],
                    "senast": idag + timedelta(days=dagar),
                },
            )
            skapade += 1
    return skapade


def _resursfonster(akc) -> int:
    """The window of ``RESURSFONSTER``: from the Monday at least three weeks ahead, five days."""
    if Arshjulshandelse.objects.filter(arshjul=akc, titel=RESURSFONSTER).exists():
        return 0
    dag = timezone.localdate() + timedelta(days=21)
    start = _tid(dag + timedelta(days=-dag.weekday() % 7), 0)
    Arshjulshandelse.objects.create(
        arshjul=akc,
        ar=start.year,
        titel=RESURSFONSTER,
        typ=Handelsetyp.INSATSFONSTER,
        start=start,
        slut=start + timedelta(days=5),
        lpo=Lokalpolisomrade.objects.get(kod="city"),
        kapacitet=3,
        handredigerad=True,
    )
    return 1


def resursfonster() -> Arshjulshandelse | None:
    return Arshjulshandelse.objects.filter(
        arshjul__kod="akc-vast-insatser", titel=RESURSFONSTER
    ).first()


def lova_demoresurser(fonster: Arshjulshandelse) -> int:
    """The pledges of ``RESURSLOFTEN`` through the verb, once each organisation takes part in an
    operation planned in the window (so that its focal point sees the window)."""
    anvandare = {u.username: u for u in get_user_model().objects.filter(username__contains=".")}
    skapade = 0
    for kod, login, personer, persondagar in RESURSLOFTEN:
        if login not in anvandare or fonster.resurslofte.filter(organisation__kod=kod).exists():
            continue
        lova_resurser(anvandare[login], fonster, personer, persondagar)
        skapade += 1
    return skapade


def publicera_demohjul(ar: int) -> int:
    """Build AKC-väst's wheel of ``ar`` here and now, with the demo operations on it, and have its
    coordinator publish the version, so a newcomer finds a published wheel and its files; 1 when
    it did, 0 when a published version was there already."""
    rad = Arshjulsar.objects.filter(arshjul__kod="akc-vast-insatser", ar=ar).first()
    samordnare = get_user_model().objects.filter(username="samordnare.akc").first()
    if rad is None or samordnare is None:
        return 0
    if rad.versioner.filter(status=VersionStatus.PUBLICERAD).exists():
        return 0
    rad = begar_ombyggnad(rad.arshjul_id, ar)
    version_id = bygge.bygg(rad.pk, rad.begaran)
    if version_id is not None and not bygge.rendera(version_id):
        return 0
    # Nothing new to build: the worker built this very content already.
    version = rad.versioner.filter(status=VersionStatus.KLAR).order_by("-nummer").first()
    if version is None:
        return 0
    publicera_version(samordnare, version)
    return 1


# A fictitious action plan for the period of the demo year's priorities: (priority's order in
# its period or None for an item under no priority, item). The plan's real items are the
# municipality's own (bilaga 1 of the agreement, not among the sources).
ATGARDSPLAN = [
    (1, "Exempel: myndighetsgemensamma kontroller på platser med mycket brott och otrygghet"),
    (4, "Exempel: kontroller av verksamheter med risk för felaktiga utbetalningar"),
    (None, "Exempel: samordnad tillsyn av festlokaler inför sommaren"),
]


def demoprioriteringar(ar: int) -> tuple[int, list[Prioritering], list[Atgardspunkt]]:
    """The priorities in force in the demo year and a fictitious action plan for them, so the
    demo operations can carry them out: the number of new rows, the priorities and the items.

    The default priorities come from the reference data; a demo year that no period covers gets
    an example period with the same problem areas, named as an example."""
    skapade = ladda_standardregler()
    mitt = date(ar, 7, 1)
    period = Lagesbildsperiod.objects.galler(mitt).order_by("-fran").first()
    if period is None:
        period, ny = Lagesbildsperiod.objects.get_or_create(
            kod=f"exempel-{ar}",
            defaults={
                "namn": f"Exempel: prioriteringar {ar}",
                "fran": date(ar, 1, 1),
                "till": date(ar, 12, 31),
                "kalla": "Demodata",
                "ej_i_kallorna": True,
            },
        )
        skapade += int(ny)
        forebild = Lagesbildsperiod.objects.exclude(pk=period.pk).order_by("-fran").first()
        for p in forebild.prioriteringar.all() if forebild else ():
            _, ny = Prioritering.objects.get_or_create(
                kod=f"exempel-{ar}-{p.ordning}",
                defaults={"period": period, "namn": p.namn, "ordning": p.ordning},
            )
            skapade += int(ny)
    prioriteringar = list(period.prioriteringar.order_by("ordning"))
    efter_ordning = {p.ordning: p for p in prioriteringar}
    for nummer, (ordning, namn) in enumerate(ATGARDSPLAN, 1):
        _, ny = Atgardspunkt.objects.get_or_create(
            kod=f"{period.kod}-exempel-{nummer}",
            defaults={
                "period": period,
                "prioritering": efter_ordning.get(ordning),
                "namn": namn,
                "ordning": nummer,
                "kalla": "Demodata",
                "ej_i_kallorna": True,
            },
        )
        skapade += int(ny)
    return skapade, prioriteringar, list(period.atgardspunkter.order_by("ordning"))
