"""A planned operation with people in every relation to it, driven through the services."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from insatser import services, varningar
from insatser.models import Insats, Installningsorsak
from myndigheter.models import Kommun, Lokalpolisomrade, Myndighet
from myndigheter.roles import Roll
from objekt.models import Objekt, Objekttyp


def org(kod):
    return Myndighet.objects.get(kod=kod)


def lpo(kod):
    return Lokalpolisomrade.objects.get(kod=kod)


def las(insats):
    return Insats.objects.get(pk=insats.pk)


@pytest.fixture
def personer(skapa_anvandare):
    def med_epost(user):
        user.email = f"{user.username}@example.se"
        user.save(update_fields=["email"])
        return user

    personer = {
        "samordnare": skapa_anvandare(
            "samordnare", Roll.SAMORDNARE, "akc-vast", enhet="akc-vast-samordning"
        ),
        "kollega": skapa_anvandare("kollega", Roll.SAMORDNARE, "akc-vast"),
        "samordnare_miljo": skapa_anvandare("sam.miljo", Roll.SAMORDNARE, "miljoforvaltningen"),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "skv_kontakt": skapa_anvandare("skv.kontakt", Roll.MYNDIGHETSKONTAKT, "skatteverket"),
        "skv_inaktiv": skapa_anvandare("skv.inaktiv", Roll.HANDLAGGARE, "skatteverket"),
        "av": skapa_anvandare("av", Roll.HANDLAGGARE, "av"),
        "opsam": skapa_anvandare("opsam", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("city",)),
        "opsam_nordost": skapa_anvandare(
            "opsam.nordost", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("nordost",)
        ),
        "polis": skapa_anvandare("polis", Roll.INSATSPOLIS, "polisen", insatspolis=True),
        "polis_annan": skapa_anvandare("polis2", Roll.INSATSPOLIS, "polisen", insatspolis=True),
        "polisledning": skapa_anvandare(
            "polisledning", Roll.POLISLEDNING, "polisen", lpoer=("city", "nordost")
        ),
        "ledningsgrupp": skapa_anvandare("ledning", Roll.LEDNINGSGRUPP, "goteborgs-stad"),
        "api": skapa_anvandare("api.skv", Roll.API_KLIENT, "skatteverket"),
    }
    personer["skv_inaktiv"].is_active = False
    personer["skv_inaktiv"].save(update_fields=["is_active"])
    for user in personer.values():
        med_epost(user)
    return personer


@pytest.fixture
def objekt(db):
    return Objekt.objects.create(
        referens="N-1",
        namn="Hemliga Pizzerian AB",
        objekttyp=Objekttyp.FORETAG,
        organisationsnummer="556016-0680",
        adress="Lönngatan 7",
        kommun=Kommun.objects.get(kod="goteborg"),
        lpo=lpo("city"),
        foreslaget_av_organisation=org("skatteverket"),
    )


@pytest.fixture
def orsak(db):
    return Installningsorsak.objects.get(kod="skjutning")


def kvitterat(verb, samordnare, insats, *args, **kwargs):
    """Run a planning verb past the operation's warnings, as a coordinator stating a reason."""
    return verb(
        samordnare,
        insats,
        *args,
        motivering="Planeras med kort varsel i testet",
        kvitterade=[v.nyckel for v in varningar.varningar(insats)],
        **kwargs,
    )


@pytest.fixture
def begard(personer, objekt):
    """Planned with Skatteverket invited, staffing requested from LPO City; its request."""
    samordnare = personer["samordnare"]
    start = timezone.now() + timedelta(days=40)
    insats = services.skapa_insats(
        user=samordnare,
        titel="Kontroll av restauranger",
        start=start,
        slut=start + timedelta(hours=4),
        samlingsplats="Bakom Centralstationen",
        lpoer=[lpo("city")],
    )
    services.bjud_in(samordnare, insats, org("skatteverket"))
    services.lagg_till_kontroll(samordnare, insats, objekt)
    services.planera_insats(samordnare, insats)
    begaran = services.begar_bemanning(samordnare, insats, lpo("city"), 3)
    return las(insats), begaran


@pytest.fixture
def bekraftad(personer, begard):
    """Skatteverket accepted, City confirmed with the named officer: the operation is confirmed."""
    insats, begaran = begard
    deltagande = insats.deltaganden.get(organisation__kod="skatteverket")
    services.besvara_inbjudan(personer["skv"], deltagande, accepterad=True, planerat_antal=2)
    services.besvara_bemanning(personer["opsam"], begaran, 3, poliser=[personer["polis"]])
    return las(insats), begaran


@pytest.fixture
def pa_dagen(bekraftad):
    """The clock on the operation's day, half an hour after its start."""
    insats, _ = bekraftad
    with time_machine.travel(insats.start + timedelta(minutes=30), tick=False):
        yield insats


@pytest.fixture
def kontroll(pa_dagen):
    """The confirmed operation's one control, on its day."""
    return pa_dagen.kontroller.get()
