"""The demo logins, one per role (and per LPO for the police), with their organisation, unit,
LPO scope and title; ``insatser.demodata`` creates them and the README lists them."""

from __future__ import annotations

from dataclasses import dataclass

from myndigheter.roles import Roll


@dataclass(frozen=True)
class DemoAnvandare:
    username: str
    fornamn: str
    efternamn: str
    roll: Roll
    organisation: str
    enhet: str | None = None
    lpoer: tuple[str, ...] = ()
    insatspolis: bool = False
    titel: str = ""
    sakerhetskontakt: bool = False


DEMO_ANVANDARE = [
    DemoAnvandare("admin", "Ada", "Admin", Roll.ADMIN, "akc-vast", titel="Systemförvaltare"),
    DemoAnvandare(
        "samordnare.akc",
        "Sara",
        "Samordnare",
        Roll.SAMORDNARE,
        "akc-vast",
        "akc-vast-samordning",
        titel="Samordnare AKC-väst",
    ),
    DemoAnvandare(
        "samordnare.miljo",
        "Mikael",
        "Miljö",
        Roll.SAMORDNARE,
        "miljoforvaltningen",
        "miljo-osund-konkurrens",
        titel="Samordnare mot osund konkurrens",
    ),
    DemoAnvandare(
        "handlaggare.skv",
        "Stina",
        "Skatt",
        Roll.HANDLAGGARE,
        "skatteverket",
        "skv-kontroll",
        titel="Handläggare",
    ),
    DemoAnvandare(
        "handlaggare.av",
        "Arne",
        "Arbetsmiljö",
        Roll.HANDLAGGARE,
        "av",
        "av-inspektion",
        titel="Inspektör",
    ),
    DemoAnvandare(
        "handlaggare.mig",
        "Mira",
        "Migration",
        Roll.HANDLAGGARE,
        "migrationsverket",
        "mig-kontroll",
        titel="Handläggare",
    ),
    DemoAnvandare(
        "kontakt.skv",
        "Karin",
        "Kontakt",
        Roll.MYNDIGHETSKONTAKT,
        "skatteverket",
        "skv-kontroll",
        titel="Myndighetskontakt och säkerhetskontakt",
        sakerhetskontakt=True,
    ),
    DemoAnvandare(
        "opsam.city",
        "Olle",
        "City",
        Roll.OPERATIV_SAMORDNARE,
        "polisen",
        "polisen-lpo-city",
        lpoer=("city",),
        titel="Operativ samordnare LPO City",
    ),
    DemoAnvandare(
        "opsam.nordost",
        "Nora",
        "Nordost",
        Roll.OPERATIV_SAMORDNARE,
        "polisen",
        "polisen-lpo-nordost",
        lpoer=("nordost",),
        titel="Operativ samordnare LPO Nordost",
    ),
    DemoAnvandare(
        "opsam.hisingen",
        "Hilda",
        "Hisingen",
        Roll.OPERATIV_SAMORDNARE,
        "polisen",
        lpoer=("hisingen",),
        titel="Operativ samordnare LPO Hisingen",
    ),
    DemoAnvandare(
        "opsam.syd",
        "Sune",
        "Syd",
        Roll.OPERATIV_SAMORDNARE,
        "polisen",
        lpoer=("syd",),
        titel="Operativ samordnare LPO Syd",
    ),
    DemoAnvandare(
        "insatspolis.city",
        "Ivar",
        "Insats",
        Roll.INSATSPOLIS,
        "polisen",
        "polisen-lpo-city",
        lpoer=("city",),
        insatspolis=True,
        titel="Insatspolis",
    ),
    DemoAnvandare(
        "polisledning",
        "Per",
        "Ledning",
        Roll.POLISLEDNING,
        "polisen",
        lpoer=("city", "hisingen", "syd", "nordost"),
        titel="Polisområde Storgöteborg",
    ),
    DemoAnvandare(
        "ledningsgrupp",
        "Lena",
        "Ledningsgrupp",
        Roll.LEDNINGSGRUPP,
        "goteborgs-stad",
        titel="Ledningsgrupp Trygg i Göteborg",
    ),
    DemoAnvandare(
        "api.skv",
        "API",
        "Skatteverket",
        Roll.API_KLIENT,
        "skatteverket",
        titel="Tjänstekonto",
    ),
]
