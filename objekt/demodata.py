"""Fictitious information templates for the demo organisations (configuration, not source facts),
and the demo objects' fictitious positions.

Each agency asks for what it would want to know before a joint control; the fields are invented
for the demo and are no statement of what the agencies actually record.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from myndigheter.karta import innehaller, polygoner
from myndigheter.models import Myndighet, Stadsomrade, UtsattOmrade
from objekt.models import Informationsmall, Objekt, Objekttyp
from objekt.services import andra_objekt

T = Objekttyp


def _falt(namn, etikett, typ, obligatorisk=False, **extra) -> dict:
    return {"namn": namn, "etikett": etikett, "typ": typ, "obligatorisk": obligatorisk, **extra}


NOTERINGAR = _falt("noteringar", "Noteringar inför kontrollen", "textarea")

DEMO_MALLAR = [
    (
        "skatteverket",
        [T.FORETAG, T.FESTVANING_KLUBB, T.VAXLINGSKONTOR],
        [
            _falt("f_skatt", "Godkänd för F-skatt", "boolean", True),
            _falt("arbetsgivare", "Registrerad som arbetsgivare", "boolean"),
            _falt(
                "personalliggare",
                "Personalliggare",
                "choice",
                val=["Krävs och förs", "Krävs men saknas", "Krävs inte", "Okänt"],
            ),
            _falt("kassaregister", "Kassaregister", "choice", val=["Anmält", "Ej anmält", "Okänt"]),
            _falt("anstallda", "Antal anställda enligt arbetsgivardeklaration", "number"),
            _falt("senaste_kontroll", "Senaste kontrollbesök", "date"),
            NOTERINGAR,
        ],
    ),
    (
        "av",
        [T.FORETAG, T.LOKAL],
        [
            _falt(
                "bransch",
                "Bransch",
                "choice",
                True,
                val=["Restaurang", "Bygg", "Skönhet", "Fordonsvård", "Städ", "Annan"],
            ),
            _falt("arbetstagare", "Antal arbetstagare på plats", "number"),
            _falt("skyddsombud", "Skyddsombud finns", "boolean"),
            _falt("senaste_inspektion", "Senaste inspektion", "date"),
            _falt("risker", "Kända risker i arbetsmiljön", "textarea"),
        ],
    ),
    (
        "migrationsverket",
        [T.FORETAG, T.BOENDE],
        [
            _falt("arbetstillstand", "Arbetsgivare till personer med arbetstillstånd", "boolean"),
            _falt("antal_tillstand", "Antal arbetstillstånd kopplade till arbetsgivaren", "number"),
            _falt("senaste_kontroll", "Senaste arbetsgivarkontroll", "date"),
            NOTERINGAR,
        ],
    ),
    (
        "miljoforvaltningen",
        [T.FORETAG, T.LOKAL, T.FESTVANING_KLUBB],
        [
            _falt(
                "verksamhetstyp",
                "Verksamhetstyp",
                "choice",
                True,
                val=["Livsmedel", "Hygienisk verksamhet", "Miljöfarlig verksamhet", "Annan"],
            ),
            _falt("livsmedelsregistrerad", "Registrerad livsmedelsanläggning", "boolean"),
            _falt(
                "serveringstillstand",
                "Serveringstillstånd",
                "choice",
                val=["Stadigvarande", "Tillfälligt", "Saknas", "Krävs inte"],
            ),
            _falt("senaste_tillsyn", "Senaste tillsynsbesök", "date"),
            _falt("anmarkningar", "Anmärkningar vid tidigare tillsyn", "textarea"),
        ],
    ),
    (
        "akc-vast",
        [T.FORETAG, T.LOKAL, T.BOENDE, T.FESTVANING_KLUBB, T.VAXLINGSKONTOR, T.ANNAT],
        [
            _falt(
                "ursprung",
                "Hur objektet kom fram",
                "choice",
                True,
                val=["Egen kartläggning", "Tips från en myndighet", "Tidigare insats"],
            ),
            _falt("prioritet", "Prioritet", "choice", val=["Hög", "Medel", "Låg"]),
            _falt("kopplingar", "Kända kopplingar till andra objekt (referenser)", "text"),
            _falt("motivering", "Varför en gemensam kontroll", "textarea", True),
        ],
    ),
]


def skapa_informationsmallar(skapa: Callable) -> None:
    """Version 1 of each demo template, looked up before it is created (``skapa`` does that)."""
    for kod, objekttyper, faltdefinition in DEMO_MALLAR:
        organisation = Myndighet.objects.get(kod=kod)
        for objekttyp in objekttyper:
            skapa(
                Informationsmall,
                {"organisation": organisation, "objekttyp": objekttyp, "version": 1},
                faltdefinition=faltdefinition,
                aktiv=True,
            )


def demoposition(
    index: int, stadsomrade: Stadsomrade | None, utsatt_omrade: UtsattOmrade | None
) -> dict:
    """A fictitious position for demo object ``index``: a point drawn (the same each run) inside
    its vulnerable area, or inside its district and outside the district's vulnerable areas.
    Every eleventh object has none, so that the map lists objects without a position."""
    if index % 11 == 5:
        return {}
    rng = random.Random(f"demoposition-{index}")
    if utsatt_omrade is not None and utsatt_omrade.grans:
        return _punkt_i(utsatt_omrade.grans, [], rng)
    if stadsomrade is not None and stadsomrade.grans:
        utsatta = UtsattOmrade.objects.filter(kommun=stadsomrade.kommun_id, grans__isnull=False)
        return _punkt_i(stadsomrade.grans, [u.grans for u in utsatta], rng)
    return {}


def _punkt_i(grans: dict, utanfor: list[dict], rng: random.Random) -> dict:
    ring = polygoner(grans)[0][0]
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    for _ in range(1000):
        lat, lon = rng.uniform(min(lats), max(lats)), rng.uniform(min(lons), max(lons))
        if innehaller(grans, lat, lon) and not any(innehaller(g, lat, lon) for g in utanfor):
            return {"latitud": Decimal(f"{lat:.6f}"), "longitud": Decimal(f"{lon:.6f}")}
    return {}


def ge_demoposition(user, objekt: Objekt, index: int) -> Objekt:
    """Give a demo object created before objects had positions its position, through the edit
    verb; an object that has one (or should have none) is left as it is."""
    position = demoposition(index, objekt.stadsomrade, objekt.utsatt_omrade)
    if objekt.latitud is not None or not position:
        return objekt
    return andra_objekt(
        user,
        objekt,
        version=objekt.version,
        problemkategorier=list(objekt.problemkategorier.all()),
        kommun=objekt.kommun,
        stadsomrade=objekt.stadsomrade,
        lpo=objekt.lpo,
        utsatt_omrade=objekt.utsatt_omrade,
        **position,
    )
