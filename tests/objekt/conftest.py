"""A small world for the object pool: objects in and out of the pool, an operation, marks."""

from datetime import timedelta

import pytest
from django.utils import timezone

from insatser.models import Bemanningsbegaran, Deltagande, Insats, Kontroll
from insatser.workflow import BemanningStatus, InsatsStatus
from myndigheter.models import Kommun, Lokalpolisomrade, Myndighet, Stadsomrade, UtsattOmrade
from myndigheter.roles import Roll
from objekt.models import Informationsmall, Myndighetsintresse, Objekt, Objekttyp

R = Myndighetsintresse.Relevans


def org(kod):
    return Myndighet.objects.get(kod=kod)


def skapa_objekt(namn, forslag="skatteverket", **extra):
    varden = {
        "referens": f"T-{namn[:12]}",
        "namn": namn,
        "objekttyp": Objekttyp.FORETAG,
        "adress": f"{namn}gatan 1",
        "kommun": Kommun.objects.get(kod="goteborg"),
        "foreslaget_av_organisation": org(forslag),
        **extra,
    }
    return Objekt.objects.create(**varden)


def skapa_insats(referens, deltagare=("skatteverket",), status=InsatsStatus.BEKRAFTAD, dagar=5):
    start = timezone.now() + timedelta(days=dagar)
    insats = Insats.objects.create(
        referens=referens,
        titel=f"Titel {referens}",
        samordnande_organisation=org("akc-vast"),
        start=start,
        slut=start + timedelta(hours=3),
        status=status,
    )
    for kod in deltagare:
        Deltagande.objects.create(insats=insats, organisation=org(kod))
    Bemanningsbegaran.objects.create(
        insats=insats,
        lpo=Lokalpolisomrade.objects.get(kod="city"),
        begart_antal=2,
        status=BemanningStatus.SKICKAD,
    )
    return insats


def markera(objekt, kod, relevans, grund=""):
    return Myndighetsintresse.objects.create(
        objekt=objekt, organisation=org(kod), relevans=relevans, grund=grund, lagstod="Lag X"
    )


@pytest.fixture
def folk(skapa_anvandare):
    return {
        "sam": skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast", enhet="akc-vast-samordning"),
        "sam_miljo": skapa_anvandare("sam.miljo", Roll.SAMORDNARE, "miljoforvaltningen"),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket", enhet="skv-kontroll"),
        "kontakt_skv": skapa_anvandare("kontakt.skv", Roll.MYNDIGHETSKONTAKT, "skatteverket"),
        "av": skapa_anvandare("av", Roll.HANDLAGGARE, "av"),
        "mig": skapa_anvandare("mig", Roll.HANDLAGGARE, "migrationsverket"),
        "opsam": skapa_anvandare("opsam", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("city",)),
        "opsam_no": skapa_anvandare(
            "opsam.no", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("nordost",)
        ),
        "polis": skapa_anvandare("polis", Roll.INSATSPOLIS, "polisen"),
        "pl": skapa_anvandare("pl", Roll.POLISLEDNING, "polisen", lpoer=("city", "nordost")),
        "lg": skapa_anvandare("lg", Roll.LEDNINGSGRUPP, "goteborgs-stad"),
        "api": skapa_anvandare("api", Roll.API_KLIENT, "skatteverket"),
    }


@pytest.fixture
def varld(folk):
    centrum = Stadsomrade.objects.get(kod="centrum")
    pool = skapa_objekt(
        "Poolbolaget AB",
        organisationsnummer="556016-0680",
        stadsomrade=centrum,
        lpo=centrum.lpo,
        postort="Göteborg",
    )
    nordost = skapa_objekt(
        "Nordostlagret",
        forslag="av",
        objekttyp=Objekttyp.LOKAL,
        lpo=Lokalpolisomrade.objects.get(kod="nordost"),
        utsatt_omrade=UtsattOmrade.objects.get(kod="gardsten"),
        reserv=True,
    )
    avfort = skapa_objekt("Avförda Kiosken", forslag="av", status=Objekt.Status.AVFORT)
    kontrollerat = skapa_objekt(
        "Kontrollerade Krogen", forslag="akc-vast", status=Objekt.Status.AVSLUTAT
    )
    insats = skapa_insats("EGEN")
    Kontroll.objects.create(insats=insats, objekt=kontrollerat)
    markera(pool, "skatteverket", R.RELEVANT, "Skatteskulder misstänks")
    markera(pool, "av", R.RELEVANT, "Arbetsmiljörisker i köket")
    markera(pool, "migrationsverket", R.EJ_RELEVANT, "Inga utländska arbetstagare")
    return {
        **folk,
        "pool": pool,
        "nordost": nordost,
        "avfort": avfort,
        "kontrollerat": kontrollerat,
        "insats": insats,
    }


@pytest.fixture
def skv_mall(db):
    return Informationsmall.objects.create(
        organisation=org("skatteverket"),
        objekttyp=Objekttyp.FORETAG,
        faltdefinition=[
            {"namn": "anstallda", "etikett": "Antal anställda", "typ": "number"},
            {
                "namn": "f_skatt",
                "etikett": "F-skatt registrerad",
                "typ": "boolean",
                "obligatorisk": True,
            },
            {
                "namn": "bransch",
                "etikett": "Bransch",
                "typ": "choice",
                "val": ["Restaurang", "Bygg"],
            },
            {"namn": "noteringar", "etikett": "Noteringar", "typ": "textarea"},
        ],
    )
