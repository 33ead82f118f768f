"""The operations world of the tests: people in every relation to an operation, and operations
in each state, driven through the verbs."""

import contextlib
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from insatser import services, varningar
from insatser.models import Insats, Installningsorsak
from myndigheter.models import Anvandarprofil, Enhet, Lokalpolisomrade, Myndighet
from myndigheter.roles import Roll, rollgrupp
from tests.fabriker import ObjektFabrik, lpo, org


@contextlib.contextmanager
def modulvarld(django_db_blocker, media_root):
    """Rows built once for a whole module, in a transaction rolled back after its last test.

    Each test of the module still runs in a savepoint of its own (pytest-django's ``db``), so
    what one test changes the next does not see. Files the world writes go to ``media_root``,
    which the module's tests share (``tillfalliga_filer`` reads ``MODULENS_MEDIA``). Not for
    modules with transactional tests, which empty the tables.
    """
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# The password of every user ``ny_anvandare`` creates.
TESTLOSENORD = "test-losen-123"


def ny_anvandare(
    username: str,
    roll: Roll,
    organisation: str,
    *,
    enhet: str | None = None,
    lpoer: tuple[str, ...] = (),
    insatspolis: bool = False,
):
    """A user with one role in an organisation (by fixture code) and an optional LPO scope."""
    user = get_user_model().objects.create_user(username=username, password=TESTLOSENORD)
    user.groups.add(rollgrupp(roll))
    profil = Anvandarprofil.objects.create(
        user=user,
        organisation=Myndighet.objects.get(kod=organisation),
        enhet=Enhet.objects.get(kod=enhet) if enhet else None,
        ar_insatspolis=insatspolis,
    )
    profil.lpo_scope.set(Lokalpolisomrade.objects.filter(kod__in=lpoer))
    return user


def las(insats):
    return Insats.objects.get(pk=insats.pk)


def aktuell_version(rad) -> int:
    """The row's version as it is now: what a form opened now would send back."""
    return type(rad).objects.values_list("version", flat=True).get(pk=rad.pk)


def formularet(klient, url) -> dict:
    """The edit form's fields as the page shows them, ready to send back."""
    form = klient.get(url).context["form"]
    data = {}
    for namn in form.fields:
        varde = form[namn].value()
        if varde is None:
            continue
        if hasattr(varde, "pk"):
            varde = varde.pk
        elif hasattr(varde, "__iter__") and not isinstance(varde, str):
            varde = [getattr(v, "pk", v) for v in varde]
        elif hasattr(varde, "astimezone"):
            if timezone.is_aware(varde):
                varde = timezone.localtime(varde)
            varde = varde.strftime("%Y-%m-%d %H:%M")
        data[namn] = varde
    return data


def startsidan(svar, nyckel: str):
    """What a section of the start page shows under ``nyckel`` (the sections come from the apps)."""
    for avsnitt in svar.context["avsnitt"]:
        if nyckel in avsnitt.kontext:
            return avsnitt.kontext[nyckel]
    raise KeyError(nyckel)


def status_av(rad) -> str:
    """The row's status as it is now (a control's page sends it back as its version)."""
    return type(rad).objects.values_list("status", flat=True).get(pk=rad.pk)


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
        "polis": skapa_anvandare(
            "polis", Roll.INSATSPOLIS, "polisen", lpoer=("city",), insatspolis=True
        ),
        "polis_annan": skapa_anvandare(
            "polis2", Roll.INSATSPOLIS, "polisen", lpoer=("city",), insatspolis=True
        ),
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
    return ObjektFabrik(
        referens="N-1",
        namn="Hemliga Pizzerian AB",
        organisationsnummer="556016-0680",
        adress="Lönngatan 7",
        lpo=lpo("city"),
    )


@pytest.fixture
def orsak(db):
    return Installningsorsak.objects.get(kod="skjutning")


def kvitterat(verb, samordnare, insats, *args, **kwargs):
    """Run a planning verb past the operation's warnings, as a coordinator stating a reason."""
    kwargs.setdefault("version", aktuell_version(insats))
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
    services.planera_insats(samordnare, insats, version=aktuell_version(insats))
    begaran = services.begar_bemanning(
        samordnare, insats, lpo("city"), 3, version=aktuell_version(insats)
    )
    return las(insats), begaran


def bekrafta(personer, insats, begaran, antal: int) -> None:
    """Skatteverket accepts with two people and City confirms ``antal`` officers, naming the
    operation officer: what makes a planned operation with a staffing request confirmed."""
    deltagande = insats.deltaganden.get(organisation__kod="skatteverket")
    services.besvara_inbjudan(
        personer["skv"],
        deltagande,
        accepterad=True,
        planerat_antal=2,
        version=aktuell_version(deltagande),
    )
    services.besvara_bemanning(
        personer["opsam"],
        begaran,
        antal,
        poliser=[personer["polis"]],
        version=aktuell_version(begaran),
    )


def stall_in(personer, insats, orsak, kommentar: str = "Skottlossning"):
    """The coordinator cancels the operation, with the police's comment on the cause."""
    return services.stall_in_insats(
        personer["samordnare"], insats, orsak, kommentar=kommentar, version=aktuell_version(insats)
    )


@pytest.fixture
def bekraftad(personer, begard):
    """Skatteverket accepted, City confirmed with the named officer: the operation is confirmed."""
    insats, begaran = begard
    bekrafta(personer, insats, begaran, 3)
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
