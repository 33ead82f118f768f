"""Fictitious information templates for the demo organisations (configuration, not source facts).

Each agency asks for what it would want to know before a joint control; the fields are invented
for the demo and are no statement of what the agencies actually record.
"""

from __future__ import annotations

from collections.abc import Callable

from myndigheter.models import Myndighet
from objekt.models import Informationsmall, Objekttyp

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
