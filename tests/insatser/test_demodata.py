"""The demo data command: complete, consistent and idempotent."""

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from insatser.demodata import DEMO_ANVANDARE, Demodata
from insatser.models import Bemanningsbegaran, Insats
from insatser.workflow import BemanningStatus, InsatsStatus
from objekt.models import Objekt
from objekt.validators import normalisera_organisationsnummer
from tests.varld import startsidan

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


@pytest.mark.django_db
def test_second_run_changes_nothing():
    assert Demodata().kor() > 0
    fore = ogonblicksbild()
    assert Demodata().kor() == 0
    assert ogonblicksbild() == fore


@pytest.mark.django_db
def test_command_reports_new_rows(capsys):
    call_command("demodata")
    call_command("demodata")
    utdata = capsys.readouterr().out.splitlines()
    assert utdata[-1] == "Demodata klar: 0 nya rader."
    assert utdata[0] != utdata[-1]


@pytest.mark.django_db
def test_every_operation_and_staffing_state_occurs():
    """Every state the verbs leave a row in: a staffing request is written and sent in one
    verb, so none stays a draft (UTKAST)."""
    Demodata().kor()
    assert set(Insats.objects.values_list("status", flat=True)) == set(InsatsStatus.values)
    assert set(Bemanningsbegaran.objects.values_list("status", flat=True)) == set(
        BemanningStatus.values
    ) - {BemanningStatus.UTKAST}


@pytest.mark.django_db
def test_operations_are_consistent_with_their_state():
    Demodata().kor()
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
    Demodata(2026).kor()
    manader = {d.month for d in Insats.objects.values_list("start", flat=True)}
    assert len(manader) >= 10


@pytest.mark.django_db
def test_businesses_are_fictitious_with_valid_numbers():
    Demodata().kor()
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
    Demodata().kor()
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
