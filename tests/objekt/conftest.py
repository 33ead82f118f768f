"""A small world for the object pool: objects in and out of the pool, an operation, marks."""

import pytest

from insatser.workflow import BemanningStatus, InsatsStatus
from myndigheter.models import Stadsomrade, UtsattOmrade
from myndigheter.roles import Roll
from objekt.models import Informationsmall, Myndighetsintresse, Objekt, Objekttyp
from tests.fabriker import (
    BemanningsbegaranFabrik,
    DeltagandeFabrik,
    InsatsFabrik,
    KontrollFabrik,
    ObjektFabrik,
    lpo,
    org,
)

R = Myndighetsintresse.Relevans


def skapa_objekt(namn, forslag="skatteverket", **extra):
    varden = {
        "referens": f"T-{namn[:12]}",
        "namn": namn,
        "adress": f"{namn}gatan 1",
        "foreslaget_av_organisation": org(forslag),
        **extra,
    }
    return ObjektFabrik(**varden)


def skapa_insats(referens, deltagare=("skatteverket",), status=InsatsStatus.BEKRAFTAD, dagar=5):
    """Sent staffing request to LPO City: City's police coordinator sees the operation."""
    insats = InsatsFabrik(
        referens=referens, titel=f"Titel {referens}", dagar=dagar, timmar=3, status=status
    )
    for kod in deltagare:
        DeltagandeFabrik(insats=insats, organisation=org(kod))
    BemanningsbegaranFabrik(insats=insats, lpo=lpo("city"), status=BemanningStatus.SKICKAD)
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
        lpo=lpo("nordost"),
        utsatt_omrade=UtsattOmrade.objects.get(kod="gardsten"),
        reserv=True,
    )
    avfort = skapa_objekt("Avförda Kiosken", forslag="av", status=Objekt.Status.AVFORT)
    kontrollerat = skapa_objekt(
        "Kontrollerade Krogen", forslag="akc-vast", status=Objekt.Status.AVSLUTAT
    )
    insats = skapa_insats("EGEN")
    KontrollFabrik(insats=insats, objekt=kontrollerat)
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
