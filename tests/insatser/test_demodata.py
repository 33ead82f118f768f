"""The demo data command: complete, consistent and idempotent.

The demo data is loaded once for the module (``demovarld``, the command as ``make run`` runs it);
each test reads it in a savepoint of its own."""

import io
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from insatser import varningar
from insatser.demoanvandare import DEMO_ANVANDARE
from insatser.demodata import Demodata
from insatser.models import Bemanningsbegaran, Insats, Varningstyp
from insatser.workflow import BemanningStatus, InsatsStatus
from objekt.models import Objekt
from objekt.validators import normalisera_organisationsnummer
from tests.varld import modulvarld, startsidan

DOMAN_APPAR = ["auth", "myndigheter", "objekt", "insatser", "utvardering", "arshjul"]


def ogonblicksbild():
    """Every row of every domain table, as plain values."""
    bild = {}
    for label in DOMAN_APPAR:
        for modell in apps.get_app_config(label).get_models():
            bild[modell._meta.label] = list(modell.objects.order_by("pk").values())
            for falt in modell._meta.many_to_many:
                genom = falt.remote_field.through
                bild[genom._meta.label] = list(genom.objects.order_by("pk").values())
    return bild


@pytest.fixture(scope="module")
def demovarld(django_db_setup, django_db_blocker, modulens_media):
    """The command's output of the first run, with the demo data in place for the module."""
    with modulvarld(django_db_blocker, modulens_media):
        utdata = io.StringIO()
        call_command("demodata", stdout=utdata)
        yield utdata.getvalue()


pytestmark = pytest.mark.usefixtures("demovarld")


@pytest.mark.django_db
def test_second_run_changes_nothing(demovarld):
    assert demovarld.splitlines()[-1] != "Demodata klar: 0 nya rader."
    fore = ogonblicksbild()
    assert Demodata().kor() == 0
    assert ogonblicksbild() == fore


@pytest.mark.django_db
def test_command_reports_new_rows(demovarld, capsys):
    call_command("demodata")
    forsta = demovarld.splitlines()[-1]
    assert forsta.startswith("Demodata klar: ")
    assert int(forsta.split()[2]) > 0
    assert capsys.readouterr().out.splitlines()[-1] == "Demodata klar: 0 nya rader."


@pytest.mark.django_db
def test_every_operation_and_staffing_state_occurs():
    """Every state the verbs leave a row in: a staffing request is written and sent in one
    verb, so none stays a draft (UTKAST)."""
    assert set(Insats.objects.values_list("status", flat=True)) == set(InsatsStatus.values)
    assert set(Bemanningsbegaran.objects.values_list("status", flat=True)) == set(
        BemanningStatus.values
    ) - {BemanningStatus.UTKAST}


@pytest.mark.django_db
def test_operations_are_consistent_with_their_state():
    for insats in Insats.objects.filter(status=InsatsStatus.INSTALLD):
        assert insats.installd_orsak_id is not None
    for insats in Insats.objects.filter(status=InsatsStatus.OMPLANERAD):
        assert insats.efterfoljare.start > insats.start
    for insats in Insats.objects.filter(status=InsatsStatus.BEKRAFTAD):
        assert insats.bemanningsbegaranden.filter(
            status__in=[BemanningStatus.BEKRAFTAD, BemanningStatus.DELVIS_BEKRAFTAD]
        ).exists()
    assert Insats.objects.filter(omplanerad_fran__isnull=False).exists()


@pytest.mark.django_db
def test_operations_are_spread_over_the_year():
    ar = timezone.localdate().year
    manader = {
        timezone.localtime(d).month
        for d in Insats.objects.values_list("start", flat=True)
        if timezone.localtime(d).year == ar
    }
    assert len(manader) >= 10


@pytest.mark.django_db
def test_every_agency_of_the_demo_has_its_information_templates():
    from objekt.models import Informationsmall

    assert set(Informationsmall.objects.values_list("organisation__kod", flat=True)) == {
        "skatteverket",
        "av",
        "migrationsverket",
        "miljoforvaltningen",
        "akc-vast",
    }


@pytest.mark.django_db
def test_businesses_are_fictitious_with_valid_numbers():
    objekt = list(Objekt.objects.all())
    assert len(objekt) == 48
    markorer = ("Påhittad", "Exempel", "Fiktiv", "Demo", "Låtsas", "Test")
    for o in objekt:
        assert any(m in o.namn for m in markorer), o.namn
        assert normalisera_organisationsnummer(o.organisationsnummer) == o.organisationsnummer
        assert o.postnummer[:3] in {"411", "417", "421", "424"}


