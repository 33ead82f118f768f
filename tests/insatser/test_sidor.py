"""The operation list and page: each role sees its operations and fields, nothing more."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insatser.models import Frislappning, Polisbemanning
from insatser.workflow import BemanningStatus, InsatsStatus
from karna.models import Atkomstlogg
from myndigheter.roles import Roll
from objekt.models import Objektuppgift
from tests.fabriker import (
    BemanningsbegaranFabrik,
    DeltagandeFabrik,
    InsatsFabrik,
    KontrollFabrik,
    ObjektFabrik,
)
from tests.fabriker import lpo as _lpo
from tests.fabriker import org as _org

pytestmark = pytest.mark.django_db


def _insats(referens, deltagare=("skatteverket",), lpo="city", **extra):
    start = timezone.now() + timedelta(days=6)
    insats = InsatsFabrik(
        referens=referens,
        titel=f"Titel {referens}",
        samordnande_organisation=_org("akc-vast"),
        start=start.replace(hour=18, minute=30),
        slut=start.replace(hour=22, minute=0),
        samlingsplats="Hemlig samlingsplats vid kajen",
        lpoer=[_lpo(lpo)],
        **extra,
    )
    for kod in deltagare:
        DeltagandeFabrik(insats=insats, organisation=_org(kod))
    return insats


@pytest.fixture
def varld(skapa_anvandare):
    objekt = ObjektFabrik(namn="Sidbolaget AB")
    egen = _insats("EGEN", status=InsatsStatus.BEKRAFTAD)
    annan = _insats("ANNAN", deltagare=("av",), lpo="nordost")
    KontrollFabrik(insats=egen, objekt=objekt)
    begaran = BemanningsbegaranFabrik(
        insats=egen,
        lpo=_lpo("city"),
        begart_antal=4,
        bekraftat_antal=3,
        status=BemanningStatus.DELVIS_BEKRAFTAD,
        intern_anteckning="Två från IGV",
    )
    polis = skapa_anvandare("polis", Roll.INSATSPOLIS, "polisen")
    polis.first_name, polis.last_name = "Petra", "Polis"
    polis.save()
    Polisbemanning.objects.create(begaran=begaran, anvandare=polis)
    skv = skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")
    frislappt = Objektuppgift.objects.create(
        objekt=objekt, organisation=_org("skatteverket"), innehall={"Skatteskulder": "Ja"}
    )
    Frislappning.objects.create(objektuppgift=frislappt, insats=egen, frislappt_av=skv, grund="X")
    Objektuppgift.objects.create(
        objekt=objekt, organisation=_org("av"), innehall={"Tidigare brister": "Hemligt"}
    )
    return {
        "egen": egen,
        "annan": annan,
        "skv": skv,
        "mig": skapa_anvandare("mig", Roll.HANDLAGGARE, "migrationsverket"),
        "samordnare": skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast"),
        "opsam": skapa_anvandare("opsam", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("city",)),
        "polisledning": skapa_anvandare("pl", Roll.POLISLEDNING, "polisen", lpoer=("city",)),
        "polis": polis,
    }


def _text(client, user, url):
    client.force_login(user)
    svar = client.get(url)
    return svar.status_code, svar.content.decode()


def test_another_agencys_operation_is_absent_from_list_count_search_and_detail(client, varld):
    status, text = _text(client, varld["skv"], "/insatser/")
    assert "Titel EGEN" in text
    assert "Titel ANNAN" not in text
    assert "1 insats" in text
    _, sok = _text(client, varld["skv"], "/insatser/?q=ANNAN")
    assert "0 insatser" in sok
    status, _ = _text(client, varld["skv"], f"/insatser/{varld['annan'].pk}/")
    assert status == 404


def test_an_agency_taking_part_in_nothing_sees_nothing(client, varld):
    _, text = _text(client, varld["mig"], "/insatser/")
    assert "0 insatser" in text
    for insats in (varld["egen"], varld["annan"]):
        assert _text(client, varld["mig"], f"/insatser/{insats.pk}/")[0] == 404


def test_officer_sees_meeting_point_objects_and_released_information_only(client, varld):
    status, text = _text(client, varld["skv"], f"/insatser/{varld['egen'].pk}/")
    assert status == 200
    assert "Hemlig samlingsplats vid kajen" in text
    assert "Sidbolaget AB" in text
    assert "Skatteskulder" in text
    assert "Tidigare brister" not in text, "Arbetsmiljöverket has not released its information"
    assert "Petra Polis" not in text
    assert "Två från IGV" not in text
    assert "Bekräftad" in text


def test_reading_the_page_logs_the_information_read(client, varld):
    _text(client, varld["skv"], f"/insatser/{varld['egen'].pk}/")
    _text(client, varld["samordnare"], f"/insatser/{varld['egen'].pk}/")
    rader = Atkomstlogg.objects.filter(handling=Atkomstlogg.Handling.LASA)
    assert sorted(rader.values_list("anvandarnamn", flat=True)) == ["sam", "skv"]


def test_coordinator_sees_head_counts_but_not_police_internals(client, varld):
    _, text = _text(client, varld["samordnare"], f"/insatser/{varld['egen'].pk}/")
    assert "3 / 4" in text
    assert "Petra Polis" not in text
    assert "Två från IGV" not in text


def test_police_coordinator_sees_named_officers_and_internal_note(client, varld):
    _, text = _text(client, varld["opsam"], f"/insatser/{varld['egen'].pk}/")
    assert "Petra Polis" in text
    assert "Två från IGV" in text
    assert "Hemlig samlingsplats vid kajen" in text


def test_police_management_opens_no_single_operation_and_reads_counts_instead(client, varld):
    status, text = _text(client, varld["polisledning"], f"/insatser/{varld['egen'].pk}/")
    assert status == 404
    assert "Hemlig samlingsplats vid kajen" not in text
    _, lista = _text(client, varld["polisledning"], "/insatser/")
    assert varld["egen"].referens not in lista
    assert "18:30" not in lista
    _, start = _text(client, varld["polisledning"], "/")
    assert "i siffror" in start
    assert varld["egen"].referens not in start
    assert not Atkomstlogg.objects.exists()


def test_bad_filter_input_gets_swedish_messages_not_errors(client, varld):
    status, text = _text(client, varld["skv"], "/insatser/?fran=2026-12-01&till=2026-11-01")
    assert status == 200
    assert "Slutdatumet måste vara samma som eller efter startdatumet." in text
    status, text = _text(client, varld["skv"], "/insatser/?fran=inte-ett-datum&status=PÅHITTAD")
    assert status == 200
    assert "Fyll i ett giltigt datum." in text
    assert "Välj ett giltigt alternativ." in text


def test_list_takes_constant_queries(client, varld):
    client.force_login(varld["skv"])
    client.get("/insatser/")
    with CaptureQueriesContext(connection) as fore:
        client.get("/insatser/")
    for nummer in range(25):
        _insats(f"N{nummer}")
    with CaptureQueriesContext(connection) as efter:
        svar = client.get("/insatser/")
    assert len(svar.context["sida"]) == 26
    assert len(efter) == len(fore)


def test_a_list_longer_than_the_ceiling_says_more_than_and_shows_the_first(
    client, varld, monkeypatch
):
    monkeypatch.setattr("karna.sidor.TAK", 3)
    for nummer in range(4):
        _insats(f"T{nummer}")
    client.force_login(varld["skv"])
    svar = client.get("/insatser/")
    assert "Fler än 3 insatser" in svar.content.decode()
    sida = svar.context["sida"]
    assert sida.paginator.over_tak
    # Same start for all: the list's order falls back to creation, and the first three show.
    assert [insats.referens for insats in sida] == ["EGEN", "T0", "T1"]


def test_a_list_within_the_ceiling_counts_exactly_in_date_order(client, varld, monkeypatch):
    monkeypatch.setattr("karna.sidor.TAK", 3)
    senare = _insats("SENARE")
    senare.start += timedelta(days=1)
    senare.slut += timedelta(days=1)
    senare.save(update_fields=["start", "slut"])
    client.force_login(varld["skv"])
    svar = client.get("/insatser/")
    assert "2 insatser" in svar.content.decode()
    assert not svar.context["sida"].paginator.over_tak
    assert [insats.referens for insats in svar.context["sida"]] == ["EGEN", "SENARE"]


def test_the_operation_page_links_to_the_picker_instead_of_listing_the_pool(client, varld):
    """A pool of a hundred thousand objects in a select made the page take seconds: objects are
    added from the ranked picker, which pages them."""
    for nummer in range(3):
        ObjektFabrik(namn=f"Poolbolag {nummer}")
    status, text = _text(client, varld["samordnare"], f"/insatser/{varld['annan'].pk}/")
    assert status == 200
    assert f'href="/insatser/{varld["annan"].pk}/objekt/valj/"' in text
    assert "Poolbolag" not in text
    assert 'name="objekt"' not in text