@pytest.mark.django_db
@pytest.mark.parametrize("demo", DEMO_ANVANDARE, ids=lambda d: d.username)
def test_every_demo_login_reaches_a_start_page_with_organisation_and_role(client, demo):
    svar = client.post(
        "/logga-in/", {"username": demo.username, "password": settings.DEMO_PASSWORD}
    )
    assert svar.status_code == 302
    sida = client.get("/")
    assert sida.status_code == 200
    text = sida.content.decode()
    profil = startsidan(sida, "profil")
    assert profil.organisation.kod == demo.organisation
    assert profil.organisation.namn in text
    assert str(demo.roll.label) in text


@pytest.mark.django_db
def test_planning_meetings_have_minutes_and_open_actions_for_skatteverket():
    from arshjul.models import Atgard, Motesprotokoll
    from arshjul.workflow import AtgardStatus

    protokoll = Motesprotokoll.objects.filter(handelse__titel__contains="planeringsmöte ")
    assert protokoll.count() == 2
    assert all(p.text for p in protokoll)
    assert Atgard.objects.filter(
        protokoll__in=protokoll,
        ansvarig__username="handlaggare.skv",
        status=AtgardStatus.OPPEN,
    ).exists()


@pytest.mark.django_db
def test_the_demo_window_has_pledges_and_its_operation_needs_more_than_one():
    insats = Insats.objects.get(referens=f"DEMO-{timezone.localdate().year}-FONSTER")
    assert sorted(insats.insatsfonster.resurslofte.values_list("organisation__kod", flat=True)) == [
        "akc-vast",
        "skatteverket",
    ]
    [varning] = [
        v for v in varningar.okvitterade(insats) if v.typ == Varningstyp.RESURSER_OVERSKRIDNA
    ]
    assert varning.text.startswith("Skatteverket har lovat 2 personer per insatsdag")


def test_carried_out_operations_are_in_every_evaluation_state():
    from django.db.models import Count, Q

    from utvardering import selectors
    from utvardering.models import Forbattringsomrade, Gemensamutvardering

    utvarderingar = Gemensamutvardering.objects.annotate(
        inlamnade=Count(
            "myndighetsutvarderingar", filter=Q(myndighetsutvarderingar__status="INLAMNAD")
        ),
        alla=Count("myndighetsutvarderingar"),
    )
    oppna = utvarderingar.filter(status="OPPEN")
    assert oppna.filter(inlamnade=0).exists()
    assert oppna.filter(inlamnade__gt=0).exists()
    assert oppna.filter(frist__lt=timezone.localdate()).exists()
    avslutade = utvarderingar.filter(status="AVSLUTAD")
    assert avslutade.exists()
    assert set(avslutade.values_list("insats__status", flat=True)) == {InsatsStatus.UTVARDERAD}
    assert not Insats.objects.filter(
        status=InsatsStatus.UTVARDERAD, gemensam_utvardering__isnull=True
    ).exists()
    assert set(
        Forbattringsomrade.objects.filter(insats__status=InsatsStatus.UTVARDERAD).values_list(
            "status", flat=True
        )
    ) == {"OPPEN", "PAGAENDE"}
    rad = (
        avslutade.first()
        .myndighetsutvarderingar.order_by("organisation__namn", "lpo__namn", "pk")
        .first()
    )
    assert selectors.andringar_efter_inlamning(rad)


def test_akc_vast_s_wheel_of_the_year_is_published_with_the_demo_operations_on_it():
    from arshjul.models import Arshjulsversion
    from arshjul.workflow import VersionStatus

    (version,) = Arshjulsversion.objects.filter(
        arshjulsar__arshjul__kod="akc-vast-insatser",
        arshjulsar__ar=timezone.localdate().year,
        status=VersionStatus.PUBLICERAD,
    )
    assert version.publicerad_av.username == "samordnare.akc"
    assert all(f.name for f in (version.svg, version.pdf, version.ics))
    # The file for everyone counts the demo operations planned in the windows, naming none.
    svg = version.svg.open("rb").read().decode()
    assert re.search(r"planerade [1-9]", svg)
    assert "DEMO-" not in svg


def test_one_person_is_double_booked_so_the_warning_shows():
    insats = Insats.objects.get(referens=f"DEMO-{timezone.localdate().year}-034")
    typer = {v.typ for v in varningar.varningar(insats)}
    assert Varningstyp.PERSONAL_DUBBELBOKAD in typer
